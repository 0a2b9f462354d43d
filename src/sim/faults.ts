import { nodeOf } from '../consensus/types.ts'
import type { CrashKind } from './disk.ts'
import type { HistoryEvent } from './history.ts'
import type { LinkProfile } from './network.ts'
import type { NodeClockSetting, RaftCluster } from './raft-cluster.ts'
import type { SeededRandom } from './random.ts'

/** What a fault step may look at and act on while it runs */
export interface FaultContext {
  readonly cluster: RaftCluster
  readonly random: SeededRandom
  /** The nodes the group should have as members; the membership controller works towards it */
  readonly desired: Set<string>
  readonly leaseMs: number
  /** Names given to nodes by earlier steps (`the node paused`), so a later step can find them */
  readonly labels: Map<string, string>
  /** Call `fn` with every history event from now on (to strike at a precise moment) */
  watch(fn: (event: HistoryEvent) => void): void
}

export interface FaultStep {
  readonly atMs: number
  run(ctx: FaultContext): void
}

export interface Workload {
  proposeEveryMs: [number, number]
  readEveryMs: [number, number]
  /** Checkpoint and compact each member this often (0: never) */
  compactEveryMs: number
  compactRetain: number
  /** Probability that a proposal asks for a synced append */
  syncChance: number
}

/** One fault schedule: the cluster it runs on and what befalls it */
export interface ScheduleSpec {
  readonly name: string
  readonly nodes: number
  readonly voters: number
  readonly link: LinkProfile
  readonly clocks: NodeClockSetting[]
  readonly workload: Workload
  /** Faults happen before this; then everything heals */
  readonly faultsUntilMs: number
  readonly steps: FaultStep[]
  readonly maxSnapshotChunkBytes?: number
}

export interface ScheduleParams {
  readonly leaseMs: number
  readonly driftRate: number
  readonly maxOffsetMs: number
}

// ---- helpers for steps ----

/** The node whose member leads in the highest term (it may be stale), if any */
export function leaderName (cluster: RaftCluster): string | undefined {
  let best: { name: string, term: number } | undefined
  for (const node of cluster.leaders()) {
    const term = node.raft?.term ?? 0
    if (best == null || term > best.term) {
      best = { name: node.name, term }
    }
  }
  return best?.name
}

/** Nodes running a current member of the group, other than the leader */
export function followerNames (cluster: RaftCluster): string[] {
  const leader = leaderName(cluster)
  const membership = cluster.membership()
  return [...membership.voters, ...membership.learners]
    .map(member => cluster.nodeOfMember(member))
    .filter(node => node != null && node.name !== leader && node.raft != null)
    .map(node => node?.name ?? '')
}

/** The group has only current members of wanted nodes and no learner: a memory loss is survivable now */
export function groupIsWhole (ctx: FaultContext): boolean {
  const membership = ctx.cluster.membership()
  if (membership.learners.length > 0 || membership.voters.length < 3) {
    return false
  }
  return membership.voters.every(member => ctx.desired.has(nodeOf(member)) && ctx.cluster.nodeOfMember(member)?.raft != null)
}

function pickTarget (ctx: FaultContext, who: 'leader' | 'follower' | 'any'): string | undefined {
  const leader = leaderName(ctx.cluster)
  const followers = followerNames(ctx.cluster)
  if (who === 'leader') {
    return leader
  }
  if (who === 'follower') {
    return followers.length > 0 ? ctx.random.pick(followers) : undefined
  }
  const all = leader == null ? followers : [leader, ...followers]
  return all.length > 0 ? ctx.random.pick(all) : undefined
}

function crashStep (atMs: number, who: 'leader' | 'follower' | 'any', kind: CrashKind, label: string): FaultStep {
  return {
    atMs,
    run: ctx => {
      const target = pickTarget(ctx, who)
      if (target != null && ![...ctx.labels.values()].includes(target)) {
        ctx.labels.set(label, target)
        ctx.cluster.crash(target, kind)
      }
    }
  }
}

function restartStep (atMs: number, label: string, wipe: boolean): FaultStep {
  return {
    atMs,
    run: ctx => {
      const target = ctx.labels.get(label)
      if (target == null) {
        return
      }
      ctx.labels.delete(label)
      if (wipe && !groupIsWholeBut(ctx, target)) {
        // a second memory loss before the first is repaired is outside the failure model
        ctx.cluster.note(`restart of ${target} keeps its disk: the group is not whole`)
        ctx.cluster.restart(target, false)
        return
      }
      ctx.cluster.restart(target, wipe)
    }
  }
}

