/**
 * The report of a topology run: `report.json` (everything measured and checked) and `report.svg`
 * (throughput and p99 over time, faults marked), written into the report directory, and the
 * closing summary printed on the terminal.
 */

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderChart } from './topology-svg.ts'
import type { Topology } from './topology-config.ts'
import type { FaultRecord } from './topology-faults.ts'
import type { StuckWorkers } from './topology-mesh.ts'
import type { RunTotals, SecondPoint } from './topology-stats.ts'
import type { TokenFigures } from './topology-tokens.ts'
import type { Anomaly } from '../src/workloads/workload.ts'

export interface InvariantResult {
  name: string
  ok: boolean
  detail: string
}

export interface SettleResult {
  ok: boolean
  ms: number
  /** What was still wrong when the wait ended (empty when it settled) */
  problems: string[]
  /** in-process: the runner's worst event-loop delay while the mesh started and settled */
  loopDelayMaxMs?: number
}

export interface MemoryFigures {
  /** in-process: the runner's process, less what it used before the nodes started, per node; processes: the mean of the nodes' processes */
  perNodeRssMB: number
  perNodeHeapMB: number
  totalRssMB: number
  /** processes: each node's own process */
  nodes?: Array<{ node: number, rssMB: number, heapMB: number }>
}

export interface FinalReadResult {
  node: number
  ok: boolean
  ms: number
  digest?: string
  error?: string
}

/** A probe write on one node: did a task writing workload keys commit, and when */
export interface ProbeFigures {
  node: number
  ok: boolean
  /** From the probe's start (after a fault: from the fault's end) to the commit, or to giving up */
  ms: number
  tasks: number
  error?: string
  /** The first failed tasks: milliseconds after the probe started, and the error */
  failures?: Array<{ atMs: number, error: string }>
  /** A failed probe not judged: another fault began while it ran (e.g. cut this node off) */
  overlapped?: string
}

export interface LatencyFigures {
  samples: number
  failed: number
  p50Ms: number | null
  p90Ms: number | null
  p99Ms: number | null
  maxMs: number | null
  meanPeers: number | null
}

export interface TopologyReport {
  topology: Topology & { file: string }
  run: {
    startedAt: string
    reportDir: string
    seed: number
    durationS: number
    node: string
    /** git HEAD of the code that ran, and whether src/ had uncommitted changes */
    commit?: string
    srcModified?: boolean
    /** The machine, and its 1-minute load average around the run (other work skews the figures) */
    host: { cpus: number, totalMemoryGB: number, loadAverageAtStart: number, loadAverageAtEnd?: number }
    /** Why the run ended early, if it did */
    error?: string
    interrupted: boolean
    /** Seconds the workload ran (the duration, unless the run was cut short) */
    workloadS?: number
    wallS: number
  }
  startup: {
    nodesStartedMs?: number
    settle?: SettleResult
    setupMs?: number
    /** Created by the nodes whose setup finished */
    objects?: number
    /** Nodes that could not create their share of the objects */
    setupFailures?: Array<{ node: number, error: string }>
  }
  headline: {
    tasksPerSecond: number
    p99Ms: number | null
    failures: number
    handoffs: number | null
    faultsInjected: number
    invariantsPassed: number
    invariantsFailed: number
  }
  totals?: RunTotals
  series: SecondPoint[]
  faults: FaultRecord[]
  notices: Array<{ atS: number, text: string }>
  anomalies: Anomaly[]
  finalSettle?: SettleResult
  /** Workers still in a task when the workload stopped, past the task's deadline and some slack */
  stuckWorkers?: StuckWorkers[]
  finalReads: FinalReadResult[]
  /** After the final reads: a probe write on every node up */
  finalProbes?: ProbeFigures[]
  /** Invariant 5: the commit tokens of the tasks that returned, asked on several nodes */
  tokens?: TokenFigures
  invariants: InvariantResult[]
  memory?: { afterStart?: MemoryFigures, afterSetup?: MemoryFigures, atEnd?: MemoryFigures }
  dhtLookups?: LatencyFigures
}

/** Writes report.json and report.svg; returns their paths */
export function writeReport (report: TopologyReport, dir: string): { json: string, svg: string } {
  const json = join(dir, 'report.json')
  const svg = join(dir, 'report.svg')
  writeFileSync(json, JSON.stringify(report, null, 2) + '\n')
  const { topology, headline } = report
  writeFileSync(svg, renderChart({
    title: `${topology.name}: ${topology.nodes} nodes (${topology.mode}), ${topology.workload.type}`,
    subtitle: `${report.run.startedAt} · seed ${report.run.seed} · ${headline.tasksPerSecond} tasks/s · p99 ${ms(headline.p99Ms)} · ` +
      `${headline.failures} failed · invariants ${headline.invariantsPassed} passed, ${headline.invariantsFailed} failed`,
    durationS: report.run.durationS,
    points: report.series.map(p => ({ t: p.t, tasks: p.tasks, failures: p.failures, p99Ms: p.p99Ms })),
    faults: report.faults.filter(f => f.injectedAtS != null).map(f => ({
      // a whole-mesh restart is a kill of every node: drawn as one
      type: f.type === 'restart-all' ? 'kill' : f.type,
      label: f.type === 'restart-all' ? 'restart-all' : `${f.type} n${f.nodes.join(',n')}`,
      fromS: f.injectedAtS as number,
      toS: f.endedAtS ?? null
    }))
  }))
  return { json, svg }
}

