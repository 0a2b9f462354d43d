import { memberId, nodeOf } from '../consensus/types.ts'
import { groupKind } from './local-groups.ts'
import { founderOf } from './meta.ts'
import type { Group } from './group.ts'
import type { LocalGroups } from './local-groups.ts'
import type { MetaView } from './meta-view.ts'
import type { Clock, Timer } from '../clock/clock.ts'
import type { MemberId } from '../consensus/types.ts'
import type { Logger } from '@libp2p/interface'

export interface MembershipInit {
  nodeId: string
  /** How often groups this node leads are reconciled (default 200 ms) */
  intervalMs?: number
  /** A member silent this long (to a leader that has led at least as long) is replaced (default 5,000 ms) */
  memberDeadMs?: number
  /** Voters of a data group once the mesh has enough live nodes (default 3) */
  dataVoters?: number
  /** Most voters of the metadata group (default 5); further nodes are its learners */
  metaVoters?: number
}

export interface MembershipComponents {
  clock: Clock
  groups: LocalGroups
  view: MetaView
  logger: Logger
  /** Does this node measure `node`'s clock beyond the maximum offset (such a node is fenced) */
  clockFar?(node: string): boolean
}

/**
 * As the leader of a group, keeps its membership right, one change at a time (Raft allows no
 * more): grows a data group from 1 voter to 3 once the mesh has 3 live nodes (through two learners
 * promoted together, never 2 voters); replaces members that are dead, silent or superseded by a
 * newer incarnation of their node (a replacement is added and caught up before the member it
 * replaces is removed, unless enough healthy voters remain); makes every live node a member of the
 * metadata group (at most 5 voters, the rest learners); and hands a data group's leadership back to
 * the node that founded it once that node is a caught-up voter again.
 */
export class MembershipManager {
  private readonly components: MembershipComponents
  private readonly nodeId: string
  private readonly intervalMs: number
  private readonly memberDeadMs: number
  private readonly dataVoters: number
  private readonly metaVoters: number
  private readonly leadingSince = new Map<string, { term: number, sinceMs: number }>()
  private timer?: Timer
  private running = false

  constructor (components: MembershipComponents, init: MembershipInit) {
    this.components = components
    this.nodeId = init.nodeId
    this.intervalMs = init.intervalMs ?? 200
    this.memberDeadMs = init.memberDeadMs ?? 5_000
    this.dataVoters = init.dataVoters ?? 3
    this.metaVoters = init.metaVoters ?? 5
  }

  start (): void {
    this.running = true
    this.schedule()
  }

  stop (): void {
    this.running = false
    this.timer?.cancel()
  }

  /** One reconciliation of every group this node leads (exposed for tests) */
  tick (): void {
    for (const group of this.components.groups.all()) {
      if (!group.raft.isReady) {
        this.leadingSince.delete(group.id)
        continue
      }
      try {
        this.reconcile(group)
      } catch (err) {
        this.components.logger.error('membership of %s: %s', group.id, (err as Error).message)
      }
    }
  }

  private schedule (): void {
    if (!this.running) {
      return
    }
    this.timer = this.components.clock.setTimer(() => {
      this.tick()
      this.schedule()
    }, this.intervalMs)
  }

