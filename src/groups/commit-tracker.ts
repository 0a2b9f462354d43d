import { CommitInDoubtError, CommitLostError, AbortError } from '../errors.ts'
import type { Clock, Timer } from '../clock/clock.ts'
import type { CommitToken } from '../txn/token.ts'

export type CommitStatus = 'committed' | 'lost' | 'pending'

interface Waiter {
  readonly token: CommitToken
  resolve(): void
  reject(err: Error): void
  timer?: Timer
  settled: boolean
}

export const DEFAULT_COMMIT_WAIT_MS = 10_000

/**
 * Promises for commit tokens of one group, settled as the commit index rises: committed when the
 * committed log holds the token's term at its index, lost when it holds another term there, or
 * when a committed entry below the token's index has a later term than the token (nothing of an
 * older term can follow it), in doubt when neither is known by the caller's deadline.
 */
export class CommitTracker {
  private readonly clock: Clock
  /** ascending by index */
  private waiters: Waiter[] = []
  /** The newest committed term waiters of older terms were last swept for */
  private sweptTerm = 0

  constructor (clock: Clock) {
    this.clock = clock
  }

  get pending (): number {
    return this.waiters.length
  }

  /**
   * `termAt(index)` is the term of the committed entry at `index` (undefined when the index is
   * above the commit index).
   */
  status (token: CommitToken, commitIndex: number, termAt: (index: number) => number | undefined): CommitStatus {
    if (token.index > commitIndex) {
      return overtaken(token, commitIndex, termAt) ? 'lost' : 'pending'
    }
    const term = termAt(token.index)
    if (term == null) {
      return 'pending'
    }
    return term === token.term ? 'committed' : 'lost'
  }

  async wait (token: CommitToken, options: { signal?: AbortSignal, timeoutMs?: number } = {}): Promise<void> {
    if (options.signal?.aborted === true) {
      throw new AbortError()
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { token, resolve, reject, settled: false }
      const timeoutMs = options.timeoutMs ?? DEFAULT_COMMIT_WAIT_MS
      const onAbort = (): void => { this.settle(waiter, new AbortError()) }
      waiter.timer = this.clock.setTimer(() => {
        this.settle(waiter, new CommitInDoubtError(`The outcome of commit ${token.group}:${token.term}:${token.index} was not learned within ${timeoutMs} ms; ask again later`))
      }, timeoutMs)
      if (options.signal != null) {
        options.signal.addEventListener('abort', onAbort, { once: true })
        const { resolve: done, reject: fail } = waiter
        waiter.resolve = () => { options.signal?.removeEventListener('abort', onAbort); done() }
        waiter.reject = (err) => { options.signal?.removeEventListener('abort', onAbort); fail(err) }
      }
      this.insert(waiter)
    })
  }

  /** The commit index rose: settle every waiter at or below it */
  committed (commitIndex: number, termAt: (index: number) => number | undefined): void {
    let settledCount = 0
    for (const waiter of this.waiters) {
      if (waiter.token.index > commitIndex) {
        break
      }
      settledCount++
      if (waiter.settled) {
        continue
      }
      const term = termAt(waiter.token.index)
      if (term === waiter.token.term) {
        this.settle(waiter)
      } else {
        this.settle(waiter, new CommitLostError(`Commit ${waiter.token.group}:${waiter.token.term}:${waiter.token.index} was lost: the group's committed log holds an entry of term ${term ?? 'unknown'} at index ${waiter.token.index}`))
      }
    }
    if (settledCount > 0) {
      this.waiters = this.waiters.slice(settledCount)
    }
    // tokens above the commit index, of a term older than the newest committed entry's, can no
    // longer commit (terms never decrease along a log): an idle group would otherwise leave them
    // pending until its log grows that far
    // (only when that term rises: a waiter added later is checked by `status` before it waits)
    const newestTerm = termAt(commitIndex)
    if (newestTerm != null && newestTerm > this.sweptTerm) {
      this.sweptTerm = newestTerm
      for (const waiter of this.waiters) {
        if (waiter.token.term < newestTerm) {
          this.settle(waiter, new CommitLostError(`Commit ${waiter.token.group}:${waiter.token.term}:${waiter.token.index} was lost: the group's committed log holds an entry of the later term ${newestTerm} at index ${commitIndex}, below it`))
        }
      }
      this.waiters = this.waiters.filter(w => !w.settled)
    }
  }

  /** Reject every waiter (the group stopped) */
  failAll (err: Error): void {
    for (const waiter of this.waiters) {
      this.settle(waiter, err)
    }
    this.waiters = []
  }

  private insert (waiter: Waiter): void {
    let at = this.waiters.length
    while (at > 0 && this.waiters[at - 1].token.index > waiter.token.index) {
      at--
    }
    this.waiters.splice(at, 0, waiter)
  }

  private settle (waiter: Waiter, err?: Error): void {
    if (waiter.settled) {
      return
    }
    waiter.settled = true
    waiter.timer?.cancel()
    if (err == null) {
      waiter.resolve()
    } else {
      waiter.reject(err)
    }
  }
}

/**
 * A token above the commit index is lost already when the committed log's newest entry is of a
 * later term: an entry of an older term can never follow it in any log
 */
function overtaken (token: CommitToken, commitIndex: number, termAt: (index: number) => number | undefined): boolean {
  const newestTerm = termAt(commitIndex)
  return newestTerm != null && newestTerm > token.term
}
