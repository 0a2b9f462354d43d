import type { SimProcess } from './process.ts'
import type { SeededRandom } from './random.ts'
import type { PersistedRaft, RaftStorage } from '../consensus/storage.ts'
import type { Entry, HardState, SnapshotMeta } from '../consensus/types.ts'

/** What a simulated disk holds for one node: one group's Raft state and the state machine's checkpoint */
export interface DiskImage<C> {
  hardState?: HardState
  snapshot?: SnapshotMeta
  entries: Array<Entry<C>>
  checkpoint?: Uint8Array
}

interface DiskOp<C> {
  apply(image: DiskImage<C>): void
  readonly sync: boolean
  completed: boolean
}

export interface DiskTiming {
  minWriteMs: number
  maxWriteMs: number
  minSyncMs: number
  maxSyncMs: number
}

export const DEFAULT_DISK_TIMING: DiskTiming = { minWriteMs: 0.02, maxWriteMs: 0.2, minSyncMs: 0.2, maxSyncMs: 2 }

/**
 * How a crash treats writes that were not synced: a process crash keeps what reached the OS; a
 * power loss keeps a random prefix of the unsynced writes; `power-all` loses every one of them
 * (the worst case, for tests that need it)
 */
export type CrashKind = 'process' | 'power' | 'power-all'

/**
 * A node's disk. Operations complete one after another, each after a virtual delay, in the order
 * issued. A synced operation makes itself and everything before it durable. On a process crash,
 * completed writes survive (they are in the OS cache) and a prefix of the in-flight ones; on a
 * power loss only a prefix of the unsynced writes survives, possibly none. Synced writes are never
 * lost. The disk outlives the process; `wipe` is a node coming back without its data.
 */
export class SimDisk<C> {
  private readonly random: SeededRandom
  private readonly timing: DiskTiming
  private durable: DiskImage<C> = { entries: [] }
  private unsynced: Array<DiskOp<C>> = []
  private busyUntilMs = 0
  private _writes = 0

  constructor (random: SeededRandom, timing: DiskTiming = DEFAULT_DISK_TIMING) {
    this.random = random
    this.timing = timing
  }

  get writes (): number { return this._writes }

  /** Writes not yet synced (completed or not): what a power loss may take */
  get unsyncedCount (): number { return this.unsynced.length }

  /**
   * Issue an operation at true time `nowMs`; `complete` is scheduled (inside the node's process)
   * for when it finishes.
   */
  issue (process: SimProcess, nowMs: number, apply: (image: DiskImage<C>) => void, sync: boolean): Promise<void> {
    this._writes++
    const op: DiskOp<C> = { apply, sync, completed: false }
    this.unsynced.push(op)
    const { minWriteMs, maxWriteMs, minSyncMs, maxSyncMs } = this.timing
    const latencyMs = sync ? this.random.between(minSyncMs, maxSyncMs) : this.random.between(minWriteMs, maxWriteMs)
    this.busyUntilMs = Math.max(this.busyUntilMs, nowMs) + latencyMs
    return new Promise<void>(resolve => {
      process.after(this.busyUntilMs - nowMs, () => {
        op.completed = true
        if (op.sync) {
          this.syncThrough(op)
        }
        resolve()
      })
    })
  }

  /** The process died: decide which unsynced writes survive */
  crash (kind: CrashKind, nowMs: number): { kept: number, lost: number } {
    const ops = this.unsynced
    let keep: number
    if (kind === 'power-all') {
      keep = 0
    } else if (kind === 'power') {
      keep = this.random.int(0, ops.length)
    } else {
      const completed = ops.findIndex(op => !op.completed)
      const done = completed === -1 ? ops.length : completed
      keep = done + this.random.int(0, ops.length - done)
    }
    for (let i = 0; i < keep; i++) {
      ops[i].apply(this.durable)
    }
    this.unsynced = []
    this.busyUntilMs = nowMs
    return { kept: keep, lost: ops.length - keep }
  }

  /** The node comes back without its data */
  wipe (): void {
    this.durable = { entries: [] }
    this.unsynced = []
  }

  /** What a process starting now finds (after a crash: only what survived it) */
  read (): DiskImage<C> {
    const image = copyImage(this.durable)
    for (const op of this.unsynced) {
      if (op.completed) {
        op.apply(image)
      }
    }
    return image
  }

  private syncThrough (op: DiskOp<C>): void {
    const at = this.unsynced.indexOf(op)
    for (let i = 0; i <= at; i++) {
      this.unsynced[i].apply(this.durable)
    }
    this.unsynced.splice(0, at + 1)
  }
}

function copyImage<C> (image: DiskImage<C>): DiskImage<C> {
  return { hardState: image.hardState, snapshot: image.snapshot, entries: [...image.entries], checkpoint: image.checkpoint }
}

function cutLog<C> (image: DiskImage<C>, index: number): void {
  const base = image.snapshot?.index ?? 0
  image.entries.length = Math.max(0, Math.min(image.entries.length, index - base - 1))
}

/** What the storage tells an observer as it is asked to change the log (in the order asked) */
export interface StorageObserver<C> {
  append?(entries: ReadonlyArray<Entry<C>>): void
  truncate?(index: number): void
  snapshot?(meta: SnapshotMeta, discardLog: boolean): void
  hardState?(state: HardState): void
}

/** `RaftStorage` on a simulated disk */
export class SimRaftStorage<C> implements RaftStorage<C> {
  private readonly disk: SimDisk<C>
  private readonly process: SimProcess
  private readonly now: () => number
  private readonly observer: StorageObserver<C>

  constructor (disk: SimDisk<C>, process: SimProcess, now: () => number, observer: StorageObserver<C> = {}) {
    this.disk = disk
    this.process = process
    this.now = now
    this.observer = observer
  }

  async load (): Promise<PersistedRaft<C>> {
    const image = this.disk.read()
    return { hardState: image.hardState, snapshot: image.snapshot, entries: image.entries }
  }

  // not `async`: an extra promise per write is a measurable part of a simulation's time
  saveHardState (state: HardState): Promise<void> {
    this.observer.hardState?.(state)
    return this.disk.issue(this.process, this.now(), image => { image.hardState = state }, true)
  }

  append (entries: ReadonlyArray<Entry<C>>, sync: boolean): Promise<void> {
    if (entries.length === 0) {
      return Promise.resolve()
    }
    this.observer.append?.(entries)
    const copy = [...entries]
    return this.disk.issue(this.process, this.now(), image => {
      cutLog(image, copy[0].index)
      const base = image.snapshot?.index ?? 0
      if (copy[0].index !== base + image.entries.length + 1) {
        throw new Error(`disk: append at ${copy[0].index} leaves a gap after ${base + image.entries.length}`)
      }
      image.entries.push(...copy)
    }, sync)
  }

  truncateFrom (index: number): Promise<void> {
    this.observer.truncate?.(index)
    return this.disk.issue(this.process, this.now(), image => { cutLog(image, index) }, false)
  }

  saveSnapshot (meta: SnapshotMeta, discardLog: boolean): Promise<void> {
    this.observer.snapshot?.(meta, discardLog)
    return this.disk.issue(this.process, this.now(), image => {
      image.entries = discardLog ? [] : image.entries.filter(entry => entry.index > meta.index)
      image.snapshot = meta
    }, true)
  }

  /** The state machine's checkpoint (synced), kept beside the log */
  saveCheckpoint (data: Uint8Array): Promise<void> {
    return this.disk.issue(this.process, this.now(), image => { image.checkpoint = data }, true)
  }
}
