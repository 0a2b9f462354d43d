/**
 * The mesh of a topology run: starting its nodes in the bootstrap shape (in this process, or one
 * child process each), the faults' moves on them (kill -9 and restart, SIGSTOP and SIGCONT,
 * partitions), routing workload actors between nodes, and stopping everything it started.
 */

import { fork } from 'node:child_process'
import { closeSync, mkdirSync, openSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createWorkload } from '../src/workloads/index.ts'
import { TopologyNode } from './topology-node.ts'
import type { ChildMessage, ChildRequest } from './topology-child.ts'
import type { Topology } from './topology-config.ts'
import type { FinalRead, LookupSample, NodeEvents, NodeHandle, NodeInit, NodeSummary, SecondBucket, StopResult } from './topology-node.ts'
import type { ProbeOptions, ProbeResult, TokenAnswer } from './topology-probe.ts'
import type { Anomaly } from '../src/workloads/workload.ts'
import type { ChildProcess } from 'node:child_process'

const CHILD_SCRIPT = fileURLToPath(new URL('./topology-child.ts', import.meta.url))
const NODE_FLAGS = ['--experimental-transform-types', '--no-warnings=ExperimentalWarning']
/** A node (process) that has not started within this long has failed to start */
const START_TIMEOUT_MS = 60_000
/** A clean stop that takes longer than this ends with SIGKILL */
const STOP_TIMEOUT_MS = 10_000
/** Child processes started at once: each spends a second or so of CPU loading its code */
const PROCESS_START_CONCURRENCY = 4

export type NodeState = 'starting' | 'up' | 'paused' | 'down'

/** Workers of one node still in a task when the workload stopped */
export interface StuckWorkers {
  node: number
  workers: number
  longestMs: number
  kinds: string[]
}

interface Slot {
  index: number
  state: NodeState
  handle?: NodeHandle
  child?: ChildNode
  /** processes: a fixed port, so a restarted node keeps its address */
  port?: number
  dataDir?: string
  incarnation: number
  peerId?: string
  multiaddrs: string[]
}

export interface MeshEvents {
  stats(bucket: SecondBucket): void
  anomaly(anomaly: Anomaly): void
  /** A workload task on node `node` returned with this commit token */
  token(node: number, token: string): void
  /** Something worth a line in the log (a node exiting on its own, a failed restart) */
  notice(line: string): void
}

export interface MeshInit {
  topology: Topology
  /** Data directories (storage: disk) and child processes' logs go under here */
  runDir: string
  clusterKeyHex?: string
  events: MeshEvents
}

export class Mesh {
  private readonly topology: Topology
  private readonly init: MeshInit
  private readonly slots: Slot[]
  /** active partitions: id -> the nodes cut off from the rest */
  private readonly partitions = new Map<number, Set<number>>()
  /** which node drives each workload actor (mmo players) */
  private readonly actorHome = new Map<string, number>()
  private workloadStartMs?: number
  private stopped = false
  /** processes forked for the restart of a killed node, loading their code meanwhile */
  private readonly spares = new Map<number, ChildNode>()

  constructor (init: MeshInit) {
    this.init = init
    this.topology = init.topology
    this.slots = Array.from({ length: init.topology.nodes }, (_, index) => ({ index, state: 'down', incarnation: 0, multiaddrs: [] }))
    const workload = createWorkload(init.topology.workload, init.topology.nodes)
    for (let i = 0; i < init.topology.nodes; i++) {
      for (const actor of workload.initialActors(i, init.topology.nodes)) {
        this.actorHome.set(actor, i)
      }
    }
  }

  get size (): number {
    return this.slots.length
  }

  state (index: number): NodeState {
    return this.slots[index].state
  }

  peerId (index: number): string | undefined {
    return this.slots[index].peerId
  }

  /** Nodes that are running (paused ones are running, but cannot answer) */
  up (): number[] {
    return this.slots.filter(slot => slot.state === 'up').map(slot => slot.index)
  }

  handle (index: number): NodeHandle | undefined {
    const slot = this.slots[index]
    return slot.state === 'up' ? slot.handle : undefined
  }

