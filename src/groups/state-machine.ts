import { CorruptDataError } from '../errors.ts'
import { decodeKeyState, encodeKeyState } from '../ownership/moves.ts'
import { OwnershipTable } from '../ownership/table.ts'
import { MvccStore } from '../store/mvcc.ts'
import { GroupSnapshot } from './pb/log.ts'
import type { GroupEntry } from './commands.ts'
import type { CarriedState, CreationRecord, KeyState } from '../ownership/table.ts'
import type { CommittedObject } from '../store/checkpoint.ts'
import type { KeyRecord } from '../store/mvcc.ts'
import type { WriteSet } from '../txn/directory.ts'

/**
 * A group's objects: the MVCC store as the log describes it. On the leader, a task's writes enter
 * the store when they are appended (speculatively: later local tasks see them at once); on other
 * members, when they commit. Either way `storeIndex` is the newest log index the store reflects
 * and `committedIndex` the newest committed one. Committed changes not yet checkpointed are kept
 * in `dirty` for the write-behind checkpoint.
 */
export class GroupStateMachine {
  readonly store: MvccStore
  /** Keys this group owns, and creations it decided for the slots it homes */
  readonly ownership: OwnershipTable
  /** A key arrived with a floor: commits of it must be above, so the node's clock moves past it */
  onFloor?: (floor: number) => void
  /** newest log index whose writes are in the store */
  storeIndex = 0
  /** newest committed index the store reflects */
  committedIndex = 0
  private dirty = new Map<string, CommittedObject | undefined>()
  private readonly trackDirty: boolean

  /** `trackDirty`: keep committed changes for a checkpoint (false when there is no disk) */
  constructor (init: { maxVersionsPerKey?: number, trackDirty?: boolean } = {}) {
    this.store = new MvccStore(init)
    this.trackDirty = init.trackDirty ?? true
    this.ownership = new OwnershipTable({ trackChanges: this.trackDirty })
  }

  /** Committed changes waiting for the next checkpoint */
  get dirtyCount (): number {
    return this.dirty.size
  }

  /** Start from a checkpoint (or a snapshot) */
  load (index: number, objects: ReadonlyMap<string, CommittedObject>, keys: ReadonlyMap<string, KeyState> = new Map(), created: ReadonlyMap<string, CreationRecord> = new Map()): void {
    this.ownership.load(index, keys, created)
    this.store.clear()
    for (const [key, object] of objects) {
      this.store.install(key, object.value, object.ts, object.index)
      const installed = this.store.latest(key)
      if (installed != null) {
        // a checkpoint keeps only the newest version: a snapshot below it must restart, not read "absent"
        installed.olderCollected = true
      }
    }
    this.storeIndex = index
    this.committedIndex = index
    this.store.committedIndex = index
    this.dirty = new Map()
  }

  /** The leader's speculative application of one task's writes, at the index its entry will have */
  applySpeculative (index: number, set: WriteSet, records?: readonly KeyRecord[]): void {
    if (index < this.storeIndex) {
      throw new Error(`speculative write at ${index} below the store index ${this.storeIndex}`)
    }
    if (set.creates != null || set.created != null || set.moves != null) {
      this.applyOwnership(index, set)
    }
    if (records != null && records.length === set.writes.size) {
      // forEach, not for-of: no iterator and no [key, value] pair per write on the hot path
      let i = 0
      set.writes.forEach((value, key) => {
        const record = records[i++]
        if (record.key === key) {
          this.store.installOn(record, value, set.ts, index)
        } else {
          this.store.install(key, value, set.ts, index)
        }
      })
    } else {
      for (const [key, value] of set.writes) {
        this.store.install(key, value, set.ts, index)
      }
    }
    this.storeIndex = index
  }

