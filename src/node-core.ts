import { randomBytes } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { TypedEventEmitter } from '@libp2p/interface'
import { ClockFence } from './clock/clock-fence.ts'
import { HybridLogicalClock } from './clock/hlc.ts'
import { memberId, nodeOf } from './consensus/types.ts'
import { AbortError, ClockOffsetError, CommitInDoubtError, CommitLostError, InvalidKeyError, InvalidOptionError, InvalidTokenError, NotLeaderError, NotStartedError, TaskAbortedError } from './errors.ts'
import { LocalGroups } from './groups/local-groups.ts'
import { MembershipManager } from './groups/membership.ts'
import { MetaService } from './groups/meta-service.ts'
import { MetaView } from './groups/meta-view.ts'
import { META_GROUP_ID, isMetaKey } from './groups/meta.ts'
import { HandoffService } from './ownership/handoff.ts'
import { mintKey } from './ownership/keys.ts'
import { askOrderOf, leaderNodeOf } from './ownership/locate.ts'
import { RecordPublisher } from './ownership/record-publisher.ts'
import { OwnershipService } from './ownership/service.ts'
import { namedSigner } from './ownership/signer.ts'
import { ReplicaPublisher } from './replication/publisher.ts'
import { ReplicaService } from './replication/service.ts'
import { DiskStore } from './store/disk.ts'
import { defaultLimits } from './store/limits.ts'
import { LockTable } from './txn/lock-table.ts'
import { DEFAULT_TASK_OPTIONS } from './txn/options.ts'
import { TaskRegistry } from './txn/registry.ts'
import { TaskRunner } from './txn/runner.ts'
import { formatToken, toToken } from './txn/token.ts'
import type { Clock, Timer } from './clock/clock.ts'
import type { PersistedUpperBound } from './clock/hlc.ts'
import type { RaftTiming } from './consensus/raft.ts'
import type { CommitStatus } from './groups/commit-tracker.ts'
import type { Group } from './groups/group.ts'
import type { GroupMessage, NodeEndpoint, NodeRequest, NodeResponse, NodeTransport, TokenStatusRequest } from './groups/transport.ts'
import type { Signer } from './ownership/handoff.ts'
import type { RecordPublisherInit, RecordSink } from './ownership/record-publisher.ts'
import type { ReplicaServiceInit } from './replication/service.ts'
import type { ReplicaTopics } from './replication/topics.ts'
import type { KvStore } from './store/kv.ts'
import type { Limits } from './store/limits.ts'
import type { Directory, TaskGroup } from './txn/directory.ts'
import type { RunOptions, TaskDefaults } from './txn/options.ts'
import type { RegisteredTask, SubmitOptions } from './txn/registry.ts'
import type { TaskFunction, TaskReceipt, TaskRunnerStats } from './txn/runner.ts'
import type { CommitToken } from './txn/token.ts'
import type { Tx } from './txn/transaction.ts'
import type { ComponentLogger, Logger } from '@libp2p/interface'

export interface CoreComponents {
  clock: Clock
  logger: ComponentLogger
  random(): number
  /** Carries consensus messages and requests to other nodes */
  transport: NodeTransport
  /** 8 random hex characters for incarnations and group tags (default: from crypto; the simulator's are seeded) */
  randomId?(): string
  /** Signs handoffs with this node's key (default: a name tag, for tests and the simulator only) */
  signer?: Signer
  /** Publish/subscribe topics for read replicas (absent: no read replicas; reads go to owners) */
  replicaTopics?: ReplicaTopics
  /**
   * Where the master records of the groups this node leads are published (the DHT); omitted:
   * none are published
   */
  records?: RecordSink
}

