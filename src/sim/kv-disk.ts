import type { CrashKind, DiskTiming } from './disk.ts'
import type { SimProcess } from './process.ts'
import type { SeededRandom } from './random.ts'
import type { KvOp, KvStore } from '../store/kv.ts'

interface Batch {
  readonly ops: KvOp[]
  readonly sync: boolean
  /** handed to the OS (a process crash keeps it; a power loss may not) */
  completed: boolean
}

/**
 * A node's key-value disk in the simulator, with the semantics of LevelDB on a real one: batches
 * apply atomically, in the order issued, each after a virtual delay; a synced batch makes itself
 * and everything before it durable. A process crash keeps the batches that completed and loses the
 * rest; a power loss keeps only a random prefix of the unsynced completed ones (`power-all`: none).
 * The disk outlives the node's process; `wipe` is a node coming back without its data.
 */
export class SimKvStore implements KvStore {
  private readonly random: SeededRandom
  private readonly timing: DiskTiming
  private durable = new Map<string, Uint8Array>()
  /** completed or in flight, in order; all unsynced */
  private pending: Batch[] = []
  private busyUntilMs = 0
  private process: SimProcess
  private now: () => number
  private _batches = 0

  constructor (process: SimProcess, now: () => number, random: SeededRandom, timing: DiskTiming) {
    this.process = process
    this.now = now
    this.random = random
    this.timing = timing
  }

  get batches (): number {
    return this._batches
  }

  /** The process that issues writes (a restarted node has a new one) */
  attach (process: SimProcess, now: () => number): void {
    this.process = process
    this.now = now
    this.busyUntilMs = 0
  }

  async write (ops: KvOp[], sync: boolean): Promise<void> {
    const batch: Batch = { ops, sync, completed: false }
    this.pending.push(batch)
    this._batches++
    const { minWriteMs, maxWriteMs, minSyncMs, maxSyncMs } = this.timing
    const costMs = this.random.between(minWriteMs, maxWriteMs) + (sync ? this.random.between(minSyncMs, maxSyncMs) : 0)
    const start = Math.max(this.now(), this.busyUntilMs)
    this.busyUntilMs = start + costMs
    await new Promise<void>(resolve => {
      this.process.after(this.busyUntilMs - this.now(), () => {
        batch.completed = true
        if (batch.sync) {
          this.persistThrough(batch)
        }
        resolve()
      })
    })
  }

  async get (key: string): Promise<Uint8Array | undefined> {
    return this.view().get(key)
  }

  async * range (gte: string, lt: string): AsyncGenerator<[string, Uint8Array]> {
    const view = this.view()
    const keys = [...view.keys()].filter(key => key >= gte && key < lt).sort()
    for (const key of keys) {
      const value = view.get(key)
      if (value != null) {
        yield [key, value]
      }
    }
  }

  /** What survives the node's crash */
  crash (kind: CrashKind): void {
    const completed = this.pending.filter(batch => batch.completed)
    let kept: Batch[]
    if (kind === 'process') {
      kept = completed
    } else if (kind === 'power') {
      kept = completed.slice(0, this.random.int(0, completed.length))
    } else {
      kept = []
    }
    for (const batch of kept) {
      this.apply(this.durable, batch)
    }
    this.pending = []
  }

  /** The node comes back without its data */
  wipe (): void {
    this.durable = new Map()
    this.pending = []
  }

  private persistThrough (batch: Batch): void {
    const at = this.pending.indexOf(batch)
    for (const earlier of this.pending.slice(0, at + 1)) {
      this.apply(this.durable, earlier)
    }
    this.pending = this.pending.slice(at + 1)
  }

  private view (): Map<string, Uint8Array> {
    if (this.pending.length === 0) {
      return this.durable
    }
    const view = new Map(this.durable)
    for (const batch of this.pending) {
      if (batch.completed) {
        this.apply(view, batch)
      }
    }
    return view
  }

  private apply (target: Map<string, Uint8Array>, batch: Batch): void {
    for (const op of batch.ops) {
      if (op.type === 'put') {
        target.set(op.key, op.value)
      } else {
        target.delete(op.key)
      }
    }
  }
}
