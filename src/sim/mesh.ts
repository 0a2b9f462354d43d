import { NodeCore } from '../node-core.ts'
import { SimClock } from './clock.ts'
import { DEFAULT_DISK_TIMING } from './disk.ts'
import { SimKvStore } from './kv-disk.ts'
import { drainMicrotasks } from './microtasks.ts'
import { PERFECT_LINK, SimNetwork } from './network.ts'
import { SimProcess } from './process.ts'
import { SeededRandom } from './random.ts'
import { Scheduler } from './scheduler.ts'
import type { CrashKind, DiskTiming } from './disk.ts'
import type { LinkProfile } from './network.ts'
import type { RaftTiming } from '../consensus/raft.ts'
import type { Group } from '../groups/group.ts'
import type { GroupMessage, NodeRequest, NodeResponse, NodeTransport } from '../groups/transport.ts'
import type { RecordPublisherInit, RecordSink } from '../ownership/record-publisher.ts'
import type { ReplicaTopics } from '../replication/topics.ts'
import type { ComponentLogger, Logger } from '@libp2p/interface'

/** What travels between simulated nodes */
export type MeshEnvelope =
  | { readonly kind: 'message', readonly message: GroupMessage }
  | { readonly kind: 'request', readonly from: string, readonly id: number, readonly request: NodeRequest }
  | { readonly kind: 'response', readonly id: number, readonly response?: NodeResponse, readonly error?: string }
  /** A read-replica message published on a group's topic, as one subscriber receives it */
  | { readonly kind: 'publish', readonly bytes: Uint8Array }

export interface SimMeshInit {
  seed: number
  nodes: number
  link?: LinkProfile
  /** Nodes keep state on a simulated disk (default true) */
  withDisk?: boolean
  disk?: DiskTiming
  raft?: Partial<RaftTiming>
  memberDeadMs?: number
  /** Clock skew of each node: wall offset and rate (default: none) */
  clocks?: Array<{ wallOffsetMs: number, rate: number }>
  /**
   * Nodes keep read replicas of groups they read, fed by a simulated publish/subscribe (each
   * message sent to every subscriber over the faulty network, as gossipsub would) (default false)
   */
  readReplicas?: boolean
  /** Where each node publishes master records (default: nowhere), and at what pace */
  records?(node: SimMeshNode): RecordSink
  recordPace?: RecordPublisherInit
}

/** One simulated machine: its process, clock and disk, and the node it currently runs */
export class SimMeshNode {
  readonly name: string
  process: SimProcess
  clock: SimClock
  readonly kv?: SimKvStore
  readonly random: SeededRandom
  core?: NodeCore
  /** the transport of the running node: requests in flight, by id */
  pending = new Map<number, { resolve(response: NodeResponse): void, reject(err: Error): void }>()
  nextRequestId = 1
  /** called when the running program dies: what it was doing will never finish */
  crashListeners: Array<() => void> = []

  constructor (name: string, process: SimProcess, clock: SimClock, kv: SimKvStore | undefined, random: SeededRandom) {
    this.name = name
    this.process = process
    this.clock = clock
    this.kv = kv
    this.random = random
  }

  get running (): boolean {
    return this.core != null && this.process.state !== 'crashed'
  }
}

/**
 * N simulated machines, each running a whole node core (its groups, metadata, membership upkeep
 * and tasks) over a seeded faulty network, skewed clocks and crashing disks. Deterministic: a
 * seed replays exactly.
 */
export class SimMesh {
  readonly scheduler = new Scheduler()
  readonly random: SeededRandom
  readonly network: SimNetwork<MeshEnvelope>
  readonly nodes: SimMeshNode[] = []
  /** Errors nodes logged, and exceptions thrown by their code: each is a failure */
  readonly errors: string[] = []
  /** (group, term) -> leader member, to check there is at most one */
  readonly leaders = new Map<string, string>()
  /** group -> the nodes subscribed to its read-replica topic */
  private readonly subscriptions = new Map<string, Set<string>>()
  private readonly init: SimMeshInit

  constructor (init: SimMeshInit) {
    this.init = init
    this.random = new SeededRandom(init.seed)
    this.network = new SimNetwork(this.scheduler, this.random.fork(), init.link ?? PERFECT_LINK)
    for (let i = 0; i < init.nodes; i++) {
      const name = `n${i + 1}`
      const process = new SimProcess(this.scheduler, name)
      const clock = this.makeClock(process, i)
      const kv = init.withDisk === false ? undefined : new SimKvStore(process, () => this.scheduler.nowMs, this.random.fork(), init.disk ?? DEFAULT_DISK_TIMING)
      this.nodes.push(new SimMeshNode(name, process, clock, kv, this.random.fork()))
    }
  }

  get nowMs (): number {
    return this.scheduler.nowMs
  }

  node (name: string): SimMeshNode {
    const node = this.nodes.find(n => n.name === name)
    if (node == null) {
      throw new Error(`no node ${name}`)
    }
    return node
  }