export interface CoreInit {
  /** This node's id (its peer id): tie-break of task priorities */
  nodeId: string
  /** Keep state here (LevelDB); omitted, and no `kv`: memory only (a restart is a new incarnation) */
  dataDir?: string
  /** Keep state in this store instead of `dataDir` (the simulator's disk) */
  kv?: KvStore
  /** Node ids to join the mesh through; none: this node founds a mesh (unless it already belongs to one) */
  bootstrap?: string[]
  /** This node's addresses, as recorded in the metadata */
  addrs?(): string[]
  limits?: Partial<Limits>
  tasks?: Partial<TaskDefaults>
  maxClockOffsetMs?: number
  raft?: Partial<RaftTiming>
  /** How often versions no running task can see are collected (default 100 ms) */
  gcIntervalMs?: number
  checkpointIntervalMs?: number
  /** A member (or node) silent this long is replaced (or marked dead) (default 5,000 ms) */
  memberDeadMs?: number
  /** Read replicas of other nodes' groups (used only with `replicaTopics`) */
  readReplicas?: ReadReplicaOptions
  /** How often this node measures its clock against its peers' (default 2,000 ms, 16 peers a round) */
  clockProbeIntervalMs?: number
  /** Pace of publishing master records (see `RecordPublisherInit`) */
  records?: RecordPublisherInit
}

export interface ReadReplicaOptions extends ReplicaServiceInit {
  /** A leader publishes its closed timestamp at least this often while replicas listen (default 5 ms) */
  publishIntervalMs?: number
}

export interface GroupStats {
  id: string
  role: string
  term: number
  leader?: string
  voters: string[]
  learners: string[]
  commitIndex: number
  lastIndex: number
  objects: number
}

export interface TaskLostDetail {
  /** The group whose committed log decided the tokens lost */
  group: string
  /** Tokens of tasks this node returned before their commit was known, now known lost */
  tokens: CommitToken[]
}

export interface ClockFenceEventDetail {
  /** This node is beyond the maximum clock offset from a majority of the mesh and does not serve */
  fenced: boolean
  /** The peers it measured beyond the maximum offset */
  far: string[]
}

export interface CoreEvents {
  /** Tasks this node returned speculatively were lost (each token is reported once) */
  'task:lost': CustomEvent<TaskLostDetail>
  /** This node fenced itself for its clock offset, or resumed */
  'clock:fence': CustomEvent<ClockFenceEventDetail>
}

export interface CoreStats {
  /** The node is fenced for its clock offset (see the `clock:fence` event) */
  clockFenced: boolean
  tasks: TaskRunnerStats
  groups: GroupStats[]
  disk?: { batches: number, syncs: number, ops: number }
}

const INCARNATION_KEY = 'n/incarnation'
const CLOCK_BOUND_KEY = 'n/clock-bound'
const OWN_GROUP_KEY = 'n/own-group'
const UPKEEP_INTERVAL_MS = 1_000

/**
 * A node without its network: storage, clock, its groups (the metadata group, the data group it
 * founded and leads, the groups it follows), membership upkeep, and the task runner. `createNode`
 * puts libp2p in front of it; the simulator drives it directly.
 */
export class NodeCore extends TypedEventEmitter<CoreEvents> implements NodeEndpoint {
  readonly nodeId: string
  readonly incarnation: string
  readonly member: string
  readonly hlc: HybridLogicalClock
  readonly limits: Limits
  readonly groups: LocalGroups
  readonly meta: MetaView
  private ownGroupId: string
  private readonly runner: TaskRunner
  private readonly internal: TaskRunner
  private readonly locks: LockTable
  private readonly membership: MembershipManager
  private readonly metaService: MetaService
  private readonly fence: ClockFence
  /** Keeps the records of the groups this node leads published (when it has somewhere to publish) */
  readonly recordPublisher?: RecordPublisher
  private readonly ownership: OwnershipService
  private readonly transportWithSelf: NodeTransport
  readonly handoffs: HandoffService
  /** This node's read replicas of other groups, and the publisher of the groups it leads (with topics only) */
  readonly replicas?: ReplicaService
  private readonly publisher?: ReplicaPublisher
  private readonly registry: TaskRegistry
  /** minted keys of the current term */
  private minted = { term: 0, counter: 0 }
  private readonly components: CoreComponents
  private readonly disk?: DiskStore
  private readonly log: Logger
  private readonly gcIntervalMs: number
  private gcTimer?: Timer
  private upkeepTimer?: Timer
  private readonly removedSeen = new Map<string, number>()
  private running = false

