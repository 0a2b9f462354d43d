import type { Entry, HardState, SnapshotMeta } from './types.ts'

/** What a member finds on disk when it starts */
export interface PersistedRaft<C> {
  hardState?: HardState
  /** The compacted prefix; the state machine keeps the state it describes */
  snapshot?: SnapshotMeta
  /** Entries after the snapshot, in order */
  entries: Array<Entry<C>>
}

/**
 * Durable storage of one member of one group. Operations take effect in the order they are
 * called, and each promise resolves once that operation (and every earlier one) is durable to the
 * degree asked: `saveHardState` and `saveSnapshot` sync, `append` syncs when asked (Raft asks it
 * of every append, since it acknowledges them all). An implementation may merge operations issued
 * close together into one write and one sync (group commit).
 *
 * Snapshot data is not kept here: the state machine keeps its own checkpoint, which must be
 * durable at `meta.index` before `saveSnapshot(meta)` is called.
 */
export interface RaftStorage<C> {
  load(): Promise<PersistedRaft<C>>
  saveHardState(state: HardState): Promise<void>
  append(entries: ReadonlyArray<Entry<C>>, sync: boolean): Promise<void>
  /** Remove entries at and after `index` */
  truncateFrom(index: number): Promise<void>
  /** Record the compacted prefix and drop the entries it covers (all of them if the log diverges) */
  saveSnapshot(meta: SnapshotMeta, discardLog: boolean): Promise<void>
}

/**
 * Storage in memory: for nodes without a data directory (their memory is their only copy, so a
 * restart is a new incarnation) and for tests.
 */
export class MemoryRaftStorage<C> implements RaftStorage<C> {
  hardState?: HardState
  snapshot?: SnapshotMeta
  entries: Array<Entry<C>> = []

  async load (): Promise<PersistedRaft<C>> {
    return { hardState: this.hardState, snapshot: this.snapshot, entries: [...this.entries] }
  }

  async saveHardState (state: HardState): Promise<void> {
    this.hardState = state
  }

  async append (entries: ReadonlyArray<Entry<C>>): Promise<void> {
    if (entries.length === 0) {
      return
    }
    this.cut(entries[0].index)
    this.entries.push(...entries)
  }

  async truncateFrom (index: number): Promise<void> {
    this.cut(index)
  }

  async saveSnapshot (meta: SnapshotMeta, discardLog: boolean): Promise<void> {
    this.entries = discardLog ? [] : this.entries.filter(entry => entry.index > meta.index)
    this.snapshot = meta
  }

  private cut (index: number): void {
    const base = this.snapshot?.index ?? 0
    this.entries.length = Math.max(0, Math.min(this.entries.length, index - base - 1))
  }
}
