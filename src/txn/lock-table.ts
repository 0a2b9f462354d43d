import { isOlder } from '../clock/priority.ts'
import type { TaskPriority } from '../clock/priority.ts'

export type LockMode = 'read' | 'write'

/**
 * What the lock table needs from a task attempt. `wound` must release every intent the owner
 * holds (through `LockTable.releaseAll`) before it returns, unless the owner can no longer be
 * wounded (its commit is already appended to the log, so the older task follows it).
 * `heldKeys` and `waits` belong to the lock table: owners only initialise them.
 */
export interface LockOwner {
  readonly priority: TaskPriority
  wound(by: TaskPriority): void
  heldKeys: string[] | undefined
  waits: Waiter[] | undefined
}

export interface Waiter {
  readonly owner: LockOwner
  readonly key: string
  readonly mode: LockMode
  granted: boolean
  resolve?(): void
  reject?(err: Error): void
}

class KeyLock {
  writer: LockOwner | undefined
  readers: LockOwner[] | undefined
  /** oldest first */
  waiters: Waiter[] | undefined

  constructor (writer: LockOwner | undefined) {
    this.writer = writer
  }
}

/** The result of a lock request that did not complete at once */
export type LockWait = Promise<void>

/**
 * Write intents (exclusive) and read intents (shared, taken by `exact` tasks) with wound-wait on
 * task priorities: an older requester wounds younger holders; a younger requester waits for older
 * ones. Waiters are granted oldest first. Since every wait goes from a younger task to an older
 * one (a wounded holder releases at once), no cycle of waits can form: no deadlock.
 */
export class LockTable {
  private readonly locks = new Map<string, KeyLock>()

  /** Number of keys with a holder or a waiter */
  get size (): number {
    return this.locks.size
  }

  /**
   * Take an intent on `key`. Returns `undefined` when granted at once, or a promise that resolves
   * when granted (and rejects if the owner's waits are cancelled).
   */
  acquire (owner: LockOwner, key: string, mode: LockMode): LockWait | undefined {
    const lock = this.locks.get(key)
    if (lock == null) {
      // the common case: nobody holds or wants the key
      if (mode === 'write') {
        this.locks.set(key, new KeyLock(owner))
      } else {
        const fresh = new KeyLock(undefined)
        fresh.readers = [owner]
        this.locks.set(key, fresh)
      }
      (owner.heldKeys ??= []).push(key)
      return undefined
    }
    if (this.holds(lock, owner, mode)) {
      return undefined
    }
    const waiters = lock.waiters
    if (this.compatible(lock, owner, mode) && (waiters == null || waiters.length === 0 || isOlder(owner.priority, waiters[0].owner.priority))) {
      this.grant(lock, key, owner, mode)
      return undefined
    }

    const waiter: Waiter = { owner, key, mode, granted: false }
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
    const lock = this.locks.get(key)
    return lock != null && this.holds(lock, owner, mode)
  }

  /** The current write-intent holder of `key` */
  writerOf (key: string): LockOwner | undefined {
    return this.locks.get(key)?.writer
  }

  /** Release every intent `owner` holds and drop its waits (rejecting them with `reason`) */
  releaseAll (owner: LockOwner, reason?: Error): void {
    if (owner.waits != null) {
      this.cancelWaits(owner, reason)
    }
    const keys = owner.heldKeys
    if (keys == null) {
      return
    }
    owner.heldKeys = undefined
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]
      const lock = this.locks.get(key)
      if (lock == null) {
        continue
      }
      if (lock.writer === owner) {
        lock.writer = undefined
      }
      if (lock.readers != null) {
        const at = lock.readers.indexOf(owner)
        if (at !== -1) {
          lock.readers.splice(at, 1)
        }
      }
      this.grantWaiters(lock, key)
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
      const lock = this.locks.get(waiter.key)
      const at = lock?.waiters?.indexOf(waiter) ?? -1
      if (lock != null && at !== -1) {
        lock.waiters?.splice(at, 1)
        waiter.reject?.(reason ?? new Error('lock wait cancelled'))
        // the head may have changed: a younger compatible waiter can proceed now
        this.grantWaiters(lock, waiter.key)
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

  private grant (lock: KeyLock, key: string, owner: LockOwner, mode: LockMode): void {
    if (mode === 'write') {
      lock.writer = owner
      const at = lock.readers?.indexOf(owner) ?? -1
      if (at !== -1) {
        // an upgrade: the key is already in the owner's held list
        lock.readers?.splice(at, 1)
        return
      }
    } else {
      (lock.readers ??= []).push(owner)
    }
    (owner.heldKeys ??= []).push(key)
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

  private grantWaiters (lock: KeyLock, key: string): void {
    const waiters = lock.waiters ?? []
    for (let head = waiters[0]; head != null; head = waiters[0]) {
      if (!this.compatible(lock, head.owner, head.mode)) {
        break
      }
      waiters.shift()
      this.forgetWait(head)
      this.grant(lock, key, head.owner, head.mode)
      head.granted = true
      head.resolve?.()
    }
    if (lock.writer == null && (lock.readers == null || lock.readers.length === 0) && waiters.length === 0) {
      this.locks.delete(key)
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