  private constructor (components: CoreComponents, init: CoreInit, parts: { incarnation: string, hlc: HybridLogicalClock, kv?: KvStore, disk?: DiskStore, groups: LocalGroups, ownGroupId: string, limits: Limits }) {
    super()
    this.components = components
    this.nodeId = init.nodeId
    this.incarnation = parts.incarnation
    this.member = memberId(init.nodeId, parts.incarnation)
    this.hlc = parts.hlc
    this.disk = parts.disk
    this.limits = parts.limits
    this.groups = parts.groups
    this.ownGroupId = parts.ownGroupId
    this.meta = new MetaView(this.groups)
    this.log = components.logger.forComponent('hoard:node')
    this.gcIntervalMs = init.gcIntervalMs ?? 100
    // a key's intents live in its record in the store of its group, next to its versions
    this.locks = new LockTable({
      slotFor: key => this.routeKey(key).store.slotFor(key),
      findSlot: key => this.routeKey(key).store.findSlot(key)
    })
    const runnerComponents = {
      clock: components.clock,
      hlc: this.hlc,
      locks: this.locks,
      limits: this.limits,
      logger: components.logger,
      random: components.random,
      whenCommitted: async (token: CommitToken | string, options: { signal?: AbortSignal, timeoutMs?: number }) => { await this.whenCommitted(token, options) }
    }
    const defaults = { ...DEFAULT_TASK_OPTIONS, ...init.tasks }
    this.runner = new TaskRunner({
      ...runnerComponents,
      directory: this.userDirectory(),
      // the game server is told which of the tasks it got back early were lost (invariant 5)
      returnedSpeculative: token => { this.groups.get(token.group)?.trackOwn(token) }
    }, { nodeId: init.nodeId, defaults })
    this.internal = new TaskRunner({ ...runnerComponents, directory: this.metaDirectory() }, { nodeId: init.nodeId, defaults: { ...DEFAULT_TASK_OPTIONS, timeoutMs: 10_000 } })
    this.fence = new ClockFence({
      clock: components.clock,
      logger: components.logger.forComponent('hoard:clock'),
      peers: () => [...this.meta.nodes()].filter(([node, info]) => node !== init.nodeId && !info.dead).map(([node]) => node),
      probe: async (peer, options) => {
        const response = await components.transport.request(peer, { type: 'clock' }, options)
        if (response.status !== 'ok' || response.wallMs == null) {
          throw new Error(`${peer} did not tell its clock`)
        }
        return response.wallMs
      }
    }, { maxOffsetMs: parts.hlc.maxOffsetMs, probeIntervalMs: init.clockProbeIntervalMs })
    this.fence.addEventListener('change', (evt) => {
      // a node whose clock is off must not lead: its leases and timestamps would be wrong
      for (const group of this.groups.all()) {
        group.raft.setFenced(evt.detail.fenced)
      }
      this.safeDispatchEvent('clock:fence', { detail: { fenced: evt.detail.fenced, far: evt.detail.far } })
    })
    this.membership = new MembershipManager({
      clock: components.clock,
      groups: this.groups,
      view: this.meta,
      logger: components.logger.forComponent('hoard:membership'),
      // leadership is not handed back to a founder whose clock this node finds off: it is fenced
      clockFar: node => this.fence.isFar(node)
    }, { nodeId: init.nodeId, memberDeadMs: init.memberDeadMs })
    this.metaService = new MetaService({
      clock: components.clock,
      groups: this.groups,
      view: this.meta,
      transport: components.transport,
      logger: components.logger.forComponent('hoard:meta'),
      random: components.random,
      runMeta: async <T>(fn: (tx: Tx) => Promise<T> | T) => this.internal.run(fn, { durable: true })
    }, {
      nodeId: init.nodeId,
      incarnation: parts.incarnation,
      ownGroup: parts.ownGroupId,
      bootstrap: (init.bootstrap ?? []).filter(node => node !== init.nodeId),
      addrs: init.addrs ?? (() => []),
      nodeDeadMs: init.memberDeadMs
    })
    // requests a node sends itself (a handoff between two groups it leads) are answered here
    const transport: NodeTransport = {
      send: (toNode, message) => { components.transport.send(toNode, message) },
      request: async (toNode, request, options) => toNode === init.nodeId ? this.handle(init.nodeId, request) : components.transport.request(toNode, request, options)
    }
    this.transportWithSelf = transport
    this.handoffs = new HandoffService({
      clock: components.clock,
      hlc: this.hlc,
      groups: this.groups,
      view: this.meta,
      transport,
      locks: this.locks,
      signer: components.signer ?? namedSigner(init.nodeId),
      logger: components.logger.forComponent('hoard:handoff'),
      ownGroup: () => this.dataGroup,
      creationOf: async key => this.ownership.creationOf(key)
    }, { nodeId: init.nodeId })
    if (components.replicaTopics != null) {
      const { publishIntervalMs, ...replicaInit } = init.readReplicas ?? {}
      this.publisher = new ReplicaPublisher({
        clock: components.clock,
        groups: this.groups,
        topics: components.replicaTopics,
        logger: components.logger.forComponent('hoard:replica:publish')
      }, { intervalMs: publishIntervalMs, maxFetchBytes: this.limits.maxValueBytes - 4096 })
      this.replicas = new ReplicaService({
        clock: components.clock,
        groups: this.groups,
        topics: components.replicaTopics,
        transport,
        memberOf: group => leaderNodeOf(this.groups, this.meta, group),
        logger: components.logger.forComponent('hoard:replica')
      }, replicaInit)
    }
    this.ownership = new OwnershipService({
      clock: components.clock,
      hlc: this.hlc,
      groups: this.groups,
      view: this.meta,
      transport,
      logger: components.logger.forComponent('hoard:ownership'),
      ownGroup: () => this.dataGroup,
      handoffs: this.handoffs,
      replicas: this.replicas
    }, { nodeId: init.nodeId })
    if (components.records != null) {
      this.recordPublisher = new RecordPublisher({
        clock: components.clock,
        logger: components.logger.forComponent('hoard:ownership:publisher'),
        groups: this.groups,
        sink: components.records
      }, init.records)
    }
    this.registry = new TaskRegistry({
      nodeId: init.nodeId,
      transport,
      runTask: async (fn, options) => this.runTask(fn, options),
      ownerNodeOf: async key => {
        const group = await this.ownership.ownerGroupOf(key)
        return group == null ? undefined : leaderNodeOf(this.groups, this.meta, group)
      }
    })
    this.groups.addEventListener('group:add', (evt) => {
      if (this.fence.fenced) {
        evt.detail.group.raft.setFenced(true)
      }
      evt.detail.group.addEventListener('rollback', () => {
        // speculative versions were cut: every attempt that may have read one starts over
        const reason = (): Error => new TaskAbortedError('deposed', 'The group\'s leader changed and versions this task may have read were rolled back')
        this.runner.abortAttempts(reason)
        this.internal.abortAttempts(reason)
      })
      evt.detail.group.addEventListener('lost', (lost) => {
        this.safeDispatchEvent('task:lost', { detail: { group: lost.detail.group, tokens: lost.detail.tokens } })
      })
    })
  }

