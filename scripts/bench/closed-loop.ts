import { LatencyHistogram } from './histogram.ts'
import type { LatencySummary } from './histogram.ts'

export interface ClosedLoopOptions {
  /** Operations in flight at once; each worker starts its next operation when its last one ends */
  concurrency: number
  /** Run, but do not measure, for this long first (JIT, caches, connection warm-up) */
  warmupMs: number
  /** Measure for this long after the warm-up */
  durationMs: number
  /** One operation; `worker` is in [0, concurrency), for systems that need a connection per worker */
  operation(worker: number): Promise<void>
  /** Called at each turn of the event loop the workers yield to (about every millisecond) */
  onYield?(): void
}

export interface ClosedLoopResult {
  /** Operations started inside the measured window (and completed) */
  operations: number
  /** From the end of the warm-up until the last worker finished */
  elapsedMs: number
  opsPerSec: number
  latency: LatencySummary
}

/**
 * Yield to the event loop at least this often, so that timers (the system's own ticks, RSS
 * sampling, Ctrl-C) run even when every operation resolves through microtasks alone.
 */
const YIELD_EVERY_MS = 1

/**
 * One turn of the event loop shared by every worker that must yield now. A turn per worker (and an
 * `onYield` per worker: the RSS sampler reads /proc, about 7 us) cost 64 immediates and 64 samples
 * per millisecond at concurrency 64: measured, up to half of the process's CPU, charged to the
 * system under test.
 */
class SharedTurn {
  lastTurnMs = performance.now()
  private turn?: Promise<void>
  private readonly onTurn?: () => void

  constructor (onTurn?: () => void) {
    this.onTurn = onTurn
  }

  async take (): Promise<void> {
    this.turn ??= new Promise<void>(resolve => {
      setImmediate(() => {
        this.turn = undefined
        this.lastTurnMs = performance.now()
        this.onTurn?.()
        resolve()
      })
    })
    await this.turn
  }
}

/**
 * Runs `operation` in a closed loop: `concurrency` workers, each issuing its next operation as soon
 * as its previous one ends, for a warm-up and then a measured window. Latency is measured from the
 * start of an operation to its end, so at concurrency above 1 it includes queueing behind the
 * other workers in this process.
 */
export async function runClosedLoop (options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const { concurrency, warmupMs, durationMs, operation, onYield } = options
  const histogram = new LatencyHistogram()
  const measureFromMs = performance.now() + warmupMs
  const endMs = measureFromMs + durationMs
  let failed = false
  const turn = new SharedTurn(onYield)

  const worker = async (index: number): Promise<void> => {
    while (!failed) {
      const startMs = performance.now()
      if (startMs >= endMs) {
        return
      }
      try {
        await operation(index)
      } catch (err) {
        // stop the other workers at once: the run is void
        failed = true
        throw err
      }
      const doneMs = performance.now()
      if (startMs >= measureFromMs) {
        histogram.recordNs((doneMs - startMs) * 1_000_000)
      }
      if (doneMs - turn.lastTurnMs >= YIELD_EVERY_MS) {
        await turn.take()
      }
    }
  }

  await Promise.all(Array.from({ length: concurrency }, async (_, index) => { await worker(index) }))
  const elapsedMs = Math.max(performance.now() - measureFromMs, Number.EPSILON)
  return {
    operations: histogram.count,
    elapsedMs,
    opsPerSec: histogram.count / (elapsedMs / 1_000),
    latency: histogram.summary()
  }
}