  /** Entries up to `index` are committed. `entry(i)` reads them from the log. */
  commitTo (index: number, entry: (i: number) => GroupEntry | undefined): void {
    for (let i = this.committedIndex + 1; i <= index; i++) {
      const e = entry(i)
      if (e == null) {
        throw new Error(`committed entry ${i} is missing from the log`)
      }
      if (e.kind !== 'command' || e.command == null) {
        continue
      }
      const install = i > this.storeIndex
      // set by set, in log order: a batch may hold a task's write of a key and then its handoff-out,
      // and the key must leave with that write (not have it installed again after the drop)
      for (const set of e.command.sets) {
        const moves = set.creates != null || set.created != null || set.moves != null
        if (moves && install) {
          this.applyOwnership(i, set)
        }
        this.commitWrites(i, set, install)
        if (moves) {
          this.commitMoves(i, set)
          this.ownership.noteCommitted(i, [...(set.creates ?? []).map(c => c.key), ...(set.moves ?? []).map(m => m.key)], (set.created ?? []).map(c => c.key))
        }
      }
    }
    if (index > this.committedIndex) {
      this.committedIndex = index
      this.store.committedIndex = index
      this.storeIndex = Math.max(this.storeIndex, index)
    }
  }

  /** A committed set's writes: installed unless applied speculatively, and noted for the checkpoint */
  private commitWrites (index: number, set: WriteSet, install: boolean): void {
    if (!install && !this.trackDirty) {
      return
    }
    for (const [key, value] of set.writes) {
      if (install) {
        this.store.install(key, value, set.ts, index)
      }
      if (this.trackDirty) {
        this.dirty.set(key, { value, ts: set.ts, index })
      }
    }
  }

  /**
   * Remove what the log no longer holds from `fromIndex` on: `entries` were truncated, `extra`
   * are write sets applied speculatively but never appended. Returns the keys rolled back.
   */
  rollback (fromIndex: number, entries: readonly GroupEntry[], extra: readonly WriteSet[] = []): Set<string> {
    if (fromIndex <= this.committedIndex) {
      throw new Error(`rollback at ${fromIndex} would cut committed entries (committed ${this.committedIndex})`)
    }
    const keys = new Set<string>()
    const owned = new Set<string>()
    const created = new Set<string>()
    const sets = [...entries.flatMap(e => e.command?.sets ?? []), ...extra]
    for (const set of sets) {
      for (const key of set.writes.keys()) {
        keys.add(key)
      }
      for (const { key } of set.creates ?? []) {
        owned.add(key)
      }
      for (const { key } of set.created ?? []) {
        created.add(key)
      }
      for (const { key } of set.moves ?? []) {
        owned.add(key)
        // an arrival or a cancel installed a version at the cut index
        keys.add(key)
      }
    }
    this.store.rollbackAfter(fromIndex - 1, keys)
    this.ownership.rollbackAfter(fromIndex - 1, owned, created)
    for (const key of owned) {
      this.store.setHandedOut(key, this.ownership.state(key)?.state === 'out')
    }
    this.storeIndex = Math.min(this.storeIndex, fromIndex - 1)
    return keys
  }

  /** Hand the dirty set to a checkpoint and start a new one */
  takeDirty (): Map<string, CommittedObject | undefined> {
    const dirty = this.dirty
    this.dirty = new Map()
    return dirty
  }

  /** Put back changes whose checkpoint failed (newer changes win) */
  restoreDirty (changes: Map<string, CommittedObject | undefined>): void {
    for (const [key, object] of changes) {
      if (!this.dirty.has(key)) {
        this.dirty.set(key, object)
      }
    }
  }

  /** The committed objects: each key's newest version at or below the committed index */
  committedObjects (): Map<string, CommittedObject> {
    const objects = new Map<string, CommittedObject>()
    for (const [key, newest] of this.store.entries()) {
      let version: typeof newest | undefined = newest
      while (version != null && version.index > this.committedIndex) {
        version = version.older
      }
      if (version?.value != null) {
        objects.set(key, { value: version.value, ts: version.ts, index: version.index })
      }
    }
    return objects
  }

  encodeSnapshot (): { index: number, data: Uint8Array } {
    const objects = [...this.committedObjects()].map(([key, object]) => ({
      key,
      value: object.value as Uint8Array<ArrayBuffer> | undefined,
      ts: object.ts,
      index: object.index
    }))
    const ownership = this.ownership.committed(this.committedIndex)
    return {
      index: this.committedIndex,
      data: GroupSnapshot.encode({
        index: this.committedIndex,
        objects,
        keys: [...ownership.keys].map(([key, state]) => encodeKeyState(key, state)),
        created: [...ownership.created].map(([key, record]) => ({ key, owner: record.owner, counter: record.epoch.counter, term: record.epoch.term }))
      })
    }
  }