  static async create (components: CoreComponents, init: CoreInit): Promise<NodeCore> {
    if (typeof init.nodeId !== 'string' || init.nodeId.length === 0 || init.nodeId.includes('/') || init.nodeId.includes(':') || init.nodeId.includes('.')) {
      throw new InvalidOptionError('nodeId must be a non-empty string without "/", ":" or "."')
    }
    const limits = { ...defaultLimits, ...init.limits }
    for (const [name, value] of Object.entries(limits)) {
      if (!Number.isSafeInteger(value) || value <= 0) {
        throw new InvalidOptionError(`limits.${name} must be a positive integer, got ${String(value)}`)
      }
    }
    if (init.bootstrap != null && (!Array.isArray(init.bootstrap) || init.bootstrap.some(node => typeof node !== 'string'))) {
      throw new InvalidOptionError('bootstrap must be an array of node ids')
    }
    let disk: DiskStore | undefined
    let kv: KvStore | undefined = init.kv
    if (init.dataDir != null) {
      if (typeof init.dataDir !== 'string' || init.dataDir.length === 0) {
        throw new InvalidOptionError('dataDir must be a non-empty path')
      }
      await mkdir(init.dataDir, { recursive: true })
      disk = await DiskStore.open(join(init.dataDir, 'db'), components.logger.forComponent('hoard:disk'))
      kv = disk
    }
    const randomId = components.randomId ?? (() => randomBytes(4).toString('hex'))
    let incarnation = randomId()
    let upperBound: PersistedUpperBound | undefined
    let ownGroupId = `${init.nodeId}.${randomId()}`
    if (kv != null) {
      const store = kv
      const saved = await store.get(INCARNATION_KEY)
      if (saved == null) {
        await store.write([{ type: 'put', key: INCARNATION_KEY, value: new TextEncoder().encode(incarnation) }], true)
      } else {
        incarnation = new TextDecoder().decode(saved)
      }
      const savedGroup = await store.get(OWN_GROUP_KEY)
      if (savedGroup == null) {
        await store.write([{ type: 'put', key: OWN_GROUP_KEY, value: new TextEncoder().encode(ownGroupId) }], true)
      } else {
        ownGroupId = new TextDecoder().decode(savedGroup)
      }
      upperBound = {
        load: async () => {
          const bytes = await store.get(CLOCK_BOUND_KEY)
          return bytes == null ? 0 : new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getFloat64(0)
        },
        save: async (boundMs) => {
          const bytes = new Uint8Array(8)
          new DataView(bytes.buffer).setFloat64(0, boundMs)
          await store.write([{ type: 'put', key: CLOCK_BOUND_KEY, value: bytes }], true)
        }
      }
    }

    const hlc = new HybridLogicalClock(components.clock, { maxOffsetMs: init.maxClockOffsetMs, upperBound })
    await hlc.start()

    const groups = new LocalGroups({
      clock: components.clock,
      hlc,
      logger: components.logger,
      random: components.random,
      transport: components.transport,
      kv
    }, {
      nodeId: init.nodeId,
      member: memberId(init.nodeId, incarnation),
      raft: init.raft,
      checkpointIntervalMs: init.checkpointIntervalMs
    })
    await groups.open()
    if (groups.get(ownGroupId) == null) {
      await groups.found(ownGroupId)
    }
    return new NodeCore(components, init, { incarnation, hlc, kv, disk, groups, ownGroupId, limits })
  }

