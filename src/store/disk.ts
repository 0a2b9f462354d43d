import { ClassicLevel } from 'classic-level'
import type { KvOp, KvStore } from './kv.ts'
import type { Logger } from '@libp2p/interface'

export type DiskOp = KvOp

interface PendingWrite {
  ops: DiskOp[]
  sync: boolean
  waiters: Array<{ resolve(): void, reject(err: Error): void }>
}

/**
 * The node's embedded database (LevelDB through classic-level) with group commit: writes issued
 * in the same tick go to disk as one atomic batch, synced if any of them asked for it, and batches
 * reach LevelDB strictly in the order they were issued. After a crash LevelDB recovers a prefix of
 * the batches, so a prefix of what was written, never a partial batch.
 */
export class DiskStore implements KvStore {
  private readonly db: ClassicLevel<string, Uint8Array>
  private readonly log: Logger
  private next?: PendingWrite
  private writing = false
  private closed = false
  /** Batches written and synced, for the benchmark and tests */
  readonly stats = { batches: 0, syncs: 0, ops: 0 }

  private constructor (db: ClassicLevel<string, Uint8Array>, log: Logger) {
    this.db = db
    this.log = log
  }

  static async open (path: string, log: Logger): Promise<DiskStore> {
    const db = new ClassicLevel<string, Uint8Array>(path, { keyEncoding: 'utf8', valueEncoding: 'view' })
    await db.open()
    return new DiskStore(db, log)
  }

  /** Queue `ops`; resolves once they are on disk (synced, if `sync`) */
  async write (ops: DiskOp[], sync: boolean): Promise<void> {
    if (this.closed) {
      throw new Error('disk store is closed')
    }
    let pending = this.next
    if (pending == null) {
      pending = this.next = { ops: [], sync: false, waiters: [] }
      this.schedule()
    }
    for (const op of ops) {
      pending.ops.push(op)
    }
    pending.sync ||= sync
    await new Promise<void>((resolve, reject) => {
      pending.waiters.push({ resolve, reject })
    })
  }

  async get (key: string): Promise<Uint8Array | undefined> {
    return this.db.get(key)
  }

  /** Entries with keys in [gte, lt), in key order */
  async * range (gte: string, lt: string): AsyncGenerator<[string, Uint8Array]> {
    for await (const entry of this.db.iterator({ gte, lt })) {
      yield entry
    }
  }

  /** Waits for queued writes, then closes */
  async close (): Promise<void> {
    while (this.next != null || this.writing) {
      await new Promise(resolve => setTimeout(resolve, 1))
    }
    this.closed = true
    await this.db.close()
  }

  /**
   * Close at once, dropping queued writes that have not reached LevelDB: what a crash does
   * (tests use this to check recovery)
   */
  async abandon (): Promise<void> {
    this.closed = true
    const dropped = this.next
    this.next = undefined
    for (const waiter of dropped?.waiters ?? []) {
      waiter.reject(new Error('disk store abandoned'))
    }
    while (this.writing) {
      await new Promise(resolve => setTimeout(resolve, 1))
    }
    await this.db.close()
  }

  private schedule (): void {
    if (!this.writing) {
      setImmediate(() => { void this.flush() })
    }
  }

  private async flush (): Promise<void> {
    const batch = this.next
    if (batch == null || this.writing) {
      return
    }
    this.next = undefined
    this.writing = true
    try {
      await this.db.batch(batch.ops, { sync: batch.sync })
      this.stats.batches++
      this.stats.ops += batch.ops.length
      if (batch.sync) {
        this.stats.syncs++
      }
      for (const waiter of batch.waiters) {
        waiter.resolve()
      }
    } catch (err) {
      this.log.error('disk write failed: %s', (err as Error).message)
      for (const waiter of batch.waiters) {
        waiter.reject(err as Error)
      }
    } finally {
      this.writing = false
      if (this.next != null) {
        setImmediate(() => { void this.flush() })
      }
    }
  }
}