  /** Start the node's program (joining through `bootstrap`, or founding a mesh when empty) */
  async start (name: string, bootstrap: string[] = []): Promise<NodeCore> {
    const node = this.node(name)
    node.pending = new Map()
    const transport = this.transport(node)
    // creating a node reads and writes its disk, which only progresses while the simulation runs
    const core = await this.settle(NodeCore.create({
      clock: node.clock,
      logger: this.logger(node),
      random: () => node.random.next(),
      randomId: () => node.random.nextUint32().toString(16).padStart(8, '0'),
      transport,
      replicaTopics: this.init.readReplicas === true ? this.topics(node) : undefined,
      records: this.init.records?.(node)
    }, {
      nodeId: name,
      kv: node.kv,
      bootstrap,
      raft: this.init.raft,
      memberDeadMs: this.init.memberDeadMs,
      records: this.init.recordPace
    }))
    node.core = core
    this.network.attach(name, node.process, envelope => { this.deliver(node, envelope) })
    for (const group of core.groups.all()) {
      this.watch(node, group)
    }
    core.groups.addEventListener('group:add', evt => { this.watch(node, evt.detail.group) })
    core.start()
    return core
  }

  /** The node's process dies; its disk keeps what the crash kind allows */
  crash (name: string, kind: CrashKind = 'process'): void {
    const node = this.node(name)
    node.process.crash()
    node.kv?.crash(kind)
    for (const subscribers of this.subscriptions.values()) {
      subscribers.delete(name)
    }
    for (const { reject } of node.pending.values()) {
      reject(new Error('crashed'))
    }
    node.pending = new Map()
    node.core = undefined
    const listeners = node.crashListeners
    node.crashListeners = []
    for (const listener of listeners) {
      listener()
    }
  }

  /**
   * Settles with `promise`, or rejects when the node running `core` crashes first: the work of a
   * crashed process never finishes, and whoever waited for it died with it
   */
  unlessCrashed<T>(core: NodeCore, promise: Promise<T>): Promise<T> {
    const node = this.nodes.find(n => n.core === core)
    if (node == null) {
      return Promise.reject(new Error('the node has crashed'))
    }
    return new Promise<T>((resolve, reject) => {
      node.crashListeners.push(() => { reject(new Error(`${node.name} crashed`)) })
      promise.then(resolve, reject)
    })
  }

  /** Start again after a crash; `wipe` loses the disk (a new incarnation) */
  async restart (name: string, bootstrap: string[], wipe = false): Promise<NodeCore> {
    const node = this.node(name)
    if (node.process.state !== 'crashed') {
      this.crash(name)
    }
    node.process = new SimProcess(this.scheduler, name)
    node.clock = this.makeClock(node.process, this.nodes.indexOf(node))
    node.kv?.attach(node.process, () => this.scheduler.nowMs)
    if (wipe) {
      node.kv?.wipe()
    }
    return this.start(name, bootstrap)
  }

  pause (name: string): void {
    this.node(name).process.pause()
  }

  resume (name: string): void {
    this.node(name).process.resume()
  }

  /** Cut every link between `side` and the rest (both ways) */
  partition (side: string[]): void {
    for (const a of side) {
      for (const b of this.nodes.map(n => n.name).filter(n => !side.includes(n))) {
        this.network.cut(a, b)
        this.network.cut(b, a)
      }
    }
  }

  heal (): void {
    this.network.healAll()
  }

  async runFor (durationMs: number): Promise<void> {
    const until = this.nowMs + durationMs
    await drainMicrotasks()
    while (this.errors.length === 0) {
      let stepped: boolean
      try {
        stepped = this.scheduler.step(until)
      } catch (err) {
        this.errors.push(`exception at ${this.nowMs.toFixed(3)} ms: ${(err as Error).stack ?? String(err)}`)
        return
      }
      if (!stepped) {
        break
      }
      await drainMicrotasks()
    }
    this.scheduler.advanceTo(until)
  }

  /**
   * Resolves after `durationMs` of simulated time, without driving the simulation: for fault
   * schedules that run beside a task the simulation is settling
   */
  sleep (durationMs: number): Promise<void> {
    return new Promise(resolve => { this.scheduler.after(durationMs, resolve) })
  }

  /** Run until `done()` holds (checked after each event) or `durationMs` passes; returns whether it held */
  async runUntil (done: () => boolean, durationMs: number): Promise<boolean> {
    const until = this.nowMs + durationMs
    // continuations already queued may schedule the next event: run them before looking
    await drainMicrotasks()
    while (!done() && this.errors.length === 0) {
      let stepped: boolean
      try {
        stepped = this.scheduler.step(until)
      } catch (err) {
        this.errors.push(`exception at ${this.nowMs.toFixed(3)} ms: ${(err as Error).stack ?? String(err)}`)
        return false
      }
      if (!stepped) {
        this.scheduler.advanceTo(until)
        return done()
      }
      await drainMicrotasks()
    }
    return done()
  }

