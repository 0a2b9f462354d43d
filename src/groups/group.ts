import { TypedEventEmitter } from '@libp2p/interface'
import { packTimestamp } from '../clock/hlc.ts'
import { Raft } from '../consensus/raft.ts'
import { AbortError, CommitLostError, NotLeaderError, TaskAbortedError, TaskTimeoutError } from '../errors.ts'
import { TimestampCache } from '../ownership/timestamp-cache.ts'
import { formatToken } from '../txn/token.ts'
import { CommitTracker } from './commit-tracker.ts'
import { OwnTokens } from './own-tokens.ts'
import { GroupStateMachine } from './state-machine.ts'
import type { GroupCommand, GroupEntry } from './commands.ts'
import type { CommitStatus } from './commit-tracker.ts'
import type { Clock, Timer } from '../clock/clock.ts'
import type { HybridLogicalClock } from '../clock/hlc.ts'
import type { RaftHost, RaftTiming, RaftTransport, Role, UnsafeSwitches } from '../consensus/raft.ts'
import type { RaftStorage } from '../consensus/storage.ts'
import type { MemberId, Membership, SnapshotMeta } from '../consensus/types.ts'
import type { OwnershipTable } from '../ownership/table.ts'
import type { CheckpointStore } from '../store/checkpoint.ts'
import type { KeyRecord, MvccStore } from '../store/mvcc.ts'
import type { TaskGroup, WhenCommittedOptions, WriteSet } from '../txn/directory.ts'
import type { CommitToken } from '../txn/token.ts'
import type { ComponentLogger, Logger } from '@libp2p/interface'

export interface GroupComponents {
  clock: Clock
  hlc: HybridLogicalClock
  transport: RaftTransport<GroupCommand>
  raftStorage: RaftStorage<GroupCommand>
  checkpoints: CheckpointStore
  logger: ComponentLogger
  random(): number
}

export interface GroupInit {
  id: string
  member: MemberId
  /** The founding membership, used when nothing is persisted */
  initialMembership?: Membership
  timing?: Partial<RaftTiming>
  /** Committed changes are checkpointed this often (default 250 ms) */
  checkpointIntervalMs?: number
  /**
   * Log entries the leader keeps for a member that is behind (default 1,000): one further behind
   * is sent a snapshot instead
   */
  maxRetainedEntries?: number
  maxVersionsPerKey?: number
  /** Voters the group grows to before further members stay learners (see Raft's `maxVoters`) */
  maxVoters?: number
  unsafe?: UnsafeSwitches
}

export interface RollbackDetail {
  group: string
  fromIndex: number
  keys: Set<string>
}

export interface RoleDetail {
  group: string
  role: Role
  term: number
  leader?: MemberId
}

/** A closed timestamp: every commit at or below `ts` is at or before `index`, and committed */
export interface ClosedTimestamp {
  readonly ts: number
  readonly index: number
  readonly term: number
}

export interface LostDetail {
  group: string
  /** Tokens this node's tasks returned before commit, which the group's committed log decided lost */
  tokens: CommitToken[]
}

export interface GroupEvents {
  /** Speculative versions were removed (a deposed leader's suffix): tasks that read them must abort */
  rollback: CustomEvent<RollbackDetail>
  role: CustomEvent<RoleDetail>
  /** Tokens passed to `trackOwn` were lost: the committed log holds another term at their index */
  lost: CustomEvent<LostDetail>
}

/** The tasks committed in the current tick: one log entry at an index reserved when it opened */
interface OpenBatch {
  readonly index: number
  readonly term: number
  readonly sets: WriteSet[]
  sync: boolean
}

const WRITABLE_POLL_MS = 2

/**
 * One group member on this node: its Raft log, its objects, its commit promises. As leader it is
 * the master of the group's objects: tasks append their write sets here, one log entry per tick
 * (tokens are reserved from the entry's index at once, so a task returns before the entry is even
 * sent), and the write sets enter the store at once, speculatively.
 */
