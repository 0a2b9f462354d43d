/**
 * The run's figures, second by second: what every node completed (merged from their per-second
 * buckets, which may arrive late, e.g. from a node that was paused), failures by error name,
 * latency percentiles, handoffs, nodes up and the faults in force.
 */

import { LatencyHistogram } from './bench/histogram.ts'
import type { SecondBucket } from './topology-node.ts'

export interface SecondPoint {
  /** Second of the run (from t to t + 1 s after the workload started) */
  t: number
  /** Tasks completed in that second, all nodes */
  tasks: number
  byKind: Record<string, number>
  failures: number
  failuresByName: Record<string, number>
  /** Of the tasks completed in that second; null when none completed */
  p50Ms: number | null
  p99Ms: number | null
  maxMs: number | null
  /** Handoffs logged in (received) across the mesh; null when no node could report them */
  handoffs: number | null
  /** Nodes running (not killed, not paused) at the end of that second */
  nodesUp: number
  /** Faults in force at the end of that second */
  faults: string[]
  /** The worst event-loop delay of any node's process in that second (undefined: not measured) */
  loopDelayMaxMs?: number
}

export interface RunTotals {
  tasks: number
  byKind: Record<string, number>
  failures: number
  failuresByName: Record<string, number>
  failedByKind: Record<string, number>
  /** The first message seen for each error name */
  failureSamples: Record<string, string>
  tasksPerSecond: number
  p50Ms: number | null
  p99Ms: number | null
  p999Ms: number | null
  maxMs: number | null
  handoffs: number | null
  /** The worst event-loop delay seen in any second, and the median of the seconds' worst */
  loopDelayMaxMs?: number
  loopDelayMedianMs?: number
}

/** A run is at most an hour (the schema's limit on duration) plus its stopping */
const MAX_SECOND = 2 * 3_600

interface Second {
  byKind: Record<string, number>
  failuresByName: Record<string, number>
  failedByKind: Record<string, number>
  latenciesMs: number[]
  handoffs: number
  handoffsKnown: boolean
  nodesUp?: number
  faults?: string[]
  loopDelayMaxMs?: number
}

export class Timeline {
  private readonly seconds = new Map<number, Second>()
  private readonly overall = new LatencyHistogram()
  private readonly failureSamples: Record<string, string> = {}
  /** Buckets dropped for a second outside the run */
  outOfRange = 0

  add (bucket: SecondBucket): void {
    if (!(bucket.second >= 0 && bucket.second <= MAX_SECOND)) {
      // a node's clock or start time gone wrong: keep the figures, not a series of a billion seconds
      this.outOfRange++
      return
    }
    const second = this.second(bucket.second)
    for (const [kind, count] of Object.entries(bucket.ops)) {
      second.byKind[kind] = (second.byKind[kind] ?? 0) + count
    }
    for (const [name, count] of Object.entries(bucket.failures)) {
      second.failuresByName[name] = (second.failuresByName[name] ?? 0) + count
    }
    for (const [kind, count] of Object.entries(bucket.failedOps)) {
      second.failedByKind[kind] = (second.failedByKind[kind] ?? 0) + count
    }
    for (const [name, message] of Object.entries(bucket.failureSamples)) {
      this.failureSamples[name] ??= message
    }
    for (const ms of bucket.latenciesMs) {
      second.latenciesMs.push(ms)
      this.overall.recordNs(ms * 1_000_000)
    }
    if (bucket.loopDelayMaxMs != null) {
      second.loopDelayMaxMs = Math.max(second.loopDelayMaxMs ?? 0, bucket.loopDelayMaxMs)
    }
    if (bucket.handoffsIn != null) {
      second.handoffs += bucket.handoffsIn
      second.handoffsKnown = true
    }
  }

