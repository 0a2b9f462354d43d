import { TaskAbortedError, TaskEndedError, CriticalCheckFailedError, OwnedElsewhereError } from '../errors.ts'
import { assertValidKey, assertValidValue } from '../store/limits.ts'
import { readRecordAt, TOO_OLD } from '../store/mvcc.ts'
import { appendSmall } from './small-array.ts'
import type { Directory, KeyCreation, TaskGroup } from './directory.ts'
import type { KeyLock, LockOwner, LockTable, Waiter } from './lock-table.ts'
import type { ResolvedRunOptions } from './options.ts'
import type { CommitToken } from './token.ts'
import type { Timestamp } from '../clock/hlc.ts'
import type { HybridLogicalClock } from '../clock/hlc.ts'
import type { TaskPriority } from '../clock/priority.ts'
import type { Limits } from '../store/limits.ts'
import type { KeyRecord } from '../store/mvcc.ts'

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
  /**
   * Intents are taken in the store records of the keys (`KeyRecord` is the key's lock slot), so
   * this table must serve the same slots for lookups by key (`NodeCore` gives it the stores)
   */
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
  /** the store record of each key in `writes`, in the same order: the write set hands them to the store */
  private writeRecords?: KeyRecord[]
  /** keys this attempt creates: ownership (create-in), and creations decided here as the home group */
  private creates?: Array<NonNullable<KeyCreation['creates']>>
  private created?: Array<NonNullable<KeyCreation['created']>>
  /** keys fetched from their owners in this attempt (a repeated read gives the same answer) */
  private fetched?: Map<string, Uint8Array | undefined>
  /** keys this attempt found absent */
  private absent?: Set<string>
  /**
   * The records this attempt found: later operations on their keys need no store lookup and no
   * key validation. Tasks touch few keys, so a scan beats a map until there are more than
   * TOUCHED_SCAN_MAX (then `touchedIndex` maps each key to its position).
   */
  private touched?: KeyRecord[]
  private touchedIndex?: Map<string, number>
  /** LockOwner: managed by the lock table */
  heldLocks: KeyLock[] | undefined = undefined
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
    this.snapshot = snapshot ?? this.reading()
  }

  /** A clock reading; a clock renewing its persisted bound makes the attempt retry */
  private reading (): Timestamp {
    try {
      return this.components.hlc.now()
    } catch (err) {
      if ((err as Error).name === 'ClockUnavailableError') {
        throw this.abort(new TaskAbortedError('unavailable', (err as Error).message))
      }
      throw err
    }
  }

  /** True when `commit` must wait for intents still being acquired */
  get hasPending (): boolean {
    return this.pending != null
  }

  /** Take write intents before the snapshot (a retry re-taking its previous write set) */
  async intendUpFront (keys: Iterable<string>): Promise<void> {
    for (const key of keys) {
      const wait = this.components.locks.acquireIn(this, this.liveRecord(key, this.touch(key)), 'write')
      if (wait != null) {
        await wait
      }
      this.checkRunning()
    }
  }

  /**
   * Not `async`: the common read (no intent pending, not `exact`) costs one resolved promise and no
   * async function frame. Errors still come back as rejected promises, never thrown.
   */
  get (key: string): Promise<Uint8Array | undefined> {
    try {
      this.checkRunning()
      const at = this.touch(key)
      if (at === -1) {
        // a key found among the touched ones was validated when it was first touched
        assertValidKey(key, this.components.limits)
      }
      const writes = this.writes
      if (writes?.has(key) === true) {
        return Promise.resolve(copyBytes(writes.get(key)))
      }
      if (this.pending != null || this.reads != null) {
        return this.getAfterWaits(key, at)
      }
      let record = at === -1 ? undefined : this.touched?.[at]
      if (record == null || record.detached) {
        // no record is created for a read: an absent key has none
        record = this.components.directory.groupFor(key).store.record(key)
        if (record != null) {
          this.remember(key, record, at)
        }
      }
      if (record?.newest == null || record.handedOut) {
        // no version here (no record, only intents on it, or handed out): absent here, or another group's
        return this.readElsewhere(key)
      }
      return Promise.resolve(this.readValue(key, record))
    } catch (err) {
      return Promise.reject(err)
    }
  }

  /** `get` when intents are still being acquired, or at the `exact` level (read intents) */
  private async getAfterWaits (key: string, at: number): Promise<Uint8Array | undefined> {
    if (this.pending != null) {
      await this.settlePending()
    }
    let record: KeyRecord | undefined
    if (this.reads != null) {
      // exact: a read intent keeps writers out until this task commits
      record = this.liveRecord(key, at)
      if (record.newest == null || record.handedOut) {
        record = await this.bringHere(key, at, record)
      }
      const wait = this.components.locks.acquireIn(this, record, 'read')
      if (wait != null) {
        await wait
        this.checkRunning()
      }
      this.checkFresh(record)
      if (record.handedOut) {
        // moved on again while this task waited for its intent
        throw this.abort(new TaskAbortedError('conflict', `"${key}" left this node's group before this task could read it`, key))
      }
    } else {
      record = at === -1 ? undefined : this.touched?.[at]
      if (record == null || record.detached) {
        // no record is created for a read: an absent key has none
        record = this.components.directory.groupFor(key).store.record(key)
        if (record != null) {
          this.remember(key, record, at)
        }
      }
      if (record?.newest == null || record.handedOut) {
        // no version here (no record, only intents on it, or handed out): absent here, or another group's
        return this.readElsewhere(key)
      }
    }
    return this.readValue(key, record)
  }

  /**
   * `exact` reads hold intents in this node's group only: a key another group owns is moved here
   * first (the same handoff a write makes), then read under an intent like any local key. A key
   * absent everywhere is read as absent here.
   */
  private async bringHere (key: string, at: number, record: KeyRecord): Promise<KeyRecord> {
    const { directory } = this.components
    const remote = directory.readMissing?.(key, this.snapshot)
    if (remote == null || directory.prepareCreate == null) {
      return record
    }
    let value: Uint8Array | undefined
    try {
      value = await remote
    } catch (err) {
      throw this.abort(err as Error)
    }
    this.checkRunning()
    if (value == null) {
      // absent, as another group (the home of its slot) answered: no intent here could keep a
      // creation there out until this task commits
      throw this.abort(new OwnedElsewhereError(key, 'another group', `"${key}" is absent, and its creation is decided by another group: an exact task reads only absent keys its own group would create`))
    }
    try {
      // the key exists elsewhere: this moves it here (it creates nothing)
      await directory.prepareCreate(key, this)
    } catch (err) {
      throw this.abort(err as Error)
    }
    this.checkRunning()
    return this.liveRecord(key, at)
  }

  /**
   * A key this node's group holds no record of: absent here, or owned by another group, whose
   * committed value at this snapshot is fetched (once per attempt)
   */
  private readElsewhere (key: string): Promise<Uint8Array | undefined> {
    const fetched = this.fetched?.get(key)
    if (fetched !== undefined || this.fetched?.has(key) === true) {
      return Promise.resolve(copyBytes(fetched))
    }
    const remote = this.components.directory.readMissing?.(key, this.snapshot)
    if (remote == null) {
      (this.absent ??= new Set()).add(key)
      return Promise.resolve(undefined)
    }
    return remote.then(value => {
      this.checkRunning()
      ;(this.fetched ??= new Map()).set(key, value)
      if (value == null) {
        (this.absent ??= new Set()).add(key)
      }
      return copyBytes(value)
    }, (err: Error) => {
      throw this.abort(err)
    })
  }

  /** A copy of the value of `key` (whose record is `record`) in this attempt's snapshot */
  private readValue (key: string, record: KeyRecord | undefined): Uint8Array | undefined {
    const version = record == null ? undefined : readRecordAt(record, this.snapshot)
    if (version === TOO_OLD) {
      throw this.abort(new TaskAbortedError('conflict', `The versions of "${key}" this snapshot needs were collected`, key))
    }
    this.reads?.set(key, version?.ts ?? 0)
    return copyBytes(version?.value)
  }

  put (key: string, value: Uint8Array): void {
    this.checkRunning()
    const at = this.touch(key)
    if (at === -1) {
      assertValidKey(key, this.components.limits)
    }
    assertValidValue(value, this.components.limits)
    // a copy: the caller may reuse its array
    this.write(key, copyBytes(value), at)
  }

  delete (key: string): void {
    this.checkRunning()
    const at = this.touch(key)
    if (at === -1) {
      assertValidKey(key, this.components.limits)
    }
    this.write(key, undefined, at)
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
    const { locks, directory } = this.components
    try {
      if (this.doomed != null) {
        throw this.doomed
      }
      let group: TaskGroup | undefined
      const writes = this.writes
      const records = this.writeRecords
      if (writes != null && records != null) {
        // records[i] is the record of the i-th key of `writes` (no iterator needed)
        for (let i = 0; i < records.length; i++) {
          const record = records[i]
          const key = record.key
          const home = directory.groupFor(key)
          if (group == null) {
            group = home
          } else if (home !== group) {
            throw new Error(`A task's writes must commit in one group: "${key}" is in ${home.id}, others in ${group.id}`)
          }
          // the record of a key whose write intent this attempt holds is live: a record with
          // intent state is never removed from its store
          const latest = record.newest
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
        token = group.append({ ts: this.reading(), writes, creates: this.creates, created: this.created }, this.options.durable, records)
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

  private write (key: string, value: Uint8Array | undefined, at: number): void {
    const writes = this.writes ??= new Map()
    const known = writes.has(key)
    // found before anything is recorded, so that `writes` and `writeRecords` always match
    const record = known ? undefined : this.liveRecord(key, at)
    // recorded before any check: a retry takes intents on every key this attempt meant to write
    writes.set(key, value)
    if (record == null) {
      return
    }
    this.writeRecords = appendSmall(this.writeRecords, record)
    if (record.newest == null || record.handedOut) {
      this.prepareCreation(key)
    }
    const wait = this.components.locks.acquireIn(this, record, 'write')
    if (wait == null) {
      this.noteIfStale(record)
    } else {
      // while this attempt waits for the intent the record has a waiter, so it stays live
      const settled = wait.then(() => {
        this.noteIfStale(record)
      })
      // the failure is observed by settlePending; this only keeps it from being unhandled
      settled.catch(() => {})
      ;(this.pending ??= []).push(settled)
    }
  }

  /** A first write of a key with no version here: the group must own it, or create it */
  private prepareCreation (key: string): void {
    const prepare = this.components.directory.prepareCreate
    if (prepare == null) {
      return
    }
    let creation: KeyCreation | Promise<KeyCreation>
    try {
      creation = prepare.call(this.components.directory, key, this)
    } catch (err) {
      throw this.abort(this.creationFailure(key, err as Error))
    }
    if (creation instanceof Promise) {
      const settled = creation.then(c => { this.noteCreation(c) }, (err: Error) => { throw this.creationFailure(key, err) })
      settled.catch(() => {})
      ;(this.pending ??= []).push(settled)
    } else {
      this.noteCreation(creation)
    }
  }

  private noteCreation (creation: KeyCreation): void {
    if (creation.creates != null) {
      (this.creates ??= []).push(creation.creates)
    }
    if (creation.created != null) {
      (this.created ??= []).push(creation.created)
    }
  }

  /**
   * Writing a key another group owns fails; but if this attempt found the key absent, another
   * task created it meanwhile: a lost race, retried (the retry reads the winner's object)
   */
  private creationFailure (key: string, err: Error): Error {
    if (err.name === 'OwnedElsewhereError' && this.absent?.has(key) === true) {
      return new TaskAbortedError('conflict', `"${key}" was created by another task after this task found it absent`, key)
    }
    return err
  }

  /**
   * With the intent held, a version above the snapshot means first-committer-wins has already
   * lost. The attempt is doomed, but it runs on to its end so that its retry knows its whole write
   * set and can hold all of it before its snapshot: an old task then wins on its second attempt.
   */
  private noteIfStale (record: KeyRecord): void {
    const latest = record.newest
    if (latest != null && latest.ts > this.snapshot) {
      this.doomed ??= new TaskAbortedError('conflict', `"${record.key}" was committed by another task after this task's snapshot`, record.key)
    }
  }

  /** exact reads: a version above the snapshot means the read would be stale, abort now */
  private checkFresh (record: KeyRecord): void {
    const latest = record.newest
    if (latest != null && latest.ts > this.snapshot) {
      throw this.abort(new TaskAbortedError('conflict', `"${record.key}" was committed by another task after this task's snapshot`, record.key))
    }
  }

  /** The position of `key` among the keys this attempt touched, or -1 */
  private touch (key: string): number {
    const index = this.touchedIndex
    if (index != null) {
      return index.get(key) ?? -1
    }
    const touched = this.touched
    if (touched != null) {
      for (let i = 0; i < touched.length; i++) {
        if (touched[i].key === key) {
          return i
        }
      }
    }
    return -1
  }

  /**
   * The live record of `key` (created if the key has none), for taking an intent: the one this
   * attempt found before (`at`, from `touch`) unless it was removed from its store since
   */
  private liveRecord (key: string, at: number): KeyRecord {
    const known = at === -1 ? undefined : this.touched?.[at]
    if (known != null && !known.detached) {
      return known
    }
    const record = this.components.directory.groupFor(key).store.slotFor(key)
    this.remember(key, record, at)
    return record
  }

  private remember (key: string, record: KeyRecord, at: number): void {
    if (at !== -1 && this.touched != null) {
      // the record found before was removed from its store: this is the key's live one
      this.touched[at] = record
      return
    }
    const touched = this.touched = appendSmall(this.touched, record)
    if (this.touchedIndex != null) {
      this.touchedIndex.set(key, touched.length - 1)
    } else if (touched.length > TOUCHED_SCAN_MAX) {
      this.touchedIndex = new Map(touched.map((r, i) => [r.key, i]))
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

/** V8 keeps typed arrays up to 64 bytes on its heap; above that each copy costs an off-heap allocation */
const SMALL_VALUE_BYTES = 64

/** Beyond this many touched keys an attempt indexes them in a map */
const TOUCHED_SCAN_MAX = 16

/**
 * A fresh copy of `value` as a plain Uint8Array. Not `value.slice()`: on a Node.js Buffer (a
 * Uint8Array too) `slice` returns a view of the same memory, so a caller reusing its Buffer after
 * `put` would change the stored value, and a reader could change it through what `get` returned.
 */
function copyBytes (value: Uint8Array | undefined): Uint8Array | undefined {
  if (value == null) {
    return undefined
  }
  if (value.byteLength <= SMALL_VALUE_BYTES) {
    // the typed-array copy constructor is the fastest copy of a small array (and slow for large)
    return new Uint8Array(value)
  }
  const bytes = new Uint8Array(value.byteLength)
  bytes.set(value)
  return bytes
}