export class Group extends TypedEventEmitter<GroupEvents> implements TaskGroup {
  readonly id: string
  readonly raft: Raft<GroupCommand>
  readonly state: GroupStateMachine
  /** Reads this leader served (and absent answers it gave): later writes and creations commit above them */
  readonly readCache = new TimestampCache()
  private readonly tracker: CommitTracker
  private readonly own: OwnTokens
  private readonly components: GroupComponents
  private readonly log: Logger
  private readonly checkpointIntervalMs: number
  private readonly maxRetainedEntries: number
  private batch?: OpenBatch
  private flushTimer?: Timer
  private checkpointTimer?: Timer
  private checkpointing = false
  /** commits of a new leader stay above the highest lease end among its votes */
  private leaseFloor = 0
  /** the highest closed timestamp this member handed out as leader: it never commits at or below it */
  private closedFloor = 0
  /** Called after entries up to `index` committed here (read-replica publishing hooks in here) */
  onCommitted?: (index: number) => void
  private running = false

  private constructor (components: GroupComponents, init: GroupInit, persisted: Awaited<ReturnType<RaftStorage<GroupCommand>['load']>>, checkpoint: Awaited<ReturnType<CheckpointStore['load']>>) {
    super()
    this.id = init.id
    this.components = components
    this.log = components.logger.forComponent(`hoard:group:${init.id.slice(-8)}`)
    this.checkpointIntervalMs = init.checkpointIntervalMs ?? 250
    this.maxRetainedEntries = init.maxRetainedEntries ?? 1_000
    this.tracker = new CommitTracker(components.clock)
    this.own = new OwnTokens(init.id)
    this.state = new GroupStateMachine({ maxVersionsPerKey: init.maxVersionsPerKey, trackDirty: components.checkpoints.persistent })
    const snapshotIndex = persisted.snapshot?.index ?? 0
    if (checkpoint.index < snapshotIndex) {
      throw new Error(`group ${init.id}: the checkpoint (${checkpoint.index}) is behind the compacted log (${snapshotIndex})`)
    }
    this.state.load(checkpoint.index, checkpoint.objects, checkpoint.keys, checkpoint.created)
    // a key that arrives carries a floor: this node's later commits of it must be above
    this.state.onFloor = floor => { components.hlc.observe(floor) }
    for (const entry of persisted.entries) {
      components.hlc.observe(maxTimestamp(entry))
    }
    for (const object of checkpoint.objects.values()) {
      components.hlc.observe(object.ts)
    }
    this.raft = new Raft<GroupCommand>({
      clock: components.clock,
      transport: components.transport,
      storage: components.raftStorage,
      host: this.host(),
      random: components.random,
      logger: this.log
    }, {
      group: init.id,
      id: init.member,
      persisted,
      initialMembership: init.initialMembership,
      timing: init.timing,
      maxVoters: init.maxVoters,
      unsafe: init.unsafe
    })
  }

  /** Load what is persisted and build the member (not started) */
  static async open (components: GroupComponents, init: GroupInit): Promise<Group> {
    const persisted = await components.raftStorage.load()
    const checkpoint = await components.checkpoints.load()
    return new Group(components, init, persisted, checkpoint)
  }

  get store (): MvccStore {
    return this.state.store
  }

  /** What this group knows of keys' ownership (owned, handed out, refused; creations it decided) */
  get ownership (): OwnershipTable {
    return this.state.ownership
  }

  /**
   * This member leads the group, its first entry is committed and its lease holds. (Commits must
   * also be above the previous leader's lease end: `append` checks the commit timestamp.)
   */
  get writable (): boolean {
    return this.raft.isReady && this.raft.hasLease()
  }

  start (): void {
    this.running = true
    this.raft.start()
    this.scheduleCheckpoint()
  }

  async stop (): Promise<void> {
    this.running = false
    this.flush()
    this.raft.stop()
    this.flushTimer?.cancel()
    this.checkpointTimer?.cancel()
    this.tracker.failAll(new NotLeaderError(`Group ${this.id} stopped on this node`))
    await this.checkpoint()
  }

  /** Stop at once, writing nothing more (a crash, in tests of recovery) */
  halt (): void {
    this.running = false
    this.raft.stop()
    this.flushTimer?.cancel()
    this.checkpointTimer?.cancel()
    this.batch = undefined
    this.tracker.failAll(new NotLeaderError(`Group ${this.id} halted on this node`))
  }

