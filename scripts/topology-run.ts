/**
 * One run of a topology, phase by phase: start the mesh, wait for it to settle, measure it at rest
 * (memory, DHT lookups), create the workload's objects, run the workload for the duration while the
 * faults strike, end every fault, wait for quiet, read the final state on several nodes and check
 * the invariants, stop everything. Whatever happens (an error, Ctrl-C) the mesh is stopped and a
 * report is produced.
 */

import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpus, loadavg, totalmem } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { DEFAULT_TIMING } from '../src/consensus/raft.ts'
import { createWorkload } from '../src/workloads/index.ts'
import { FaultSchedule } from './topology-faults.ts'
import { Mesh } from './topology-mesh.ts'
import { ms } from './topology-report.ts'
import { settleProblems } from './topology-settle.ts'
import { Timeline } from './topology-stats.ts'
import { TokenLedger } from './topology-tokens.ts'
import type { Topology } from './topology-config.ts'
import type { FaultRecord } from './topology-faults.ts'
import type { NodeSummary } from './topology-node.ts'
import type { Progress } from './topology-progress.ts'
import type { FinalReadResult, InvariantResult, LatencyFigures, MemoryFigures, ProbeFigures, SettleResult, TopologyReport } from './topology-report.ts'
import type { RaftTiming } from '../src/consensus/raft.ts'
import type { Anomaly, InvariantCheck } from '../src/workloads/workload.ts'

export interface RunOptions {
  file: string
  reportDir: string
  progress: Progress
}

const MB = 1024 * 1024
/** How often the mesh's state is polled while waiting for it to settle */
const SETTLE_POLL_MS = 500
/** How often the object count is shown while the workload's objects are created */
const SETUP_POLL_MS = 2_000
/** The status line shows a second this long after it ended, once every node has reported it */
const STATUS_LAG_MS = 400
/** Anomalies kept in the report (the count is always right) */
const MAX_ANOMALIES = 100
/**
 * A probe write's task deadline: short, so that one stuck on a dead leader is soon replaced, but
 * no shorter than two election timeouts of the topology (one slowing consensus down slows a
 * handoff, and a probe whose every task is cut short would never commit)
 */
const PROBE_TASK_MS = 1_000
/** After a fault ends (and at the end), every node up must commit a probe write within this long (or ten election timeouts) */
const PROBE_DEADLINE_MS = 20_000
/** Failed probe tasks kept in the report, per node and probe */
const PROBE_FAILURES_KEPT = 5
/** Nodes asked the outcome of every recorded token */
const TOKEN_NODES = 3
/** How long one node may take to learn one token's outcome, once the mesh has settled (or three election timeouts) */
const TOKEN_TIMEOUT_MS = 5_000

/** The deadlines of the end checks, for a topology's consensus timing */
export function checkDeadlines (raft: Partial<RaftTiming> = {}): { probeTaskMs: number, probeDeadlineMs: number, tokenTimeoutMs: number } {
  const electionMs = raft.electionTimeoutMaxMs ?? DEFAULT_TIMING.electionTimeoutMaxMs
  return {
    probeTaskMs: Math.max(PROBE_TASK_MS, 2 * electionMs),
    probeDeadlineMs: Math.max(PROBE_DEADLINE_MS, 10 * electionMs),
    tokenTimeoutMs: Math.max(TOKEN_TIMEOUT_MS, 3 * electionMs)
  }
}

