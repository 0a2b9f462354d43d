/**
 * One node of a topology run and what runs beside it: the hoard node (`createNode`), its workload
 * driver and workers, per-second figures, the partition gate, and the final read. The runner uses
 * it directly for in-process nodes; scripts/topology-child.ts wraps it in a child process for the
 * `processes` mode. Either way the runner sees the `NodeHandle` interface.
 */

import { createHash, randomBytes } from 'node:crypto'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createNode } from '../src/node.ts'
import { formatToken } from '../src/txn/token.ts'
import { createWorkload } from '../src/workloads/index.ts'
import { readAll } from '../src/workloads/workload.ts'
import { createRandom } from './bench/random.ts'
import { probeWrite, tokenOutcomes } from './topology-probe.ts'
import type { ProbeOptions, ProbeResult, TokenAnswer } from './topology-probe.ts'
import type { RaftTiming } from '../src/consensus/raft.ts'
import type { ReadReplicaOptions } from '../src/node-core.ts'
import type { NodeStatus, HoardNode } from '../src/node.ts'
import type { RunOptions } from '../src/txn/options.ts'
import type { TaskFunction } from '../src/txn/runner.ts'
import type { WorkloadSpec } from '../src/workloads/index.ts'
import type { Anomaly, InvariantCheck, Workload, WorkloadDriver, WorkloadNode } from '../src/workloads/workload.ts'
import type { Connection } from '@libp2p/interface'
import type { ELDHistogram } from 'node:perf_hooks'

export interface NodeInit {
  index: number
  nodes: number
  listen: string[]
  bootstrap: string[]
  dataDir?: string
  /** 64 hex digits */
  clusterKeyHex?: string
  memberDeadMs?: number
  taskTimeoutMs?: number
  maxAttempts?: number
  workload: WorkloadSpec & { workers: number }
  seed: number
  /** 0 at the first start, then one more at each restart: each start draws different choices */
  incarnation: number
  /** Consensus timing (default hoard's) */
  raft?: Partial<RaftTiming>
  readReplicas?: ReadReplicaOptions
  recordsPerSecond?: number
  /** The node has a process of its own: report that process's event-loop delay */
  ownProcess?: boolean
}

/** What a node completed in one second of the run */
export interface SecondBucket {
  node: number
  /** Whole seconds since the workload started */
  second: number
  /** Tasks that completed, by kind */
  ops: Record<string, number>
  /** Tasks that failed, by error name */
  failures: Record<string, number>
  /** Tasks that failed, by kind */
  failedOps: Record<string, number>
  /** One message per error name, the first this node saw */
  failureSamples: Record<string, string>
  /** Latencies of the tasks that completed, milliseconds */
  latenciesMs: number[]
  /** Handoffs this node logged in and out during the second (undefined: counters unavailable) */
  handoffsIn?: number
  handoffsOut?: number
  /** The worst event-loop delay of the node's own process during the second (processes only) */
  loopDelayMaxMs?: number
}

export interface NodeEvents {
  stats(bucket: SecondBucket): void
  anomaly(anomaly: Anomaly): void
  /** A workload actor now belongs to node `toNode` */
  handover(actor: string, toNode: number): void
  /** A workload task returned with this commit token (`formatToken`): its outcome is checked at the end */
  token(token: string): void
}

export interface NodeSummary {
  index: number
  peerId: string
  status: NodeStatus
  /** Objects in the data groups this node leads */
  ledObjects: number
  actors: number
  memory: NodeJS.MemoryUsage
  handoffs?: { in: number, out: number }
  /** Workers still running a task */
  busyWorkers: number
}

export type FinalRead =
  | { ok: true, digest: string, checks: InvariantCheck[], keys: number, ms: number }
  | { ok: false, error: string, ms: number }

export interface LookupSample {
  ms: number
  /** Closest peers the walk ended with */
  peers: number
  error?: string
}

export interface StopResult {
  /** Workers still in a task after its deadline and some slack, the longest for how long, doing what */
  stuckWorkers: number
  longestMs: number
  kinds: string[]
}

