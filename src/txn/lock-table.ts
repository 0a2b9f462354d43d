import { isOlder } from '../clock/priority.ts'
import { appendSmall } from './small-array.ts'
import type { TaskPriority } from '../clock/priority.ts'

export type LockMode = 'read' | 'write'

/**
 * What the lock table needs from a task attempt. `wound` must release every intent the owner
 * holds (through `LockTable.releaseAll`) before it returns, unless the owner can no longer be
 * wounded (its commit is already appended to the log, so the older task follows it).
 * `heldLocks` and `waits` belong to the lock table: owners only initialise them (or leave them out).
 */
export interface LockOwner {
  readonly priority: TaskPriority
  wound(by: TaskPriority): void
  heldLocks?: KeyLock[] | undefined
  waits: Waiter[] | undefined
}

export interface Waiter {
  readonly owner: LockOwner
  readonly lock: KeyLock
  readonly mode: LockMode
  granted: boolean
  resolve?(): void
  reject?(err: Error): void
}

/**
 * The intents on one key: one writer or many readers, and the requests waiting, oldest first.
 * These are fields of the object that stands for the key (a store's `KeyRecord`, next to the key's
 * versions: one object and one cache line for both), owned by the lock table: the owner of the
 * object only initialises them. `lockFreed` is called each time the last holder and waiter are
 * gone, so the owner may drop the object.
 */
export interface KeyLock {
  readonly key: string
  writer: LockOwner | undefined
  readers: LockOwner[] | undefined
  waiters: Waiter[] | undefined
  /** Has a holder or a waiter (counted in `LockTable.size`) */
  lockInUse: boolean
  lockFreed(): void
}

/** Where a key's intent state lives: the object that carries its `KeyLock` fields */
export type LockSlot = KeyLock

/**
 * How a lock table finds the slot of a key. A node gives its lock table the MVCC stores' records
 * (one lookup finds a key's versions and intents); a table built without slots keeps its own.
 */
export interface LockSlots {
  /** The slot of `key`, created if there is none */
  slotFor(key: string): LockSlot
  /** The slot of `key`, if there is one */
  findSlot(key: string): LockSlot | undefined
}

/** No holder and no waiter */
function isFree (lock: KeyLock): boolean {
  return lock.writer == null && (lock.readers == null || lock.readers.length === 0) && (lock.waiters == null || lock.waiters.length === 0)
}

/** Slots kept by the lock table itself, dropped as soon as their key is free */
class NamedSlot implements LockSlot {
  readonly key: string
  writer: LockOwner | undefined = undefined
  readers: LockOwner[] | undefined = undefined
  waiters: Waiter[] | undefined = undefined
  lockInUse = false
  private readonly slots: Map<string, NamedSlot>

  constructor (key: string, slots: Map<string, NamedSlot>) {
    this.key = key
    this.slots = slots
  }

  lockFreed (): void {
    if (this.slots.get(this.key) === this) {
      this.slots.delete(this.key)
    }
  }
}

class NamedSlots implements LockSlots {
  private readonly slots = new Map<string, NamedSlot>()

  slotFor (key: string): LockSlot {
    let slot = this.slots.get(key)
    if (slot == null) {
      slot = new NamedSlot(key, this.slots)
      this.slots.set(key, slot)
    }
    return slot
  }

  findSlot (key: string): LockSlot | undefined {
    return this.slots.get(key)
  }
}

/** The result of a lock request that did not complete at once */
export type LockWait = Promise<void>

/**
 * Write intents (exclusive) and read intents (shared, taken by `exact` tasks) with wound-wait on
 * task priorities: an older requester wounds younger holders; a younger requester waits for older
 * ones. Waiters are granted oldest first. Since every wait goes from a younger task to an older
 * one (a wounded holder releases at once), no cycle of waits can form: no deadlock.
 *
 * A key's intents live in its slot (`LockSlots`): every request for one key must reach the same
 * slot, so a table serves one set of slots (by default its own).
 */
export class LockTable {
  private readonly slots: LockSlots
  private keysInUse = 0

  constructor (slots: LockSlots = new NamedSlots()) {
    this.slots = slots
  }

  /** Number of keys with a holder or a waiter */
  get size (): number {
    return this.keysInUse
  }

  /**
   * Take an intent on `key`. Returns `undefined` when granted at once, or a promise that resolves
   * when granted (and rejects if the owner's waits are cancelled).
   */
  acquire (owner: LockOwner, key: string, mode: LockMode): LockWait | undefined {
    return this.acquireIn(owner, this.slots.slotFor(key), mode)
  }

