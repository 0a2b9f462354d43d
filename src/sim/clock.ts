import type { SimProcess } from './process.ts'
import type { Scheduler } from './scheduler.ts'
import type { Clock, Timer } from '../clock/clock.ts'

/** Wall time at the start of every run (a fixed date, so runs replay exactly) */
export const SIM_EPOCH_WALL_MS = Date.UTC(2026, 0, 1)

export interface SimClockInit {
  /** How far this node's wall clock is ahead of true time (negative: behind) */
  wallOffsetMs: number
  /** Local milliseconds per true millisecond: within [1 − ρ, 1 + ρ] */
  rate: number
  /** Where the monotonic clock starts (its origin is arbitrary) */
  monotonicOriginMs: number
}

/**
 * A node's clock in the simulator: true time read through a constant skew and drift rate. Timers
 * fire when the local monotonic clock reaches their deadline, and run inside the node's process
 * (so they stop at a crash and are held back by a pause).
 */
export class SimClock implements Clock {
  private readonly scheduler: Scheduler
  private readonly process: SimProcess
  private _wallOffsetMs: number
  readonly rate: number
  private readonly monotonicOriginMs: number

  constructor (scheduler: Scheduler, process: SimProcess, init: SimClockInit) {
    this.scheduler = scheduler
    this.process = process
    this._wallOffsetMs = init.wallOffsetMs
    this.rate = init.rate
    this.monotonicOriginMs = init.monotonicOriginMs
  }

  /** How far this node's wall clock is ahead of true time now */
  get wallOffsetMs (): number {
    return this._wallOffsetMs
  }

  /**
   * Step the wall clock to `wallOffsetMs` ahead of true time (an operator's or NTP's correction, or
   * a fault). The monotonic clock is unaffected, as a real one is.
   */
  setWallOffset (wallOffsetMs: number): void {
    this._wallOffsetMs = wallOffsetMs
  }

  wallMs (): number {
    return SIM_EPOCH_WALL_MS + this._wallOffsetMs + this.scheduler.nowMs * this.rate
  }

  monotonicMs (): number {
    return this.monotonicOriginMs + this.scheduler.nowMs * this.rate
  }

  setTimer (fn: () => void, delayMs: number): Timer {
    // a hair late rather than early, so that `monotonicMs() >= deadline` holds when it fires
    const trueDelayMs = Math.max(0, delayMs) / this.rate + 1e-6
    return this.process.after(trueDelayMs, fn)
  }
}