  /** Starts every node in the bootstrap shape; `onStarted` after each */
  async start (onStarted: (started: number) => void): Promise<void> {
    const { mode, nodes, bootstrap, storage } = this.topology
    if (mode === 'processes') {
      for (const slot of this.slots) {
        slot.port = await freePort()
        // every process loads its code at once; each node then starts in the shape's order
        this.spares.set(slot.index, ChildNode.spawn(slot.index, this.logFile(slot.index, 0)))
      }
    }
    if (storage === 'disk') {
      for (const slot of this.slots) {
        slot.dataDir = join(this.init.runDir, 'data', `node-${slot.index}`)
        mkdirSync(slot.dataDir, { recursive: true })
      }
    }
    let started = 0
    const launch = async (index: number): Promise<void> => {
      await this.launch(index, this.bootstrapOf(index, false))
      onStarted(++started)
    }
    await launch(0)
    if (bootstrap === 'seed') {
      // all join through node 0: no need to wait for one another
      const concurrency = mode === 'processes' ? PROCESS_START_CONCURRENCY : 1
      let next = 1
      await Promise.all(Array.from({ length: Math.min(concurrency, nodes - 1) }, async () => {
        while (next < nodes) {
          await launch(next++)
        }
      }))
    } else {
      for (let i = 1; i < nodes; i++) {
        await launch(i)
      }
    }
    if (mode === 'processes' && this.topology.faults.some(f => f.type === 'restart-all')) {
      // a whole-mesh restart needs a process per node: they load their code while the mesh settles
      for (const slot of this.slots) {
        this.spares.set(slot.index, ChildNode.spawn(slot.index, this.logFile(slot.index, slot.incarnation + 1)))
      }
    }
  }

  /** Creates the workload's objects: every node its share, at once; resolves with how many */
  /**
   * Creates the workload's objects: every node its share, at once. Resolves with how many the
   * nodes that finished created, and each failure (the run goes on: the final check will say what
   * is missing).
   */
  async setup (): Promise<{ objects: number, failures: Array<{ node: number, error: string }> }> {
    const failures: Array<{ node: number, error: string }> = []
    const counts = await Promise.all(this.up().map(async node => {
      try {
        return await (this.slots[node].handle?.setup() ?? 0)
      } catch (err) {
        failures.push({ node, error: `${(err as Error).name}: ${(err as Error).message}` })
        return 0
      }
    }))
    return { objects: counts.reduce((sum, count) => sum + count, 0), failures: failures.sort((a, b) => a.node - b.node) }
  }

  async startWorkload (startMs: number): Promise<void> {
    this.workloadStartMs = startMs
    await Promise.all(this.up().map(async i => this.slots[i].handle?.startWorkload(startMs, this.actorsOf(i))))
  }

  /** Stops the workers of every running node; resolves with the workers still stuck in a task, by node */
  async stopWorkload (): Promise<StuckWorkers[]> {
    this.workloadStartMs = undefined
    const stuck = await Promise.all(this.up().map(async node => {
      try {
        const result = await this.slots[node].handle?.stopWorkload()
        return { node, workers: result?.stuckWorkers ?? 0, longestMs: Math.round(result?.longestMs ?? 0), kinds: result?.kinds ?? [] }
      } catch {
        return { node, workers: 0, longestMs: 0, kinds: [] }
      }
    }))
    return stuck.filter(s => s.workers > 0)
  }

  /** kill -9 (processes only); a spare process starts loading for the restart */
  async kill (index: number): Promise<void> {
    const slot = this.slots[index]
    if (slot.child == null || slot.state === 'down') {
      throw new Error(`node ${index} is not running`)
    }
    const child = slot.child
    slot.state = 'down'
    slot.handle = undefined
    slot.child = undefined
    await child.kill('SIGKILL')
    if (!this.stopped && !this.spares.has(index)) {
      this.spares.set(index, ChildNode.spawn(index, this.logFile(index, slot.incarnation + 1)))
    }
  }