/** Whole, except that `down` may be crashed right now */
function groupIsWholeBut (ctx: FaultContext, down: string): boolean {
  const membership = ctx.cluster.membership()
  if (membership.learners.length > 0 || membership.voters.length < 3) {
    return false
  }
  return membership.voters.every(member => ctx.desired.has(nodeOf(member)) && (nodeOf(member) === down || ctx.cluster.nodeOfMember(member)?.raft != null))
}

function pauseStep (atMs: number, who: 'leader' | 'follower' | 'any', forMs: number): FaultStep {
  return {
    atMs,
    run: ctx => {
      const target = pickTarget(ctx, who)
      if (target == null) {
        return
      }
      ctx.cluster.pause(target)
      ctx.cluster.note(`pause of ${target} for ${forMs.toFixed(1)} ms`)
      ctx.cluster.scheduler.after(forMs, () => { ctx.cluster.resume(target) })
    }
  }
}

function linkProfile (random: SeededRandom, calm: boolean): LinkProfile {
  if (calm) {
    return { dropRate: 0, duplicateRate: 0, minDelayMs: 0.5, maxDelayMs: 3, delaySpikeRate: 0, maxExtraDelayMs: 0 }
  }
  const minDelayMs = random.between(0.2, 2)
  return {
    dropRate: random.pick([0, 0.01, 0.03, 0.08]),
    duplicateRate: random.pick([0, 0.01, 0.05]),
    minDelayMs,
    maxDelayMs: minDelayMs + random.between(0.5, 10),
    delaySpikeRate: random.pick([0, 0.01, 0.05]),
    maxExtraDelayMs: random.between(20, 150)
  }
}

function clockSettings (random: SeededRandom, nodes: number, params: ScheduleParams, extreme: boolean): NodeClockSetting[] {
  const { driftRate, maxOffsetMs } = params
  return Array.from({ length: nodes }, () => extreme
    ? { rate: random.chance(0.5) ? 1 + driftRate : 1 - driftRate, wallOffsetMs: random.chance(0.5) ? maxOffsetMs : -maxOffsetMs }
    : { rate: random.between(1 - driftRate, 1 + driftRate), wallOffsetMs: random.between(-maxOffsetMs, maxOffsetMs) })
}

function workload (random: SeededRandom, compact: boolean): Workload {
  return {
    proposeEveryMs: [random.between(3, 15), random.between(20, 80)],
    readEveryMs: [2, random.between(8, 40)],
    compactEveryMs: compact ? random.between(100, 600) : 0,
    compactRetain: random.int(0, 8),
    syncChance: random.pick([0, 0.3, 1])
  }
}

/** Permutation number `rank` (mod n!) of `items`: consecutive seeds walk through every order */
export function permutation<T> (items: readonly T[], rank: number): T[] {
  const pool = [...items]
  const out: T[] = []
  let r = rank
  for (let n = pool.length; n > 0; n--) {
    out.push(pool.splice(r % n, 1)[0])
    r = Math.floor(r / n)
  }
  return out
}

// ---- the schedules ----

type Builder = (random: SeededRandom, params: ScheduleParams, variant: number) => ScheduleSpec

function base (name: string, random: SeededRandom, params: ScheduleParams, options: { nodes?: number, voters?: number, calm?: boolean, extremeClocks?: boolean, compact?: boolean, faultsUntilMs?: number } = {}): Omit<ScheduleSpec, 'steps'> {
  const voters = options.voters ?? random.pick([3, 3, 5])
  const nodes = options.nodes ?? voters + random.int(0, 1)
  return {
    name,
    nodes,
    voters,
    link: linkProfile(random, options.calm ?? random.chance(0.3)),
    clocks: clockSettings(random, nodes, params, options.extremeClocks ?? false),
    workload: workload(random, options.compact ?? random.chance(0.5)),
    faultsUntilMs: options.faultsUntilMs ?? 4000
  }
}

/** Pause the leader for 0.9, 1.1 or 3 times its lease, twice */
const pauseLeader: Builder = (random, params, variant) => {
  const factor = [0.9, 1.1, 3][variant % 3]
  const spec = base(`pause-leader-${factor}x`, random, params)
  const first = random.between(700, 1500)
  const second = first + random.between(800, 1800)
  return { ...spec, steps: [pauseStep(first, 'leader', factor * params.leaseMs), pauseStep(second, 'leader', factor * params.leaseMs)] }
}