  /** The data group this node founded (and normally leads) */
  get dataGroup (): Group {
    const group = this.groups.get(this.ownGroupId)
    if (group == null) {
      throw new NotLeaderError(`This node's data group ${this.ownGroupId} is gone`)
    }
    return group
  }

  /** Has this node registered itself in the metadata (founded the mesh or joined it) */
  get joined (): boolean {
    return this.metaService.hasJoined
  }

  start (): void {
    if (this.running) {
      return
    }
    this.running = true
    this.groups.start()
    void this.metaService.start().catch((err: Error) => { this.log.error('metadata: %s', err.message) })
    this.membership.start()
    this.handoffs.start()
    this.publisher?.start()
    this.replicas?.start()
    this.fence.start()
    this.recordPublisher?.start()
    this.scheduleGc()
    this.scheduleUpkeep()
    this.log('node %s (incarnation %s) started with data group %s', this.nodeId, this.incarnation, this.ownGroupId)
  }

  async stop (): Promise<void> {
    if (!this.running) {
      return
    }
    this.running = false
    this.gcTimer?.cancel()
    this.upkeepTimer?.cancel()
    this.membership.stop()
    this.metaService.stop()
    this.handoffs.stop()
    this.publisher?.stop()
    this.replicas?.stop()
    this.fence.stop()
    this.recordPublisher?.stop()
    this.runner.abortAll(new NotStartedError('The node is stopping'))
    this.internal.abortAll(new NotStartedError('The node is stopping'))
    await this.groups.stop()
    await this.hlc.flush()
    await this.disk?.close()
  }