  /**
   * Forks the processes that will restart these nodes, and resolves once their code is loaded: a
   * whole-mesh restart then times hoard's recovery, not five processes loading code at once
   */
  async prepareRestarts (indexes: number[]): Promise<void> {
    for (const index of indexes) {
      if (!this.stopped && !this.spares.has(index)) {
        this.spares.set(index, ChildNode.spawn(index, this.logFile(index, this.slots[index].incarnation + 1)))
      }
    }
    await Promise.all(indexes.map(async index => withTimeout(this.spares.get(index)?.whenLoaded() ?? Promise.resolve(), START_TIMEOUT_MS).catch(() => {})))
  }

  /** Starts a node that is down again: same port and data directory, the shape's bootstrap list */
  async restart (index: number): Promise<void> {
    const slot = this.slots[index]
    if (slot.state !== 'down') {
      throw new Error(`node ${index} is ${slot.state}, not down`)
    }
    slot.incarnation++
    await this.launch(index, this.bootstrapOf(index, true))
    if (this.workloadStartMs != null) {
      await slot.handle?.startWorkload(this.workloadStartMs, this.actorsOf(index))
    }
    // the others learn its (possibly new) peer id; it learns whom to shun
    await this.applyPartitions()
  }

  /** SIGSTOP (processes only) */
  pause (index: number): void {
    const slot = this.slots[index]
    if (slot.child == null || slot.state !== 'up') {
      throw new Error(`node ${index} is ${slot.state}, not up`)
    }
    slot.child.signal('SIGSTOP')
    slot.state = 'paused'
  }

  /** SIGCONT */
  resume (index: number): void {
    const slot = this.slots[index]
    if (slot.child == null || slot.state !== 'paused') {
      return
    }
    slot.child.signal('SIGCONT')
    slot.state = 'up'
  }

  /** Cuts `nodes` off from the rest until `heal(id)` */
  async partition (id: number, nodes: number[]): Promise<void> {
    this.partitions.set(id, new Set(nodes))
    await this.applyPartitions()
  }

  async heal (id: number): Promise<void> {
    if (this.partitions.delete(id)) {
      await this.applyPartitions()
    }
  }

  /** The node whose led data groups hold the most objects now (the first up node if none answers) */
  async owner (candidates: number[]): Promise<number> {
    const summaries = await this.summaries(candidates)
    let best = candidates[0]
    let most = -1
    for (const summary of summaries) {
      if (summary != null && summary.ledObjects > most) {
        most = summary.ledObjects
        best = summary.index
      }
    }
    return best
  }

  /** Summaries of the given nodes (default: every node up); undefined for a node that did not answer */
  async summaries (indexes = this.up(), timeoutMs = 3_000): Promise<Array<NodeSummary | undefined>> {
    return Promise.all(indexes.map(async i => {
      const handle = this.handle(i)
      if (handle == null) {
        return undefined
      }
      try {
        return await withTimeout(handle.summary(), timeoutMs)
      } catch {
        return undefined
      }
    }))
  }

  async readState (index: number, timeoutMs: number): Promise<FinalRead> {
    const handle = this.handle(index)
    if (handle == null) {
      return { ok: false, error: `node ${index} is ${this.slots[index].state}`, ms: 0 }
    }
    return handle.readState(timeoutMs)
  }

  async dhtLookups (index: number, count: number): Promise<LookupSample[]> {
    return (await this.handle(index)?.dhtLookups(count)) ?? []
  }

  /** A probe write on node `index` (see `probeWrite`) */
  async probe (index: number, keys: string[], options: ProbeOptions): Promise<ProbeResult> {
    const handle = this.handle(index)
    if (handle == null) {
      throw new Error(`node ${index} is ${this.slots[index].state}`)
    }
    return handle.probe(keys, `probe-${index}`, options)
  }

  /** What node `index` learns of each token's outcome */
  async tokenStatus (index: number, tokens: string[], timeoutMs: number): Promise<TokenAnswer[]> {
    const handle = this.handle(index)
    if (handle == null) {
      throw new Error(`node ${index} is ${this.slots[index].state}`)
    }
    return handle.tokenStatus(tokens, timeoutMs)
  }

