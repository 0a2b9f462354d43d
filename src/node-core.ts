import { randomBytes } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { HybridLogicalClock } from './clock/hlc.ts'
import { MemoryRaftStorage } from './consensus/storage.ts'
import { memberId } from './consensus/types.ts'
import { InvalidOptionError, InvalidTokenError, NotStartedError, TaskAbortedError } from './errors.ts'
import { decodeEntry, encodeEntry } from './groups/commands.ts'
import { Group } from './groups/group.ts'
import { DiskCheckpointStore, NoCheckpoints } from './store/checkpoint.ts'
import { DiskRaftStorage } from './store/disk-raft-storage.ts'
import { DiskStore } from './store/disk.ts'
import { defaultLimits } from './store/limits.ts'
import { LockTable } from './txn/lock-table.ts'
import { DEFAULT_TASK_OPTIONS } from './txn/options.ts'
import { TaskRunner } from './txn/runner.ts'
import { toToken } from './txn/token.ts'
import type { Clock, Timer } from './clock/clock.ts'
import type { PersistedUpperBound } from './clock/hlc.ts'
import type { RaftTiming, RaftTransport } from './consensus/raft.ts'
import type { GroupCommand } from './groups/commands.ts'
import type { CommitStatus } from './groups/commit-tracker.ts'
import type { Limits } from './store/limits.ts'
import type { Directory, TaskGroup } from './txn/directory.ts'
import type { RunOptions, TaskDefaults } from './txn/options.ts'
import type { TaskFunction, TaskReceipt, TaskRunnerStats } from './txn/runner.ts'
import type { CommitToken } from './txn/token.ts'
import type { ComponentLogger, Logger } from '@libp2p/interface'

export interface CoreComponents {
  clock: Clock
  logger: ComponentLogger
  random(): number
  /** Carries consensus messages to other nodes */
  transport: RaftTransport<GroupCommand>
}

export interface CoreInit {
  /** This node's id (its peer id): tie-break of task priorities */
  nodeId: string
  /** Keep state here; omitted: memory only (a restart is a new incarnation) */
  dataDir?: string
  limits?: Partial<Limits>
  tasks?: Partial<TaskDefaults>
  maxClockOffsetMs?: number
  raft?: Partial<RaftTiming>
  /** How often versions no running task can see are collected (default 100 ms) */
  gcIntervalMs?: number
  checkpointIntervalMs?: number
}

export interface CoreStats {
  tasks: TaskRunnerStats
  groups: Array<{ id: string, role: string, term: number, commitIndex: number, lastIndex: number, objects: number }>
  disk?: { batches: number, syncs: number, ops: number }
}

const INCARNATION_KEY = 'n/incarnation'
const CLOCK_BOUND_KEY = 'n/clock-bound'

/**
 * A node without its network: storage, clock, groups and the task runner. `createNode` puts
 * libp2p in front of it; the simulator drives it directly.
 */
export class NodeCore implements Directory {
  readonly nodeId: string
  readonly incarnation: string
  readonly hlc: HybridLogicalClock
  readonly limits: Limits
  readonly dataGroup: Group
  private readonly groups = new Map<string, Group>()
  private readonly runner: TaskRunner
  private readonly locks: LockTable
  private readonly components: CoreComponents
  private readonly disk?: DiskStore
  private readonly log: Logger
  private readonly gcIntervalMs: number
  private gcTimer?: Timer
  private running = false

  private constructor (components: CoreComponents, init: CoreInit, parts: { incarnation: string, hlc: HybridLogicalClock, disk?: DiskStore, dataGroup: Group, limits: Limits }) {
    this.components = components
    this.nodeId = init.nodeId
    this.incarnation = parts.incarnation
    this.hlc = parts.hlc
    this.disk = parts.disk
    this.limits = parts.limits
    this.dataGroup = parts.dataGroup
    this.groups.set(parts.dataGroup.id, parts.dataGroup)
    // a key's intents live in its record in the store of its group, next to its versions
    this.locks = new LockTable({
      slotFor: key => this.groupFor().store.slotFor(key),
      findSlot: key => this.groupFor().store.findSlot(key)
    })
    this.log = components.logger.forComponent('hoard:node')
    this.gcIntervalMs = init.gcIntervalMs ?? 100
    this.runner = new TaskRunner({
      clock: components.clock,
      hlc: this.hlc,
      locks: this.locks,
      directory: this,
      limits: this.limits,
      logger: components.logger,
      random: components.random,
      whenCommitted: async (token, options) => { await this.whenCommitted(token, options) }
    }, {
      nodeId: init.nodeId,
      defaults: { ...DEFAULT_TASK_OPTIONS, ...init.tasks }
    })
    this.dataGroup.addEventListener('rollback', () => {
      // speculative versions were cut: every attempt that may have read one starts over
      this.runner.abortAttempts(() => new TaskAbortedError('deposed', 'The group\'s leader changed and versions this task may have read were rolled back'))
    })
  }

