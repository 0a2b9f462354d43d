import { TaskAbortedError, TaskEndedError, CriticalCheckFailedError } from '../errors.ts'
import { assertValidKey, assertValidValue } from '../store/limits.ts'
import { TOO_OLD } from '../store/mvcc.ts'
import type { Directory, TaskGroup } from './directory.ts'
import type { LockOwner, LockTable, Waiter } from './lock-table.ts'
import type { ResolvedRunOptions } from './options.ts'
import type { CommitToken } from './token.ts'
import type { Timestamp } from '../clock/hlc.ts'
import type { HybridLogicalClock } from '../clock/hlc.ts'
import type { TaskPriority } from '../clock/priority.ts'
import type { Limits } from '../store/limits.ts'

/** The handle a task function receives: reads a snapshot, buffers writes */
export interface Tx {
  /** The value of `key` in this attempt's snapshot (or as this task last wrote it), undefined if absent */
  get(key: string): Promise<Uint8Array | undefined>
  /** Buffer a write; takes a write intent on the key */
  put(key: string, value: Uint8Array): void
  /** Buffer a delete; takes a write intent on the key */
  delete(key: string): void
  /** 1 for the first attempt, 2 for the first retry, ... */
  readonly attempt: number
  /** Aborted when this attempt is rolled back (wounded, conflict, timeout, caller's signal) */
  readonly signal: AbortSignal
}

export interface TransactionComponents {
  readonly hlc: HybridLogicalClock
  readonly locks: LockTable
  readonly directory: Directory
  readonly limits: Limits
}

type Status = 'running' | 'committing' | 'committed' | 'aborted'

/**
 * One attempt of a task. It is the `tx` handle given to the task function and the owner of the
 * attempt's intents in the lock table. Its status only moves forward: running -> committing ->
 * committed, or to aborted from running or committing.
 */
export class Transaction implements Tx, LockOwner {
  readonly priority: TaskPriority
  readonly attempt: number
  snapshot: Timestamp = 0
  private status: Status = 'running'
  private ended = false
  /** why this attempt was rolled back */
  abortError?: Error
  /** buffered writes (undefined deletes); allocated at the first write */
  writes?: Map<string, Uint8Array | undefined>
  /** set when a write found its key committed after the snapshot: commit will fail */
  private doomed?: TaskAbortedError
  /** LockOwner: managed by the lock table */
  heldKeys: string[] | undefined = undefined
  waits: Waiter[] | undefined = undefined
  /** `exact`: the version timestamp each read saw (0 when absent) */
  private readonly reads?: Map<string, Timestamp>
  private pending?: Array<Promise<void>>
  private controller?: AbortController
  private readonly components: TransactionComponents
  private readonly options: ResolvedRunOptions

  constructor (components: TransactionComponents, options: ResolvedRunOptions, priority: TaskPriority, attempt: number) {
    this.components = components
    this.options = options
    this.priority = priority
    this.attempt = attempt
    if (options.consistency === 'exact') {
      this.reads = new Map()
    }
  }

  get signal (): AbortSignal {
    if (this.controller == null) {
      this.controller = new AbortController()
      if (this.abortError != null) {
        this.controller.abort(this.abortError)
      }
    }
    return this.controller.signal
  }

  get isAborted (): boolean {
    return this.status === 'aborted'
  }

  /**
   * Take the snapshot: after any intents taken up front, so they cover it. A first attempt may
   * pass the reading it already took for its priority.
   */
  begin (snapshot?: Timestamp): void {
    this.snapshot = snapshot ?? this.components.hlc.now()
  }

  /** True when `commit` must wait for intents still being acquired */
  get hasPending (): boolean {
    return this.pending != null
  }

  /** Take write intents before the snapshot (a retry re-taking its previous write set) */
  async intendUpFront (keys: Iterable<string>): Promise<void> {
    for (const key of keys) {
      const wait = this.components.locks.acquire(this, key, 'write')
      if (wait != null) {
        await wait
      }
      this.checkRunning()
    }
  }

  async get (key: string): Promise<Uint8Array | undefined> {
    this.checkRunning()
    assertValidKey(key, this.components.limits)
    if (this.writes?.has(key) === true) {
      return copy(this.writes.get(key))
    }
    if (this.pending != null) {
      await this.settlePending()
    }
    const group = this.components.directory.groupFor(key)
    if (this.reads != null) {
      // exact: a read intent keeps writers out until this task commits
      const wait = this.components.locks.acquire(this, key, 'read')
      if (wait != null) {
        await wait
        this.checkRunning()
      }
      this.checkFresh(group, key)
    }
    const version = group.store.readAt(key, this.snapshot)
    if (version === TOO_OLD) {
      throw this.abort(new TaskAbortedError('conflict', `The versions of "${key}" this snapshot needs were collected`, key))
    }
    this.reads?.set(key, version?.ts ?? 0)
    return copy(version?.value)
  }

  put (key: string, value: Uint8Array): void {
    this.checkRunning()
    assertValidKey(key, this.components.limits)
    assertValidValue(value, this.components.limits)
    this.write(key, value.slice())
  }

  delete (key: string): void {
    this.checkRunning()
    assertValidKey(key, this.components.limits)
    this.write(key, undefined)
  }

  /** LockOwner: an older task wants an intent this attempt holds */
  wound (by: TaskPriority): void {
    if (this.status !== 'running') {
      // committing: the commit is being appended and the older task follows it in the log;
      // aborted or committed: nothing is held any more
      return
    }
    this.abort(new TaskAbortedError('wounded', `Wounded by an older task (priority ${by.ts})`))
  }