export class TopologyRun {
  private readonly topology: Topology
  private readonly deadlines: ReturnType<typeof checkDeadlines>
  private readonly options: RunOptions
  private readonly progress: Progress
  private readonly timeline = new Timeline()
  private readonly faults: FaultSchedule
  private readonly anomalies: Anomaly[] = []
  private anomalyCount = 0
  private readonly notices: Array<{ atS: number, text: string }> = []
  private readonly interrupt = new AbortController()
  private readonly startedAt = new Date()
  /** What the runner's process used before any node started (in-process figures are net of it) */
  private readonly baseline = process.memoryUsage()
  private readonly mesh: Mesh
  private readonly loopMonitor = monitorEventLoopDelay({ resolution: 10 })
  /** What each node's final read found */
  private readonly finalChecks = new Map<number, InvariantCheck[]>()
  /** The commit tokens of the workload's tasks that returned, from every node */
  private readonly tokens = new TokenLedger()
  /** The workload's keys: probe writes rewrite some of them */
  private readonly keys: string[]
  private probeRounds = 0
  private workloadStartMs?: number
  /** How long the workload ran: its duration, unless the run was cut short */
  private workloadS = 0

  constructor (topology: Topology, options: RunOptions) {
    this.topology = topology
    this.options = options
    this.progress = options.progress
    this.deadlines = checkDeadlines(topology.node.raft)
    this.faults = new FaultSchedule(topology, topology.seed, topology.duration)
    this.keys = createWorkload(topology.workload, topology.nodes).keys()
    const clusterKeyHex = clusterKeyOf(topology)
    this.mesh = new Mesh({
      topology,
      runDir: options.reportDir,
      clusterKeyHex,
      events: {
        stats: bucket => { this.timeline.add(bucket) },
        anomaly: anomaly => {
          this.anomalyCount++
          if (this.anomalies.length < MAX_ANOMALIES) {
            this.anomalies.push(anomaly)
          }
          this.note(`ANOMALY ${anomaly.name}: ${anomaly.detail}`)
        },
        token: (node, token) => {
          this.tokens.record(node, token, this.workloadStartMs == null ? 0 : (Date.now() - this.workloadStartMs) / 1_000)
        },
        notice: line => { this.note(line) }
      }
    })
  }

  /** Ctrl-C: stop waiting, end the run early (the mesh is still stopped and the report written) */
  stop (): void {
    this.interrupt.abort()
  }

  /** The last resort (a second Ctrl-C): kill child processes now */
  killNow (): void {
    this.mesh.killNow()
  }

  async execute (): Promise<TopologyReport> {
    const { topology } = this
    const report: TopologyReport = {
      topology: { ...topology, file: this.options.file },
      run: {
        startedAt: this.startedAt.toISOString(),
        reportDir: this.options.reportDir,
        seed: topology.seed,
        durationS: topology.duration,
        node: process.version,
        ...sourceVersion(),
        host: { cpus: cpus().length, totalMemoryGB: Math.round(totalmem() / 1024 ** 3), loadAverageAtStart: loadavg()[0] },
        interrupted: false,
        wallS: 0
      },
      startup: {},
      headline: { tasksPerSecond: 0, p99Ms: null, failures: 0, handoffs: null, faultsInjected: 0, invariantsPassed: 0, invariantsFailed: 0 },
      series: [],
      faults: this.faults.records,
      notices: this.notices,
      anomalies: this.anomalies,
      finalReads: [],
      invariants: []
    }
    try {
      // a phase waiting on the mesh (DHT lookups, final reads) may not notice Ctrl-C for minutes:
      // the run stops waiting at once, and stopping the mesh below ends what the phase waits on
      await Promise.race([this.phases(report), rejectOnAbort(this.interrupt.signal)])
    } catch (err) {
      report.run.error = this.interrupt.signal.aborted ? undefined : (err as Error).message
    } finally {
      this.progress.done()
      report.run.interrupted = this.interrupt.signal.aborted
      this.progress.line(report.run.interrupted ? 'interrupted: stopping every node' : 'stopping every node')
      await this.faults.endAll().catch(() => {})
      await this.mesh.stopAll()
    }
    report.run.host.loadAverageAtEnd = loadavg()[0]
    report.run.wallS = Math.round((Date.now() - this.startedAt.getTime()) / 100) / 10
    report.series = this.timeline.series(topology.duration)
    report.run.workloadS = this.workloadS
    report.totals = this.timeline.totals(this.workloadS)
    report.headline = {
      tasksPerSecond: report.totals.tasksPerSecond,
      p99Ms: report.totals.p99Ms,
      failures: report.totals.failures,
      handoffs: report.totals.handoffs,
      faultsInjected: this.faults.counts().injected,
      invariantsPassed: report.invariants.filter(i => i.ok).length,
      invariantsFailed: report.invariants.filter(i => !i.ok).length
    }
    return report
  }

