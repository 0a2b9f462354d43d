import { setImmediate as nextMacrotask } from 'node:timers/promises'
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
  /** Called each time a worker yields to the event loop (about every millisecond) */
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

  const worker = async (index: number): Promise<void> => {
    let lastYieldMs = performance.now()
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
      if (doneMs - lastYieldMs >= YIELD_EVERY_MS) {
        lastYieldMs = doneMs
        onYield?.()
        await nextMacrotask()
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
