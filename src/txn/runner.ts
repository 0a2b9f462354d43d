import { sleep } from '../clock/clock.ts'
import { AbortError, CommitInDoubtError, RetriesExhaustedError, TaskAbortedError, TaskTimeoutError } from '../errors.ts'
import { acceptEqual, resolveRunOptions } from './options.ts'
import { formatToken } from './token.ts'
import { Transaction } from './transaction.ts'
import type { Directory } from './directory.ts'
import type { LockTable } from './lock-table.ts'
import type { ResolvedRunOptions, RunOptions, TaskDefaults } from './options.ts'
import type { CommitToken } from './token.ts'
import type { Tx } from './transaction.ts'
import type { Clock, Timer } from '../clock/clock.ts'
import type { HybridLogicalClock } from '../clock/hlc.ts'
import type { TaskPriority } from '../clock/priority.ts'
import type { Limits } from '../store/limits.ts'
import type { ComponentLogger, Logger } from '@libp2p/interface'

export type TaskFunction<T> = (tx: Tx) => Promise<T> | T

/** What `runTask` returns: the task's result, its commit token and how to learn its fate */
export interface TaskReceipt<T> {
  readonly result: T
  /** The commit's token; undefined when the task wrote nothing */
  readonly token?: CommitToken
  readonly attempts: number
  /**
   * Resolves once the commit is committed in its group (for a durable or exact task it already
   * is); rejects with CommitLostError or, at the deadline, CommitInDoubtError.
   */
  committed(options?: { signal?: AbortSignal, timeoutMs?: number }): Promise<void>
}

export interface TaskRunnerComponents {
  readonly clock: Clock
  readonly hlc: HybridLogicalClock
  readonly locks: LockTable
  readonly directory: Directory
  readonly limits: Limits
  readonly logger: ComponentLogger
  /** Jitter source; the simulator passes a seeded one */
  random(): number
  /** Waits until a token is committed, for `readAfter`, durable tasks and receipts */
  whenCommitted(token: CommitToken | string, options: { signal?: AbortSignal, timeoutMs?: number }): Promise<void>
  /**
   * A task returned to its caller with this token before its commit was known (speculatively):
   * the node reports it if the commit is lost
   */
  returnedSpeculative?(token: CommitToken): void
}

export interface TaskRunnerInit {
  /** This node's id: the tie-break of task priorities */
  nodeId: string
  defaults: TaskDefaults
}

export interface TaskRunnerStats {
  started: number
  committed: number
  failed: number
  retries: number
  active: number
}

/** Tasks still running get their deadline checked this often */
const SWEEP_INTERVAL_MS = 10

/**
 * Tasks on local data run entirely on microtasks, which starve timers: the tick's log entry would
 * never be appended and the leader's heartbeats never sent (its lease would lapse and it would be
 * taken for dead). So attempts yield a turn of the event loop when none was taken for this long.
 */
const YIELD_EVERY_MS = 1

/**
 * One running task across its attempts. Its promise settles once: with the result (or receipt),
 * the task function's error, or a runner error (timeout, abort, retries exhausted).
 */
class Task {
  readonly priority: TaskPriority
  readonly deadlineMs: number
  current?: Transaction
  /** set once the task's commit is appended: from then on a failure leaves its outcome in doubt */
  token?: CommitToken
  settled = false
  resolve!: (value: unknown) => void
  reject!: (err: Error) => void
  readonly promise: Promise<unknown>
  /** links of the runner's list of active tasks (see ActiveTasks) */
  prev?: Task = undefined
  next?: Task = undefined
  listed = false

  constructor (priority: TaskPriority, deadlineMs: number) {
    this.priority = priority
    this.deadlineMs = deadlineMs
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve
      this.reject = reject
    })
  }
}

/**
 * The running tasks, as an intrusive doubly-linked list: adding and removing a task costs no
 * hashing and no allocation (a Set costs both, twice per task). Iteration visits tasks in the order
 * they were added and tolerates the removal of any task meanwhile, as a Set's does.
 */
class ActiveTasks {
  private head?: Task
  private tail?: Task
  private count = 0