  /**
   * `acquire` through the key's slot, which the caller already holds (it must be the slot the
   * table's `LockSlots` gives for the key)
   */
  acquireIn (owner: LockOwner, lock: LockSlot, mode: LockMode): LockWait | undefined {
    if (!lock.lockInUse) {
      // the common case: nobody holds or wants the key
      lock.lockInUse = true
      this.keysInUse++
      this.grant(lock, owner, mode)
      return undefined
    }
    if (this.holds(lock, owner, mode)) {
      return undefined
    }
    const waiters = lock.waiters
    if (this.compatible(lock, owner, mode) && (waiters == null || waiters.length === 0 || isOlder(owner.priority, waiters[0].owner.priority))) {
      this.grant(lock, owner, mode)
      return undefined
    }

    const waiter: Waiter = { owner, lock, mode, granted: false }
    this.enqueue(lock, waiter)
    // wound every younger holder in the way; a wounded holder releases synchronously, which may
    // grant this waiter before we return
    for (const holder of this.conflicting(lock, owner, mode)) {
      if (waiter.granted) {
        break
      }
      if (isOlder(owner.priority, holder.priority)) {
        holder.wound(owner.priority)
      }
    }
    if (waiter.granted) {
      return undefined
    }
    return new Promise<void>((resolve, reject) => {
      waiter.resolve = resolve
      waiter.reject = reject
    })
  }

  /** Does `owner` hold an intent of at least `mode` on `key` */
  isHeld (owner: LockOwner, key: string, mode: LockMode): boolean {
    const lock = this.slots.findSlot(key)
    return lock != null && this.holds(lock, owner, mode)
  }

  /** The current write-intent holder of `key` */
  writerOf (key: string): LockOwner | undefined {
    return this.slots.findSlot(key)?.writer
  }

  /** Release every intent `owner` holds and drop its waits (rejecting them with `reason`) */
  releaseAll (owner: LockOwner, reason?: Error): void {
    if (owner.waits != null) {
      this.cancelWaits(owner, reason)
    }
    const locks = owner.heldLocks
    if (locks == null) {
      return
    }
    owner.heldLocks = undefined
    for (let i = 0; i < locks.length; i++) {
      const lock = locks[i]
      if (lock.writer === owner) {
        lock.writer = undefined
      }
      const readers = lock.readers
      if (readers != null && readers.length > 0) {
        const at = readers.indexOf(owner)
        if (at !== -1) {
          readers.splice(at, 1)
        }
      }
      this.grantWaiters(lock)
    }
  }

  /** Drop `owner`'s pending waits, rejecting their promises with `reason` */
  cancelWaits (owner: LockOwner, reason?: Error): void {
    const waits = owner.waits
    if (waits == null) {
      return
    }
    owner.waits = undefined
    for (const waiter of waits) {
      const lock = waiter.lock
      const at = lock.waiters?.indexOf(waiter) ?? -1
      if (at !== -1) {
        lock.waiters?.splice(at, 1)
        waiter.reject?.(reason ?? new Error('lock wait cancelled'))
        // the head may have changed: a younger compatible waiter can proceed now
        this.grantWaiters(lock)
      }
    }
  }

  private holds (lock: KeyLock, owner: LockOwner, mode: LockMode): boolean {
    if (lock.writer === owner) {
      return true
    }
    return mode === 'read' && lock.readers != null && lock.readers.includes(owner)
  }

  private compatible (lock: KeyLock, owner: LockOwner, mode: LockMode): boolean {
    if (lock.writer != null && lock.writer !== owner) {
      return false
    }
    const readers = lock.readers
    if (mode === 'read' || readers == null) {
      return true
    }
    return readers.length === 0 || (readers.length === 1 && readers[0] === owner)
  }

  private conflicting (lock: KeyLock, owner: LockOwner, mode: LockMode): LockOwner[] {
    const holders: LockOwner[] = []
    if (lock.writer != null && lock.writer !== owner) {
      holders.push(lock.writer)
    }
    if (mode === 'write' && lock.readers != null) {
      for (const reader of lock.readers) {
        if (reader !== owner) {
          holders.push(reader)
        }
      }
    }
    return holders
  }

  private grant (lock: KeyLock, owner: LockOwner, mode: LockMode): void {
    if (mode === 'write') {
      lock.writer = owner
      const at = lock.readers?.indexOf(owner) ?? -1
      if (at !== -1) {
        // an upgrade: the lock is already in the owner's held list
        lock.readers?.splice(at, 1)
        return
      }
    } else {
      (lock.readers ??= []).push(owner)
    }
    owner.heldLocks = appendSmall(owner.heldLocks, lock)
  }

  private enqueue (lock: KeyLock, waiter: Waiter): void {
    const waiters = lock.waiters ??= []
    let at = waiters.length
    while (at > 0 && isOlder(waiter.owner.priority, waiters[at - 1].owner.priority)) {
      at--
    }
    waiters.splice(at, 0, waiter)
    ;(waiter.owner.waits ??= []).push(waiter)
  }

  private grantWaiters (lock: KeyLock): void {
    const waiters = lock.waiters
    if (waiters != null) {
      for (let head = waiters[0]; head != null; head = waiters[0]) {
        if (!this.compatible(lock, head.owner, head.mode)) {
          break
        }
        waiters.shift()
        this.forgetWait(head)
        this.grant(lock, head.owner, head.mode)
        head.granted = true
        head.resolve?.()
      }
    }
    if (lock.lockInUse && isFree(lock)) {
      lock.lockInUse = false
      this.keysInUse--
      lock.lockFreed()
    }
  }

  private forgetWait (waiter: Waiter): void {
    const waits = waiter.owner.waits
    if (waits == null) {
      return
    }
    const at = waits.indexOf(waiter)
    if (at !== -1) {
      waits.splice(at, 1)
    }
    if (waits.length === 0) {
      waiter.owner.waits = undefined
    }
  }
}
