import { Raft } from '../consensus/raft.ts'
import { memberId, nodeOf } from '../consensus/types.ts'
import { SimClock } from './clock.ts'
import { SimDisk, SimRaftStorage } from './disk.ts'
import { drainMicrotasks } from './microtasks.ts'
import { SimNetwork } from './network.ts'
import { SimProcess } from './process.ts'
import { SeededRandom } from './random.ts'
import { entryId, RegisterMachine } from './register-machine.ts'
import { Scheduler } from './scheduler.ts'
import type { CrashKind, DiskTiming } from './disk.ts'
import type { EntryRef, HistoryEvent, HistorySink } from './history.ts'
import type { LinkProfile, NetworkEvent } from './network.ts'
import type { RaftMessage } from '../consensus/messages.ts'
import type { RaftHost, RaftTiming, Role, UnsafeSwitches } from '../consensus/raft.ts'
import type { Entry, MemberId, Membership } from '../consensus/types.ts'
import type { Logger } from '@libp2p/interface'

export const SIM_GROUP = 'g'

export interface NodeClockSetting {
  /** Local ms per true ms, within [1 − ρ, 1 + ρ] */
  rate: number
  wallOffsetMs: number
}

export interface RaftClusterInit {
  seed: number
  /** Nodes in the simulation; the first `voters` found the group, the rest are spares */
  nodes: number
  voters: number
  timing?: Partial<RaftTiming>
  /** Rules switched off in every member (tests of the safety argument only) */
  unsafe?: UnsafeSwitches
  link: LinkProfile
  clocks?: NodeClockSetting[]
  disk?: DiskTiming
  /** Where history events go (the checker, a recording) */
  sink: HistorySink
  /** Called with each network event, for traces */
  onNetwork?(event: NetworkEvent, from: string, to: string, message: RaftMessage<string>, atMs: number): void
  maxEntriesPerAppend?: number
  maxSnapshotChunkBytes?: number
}

/** One simulated machine: its process, clock and disk, and the member it currently runs */
export class SimNode {
  readonly name: string
  readonly process: SimProcess
  readonly clock: SimClock
  readonly disk: SimDisk<string>
  readonly random: SeededRandom
  incarnation = 0
  member: MemberId
  raft?: Raft<string>
  machine = new RegisterMachine()
  storage?: SimRaftStorage<string>

  constructor (name: string, process: SimProcess, clock: SimClock, disk: SimDisk<string>, random: SeededRandom) {
    this.name = name
    this.process = process
    this.clock = clock
    this.disk = disk
    this.random = random
    this.member = memberId(name, 'i0')
  }

  /** Running a member and not frozen: it can take requests */
  get available (): boolean {
    return this.raft != null && this.process.state === 'running'
  }

  get crashed (): boolean {
    return this.process.state === 'crashed'
  }
}

function refs (entries: ReadonlyArray<Entry<string>>): EntryRef[] {
  return entries.map(entry => ({ index: entry.index, term: entry.term, id: entryId(entry) }))
}

/**
 * N simulated machines running one Raft group with a trivial state machine, under a seeded
 * network, skewed clocks and crashing disks. It offers the faults (crash, restart with or
 * without disk, pause, partitions) and the operations (propose, read under lease, membership
 * change) that fault schedules and tests drive, and reports everything that happens as history
 * events for the checker.
 */
export class RaftCluster {
  readonly scheduler = new Scheduler()
  readonly random: SeededRandom
  readonly network: SimNetwork<RaftMessage<string>>
  readonly nodes: SimNode[] = []
  readonly founders: Membership
  /** Errors the core reported through its logger, and exceptions it threw: each is a failure */
  readonly errors: string[] = []
  private readonly init: RaftClusterInit
  private readonly sink: HistorySink
  private proposalCount = 0
  private readCount = 0