  get size (): number {
    return this.count
  }

  add (task: Task): void {
    if (task.listed) {
      return
    }
    task.listed = true
    task.prev = this.tail
    task.next = undefined
    if (this.tail == null) {
      this.head = task
    } else {
      this.tail.next = task
    }
    this.tail = task
    this.count++
  }

  delete (task: Task): void {
    if (!task.listed) {
      return
    }
    task.listed = false
    const { prev, next } = task
    if (prev == null) {
      this.head = next
    } else {
      prev.next = next
    }
    if (next == null) {
      this.tail = prev
    } else {
      next.prev = prev
    }
    // task.next stays: an iteration standing on this task goes on from it
    task.prev = undefined
    this.count--
  }

  * [Symbol.iterator] (): IterableIterator<Task> {
    for (let task = this.head; task != null; task = task.next) {
      if (task.listed) {
        yield task
      }
    }
  }
}

/**
 * Runs task functions as transactions: snapshot isolation, first-committer-wins, wound-wait on
 * write intents, automatic retries with backoff and jitter until the attempt limit or deadline.
 */
export class TaskRunner {
  private readonly components: TaskRunnerComponents
  private readonly nodeId: string
  private readonly defaults: TaskDefaults
  private readonly defaultOptions: ResolvedRunOptions
  private readonly log: Logger
  private readonly active = new ActiveTasks()
  private sweepTimer?: Timer
  private lastTurnMs = 0
  private turn?: Promise<void>
  private readonly counters = { started: 0, committed: 0, failed: 0, retries: 0 }
  private readonly optionsByLevel = new Map<string, ResolvedRunOptions>()

  constructor (components: TaskRunnerComponents, init: TaskRunnerInit) {
    this.components = components
    this.nodeId = init.nodeId
    this.defaults = init.defaults
    this.defaultOptions = Object.freeze({ ...init.defaults, durable: init.defaults.consistency === 'exact', accept: acceptEqual })
    this.log = components.logger.forComponent('hoard:txn')
  }

  // run and runTask (and their callers in NodeCore and the node) are not `async`: an async function
  // returning a promise adds a promise and two to three microtask turns per layer to every task.
  // start() never throws; a bad call gets a rejected promise, as from an async function.

  /** Run `fn` as a task; resolves with its result */
  run<T>(fn: TaskFunction<T>, options?: RunOptions): Promise<T> {
    return this.start(fn, options, false) as Promise<T>
  }

  /** Run `fn` as a task; resolves with a receipt carrying the result and the commit token */
  runTask<T>(fn: TaskFunction<T>, options?: RunOptions): Promise<TaskReceipt<T>> {
    return this.start(fn, options, true) as Promise<TaskReceipt<T>>
  }

  get stats (): TaskRunnerStats {
    return { ...this.counters, active: this.active.size }
  }

  /** Abort every running task and stop the deadline sweep (node shutdown) */
  abortAll (err: Error): void {
    for (const task of [...this.active]) {
      this.fail(task, err)
    }
    this.sweepTimer?.cancel()
    this.sweepTimer = undefined
  }

  /** Roll back the current attempt of every running task; each retries (speculative versions were cut) */
  abortAttempts (reason: () => Error): void {
    for (const task of this.active) {
      task.current?.abort(reason())
    }
  }

  /** The oldest snapshot a running attempt reads at (undefined when none): versions below it are garbage */
  oldestSnapshot (): number | undefined {
    let oldest: number | undefined
    for (const task of this.active) {
      const snapshot = task.current?.snapshot ?? 0
      if (snapshot > 0 && (oldest == null || snapshot < oldest)) {
        oldest = snapshot
      }
    }
    return oldest
  }

