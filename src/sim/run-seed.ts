import { DEFAULT_TIMING } from '../consensus/raft.ts'
import { InvariantChecker } from './checker.ts'
import { scheduleForSeed, SCHEDULES } from './faults.ts'
import { HistoryTee } from './history.ts'
import { controlMembership } from './membership-controller.ts'
import { RaftCluster } from './raft-cluster.ts'
import { SeededRandom } from './random.ts'
import { formatEvent, formatMessage, formatTime } from './trace.ts'
import type { Violation } from './checker.ts'
import type { FaultContext, ScheduleSpec } from './faults.ts'
import type { HistoryEvent } from './history.ts'
import type { RaftTiming, UnsafeSwitches } from '../consensus/raft.ts'

export interface SeedRunOptions {
  seed: number
  /** Keep a readable trace of every message, fault and event */
  trace?: boolean
  /** Switch rules of the safety argument off (tests only) */
  unsafe?: UnsafeSwitches
  timing?: Partial<RaftTiming>
  /** Run this schedule kind whatever the seed would pick */
  schedule?: string
  /** How long the group is given to heal after the faults stop */
  settleMs?: number
}

export interface SeedRunResult {
  seed: number
  schedule: string
  ok: boolean
  checks: number
  violations: Violation[]
  /** Exceptions and errors the core reported */
  errors: string[]
  trace: string[]
  stats: {
    virtualMs: number
    events: number
    messages: number
    proposals: { committed: number, lost: number, unresolved: number }
    reads: number
    leaders: number
  }
}

/** The maximum clock offset the simulated mesh is configured with (DESIGN.md's default) */
export const SIM_MAX_OFFSET_MS = 500

function heal (ctx: FaultContext): void {
  const cluster = ctx.cluster
  cluster.note('faults stop: the network heals, paused nodes resume, crashed nodes restart')
  cluster.network.healAll()
  cluster.network.setProfile({ dropRate: 0, duplicateRate: 0, minDelayMs: 0.5, maxDelayMs: 3, delaySpikeRate: 0, maxExtraDelayMs: 0 })
  ctx.labels.clear()
  for (const node of cluster.nodes) {
    if (node.process.state === 'paused') {
      cluster.resume(node.name)
    }
    if (node.crashed) {
      cluster.restart(node.name, false)
    }
  }
}

/** Build the schedule a seed runs (also used to tell what a seed does without running it) */
export function scheduleOf (seed: number, schedule?: string, timing?: Partial<RaftTiming>): ScheduleSpec {
  const random = new SeededRandom(seed)
  const { leaseMs, driftRate } = { ...DEFAULT_TIMING, ...timing }
  const params = { leaseMs, driftRate, maxOffsetMs: SIM_MAX_OFFSET_MS }
  if (schedule != null) {
    const kind = SCHEDULES.find(s => s.name === schedule)
    if (kind == null) {
      throw new Error(`no schedule named ${schedule}; known: ${[...new Set(SCHEDULES.map(s => s.name))].join(', ')}`)
    }
    return kind.build(random, params, seed)
  }
  return scheduleForSeed(seed, random, params)
}

/**
 * Run one seeded fault schedule against a Raft group, checking every invariant as it goes and
 * the outcome of every proposal at the end. The same seed (and options) gives the same run.
 */