  append (set: WriteSet, durable: boolean, records?: readonly KeyRecord[]): CommitToken {
    if (!this.writable) {
      throw new NotLeaderError(`This node cannot commit for group ${this.id} now (role ${this.raft.role})`)
    }
    if (set.ts <= this.leaseFloor) {
      // reads the previous leader served at timestamps up to its lease end must not miss this write
      throw new NotLeaderError(`Group ${this.id} waits out the previous leader's lease before committing`)
    }
    if (set.ts <= this.closedFloor) {
      // read replicas already serve reads at this timestamp: the task takes a later one
      throw new TaskAbortedError('conflict', `Group ${this.id} closed timestamp ${this.closedFloor} before this commit at ${set.ts}`)
    }
    if (set.created != null) {
      for (const { key } of set.created) {
        // a claim from another group was logged since this task looked: the first creation wins
        if (this.state.ownership.creation(key) != null) {
          throw new TaskAbortedError('conflict', `"${key}" was created by another task first`, key)
        }
      }
    }
    const ownership = this.state.ownership
    for (const key of set.writes.keys()) {
      // a key handed out (or never taken in) is written only by its owner: this task follows it
      const state = ownership.state(key)
      if (state != null && state.state !== 'owned') {
        throw new TaskAbortedError('conflict', `"${key}" left group ${this.id} before this task committed`, key)
      }
    }
    let batch = this.batch
    if (batch == null) {
      batch = this.batch = { index: this.raft.nextIndex, term: this.raft.term, sets: [], sync: false }
      this.flushTimer = this.components.clock.setTimer(() => {
        this.flushTimer = undefined
        this.flush()
      }, 0)
    }
    const position = batch.sets.length
    batch.sets.push(set)
    batch.sync ||= durable
    this.state.applySpeculative(batch.index, set, records)
    return { group: this.id, term: batch.term, index: batch.index, position }
  }

  async whenCommitted (token: CommitToken, options: WhenCommittedOptions = {}): Promise<void> {
    if (token.group !== this.id) {
      throw new Error(`token of group ${token.group} asked of group ${this.id}`)
    }
    const status = this.status(token)
    if (status === 'committed') {
      return
    }
    if (status === 'lost') {
      // decided already: a waiter would hang until the next commit (`readAfter` must fail at once)
      throw new CommitLostError(`Commit ${formatToken(token)} was lost: the group's committed log holds an entry of term ${this.raft.log.termOfAny(token.index) ?? 'unknown'} at index ${token.index}`)
    }
    await this.tracker.wait(token, options)
  }

  /**
   * Report `token` in a `lost` event if the committed log decides it lost (for a task that
   * returned before its commit). Each token is reported at most once, and only by the rule that
   * decides `status`, so a token is never reported lost and found committed.
   */
  trackOwn (token: CommitToken): void {
    if (token.group !== this.id) {
      throw new Error(`token of group ${token.group} tracked by group ${this.id}`)
    }
    this.own.track(token)
    if (token.index <= this.state.committedIndex) {
      this.decideOwn()
    }
  }

  /** Tokens passed to `trackOwn` that the committed log has not decided yet */
  get undecidedOwn (): number {
    return this.own.size
  }

  status (token: CommitToken): CommitStatus {
    return this.tracker.status(token, this.state.committedIndex, index => this.raft.log.termOfAny(index))
  }

  /**
   * Resolves once the entry at `index` (of this leader's log) is committed; rejects with
   * CommitLostError if another entry was committed there instead
   */
  async whenIndexCommitted (index: number, options: WhenCommittedOptions = {}): Promise<void> {
    if (index <= this.state.committedIndex) {
      return
    }
    const term = this.raft.log.term(index) ?? this.raft.term
    await this.whenCommitted({ group: this.id, term, index, position: 0 }, options)
  }

  /**
   * Resolves once this leader's lease covers HLC time `ts` (a remote read at `ts` is then safe:
   * no other leader can commit at or below it); rejects at the deadline
   */
  async whenLeaseCovers (ts: number, options: { signal?: AbortSignal, timeoutMs?: number } = {}): Promise<void> {
    const deadline = this.components.clock.monotonicMs() + (options.timeoutMs ?? 1_000)
    while (this.raft.leaseEnd < ts) {
      if (options.signal?.aborted === true) {
        throw new AbortError()
      }
      if (!this.raft.isReady || this.components.clock.monotonicMs() >= deadline) {
        throw new NotLeaderError(`Group ${this.id} cannot serve reads at ${ts} now (lease ends at ${this.raft.leaseEnd})`)
      }
      await new Promise<void>(resolve => this.components.clock.setTimer(resolve, WRITABLE_POLL_MS))
    }
  }