  private start (fn: TaskFunction<unknown>, options: RunOptions | undefined, wantReceipt: boolean): Promise<unknown> {
    if (typeof fn !== 'function') {
      return Promise.reject(new TypeError('A task must be a function (tx) => ...'))
    }
    let resolved: ResolvedRunOptions
    try {
      resolved = options == null ? this.defaultOptions : this.resolveOptions(options)
    } catch (err) {
      return Promise.reject(err)
    }
    const signal = resolved.signal
    if (signal?.aborted === true) {
      return Promise.reject(new AbortError())
    }
    const { clock, hlc } = this.components
    if (!hlc.available) {
      // the clock is renewing its persisted bound (a few milliseconds): start once it has
      return hlc.flush().then(() => this.start(fn, options, wantReceipt))
    }
    const nowMs = clock.monotonicMs()
    const task = new Task({ ts: hlc.now(), node: this.nodeId }, nowMs + resolved.timeoutMs)
    this.counters.started++
    this.active.add(task)
    if (this.sweepTimer == null) {
      this.scheduleSweep()
    }
    void this.drive(task, fn, resolved, wantReceipt, nowMs)
    return task.promise
  }

  private fail (task: Task, err: Error): void {
    if (task.settled) {
      return
    }
    task.settled = true
    // a task whose function never returns must not keep the sweep (and the process) alive
    this.active.delete(task)
    this.counters.failed++
    task.current?.abort(err)
    if (task.token != null && !(err instanceof CommitInDoubtError) && err.name !== 'CommitLostError') {
      // its writes are in the log: the caller must not take the failure for a rollback
      const token = formatToken(task.token)
      task.reject(new CommitInDoubtError(`The task committed as ${token} but its commit could not be confirmed: ${err.message}`, token, err))
      return
    }
    task.reject(err)
  }

  /**
   * Options that set nothing but `consistency` (the common call) resolve to one shared, frozen
   * object per level, built (and validated) the first time
   */
  private resolveOptions (options: RunOptions): ResolvedRunOptions {
    if (typeof options === 'object' && options.durable == null && options.signal == null && options.timeoutMs == null &&
      options.maxAttempts == null && options.backoffInitialMs == null && options.backoffMaxMs == null &&
      options.expect == null && options.accept == null && options.readAfter == null) {
      const level = options.consistency ?? this.defaults.consistency
      let resolved = this.optionsByLevel.get(level)
      if (resolved == null) {
        resolved = Object.freeze(resolveRunOptions(options, this.defaults))
        this.optionsByLevel.set(level, resolved)
      }
      return resolved
    }
    return resolveRunOptions(options, this.defaults)
  }

  /**
   * Runs the attempts of `task` and settles it. One async function for the whole task (not one
   * for the attempts awaited by another that settles): a promise and a microtask turn fewer.
   */
  private async drive (task: Task, fn: TaskFunction<unknown>, options: ResolvedRunOptions, wantReceipt: boolean, startMs: number): Promise<void> {
    const stopWatching = this.failOnAbort(task, options.signal)
    try {
      const { clock, directory } = this.components
      if (options.readAfter != null) {
        await this.components.whenCommitted(options.readAfter, { signal: options.signal, timeoutMs: task.deadlineMs - clock.monotonicMs() })
      }
      let nowMs = startMs
      let previousWrites: string[] | undefined
      let waited = options.readAfter != null
      for (let attempt = 1; ; attempt++) {
        if (attempt > 1) {
          nowMs = clock.monotonicMs()
        }
        if (nowMs - this.lastTurnMs > YIELD_EVERY_MS) {
          await this.yieldTurn()
          waited = true
        }
        if (task.settled) {
          return
        }
        const notReady = directory.whenReady({ signal: options.signal, timeoutMs: task.deadlineMs - nowMs })
        if (notReady != null) {
          await notReady
          waited = true
        }
        const tx = new Transaction(this.components, options, task.priority, attempt)
        task.current = tx
        let result: unknown
        let token: CommitToken | undefined
        try {
          if (previousWrites != null) {
            // so that an old task cannot lose first-committer-wins forever: hold its previous
            // write set before taking the snapshot
            await tx.intendUpFront(previousWrites)
          }
          // a first attempt that has not waited reads at the reading it took as its priority: one
          // clock read fewer on the hot path
          tx.begin(attempt === 1 && !waited ? task.priority.ts : undefined)
          result = await fn(tx)
          token = tx.hasPending ? await tx.commit() : tx.commitNow()
        } catch (err) {
          tx.end()
          if (task.settled) {
            return
          }
          const backoffMs = this.retryBackoff(task, tx, err, options)
          previousWrites = writtenSoFar(previousWrites, tx)
          if (backoffMs >= 0.05) {
            await sleep(clock, backoffMs, options.signal)
          }
          continue
        }
        tx.end()
        task.token = token
        if (token != null && options.durable) {
          await this.components.whenCommitted(token, { signal: options.signal, timeoutMs: Math.max(1, task.deadlineMs - clock.monotonicMs()) })
        }
        this.succeed(task, wantReceipt ? this.receipt(result, token, attempt) : result, options.durable)
        return
      }
    } catch (err) {
      this.fail(task, err as Error)
    } finally {
      stopWatching?.()
      this.active.delete(task)
    }
  }