  private async phases (report: TopologyReport): Promise<void> {
    const { topology, progress } = this
    const signal = this.interrupt.signal

    progress.line(`${topology.name}: ${topology.nodes} nodes (${topology.mode}, ${topology.bootstrap} bootstrap, ${topology.storage}), ${topology.workload.type} for ${topology.duration} s, ${this.faults.counts().planned} faults, seed ${topology.seed}`)
    this.loopMonitor.enable()
    let started = performance.now()
    await this.mesh.start(count => { progress.status(`starting nodes: ${count}/${topology.nodes} up`, count === topology.nodes) })
    report.startup.nodesStartedMs = Math.round(performance.now() - started)
    progress.line(`${topology.nodes} nodes up in ${(report.startup.nodesStartedMs / 1_000).toFixed(1)} s`)
    signal.throwIfAborted()

    report.startup.settle = await this.settle(topology.settle.timeout, 'settling')
    progress.line(report.startup.settle.ok
      ? `mesh settled in ${(report.startup.settle.ms / 1_000).toFixed(1)} s`
      : `mesh NOT settled after ${topology.settle.timeout} s (${report.startup.settle.problems.length} problems, e.g. ${report.startup.settle.problems[0]}); going on`)
    report.memory = { afterStart: await this.memory() }
    signal.throwIfAborted()

    // on the mesh at rest, before the workload: lookups measure the DHT, not the load
    if (topology.measure.dhtLookups > 0) {
      report.dhtLookups = await this.dhtLookups(topology.measure.dhtLookups)
      progress.line(`${report.dhtLookups.samples} DHT lookups: p50 ${ms(report.dhtLookups.p50Ms)}, p99 ${ms(report.dhtLookups.p99Ms)}${report.dhtLookups.failed > 0 ? `, ${report.dhtLookups.failed} failed` : ''}`)
      signal.throwIfAborted()
    }

    started = performance.now()
    progress.status('creating the workload\'s objects', true)
    const setup = await this.whileCounting(this.mesh.setup())
    report.startup.objects = setup.objects
    report.startup.setupFailures = setup.failures
    report.startup.setupMs = Math.round(performance.now() - started)
    progress.line(`created ${setup.objects} objects in ${(report.startup.setupMs / 1_000).toFixed(1)} s`)
    for (const failure of setup.failures) {
      this.note(`node ${failure.node} could not create its objects (going on without them): ${failure.error}`)
    }
    report.memory.afterSetup = await this.memory()
    signal.throwIfAborted()

    await this.workload()

    progress.status('stopping the workload, ending the faults', true)
    const stuck = await this.mesh.stopWorkload()
    await this.faults.endAll()
    // nodes that were paused or restarted at the end have workers to stop too
    stuck.push(...await this.mesh.stopWorkload())
    report.stuckWorkers = stuck
    if (stuck.length > 0) {
      this.note(`workers still in a task past its deadline when the workload stopped (their tasks may commit during the final reads): ${stuck.map(s => `node ${s.node}: ${s.workers} (${s.kinds.join(', ')}), the longest for ${(s.longestMs / 1_000).toFixed(1)} s`).join('; ')}`)
    }
    report.memory.atEnd = await this.memory()
    signal.throwIfAborted()

    report.finalSettle = await this.settle(topology.settle.final, 'waiting for the mesh to settle again')
    progress.line(report.finalSettle.ok
      ? `mesh settled again in ${(report.finalSettle.ms / 1_000).toFixed(1)} s`
      : `mesh NOT settled again after ${topology.settle.final} s (${report.finalSettle.problems.length} problems, e.g. ${report.finalSettle.problems[0]})`)
    signal.throwIfAborted()

    report.finalReads = await this.finalReads()
    signal.throwIfAborted()
    progress.status('probe writes: every node writes some of the workload\'s keys', true)
    report.finalProbes = await this.probeAll()
    signal.throwIfAborted()
    const tokens = await this.checkTokens()
    report.tokens = tokens.figures
    report.invariants = [...this.invariants(report.finalReads), this.writable(report.finalProbes), tokens.result]
  }