  /** Stops every node it started (resuming paused ones first); a node that does not stop is killed */
  async stopAll (): Promise<void> {
    if (this.stopped) {
      return
    }
    this.stopped = true
    const spares = [...this.spares.values()]
    this.spares.clear()
    await Promise.all(spares.map(async spare => { await spare.kill('SIGKILL') }))
    await Promise.all(this.slots.map(async slot => {
      if (slot.state === 'paused') {
        this.resume(slot.index)
      }
      const { handle, child } = slot
      slot.state = 'down'
      slot.handle = undefined
      slot.child = undefined
      if (handle == null) {
        return
      }
      try {
        await withTimeout(handle.stop(), STOP_TIMEOUT_MS)
      } catch {
        // a node that cannot stop cleanly in-process is left to the process exit
      }
      await child?.kill('SIGKILL')
    }))
  }

  /** Kills child processes at once, without waiting (the last resort on a second Ctrl-C) */
  killNow (): void {
    for (const slot of this.slots) {
      slot.child?.signal('SIGCONT')
      slot.child?.signal('SIGKILL')
    }
    for (const spare of this.spares.values()) {
      spare.signal('SIGKILL')
    }
  }

  private logFile (index: number, incarnation: number): string {
    return join(this.init.runDir, 'logs', `node-${index}.${incarnation}.log`)
  }

  private async launch (index: number, bootstrap: string[]): Promise<void> {
    const slot = this.slots[index]
    const { topology } = this
    slot.state = 'starting'
    const init: NodeInit = {
      index,
      nodes: topology.nodes,
      listen: [`/ip4/127.0.0.1/tcp/${slot.port ?? 0}`],
      bootstrap,
      dataDir: slot.dataDir,
      clusterKeyHex: this.init.clusterKeyHex,
      memberDeadMs: topology.node.memberDeadMs,
      taskTimeoutMs: topology.node.taskTimeoutMs,
      maxAttempts: topology.node.maxAttempts,
      workload: topology.workload,
      seed: topology.seed,
      incarnation: slot.incarnation,
      raft: topology.node.raft,
      readReplicas: topology.node.readReplicas,
      recordsPerSecond: topology.node.recordsPerSecond,
      ownProcess: topology.mode === 'processes'
    }
    const events: NodeEvents = {
      stats: bucket => { this.init.events.stats(bucket) },
      anomaly: anomaly => { this.init.events.anomaly(anomaly) },
      handover: (actor, toNode) => { this.handover(actor, toNode) },
      token: token => { this.init.events.token(index, token) }
    }
    try {
      if (topology.mode === 'processes') {
        const child = this.spares.get(index) ?? ChildNode.spawn(index, this.logFile(index, slot.incarnation))
        this.spares.delete(index)
        await child.begin(init, events, code => {
          // an exit the runner did not ask for
          if (slot.child === child) {
            slot.state = 'down'
            slot.child = undefined
            slot.handle = undefined
            this.init.events.notice(`node ${index} exited on its own (${code})`)
          }
        })
        slot.child = child
        slot.handle = child
      } else {
        slot.handle = await TopologyNode.start(init, events)
      }
    } catch (err) {
      slot.state = 'down'
      throw err
    }
    slot.peerId = slot.handle.peerId
    slot.multiaddrs = slot.handle.multiaddrs
    slot.state = 'up'
  }

  /**
   * Whom node `index` joins through. seed: node 0; chain: the node before; ring: the chain, and node
   * 0 from the last node on a restart; full: every node before (every other on a restart). A
   * restarted node with no list of its own uses every other node.
   */
  private bootstrapOf (index: number, restart: boolean): string[] {
    const n = this.slots.length
    let from: number[]
    switch (this.topology.bootstrap) {
      case 'seed': from = index === 0 ? [] : [0]; break
      case 'chain': from = index === 0 ? [] : [index - 1]; break
      case 'ring': from = index > 0 ? [index - 1] : [n - 1].filter(last => restart && last > 0); break
      default: from = restart ? this.slots.map(s => s.index).filter(i => i !== index) : Array.from({ length: index }, (_, i) => i)
    }
    if (restart && from.length === 0) {
      from = this.slots.map(s => s.index).filter(i => i !== index)
    }
    return from.flatMap(i => this.slots[i].multiaddrs.slice(0, 1))
  }