  /**
   * Close a timestamp for read replicas (leader only, while its lease holds): the newest C such
   * that every commit at or below C is at or before the committed index, and no commit at or below
   * C can come later. C stays at or below the lease's end (a later leader commits only above it),
   * below every entry not yet committed (they may commit after this), and at or below this clock's
   * reading (later commits here take later readings; `append` refuses any at or below C).
   * Undefined when this member cannot close one now.
   */
  closeTimestamp (): ClosedTimestamp | undefined {
    if (!this.raft.isReady || !this.raft.hasLease() || this.raft.role !== 'leader') {
      return undefined
    }
    const committed = this.state.committedIndex
    let now: number
    try {
      now = this.components.hlc.now()
    } catch {
      // the clock is renewing its persisted bound: close nothing this time
      return undefined
    }
    let ts = Math.min(now, this.raft.leaseEnd)
    for (let i = committed + 1; i <= this.raft.log.lastIndex; i++) {
      for (const set of this.raft.log.entry(i)?.command?.sets ?? []) {
        ts = Math.min(ts, set.ts - 1)
      }
    }
    for (const set of this.batch?.sets ?? []) {
      ts = Math.min(ts, set.ts - 1)
    }
    if (ts <= 0) {
      return undefined
    }
    this.closedFloor = Math.max(this.closedFloor, ts)
    return { ts, index: committed, term: this.raft.term }
  }

  /** Resolves once this member can commit (see `writable`); rejects at the deadline or on abort */
  async whenWritable (options: { signal?: AbortSignal, timeoutMs?: number } = {}): Promise<void> {
    const deadline = this.components.clock.monotonicMs() + (options.timeoutMs ?? 5_000)
    while (!this.writable || packTimestamp(this.components.clock.wallMs(), 0) <= this.leaseFloor) {
      if (options.signal?.aborted === true) {
        throw new AbortError()
      }
      if (!this.running || this.components.clock.monotonicMs() >= deadline) {
        throw new TaskTimeoutError(`Group ${this.id} did not become writable in time (role ${this.raft.role}, term ${this.raft.term})`)
      }
      await new Promise<void>(resolve => this.components.clock.setTimer(resolve, WRITABLE_POLL_MS))
    }
  }

  /** This member's id in the group */
  get member (): MemberId {
    return this.raft.id
  }

  /**
   * The group's committed membership no longer includes this member: it was removed (and will
   * hear nothing more from the group)
   */
  get removed (): boolean {
    const { membership } = this.raft.log.membershipAt(this.raft.commitIndex)
    const known = membership.voters.length > 0
    return known && !membership.voters.includes(this.member) && !membership.learners.includes(this.member)
  }

  /** Collect MVCC versions no snapshot at or above `lowWater` can see */
  collect (lowWater: number): number {
    return this.state.store.collect(lowWater)
  }

  /** Append the open batch to the log */
  flush (): void {
    const batch = this.batch
    if (batch == null) {
      return
    }
    this.batch = undefined
    this.flushTimer?.cancel()
    this.flushTimer = undefined
    const placed = this.raft.propose({ type: 'writes', sets: batch.sets }, batch.sync)
    if (placed?.index === batch.index && placed.term === batch.term) {
      return
    }
    if (placed != null) {
      // the reserved index was taken by another entry: that is a bug, but the safe answer is the
      // same as for a lost leadership: the batch's tasks are lost, and reported so
      this.log.error('%s: batch reserved index %d (term %d) but was placed at %d (term %d)', this.id, batch.index, batch.term, placed.index, placed.term)
    }
    this.rollback(batch.index, [], batch.sets)
  }

  private rollback (fromIndex: number, entries: readonly GroupEntry[], extra: readonly WriteSet[]): void {
    const keys = this.state.rollback(fromIndex, entries, extra)
    if (keys.size > 0) {
      this.safeDispatch('rollback', { detail: { group: this.id, fromIndex, keys } })
    }
  }

  private decideOwn (): void {
    const { lost } = this.own.decide(this.state.committedIndex, i => this.raft.log.termOfAny(i))
    if (lost.length > 0) {
      this.log('%s: %d speculative commit(s) lost', this.id, lost.length)
      this.safeDispatch('lost', { detail: { group: this.id, tokens: lost } })
    }
  }