  /**
   * A probe write on every node up: a task rewriting two of the workload's keys (values unchanged,
   * so the workload's invariants hold), in short tasks until one commits or the probe deadline (`checkDeadlines`)
   */
  private async probeAll (): Promise<ProbeFigures[]> {
    const round = this.probeRounds++
    const started = Date.now()
    return Promise.all(this.mesh.up().map(async node => {
      const salt = node * 31 + round * 17
      const keys = [...new Set([this.keys[salt % this.keys.length], this.keys[(salt + Math.floor(this.keys.length / 2)) % this.keys.length]])]
      try {
        const result = await this.mesh.probe(node, keys, { taskTimeoutMs: this.deadlines.probeTaskMs, deadlineMs: this.deadlines.probeDeadlineMs })
        return {
          node,
          ok: result.ok,
          ms: result.atMs - started,
          tasks: result.tasks,
          ...(result.error == null || result.ok ? {} : { error: result.error }),
          ...(result.failures == null || result.failures.length === 0 ? {} : { failures: result.failures.slice(0, PROBE_FAILURES_KEPT) })
        }
      } catch (err) {
        return { node, ok: false, ms: Date.now() - started, tasks: 0, error: (err as Error).message }
      }
    }))
  }

  /** A fault ended during the run: is every node up able to write again, and how soon */
  private async probeAfterFault (record: FaultRecord): Promise<void> {
    const probes = await this.probeAll()
    record.probes = probes
    // a probe that failed while a later fault struck is not judged: writable means writable once
    // the faults are over, and the next one may cut the probing node off on purpose
    const fromS = record.endedAtS ?? 0
    for (const probe of probes.filter(p => !p.ok)) {
      const later = this.faults.records.find(r => r !== record && r.injectedAtS != null && r.injectedAtS >= fromS && r.injectedAtS <= fromS + probe.ms / 1_000)
      if (later != null) {
        probe.overlapped = `fault ${later.index} (${later.type} n${later.nodes.join(',n')}) began ${(later.injectedAtS! - fromS).toFixed(1)} s into the probe`
      }
    }
    const failed = probes.filter(p => !p.ok && p.overlapped == null)
    this.note(failed.length === 0
      ? `fault ${record.index} (${record.type}) over: every node up wrote again within ${(Math.max(0, ...probes.map(p => p.ms)) / 1_000).toFixed(2)} s`
      : `fault ${record.index} (${record.type}) over: NOT writable on n${failed.map(p => p.node).join(',n')} within ${this.deadlines.probeDeadlineMs / 1_000} s (${failed[0].error})`)
  }