/** The closing summary, a few lines */
export function summarize (report: TopologyReport, paths: { json: string, svg: string }): string {
  const { totals, startup } = report
  const lines: string[] = []
  lines.push('')
  lines.push(`${report.topology.name}: ${verdict(report)}`)
  if (report.run.error != null) {
    lines.push(`  error: ${report.run.error}`)
  }
  lines.push(hostLine(report))
  if (startup.settle != null) {
    lines.push(`  mesh: ${settled(startup.settle)}${report.finalSettle == null ? '' : `; after the run: ${settled(report.finalSettle)}`}`)
  }
  if (startup.objects != null) {
    const failed = startup.setupFailures ?? []
    lines.push(`  setup: ${startup.objects} objects in ${((startup.setupMs ?? 0) / 1_000).toFixed(1)} s${failed.length === 0 ? '' : `; ${failed.length} node(s) could not create theirs (n${failed[0].node}: ${failed[0].error})`}`)
  }
  if (totals != null) {
    lines.push(...taskLines(totals))
  }
  for (const fault of report.faults) {
    const when = fault.injectedAtS == null ? `planned ${fault.plannedAtS} s` : `${fault.injectedAtS} s${fault.endedAtS == null ? '' : ` → ${fault.endedAtS} s`}`
    lines.push(`  fault ${fault.index}: ${fault.type} ${fault.nodes.length > 0 ? `n${fault.nodes.join(',n')} ` : ''}${when}: ${fault.outcome}${fault.note == null ? '' : ` (${fault.note})`}`)
  }
  lines.push(...memoryLines(report))
  if (report.tokens != null) {
    const t = report.tokens
    lines.push(`  tokens: ${t.recorded} recorded, ${t.checked} checked on n${t.askedOn.join(',n')}: ${t.committed} committed, ${t.lost} lost, ${t.undecided} undecided, ${t.conflicting} conflicting`)
  }
  if (report.dhtLookups != null) {
    const d = report.dhtLookups
    lines.push(`  DHT lookups: ${d.samples} · p50 ${ms(d.p50Ms)} · p90 ${ms(d.p90Ms)} · p99 ${ms(d.p99Ms)} · max ${ms(d.maxMs)}${d.failed > 0 ? ` · ${d.failed} failed` : ''}`)
  }
  for (const invariant of report.invariants) {
    lines.push(`  ${invariant.ok ? 'ok  ' : 'FAIL'} ${invariant.name}: ${invariant.detail}`)
  }
  lines.push(`  report: ${paths.json}`)
  lines.push(`  chart:  ${paths.svg}`)
  return lines.join('\n')
}

function memoryLines ({ memory }: TopologyReport): string[] {
  const phases: Array<[string, MemoryFigures | undefined]> = [['after start', memory?.afterStart], ['after setup', memory?.afterSetup], ['at the end', memory?.atEnd]]
  return phases.filter(([, figures]) => figures != null).map(([when, figures]) => {
    const f = figures as MemoryFigures
    return `  memory ${when}: ${f.perNodeRssMB.toFixed(1)} MB RSS per node (${f.perNodeHeapMB.toFixed(1)} MB heap), ${f.totalRssMB.toFixed(0)} MB in all`
  })
}

function hostLine ({ run }: TopologyReport): string {
  const end = run.host.loadAverageAtEnd?.toFixed(1) ?? '?'
  return `  host: load average ${run.host.loadAverageAtStart.toFixed(1)} at the start, ${end} at the end, on ${run.host.cpus} cores` +
    `${run.commit == null ? '' : ` · code at ${run.commit.slice(0, 8)}`}${run.srcModified === true ? ' with uncommitted changes in src/' : ''}`
}

function taskLines (totals: RunTotals): string[] {
  const count = (counts: Record<string, number>): string => Object.entries(counts).map(([what, n]) => `${what} ${n}`).join(', ')
  const lines = [
    `  tasks: ${totals.tasks} (${count(totals.byKind)}) · ${totals.tasksPerSecond}/s · p50 ${ms(totals.p50Ms)} · p99 ${ms(totals.p99Ms)} · max ${ms(totals.maxMs)}`,
    `  handoffs: ${totals.handoffs ?? 'n/a'} · failures: ${totals.failures}${totals.failures > 0 ? ` (${count(totals.failedByKind)})` : ''}` +
      (totals.loopDelayMaxMs == null ? '' : ` · event-loop delay, worst per second: median ${ms(totals.loopDelayMedianMs)}, max ${ms(totals.loopDelayMaxMs)}`)
  ]
  for (const [name, n] of Object.entries(totals.failuresByName).sort((a, b) => b[1] - a[1])) {
    const sample = totals.failureSamples[name] ?? ''
    lines.push(`    ${name} ×${n}: ${sample.length > 160 ? `${sample.slice(0, 157)}...` : sample}`)
  }
  return lines
}

function verdict (report: TopologyReport): string {
  if (report.run.interrupted) {
    return 'INTERRUPTED'
  }
  if (report.run.error != null) {
    return 'RUN FAILED'
  }
  return report.headline.invariantsFailed > 0 ? 'INVARIANTS FAILED' : 'passed'
}

function settled (result: SettleResult): string {
  const delay = result.loopDelayMaxMs == null ? '' : `, worst event-loop delay ${ms(result.loopDelayMaxMs)}`
  return result.ok
    ? `settled in ${(result.ms / 1_000).toFixed(1)} s${delay}`
    : `NOT settled after ${(result.ms / 1_000).toFixed(0)} s${delay} (${result.problems.length} problems, e.g. ${result.problems[0]})`
}

export function ms (value: number | null | undefined): string {
  if (value == null) {
    return 'n/a'
  }
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`
}