  /** Ownership changes apply before the writes of the same set */
  private applyOwnership (index: number, set: WriteSet): void {
    for (const { key, owner, epoch } of set.created ?? []) {
      this.ownership.create(key, { owner, epoch }, index)
    }
    for (const { key, epoch } of set.creates ?? []) {
      this.ownership.own(key, epoch, index)
    }
    for (const move of set.moves ?? []) {
      switch (move.kind) {
        case 'out':
          // writes to the key stop here; its versions go when this entry commits
          this.ownership.out(move.key, move.epoch, move.group, move.carried, index)
          // and reads of it go to the new owner: a snapshot taken from now on may be above the
          // new owner's first commit of it
          this.store.setHandedOut(move.key, true)
          break
        case 'in':
          if (this.ownership.in(move.key, move.epoch, index)) {
            this.arrive(move.key, move.carried, index)
          }
          break
        case 'refused':
          this.ownership.refuse(move.key, move.epoch, index)
          break
        case 'acked':
          this.ownership.settle(move.key, move.epoch, index)
          break
        case 'cancel': {
          const carried = this.ownership.cancel(move.key, move.epoch, index)
          if (carried != null) {
            this.arrive(move.key, carried, index)
          }
          break
        }
        default:
          throw new CorruptDataError(`unknown move ${String((move as { kind: unknown }).kind)} in the log at ${index}`)
      }
    }
  }

  /**
   * A key arrives (handoff-in, or back after a cancel): it starts from the carried state, whatever
   * this group held of it before
   */
  private arrive (key: string, carried: CarriedState, index: number): void {
    this.store.drop(key)
    this.store.setHandedOut(key, false)
    if (carried.ts > 0) {
      this.store.install(key, carried.value, carried.ts, index)
      const arrived = this.store.latest(key)
      if (arrived != null) {
        // its older versions stayed with the old owner: a reader below this one must restart
        arrived.olderCollected = true
      }
    }
    this.onFloor?.(carried.floor)
  }

  /** At commit: a key handed out leaves this group's store; checkpoints follow the store */
  private commitMoves (index: number, set: WriteSet): void {
    for (const move of set.moves ?? []) {
      if (move.kind === 'out' && this.ownership.state(move.key)?.state === 'out') {
        this.store.drop(move.key)
        if (this.trackDirty) {
          this.dirty.set(move.key, undefined)
        }
      } else if ((move.kind === 'in' || move.kind === 'cancel') && this.trackDirty) {
        // the version the arrival installed, not a newer one: on the leader the store may already
        // hold a speculative write of the key above this index, which no checkpoint may contain
        let version = this.store.latest(move.key)
        while (version != null && version.index > index) {
          version = version.older
        }
        this.dirty.set(move.key, version == null ? undefined : { value: version.value, ts: version.ts, index: version.index })
      }
    }
  }

  static decodeSnapshot (data: Uint8Array): { index: number, objects: Map<string, CommittedObject>, keys: Map<string, KeyState>, created: Map<string, CreationRecord> } {
    let snapshot: GroupSnapshot
    try {
      snapshot = GroupSnapshot.decode(data)
    } catch (err) {
      throw new CorruptDataError(`Undecodable group snapshot: ${(err as Error).message}`)
    }
    const objects = new Map<string, CommittedObject>()
    for (const object of snapshot.objects) {
      if (object.index > snapshot.index) {
        throw new CorruptDataError(`Snapshot at ${snapshot.index} holds "${object.key}" at ${object.index}`)
      }
      objects.set(object.key, { value: object.value, ts: object.ts, index: object.index })
    }
    const keys = new Map(snapshot.keys.map(k => [k.key, decodeKeyState(k)]))
    const created = new Map(snapshot.created.map(c => [c.key, { owner: c.owner, epoch: { counter: c.counter, term: c.term } }]))
    return { index: snapshot.index, objects, keys, created }
  }
}