  /** Every node up could write at the end, and after each fault that ended during the run */
  private writable (finalProbes: ProbeFigures[]): InvariantResult {
    const problems: string[] = []
    for (const record of this.faults.records) {
      for (const probe of (record.probes ?? []).filter(p => !p.ok && p.overlapped == null)) {
        problems.push(`after fault ${record.index} (${record.type}) n${probe.node} wrote nothing within ${this.deadlines.probeDeadlineMs / 1_000} s: ${probe.error}`)
      }
    }
    for (const probe of finalProbes.filter(p => !p.ok)) {
      problems.push(`at the end n${probe.node} wrote nothing within ${this.deadlines.probeDeadlineMs / 1_000} s: ${probe.error}`)
    }
    const afterFaults = this.faults.records.filter(r => r.probes != null)
    const worst = (probes: ProbeFigures[]): string => `${(Math.max(0, ...probes.map(p => p.ms)) / 1_000).toFixed(2)} s`
    let detail = problems.join('; ')
    if (finalProbes.length === 0) {
      detail = 'no node was up to write at the end'
    } else if (problems.length === 0) {
      detail = [
        ...afterFaults.map(r => {
          const judged = (r.probes ?? []).filter(p => p.overlapped == null)
          const skipped = (r.probes ?? []).length - judged.length
          return `after fault ${r.index} (${r.type}) every node up wrote within ${worst(judged)}${skipped > 0 ? ` (${skipped} probe${skipped === 1 ? '' : 's'} not judged: ${r.probes?.find(p => p.overlapped != null)?.overlapped ?? ''})` : ''}`
        }),
        `at the end ${finalProbes.length} node${finalProbes.length === 1 ? '' : 's'} wrote within ${worst(finalProbes)}`
      ].join('; ')
    }
    return { name: 'writable', ok: finalProbes.length > 0 && problems.length === 0, detail }
  }

  /** Asks TOKEN_NODES nodes spread over the mesh the outcome of every recorded token */
  private async checkTokens (): Promise<ReturnType<TokenLedger['judge']>> {
    const up = this.mesh.up()
    const wanted = Math.min(up.length, TOKEN_NODES)
    const askers = [...new Set(Array.from({ length: wanted }, (_, k) => up[Math.floor(k * up.length / wanted)]))]
    const tokens = this.tokens.all()
    const answers = new Map<number, Awaited<ReturnType<Mesh['tokenStatus']>>>()
    for (const [k, node] of askers.entries()) {
      this.progress.status(`tokens: node ${node} (${k + 1}/${askers.length}) asks the outcome of ${tokens.length} commit tokens`, true)
      answers.set(node, await this.mesh.tokenStatus(node, tokens, this.deadlines.tokenTimeoutMs).catch(err => tokens.map(() => ({ outcome: 'error' as const, detail: (err as Error).message }))))
      this.interrupt.signal.throwIfAborted()
    }
    return this.tokens.judge(tokens, answers)
  }

  /** Awaits the setup, showing how many objects the mesh's data groups hold meanwhile */
  private async whileCounting<T> (setup: Promise<T>): Promise<T> {
    const state = { done: false }
    const counting = (async () => {
      while (!state.done && !this.interrupt.signal.aborted) {
        await sleep(SETUP_POLL_MS, this.interrupt.signal).catch(() => {})
        // each data group counted once, at its fullest replica (leaders change while they work)
        const objects = new Map<string, number>()
        for (const summary of await this.mesh.summaries()) {
          for (const group of summary?.status.groups ?? []) {
            if (group.id !== 'meta') {
              objects.set(group.id, Math.max(objects.get(group.id) ?? 0, group.objects))
            }
          }
        }
        if (!state.done) {
          this.progress.status(`creating the workload's objects: ${[...objects.values()].reduce((a, b) => a + b, 0)} in the data groups`)
        }
      }
    })()
    try {
      return await setup
    } finally {
      state.done = true
      await counting
    }
  }