  /** Records the mesh's state at the end of second `t` */
  mark (t: number, nodesUp: number, faults: string[], loopDelayMaxMs?: number): void {
    const second = this.second(t)
    second.nodesUp = nodesUp
    second.faults = faults
    if (loopDelayMaxMs != null) {
      second.loopDelayMaxMs = Math.max(second.loopDelayMaxMs ?? 0, loopDelayMaxMs)
    }
  }

  point (t: number): SecondPoint {
    const second = this.seconds.get(t)
    const sorted = [...(second?.latenciesMs ?? [])].sort((a, b) => a - b)
    const at = (p: number): number | null => sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
    const byKind = { ...second?.byKind }
    const failuresByName = { ...second?.failuresByName }
    return {
      t,
      tasks: sum(byKind),
      byKind,
      failures: sum(failuresByName),
      failuresByName,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      maxMs: sorted.length === 0 ? null : sorted[sorted.length - 1],
      handoffs: second?.handoffsKnown === true ? second.handoffs : null,
      nodesUp: second?.nodesUp ?? 0,
      faults: second?.faults ?? [],
      loopDelayMaxMs: second?.loopDelayMaxMs
    }
  }

  /** Every second from 0 to the last that has anything (at least `durationS` seconds) */
  series (durationS: number): SecondPoint[] {
    const last = Math.max(Math.ceil(durationS) - 1, ...this.seconds.keys())
    return Array.from({ length: last + 1 }, (_, t) => this.point(t))
  }

  /** Totals; the rate is over the `durationS` seconds the workload ran */
  totals (durationS: number): RunTotals {
    const byKind: Record<string, number> = {}
    const failuresByName: Record<string, number> = {}
    const failedByKind: Record<string, number> = {}
    let handoffs = 0
    let handoffsKnown = false
    for (const second of this.seconds.values()) {
      for (const [kind, count] of Object.entries(second.byKind)) {
        byKind[kind] = (byKind[kind] ?? 0) + count
      }
      for (const [name, count] of Object.entries(second.failuresByName)) {
        failuresByName[name] = (failuresByName[name] ?? 0) + count
      }
      for (const [kind, count] of Object.entries(second.failedByKind)) {
        failedByKind[kind] = (failedByKind[kind] ?? 0) + count
      }
      handoffs += second.handoffs
      handoffsKnown ||= second.handoffsKnown
    }
    const delays = [...this.seconds.values()].map(second => second.loopDelayMaxMs).filter((d): d is number => d != null).sort((a, b) => a - b)
    const latency = this.overall.summary()
    const none = latency.count === 0
    const tasks = sum(byKind)
    return {
      tasks,
      byKind,
      failures: sum(failuresByName),
      failuresByName,
      failedByKind,
      failureSamples: { ...this.failureSamples },
      tasksPerSecond: durationS > 0 ? Math.round(this.completedBefore(durationS) / durationS) : 0,
      p50Ms: none ? null : latency.p50Us / 1_000,
      p99Ms: none ? null : latency.p99Us / 1_000,
      p999Ms: none ? null : latency.p999Us / 1_000,
      maxMs: none ? null : latency.maxUs / 1_000,
      handoffs: handoffsKnown ? handoffs : null,
      loopDelayMaxMs: delays.length === 0 ? undefined : delays[delays.length - 1],
      loopDelayMedianMs: delays.length === 0 ? undefined : delays[Math.floor(delays.length / 2)]
    }
  }

  /** Tasks completed in the first `durationS` seconds (not those finishing while the workload stops) */
  private completedBefore (durationS: number): number {
    let tasks = 0
    for (const [t, second] of this.seconds) {
      if (t < durationS) {
        tasks += sum(second.byKind)
      }
    }
    return tasks
  }

  private second (t: number): Second {
    let second = this.seconds.get(t)
    if (second == null) {
      second = { byKind: {}, failuresByName: {}, failedByKind: {}, latenciesMs: [], handoffs: 0, handoffsKnown: false }
      this.seconds.set(t, second)
    }
    return second
  }
}

function sum (counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, count) => total + count, 0)
}
