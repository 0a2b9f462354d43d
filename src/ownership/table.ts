import { compareEpochs, formatEpoch } from './epoch.ts'
import type { Epoch } from './epoch.ts'

/** A named key's creation, as its slot's home group decided it */
export interface CreationRecord {
  /** The group that owns the key from its creation */
  readonly owner: string
  readonly epoch: Epoch
}

/** An object's state as a handoff carries it */
export interface CarriedState {
  /** The newest committed value; undefined for a tombstone */
  readonly value: Uint8Array | undefined
  /** Its commit timestamp (0 when the object never had a version) */
  readonly ts: number
  /** The receiver commits the key only above this: the highest read the sender served, and then some */
  readonly floor: number
}

/**
 * What a group knows of one key: the highest epoch it logged for it, and whether at that epoch it
 * owns the key (`owned`), handed it to another group (`out`: a forwarding pointer; writes stopped
 * when the handoff-out was appended), or refused a handoff of it (`refused`: never owned at that
 * epoch). An `out` not yet acknowledged keeps the state it carries, to be sent again.
 */
export interface KeyState {
  readonly epoch: Epoch
  readonly state: 'owned' | 'out' | 'refused'
  /** out: the group the key went to */
  readonly to?: string
  /** out: the receiver acknowledged (or the handoff is otherwise settled) */
  readonly settled?: boolean
  /** out and not settled: what the handoff carries */
  readonly carried?: CarriedState
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
  keys: Map<string, KeyState | undefined>
  created: Map<string, CreationRecord | undefined>
}

/**
 * A group's ownership state, derived from its log like its objects: what it knows of each key
 * (owned, handed out, refused; the highest epoch logged), and, for the slots it homes, the
 * creations it decided. It survives snapshots and compaction (it is in both), so a duplicate or
 * stale handoff is refused whenever it arrives. Changes made by speculative entries are undone by
 * a rollback.
 */
export class OwnershipTable {
  private readonly keys = new Map<string, Entry<KeyState>>()
  private readonly created = new Map<string, Entry<CreationRecord>>()
  /** keys handed out and not yet settled: the outbox a leader works through */
  private readonly unsettled = new Set<string>()
  private changes: OwnershipChanges = { keys: new Map(), created: new Map() }
  private readonly trackChanges: boolean
  private _keysVersion = 0

  constructor (init: { trackChanges?: boolean } = {}) {
    this.trackChanges = init.trackChanges ?? true
  }

  state (key: string): KeyState | undefined {
    return this.keys.get(key)?.value
  }

  /** The log index at which the key's state was last changed */
  stateIndex (key: string): number | undefined {
    return this.keys.get(key)?.index
  }

  /** The epoch this group owns `key` at, or undefined when it does not own it */
  ownedEpoch (key: string): Epoch | undefined {
    const state = this.keys.get(key)?.value
    return state?.state === 'owned' ? state.epoch : undefined
  }

  creation (key: string): CreationRecord | undefined {
    return this.created.get(key)?.value
  }

  creationIndex (key: string): number | undefined {
    return this.created.get(key)?.index
  }

  /**
   * Rises whenever a key's state changes, in the log or in the committed log (a change, a commit of
   * a change, a rollback, a load): a walk of the keys that saw one version saw every state of it
   */
  get keysVersion (): number {
    return this._keysVersion
  }

  /** Every key this group knows of (owned, handed out or refused), speculative ones included */
  knownKeys (): IterableIterator<string> {
    return this.keys.keys()
  }

  /** The epoch this group owns `key` at in its log committed through `index`, or undefined */
  committedOwnedEpoch (key: string, index: number): Epoch | undefined {
    const state = committedValue(this.keys.get(key), index)
    return state?.state === 'owned' ? state.epoch : undefined
  }

  /** Keys handed out whose handoff is not yet settled */
  outbox (): IterableIterator<string> {
    return this.unsettled.values()
  }

  // ---- changes, applied from the log ----

  /** create-in: the group owns a new key */
  own (key: string, epoch: Epoch, index: number): void {
    this.raise(key, epoch, 'ownership')
    this.set(key, { epoch, state: 'owned' }, index)
  }

  /** handoff-out: the key goes to `to` at `epoch` (above the one owned), carrying `carried` */
  out (key: string, epoch: Epoch, to: string, carried: CarriedState, index: number): void {
    const current = this.keys.get(key)?.value
    if (current?.state !== 'owned') {
      throw new Error(`handoff-out of "${key}", which this group does not own (${current?.state ?? 'unknown'})`)
    }
    this.raise(key, epoch, 'handoff-out')
    this.set(key, { epoch, state: 'out', to, settled: false, carried }, index)
  }

  /**
   * handoff-in: the key arrives at `epoch`. False, and nothing changes, when an epoch at or above
   * it is already logged here (a second copy of the transfer that raced the first into the log):
   * the receiver answers both from its log
   */
  in (key: string, epoch: Epoch, index: number): boolean {
    const current = this.keys.get(key)?.value
    if (current != null && compareEpochs(epoch, current.epoch) <= 0) {
      return false
    }
    this.set(key, { epoch, state: 'owned' }, index)
    return true
  }