  /** The workload's duration: faults strike, the status line shows the last full second */
  private async workload (): Promise<void> {
    const { topology, progress } = this
    const startMs = Date.now()
    this.workloadStartMs = startMs
    this.loopMonitor.reset()
    const ran = (): void => { this.workloadS = Math.min(topology.duration, Math.round((Date.now() - startMs) / 100) / 10) }
    this.interrupt.signal.addEventListener('abort', ran, { once: true })
    await this.mesh.startWorkload(startMs)
    this.faults.start(this.mesh, startMs, line => { this.note(line) }, async record => { await this.probeAfterFault(record) })
    progress.line(`workload running for ${topology.duration} s`)
    const endMs = startMs + topology.duration * 1_000
    for (let t = 0; Date.now() < endMs; t++) {
      // the nodes hand a second's figures over within a quarter second of its end
      await sleep(Math.min(endMs, startMs + (t + 1) * 1_000 + STATUS_LAG_MS) - Date.now(), this.interrupt.signal)
      this.timeline.mark(t, this.mesh.up().length, this.faults.activeLabels(), this.loopDelay())
      progress.status(this.statusLine(t, (Date.now() - startMs) / 1_000))
    }
    this.interrupt.signal.removeEventListener('abort', ran)
    ran()
    progress.done()
  }

  /**
   * In-process nodes share the runner's event loop: its worst delay since the last call (a node that
   * cannot run for longer than an election timeout looks dead to its group). Processes report their own.
   */
  private loopDelay (): number | undefined {
    if (this.topology.mode !== 'in-process') {
      return undefined
    }
    const maxMs = this.loopMonitor.max / 1e6
    this.loopMonitor.reset()
    return Math.round(maxMs * 10) / 10
  }

  private statusLine (t: number, elapsedS: number): string {
    const { topology } = this
    const point = this.timeline.point(Math.max(0, t))
    const faults = this.faults.counts()
    const active = this.faults.activeLabels()
    const up = this.mesh.up().length
    return [
      `${topology.name} ${String(Math.min(topology.duration, Math.round(elapsedS))).padStart(String(topology.duration).length)}/${topology.duration} s`,
      `nodes ${up}/${topology.nodes} up`,
      `${point.tasks} tasks/s`,
      `p99 ${point.p99Ms == null ? 'n/a' : `${point.p99Ms.toFixed(1)} ms`}`,
      `handoffs ${point.handoffs ?? 'n/a'}/s`,
      `faults ${faults.injected}/${faults.planned}${active.length > 0 ? ` (${active.join('; ')})` : ''}`,
      `failed ${point.failures}/s`,
      ...(point.loopDelayMaxMs == null ? [] : [`loop delay ${point.loopDelayMaxMs.toFixed(0)} ms`]),
      `${Math.max(0, Math.ceil(topology.duration - elapsedS))} s left`
    ].join(' │ ')
  }

  /** Waits until every running node has registered and every group has its leader and members */
  private async settle (timeoutS: number, what: string): Promise<SettleResult> {
    const started = performance.now()
    const deadline = started + timeoutS * 1_000
    let problems: string[] = []
    while (!this.interrupt.signal.aborted) {
      const up = this.mesh.up()
      const summaries = await this.mesh.summaries(up)
      const answered = summaries.filter((s): s is NodeSummary => s != null)
      problems = [
        ...up.filter((_, k) => summaries[k] == null).map(i => `n${i} did not answer`),
        ...settleProblems(answered.map(s => s.status)).map(problem => this.named(problem))
      ]
      if (problems.length === 0) {
        return { ok: true, ms: Math.round(performance.now() - started), problems, loopDelayMaxMs: this.loopDelay() }
      }
      if (performance.now() >= deadline) {
        break
      }
      this.progress.status(`${what}: ${problems.length} problem${problems.length === 1 ? '' : 's'} left (${problems[0]}); waiting up to ${timeoutS} s`)
      await sleep(SETTLE_POLL_MS, this.interrupt.signal).catch(() => {})
    }
    return { ok: false, ms: Math.round(performance.now() - started), problems, loopDelayMaxMs: this.loopDelay() }
  }