  constructor (init: RaftClusterInit) {
    this.init = init
    this.sink = init.sink
    this.random = new SeededRandom(init.seed)
    const networkRandom = this.random.fork()
    this.network = new SimNetwork(this.scheduler, networkRandom, init.link, init.onNetwork == null
      ? undefined
      : (event, from, to, message) => { init.onNetwork?.(event, from, to, message, this.scheduler.nowMs) })
    for (let i = 0; i < init.nodes; i++) {
      const name = `n${i + 1}`
      const process = new SimProcess(this.scheduler, name)
      const setting = init.clocks?.[i] ?? { rate: 1, wallOffsetMs: 0 }
      const clock = new SimClock(this.scheduler, process, { rate: setting.rate, wallOffsetMs: setting.wallOffsetMs, monotonicOriginMs: 1000 * (i + 1) })
      const disk = new SimDisk<string>(this.random.fork(), init.disk)
      this.nodes.push(new SimNode(name, process, clock, disk, this.random.fork()))
    }
    this.founders = { voters: this.nodes.slice(0, init.voters).map(node => node.member), learners: [] }
  }

  get nowMs (): number {
    return this.scheduler.nowMs
  }

  node (name: string): SimNode {
    const node = this.nodes.find(n => n.name === name)
    if (node == null) {
      throw new Error(`no node ${name}`)
    }
    return node
  }

  /** The node running `member` now, if any */
  nodeOfMember (member: MemberId): SimNode | undefined {
    const node = this.nodes.find(n => n.name === nodeOf(member))
    return node?.member === member ? node : undefined
  }

  record (event: HistoryEvent): void {
    this.sink.record(event)
  }

  note (text: string, member = '-'): void {
    this.record({ type: 'note', atMs: this.nowMs, member, text })
  }

  /** Start the founding members (the spares stay idle until added) */
  start (): void {
    for (const node of this.nodes.slice(0, this.init.voters)) {
      this.startMember(node)
    }
  }

  /** Run the simulation until true time `untilMs`, running promise continuations after each event */
  async runUntil (untilMs: number): Promise<void> {
    for (;;) {
      let stepped: boolean
      try {
        stepped = this.scheduler.step(untilMs)
      } catch (err) {
        this.errors.push(`exception at ${this.nowMs.toFixed(3)} ms: ${(err as Error).stack ?? String(err)}`)
        stepped = true
      }
      if (!stepped) {
        break
      }
      await drainMicrotasks()
      if (this.errors.length > 0) {
        return
      }
    }
    this.scheduler.advanceTo(untilMs)
  }

  async runFor (durationMs: number): Promise<void> {
    await this.runUntil(this.nowMs + durationMs)
  }

  /** Run until `done()` holds (checked after every event) or `untilMs`; returns whether it held */
  async runUntilTrue (done: () => boolean, untilMs: number): Promise<boolean> {
    while (!done()) {
      let stepped: boolean
      try {
        stepped = this.scheduler.step(untilMs)
      } catch (err) {
        this.errors.push(`exception at ${this.nowMs.toFixed(3)} ms: ${(err as Error).stack ?? String(err)}`)
        return false
      }
      if (!stepped) {
        this.scheduler.advanceTo(untilMs)
        return done()
      }
      await drainMicrotasks()
      if (this.errors.length > 0) {
        return false
      }
    }
    return true
  }

  // ---- members ----

  private logger (node: SimNode): Logger {
    const noop = (): void => {}
    const logger = Object.assign(noop, {
      enabled: false,
      trace: noop,
      error: (format: string, ...args: unknown[]) => {
        this.errors.push(`${node.member} logged an error at ${this.nowMs.toFixed(3)} ms: ${format} ${args.map(String).join(' ')}`)
      },
      newScope: () => logger
    })
    return logger
  }