export async function runSeed (options: SeedRunOptions): Promise<SeedRunResult> {
  const { seed } = options
  const spec = scheduleOf(seed, options.schedule, options.timing)
  const random = new SeededRandom(seed ^ 0x5bd1e995)
  const checker = new InvariantChecker()
  const trace: string[] = []
  const leaseMs = { ...DEFAULT_TIMING, ...options.timing }.leaseMs
  let leaders = 0
  let reads = 0
  const watchers: Array<(event: HistoryEvent) => void> = []
  const sink = new HistoryTee(checker, {
    record: event => {
      for (const watcher of watchers) {
        watcher(event)
      }
      if (event.type === 'role' && event.role === 'leader') {
        leaders++
      }
      if (options.trace === true) {
        trace.push(`${formatTime(event.atMs)}  ${formatEvent(event)}`)
      }
    }
  })
  const cluster = new RaftCluster({
    seed: random.nextUint32(),
    nodes: spec.nodes,
    voters: spec.voters,
    link: spec.link,
    clocks: spec.clocks,
    sink,
    unsafe: options.unsafe,
    timing: options.timing,
    maxSnapshotChunkBytes: spec.maxSnapshotChunkBytes,
    onNetwork: options.trace === true
      ? (event, from, to, message, atMs) => {
          if (event === 'deliver') {
            trace.push(`${formatTime(atMs)}  ${from} -> ${to}  ${formatMessage(message)}`)
          } else if (event !== 'send') {
            trace.push(`${formatTime(atMs)}  ${from} -x ${to}  (${event}) ${formatMessage(message)}`)
          }
        }
      : undefined
  })
  const ctx: FaultContext = { cluster, random: random.fork(), desired: new Set(cluster.nodes.slice(0, spec.voters).map(n => n.name)), leaseMs, labels: new Map(), watch: fn => { watchers.push(fn) } }
  if (options.trace === true) {
    trace.push(`seed ${seed}: schedule ${spec.name}, ${spec.nodes} nodes, ${spec.voters} voters, link ${JSON.stringify(spec.link)}, clocks ${spec.clocks.map(c => `${c.rate.toFixed(4)}x${c.wallOffsetMs >= 0 ? '+' : ''}${c.wallOffsetMs.toFixed(0)}ms`).join(' ')}`)
  }

  for (const step of spec.steps) {
    cluster.scheduler.at(step.atMs, () => { step.run(ctx) })
  }
  const workloadRandom = random.fork()
  const { workload } = spec
  let workloadOn = true
  const propose = (): void => {
    if (!workloadOn) {
      return
    }
    const leaders = cluster.leaders()
    if (leaders.length > 0) {
      cluster.propose(workloadRandom.pick(leaders), workloadRandom.chance(workload.syncChance))
    }
    cluster.scheduler.after(workloadRandom.between(...workload.proposeEveryMs), propose)
  }
  const read = (): void => {
    if (!workloadOn) {
      return
    }
    reads += cluster.readAtLeaseHolders()
    cluster.scheduler.after(workloadRandom.between(...workload.readEveryMs), read)
  }
  const compact = (): void => {
    for (const node of cluster.nodes) {
      cluster.compact(node, workload.compactRetain)
    }
    cluster.scheduler.after(workload.compactEveryMs, compact)
  }
  const control = (): void => {
    controlMembership(ctx)
    cluster.scheduler.after(50, control)
  }
  cluster.scheduler.after(workloadRandom.between(0, 20), propose)
  cluster.scheduler.after(workloadRandom.between(0, 20), read)
  if (workload.compactEveryMs > 0) {
    cluster.scheduler.after(workload.compactEveryMs, compact)
  }
  cluster.scheduler.after(50, control)

  cluster.start()
  await cluster.runUntil(spec.faultsUntilMs)
  if (cluster.errors.length === 0) {
    heal(ctx)
    await cluster.runFor(options.settleMs ?? 1500)
  }
  if (cluster.errors.length === 0) {
    // no new work: let the group commit past every proposal, so each one is decided
    workloadOn = false
    const fill = (): void => {
      const leader = cluster.readyLeader()
      if (leader?.raft != null && leader.raft.lastIndex < checker.maxProposedIndex) {
        cluster.propose(leader, false)
      }
      cluster.scheduler.after(25, fill)
    }
    fill()
    const decided = await cluster.runUntilTrue(() => checker.allProposalsDecided, cluster.nowMs + 10_000)
    if (!decided && cluster.errors.length === 0) {
      cluster.errors.push(`liveness: proposals still undecided 10 s after the faults stopped (leader: ${cluster.readyLeader()?.member ?? 'none'})`)
    }
  }
  checker.finish(cluster.nowMs)
  const errors = cluster.errors
  if (options.trace === true) {
    for (const violation of checker.violations) {
      trace.push(`${formatTime(violation.atMs)}  VIOLATION ${violation.invariant} at ${violation.member ?? '-'}: ${violation.message}`)
    }
    for (const error of errors) {
      trace.push(`ERROR ${error}`)
    }
  }
  return {
    seed,
    schedule: spec.name,
    ok: checker.ok && errors.length === 0,
    checks: checker.checks,
    violations: checker.violations,
    errors,
    trace,
    stats: {
      virtualMs: cluster.nowMs,
      events: cluster.scheduler.executed,
      messages: cluster.network.sent,
      proposals: { ...checker.outcome },
      reads,
      leaders
    }
  }
}