  /** Stop as a crash would: drop what has not reached the disk (tests of recovery) */
  async crash (): Promise<void> {
    this.running = false
    this.gcTimer?.cancel()
    this.upkeepTimer?.cancel()
    this.membership.stop()
    this.metaService.stop()
    this.handoffs.stop()
    this.publisher?.stop()
    this.replicas?.stop()
    this.fence.stop()
    this.recordPublisher?.stop()
    this.runner.abortAll(new NotStartedError('The node crashed'))
    this.internal.abortAll(new NotStartedError('The node crashed'))
    this.groups.halt()
    await this.disk?.abandon()
  }

  get isRunning (): boolean {
    return this.running
  }

  // not `async`: the runner's promise is returned as it is (see TaskRunner.run)
  run<T>(fn: TaskFunction<T>, options?: RunOptions): Promise<T> {
    const refusal = this.refusal()
    if (refusal != null) {
      return Promise.reject(refusal)
    }
    return this.runner.run(fn, options)
  }

  runTask<T>(fn: TaskFunction<T>, options?: RunOptions): Promise<TaskReceipt<T>> {
    const refusal = this.refusal()
    if (refusal != null) {
      return Promise.reject(refusal)
    }
    return this.runner.runTask(fn, options)
  }

  /** Is this node fenced for its clock offset (it runs no tasks and leads no group meanwhile) */
  get clockFenced (): boolean {
    return this.fence.fenced
  }

  /** Why a task is not started here now, if it is not */
  private refusal (): Error | undefined {
    if (!this.running) {
      return new NotStartedError()
    }
    if (this.fence.fenced) {
      return new ClockOffsetError(`This node's clock is more than ${this.hlc.maxOffsetMs} ms away from most of the mesh (${this.fence.far().join(', ')}): it runs no tasks until its clock is fixed`)
    }
    return undefined
  }

  /** Register a task other nodes may submit here by name (every node registers the same ones) */
  register (name: string, fn: RegisteredTask): void {
    this.registry.register(name, fn)
  }

  /** Run the task registered as `name` on the node holding the master of `options.near`; its result once committed */
  async submit (name: string, args: Uint8Array, options: SubmitOptions): Promise<Uint8Array | undefined> {
    const refusal = this.refusal()
    if (refusal != null) {
      throw refusal
    }
    return this.registry.submit(name, args, options)
  }

  async whenCommitted (token: CommitToken | string, options: { signal?: AbortSignal, timeoutMs?: number } = {}): Promise<void> {
    const parsed = toToken(token)
    const group = this.groups.get(parsed.group)
    if (group != null && !this.removedFrom(group.id)) {
      await group.whenCommitted(parsed, options)
      return
    }
    await this.remoteCommitted(parsed, options)
  }

  /**
   * Does the metadata record the group without this node among its members? A node replaced while
   * it was dead or cut off can keep its copy of the group, which nothing updates any more: a token
   * asked of that copy stays pending for ever, while the group's leader knows its outcome
   */
  private removedFrom (groupId: string): boolean {
    const info = this.meta.groupInfo(groupId)
    if (info == null) {
      return false
    }
    return ![...info.voters, ...info.learners].some(member => nodeOf(member) === this.nodeId)
  }

  /**
   * A token of a group this node is not a member of: ask its leader until the committed log
   * decides it. The answer's clock reading is above the commit, so a task this node runs after
   * it reads at a snapshot that includes the commit (read-your-writes across nodes).
   */
  private async remoteCommitted (token: CommitToken, options: { signal?: AbortSignal, timeoutMs?: number }): Promise<void> {
    const { clock } = this.components
    const deadline = clock.monotonicMs() + (options.timeoutMs ?? 10_000)
    for (let attempt = 0; ; attempt++) {
      if (options.signal?.aborted === true) {
        throw new AbortError()
      }
      // a copy of a group this node was removed from names a leader nothing updates any more
      // the leader as known here first, then in turn the group's members (each redirects to the
      // leader it follows): the recorded leader may be long gone
      const info = this.meta.groupInfo(token.group)
      const recorded = this.removedFrom(token.group) ? info?.leader : undefined
      const candidates = recorded != null
        ? [...new Set([nodeOf(recorded), ...(info?.voters ?? []).map(nodeOf)])]
        : askOrderOf(this.groups, this.meta, token.group, this.nodeId)
      const target = candidates.length === 0 ? undefined : candidates[attempt % candidates.length]
      let response: NodeResponse | undefined
      if (target != null) {
        response = await this.requestFollowing(target, { type: 'token-status', ...token }).catch(() => undefined)
      }
      if (response?.outcome === 'committed') {
        if (response.ts != null) {
          this.hlc.update(response.ts)
        }
        return
      }
      if (response?.outcome === 'lost') {
        throw new CommitLostError(`Commit ${formatToken(token)} was lost: its group's committed log holds another entry at index ${token.index}`)
      }
      if (clock.monotonicMs() >= deadline) {
        throw new CommitInDoubtError(`The outcome of commit ${formatToken(token)} was not learned in time; ask again later`, formatToken(token))
      }
      await new Promise<void>(resolve => clock.setTimer(resolve, Math.min(200, 5 * 2 ** attempt)))
    }
  }

