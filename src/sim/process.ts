import type { ScheduledEvent, Scheduler } from './scheduler.ts'

export type ProcessState = 'running' | 'paused' | 'crashed'

interface Pending {
  fn(): void
  readonly generation: number
  cancelled: boolean
}

/**
 * One simulated OS process. Everything that runs "inside" a node (its timers, message arrivals,
 * disk completions) goes through here, so that a crash silences all of it at once and a pause
 * (a frozen process: a long GC, a stopped VM) holds it back and then releases it as a backlog.
 */
export class SimProcess {
  readonly name: string
  private readonly scheduler: Scheduler
  private _state: ProcessState = 'running'
  /** bumped by each crash: callbacks scheduled by an earlier life never run */
  private generation = 0
  private backlog: Pending[] = []

  constructor (scheduler: Scheduler, name: string) {
    this.scheduler = scheduler
    this.name = name
  }

  get state (): ProcessState {
    return this._state
  }

  /** Run `fn` in this process after `delayMs` of true time */
  after (delayMs: number, fn: () => void): ScheduledEvent {
    const pending: Pending = { fn, generation: this.generation, cancelled: false }
    const event = this.scheduler.after(delayMs, () => { this.fire(pending) })
    return {
      cancel: () => {
        pending.cancelled = true
        event.cancel()
      }
    }
  }

  /** Something from outside (a message) reaches this process now */
  deliver (fn: () => void): void {
    this.fire({ fn, generation: this.generation, cancelled: false })
  }

  pause (): void {
    if (this._state === 'running') {
      this._state = 'paused'
    }
  }

  /** Unfreeze: everything that came due while paused runs now, in the order it came due */
  resume (): void {
    if (this._state !== 'paused') {
      return
    }
    this._state = 'running'
    const backlog = this.backlog
    this.backlog = []
    for (const pending of backlog) {
      // one scheduler step each, so that promise continuations run between them as in Node
      this.scheduler.after(0, () => { this.fire(pending) })
    }
  }

  crash (): void {
    this._state = 'crashed'
    this.generation++
    this.backlog = []
  }

  /** Start a new life after a crash (the caller builds the new program state) */
  restart (): void {
    if (this._state === 'crashed') {
      this._state = 'running'
    }
  }

  private fire (pending: Pending): void {
    if (pending.cancelled || pending.generation !== this.generation || this._state === 'crashed') {
      return
    }
    if (this._state === 'paused') {
      this.backlog.push(pending)
      return
    }
    pending.fn()
  }
}