  /** refused: a handoff at `epoch` will never be accepted here */
  refuse (key: string, epoch: Epoch, index: number): void {
    const current = this.keys.get(key)?.value
    if (current != null && compareEpochs(epoch, current.epoch) <= 0) {
      // already at or above: nothing at `epoch` can be accepted anyway
      return
    }
    this.set(key, { epoch, state: 'refused' }, index)
  }

  /** acked: the receiver logged the handoff at `epoch` */
  settle (key: string, epoch: Epoch, index: number): void {
    const current = this.keys.get(key)?.value
    if (current?.state !== 'out' || compareEpochs(current.epoch, epoch) !== 0 || current.settled === true) {
      return
    }
    this.set(key, { epoch, state: 'out', to: current.to, settled: true }, index)
  }

  /**
   * cancel: the receiver refused; the key is back here at `epoch` (above the handoff's). Undefined,
   * and nothing changes, when the handoff is already settled or cancelled (two answers to copies of
   * one transfer, each logged by a sender that saw it unsettled): only the first counts
   */
  cancel (key: string, epoch: Epoch, index: number): CarriedState | undefined {
    const current = this.keys.get(key)?.value
    if (current?.state !== 'out' || current.settled === true || current.carried == null || compareEpochs(epoch, current.epoch) <= 0) {
      return undefined
    }
    this.set(key, { epoch, state: 'owned' }, index)
    return current.carried
  }

  /** Record a creation decided here; the first in the log wins, so a second one is a bug */
  create (key: string, record: CreationRecord, index: number): void {
    const previous = this.created.get(key)
    if (previous != null && compareEpochs(record.epoch, previous.value.epoch) <= 0) {
      throw new Error(`creation of "${key}" at epoch ${formatEpoch(record.epoch)} is not above the recorded one`)
    }
    this.created.set(key, { value: record, index, previous })
  }

  /**
   * Entries up to `index` committed, changing these keys: what they replaced can no longer be
   * rolled back to, and the changes go to the next checkpoint
   */
  noteCommitted (index: number, keys: Iterable<string>, keysCreated: Iterable<string>): void {
    for (const key of keys) {
      this._keysVersion++
      settleBelow(this.keys.get(key), index)
      if (this.trackChanges) {
        this.changes.keys.set(key, committedValue(this.keys.get(key), index))
      }
    }
    for (const key of keysCreated) {
      settleBelow(this.created.get(key), index)
      if (this.trackChanges) {
        this.changes.created.set(key, committedValue(this.created.get(key), index))
      }
    }
  }

  /** Undo what entries above `index` recorded for these keys */
  rollbackAfter (index: number, keys: Iterable<string>, keysCreated: Iterable<string>): void {
    for (const key of keys) {
      this._keysVersion++
      cut(this.keys, index, key)
      this.track(key)
    }
    for (const key of keysCreated) {
      cut(this.created, index, key)
    }
  }

  takeChanges (): OwnershipChanges {
    const changes = this.changes
    this.changes = { keys: new Map(), created: new Map() }
    return changes
  }

  restoreChanges (changes: OwnershipChanges): void {
    for (const [key, value] of changes.keys) {
      if (!this.changes.keys.has(key)) {
        this.changes.keys.set(key, value)
      }
    }
    for (const [key, value] of changes.created) {
      if (!this.changes.created.has(key)) {
        this.changes.created.set(key, value)
      }
    }
  }

  /** Records committed at or below `index`, for a snapshot */
  committed (index: number): { keys: Map<string, KeyState>, created: Map<string, CreationRecord> } {
    return { keys: committedValues(this.keys, index), created: committedValues(this.created, index) }
  }

  /** Replace everything (a checkpoint or a snapshot at `index`) */
  load (index: number, keys: ReadonlyMap<string, KeyState>, created: ReadonlyMap<string, CreationRecord>): void {
    this._keysVersion++
    this.keys.clear()
    this.created.clear()
    this.unsettled.clear()
    for (const [key, state] of keys) {
      this.keys.set(key, { value: state, index })
      this.track(key)
    }
    for (const [key, record] of created) {
      this.created.set(key, { value: record, index })
    }
    this.changes = { keys: new Map(), created: new Map() }
  }

  private set (key: string, state: KeyState, index: number): void {
    this._keysVersion++
    this.keys.set(key, { value: state, index, previous: this.keys.get(key) })
    this.track(key)
  }

  /** Keep the outbox in step with the key's state */
  private track (key: string): void {
    const state = this.keys.get(key)?.value
    if (state?.state === 'out' && state.settled !== true) {
      this.unsettled.add(key)
    } else {
      this.unsettled.delete(key)
    }
  }

  /** Invariant: epochs only grow (counter rises at every creation, handoff-out and cancel) */
  private raise (key: string, epoch: Epoch, what: string): void {
    const current = this.keys.get(key)?.value
    if (current != null && compareEpochs(epoch, current.epoch) <= 0) {
      throw new Error(`${what} of "${key}" at epoch ${formatEpoch(epoch)} is not above ${formatEpoch(current.epoch)}`)
    }
  }
}

function cut<T> (map: Map<string, Entry<T>>, index: number, key: string): void {
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

/** Forget what a committed entry replaced: no rollback can reach below it */
function settleBelow<T> (newest: Entry<T> | undefined, index: number): void {
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
    const value = committedValue(newest, index)
    if (value != null) {
      out.set(key, value)
    }
  }
  return out
}