  /** The nodes that read the final state: every node up, or `check.nodes` of them spread evenly */
  private async finalReads (): Promise<FinalReadResult[]> {
    const up = this.mesh.up()
    const wanted = Math.min(up.length, this.topology.check.nodes ?? up.length)
    const chosen = [...new Set(Array.from({ length: wanted }, (_, k) => up[Math.floor(k * up.length / wanted)]))]
    const results: FinalReadResult[] = []
    for (const [k, node] of chosen.entries()) {
      this.progress.status(`final reads: node ${node} (${k + 1}/${chosen.length}) reads every key`, true)
      const read = await this.mesh.readState(node, this.topology.check.timeoutMs)
      results.push(read.ok
        ? { node, ok: true, ms: Math.round(read.ms), digest: read.digest }
        : { node, ok: false, ms: Math.round(read.ms), error: read.error })
      if (read.ok) {
        this.finalChecks.set(node, read.checks)
      }
      this.interrupt.signal.throwIfAborted()
    }
    return results
  }

  private invariants (reads: FinalReadResult[]): InvariantResult[] {
    const results: InvariantResult[] = []
    const names = [...new Set([...this.finalChecks.values()].flatMap(checks => checks.map(c => c.name)))]
    for (const name of names) {
      const failing: string[] = []
      let detail = ''
      for (const [node, checks] of this.finalChecks) {
        const check = checks.find(c => c.name === name)
        if (check == null) {
          continue
        }
        detail ||= check.detail
        if (!check.ok) {
          failing.push(`node ${node}: ${check.detail}`)
        }
      }
      results.push({
        name,
        ok: failing.length === 0,
        detail: failing.length === 0 ? `${detail} (read on ${this.finalChecks.size} node${this.finalChecks.size === 1 ? '' : 's'})` : failing.join('; ')
      })
    }
    results.push(this.sameFinalState(reads))

    const workload = this.topology.workload
    if (workload.type === 'bank' && (workload.fullReadEvery ?? 0) > 0) {
      const totals = this.timeline.totals(this.workloadS)
      const fullReads = totals.byKind['full-read'] ?? 0
      const failedReads = totals.failedByKind['full-read'] ?? 0
      let detail = `${fullReads} full reads during the run, every one saw the right total and items${failedReads > 0 ? ` (${failedReads} more failed to complete)` : ''}`
      if (this.anomalyCount > 0) {
        detail = `${this.anomalyCount} of ${fullReads} full reads saw a broken state; first: ${this.anomalies[0].detail}`
      } else if (fullReads === 0) {
        detail = `not checked: no full read completed (${failedReads} failed)`
      }
      results.push({ name: 'full-reads', ok: this.anomalyCount === 0 && fullReads > 0, detail })
    }
    return results
  }

  /** Every node asked read the final state, and they all read the same */
  private sameFinalState (reads: FinalReadResult[]): InvariantResult {
    const down = Array.from({ length: this.topology.nodes }, (_, i) => i).filter(i => this.mesh.state(i) !== 'up')
    const failed = reads.filter(r => !r.ok)
    const digests = new Set(reads.filter(r => r.ok).map(r => r.digest))
    let sameDetail: string
    if (reads.length === 0) {
      sameDetail = 'no node was up to read the final state'
    } else if (failed.length > 0) {
      sameDetail = failed.map(r => `node ${r.node} could not read it: ${r.error}`).join('; ')
    } else if (digests.size > 1) {
      sameDetail = `${digests.size} different states: ${reads.map(r => `node ${r.node} ${r.digest?.slice(0, 12)}`).join(', ')}`
    } else {
      sameDetail = `${reads.length} node${reads.length === 1 ? '' : 's'} read the same state (sha256 ${[...digests][0]?.slice(0, 12)})`
    }
    if (down.length > 0) {
      sameDetail += `; node${down.length === 1 ? '' : 's'} ${down.join(', ')} down at the end, not asked`
    }
    return { name: 'same-final-state', ok: reads.length > 0 && failed.length === 0 && digests.size === 1, detail: sameDetail }
  }