  /** A request, following redirects to the current leader */
  private async requestFollowing (node: string, request: NodeRequest): Promise<NodeResponse> {
    let target = node
    for (let hop = 0; ; hop++) {
      const response = await this.transportWithSelf.request(target, request, { timeoutMs: 2_000 })
      if (response.status !== 'redirect' || response.leader == null || response.leader === target || hop >= 4) {
        return response
      }
      target = response.leader
    }
  }

  /** token-status, at a member of the group: answered by its leader, from the committed log */
  private answerTokenStatus (request: TokenStatusRequest): NodeResponse {
    const group = this.groups.get(request.group)
    if (group == null) {
      const leader = leaderNodeOf(this.groups, this.meta, request.group)
      return leader != null && leader !== this.nodeId ? { status: 'redirect', leader } : { status: 'retry', reason: `group ${request.group} unknown here` }
    }
    if (!group.raft.isReady) {
      const leader = group.raft.leader
      return leader != null ? { status: 'redirect', leader: leader.slice(0, leader.lastIndexOf('/')) } : { status: 'retry', reason: 'no leader known' }
    }
    const outcome = group.status({ group: request.group, term: request.term, index: request.index, position: request.position })
    return { status: 'ok', outcome, ts: this.hlc.peek() }
  }

  commitStatus (token: CommitToken | string): CommitStatus {
    const parsed = toToken(token)
    return this.groupOf(parsed).status(parsed)
  }

  stats (): CoreStats {
    return {
      clockFenced: this.fence.fenced,
      tasks: this.runner.stats,
      groups: [...this.groups.all()].map(group => ({
        id: group.id,
        role: group.raft.role,
        term: group.raft.term,
        leader: group.raft.leader,
        voters: [...group.raft.currentMembership.voters],
        learners: [...group.raft.currentMembership.learners],
        commitIndex: group.raft.commitIndex,
        lastIndex: group.raft.lastIndex,
        objects: group.store.size
      })),
      disk: this.disk == null ? undefined : { ...this.disk.stats }
    }
  }

  // ---- NodeEndpoint: what the transport delivers ----

  receive (_fromNode: string, message: GroupMessage): void {
    if (this.running) {
      this.groups.receive(message)
    }
  }

  async handle (fromNode: string, request: NodeRequest): Promise<NodeResponse> {
    if (!this.running) {
      return { status: 'retry', reason: 'node stopping' }
    }
    switch (request.type) {
      case 'claim': return this.ownership.handleClaim(request)
      case 'claims': return this.ownership.handleClaims(request)
      case 'lookup': return this.ownership.handleLookup(request)
      case 'lookups': return this.ownership.handleLookups(request)
      case 'read': return this.ownership.handleRead(request)
      case 'handoff-request': return this.handoffs.handleRequest(request)
      case 'handoff': return this.handoffs.handleTransfer(request, fromNode)
      case 'token-status': return this.answerTokenStatus(request)
      case 'submit': return this.registry.handle(request)
      case 'replica-fetch': return this.publisher?.handleFetch(request) ?? { status: 'refused', reason: 'read replicas are off on this node' }
      case 'clock': return { status: 'ok', wallMs: this.components.clock.wallMs() }
      default: return this.metaService.handle(fromNode, request)
    }
  }

