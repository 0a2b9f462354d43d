import type { Timestamp } from '../clock/hlc.ts'
import type { LockOwner, LockSlot, LockSlots, Waiter } from '../txn/lock-table.ts'

/**
 * One committed (or speculatively committed) version of an object. `value` undefined is a
 * tombstone: the object was deleted at `ts`.
 */
export interface Version {
  readonly ts: Timestamp
  readonly value: Uint8Array | undefined
  /** Log index of the entry that wrote this version: rollback and checkpoints cut by it */
  readonly index: number
  /** The next older version, or undefined */
  older: Version | undefined
  /** True when older versions of this key existed and were collected */
  olderCollected: boolean
  /** Upper bound on the chain's length from here (collection shortens chains without lowering it) */
  depth: number
}

/** Returned by a snapshot read whose version was collected: the reader must take a newer snapshot */
export const TOO_OLD: unique symbol = Symbol('too-old')

/**
 * Everything a store keeps for one key in one object: its version chain and the slot where the
 * lock table keeps the key's intents. One lookup finds both, and a task that touched a key keeps
 * the record and needs no further lookup for it (`MvccStore.record`).
 *
 * A record stays in its store while it has a version or intent state; once it has neither it is
 * removed and marked `detached`. A holder of a detached record must look the key up again: a
 * newer record may hold newer versions and the key's intents.
 */
export class KeyRecord implements LockSlot {
  readonly key: string
  /** The newest version, speculative or not */
  newest: Version | undefined = undefined
  /** The key's intents (`KeyLock`): fields owned by the lock table, kept here for locality */
  writer: LockOwner | undefined = undefined
  readers: LockOwner[] | undefined = undefined
  waiters: Waiter[] | undefined = undefined
  lockInUse = false
  /** Removed from its store (see the class comment) */
  detached = false
  /**
   * The key's handoff-out is in the log: its versions stay until the entry commits (a rollback may
   * need them), but no reader may use them: a snapshot taken after the handoff may be above the new
   * owner's first commit of the key
   */
  handedOut = false
  /** In the store's collection queue (more than one version, or a tombstone) */
  queued = false
  readonly store: MvccStore

  constructor (key: string, store: MvccStore) {
    this.key = key
    this.store = store
  }

  /** LockSlot: the last intent on the key was released */
  lockFreed (): void {
    this.store.forgetIfUnused(this)
  }
}

/** The version of `record` a snapshot at `ts` sees, `undefined` if none, or `TOO_OLD` */
export function readRecordAt (record: KeyRecord, ts: Timestamp): Version | undefined | typeof TOO_OLD {
  let version = record.newest
  while (version != null) {
    if (version.ts <= ts) {
      return version
    }
    if (version.older == null && version.olderCollected) {
      return TOO_OLD
    }
    version = version.older
  }
  return undefined
}

/**
 * Multi-version store of one group's objects: a chain of versions per key, newest first. Readers
 * at a snapshot timestamp see the newest version at or below it. Versions that no snapshot can see
 * are collected, and chains are bounded: a reader that needs a collected version is told so
 * (`TOO_OLD`) and restarts its attempt with a fresh snapshot.
 *
 * Each key has one `KeyRecord` (versions and intents); it is also the lock table's slot for the
 * key (`LockSlots`), so a task's intent on a key costs no lookup beyond the one that found it.
 */
export class MvccStore implements LockSlots {
  private readonly records = new Map<string, KeyRecord>()
  /**
   * Records whose chain has more than one version, or a tombstone: the only ones garbage
   * collection must visit. Each is in it at most once (`KeyRecord.queued`).
   */
  private queue: KeyRecord[] = []
  private readonly maxVersionsPerKey: number
  /** A chain is cut back to `maxVersionsPerKey` once it is this long (see `bound`) */
  private readonly cutAtVersions: number
  /**
   * Versions written by log entries at or below this index are committed. Collection always keeps
   * the newest committed version of a key: checkpoints and snapshots are cut at a committed index.
   */
  committedIndex = 0

  constructor (init: { maxVersionsPerKey?: number } = {}) {
    this.maxVersionsPerKey = init.maxVersionsPerKey ?? 64
    this.cutAtVersions = this.maxVersionsPerKey + Math.max(1, this.maxVersionsPerKey >> 1)
  }

  /** Keys with a record: every key with a version (tombstones until collected), and keys with intents */
  get size (): number {
    return this.records.size
  }

  /** The record of `key`, if it has one */
  record (key: string): KeyRecord | undefined {
    return this.records.get(key)
  }

  /** LockSlots: the record of `key`, created (with no version) if there is none */
  slotFor (key: string): KeyRecord {
    let record = this.records.get(key)
    if (record == null) {
      record = new KeyRecord(key, this)
      this.records.set(key, record)
    }
    return record
  }

  /** LockSlots: the record of `key`, if it has one */
  findSlot (key: string): KeyRecord | undefined {
    return this.records.get(key)
  }

  /** The newest version of `key`, speculative or not */
  latest (key: string): Version | undefined {
    return this.records.get(key)?.newest
  }

  /** The version of `key` a snapshot at `ts` sees, `undefined` if none, or `TooOld` */
  readAt (key: string, ts: Timestamp): Version | undefined | typeof TOO_OLD {
    const record = this.records.get(key)
    return record == null ? undefined : readRecordAt(record, ts)
  }

