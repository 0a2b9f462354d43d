import { isOlder } from '../clock/priority.ts'
import type { TaskPriority } from '../clock/priority.ts'

export type LockMode = 'read' | 'write'

/**
 * What the lock table needs from a task attempt. `wound` must release every intent the owner
 * holds (through `LockTable.releaseAll`) before it returns, unless the owner can no longer be
 * wounded (its commit is already appended to the log, so the older task follows it).
 */
export interface LockOwner {
  readonly priority: TaskPriority
  wound(by: TaskPriority): void
}

interface Waiter {
  readonly owner: LockOwner
  readonly mode: LockMode
  granted: boolean
  resolve?(): void
  reject?(err: Error): void
}

class KeyLock {
  writer: LockOwner | undefined
  readers: LockOwner[] = []
  /** oldest first */
  waiters: Waiter[] = []

  isFree (): boolean {
    return this.writer == null && this.readers.length === 0 && this.waiters.length === 0
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
  private readonly held = new Map<LockOwner, string[]>()
  private readonly waiting = new Map<LockOwner, Array<[string, Waiter]>>()

  /** Number of keys with a holder or a waiter */
  get size (): number {
    return this.locks.size
  }

  /**
   * Take an intent on `key`. Returns `undefined` when granted at once, or a promise that resolves
   * when granted (and rejects if `cancelWaits` is called for the owner).
   */
  acquire (owner: LockOwner, key: string, mode: LockMode): LockWait | undefined {
    let lock = this.locks.get(key)
    if (lock == null) {
      lock = new KeyLock()
      this.locks.set(key, lock)
      this.grant(lock, key, owner, mode)
      return undefined
    }
    if (this.holds(lock, owner, mode)) {
      return undefined
    }
    if (this.compatible(lock, owner, mode) && (lock.waiters.length === 0 || isOlder(owner.priority, lock.waiters[0].owner.priority))) {
      this.grant(lock, key, owner, mode)
      return undefined
    }

    const waiter: Waiter = { owner, mode, granted: false }
    this.enqueue(lock, key, waiter)
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
    this.cancelWaits(owner, reason)
    const keys = this.held.get(owner)
    if (keys == null) {
      return
    }
    this.held.delete(owner)
    for (const key of keys) {
      const lock = this.locks.get(key)
      if (lock == null) {
        continue
      }
      if (lock.writer === owner) {
        lock.writer = undefined
      }
      const at = lock.readers.indexOf(owner)
      if (at !== -1) {
        lock.readers.splice(at, 1)
      }
      this.grantWaiters(lock, key)
    }
  }

  /** Drop `owner`'s pending waits, rejecting their promises with `reason` */
  cancelWaits (owner: LockOwner, reason?: Error): void {
    const waits = this.waiting.get(owner)
    if (waits == null) {
      return
    }
    this.waiting.delete(owner)
    for (const [key, waiter] of waits) {
      const lock = this.locks.get(key)
      if (lock == null) {
        continue
      }
      const at = lock.waiters.indexOf(waiter)
      if (at !== -1) {
        lock.waiters.splice(at, 1)
        waiter.reject?.(reason ?? new Error('lock wait cancelled'))
        // the head may have changed: a younger compatible waiter can proceed now
        this.grantWaiters(lock, key)
      }
    }
  }

  private holds (lock: KeyLock, owner: LockOwner, mode: LockMode): boolean {
    if (lock.writer === owner) {
      return true
    }
    return mode === 'read' && lock.readers.includes(owner)
  }

  private compatible (lock: KeyLock, owner: LockOwner, mode: LockMode): boolean {
    if (lock.writer != null && lock.writer !== owner) {
      return false
    }
    if (mode === 'read') {
      return true
    }
    return lock.readers.length === 0 || (lock.readers.length === 1 && lock.readers[0] === owner)
  }

  private conflicting (lock: KeyLock, owner: LockOwner, mode: LockMode): LockOwner[] {
    const holders: LockOwner[] = []
    if (lock.writer != null && lock.writer !== owner) {
      holders.push(lock.writer)
    }
    if (mode === 'write') {
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
      const at = lock.readers.indexOf(owner)
      if (at !== -1) {
        // an upgrade: the key is already in the owner's held list
        lock.readers.splice(at, 1)
        return
      }
    } else {
      lock.readers.push(owner)
    }
    const keys = this.held.get(owner)
    if (keys == null) {
      this.held.set(owner, [key])
    } else {
      keys.push(key)
    }
  }

  private enqueue (lock: KeyLock, key: string, waiter: Waiter): void {
    let at = lock.waiters.length
    while (at > 0 && isOlder(waiter.owner.priority, lock.waiters[at - 1].owner.priority)) {
      at--
    }
    lock.waiters.splice(at, 0, waiter)
    const waits = this.waiting.get(waiter.owner)
    if (waits == null) {
      this.waiting.set(waiter.owner, [[key, waiter]])
    } else {
      waits.push([key, waiter])
    }
  }

  private grantWaiters (lock: KeyLock, key: string): void {
    while (lock.waiters.length > 0) {
      const head = lock.waiters[0]
      if (!this.compatible(lock, head.owner, head.mode)) {
        break
      }
      lock.waiters.shift()
      this.forgetWait(head.owner, head)
      this.grant(lock, key, head.owner, head.mode)
      head.granted = true
      head.resolve?.()
    }
    if (lock.isFree()) {
      this.locks.delete(key)
    }
  }

  private forgetWait (owner: LockOwner, waiter: Waiter): void {
    const waits = this.waiting.get(owner)
    if (waits == null) {
      return
    }
    const at = waits.findIndex(([, w]) => w === waiter)
    if (at !== -1) {
      waits.splice(at, 1)
    }
    if (waits.length === 0) {
      this.waiting.delete(owner)
    }
  }
}