  /** Await a promise while the simulation runs (a task on a simulated node) */
  async settle<T>(promise: Promise<T>, durationMs = 30_000): Promise<T> {
    let outcome: { value: T } | { error: unknown } | undefined
    promise.then(value => { outcome = { value } }, error => { outcome = { error } })
    await this.runUntil(() => outcome != null, durationMs)
    if (outcome == null) {
      throw new Error(`not settled within ${durationMs} ms of simulated time`)
    }
    if ('error' in outcome) {
      throw outcome.error
    }
    return outcome.value
  }

  /** Running cores */
  cores (): NodeCore[] {
    return this.nodes.filter(n => n.running).map(n => n.core).filter((c): c is NodeCore => c != null)
  }

  private makeClock (process: SimProcess, index: number): SimClock {
    const setting = this.init.clocks?.[index] ?? { wallOffsetMs: 0, rate: 1 }
    return new SimClock(this.scheduler, process, { wallOffsetMs: setting.wallOffsetMs, rate: setting.rate, monotonicOriginMs: 1000 * (index + 1) })
  }

  /** At most one leader per term in every group */
  private watch (node: SimMeshNode, group: Group): void {
    group.addEventListener('role', evt => {
      const { role, term, group: id } = evt.detail
      if (role !== 'leader') {
        return
      }
      const key = `${id}@${term}`
      const member = group.member
      const previous = this.leaders.get(key)
      if (previous != null && previous !== member) {
        this.errors.push(`two leaders of ${id} in term ${term}: ${previous} and ${member} (at ${this.nowMs.toFixed(3)} ms on ${node.name})`)
      }
      this.leaders.set(key, member)
    })
  }

  private transport (node: SimMeshNode): NodeTransport {
    return {
      send: (toNode, message) => {
        this.network.send(node.name, toNode, { kind: 'message', message })
      },
      request: async (toNode, request, options) => {
        const id = node.nextRequestId++
        return new Promise<NodeResponse>((resolve, reject) => {
          const timer = node.clock.setTimer(() => {
            node.pending.delete(id)
            reject(new Error(`request to ${toNode} timed out`))
          }, options.timeoutMs)
          node.pending.set(id, {
            resolve: (response) => { timer.cancel(); resolve(response) },
            reject: (err) => { timer.cancel(); reject(err) }
          })
          this.network.send(node.name, toNode, { kind: 'request', from: node.name, id, request })
        })
      }
    }
  }

  private topics (node: SimMeshNode): ReplicaTopics {
    const subscribers = (group: string): Set<string> => {
      let set = this.subscriptions.get(group)
      if (set == null) {
        set = new Set()
        this.subscriptions.set(group, set)
      }
      return set
    }
    return {
      subscribe: group => { subscribers(group).add(node.name) },
      unsubscribe: group => { subscribers(group).delete(node.name) },
      hasSubscribers: group => [...subscribers(group)].some(name => name !== node.name),
      publish: (group, bytes) => {
        for (const name of subscribers(group)) {
          if (name !== node.name) {
            this.network.send(node.name, name, { kind: 'publish', bytes })
          }
        }
      }
    }
  }

  private deliver (node: SimMeshNode, envelope: MeshEnvelope): void {
    const core = node.core
    if (core == null) {
      return
    }
    switch (envelope.kind) {
      case 'publish':
        core.replicas?.receive(envelope.bytes)
        break
      case 'message':
        core.receive('', envelope.message)
        break
      case 'request': {
        const from = envelope.from
        core.handle(from, envelope.request).then(
          response => { this.network.send(node.name, from, { kind: 'response', id: envelope.id, response }) },
          (err: Error) => { this.network.send(node.name, from, { kind: 'response', id: envelope.id, error: err.message }) }
        )
        break
      }
      case 'response': {
        const pending = node.pending.get(envelope.id)
        node.pending.delete(envelope.id)
        if (envelope.response != null) {
          pending?.resolve(envelope.response)
        } else {
          pending?.reject(new Error(envelope.error ?? 'request failed'))
        }
        break
      }
      default:
        this.errors.push(`unknown envelope ${JSON.stringify(envelope)}`)
    }
  }

  private logger (node: SimMeshNode): ComponentLogger {
    // HOARD_SIM_LOG=handoff,ownership prints those components' debug lines with node and simulated time
    const shown = (process.env.HOARD_SIM_LOG ?? '').split(',').filter(name => name.length > 0)
    const make = (component: string): Logger => {
      const noop = shown.some(name => component.includes(name))
        // an opt-in trace for debugging a seed, printed where the simulation runs
        // eslint-disable-next-line no-console
        ? (format: string, ...args: unknown[]): void => { console.log(`${this.nowMs.toFixed(3)} ${node.name} ${component} ${format}`, ...args) }
        : (): void => {}
      const logger: Logger = Object.assign(noop, {
        enabled: false,
        trace: noop,
        error: (format: string, ...args: unknown[]) => {
          this.errors.push(`${node.name} ${component} logged an error at ${this.nowMs.toFixed(3)} ms: ${format} ${args.map(String).join(' ')}`)
        },
        newScope: () => logger
      })
      return logger
    }
    return { forComponent: make }
  }
}