/** Cut links (one-way, both ways, a split), then heal them one by one in every order */
const partitionHealOrder: Builder = (random, params, variant) => {
  const spec = base('partition-heal-order', random, params)
  const shape = variant % 4
  const startMs = random.between(700, 1500)
  const links: Array<[string, string]> = []
  const steps: FaultStep[] = [{
    atMs: startMs,
    run: ctx => {
      const leader = leaderName(ctx.cluster) ?? 'n1'
      const others = ctx.cluster.nodes.map(n => n.name).filter(n => n !== leader)
      const follower = ctx.random.pick(others)
      const cuts: Array<[string, string]> = []
      if (shape === 0) {
        // the leader cut off both ways
        for (const o of others) { cuts.push([leader, o], [o, leader]) }
      } else if (shape === 1) {
        // the leader can send but hears nothing
        for (const o of others) { cuts.push([o, leader]) }
      } else if (shape === 2) {
        // a follower cut off both ways, and the leader cannot reach another
        for (const o of ctx.cluster.nodes.map(n => n.name).filter(n => n !== follower)) { cuts.push([follower, o], [o, follower]) }
        const third = others.find(o => o !== follower)
        if (third != null) { cuts.push([leader, third]) }
      } else {
        // a split: the leader with a minority
        const minority = [leader, ...ctx.random.shuffle(others).slice(0, Math.floor((ctx.cluster.nodes.length - 1) / 2) - 1)]
        for (const a of minority) {
          for (const b of ctx.cluster.nodes.map(n => n.name).filter(n => !minority.includes(n))) { cuts.push([a, b], [b, a]) }
        }
      }
      for (const [from, to] of cuts) {
        ctx.cluster.network.cut(from, to)
      }
      links.push(...permutation(cuts, Math.floor(variant / 4)))
      ctx.cluster.note(`cut ${cuts.map(([a, b]) => `${a}>${b}`).join(' ')}; heal order ${links.map(([a, b]) => `${a}>${b}`).join(' ')}`)
    }
  }]
  let at = startMs + random.between(300, 900)
  // at most 12 links are cut (a 2 | 3 split of five nodes)
  for (let i = 0; i < 12; i++) {
    const gapMs = random.between(40, 300)
    steps.push({
      atMs: at,
      run: ctx => {
        const link = links.shift()
        if (link != null) {
          ctx.cluster.network.heal(link[0], link[1])
          ctx.cluster.note(`heal ${link[0]}>${link[1]}`)
        }
      }
    })
    at += gapMs
  }
  return { ...spec, faultsUntilMs: Math.max(spec.faultsUntilMs, at + 200), steps }
}

/** Change the membership while a member is cut off */
const membershipWhileCutOff: Builder = (random, params, variant) => {
  const spec = base('membership-while-cut-off', random, params, { voters: 3, nodes: 3 + 1 + (variant % 2) })
  const cutAt = random.between(800, 1400)
  const cutWho = random.pick(['leader', 'follower'] as const)
  const change = variant % 3
  const steps: FaultStep[] = [{
    atMs: cutAt,
    run: ctx => {
      const target = pickTarget(ctx, cutWho)
      if (target == null) {
        return
      }
      ctx.labels.set('cut', target)
      ctx.cluster.isolate(target)
      ctx.cluster.note(`${target} cut off`)
    }
  }, {
    atMs: cutAt + random.between(50, 700),
    run: ctx => {
      const cut = ctx.labels.get('cut')
      const spares = ctx.cluster.nodes.map(n => n.name).filter(n => !ctx.desired.has(n))
      const members = [...ctx.desired]
      if (change === 0 && spares.length > 0) {
        ctx.desired.add(spares[0])
      } else if (change === 1 && cut != null) {
        ctx.desired.delete(cut)
        if (spares.length > 0) { ctx.desired.add(spares[0]) }
      } else {
        const other = members.find(m => m !== cut)
        if (other != null && spares.length > 0) {
          ctx.desired.delete(other)
          ctx.desired.add(spares[0])
        }
      }
      ctx.cluster.note(`membership wanted: ${[...ctx.desired].join(',')}`)
    }
  }, {
    atMs: cutAt + random.between(800, 2500),
    run: ctx => {
      const cut = ctx.labels.get('cut')
      if (cut != null) {
        healNode(ctx, cut)
        ctx.cluster.note(`${cut} reconnected`)
      }
    }
  }]
  return { ...spec, faultsUntilMs: 5000, steps }
}

