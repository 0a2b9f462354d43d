import { compareEpochs } from './epoch.ts'
import type { Epoch } from './epoch.ts'

/** A named key's creation, as its slot's home group decided it */
export interface CreationRecord {
  /** The group that owns the key from its creation */
  readonly owner: string
  readonly epoch: Epoch
}

interface Entry<T> {
  readonly value: T
  /** Log index of the entry that set it (rollback cuts by it) */
  readonly index: number
  /** What it replaced, for a rollback (dropped once the entry commits) */
  previous?: Entry<T>
}

/** Changes to checkpoint: undefined means the record is gone */
export interface OwnershipChanges {
  owned: Map<string, Epoch | undefined>
  created: Map<string, CreationRecord | undefined>
}

/**
 * A group's ownership state, derived from its log like its objects: the keys the group owns (with
 * the epoch it owns each at), and, for the slots it homes, the creations it decided. The highest
 * epoch logged for a key survives snapshots and compaction (it is in both). Additions made by
 * speculative entries are undone by a rollback.
 */
export class OwnershipTable {
  private readonly owned = new Map<string, Entry<Epoch>>()
  private readonly created = new Map<string, Entry<CreationRecord>>()
  private changes: OwnershipChanges = { owned: new Map(), created: new Map() }
  private readonly trackChanges: boolean

  constructor (init: { trackChanges?: boolean } = {}) {
    this.trackChanges = init.trackChanges ?? true
  }

  /** The epoch this group owns `key` at, or undefined when it does not own it */
  ownedEpoch (key: string): Epoch | undefined {
    return this.owned.get(key)?.value
  }

  /** The log index at which the ownership of `key` was recorded */
  ownedIndex (key: string): number | undefined {
    return this.owned.get(key)?.index
  }

  creation (key: string): CreationRecord | undefined {
    return this.created.get(key)?.value
  }

  creationIndex (key: string): number | undefined {
    return this.created.get(key)?.index
  }

  get ownedCount (): number {
    return this.owned.size
  }

  /** The group takes ownership of `key` (create-in); refuses an epoch at or below the one it has */
  own (key: string, epoch: Epoch, index: number): void {
    const previous = this.owned.get(key)
    if (previous != null && compareEpochs(epoch, previous.value) <= 0) {
      throw new Error(`ownership of "${key}" at epoch ${epoch.counter}.${epoch.term} is not above ${previous.value.counter}.${previous.value.term}`)
    }
    this.owned.set(key, { value: epoch, index, previous })
  }

  /** Record a creation decided here; the first in the log wins, so a second one is a bug */
  create (key: string, record: CreationRecord, index: number): void {
    const previous = this.created.get(key)
    if (previous != null && compareEpochs(record.epoch, previous.value.epoch) <= 0) {
      throw new Error(`creation of "${key}" at epoch ${record.epoch.counter}.${record.epoch.term} is not above the recorded one`)
    }
    this.created.set(key, { value: record, index, previous })
  }

  /**
   * Entries up to `index` committed, changing these keys: what they replaced can no longer be
   * rolled back to, and the changes go to the next checkpoint
   */
  noteCommitted (index: number, keysOwned: Iterable<string>, keysCreated: Iterable<string>): void {
    for (const key of keysOwned) {
      settle(this.owned.get(key), index)
      if (this.trackChanges) {
        this.changes.owned.set(key, committedValue(this.owned.get(key), index))
      }
    }
    for (const key of keysCreated) {
      settle(this.created.get(key), index)
      if (this.trackChanges) {
        this.changes.created.set(key, committedValue(this.created.get(key), index))
      }
    }
  }

  /** Undo what entries above `index` recorded for these keys */
  rollbackAfter (index: number, keysOwned: Iterable<string>, keysCreated: Iterable<string>): void {
    cut(this.owned, index, keysOwned)
    cut(this.created, index, keysCreated)
  }

  takeChanges (): OwnershipChanges {
    const changes = this.changes
    this.changes = { owned: new Map(), created: new Map() }
    return changes
  }

  restoreChanges (changes: OwnershipChanges): void {
    for (const [key, value] of changes.owned) {
      if (!this.changes.owned.has(key)) {
        this.changes.owned.set(key, value)
      }
    }
    for (const [key, value] of changes.created) {
      if (!this.changes.created.has(key)) {
        this.changes.created.set(key, value)
      }
    }
  }

  /** Records committed at or below `index`, for a snapshot */
  committed (index: number): { owned: Map<string, Epoch>, created: Map<string, CreationRecord> } {
    return { owned: committedValues(this.owned, index), created: committedValues(this.created, index) }
  }

  /** Replace everything (a checkpoint or a snapshot at `index`) */
  load (index: number, owned: ReadonlyMap<string, Epoch>, created: ReadonlyMap<string, CreationRecord>): void {
    this.owned.clear()
    this.created.clear()
    for (const [key, epoch] of owned) {
      this.owned.set(key, { value: epoch, index })
    }
    for (const [key, record] of created) {
      this.created.set(key, { value: record, index })
    }
    this.changes = { owned: new Map(), created: new Map() }
  }
}

function cut<T> (map: Map<string, Entry<T>>, index: number, keys: Iterable<string>): void {
  for (const key of keys) {
    let entry = map.get(key)
    while (entry != null && entry.index > index) {
      entry = entry.previous
    }
    if (entry == null) {
      map.delete(key)
    } else {
      map.set(key, entry)
    }
  }
}

/** Forget what a committed entry replaced: no rollback can reach below it */
function settle<T> (newest: Entry<T> | undefined, index: number): void {
  let entry = newest
  while (entry != null && entry.index > index) {
    entry = entry.previous
  }
  if (entry != null) {
    entry.previous = undefined
  }
}

function committedValue<T> (newest: Entry<T> | undefined, index: number): T | undefined {
  let entry = newest
  while (entry != null && entry.index > index) {
    entry = entry.previous
  }
  return entry?.value
}

function committedValues<T> (map: Map<string, Entry<T>>, index: number): Map<string, T> {
  const out = new Map<string, T>()
  for (const [key, newest] of map) {
    let entry: Entry<T> | undefined = newest
    while (entry != null && entry.index > index) {
      entry = entry.previous
    }
    if (entry != null) {
      out.set(key, entry.value)
    }
  }
  return out
}
