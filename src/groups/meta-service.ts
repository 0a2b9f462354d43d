import { memberId, nodeOf } from '../consensus/types.ts'
import { META_GROUP_ID, SLOTS_KEY, Slots, encodeGroupInfo, encodeNodeInfo, founderOf, groupKey, nodeKey } from './meta.ts'
import type { Group } from './group.ts'
import type { LocalGroups } from './local-groups.ts'
import type { MetaView } from './meta-view.ts'
import type { GroupInfo, NodeInfo } from './meta.ts'
import type { GroupReport, JoinRequest, NodeRequest, NodeResponse, NodeTransport } from './transport.ts'
import type { Clock, Timer } from '../clock/clock.ts'
import type { Tx } from '../txn/transaction.ts'
import type { Logger } from '@libp2p/interface'

export interface MetaServiceComponents {
  clock: Clock
  groups: LocalGroups
  view: MetaView
  transport: NodeTransport
  logger: Logger
  random(): number
  /** Run an internal task whose keys are all in the metadata group (on its leader), durably */
  runMeta<T>(fn: (tx: Tx) => Promise<T> | T): Promise<T>
}

export interface MetaServiceInit {
  nodeId: string
  incarnation: string
  /** The data group this incarnation founded */
  ownGroup: string
  /** Node ids to join through; none: this node founds the mesh (unless it already has metadata) */
  bootstrap: string[]
  addrs(): string[]
  /** A node silent to the metadata leader this long is marked dead (default 5,000 ms) */
  nodeDeadMs?: number
  intervalMs?: number
}

const REQUEST_TIMEOUT_MS = 2_000
/** A join commits a metadata entry on the leader: on a stalled mesh that can take seconds */
const JOIN_TIMEOUT_MS = 5_000
const REPORT_EVERY_MS = 1_000

/**
 * The node's dealings with the metadata group: founding it (a node with no bootstrap peers and no
 * metadata of its own), joining through bootstrap peers (registering its incarnation and its data
 * group with the metadata leader), and, on the metadata leader, answering joins, recording data
 * groups' membership reports and marking nodes dead or alive again. Data group leaders report
 * their membership whenever the metadata's copy differs.
 */
export class MetaService {
  private readonly components: MetaServiceComponents
  private readonly init: MetaServiceInit
  private readonly nodeDeadMs: number
  private readonly intervalMs: number
  private readonly lastReport = new Map<string, number>()
  private leadingSince?: { term: number, sinceMs: number }
  private timer?: Timer
  private running = false
  private joined = false
  private marking = false

  constructor (components: MetaServiceComponents, init: MetaServiceInit) {
    this.components = components
    this.init = init
    this.nodeDeadMs = init.nodeDeadMs ?? 5_000
    this.intervalMs = init.intervalMs ?? 250
  }

  get hasJoined (): boolean {
    return this.joined
  }

  async start (): Promise<void> {
    this.running = true
    const { groups } = this.components
    if (groups.get(META_GROUP_ID) == null && this.init.bootstrap.length === 0) {
      await this.found()
    } else {
      void this.joinLoop()
    }
    this.schedule()
  }

  stop (): void {
    this.running = false
    this.timer?.cancel()
  }

  /** Requests from other nodes */
  async handle (from: string, request: NodeRequest): Promise<NodeResponse> {
    const meta = this.components.groups.get(META_GROUP_ID)
    if (meta?.raft.isReady !== true) {
      const leader = this.components.view.leaderNode()
      if (leader != null && leader !== this.init.nodeId) {
        return { status: 'redirect', leader }
      }
      return { status: 'retry', reason: 'no metadata leader known here' }
    }
    switch (request.type) {
      case 'join': return this.onJoin(request)
      case 'group-report': return this.onGroupReport(request)
      default: return { status: 'retry', reason: 'unknown request' }
    }
  }

  /**
   * The first node of a mesh: found the metadata group and record itself. Should the first
   * registration fail (a stalled node can lose its own metadata leadership before it commits),
   * the node registers through whoever leads the metadata then, like any other node.
   */
  private async found (): Promise<void> {
    const { groups, logger } = this.components
    const meta = await groups.found(META_GROUP_ID)
    logger('founding the mesh: metadata group on %s', this.init.nodeId)
    try {
      await meta.whenWritable({ timeoutMs: 60_000 })
      await this.register({ type: 'join', node: this.init.nodeId, incarnation: this.init.incarnation, group: this.init.ownGroup, addrs: this.init.addrs() }, true)
      this.joined = true
    } catch (err) {
      logger('founding registration failed (%s): registering through the metadata leader', (err as Error).message)
      void this.joinLoop()
    }
  }