/** Crash a minority member losing its unsynced writes (power loss), one at a time */
const loseUnsynced: Builder = (random, params) => {
  const spec = base('lose-unsynced-writes', random, params, { calm: random.chance(0.5) })
  const steps: FaultStep[] = []
  let at = random.between(600, 1200)
  for (let i = 0; i < 6; i++) {
    const label = `crash${i}`
    steps.push(crashStep(at, random.pick(['leader', 'follower', 'any'] as const), 'power', label))
    at += random.between(20, 600)
    steps.push(restartStep(at, label, false))
    at += random.between(50, 500)
  }
  return { ...spec, steps }
}

/** Clocks at the edges of the bounds (drift ±ρ, skew ±max offset) under leader churn */
const clockSkew: Builder = (random, params) => {
  const spec = base('clock-skew-max', random, params, { extremeClocks: true })
  const steps: FaultStep[] = []
  let at = random.between(600, 1000)
  for (let i = 0; i < 5; i++) {
    const what = random.int(0, 2)
    if (what === 0) {
      steps.push(pauseStep(at, 'leader', random.between(0.5, 2) * params.leaseMs))
    } else if (what === 1) {
      steps.push(crashStep(at, 'leader', 'process', `c${i}`))
      steps.push(restartStep(at + random.between(50, 400), `c${i}`, false))
    } else {
      steps.push({ atMs: at, run: ctx => { const l = leaderName(ctx.cluster); if (l != null) { ctx.labels.set(`iso${i}`, l); ctx.cluster.isolate(l) } } })
      steps.push({ atMs: at + random.between(100, 600), run: ctx => { const l = ctx.labels.get(`iso${i}`); if (l != null) { healNode(ctx, l) } } })
    }
    at += random.between(300, 800)
  }
  return { ...spec, steps }
}

function healNode (ctx: FaultContext, name: string): void {
  for (const node of ctx.cluster.nodes) {
    ctx.cluster.network.heal(name, node.name)
    ctx.cluster.network.heal(node.name, name)
  }
}

/** Restart members without their disk: each comes back as a new member and must be re-added */
const wipeRejoin: Builder = (random, params) => {
  const spec = base('restart-without-disk', random, params, { faultsUntilMs: 6000 })
  const steps: FaultStep[] = []
  let at = random.between(700, 1200)
  for (let i = 0; i < 3; i++) {
    const label = `wipe${i}`
    steps.push({
      atMs: at,
      run: ctx => {
        if (!groupIsWhole(ctx)) {
          ctx.cluster.note('no wipe: the group is not whole')
          return
        }
        const target = pickTarget(ctx, ctx.random.pick(['leader', 'follower'] as const))
        if (target != null) {
          ctx.labels.set(label, target)
          ctx.cluster.crash(target, 'power')
        }
      }
    })
    at += random.between(50, 600)
    steps.push(restartStep(at, label, true))
    at += random.between(800, 1600)
  }
  return { ...spec, steps }
}