  static async create (components: CoreComponents, init: CoreInit): Promise<NodeCore> {
    if (typeof init.nodeId !== 'string' || init.nodeId.length === 0 || init.nodeId.includes('/') || init.nodeId.includes(':')) {
      throw new InvalidOptionError('nodeId must be a non-empty string without "/" or ":"')
    }
    const limits = { ...defaultLimits, ...init.limits }
    for (const [name, value] of Object.entries(limits)) {
      if (!Number.isSafeInteger(value) || value <= 0) {
        throw new InvalidOptionError(`limits.${name} must be a positive integer, got ${String(value)}`)
      }
    }
    let disk: DiskStore | undefined
    let incarnation: string
    let upperBound: PersistedUpperBound | undefined
    if (init.dataDir != null) {
      if (typeof init.dataDir !== 'string' || init.dataDir.length === 0) {
        throw new InvalidOptionError('dataDir must be a non-empty path')
      }
      await mkdir(init.dataDir, { recursive: true })
      disk = await DiskStore.open(join(init.dataDir, 'db'), components.logger.forComponent('hoard:disk'))
      const store = disk
      const saved = await store.get(INCARNATION_KEY)
      if (saved == null) {
        incarnation = randomBytes(4).toString('hex')
        await store.write([{ type: 'put', key: INCARNATION_KEY, value: new TextEncoder().encode(incarnation) }], true)
      } else {
        incarnation = new TextDecoder().decode(saved)
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
    } else {
      incarnation = randomBytes(4).toString('hex')
    }

    const hlc = new HybridLogicalClock(components.clock, { maxOffsetMs: init.maxClockOffsetMs, upperBound })
    await hlc.start()

    const groupId = `${init.nodeId}.${incarnation}`
    const member = memberId(init.nodeId, incarnation)
    const dataGroup = await Group.open({
      clock: components.clock,
      hlc,
      transport: components.transport,
      raftStorage: disk == null ? new MemoryRaftStorage() : new DiskRaftStorage(disk, groupId, { encode: encodeEntry, decode: decodeEntry }),
      checkpoints: disk == null ? new NoCheckpoints() : new DiskCheckpointStore(disk, groupId),
      logger: components.logger,
      random: components.random
    }, {
      id: groupId,
      member,
      initialMembership: { voters: [member], learners: [] },
      timing: init.raft,
      checkpointIntervalMs: init.checkpointIntervalMs
    })
    return new NodeCore(components, init, { incarnation, hlc, disk, dataGroup, limits })
  }

  start (): void {
    if (this.running) {
      return
    }
    this.running = true
    for (const group of this.groups.values()) {
      group.start()
    }
    this.scheduleGc()
    this.log('node %s (incarnation %s) started with data group %s', this.nodeId, this.incarnation, this.dataGroup.id)
  }

  async stop (): Promise<void> {
    if (!this.running) {
      return
    }
    this.running = false
    this.gcTimer?.cancel()
    this.runner.abortAll(new NotStartedError('The node is stopping'))
    for (const group of this.groups.values()) {
      await group.stop()
    }
    await this.hlc.flush()
    await this.disk?.close()
  }

  /** Stop as a crash would: drop what has not reached the disk (tests of recovery) */
  async crash (): Promise<void> {
    this.running = false
    this.gcTimer?.cancel()
    this.runner.abortAll(new NotStartedError('The node crashed'))
    for (const group of this.groups.values()) {
      group.halt()
    }
    await this.disk?.abandon()
  }

  get isRunning (): boolean {
    return this.running
  }

  // not `async`: the runner's promise is returned as it is (see TaskRunner.run)
  run<T>(fn: TaskFunction<T>, options?: RunOptions): Promise<T> {
    if (!this.running) {
      return Promise.reject(new NotStartedError())
    }
    return this.runner.run(fn, options)
  }

  runTask<T>(fn: TaskFunction<T>, options?: RunOptions): Promise<TaskReceipt<T>> {
    if (!this.running) {
      return Promise.reject(new NotStartedError())
    }
    return this.runner.runTask(fn, options)
  }

  async whenCommitted (token: CommitToken | string, options: { signal?: AbortSignal, timeoutMs?: number } = {}): Promise<void> {
    const parsed = toToken(token)
    await this.groupOf(parsed).whenCommitted(parsed, options)
  }

  commitStatus (token: CommitToken | string): CommitStatus {
    const parsed = toToken(token)
    return this.groupOf(parsed).status(parsed)
  }

  stats (): CoreStats {
    return {
      tasks: this.runner.stats,
      groups: [...this.groups.values()].map(group => ({
        id: group.id,
        role: group.raft.role,
        term: group.raft.term,
        commitIndex: group.raft.commitIndex,
        lastIndex: group.raft.lastIndex,
        objects: group.store.size
      })),
      disk: this.disk == null ? undefined : { ...this.disk.stats }
    }
  }

  // ---- Directory ----

  groupFor (): TaskGroup {
    return this.dataGroup
  }

  whenReady (options: { signal?: AbortSignal, timeoutMs: number }): Promise<void> | undefined {
    // the lease is checked at the append itself; here only whether this node leads at all
    if (this.dataGroup.raft.isReady) {
      return undefined
    }
    return this.dataGroup.whenWritable(options)
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
      const lowWater = this.runner.oldestSnapshot() ?? this.hlc.peek()
      for (const group of this.groups.values()) {
        group.collect(lowWater)
      }
      this.scheduleGc()
    }, this.gcIntervalMs)
  }
}