  private actorsOf (index: number): string[] {
    return [...this.actorHome].filter(([, home]) => home === index).map(([actor]) => actor)
  }

  private handover (actor: string, toNode: number): void {
    this.actorHome.set(actor, toNode)
    const slot = this.slots[toNode]
    if (slot.handle != null && (slot.state === 'up' || slot.state === 'paused')) {
      // a node down gets its actors when it restarts (actorsOf)
      slot.handle.adopt([actor]).catch(() => {})
    }
  }

  /** Tells every running node which peers are across a cut from it */
  private async applyPartitions (): Promise<void> {
    await Promise.all(this.slots.map(async slot => {
      if (slot.handle == null || slot.state === 'down' || slot.state === 'starting') {
        return
      }
      const blocked = this.slots
        .filter(other => other.index !== slot.index && other.peerId != null &&
          [...this.partitions.values()].some(side => side.has(slot.index) !== side.has(other.index)))
        .map(other => other.peerId as string)
      const applying = slot.handle.partition(blocked).catch(() => {})
      // a paused node applies it when it resumes (the message waits in its pipe)
      if (slot.state === 'up') {
        await applying
      }
    }))
  }
}

/** A node in a child process (scripts/topology-child.ts), driven over IPC */
class ChildNode implements NodeHandle {
  readonly index: number
  peerId = ''
  multiaddrs: string[] = []
  private readonly child: ChildProcess
  private readonly logFile: string
  private readonly pending = new Map<number, { resolve(value: unknown): void, reject(err: Error): void }>()
  private readonly exited: Promise<void>
  private readonly ready: Promise<void>
  private events?: NodeEvents
  private onExit?: (code: string) => void
  private nextId = 1

  private constructor (index: number, child: ChildProcess, logFile: string) {
    this.index = index
    this.child = child
    this.logFile = logFile
    const ready = Promise.withResolvers<void>()
    this.ready = ready.promise
    // a spare that dies before it is used rejects `ready`; nobody may be waiting yet
    this.ready.catch(() => {})
    this.exited = new Promise(resolve => {
      child.once('exit', (code, signal) => {
        const why = new Error(`node ${index}'s process exited (${signal ?? code})`)
        ready.reject(why)
        for (const { reject } of this.pending.values()) {
          reject(why)
        }
        this.pending.clear()
        this.onExit?.(signal ?? `code ${code}`)
        resolve()
      })
    })
    child.on('message', (message: ChildMessage) => {
      if ('event' in message) {
        this.dispatch(message, ready.resolve)
        return
      }
      const waiter = this.pending.get(message.id)
      this.pending.delete(message.id)
      if (message.ok) {
        waiter?.resolve(message.result)
      } else {
        waiter?.reject(new Error(message.error))
      }
    })
  }

  /**
   * Forks a node process, which loads its code and waits for `begin`. Loading takes seconds on a
   * busy machine, so a restart uses a spare forked when its node was killed.
   */
  static spawn (index: number, logFile: string): ChildNode {
    mkdirSync(join(logFile, '..'), { recursive: true })
    const log = openSync(logFile, 'a')
    const child = fork(CHILD_SCRIPT, [], { execArgv: NODE_FLAGS, stdio: ['ignore', log, log, 'ipc'] })
    closeSync(log)
    return new ChildNode(index, child, logFile)
  }

  /** Starts the node in the process; its events and an exit nobody asked for go to the callbacks */
  async begin (init: NodeInit, events: NodeEvents, onExit: (code: string) => void): Promise<void> {
    this.events = events
    this.onExit = onExit
    try {
      await withTimeout(this.ready, START_TIMEOUT_MS)
      const { peerId, multiaddrs } = await withTimeout(this.request('start', [init]), START_TIMEOUT_MS) as { peerId: string, multiaddrs: string[] }
      this.peerId = peerId
      this.multiaddrs = multiaddrs
    } catch (err) {
      this.onExit = undefined
      await this.kill('SIGKILL')
      throw new Error(`node ${init.index} did not start: ${(err as Error).message} (log: ${this.logFile})`)
    }
  }