  /** Add a version above every existing version of the key */
  install (key: string, value: Uint8Array | undefined, ts: Timestamp, index: number): void {
    this.installOn(this.slotFor(key), value, ts, index)
  }

  /**
   * `install` on a record the caller holds. A record of another store, or a detached one, is
   * looked up again by its key.
   */
  installOn (record: KeyRecord, value: Uint8Array | undefined, ts: Timestamp, index: number): void {
    if (record.detached || record.store !== this) {
      record = this.slotFor(record.key)
    }
    const newest = record.newest
    if (newest != null && ts <= newest.ts) {
      // invariant: versions of a key ascend in commit timestamp (one committer per key and epoch)
      throw new Error(`MVCC invariant broken: version of "${record.key}" at ${ts} is not above ${newest.ts}`)
    }
    if (!record.queued && (newest != null || value == null)) {
      // tombstones too, so that collection eventually removes them
      record.queued = true
      this.queue.push(record)
    }
    const depth = newest == null ? 1 : newest.depth + 1
    const version: Version = { ts, value, index, older: newest, olderCollected: false, depth }
    record.newest = version
    if (depth >= this.cutAtVersions && this.maxVersionsPerKey > 0) {
      this.bound(version)
    }
  }

  /**
   * Remove every version written by log entries above `index` (a deposed leader's speculative
   * suffix). `keys` are the keys those entries wrote.
   */
  rollbackAfter (index: number, keys: Iterable<string>): void {
    for (const key of keys) {
      const record = this.records.get(key)
      if (record == null) {
        continue
      }
      let version = record.newest
      while (version != null && version.index > index) {
        version = version.older
      }
      record.newest = version
      if (version == null) {
        this.forgetIfUnused(record)
      } else if (!record.queued) {
        // the cut versions may have been what queued the key; requeue so collection keeps visiting it
        record.queued = true
        this.queue.push(record)
      }
    }
  }

  /** Mark the versions of `key` as no longer readable here, or readable again (see KeyRecord.handedOut) */
  setHandedOut (key: string, handedOut: boolean): void {
    const record = this.records.get(key)
    if (record != null) {
      record.handedOut = handedOut
    }
  }

  /** Drop every version of `key` (the object left this group) */
  drop (key: string): void {
    const record = this.records.get(key)
    if (record != null) {
      record.newest = undefined
      this.forgetIfUnused(record)
    }
  }

  /**
   * Remove `record` if it has no version and no intent state. Its holders see `detached` and look
   * the key up again.
   */
  forgetIfUnused (record: KeyRecord): void {
    if (record.newest != null || record.detached || record.lockInUse) {
      return
    }
    record.detached = true
    if (this.records.get(record.key) === record) {
      this.records.delete(record.key)
    }
  }

  /**
   * Collect versions no snapshot at or above `lowWater` can see: for each key, keep the newest
   * version that is both at or below `lowWater` and committed, and everything above it (versions
   * ascend in both timestamp and index). A key whose kept version is its newest and a tombstone is
   * removed entirely (reads find it absent either way).
   */
  collect (lowWater: Timestamp): number {
    let collected = 0
    const queue = this.queue
    const requeued: KeyRecord[] = []
    // installs during collection (there are none: it is synchronous) would go to the new queue
    this.queue = requeued
    for (let i = 0; i < queue.length; i++) {
      const record = queue[i]
      if (record.detached) {
        record.queued = false
        continue
      }
      const newest = record.newest
      let version = newest
      while (version != null && (version.ts > lowWater || version.index > this.committedIndex)) {
        version = version.older
      }
      if (version == null) {
        // nothing collectable yet: visit it again next time
        requeued.push(record)
        continue
      }
      if (version === newest && version.value == null) {
        record.newest = undefined
        record.queued = false
        this.forgetIfUnused(record)
        collected++
        continue
      }
      let dropped = version.older
      while (dropped != null) {
        collected++
        dropped = dropped.older
      }
      if (version.older != null) {
        version.older = undefined
        version.olderCollected = true
      }
      if (version === newest) {
        record.queued = false
      } else {
        requeued.push(record)
      }
    }
    return collected
  }

  /** Every key with a version, newest first per key */
  * entries (): IterableIterator<[string, Version]> {
    for (const [key, record] of this.records) {
      if (record.newest != null) {
        yield [key, record.newest]
      }
    }
  }

  /** Replace the whole content (loading a snapshot). Intent state survives: it is not the log's. */
  clear (): void {
    for (const record of this.records.values()) {
      record.newest = undefined
      record.queued = false
      this.forgetIfUnused(record)
    }
    this.queue = []
  }

  /**
   * Cut the chain below `maxVersionsPerKey` versions, keeping the newest committed one. Called once
   * the chain is half again as long: cutting at every install past the bound walked the whole
   * chain each time, which on a key written faster than collection runs (a hot key: 64 versions
   * within one collection interval) cost a walk of 64 versions per write. A chain still always
   * keeps at least `maxVersionsPerKey` versions (so no reader within them is told TOO_OLD).
   */
  private bound (newest: Version): void {
    let version: Version | undefined = newest
    let count = 1
    while (version?.older != null) {
      if (count >= this.maxVersionsPerKey && version.index <= this.committedIndex) {
        version.older = undefined
        version.olderCollected = true
        break
      }
      version = version.older
      count++
    }
    newest.depth = count
  }
}