  private async memory (): Promise<MemoryFigures> {
    const { nodes, mode } = this.topology
    if (mode === 'in-process') {
      const usage = process.memoryUsage()
      return {
        perNodeRssMB: round((usage.rss - this.baseline.rss) / MB / nodes),
        perNodeHeapMB: round((usage.heapUsed - this.baseline.heapUsed) / MB / nodes),
        totalRssMB: round(usage.rss / MB)
      }
    }
    const summaries = (await this.mesh.summaries()).filter((s): s is NodeSummary => s != null)
    const perNode = summaries.map(s => ({ node: s.index, rssMB: round(s.memory.rss / MB), heapMB: round(s.memory.heapUsed / MB) }))
    const count = Math.max(1, perNode.length)
    return {
      perNodeRssMB: round(perNode.reduce((sum, n) => sum + n.rssMB, 0) / count),
      perNodeHeapMB: round(perNode.reduce((sum, n) => sum + n.heapMB, 0) / count),
      totalRssMB: round(perNode.reduce((sum, n) => sum + n.rssMB, 0)),
      nodes: perNode
    }
  }

  /** Lookups from up to 5 nodes spread over the mesh, one after another */
  private async dhtLookups (count: number): Promise<LatencyFigures> {
    const up = this.mesh.up()
    const askers = [...new Set(Array.from({ length: Math.min(5, up.length) }, (_, k) => up[Math.floor(k * up.length / Math.min(5, up.length))]))]
    const samples = []
    for (const [k, node] of askers.entries()) {
      this.interrupt.signal.throwIfAborted()
      const share = Math.floor(count / askers.length) + (k < count % askers.length ? 1 : 0)
      this.progress.status(`DHT lookups from node ${node}: ${share}`, true)
      samples.push(...await this.mesh.dhtLookups(node, share))
    }
    const ok = samples.filter(s => s.error == null)
    const sorted = ok.map(s => s.ms).sort((a, b) => a - b)
    const at = (p: number): number | null => sorted.length === 0 ? null : round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))])
    return {
      samples: samples.length,
      failed: samples.length - ok.length,
      p50Ms: at(0.5),
      p90Ms: at(0.9),
      p99Ms: at(0.99),
      maxMs: sorted.length === 0 ? null : round(sorted[sorted.length - 1]),
      meanPeers: ok.length === 0 ? null : round(ok.reduce((sum, s) => sum + s.peers, 0) / ok.length)
    }
  }

  /** Peer ids in a message replaced by node names (n3) */
  private named (text: string): string {
    return text.replace(/12D3KooW[1-9A-HJ-NP-Za-km-z]{44}/g, peerId => {
      const index = Array.from({ length: this.topology.nodes }, (_, i) => i).find(i => this.mesh.peerId(i) === peerId)
      return index == null ? peerId : `n${index}`
    })
  }

  private note (text: string): void {
    const atS = this.workloadStartMs == null ? 0 : Math.round((Date.now() - this.workloadStartMs) / 100) / 10
    this.notices.push({ atS, text })
    this.progress.line(this.workloadStartMs == null ? text : `[${atS.toFixed(1)} s] ${text}`)
  }
}

/** The commit the run's code comes from, and whether src/ has changes on top of it */
function sourceVersion (): { commit?: string, srcModified?: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    const changes = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    return { commit, srcModified: changes.trim() !== '' }
  } catch {
    return {}
  }
}

/** The cluster key as hex: none, one drawn for this run, or the file's */
function clusterKeyOf (topology: Topology): string | undefined {
  if (topology.clusterKey === 'none') {
    return undefined
  }
  return topology.clusterKey === 'generate' ? randomBytes(32).toString('hex') : topology.clusterKey
}

async function sleep (ms: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted()
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, Math.max(0, ms))
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

function round (value: number): number {
  return Math.round(value * 10) / 10
}

function rejectOnAbort (signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason)
      return
    }
    signal.addEventListener('abort', () => { reject(signal.reason) }, { once: true })
  })
}
