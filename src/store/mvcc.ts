import type { Timestamp } from '../clock/hlc.ts'

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
  /** The key is queued for collection (saves a Set operation per write on hot keys) */
  queued: boolean
}

/** Returned by a snapshot read whose version was collected: the reader must take a newer snapshot */
export const TOO_OLD: unique symbol = Symbol('too-old')

/**
 * Multi-version store of one group's objects: a chain of versions per key, newest first. Readers
 * at a snapshot timestamp see the newest version at or below it. Versions that no snapshot can see
 * are collected, and chains are bounded: a reader that needs a collected version is told so
 * (`TOO_OLD`) and restarts its attempt with a fresh snapshot.
 */
export class MvccStore {
  private readonly chains = new Map<string, Version>()
  /** keys whose chain has more than one version: the only ones garbage collection must visit */
  private readonly multiVersion = new Set<string>()
  private readonly maxVersionsPerKey: number
  /**
   * Versions written by log entries at or below this index are committed. Collection always keeps
   * the newest committed version of a key: checkpoints and snapshots are cut at a committed index.
   */
  committedIndex = 0

  constructor (init: { maxVersionsPerKey?: number } = {}) {
    this.maxVersionsPerKey = init.maxVersionsPerKey ?? 64
  }

  get size (): number {
    return this.chains.size
  }

  /** The newest version of `key`, speculative or not */
  latest (key: string): Version | undefined {
    return this.chains.get(key)
  }

  /** The version of `key` a snapshot at `ts` sees, `undefined` if none, or `TooOld` */
  readAt (key: string, ts: Timestamp): Version | undefined | typeof TOO_OLD {
    let version = this.chains.get(key)
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

  /** Add a version above every existing version of the key */
  install (key: string, value: Uint8Array | undefined, ts: Timestamp, index: number): void {
    const newest = this.chains.get(key)
    let queued = false
    if (newest != null) {
      // invariant: versions of a key ascend in commit timestamp (one committer per key and epoch)
      if (ts <= newest.ts) {
        throw new Error(`MVCC invariant broken: version of "${key}" at ${ts} is not above ${newest.ts}`)
      }
      queued = newest.queued
    }
    if (!queued && (newest != null || value == null)) {
      // tombstones too, so that collection eventually removes them
      this.multiVersion.add(key)
      queued = true
    }
    const depth = newest == null ? 1 : newest.depth + 1
    const version: Version = { ts, value, index, older: newest, olderCollected: false, depth, queued }
    this.chains.set(key, version)
    if (depth > this.maxVersionsPerKey && this.maxVersionsPerKey > 0) {
      this.bound(version)
    }
  }

  /**
   * Remove every version written by log entries above `index` (a deposed leader's speculative
   * suffix). `keys` are the keys those entries wrote.
   */
  rollbackAfter (index: number, keys: Iterable<string>): void {
    for (const key of keys) {
      let version = this.chains.get(key)
      while (version != null && version.index > index) {
        version = version.older
      }
      if (version == null) {
        this.chains.delete(key)
        this.multiVersion.delete(key)
      } else {
        this.chains.set(key, version)
        // the flag travelled with the cut versions; requeue so collection keeps visiting the key
        version.queued = true
        this.multiVersion.add(key)
      }
    }
  }

  /** Drop every version of `key` (the object left this group) */
  drop (key: string): void {
    this.chains.delete(key)
    this.multiVersion.delete(key)
  }

  /**
   * Collect versions no snapshot at or above `lowWater` can see: for each key, keep the newest
   * version that is both at or below `lowWater` and committed, and everything above it (versions
   * ascend in both timestamp and index). A key whose kept version is its newest and a tombstone is
   * removed entirely (reads find it absent either way).
   */
  collect (lowWater: Timestamp): number {
    let collected = 0
    for (const key of this.multiVersion) {
      const newest = this.chains.get(key)
      let version = newest
      while (version != null && (version.ts > lowWater || version.index > this.committedIndex)) {
        version = version.older
      }
      if (version == null) {
        continue
      }
      if (version === newest && version.value == null) {
        this.chains.delete(key)
        this.multiVersion.delete(key)
        collected++
        continue
      }
      if (version === newest) {
        version.queued = false
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
        this.multiVersion.delete(key)
      }
    }
    return collected
  }

  /** Every key with a version, newest first per key */
  * entries (): IterableIterator<[string, Version]> {
    yield * this.chains.entries()
  }

  /** Replace the whole content (loading a snapshot) */
  clear (): void {
    this.chains.clear()
    this.multiVersion.clear()
  }

  /** Cut the chain below `maxVersionsPerKey` versions, keeping the newest committed one */
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