  /**
   * A new key, unique in the mesh, owned by this node's data group from the start (no round trip):
   * `~m/<prefix>/<group>/<term>.<counter>`. This node must lead its data group.
   */
  newKey (prefix: string): string {
    if (typeof prefix !== 'string' || prefix.length === 0 || prefix.length > 256 || prefix.startsWith('~')) {
      throw new InvalidKeyError('A key prefix must be a non-empty string of at most 256 characters, not starting with "~"')
    }
    const group = this.dataGroup
    if (!group.raft.isReady) {
      throw new NotLeaderError(`This node does not lead its data group ${group.id} now; minted keys need its term`)
    }
    if (this.minted.term !== group.raft.term) {
      this.minted = { term: group.raft.term, counter: 0 }
    }
    const key = mintKey(prefix, group.id, this.minted.term, this.minted.counter++)
    if (Buffer.byteLength(key) > this.limits.maxKeyBytes) {
      throw new InvalidKeyError(`The minted key would be longer than ${this.limits.maxKeyBytes} bytes; use a shorter prefix`)
    }
    return key
  }

  // ---- Directories: where tasks find their keys ----

  /** Every key: the metadata's under `~meta/`, the rest in this node's data group */
  private routeKey (key: string): Group {
    if (isMetaKey(key)) {
      const meta = this.groups.get(META_GROUP_ID)
      if (meta == null) {
        throw new NotLeaderError('This node holds no metadata')
      }
      return meta
    }
    return this.dataGroup
  }

  /** User tasks: their keys are in this node's data group; the metadata prefix is reserved */
  private userDirectory (): Directory {
    return {
      groupFor: (key: string): TaskGroup => {
        if (isMetaKey(key)) {
          throw new InvalidKeyError(`Keys under "~meta/" are reserved for hoard's metadata: "${key}"`)
        }
        return this.dataGroup
      },
      whenReady: (options) => {
        // the lease is checked at the append itself; here only whether this node leads at all
        const group = this.dataGroup
        return group.raft.isReady ? undefined : group.whenWritable(options)
      },
      prepareCreate: (key, task) => this.ownership.prepareCreate(key, task),
      readMissing: (key, ts) => this.ownership.readMissing(key, ts)
    }
  }

  /** Internal tasks on the metadata (this node must lead the metadata group) */
  private metaDirectory (): Directory {
    return {
      groupFor: (key: string): TaskGroup => this.routeKey(key),
      whenReady: (options) => {
        const meta = this.groups.get(META_GROUP_ID)
        if (meta == null) {
          return Promise.reject(new NotLeaderError('This node holds no metadata'))
        }
        return meta.raft.isReady ? undefined : meta.whenWritable(options)
      }
    }
  }

  private groupOf (token: CommitToken): Group {
    const group = this.groups.get(token.group)
    if (group == null) {
      throw new InvalidTokenError(`Commit token names group ${token.group}, which this node does not know`)
    }
    return group
  }

  /** Versions older than every running task's snapshot are garbage */
  private scheduleGc (): void {
    this.gcTimer = this.components.clock.setTimer(() => {
      if (!this.running) {
        return
      }
      const lowWater = Math.min(this.runner.oldestSnapshot() ?? Number.POSITIVE_INFINITY, this.internal.oldestSnapshot() ?? Number.POSITIVE_INFINITY, this.hlc.peek())
      for (const group of this.groups.all()) {
        group.collect(lowWater)
      }
      this.scheduleGc()
    }, this.gcIntervalMs)
  }

  /** Leave groups this node was removed from (after a grace period: the removal may be learned late) */
  private scheduleUpkeep (): void {
    this.upkeepTimer = this.components.clock.setTimer(() => {
      if (!this.running) {
        return
      }
      for (const group of [...this.groups.all()]) {
        if (!group.removed || group.id === this.ownGroupId) {
          this.removedSeen.delete(group.id)
          continue
        }
        const seen = (this.removedSeen.get(group.id) ?? 0) + 1
        this.removedSeen.set(group.id, seen)
        if (seen >= 3) {
          this.removedSeen.delete(group.id)
          void this.groups.drop(group.id)
        }
      }
      this.scheduleUpkeep()
    }, UPKEEP_INTERVAL_MS)
  }
}
