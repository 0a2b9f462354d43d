import { CorruptDataError } from '../errors.ts'
import { HardStateRecord, SnapshotMetaRecord } from '../groups/pb/log.ts'
import type { KvOp as DiskOp, KvStore } from './kv.ts'
import type { PersistedRaft, RaftStorage } from '../consensus/storage.ts'
import type { Entry, HardState, SnapshotMeta } from '../consensus/types.ts'

export interface EntryCodec<C> {
  encode(entry: Entry<C>): Uint8Array
  decode(bytes: Uint8Array): Entry<C>
}

/** Key prefix of everything one group keeps on disk */
export function groupPrefix (group: string): string {
  return `g/${group}/`
}

function indexKey (prefix: string, index: number): string {
  return `${prefix}l/${index.toString().padStart(16, '0')}`
}

/**
 * One group member's Raft state in the node's LevelDB: hard state, snapshot meta and log entries
 * (`g/<group>/h`, `g/<group>/s`, `g/<group>/l/<index>`). Each call is one batch of the disk
 * store's group commit, so calls take effect in order.
 */
export class DiskRaftStorage<C> implements RaftStorage<C> {
  private readonly disk: KvStore
  private readonly prefix: string
  private readonly codec: EntryCodec<C>
  /** The range of indexes present on disk, to delete without scanning */
  private first = 1
  private last = 0

  constructor (disk: KvStore, group: string, codec: EntryCodec<C>) {
    this.disk = disk
    this.prefix = groupPrefix(group)
    this.codec = codec
  }

  async load (): Promise<PersistedRaft<C>> {
    const hardBytes = await this.disk.get(`${this.prefix}h`)
    const snapBytes = await this.disk.get(`${this.prefix}s`)
    const hardState = hardBytes == null ? undefined : decodeHardState(hardBytes)
    const snapshot = snapBytes == null ? undefined : decodeSnapshotMeta(snapBytes)
    const entries: Array<Entry<C>> = []
    const base = snapshot?.index ?? 0
    for await (const [, bytes] of this.disk.range(`${this.prefix}l/`, `${this.prefix}l0`)) {
      const entry = this.codec.decode(bytes)
      if (entry.index <= base) {
        continue
      }
      const expected = base + entries.length + 1
      if (entry.index !== expected) {
        throw new CorruptDataError(`Log of ${this.prefix} has a gap: expected entry ${expected}, found ${entry.index}`)
      }
      entries.push(entry)
    }
    this.first = base + 1
    this.last = base + entries.length
    return { hardState, snapshot, entries }
  }

  async saveHardState (state: HardState): Promise<void> {
    await this.disk.write([{ type: 'put', key: `${this.prefix}h`, value: HardStateRecord.encode({ term: state.term, votedFor: state.votedFor, leaseEnd: state.leaseEnd }) }], true)
  }

  async append (entries: ReadonlyArray<Entry<C>>, sync: boolean): Promise<void> {
    if (entries.length === 0) {
      return
    }
    const ops: DiskOp[] = this.deletions(entries[0].index, this.last)
    for (const entry of entries) {
      ops.push({ type: 'put', key: indexKey(this.prefix, entry.index), value: this.codec.encode(entry) })
    }
    this.last = entries[entries.length - 1].index
    await this.disk.write(ops, sync)
  }

  async truncateFrom (index: number): Promise<void> {
    const ops = this.deletions(index, this.last)
    this.last = Math.min(this.last, index - 1)
    if (ops.length > 0) {
      await this.disk.write(ops, false)
    }
  }

  async saveSnapshot (meta: SnapshotMeta, discardLog: boolean): Promise<void> {
    const ops = this.deletions(this.first, discardLog ? this.last : Math.min(this.last, meta.index))
    ops.push({ type: 'put', key: `${this.prefix}s`, value: encodeSnapshotMeta(meta) })
    this.first = meta.index + 1
    if (discardLog || this.last < meta.index) {
      this.last = meta.index
    }
    await this.disk.write(ops, true)
  }

  private deletions (from: number, to: number): DiskOp[] {
    const ops: DiskOp[] = []
    for (let index = Math.max(from, this.first); index <= to; index++) {
      ops.push({ type: 'del', key: indexKey(this.prefix, index) })
    }
    return ops
  }
}

export function encodeSnapshotMeta (meta: SnapshotMeta): Uint8Array {
  return SnapshotMetaRecord.encode({
    index: meta.index,
    term: meta.term,
    membership: { voters: [...meta.membership.voters], learners: [...meta.membership.learners] },
    termStarts: meta.termStarts.map(([term, index]) => ({ term, index }))
  })
}

export function decodeSnapshotMeta (bytes: Uint8Array): SnapshotMeta {
  try {
    const record = SnapshotMetaRecord.decode(bytes)
    return {
      index: record.index,
      term: record.term,
      membership: { voters: record.membership?.voters ?? [], learners: record.membership?.learners ?? [] },
      termStarts: record.termStarts.map(({ term, index }) => [term, index] as const)
    }
  } catch (err) {
    throw new CorruptDataError(`Undecodable snapshot meta: ${(err as Error).message}`)
  }
}

function decodeHardState (bytes: Uint8Array): HardState {
  try {
    const record = HardStateRecord.decode(bytes)
    return { term: record.term, votedFor: record.votedFor, leaseEnd: record.leaseEnd }
  } catch (err) {
    throw new CorruptDataError(`Undecodable hard state: ${(err as Error).message}`)
  }
}