  private reconcile (group: Group): void {
    const raft = group.raft
    const now = this.components.clock.monotonicMs()
    let since = this.leadingSince.get(group.id)
    if (since?.term !== raft.term) {
      since = { term: raft.term, sinceMs: now }
      this.leadingSince.set(group.id, since)
    }
    // a new leader has heard from nobody yet: it judges silence only once it has led long enough
    const judgeSilence = now - since.sinceMs >= this.memberDeadMs
    const silence = raft.memberSilenceMs()
    const { voters, learners } = raft.currentMembership
    const view = this.components.view
    const bad = (member: MemberId): boolean => {
      if (member === raft.id) {
        return false
      }
      const status = view.isCurrent(member)
      if (status === 'superseded' || status === 'dead') {
        return true
      }
      return judgeSilence && (silence.get(member) ?? 0) > this.memberDeadMs
    }
    const live = [...view.nodes()]
      .filter(([, info]) => !info.dead)
      .map(([node, info]) => memberId(node, info.incarnation))
    const kind = groupKind(group.id)
    // 1 voter until 3 nodes are live (a group of 2 voters halts when either is down), then 3 for
    // a data group and up to 5 for the metadata group
    const target = live.length < 3 ? 1 : kind === 'meta' ? Math.min(this.metaVoters, live.length) : this.dataVoters

    const badLearners = learners.filter(bad)
    if (badLearners.length > 0) {
      this.change(group, { remove: badLearners[0] }, 'remove a dead or superseded learner')
      return
    }
    const badVoters = voters.filter(bad)
    const healthyVoters = voters.length - badVoters.length
    if (badVoters.length > 0) {
      const after = voters.length - 1
      // removing first is fine while enough healthy voters remain and the group never has 2
      if (healthyVoters >= target || after >= 3 || (after === 1 && target === 1)) {
        raft.maxVoters = target
        this.change(group, { remove: badVoters[0] }, 'remove a dead or superseded voter')
        return
      }
      // replace first: let one more voter in, add a learner, and remove the bad voter once promoted
      raft.maxVoters = voters.length + 1
      if (learners.length === 0) {
        this.addCandidate(group, [...voters, ...learners], live, 'replace a dead or superseded voter')
      }
      return
    }
    if (voters.length < target) {
      raft.maxVoters = target
      // growing from a lone voter takes two learners at once (promoted together: never 2 voters)
      const wanted = voters.length === 1 && target >= 3 ? 2 : target - voters.length
      if (learners.length < wanted) {
        this.addCandidate(group, [...voters, ...learners], live, `grow to ${target} voters`)
      }
      return
    }
    const founder = kind === 'data' ? this.liveFounder(group) : undefined
    if (founder != null && !voters.includes(founder) && !learners.includes(founder)) {
      // the founder is back (it was replaced while down or cut off): it rejoins as a learner, is
      // promoted once caught up, then a voter that is not the founder leaves and leadership goes back
      raft.maxVoters = Math.max(target, voters.length) + 1
      this.change(group, { add: founder }, 'bring back the founder')
      return
    }
    if (voters.length > target) {
      // after a replacement, or the mesh shrank: drop a voter that is neither this leader nor the founder
      const extra = [...voters].reverse().find(v => v !== raft.id && v !== founder)
      if (extra != null && voters.length - 1 !== 2) {
        this.change(group, { remove: extra }, `shrink to ${target} voters`)
        return
      }
    }
    raft.maxVoters = target
    if (kind === 'meta') {
      // every live node holds the metadata as a learner
      const missing = live.find(m => !voters.includes(m) && !learners.includes(m))
      if (missing != null) {
        this.change(group, { add: missing }, 'add a metadata replica')
        return
      }
    } else if (learners.length > 0 && voters.length >= target) {
      // a learner left over from a replacement that is no longer needed
      this.change(group, { remove: learners[0] }, 'remove a spare learner')
      return
    }
    this.returnLeadership(group)
  }

  /**
   * Add the live node that serves the fewest groups, ties broken by rendezvous hashing of group and
   * node (so that groups spread evenly over nodes)
   */
  private addCandidate (group: Group, members: MemberId[], live: MemberId[], why: string): void {
    const inGroup = new Set(members.map(nodeOf))
    const candidates = live.filter(m => !inGroup.has(nodeOf(m)))
    if (candidates.length === 0) {
      return
    }
    const load = this.components.view.memberships()
    const loadOf = (m: MemberId): number => load.get(nodeOf(m)) ?? 0
    candidates.sort((a, b) => loadOf(a) - loadOf(b) || rank(group.id, b) - rank(group.id, a) || (a < b ? -1 : 1))
    this.change(group, { add: candidates[0] }, why)
  }

  private change (group: Group, change: { add?: MemberId, remove?: MemberId }, why: string): void {
    if (group.raft.changeMembership(change)) {
      this.components.logger('%s: %s (%s)', group.id, change.add != null ? `add ${change.add}` : `remove ${change.remove ?? ''}`, why)
    }
  }

  /** The member id of the node that founded this data group, if it is live and its group is still this one */
  private liveFounder (group: Group): MemberId | undefined {
    const founder = founderOf(group.id)
    if (founder == null) {
      return undefined
    }
    const info = this.components.view.nodes().get(founder)
    if (info == null || info.dead || info.group !== group.id) {
      return undefined
    }
    return memberId(founder, info.incarnation)
  }

  /** A data group normally is led by the node that founded it */
  private returnLeadership (group: Group): void {
    if (groupKind(group.id) !== 'data' || founderOf(group.id) === this.nodeId) {
      return
    }
    const target = this.liveFounder(group)
    if (target == null || this.components.clockFar?.(nodeOf(target)) === true) {
      // a fenced founder would not campaign: the transfer would only cost this leader its lease
      return
    }
    const match = group.raft.matchIndexes().get(target) ?? 0
    if (group.raft.currentMembership.voters.includes(target) && match >= group.raft.lastIndex &&
      group.raft.transferLeadership(target)) {
      this.components.logger('%s: handing leadership back to its founder %s', group.id, target)
    }
  }
}

/** FNV-1a of group and member: a stable, well-spread ranking */
function rank (group: string, member: string): number {
  let hash = 0x811c9dc5
  const text = `${group}|${nodeOf(member)}`
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