/** What the runner can ask of any node, in-process or in a child process */
export interface NodeHandle {
  readonly index: number
  readonly peerId: string
  readonly multiaddrs: string[]
  setup(): Promise<number>
  startWorkload(startMs: number, actors: string[]): Promise<void>
  /** Stops the workers; resolves with those still in a task after its deadline and some slack */
  stopWorkload(): Promise<StopResult>
  adopt(actors: string[]): Promise<void>
  /** Close connections to these peers, and every new one the moment it opens; [] heals */
  partition(blockedPeers: string[]): Promise<void>
  summary(): Promise<NodeSummary>
  readState(timeoutMs: number): Promise<FinalRead>
  dhtLookups(count: number): Promise<LookupSample[]>
  /** Writes `keys` in short tasks until one commits (see `probeWrite`) */
  probe(keys: string[], value: string, options: ProbeOptions): Promise<ProbeResult>
  /** What this node learns of each token's outcome, each within `timeoutMs` */
  tokenStatus(tokens: string[], timeoutMs: number): Promise<TokenAnswer[]>
  /** Reads `keys` in one task (of another group's objects: through a read replica once it has one) */
  read(keys: string[], timeoutMs: number): Promise<void>
  /** The lag of each batch of entries this node's read replicas applied since the last call (ms) */
  replicaLag(): Promise<number[]>
  stop(): Promise<void>
}

/** A worker with nothing to do (an mmo node without players) looks again after this long */
const IDLE_MS = 20
/** After a failed task a worker waits this long, so that a node that cannot commit does not spin */
const FAILURE_BACKOFF_MS = 50
/** How long stopping waits for running tasks beyond their own deadline */
const STOP_SLACK_MS = 5_000
const DEFAULT_TASK_TIMEOUT_MS = 5_000
const DHT_LOOKUP_TIMEOUT_MS = 30_000

/** Replica lag samples kept between two `replicaLag` calls */
const MAX_LAG_SAMPLES = 100_000

/** Closes a connection across an active partition */
class PartitionedError extends Error {
  override readonly name = 'PartitionedError'

  constructor () {
    super('partitioned by the topology runner')
  }
}

export class TopologyNode implements NodeHandle {
  readonly index: number
  private readonly node: HoardNode
  private readonly init: NodeInit
  private readonly events: NodeEvents
  private readonly workload: Workload
  private readonly driver: WorkloadDriver
  private readonly buckets = new Map<number, SecondBucket>()
  private readonly reportedSamples = new Set<string>()
  private blocked = new Set<string>()
  private workers: Array<Promise<void>> = []
  /** each busy worker's operation, and when it started (performance.now()) */
  private readonly inFlight = new Map<number, { kind: string, started: number }>()
  private stopping = false
  /** when the workload started (epoch ms); undefined until it has */
  private startMs?: number
  private flushTimer?: ReturnType<typeof setInterval>
  private lastHandoffs?: { in: number, out: number }
  private loopMonitor?: ELDHistogram
  private lagSamples: number[] = []

  private constructor (node: HoardNode, init: NodeInit, events: NodeEvents) {
    this.index = init.index
    this.node = node
    this.init = init
    this.events = events
    this.workload = createWorkload(init.workload, init.nodes)
    this.driver = this.workload.driver(recordingTokens(node, events), {
      index: init.index,
      nodes: init.nodes,
      random: createRandom(mix(init.seed, init.index, init.incarnation)),
      taskTimeoutMs: init.taskTimeoutMs,
      maxAttempts: init.maxAttempts,
      onAnomaly: anomaly => { events.anomaly(anomaly) },
      onHandover: (actor, toNode) => { events.handover(actor, toNode) }
    })
    node.addEventListener('replica:applied', evt => {
      if (this.lagSamples.length < MAX_LAG_SAMPLES) {
        this.lagSamples.push(evt.detail.lagMs)
      }
    })
    // the gate: a connection across the cut is closed before anything is sent on it
    node.libp2p.addEventListener('connection:open', (evt: CustomEvent<Connection>) => {
      if (this.blocked.has(evt.detail.remotePeer.toString())) {
        evt.detail.abort(new PartitionedError())
      }
    })
  }

  static async start (init: NodeInit, events: NodeEvents): Promise<TopologyNode> {
    const node = await createNode({
      listen: init.listen,
      bootstrap: init.bootstrap,
      dataDir: init.dataDir,
      clusterKey: init.clusterKeyHex == null ? undefined : Uint8Array.from(Buffer.from(init.clusterKeyHex, 'hex')),
      memberDeadMs: init.memberDeadMs,
      raft: init.raft,
      readReplicas: init.readReplicas,
      recordsPerSecond: init.recordsPerSecond,
      tasks: {
        ...(init.taskTimeoutMs == null ? {} : { timeoutMs: init.taskTimeoutMs }),
        ...(init.maxAttempts == null ? {} : { maxAttempts: init.maxAttempts })
      }
    })
    return new TopologyNode(node, init, events)
  }

