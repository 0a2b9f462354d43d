import { build } from 'hdr-histogram-js'
import type { Histogram } from 'hdr-histogram-js'

/** Latency percentiles of one measured phase, in microseconds */
export interface LatencySummary {
  count: number
  meanUs: number
  p50Us: number
  p99Us: number
  p999Us: number
  maxUs: number
}

/** One minute: anything slower is clamped (and is a failed run anyway) */
const HIGHEST_TRACKABLE_NS = 60_000_000_000

/**
 * An HDR histogram of operation latencies. Values are recorded in nanoseconds, with three
 * significant digits, so that single-digit-microsecond figures keep their resolution; they are
 * reported in microseconds.
 */
export class LatencyHistogram {
  private readonly histogram: Histogram

  constructor () {
    this.histogram = build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: HIGHEST_TRACKABLE_NS,
      numberOfSignificantValueDigits: 3,
      autoResize: false
    })
  }

  recordNs (latencyNs: number): void {
    this.histogram.recordValue(Math.min(HIGHEST_TRACKABLE_NS, Math.max(1, Math.round(latencyNs))))
  }

  get count (): number {
    return this.histogram.totalCount
  }

  summary (): LatencySummary {
    const h = this.histogram
    return {
      count: h.totalCount,
      meanUs: h.mean / 1_000,
      p50Us: h.getValueAtPercentile(50) / 1_000,
      p99Us: h.getValueAtPercentile(99) / 1_000,
      p999Us: h.getValueAtPercentile(99.9) / 1_000,
      maxUs: h.maxValue / 1_000
    }
  }
}