  /** Start a member on `node` from whatever its disk holds */
  startMember (node: SimNode): void {
    const image = node.disk.read()
    node.machine = new RegisterMachine()
    if (image.checkpoint != null) {
      node.machine.load(image.checkpoint)
    }
    const member = node.member
    this.record({ type: 'log-load', atMs: this.nowMs, member, snapshot: image.snapshot == null ? undefined : { index: image.snapshot.index, term: image.snapshot.term }, entries: refs(image.entries) })
    if (image.checkpoint != null) {
      this.record({ type: 'state-load', atMs: this.nowMs, member, index: node.machine.index, digest: node.machine.digest })
    }
    const storage = new SimRaftStorage<string>(node.disk, node.process, () => this.nowMs, {
      append: entries => { this.record({ type: 'log-append', atMs: this.nowMs, member, entries: refs(entries) }) },
      snapshot: (meta, discard) => { this.record({ type: 'log-compact', atMs: this.nowMs, member, index: meta.index, term: meta.term, discard }) }
    })
    node.storage = storage
    const cluster = this
    // the host is built before the member it serves
    const current: { raft?: Raft<string> } = {}
    const host: RaftHost<string> = {
      committed (index: number): void {
        cluster.record({ type: 'commit', atMs: cluster.nowMs, member, index })
        while (node.machine.index < index) {
          const entry = current.raft?.log.entry(node.machine.index + 1)
          if (entry == null) {
            throw new Error(`${member}: committed ${index} but entry ${node.machine.index + 1} is not in the log`)
          }
          node.machine.apply(entry)
          cluster.record({ type: 'apply', atMs: cluster.nowMs, member, index: entry.index, term: entry.term, id: entryId(entry), digest: node.machine.digest })
        }
      },
      truncated (index: number): void {
        cluster.record({ type: 'log-truncate', atMs: cluster.nowMs, member, index })
      },
      roleChanged (role: Role, term: number, leader: MemberId | undefined): void {
        cluster.record({ type: 'role', atMs: cluster.nowMs, member, role, term, leader })
      },
      snapshot () {
        return { index: node.machine.index, data: node.machine.snapshot() }
      },
      async restore (meta, data): Promise<void> {
        node.machine.load(data)
        if (node.machine.index !== meta.index) {
          throw new Error(`${member}: snapshot data at ${node.machine.index} but meta at ${meta.index}`)
        }
        cluster.record({ type: 'state-load', atMs: cluster.nowMs, member, index: meta.index, digest: node.machine.digest })
        await storage.saveCheckpoint(data)
      },
      leaseEndAfter (durationMs: number): number {
        return node.clock.wallMs() + durationMs
      }
    }
    const raft = new Raft<string>({
      clock: node.clock,
      transport: {
        send: (message) => {
          if (node.raft === raft && node.process.state === 'running') {
            this.network.send(node.name, nodeOf(message.to), message)
          }
        }
      },
      storage,
      host,
      random: () => node.random.next(),
      logger: this.logger(node)
    }, {
      group: SIM_GROUP,
      id: member,
      persisted: { hardState: image.hardState, snapshot: image.snapshot, entries: image.entries },
      initialMembership: node.incarnation === 0 && this.founders.voters.includes(member) ? this.founders : undefined,
      timing: this.init.timing,
      unsafe: this.init.unsafe,
      maxEntriesPerAppend: this.init.maxEntriesPerAppend,
      maxSnapshotChunkBytes: this.init.maxSnapshotChunkBytes
    })
    current.raft = raft
    node.raft = raft
    this.network.attach(node.name, node.process, message => { if (node.raft === raft) { raft.receive(message) } })
    raft.start()
  }

  // ---- faults ----

  /** The process dies; its disk keeps what `kind` lets it keep */
  crash (name: string, kind: CrashKind): void {
    const node = this.node(name)
    if (node.crashed) {
      return
    }
    node.raft?.stop()
    node.raft = undefined
    node.process.crash()
    const { kept, lost } = node.disk.crash(kind, this.nowMs)
    this.record({ type: 'crash', atMs: this.nowMs, member: node.member })
    this.note(`crash (${kind}): ${kept} unsynced writes kept, ${lost} lost`, node.member)
  }