  private safeDispatch<K extends keyof GroupEvents>(type: K, init: { detail: GroupEvents[K]['detail'] }): void {
    try {
      this.safeDispatchEvent(type, init)
    } catch (err) {
      this.log.error('%s: a %s listener threw: %s', this.id, type, (err as Error).message)
    }
  }

  private host (): RaftHost<GroupCommand> {
    return {
      committed: (index) => {
        this.state.commitTo(index, i => this.raft.log.entry(i))
        this.tracker.committed(index, i => this.raft.log.termOfAny(i))
        this.onCommitted?.(index)
        this.decideOwn()
      },
      truncated: (index, removed) => {
        this.rollback(index, removed, [])
      },
      roleChanged: (role, term, leader, leaseEnd) => {
        if (role === 'leader') {
          this.leaseFloor = leaseEnd
          // the previous leader may have served reads up to its lease's end
          this.readCache.reset(leaseEnd)
        } else {
          // a batch that can no longer be appended: its tasks are lost
          this.flush()
        }
        this.safeDispatch('role', { detail: { group: this.id, role, term, leader } })
      },
      snapshot: () => this.state.encodeSnapshot(),
      restore: async (meta: SnapshotMeta, data: Uint8Array) => {
        const { index, objects, keys, created } = GroupStateMachine.decodeSnapshot(data)
        if (index !== meta.index) {
          throw new Error(`snapshot data at ${index} does not match its meta at ${meta.index}`)
        }
        await this.components.checkpoints.replace({ index, objects, keys, created })
        const hadKeys = new Set<string>()
        for (const [key] of this.state.store.entries()) {
          hadKeys.add(key)
        }
        this.state.load(index, objects, keys, created)
        for (const object of objects.values()) {
          this.components.hlc.observe(object.ts)
        }
        if (hadKeys.size > 0) {
          this.safeDispatch('rollback', { detail: { group: this.id, fromIndex: index, keys: hadKeys } })
        }
      },
      leaseEndAfter: (durationMs) => {
        return Math.max(packTimestamp(this.components.clock.wallMs() + durationMs, 0), this.components.hlc.peek())
      },
      beforeAppend: () => {
        // the open batch reserved the next index: it goes first
        this.flush()
      }
    }
  }

  private scheduleCheckpoint (): void {
    this.checkpointTimer?.cancel()
    if (!this.running) {
      return
    }
    this.checkpointTimer = this.components.clock.setTimer(() => {
      this.checkpointTimer = undefined
      void this.checkpoint().finally(() => { this.scheduleCheckpoint() })
    }, this.checkpointIntervalMs)
  }

  /**
   * How far the log may be compacted once `checkpointed` is durable: as a leader, keep what the
   * furthest-behind member still needs, up to `maxRetainedEntries`
   */
  private compactionPoint (checkpointed: number): number {
    if (this.raft.role !== 'leader') {
      return checkpointed
    }
    let floor = checkpointed
    for (const [member, match] of this.raft.matchIndexes()) {
      if (member !== this.raft.id) {
        floor = Math.min(floor, match)
      }
    }
    return Math.max(floor, checkpointed - this.maxRetainedEntries)
  }

  /** Write committed changes behind, then let the log drop what the checkpoint covers */
  private async checkpoint (): Promise<void> {
    if (this.checkpointing) {
      return
    }
    // Compact as soon as there is something to compact, not only once the log is long: every entry
    // the log holds keeps its write sets (every value written in its tick) alive, and a heap that
    // retains a second or two of writes makes each young-generation collection copy them
    if (this.state.dirtyCount === 0 && this.compactionPoint(this.state.committedIndex) <= this.raft.log.snapshotIndex) {
      return
    }
    this.checkpointing = true
    const index = this.state.committedIndex
    const changes = this.state.takeDirty()
    const ownership = this.state.ownership.takeChanges()
    try {
      await this.components.checkpoints.save(index, changes, ownership)
      this.raft.compact(this.compactionPoint(index), 0)
    } catch (err) {
      this.state.restoreDirty(changes)
      this.state.ownership.restoreChanges(ownership)
      this.log.error('%s: checkpoint at %d failed: %s', this.id, index, (err as Error).message)
    } finally {
      this.checkpointing = false
    }
  }
}

function maxTimestamp (entry: GroupEntry): number {
  let max = 0
  for (const set of entry.command?.sets ?? []) {
    max = Math.max(max, set.ts)
  }
  return max
}
