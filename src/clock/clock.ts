/**
 * The core never reads real time directly: it asks a `Clock`. The system clock is used by a real
 * node; the simulator supplies virtual, skewed and drifting clocks so that runs replay exactly.
 */
export interface Clock {
  /** Wall-clock milliseconds since the Unix epoch (may be skewed; feeds the HLC) */
  wallMs(): number

  /** Monotonic milliseconds from an arbitrary origin, for durations, timeouts and leases */
  monotonicMs(): number

  /** Run `fn` once after `delayMs` of monotonic time; 0 means as soon as the current work is done */
  setTimer(fn: () => void, delayMs: number): Timer
}

export interface Timer {
  cancel(): void
}

class SystemTimer implements Timer {
  private readonly handle: ReturnType<typeof setTimeout>
  constructor (fn: () => void, delayMs: number) {
    this.handle = setTimeout(fn, delayMs)
  }

  cancel (): void {
    clearTimeout(this.handle)
  }
}

/** A zero delay means "once the current work is done": the next turn of the event loop */
class ImmediateTimer implements Timer {
  private readonly handle: ReturnType<typeof setImmediate>
  constructor (fn: () => void) {
    this.handle = setImmediate(fn)
  }

  cancel (): void {
    clearImmediate(this.handle)
  }
}

/** Real time: `Date.now()`, `performance.now()` and `setTimeout` */
export const systemClock: Clock = {
  wallMs: () => Date.now(),
  monotonicMs: () => performance.now(),
  setTimer: (fn, delayMs) => delayMs <= 0 ? new ImmediateTimer(fn) : new SystemTimer(fn, delayMs)
}

/** Resolves after `delayMs` on `clock`, or rejects with the signal's reason when it aborts */
export async function sleep (clock: Clock, delayMs: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted === true) {
    throw signal.reason
  }
  await new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      timer.cancel()
      reject(signal?.reason)
    }
    const timer = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, delayMs)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