  /** Roll this attempt back: release intents, fail waits, and remember why */
  abort (err: Error): Error {
    if (this.status === 'aborted' || this.status === 'committed') {
      return this.abortError ?? err
    }
    this.status = 'aborted'
    this.abortError = err
    this.components.locks.releaseAll(this, err)
    this.controller?.abort(err)
    return err
  }

  /** Waits for intents still being acquired, then commits */
  async commit (): Promise<CommitToken | undefined> {
    this.checkRunning()
    if (this.pending != null) {
      await this.settlePending()
    }
    return this.commitNow()
  }

  /**
   * Validate and append to the log. Everything from the first-committer-wins check to the append
   * runs in one synchronous step, so no other task's commit can slip in between. Only valid when
   * no intent is pending (`hasPending` false).
   */
  commitNow (): CommitToken | undefined {
    this.checkRunning()
    if (this.pending != null) {
      throw new Error('commitNow with intents pending')
    }
    this.status = 'committing'
    const { hlc, locks, directory } = this.components
    try {
      if (this.doomed != null) {
        throw this.doomed
      }
      let group: TaskGroup | undefined
      const writes = this.writes
      if (writes != null) {
        for (const key of writes.keys()) {
          const home = directory.groupFor(key)
          if (group == null) {
            group = home
          } else if (home !== group) {
            throw new Error(`A task's writes must commit in one group: "${key}" is in ${home.id}, others in ${group.id}`)
          }
          const latest = home.store.latest(key)
          if (latest != null && latest.ts > this.snapshot) {
            throw new TaskAbortedError('conflict', `"${key}" was committed by another task after this task's snapshot`, key)
          }
        }
      }
      if (this.reads != null) {
        this.validateReads()
      }
      if (this.options.expect != null) {
        this.checkCritical()
      }
      if (group == null || writes == null) {
        this.status = 'committed'
        locks.releaseAll(this)
        return undefined
      }
      let token: CommitToken
      try {
        token = group.append({ ts: hlc.now(), writes }, this.options.durable)
      } catch (err) {
        if ((err as Error).name === 'NotLeaderError') {
          // the lease lapsed or the leader stepped down since this attempt began: retry once it can commit
          throw new TaskAbortedError('unavailable', (err as Error).message)
        }
        throw err
      }
      this.status = 'committed'
      locks.releaseAll(this)
      return token
    } catch (err) {
      throw this.abort(err as Error)
    }
  }

  /** The attempt is over: later use of the handle fails with TaskEndedError */
  end (): void {
    this.ended = true
    if (this.status === 'running' || this.status === 'committing') {
      this.status = 'aborted'
      this.components.locks.releaseAll(this)
    }
  }

  private write (key: string, value: Uint8Array | undefined): void {
    const writes = this.writes ??= new Map()
    const known = writes.has(key)
    // recorded before any check: a retry takes intents on every key this attempt meant to write
    writes.set(key, value)
    if (known) {
      return
    }
    const group = this.components.directory.groupFor(key)
    const wait = this.components.locks.acquire(this, key, 'write')
    if (wait == null) {
      this.noteIfStale(group, key)
    } else {
      const settled = wait.then(() => {
        this.noteIfStale(group, key)
      })
      // the failure is observed by settlePending; this only keeps it from being unhandled
      settled.catch(() => {})
      ;(this.pending ??= []).push(settled)
    }
  }

  /**
   * With the intent held, a version above the snapshot means first-committer-wins has already
   * lost. The attempt is doomed, but it runs on to its end so that its retry knows its whole write
   * set and can hold all of it before its snapshot: an old task then wins on its second attempt.
   */
  private noteIfStale (group: TaskGroup, key: string): void {
    const latest = group.store.latest(key)
    if (latest != null && latest.ts > this.snapshot) {
      this.doomed ??= new TaskAbortedError('conflict', `"${key}" was committed by another task after this task's snapshot`, key)
    }
  }

  /** exact reads: a version above the snapshot means the read would be stale, abort now */
  private checkFresh (group: TaskGroup, key: string): void {
    const latest = group.store.latest(key)
    if (latest != null && latest.ts > this.snapshot) {
      throw this.abort(new TaskAbortedError('conflict', `"${key}" was committed by another task after this task's snapshot`, key))
    }
  }

  private async settlePending (): Promise<void> {
    const pending = this.pending ?? []
    this.pending = undefined
    try {
      await Promise.all(pending)
    } catch (err) {
      throw this.abort(err as Error)
    }
    this.checkRunning()
  }

  /** exact: every key read must still be at the version read (serializable, with the read intents) */
  private validateReads (): void {
    const { directory } = this.components
    for (const [key, seen] of this.reads ?? []) {
      const latest = directory.groupFor(key).store.latest(key)
      if ((latest?.ts ?? 0) !== seen && this.writes?.has(key) !== true) {
        throw new TaskAbortedError('validation', `"${key}" changed after this task read it`, key)
      }
    }
  }

  /** high: the master's current value of each critical key must satisfy the caller's predicate */
  private checkCritical (): void {
    const { directory } = this.components
    const { expect, accept } = this.options
    for (const [key, expected] of expect ?? []) {
      const current = directory.groupFor(key).store.latest(key)?.value
      if (!accept(key, expected, current)) {
        throw new CriticalCheckFailedError(key)
      }
    }
  }

  private checkRunning (): void {
    if (this.ended) {
      throw new TaskEndedError()
    }
    if (this.status === 'aborted') {
      throw this.abortError ?? new TaskEndedError()
    }
  }
}

function copy (value: Uint8Array | undefined): Uint8Array | undefined {
  return value?.slice()
}