  /** Fails `task` when `signal` aborts; returns what stops watching, to call once the task ends */
  private failOnAbort (task: Task, signal: AbortSignal | undefined): (() => void) | undefined {
    if (signal == null) {
      return undefined
    }
    const onAbort = (): void => { this.fail(task, new AbortError()) }
    signal.addEventListener('abort', onAbort, { once: true })
    return () => { signal.removeEventListener('abort', onAbort) }
  }

  /** `committed`: the task waited for its commit; otherwise it returns speculatively (if it wrote) */
  private succeed (task: Task, value: unknown, committed: boolean): void {
    if (!task.settled) {
      task.settled = true
      if (!committed && task.token != null) {
        this.components.returnedSpeculative?.(task.token)
      }
      this.counters.committed++
      task.resolve(value)
    }
  }

  /**
   * How long to back off before retrying `tx`'s task (the retry is counted), or throws when it must
   * not be retried
   */
  private retryBackoff (task: Task, tx: Transaction, err: unknown, options: ResolvedRunOptions): number {
    const abort = tx.abortError ?? err
    if (!(abort instanceof TaskAbortedError)) {
      throw err
    }
    if (tx.attempt >= options.maxAttempts) {
      throw new RetriesExhaustedError(tx.attempt, abort)
    }
    const backoffMs = Math.min(options.backoffMaxMs, options.backoffInitialMs * 2 ** (tx.attempt - 1)) * this.components.random()
    if (this.components.clock.monotonicMs() + backoffMs >= task.deadlineMs) {
      throw new RetriesExhaustedError(tx.attempt, abort, `Task gave up after ${tx.attempt} attempt(s) at its deadline: ${abort.message}`)
    }
    this.counters.retries++
    this.log.trace('retrying task %d after attempt %d: %s', task.priority.ts, tx.attempt, abort.message)
    return backoffMs
  }

  /** One shared turn of the event loop for every task that needs to yield now */
  private async yieldTurn (): Promise<void> {
    this.turn ??= new Promise<void>(resolve => {
      this.components.clock.setTimer(() => {
        this.turn = undefined
        this.lastTurnMs = this.components.clock.monotonicMs()
        resolve()
      }, 0)
    })
    await this.turn
  }

  private receipt<T>(result: T, token: CommitToken | undefined, attempts: number): TaskReceipt<T> {
    const components = this.components
    return {
      result,
      token,
      attempts,
      async committed (options = {}) {
        if (token == null) {
          return
        }
        await components.whenCommitted(token, options)
      }
    }
  }

  private scheduleSweep (): void {
    this.sweepTimer = this.components.clock.setTimer(() => {
      this.sweepTimer = undefined
      const now = this.components.clock.monotonicMs()
      for (const task of [...this.active]) {
        if (now >= task.deadlineMs) {
          this.fail(task, new TaskTimeoutError(`Task did not finish within its deadline (attempt ${task.current?.attempt ?? 0})`))
        }
      }
      if (this.active.size > 0) {
        this.scheduleSweep()
      }
    }, SWEEP_INTERVAL_MS)
  }
}

/** The union of the keys every attempt so far wrote: each retry holds all the keys the task ever wrote */
function writtenSoFar (previous: string[] | undefined, tx: Transaction): string[] | undefined {
  if (tx.writes == null) {
    return previous
  }
  return [...new Set([...(previous ?? []), ...tx.writes.keys()])]
}
