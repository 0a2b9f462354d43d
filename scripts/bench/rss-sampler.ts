/**
 * Tracks the peak resident set size of this process during one phase. A timer alone is not
 * enough: a workload that resolves through microtasks can starve timers, so the workload loop
 * also calls `sample()` whenever it yields to the event loop.
 */
export class PeakRssSampler {
  private peakBytes = 0
  private timer?: ReturnType<typeof setInterval>

  start (intervalMs = 20): void {
    this.sample()
    this.timer = setInterval(() => { this.sample() }, intervalMs)
    // a sampler must never keep the process alive
    this.timer.unref()
  }

  sample (): void {
    const rssBytes = process.memoryUsage.rss()
    if (rssBytes > this.peakBytes) {
      this.peakBytes = rssBytes
    }
  }

  /** Stops sampling and returns the peak in bytes */
  stop (): number {
    if (this.timer != null) {
      clearInterval(this.timer)
      this.timer = undefined
    }
    this.sample()
    return this.peakBytes
  }
}