  /** Restart a crashed node, from its disk, or without it as a new incarnation (a new member) */
  restart (name: string, wipe: boolean): void {
    const node = this.node(name)
    if (!node.crashed && node.raft != null) {
      return
    }
    if (wipe) {
      node.disk.wipe()
      node.incarnation++
      node.member = memberId(node.name, `i${node.incarnation}`)
    }
    node.process.restart()
    this.note(wipe ? 'restarts without its disk, as a new member' : 'restarts from its disk', node.member)
    this.startMember(node)
  }

  /** Bring an idle node (never started, or whose member was removed) in as a new incarnation */
  spawnNewIncarnation (name: string): void {
    const node = this.node(name)
    node.raft?.stop()
    node.raft = undefined
    node.process.crash()
    node.process.restart()
    node.disk.wipe()
    node.incarnation++
    node.member = memberId(node.name, `i${node.incarnation}`)
    this.note('starts as a new member', node.member)
    this.startMember(node)
  }

  pause (name: string): void {
    const node = this.node(name)
    node.process.pause()
    this.note('paused', node.member)
  }

  resume (name: string): void {
    const node = this.node(name)
    node.process.resume()
    this.note('resumed', node.member)
  }

  /** Cut every link between the two sides (both directions) */
  partition (side: readonly string[], other: readonly string[]): void {
    for (const a of side) {
      for (const b of other) {
        this.network.cut(a, b)
        this.network.cut(b, a)
      }
    }
  }

  /** Cut `name` off from every other node */
  isolate (name: string): void {
    this.partition([name], this.nodes.filter(n => n.name !== name).map(n => n.name))
  }

  // ---- queries ----

  /** Nodes whose member believes it leads (there may be a stale one) */
  leaders (): SimNode[] {
    return this.nodes.filter(node => node.available && node.raft?.role === 'leader')
  }

  /** The leader of the highest term whose first entry is committed, if it is up */
  readyLeader (): SimNode | undefined {
    let best: SimNode | undefined
    for (const node of this.leaders()) {
      if (node.raft?.isReady === true && (best == null || (node.raft.term > (best.raft?.term ?? 0)))) {
        best = node
      }
    }
    return best
  }

  /** The membership as the newest leader (ready or not) sees it, else the founders' */
  membership (): Membership {
    let best: SimNode | undefined
    for (const node of this.nodes) {
      if (node.raft != null && (best?.raft == null || node.raft.term > best.raft.term || (node.raft.term === best.raft.term && node.raft.role === 'leader'))) {
        best = node
      }
    }
    return best?.raft?.currentMembership ?? this.founders
  }

  // ---- operations ----

  /** Propose a command at `node` (if it leads); returns the command id when appended */
  propose (node: SimNode, sync: boolean): string | undefined {
    if (!node.available || node.raft == null) {
      return undefined
    }
    const id = `c${++this.proposalCount}`
    const at = node.raft.propose(id, sync)
    if (at == null) {
      this.proposalCount--
      return undefined
    }
    this.record({ type: 'propose', atMs: this.nowMs, member: node.member, term: at.term, index: at.index, id })
    return id
  }

  /** Every member holding a lease answers a read from its applied state (as a lease read does) */
  readAtLeaseHolders (): number {
    let served = 0
    for (const node of this.nodes) {
      if (node.available && node.raft?.hasLease() === true) {
        const readId = `r${++this.readCount}`
        this.record({ type: 'read', atMs: this.nowMs, member: node.member, readId, index: node.machine.index, digest: node.machine.digest })
        served++
      }
    }
    return served
  }

  /** Checkpoint the state machine (synced) and compact the log behind it */
  compact (node: SimNode, retain: number): void {
    if (!node.available || node.raft == null || node.storage == null) {
      return
    }
    const index = node.machine.index
    if (index <= node.raft.log.snapshotIndex + retain) {
      return
    }
    void node.storage.saveCheckpoint(node.machine.snapshot())
    node.raft.compact(index, retain)
  }
}