  /**
   * Registered, as this node's own replica of the metadata shows it: the metadata leader recorded
   * this incarnation alive and is heard from. A join whose answer was lost (a request timed out
   * on a stalled leader after the registration committed) is seen here.
   */
  private registeredInView (): boolean {
    const meta = this.components.groups.get(META_GROUP_ID)
    const info = this.components.view.nodes().get(this.init.nodeId)
    return meta != null && info != null && info.incarnation === this.init.incarnation && !info.dead &&
      meta.raft.leaderSilenceMs() < this.nodeDeadMs / 2
  }

  private async joinLoop (): Promise<void> {
    const { transport, logger, clock } = this.components
    let attempt = 0
    while (this.running && !this.joined) {
      if (this.registeredInView()) {
        this.joined = true
        logger('registered (seen in the metadata)')
        return
      }
      const meta = this.components.groups.get(META_GROUP_ID)
      if (meta?.raft.isReady === true) {
        // this node leads the metadata (a restart with its data): record itself directly
        await this.register({ type: 'join', node: this.init.nodeId, incarnation: this.init.incarnation, group: this.init.ownGroup, addrs: this.init.addrs() }, false)
          .then(() => { this.joined = true }, () => {})
        continue
      }
      const candidates = [this.components.view.leaderNode(), ...this.init.bootstrap].filter((n): n is string => n != null && n !== this.init.nodeId)
      let target: string | undefined = candidates[attempt % Math.max(1, candidates.length)]
      for (let hop = 0; hop < 3 && target != null && this.running; hop++) {
        try {
          const response = await transport.request(target, { type: 'join', node: this.init.nodeId, incarnation: this.init.incarnation, group: this.init.ownGroup, addrs: this.init.addrs() }, { timeoutMs: JOIN_TIMEOUT_MS })
          if (response.status === 'ok') {
            this.joined = true
            logger('joined the mesh through %s', target)
            return
          }
          target = response.status === 'redirect' ? response.leader : undefined
        } catch (err) {
          logger('join through %s failed: %s', target, (err as Error).message)
          target = undefined
        }
      }
      attempt++
      const backoffMs = Math.min(2_000, 50 * 2 ** Math.min(attempt, 6)) * (0.5 + this.components.random() / 2)
      await new Promise<void>(resolve => clock.setTimer(resolve, backoffMs))
    }
  }

  private async onJoin (request: JoinRequest): Promise<NodeResponse> {
    if (!isId(request.node) || !isId(request.incarnation) || !isId(request.group) || request.addrs.length > 64) {
      return { status: 'retry', reason: 'malformed join' }
    }
    await this.register(request, false)
    return { status: 'ok' }
  }

  /** Record a node's incarnation and its data group (a newer incarnation supersedes the old one) */
  private async register (request: JoinRequest, founding: boolean): Promise<void> {
    const now = this.components.clock.wallMs()
    await this.components.runMeta(async tx => {
      const previous = await tx.get(nodeKey(request.node))
      const info: NodeInfo = {
        incarnation: request.incarnation,
        addrs: [...request.addrs],
        group: request.group,
        dead: false,
        joinedAtMs: now
      }
      if (previous != null) {
        const old = this.components.view.nodes().get(request.node)
        if (old?.incarnation === request.incarnation) {
          info.joinedAtMs = old.joinedAtMs
        }
      }
      tx.put(nodeKey(request.node), encodeNodeInfo(info))
      if (await tx.get(groupKey(request.group)) == null) {
        const group: GroupInfo = { founder: request.node, voters: [memberId(request.node, request.incarnation)], learners: [], term: 0 }
        tx.put(groupKey(request.group), encodeGroupInfo(group))
      }
      if (founding && await tx.get(SLOTS_KEY) == null) {
        tx.put(SLOTS_KEY, Slots.all(request.group).encode())
      }
    })
  }

  private async onGroupReport (report: GroupReport): Promise<NodeResponse> {
    if (!isId(report.group) || report.voters.length > 16 || report.learners.length > 64) {
      return { status: 'retry', reason: 'malformed report' }
    }
    await this.components.runMeta(async tx => {
      const stored = this.components.view.groupInfo(report.group)
      if (stored != null && stored.term > report.term) {
        return
      }
      await tx.get(groupKey(report.group))
      tx.put(groupKey(report.group), encodeGroupInfo({ founder: report.founder, voters: [...report.voters], learners: [...report.learners], leader: report.leader, term: report.term }))
    })
    return { status: 'ok' }
  }