/** Leadership transfers, with faults around them */
const transfers: Builder = (random, params) => {
  const spec = base('leadership-transfer', random, params)
  const steps: FaultStep[] = []
  let at = random.between(600, 1000)
  for (let i = 0; i < 8; i++) {
    steps.push({
      atMs: at,
      run: ctx => {
        const leader = leaderName(ctx.cluster)
        const node = leader == null ? undefined : ctx.cluster.node(leader)
        const voters = node?.raft?.currentMembership.voters.filter(v => v !== node.member) ?? []
        if (node?.raft != null && voters.length > 0) {
          const target = ctx.random.pick(voters)
          const started = node.raft.transferLeadership(target)
          ctx.cluster.note(`transfer leadership to ${target}: ${started ? 'started' : 'refused'}`, node.member)
          const targetNode = ctx.cluster.nodeOfMember(target)
          if (started && targetNode != null && ctx.random.chance(0.3)) {
            // the target freezes with the hand-over in flight and takes it up only after the
            // leader has given up waiting
            const forMs = ctx.random.between(100, 2 * ctx.leaseMs + 100)
            ctx.cluster.pause(targetNode.name)
            ctx.cluster.scheduler.after(forMs, () => { ctx.cluster.resume(targetNode.name) })
            if (ctx.random.chance(0.5)) {
              // and the old leader does not hear from it for a while after
              ctx.cluster.network.cut(targetNode.name, node.name)
              ctx.cluster.note(`one-way cut ${targetNode.name}>${node.name}`)
              ctx.cluster.scheduler.after(forMs + ctx.random.between(0, 300), () => { ctx.cluster.network.heal(targetNode.name, node.name) })
            }
          }
        }
      }
    })
    if (random.chance(0.5)) {
      steps.push(random.chance(0.5)
        ? pauseStep(at + random.between(0, 30), random.pick(['leader', 'follower'] as const), random.between(50, 400))
        : { atMs: at + random.between(0, 20), run: ctx => { const f = pickTarget(ctx, 'any'); if (f != null) { ctx.labels.set(`t${i}`, f); ctx.cluster.isolate(f) } } })
      steps.push({ atMs: at + random.between(200, 500), run: ctx => { const f = ctx.labels.get(`t${i}`); if (f != null) { ctx.labels.delete(`t${i}`); healNode(ctx, f) } } })
    }
    at += random.between(250, 600)
  }
  return { ...spec, steps }
}

/** Aggressive compaction while a follower is away: it must catch up from a chunked snapshot */
const snapshotCatchUp: Builder = (random, params) => {
  const spec = base('snapshot-catch-up', random, params, { compact: true })
  const awayAt = random.between(600, 1200)
  return {
    ...spec,
    workload: { ...spec.workload, compactEveryMs: random.between(30, 150), compactRetain: random.int(0, 2) },
    maxSnapshotChunkBytes: random.pick([4, 16, 1024]),
    steps: [
      { atMs: awayAt, run: ctx => { const f = pickTarget(ctx, 'follower'); if (f != null) { ctx.labels.set('away', f); ctx.cluster.isolate(f) } } },
      { atMs: awayAt + random.between(500, 1500), run: ctx => { const f = ctx.labels.get('away'); if (f != null) { healNode(ctx, f) } } },
      crashStep(awayAt + random.between(1600, 2000), 'follower', random.pick(['process', 'power'] as const), 'late'),
      restartStep(awayAt + random.between(2100, 2600), 'late', false)
    ]
  }
}

/**
 * A group founded by one voter grows to three (both learners promoted in one step), while its
 * leader crashes, losing unsynced writes, just after it appends a membership change
 */
const growFromOne: Builder = (random, params) => {
  const spec = base('grow-from-one', random, params, { voters: 1, nodes: 3 + random.int(0, 1) })
  const growAt = random.between(300, 800)
  const crashChance = random.pick([0.3, 0.7, 1])
  return {
    ...spec,
    steps: [{
      atMs: 0,
      run: ctx => {
        ctx.watch(event => {
          if (event.type === 'log-append' && event.entries.some(e => e.id.startsWith('config:')) && ctx.random.chance(crashChance)) {
            const node = ctx.cluster.nodeOfMember(event.member)
            if (node?.raft?.role === 'leader') {
              ctx.cluster.scheduler.after(ctx.random.between(0, 0.5), () => { ctx.cluster.crash(node.name, 'power') })
              ctx.cluster.scheduler.after(ctx.random.between(20, 400), () => { ctx.cluster.restart(node.name, false) })
            }
          }
        })
      }
    }, {
      atMs: growAt,
      run: ctx => {
        for (const node of ctx.cluster.nodes.slice(1, 3)) {
          ctx.desired.add(node.name)
        }
        ctx.cluster.note(`membership wanted: ${[...ctx.desired].join(',')}`)
      }
    }]
  }
}