  get peerId (): string {
    return this.node.peerId
  }

  get multiaddrs (): string[] {
    return this.node.multiaddrs
  }

  async setup (): Promise<number> {
    return this.driver.setup()
  }

  async startWorkload (startMs: number, actors: string[]): Promise<void> {
    this.startMs = startMs
    this.stopping = false
    this.driver.adopt(actors)
    this.lastHandoffs = handoffCounters(this.node)
    if (this.init.ownProcess === true) {
      this.loopMonitor = monitorEventLoopDelay({ resolution: 10 })
      this.loopMonitor.enable()
    }
    this.flushTimer = setInterval(() => { this.flush(false) }, 250)
    this.workers = Array.from({ length: this.init.workload.workers }, async (_, w) => this.work(w))
  }

  async stopWorkload (): Promise<StopResult> {
    this.stopping = true
    if (this.startMs == null) {
      return { stuckWorkers: 0, longestMs: 0, kinds: [] }
    }
    const limitMs = (this.init.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS) + STOP_SLACK_MS
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([
      Promise.allSettled(this.workers),
      new Promise(resolve => { timer = setTimeout(resolve, limitMs) })
    ])
    clearTimeout(timer)
    clearInterval(this.flushTimer)
    this.flush(true)
    this.loopMonitor?.disable()
    const now = performance.now()
    return {
      stuckWorkers: this.inFlight.size,
      longestMs: Math.max(0, ...[...this.inFlight.values()].map(op => now - op.started)),
      kinds: [...new Set([...this.inFlight.values()].map(op => op.kind))]
    }
  }

  async adopt (actors: string[]): Promise<void> {
    this.driver.adopt(actors)
  }

  async partition (blockedPeers: string[]): Promise<void> {
    this.blocked = new Set(blockedPeers)
    for (const connection of this.node.libp2p.getConnections()) {
      if (this.blocked.has(connection.remotePeer.toString())) {
        connection.abort(new PartitionedError())
      }
    }
  }

  async summary (): Promise<NodeSummary> {
    const status = this.node.status()
    return {
      index: this.index,
      peerId: this.peerId,
      status,
      ledObjects: status.groups.filter(g => g.id !== 'meta' && g.role === 'leader').reduce((sum, g) => sum + g.objects, 0),
      actors: this.driver.actors().length,
      memory: process.memoryUsage(),
      handoffs: handoffCounters(this.node),
      busyWorkers: this.inFlight.size
    }
  }

  async readState (timeoutMs: number): Promise<FinalRead> {
    const started = performance.now()
    try {
      const keys = this.workload.keys()
      const state = await readAll(this.node, keys, { timeoutMs })
      const hash = createHash('sha256')
      for (const key of keys) {
        const value = state.get(key)
        hash.update(key).update(value == null ? '\0-' : '\0+').update(value ?? new Uint8Array(0)).update('\n')
      }
      return { ok: true, digest: hash.digest('hex'), checks: this.workload.check(state), keys: keys.length, ms: performance.now() - started }
    } catch (err) {
      return { ok: false, error: `${(err as Error).name}: ${(err as Error).message}`, ms: performance.now() - started }
    }
  }

  /** Kademlia walks towards random keys: the cost of a cold DHT lookup at this mesh size */
  async dhtLookups (count: number): Promise<LookupSample[]> {
    const samples: LookupSample[] = []
    for (let i = 0; i < count; i++) {
      const started = performance.now()
      let peers = 0
      try {
        for await (const event of this.node.libp2p.services.dht.getClosestPeers(randomBytes(32), { signal: AbortSignal.timeout(DHT_LOOKUP_TIMEOUT_MS) })) {
          if (event.name === 'FINAL_PEER') {
            peers++
          }
        }
        samples.push({ ms: performance.now() - started, peers })
      } catch (err) {
        samples.push({ ms: performance.now() - started, peers, error: (err as Error).name })
      }
    }
    return samples
  }

  async probe (keys: string[], value: string, options: ProbeOptions): Promise<ProbeResult> {
    return probeWrite(this.node, keys, value, options)
  }

  async tokenStatus (tokens: string[], timeoutMs: number): Promise<TokenAnswer[]> {
    return tokenOutcomes(this.node, tokens, timeoutMs)
  }

  async read (keys: string[], timeoutMs: number): Promise<void> {
    await this.node.run(async tx => Promise.all(keys.map(async key => tx.get(key))), { timeoutMs })
  }

