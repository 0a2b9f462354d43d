import { sleep } from '../clock/clock.ts'
import { AbortError, RetriesExhaustedError, TaskAbortedError, TaskEndedError, TaskTimeoutError } from '../errors.ts'
import { resolveRunOptions } from './options.ts'
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
  /** Waits until a token is committed, for `readAfter` and receipts */
  whenCommitted(token: CommitToken | string, options: { durable?: boolean, signal?: AbortSignal, timeoutMs?: number }): Promise<void>
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
 * One running task across its attempts. `run` settles its promise once: with the receipt, the
 * task function's error, or a runner error (timeout, abort, retries exhausted).
 */
class Task<T> {
  readonly priority: TaskPriority
  readonly deadlineMs: number
  current?: Transaction
  settled = false
  resolve!: (receipt: TaskReceipt<T>) => void
  reject!: (err: Error) => void
  readonly promise: Promise<TaskReceipt<T>>

  constructor (priority: TaskPriority, deadlineMs: number) {
    this.priority = priority
    this.deadlineMs = deadlineMs
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve
      this.reject = reject
    })
  }

  /** Fail the task from outside the attempt loop (deadline, caller's signal) */
  fail (err: Error): void {
    if (this.settled) {
      return
    }
    this.settled = true
    this.current?.abort(err)
    this.reject(err)
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
  private readonly log: Logger
  private readonly active = new Set<Task<unknown>>()
  private sweepTimer?: Timer
  readonly stats: TaskRunnerStats = { started: 0, committed: 0, failed: 0, retries: 0, active: 0 }

  constructor (components: TaskRunnerComponents, init: TaskRunnerInit) {
    this.components = components
    this.nodeId = init.nodeId
    this.defaults = init.defaults
    this.log = components.logger.forComponent('hoard:txn')
  }

  async run<T>(fn: TaskFunction<T>, options?: RunOptions): Promise<TaskReceipt<T>> {
    if (typeof fn !== 'function') {
      throw new TypeError('A task must be a function (tx) => ...')
    }
    const resolved = resolveRunOptions(options, this.defaults)
    const { clock, hlc } = this.components
    const task = new Task<T>({ ts: hlc.now(), node: this.nodeId }, clock.monotonicMs() + resolved.timeoutMs)
    this.stats.started++

    const signal = resolved.signal
    if (signal?.aborted === true) {
      throw new AbortError()
    }
    const onAbort = (): void => { this.fail(task, new AbortError()) }
    signal?.addEventListener('abort', onAbort, { once: true })

    this.active.add(task as Task<unknown>)
    this.stats.active = this.active.size
    this.ensureSweep()
    this.drive(task, fn, resolved).then(
      receipt => {
        if (!task.settled) {
          task.settled = true
          this.stats.committed++
          task.resolve(receipt)
        }
      },
      (err: Error) => {
        this.fail(task, err)
      }
    ).finally(() => {
      signal?.removeEventListener('abort', onAbort)
      this.active.delete(task as Task<unknown>)
      this.stats.active = this.active.size
    })
    return task.promise
  }

  /** Abort every running task (node shutdown) */
  abortAll (err: Error): void {
    for (const task of this.active) {
      this.fail(task, err)
    }
  }

  private fail (task: { settled: boolean, fail(err: Error): void }, err: Error): void {
    if (!task.settled) {
      this.stats.failed++
      task.fail(err)
    }
  }

  private async drive<T>(task: Task<T>, fn: TaskFunction<T>, options: ResolvedRunOptions): Promise<TaskReceipt<T>> {
    const { clock, random } = this.components
    if (options.readAfter != null) {
      await this.components.whenCommitted(options.readAfter, { signal: options.signal, timeoutMs: task.deadlineMs - clock.monotonicMs() })
    }
    let previousWrites: string[] | undefined
    for (let attempt = 1; ; attempt++) {
      if (task.settled) {
        throw new TaskEndedError()
      }
      const tx = new Transaction(this.components, options, task.priority, attempt)
      task.current = tx
      let result: T
      let token: CommitToken | undefined
      try {
        if (previousWrites != null) {
          // so that an old task cannot lose first-committer-wins forever: hold its previous
          // write set before taking the snapshot
          await tx.intendUpFront(previousWrites)
        }
        tx.begin()
        result = await fn(tx)
        token = await tx.commit()
      } catch (err) {
        tx.end()
        const abort = tx.abortError ?? err
        if (!(abort instanceof TaskAbortedError) || task.settled) {
          throw task.settled ? (tx.abortError ?? err) : err
        }
        if (attempt >= options.maxAttempts) {
          throw new RetriesExhaustedError(attempt, abort)
        }
        const backoffMs = Math.min(options.backoffMaxMs, options.backoffInitialMs * 2 ** (attempt - 1)) * random()
        if (clock.monotonicMs() + backoffMs >= task.deadlineMs) {
          throw new RetriesExhaustedError(attempt, abort, `Task gave up after ${attempt} attempt(s) at its deadline: ${abort.message}`)
        }
        this.stats.retries++
        this.log.trace('retrying task %s (attempt %d): %s', task.priority.ts, attempt, abort.message)
        previousWrites = [...tx.writes.keys()]
        if (backoffMs >= 0.05) {
          await sleep(clock, backoffMs, options.signal)
        }
        continue
      }
      tx.end()
      if (token != null && options.durable) {
        await this.components.whenCommitted(token, { durable: true, signal: options.signal, timeoutMs: Math.max(1, task.deadlineMs - clock.monotonicMs()) })
      }
      return this.receipt(result, token, attempt)
    }
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

  private ensureSweep (): void {
    if (this.sweepTimer != null) {
      return
    }
    this.sweepTimer = this.components.clock.setTimer(() => {
      this.sweepTimer = undefined
      const now = this.components.clock.monotonicMs()
      for (const task of this.active) {
        if (now >= task.deadlineMs) {
          this.fail(task, new TaskTimeoutError(`Task did not finish within its deadline (attempt ${task.current?.attempt ?? 0})`))
        }
      }
      if (this.active.size > 0) {
        this.ensureSweep()
      }
    }, SWEEP_INTERVAL_MS)
  }
}