  private dispatch (message: Extract<ChildMessage, { event: string }>, ready: () => void): void {
    const [a, b] = message.args
    switch (message.event) {
      case 'ready': ready(); break
      case 'stats': this.events?.stats(a as SecondBucket); break
      case 'anomaly': this.events?.anomaly(a as Anomaly); break
      case 'token': this.events?.token(a as string); break
      default: this.events?.handover(a as string, b as number)
    }
  }

  /** Resolves once the process has loaded its code (rejects if it exits first) */
  async whenLoaded (): Promise<void> {
    await this.ready
  }

  signal (signal: NodeJS.Signals): void {
    if (this.child.exitCode == null && this.child.signalCode == null) {
      this.child.kill(signal)
    }
  }

  async kill (signal: NodeJS.Signals): Promise<void> {
    this.signal(signal)
    await this.exited
  }

  async setup (): Promise<number> { return this.request('setup', []) as Promise<number> }
  async startWorkload (startMs: number, actors: string[]): Promise<void> { await this.request('startWorkload', [startMs, actors]) }
  async stopWorkload (): Promise<StopResult> { return this.request('stopWorkload', []) as Promise<StopResult> }
  async adopt (actors: string[]): Promise<void> { await this.request('adopt', [actors]) }
  async partition (blockedPeers: string[]): Promise<void> { await this.request('partition', [blockedPeers]) }
  async summary (): Promise<NodeSummary> { return this.request('summary', []) as Promise<NodeSummary> }
  async readState (timeoutMs: number): Promise<FinalRead> { return this.request('readState', [timeoutMs]) as Promise<FinalRead> }
  async dhtLookups (count: number): Promise<LookupSample[]> { return this.request('dhtLookups', [count]) as Promise<LookupSample[]> }
  async probe (keys: string[], value: string, options: ProbeOptions): Promise<ProbeResult> { return this.request('probe', [keys, value, options]) as Promise<ProbeResult> }
  async tokenStatus (tokens: string[], timeoutMs: number): Promise<TokenAnswer[]> { return this.request('tokenStatus', [tokens, timeoutMs]) as Promise<TokenAnswer[]> }
  async read (keys: string[], timeoutMs: number): Promise<void> { await this.request('read', [keys, timeoutMs]) }
  async replicaLag (): Promise<number[]> { return this.request('replicaLag', []) as Promise<number[]> }

  async stop (): Promise<void> {
    try {
      await withTimeout(this.request('stop', []), STOP_TIMEOUT_MS)
    } catch {
      // it did not stop cleanly: it is killed below either way
    }
    await this.kill('SIGKILL')
  }

  private async request (op: ChildRequest['op'], args: unknown[]): Promise<unknown> {
    if (this.child.exitCode != null || this.child.signalCode != null || !this.child.connected) {
      throw new Error(`node ${this.index}'s process is not running`)
    }
    const id = this.nextId++
    const reply = new Promise<unknown>((resolve, reject) => { this.pending.set(id, { resolve, reject }) })
    this.child.send({ id, op, args } satisfies ChildRequest)
    return reply
  }
}

/**
 * A port no one listens on, below Linux's ephemeral range (32768-60999): a port from that range
 * (what listening on port 0 gives) may be taken by an outgoing connection before the node process
 * gets to listen on it, and the node then fails with EADDRINUSE
 */
async function freePort (): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = FIXED_PORT_MIN + Math.floor(Math.random() * (FIXED_PORT_MAX - FIXED_PORT_MIN))
    if (await canListen(port)) {
      return port
    }
  }
  return listenOnAny()
}

const FIXED_PORT_MIN = 20_000
const FIXED_PORT_MAX = 32_000

async function canListen (port: number): Promise<boolean> {
  return new Promise(resolve => {
    const server = createServer()
    server.once('error', () => { resolve(false) })
    server.listen(port, '127.0.0.1', () => { server.close(() => { resolve(true) }) })
  })
}

async function listenOnAny (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => { resolve(typeof address === 'object' && address != null ? address.port : 0) })
    })
  })
}

export async function withTimeout<T> (promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => { timer = setTimeout(() => { reject(new Error(`no answer within ${ms} ms`)) }, ms) })
    ])
  } finally {
    clearTimeout(timer)
  }
}