  private schedule (): void {
    if (!this.running) {
      return
    }
    this.timer = this.components.clock.setTimer(() => {
      void this.tick().finally(() => { this.schedule() })
    }, this.intervalMs)
  }

  private async tick (): Promise<void> {
    const meta = this.components.groups.get(META_GROUP_ID)
    if (this.joined && meta != null && meta.raft.leaderSilenceMs() > this.nodeDeadMs) {
      // cut off long enough to be marked dead and dropped from the metadata group, which then no
      // longer talks to this node: it joins again (the same incarnation, alive again)
      this.components.logger('no word from a metadata leader for %d ms: joining again', Math.round(meta.raft.leaderSilenceMs()))
      this.joined = false
      void this.joinLoop()
    }
    try {
      await this.markLiveness()
      await this.reportGroups()
    } catch (err) {
      this.components.logger('metadata upkeep: %s', (err as Error).message)
    }
  }

  /** On the metadata leader: nodes silent too long are dead; heard again, alive */
  private async markLiveness (): Promise<void> {
    const meta = this.components.groups.get(META_GROUP_ID)
    if (meta?.raft.isReady !== true || this.marking) {
      this.leadingSince = undefined
      return
    }
    const now = this.components.clock.monotonicMs()
    if (this.leadingSince?.term !== meta.raft.term) {
      this.leadingSince = { term: meta.raft.term, sinceMs: now }
    }
    if (now - this.leadingSince.sinceMs < this.nodeDeadMs) {
      return
    }
    const silence = meta.raft.memberSilenceMs()
    const changes: Array<[string, NodeInfo]> = []
    for (const [node, info] of this.components.view.nodes()) {
      if (node === this.init.nodeId) {
        continue
      }
      const quiet = silence.get(memberId(node, info.incarnation))
      if (quiet == null) {
        continue
      }
      if (!info.dead && quiet > this.nodeDeadMs) {
        changes.push([node, { ...info, dead: true }])
      } else if (info.dead && quiet < this.nodeDeadMs / 2) {
        changes.push([node, { ...info, dead: false }])
      }
    }
    if (changes.length === 0) {
      return
    }
    this.marking = true
    try {
      await this.components.runMeta(async tx => {
        for (const [node, info] of changes) {
          await tx.get(nodeKey(node))
          tx.put(nodeKey(node), encodeNodeInfo(info))
        }
      })
      for (const [node, info] of changes) {
        this.components.logger('node %s is %s', node, info.dead ? 'dead' : 'alive again')
      }
    } finally {
      this.marking = false
    }
  }

  /** On a data group's leader: the metadata's copy of its membership must match */
  private async reportGroups (): Promise<void> {
    const now = this.components.clock.monotonicMs()
    for (const group of this.components.groups.all()) {
      if (group.id === META_GROUP_ID || !group.raft.isReady) {
        continue
      }
      const report = this.reportOf(group)
      const stored = this.components.view.groupInfo(group.id)
      if (stored != null && sameMembership(stored, report)) {
        continue
      }
      if (now - (this.lastReport.get(group.id) ?? Number.NEGATIVE_INFINITY) < REPORT_EVERY_MS) {
        continue
      }
      this.lastReport.set(group.id, now)
      const leader = this.components.view.leaderNode()
      if (leader === this.init.nodeId) {
        await this.onGroupReport(report)
      } else if (leader != null) {
        await this.components.transport.request(leader, report, { timeoutMs: REQUEST_TIMEOUT_MS }).catch(() => {})
      }
    }
  }

  private reportOf (group: Group): GroupReport {
    const { voters, learners } = group.raft.currentMembership
    return {
      type: 'group-report',
      group: group.id,
      founder: founderOf(group.id) ?? nodeOf(group.member),
      voters: [...voters],
      learners: [...learners],
      leader: group.member,
      term: group.raft.term
    }
  }
}

function sameMembership (stored: GroupInfo, report: GroupReport): boolean {
  return stored.leader === report.leader && stored.term === report.term &&
    stored.voters.join(',') === report.voters.join(',') && stored.learners.join(',') === report.learners.join(',')
}

function isId (value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 128 && !value.includes('/') && !value.includes(':')
}