/** A random mix of every fault */
const randomMix: Builder = (random, params) => {
  const spec = base('random-mix', random, params, { extremeClocks: random.chance(0.3), compact: random.chance(0.6) })
  const steps: FaultStep[] = []
  let at = random.between(300, 900)
  for (let i = 0; i < 14; i++) {
    const what = random.int(0, 7)
    const label = `m${i}`
    if (what === 0) {
      steps.push(crashStep(at, random.pick(['leader', 'follower', 'any'] as const), random.pick(['process', 'power'] as const), label))
      steps.push(restartStep(at + random.between(10, 800), label, false))
    } else if (what === 1) {
      steps.push(pauseStep(at, random.pick(['leader', 'follower', 'any'] as const), random.between(10, 3.5 * params.leaseMs)))
    } else if (what === 2) {
      steps.push({ atMs: at, run: ctx => { const f = pickTarget(ctx, 'any'); if (f != null) { ctx.labels.set(label, f); ctx.cluster.isolate(f) } } })
      steps.push({ atMs: at + random.between(50, 900), run: ctx => { const f = ctx.labels.get(label); if (f != null) { ctx.labels.delete(label); healNode(ctx, f) } } })
    } else if (what === 3) {
      steps.push({
        atMs: at,
        run: ctx => {
          const names = ctx.cluster.nodes.map(n => n.name)
          const from = ctx.random.pick(names)
          const to = ctx.random.pick(names.filter(n => n !== from))
          ctx.cluster.network.cut(from, to)
          ctx.cluster.note(`one-way cut ${from}>${to}`)
          ctx.cluster.scheduler.after(ctx.random.between(50, 900), () => { ctx.cluster.network.heal(from, to); ctx.cluster.note(`heal ${from}>${to}`) })
        }
      })
    } else if (what === 4) {
      steps.push({
        atMs: at,
        run: ctx => {
          const leader = leaderName(ctx.cluster)
          const node = leader == null ? undefined : ctx.cluster.node(leader)
          const voters = node?.raft?.currentMembership.voters.filter(v => v !== node.member) ?? []
          if (node?.raft != null && voters.length > 0) {
            const target = ctx.random.pick(voters)
            ctx.cluster.note(`transfer leadership to ${target}: ${node.raft.transferLeadership(target) ? 'started' : 'refused'}`, node.member)
          }
        }
      })
    } else if (what === 5) {
      steps.push({
        atMs: at,
        run: ctx => {
          if (!groupIsWhole(ctx)) {
            return
          }
          const target = pickTarget(ctx, 'any')
          if (target != null) {
            ctx.labels.set(label, target)
            ctx.cluster.crash(target, 'power')
          }
        }
      })
      steps.push(restartStep(at + random.between(20, 500), label, true))
    } else if (what === 6) {
      steps.push({
        atMs: at,
        run: ctx => {
          const spares = ctx.cluster.nodes.map(n => n.name).filter(n => !ctx.desired.has(n))
          if (spares.length > 0 && ctx.desired.size < 5) {
            ctx.desired.add(ctx.random.pick(spares))
          } else if (ctx.desired.size > 3) {
            ctx.desired.delete(ctx.random.pick([...ctx.desired]))
          } else if (spares.length > 0) {
            ctx.desired.delete(ctx.random.pick([...ctx.desired]))
            ctx.desired.add(ctx.random.pick(spares))
          }
          ctx.cluster.note(`membership wanted: ${[...ctx.desired].join(',')}`)
        }
      })
    } else {
      steps.push({ atMs: at, run: ctx => { ctx.cluster.network.setProfile(linkProfile(ctx.random, false)) } })
    }
    at += random.between(100, 450)
  }
  return { ...spec, faultsUntilMs: Math.max(spec.faultsUntilMs, at + 300), steps }
}

/** Every schedule kind, by name; a seed picks one and its parameters */
export const SCHEDULES: ReadonlyArray<{ name: string, build: Builder }> = [
  { name: 'pause-leader', build: pauseLeader },
  { name: 'partition-heal-order', build: partitionHealOrder },
  { name: 'membership-while-cut-off', build: membershipWhileCutOff },
  { name: 'lose-unsynced-writes', build: loseUnsynced },
  { name: 'clock-skew-max', build: clockSkew },
  { name: 'restart-without-disk', build: wipeRejoin },
  { name: 'leadership-transfer', build: transfers },
  { name: 'snapshot-catch-up', build: snapshotCatchUp },
  { name: 'grow-from-one', build: growFromOne },
  { name: 'random-mix', build: randomMix },
  { name: 'random-mix', build: randomMix }
]

/** The schedule a seed runs: the kind cycles with the seed, so consecutive seeds cover every kind */
export function scheduleForSeed (seed: number, random: SeededRandom, params: ScheduleParams): ScheduleSpec {
  const kind = SCHEDULES[seed % SCHEDULES.length]
  return kind.build(random, params, Math.floor(seed / SCHEDULES.length))
}