  async replicaLag (): Promise<number[]> {
    const samples = this.lagSamples
    this.lagSamples = []
    return samples
  }

  async stop (): Promise<void> {
    this.stopping = true
    clearInterval(this.flushTimer)
    await this.node.stop()
  }

  private async work (worker: number): Promise<void> {
    while (!this.stopping) {
      const operation = this.driver.next(worker)
      if (operation == null) {
        await new Promise(resolve => setTimeout(resolve, IDLE_MS))
        continue
      }
      const started = performance.now()
      this.inFlight.set(worker, { kind: operation.kind, started })
      try {
        await operation.run()
        this.inFlight.delete(worker)
        const bucket = this.bucket()
        bucket.ops[operation.kind] = (bucket.ops[operation.kind] ?? 0) + 1
        bucket.latenciesMs.push(Math.round((performance.now() - started) * 1_000) / 1_000)
      } catch (err) {
        this.inFlight.delete(worker)
        const name = (err as Error).name ?? 'Error'
        const bucket = this.bucket()
        bucket.failures[name] = (bucket.failures[name] ?? 0) + 1
        bucket.failedOps[operation.kind] = (bucket.failedOps[operation.kind] ?? 0) + 1
        if (!this.reportedSamples.has(name)) {
          this.reportedSamples.add(name)
          const cause = (err as Error).cause as Error | undefined
          bucket.failureSamples[name] = `${(err as Error).message}${cause?.name == null ? '' : ` (cause: ${cause.name}: ${cause.message})`}`
        }
        await new Promise(resolve => setTimeout(resolve, FAILURE_BACKOFF_MS))
      }
    }
  }

  private bucket (): SecondBucket {
    const second = Math.floor((Date.now() - (this.startMs ?? Date.now())) / 1_000)
    let bucket = this.buckets.get(second)
    if (bucket == null) {
      bucket = { node: this.index, second, ops: {}, failures: {}, failedOps: {}, failureSamples: {}, latenciesMs: [] }
      this.buckets.set(second, bucket)
    }
    return bucket
  }

  /** Hands over every finished second (every second, at the end) */
  private flush (all: boolean): void {
    if (this.startMs == null) {
      return
    }
    const current = Math.floor((Date.now() - this.startMs) / 1_000)
    // one bucket per second even when nothing completed, to carry the handoff counters
    this.bucket()
    const handoffs = handoffCounters(this.node)
    for (const [second, bucket] of [...this.buckets].sort((a, b) => a[0] - b[0])) {
      if (!all && second >= current) {
        continue
      }
      this.buckets.delete(second)
      if (this.loopMonitor != null) {
        // the worst delay since the last second handed over
        bucket.loopDelayMaxMs = Math.round(this.loopMonitor.max / 1e5) / 10
        this.loopMonitor.reset()
      }
      if (handoffs != null && this.lastHandoffs != null) {
        bucket.handoffsIn = handoffs.in - this.lastHandoffs.in
        bucket.handoffsOut = handoffs.out - this.lastHandoffs.out
        this.lastHandoffs = handoffs
      }
      this.events.stats(bucket)
    }
  }
}

/**
 * The node's handoff counters. `status()` does not report them (yet), so this reads the handoff
 * service's own counters from the node's internals; undefined if they are not where expected.
 */
function handoffCounters (node: HoardNode): { in: number, out: number } | undefined {
  const stats = (node as unknown as { core?: { handoffs?: { stats?: { in: unknown, out: unknown } } } }).core?.handoffs?.stats
  return typeof stats?.in === 'number' && typeof stats.out === 'number' ? { in: stats.in, out: stats.out } : undefined
}

/**
 * The node as the workload sees it: `run`, through `runTask`, so that the token of every task that
 * returned is handed to the runner as a game server would keep it (to ask its outcome later)
 */
function recordingTokens (node: HoardNode, events: NodeEvents): WorkloadNode {
  return {
    run: async <T>(fn: TaskFunction<T>, options?: RunOptions): Promise<T> => {
      const receipt = await node.runTask(fn, options)
      if (receipt.token != null) {
        events.token(formatToken(receipt.token))
      }
      return receipt.result
    }
  }
}

/** A seed for one node's incarnation */
function mix (seed: number, index: number, incarnation: number): number {
  return (seed ^ Math.imul(index + 1, 0x9E3779B1) ^ Math.imul(incarnation + 1, 0x85EBCA77)) >>> 0
}
