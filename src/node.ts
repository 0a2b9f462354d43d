import { TypedEventEmitter } from '@libp2p/interface'
import { defaultLogger } from '@libp2p/logger'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { systemClock } from './clock/clock.ts'
import { InvalidOptionError } from './errors.ts'
import { decodeGroupInfo, groupKey } from './groups/meta.ts'
import { createHoardLibp2p } from './net/libp2p.ts'
import { masterRecordsService } from './net/records-service.ts'
import { gossipsubReplicaTopics } from './net/replica-topics.ts'
import { DEFAULT_MAX_RPC_FRAME_BYTES } from './net/rpc-codec.ts'
import { statusService } from './net/status.ts'
import { hoardTransport } from './net/transport.ts'
import { NodeCore } from './node-core.ts'
import { EpochGuardDatastore } from './ownership/record-guard.ts'
import { masterRecordPolicy } from './ownership/record-policy.ts'
import { handoffSigner } from './ownership/signer.ts'
import { DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES } from './store/limits.ts'
import type { RaftTiming } from './consensus/raft.ts'
import type { CommitStatus } from './groups/commit-tracker.ts'
import type { Group } from './groups/group.ts'
import type { HoardLibp2p } from './net/libp2p.ts'
import type { StatusMemberReport, StatusMeshGroupReport, StatusReport, StatusService } from './net/status.ts'
import type { HoardTransport, TransportStats } from './net/transport.ts'
import type { ClockFenceEventDetail, CoreStats, ReadReplicaOptions, TaskLostDetail } from './node-core.ts'
import type { Signer } from './ownership/handoff.ts'
import type { MasterRecords } from './ownership/records.ts'
import type { ReplicaAppliedDetail, ReplicaReport } from './replication/service.ts'
import type { Limits } from './store/limits.ts'
import type { RunOptions, TaskDefaults } from './txn/options.ts'
import type { RegisteredTask, SubmitOptions } from './txn/registry.ts'
import type { TaskFunction, TaskReceipt } from './txn/runner.ts'
import type { CommitToken } from './txn/token.ts'
import type { PeerId, TypedEventTarget } from '@libp2p/interface'
import type { ConnectionManagerInit, ConnectionMonitorInit } from 'libp2p'

export interface HoardInit {
  /** Multiaddrs to listen on (default `['/ip4/127.0.0.1/tcp/0']`; `[]` listens nowhere) */
  listen?: string[]
  /** Multiaddrs to advertise instead of the listen addresses */
  announce?: string[]
  /** Multiaddrs (with `/p2p/<peer id>`) of peers to join the mesh through */
  bootstrap?: string[]
  /** Keep the peer key, logs and objects here; omitted: in memory only */
  dataDir?: string
  /** 32 random bytes or a libp2p swarm key file's text; only holders can connect */
  clusterKey?: Uint8Array | string
  /** Key and value size limits (defaults: 1 KiB keys, 1 MiB values) */
  limits?: Partial<Limits>
  /** Defaults for every task's options (consistency, timeoutMs, maxAttempts, backoff) */
  tasks?: Partial<TaskDefaults>
  /** Remote clock readings further ahead than this are refused (default 500 ms) */
  maxClockOffsetMs?: number
  /** Consensus timing: lease, heartbeat and election timeouts */
  raft?: Partial<RaftTiming>
  /** libp2p connection-manager settings, field by field over hoard's defaults */
  connectionManager?: ConnectionManagerInit
  /**
   * libp2p connection-monitor settings, field by field over hoard's defaults (a ping every 30 s,
   * a connection aborted after 20 s without an answer)
   */
  connectionMonitor?: ConnectionMonitorInit
  /**
   * A group member (or node) silent this long is replaced (or marked dead) (default 5,000 ms).
   * Lower values heal faster and replace members that are only slow; keep it well above the
   * election timeout.
   */
  memberDeadMs?: number
  /**
   * Read replicas of other nodes' groups, opened when this node reads their objects: a replica
   * serves a read once the owner's closed timestamp passes the read's snapshot (waiting up to
   * `waitMs`, default 20 ms), else the owner answers. `maxReplicas: 0` turns them off (default 8).
   */
  readReplicas?: ReadReplicaOptions
  /**
   * Master records (the DHT's location cache) the node publishes per second at most, for the
   * objects of the groups it leads (default 10; 0: publish none). A new leader republishes its
   * group's records at this pace in the background; records name the group, so redirects work
   * before it is done.
   */
  recordsPerSecond?: number
}

export interface PeerEventDetail {
  peerId: string
}

export interface GroupEventDetail {
  /** The group's id: `meta`, or `<founder's peer id>.<tag>` for a data group */
  group: string
}

export interface GroupRoleEventDetail extends GroupEventDetail {
  role: string
  term: number
  /** The leader's member id (`<peer id>/<incarnation>`), when known */
  leader?: string
}

export interface HoardEvents {
  'peer:connect': CustomEvent<PeerEventDetail>
  'peer:disconnect': CustomEvent<PeerEventDetail>
  /** This node became a member of a group (founded it, or was added to it) */
  'group:join': CustomEvent<GroupEventDetail>
  /** This node left a group (it was removed, and has dropped its copy) */
  'group:leave': CustomEvent<GroupEventDetail>
  /** This node's role in one of its groups changed (e.g. it became leader) */
  'group:role': CustomEvent<GroupRoleEventDetail>
  /** Committed entries of a group this node replicates were applied to its read replica */
  'replica:applied': CustomEvent<ReplicaAppliedDetail>
  /**
   * Tasks this node returned before their commit was known (speculatively, e.g. `medium`) were
   * lost: their group's committed log holds an entry of another term at their index (a deposed
   * leader's suffix, or a tick's entry that could not be appended). Each token is reported once,
   * and never one that commits. Tasks that returned after commit (`durable`, `exact`) are not
   * reported: their promise said so. A token still undecided when this node stops is not
   * reported: ask `commitStatus`/`whenCommitted`.
   */
  'task:lost': CustomEvent<TaskLostDetail>
  /**
   * This node found its clock beyond the maximum offset (`maxClockOffsetMs`) from a majority of
   * the mesh and fenced itself (`fenced: true`: it leads no group and refuses tasks with
   * `ClockOffsetError`), or found it back within the bound and serves again (`fenced: false`)
   */
  'clock:fence': CustomEvent<ClockFenceEventDetail>
}

export interface NodeStatus extends CoreStats {
  peerId: string
  incarnation: string
  multiaddrs: string[]
  peers: string[]
  /** Has the node registered itself in the mesh's metadata (founded the mesh or joined it) */
  joined: boolean
  /** The mesh's nodes, as this node's replica of the metadata records them */
  members: StatusMemberReport[]
  /** The mesh's data groups, as the metadata records them (their leaders report changes) */
  mesh: StatusMeshGroupReport[]
  /** Messages, frames and requests on the wire */
  transport: TransportStats
  /** This node's read replicas of other groups */
  replicas: ReplicaReport[]
}

/** A running hoard node */
export interface HoardNode extends TypedEventTarget<HoardEvents> {
  /** This node's peer id (base58) */
  readonly peerId: string
  /** Addresses other peers can use to bootstrap from this node (each ends in `/p2p/<peer id>`) */
  readonly multiaddrs: string[]
  /** The underlying libp2p node */
  readonly libp2p: HoardLibp2p

  /** Run `fn` as a transactional task; resolves with its result once it has committed locally */
  run<T>(fn: TaskFunction<T>, options?: RunOptions): Promise<T>

  /** Like `run`, but resolves with a receipt: the result, the commit token, and `committed()` */
  runTask<T>(fn: TaskFunction<T>, options?: RunOptions): Promise<TaskReceipt<T>>

  /**
   * Register a task that other nodes may run here by name. Register the same tasks on every node,
   * before submitting any. Arguments and result are bytes the caller encodes.
   */
  register(name: string, fn: RegisteredTask): void

  /**
   * Run the task registered as `name` on the node holding the master of `options.near`, so that
   * its objects are local there; resolves with its result once its commit is in the committed log.
   * Sent once: if the other node does not answer, the error says so and the task is not run here.
   * Fails with `RemoteTaskError` when the task failed there (or is not registered there).
   */
  submit(name: string, args: Uint8Array, options: SubmitOptions): Promise<Uint8Array | undefined>

  /** Resolves once the token's commit is committed in its group; rejects if it was lost or stays in doubt */
  whenCommitted(token: CommitToken | string, options?: { signal?: AbortSignal, timeoutMs?: number }): Promise<void>

  /** What this node knows of the token's commit now */
  commitStatus(token: CommitToken | string): CommitStatus

  /** Groups, tasks and peers as this node sees them */
  status(): NodeStatus

  /** Stop tasks, flush what is queued for disk, close the network */
  stop(): Promise<void>
}

const KNOWN_OPTIONS = new Set(['listen', 'announce', 'bootstrap', 'dataDir', 'clusterKey', 'limits', 'tasks', 'maxClockOffsetMs', 'raft', 'connectionManager', 'connectionMonitor', 'memberDeadMs', 'readReplicas', 'recordsPerSecond'])
const READ_REPLICA_OPTIONS: Record<keyof ReadReplicaOptions, { min: number, max: number }> = {
  maxReplicas: { min: 0, max: 1024 },
  waitMs: { min: 0, max: 60_000 },
  idleMs: { min: 1, max: 24 * 60 * 60 * 1000 },
  retainMs: { min: 0, max: 24 * 60 * 60 * 1000 },
  fetchTimeoutMs: { min: 1, max: 600_000 },
  openAfterReads: { min: 1, max: 1_000_000 },
  publishIntervalMs: { min: 1, max: 60_000 }
}

/**
 * Records are a location cache refreshed in the background: a gentle default pace. A put costs
 * about 4-5 ms of CPU over the mesh (signing, kad-dht's query and PUT_VALUEs; measured on loopback,
 * 3 nodes in one process), so 10 per second is about 5 % of a core, and a new leader of a group of
 * 100k objects takes about 3 h to re-sign them all (redirects work meanwhile: records name the group)
 */
const DEFAULT_RECORDS_PER_SECOND = 10

/** The node's own libp2p services, on top of those every hoard libp2p node has */
type NodeServices = { transport: HoardTransport, status: StatusService, signer: Signer, records: MasterRecords }

class Hoard extends TypedEventEmitter<HoardEvents> implements HoardNode {
  readonly libp2p: HoardLibp2p<NodeServices>
  private readonly core: NodeCore
  private readonly closeTopics: () => void
  private stopped = false

  constructor (libp2p: HoardLibp2p<NodeServices>, core: NodeCore, closeTopics: () => void) {
    super()
    this.libp2p = libp2p
    this.core = core
    this.closeTopics = closeTopics
    core.replicas?.addEventListener('replica:applied', (evt) => {
      this.safeDispatchEvent('replica:applied', { detail: evt.detail })
    })
    const watch = (group: Group): void => {
      group.addEventListener('role', (evt) => {
        const { role, term, leader } = evt.detail
        this.safeDispatchEvent('group:role', { detail: { group: group.id, role, term, leader } })
      })
    }
    // every group, reopened ones included, is added when the core starts (after this constructor)
    core.groups.addEventListener('group:add', (evt) => {
      watch(evt.detail.group)
      this.safeDispatchEvent('group:join', { detail: { group: evt.detail.group.id } })
    })
    core.addEventListener('task:lost', (evt) => {
      this.safeDispatchEvent('task:lost', { detail: evt.detail })
    })
    core.addEventListener('clock:fence', (evt) => {
      this.safeDispatchEvent('clock:fence', { detail: evt.detail })
    })
    core.groups.addEventListener('group:remove', (evt) => {
      this.safeDispatchEvent('group:leave', { detail: { group: evt.detail.group.id } })
    })
    libp2p.addEventListener('peer:connect', (evt: CustomEvent<PeerId>) => {
      this.safeDispatchEvent('peer:connect', { detail: { peerId: evt.detail.toString() } })
    })
    libp2p.addEventListener('peer:disconnect', (evt: CustomEvent<PeerId>) => {
      this.safeDispatchEvent('peer:disconnect', { detail: { peerId: evt.detail.toString() } })
    })
  }

  get peerId (): string {
    return this.libp2p.peerId.toString()
  }

  get multiaddrs (): string[] {
    return this.libp2p.getMultiaddrs().map(ma => ma.toString())
  }

  // not `async`: the task's promise is returned as it is (see TaskRunner.run)
  run<T>(fn: TaskFunction<T>, options?: RunOptions): Promise<T> {
    return this.core.run(fn, options)
  }

  runTask<T>(fn: TaskFunction<T>, options?: RunOptions): Promise<TaskReceipt<T>> {
    return this.core.runTask(fn, options)
  }

  register (name: string, fn: RegisteredTask): void {
    this.core.register(name, fn)
  }

  async submit (name: string, args: Uint8Array, options: SubmitOptions): Promise<Uint8Array | undefined> {
    return this.core.submit(name, args, options)
  }

  async whenCommitted (token: CommitToken | string, options?: { signal?: AbortSignal, timeoutMs?: number }): Promise<void> {
    await this.core.whenCommitted(token, options)
  }

  commitStatus (token: CommitToken | string): CommitStatus {
    return this.core.commitStatus(token)
  }

  status (): NodeStatus {
    return {
      ...this.core.stats(),
      peerId: this.peerId,
      incarnation: this.core.incarnation,
      multiaddrs: this.multiaddrs,
      peers: this.libp2p.getPeers().map(peer => peer.toString()),
      joined: this.core.joined,
      members: [...this.core.meta.nodes()].map(([node, info]) => ({ node, incarnation: info.incarnation, dead: info.dead, group: info.group, addrs: [...info.addrs] })),
      mesh: meshGroups(this.core),
      transport: this.libp2p.services.transport.stats(),
      replicas: this.core.replicas?.status() ?? []
    }
  }

  /** What `/hoard/status/1.0.0` answers (`hoard status`) */
  statusReport (): StatusReport {
    const status = this.status()
    return {
      peerId: status.peerId,
      incarnation: status.incarnation,
      multiaddrs: status.multiaddrs,
      peers: status.peers,
      joined: status.joined,
      members: status.members,
      groups: status.groups,
      mesh: status.mesh,
      tasks: status.tasks
    }
  }

  async stop (): Promise<void> {
    if (this.stopped) {
      return
    }
    this.stopped = true
    await this.core.stop()
    this.closeTopics()
    await this.libp2p.stop()
  }
}

/**
 * Create and start a hoard node: its libp2p peer, its data group (which it leads) and its task
 * runner. With `dataDir`, a restarted node recovers its commits from disk.
 */
export async function createNode (init: HoardInit = {}): Promise<HoardNode> {
  if (init == null || typeof init !== 'object') {
    throw new InvalidOptionError('createNode takes an options object')
  }
  for (const key of Object.keys(init)) {
    if (!KNOWN_OPTIONS.has(key)) {
      throw new InvalidOptionError(`Unknown option "${key}" (known: ${[...KNOWN_OPTIONS].join(', ')})`)
    }
  }
  const readReplicas = checkReadReplicaOptions(init.readReplicas)
  const recordsPerSecond = init.recordsPerSecond ?? DEFAULT_RECORDS_PER_SECOND
  if (typeof recordsPerSecond !== 'number' || !Number.isFinite(recordsPerSecond) || recordsPerSecond < 0) {
    throw new InvalidOptionError(`recordsPerSecond must be a non-negative number, got ${String(recordsPerSecond)}`)
  }
  const logger = defaultLogger()
  const maxKeyBytes = init.limits?.maxKeyBytes ?? DEFAULT_MAX_KEY_BYTES
  const maxValueBytes = init.limits?.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES
  const libp2p = await createHoardLibp2p<NodeServices>({
    dhtRecords: masterRecordPolicy,
    // kad-dht stores any valid record a peer puts, even over a newer one: the guard keeps the newest
    datastore: new EpochGuardDatastore({ logger }),
    listen: init.listen,
    announce: init.announce,
    bootstrap: init.bootstrap,
    dataDir: init.dataDir,
    clusterKey: init.clusterKey,
    connectionManager: init.connectionManager,
    connectionMonitor: init.connectionMonitor,
    logger,
    services: {
      transport: hoardTransport({
        maxKeyBytes,
        maxValueBytes,
        // a read's response carries one whole value and its key
        maxRpcFrameBytes: Math.max(DEFAULT_MAX_RPC_FRAME_BYTES, maxValueBytes + 4 * maxKeyBytes + 64 * 1024)
      }),
      status: statusService(),
      // handoffs are signed with the peer key, so a receiver checks them against the sender's peer id
      signer: handoffSigner(),
      // after `dht`, which it puts records through
      records: masterRecordsService()
    }
  })
  let core: NodeCore | undefined
  const topics = gossipsubReplicaTopics(libp2p.services.pubsub, bytes => { core?.replicas?.receive(bytes) }, logger.forComponent('hoard:replica:topics'))
  try {
    // the join requests name peers by id: give the peer store their addresses before anything dials
    const bootstrap = await rememberBootstrapPeers(libp2p, init.bootstrap ?? [])
    core = await NodeCore.create({
      clock: systemClock,
      logger,
      random: Math.random,
      transport: libp2p.services.transport,
      signer: libp2p.services.signer,
      replicaTopics: topics,
      records: recordsPerSecond > 0 ? libp2p.services.records : undefined
    }, {
      nodeId: libp2p.peerId.toString(),
      dataDir: init.dataDir,
      bootstrap,
      addrs: () => libp2p.getMultiaddrs().map(ma => ma.toString()),
      limits: init.limits,
      tasks: init.tasks,
      maxClockOffsetMs: init.maxClockOffsetMs,
      raft: init.raft,
      memberDeadMs: init.memberDeadMs,
      readReplicas,
      records: { maxPerSecond: Math.max(recordsPerSecond, 1), batchSize: Math.max(1, Math.min(32, Math.ceil(recordsPerSecond / 10))) }
    })
  } catch (err) {
    topics.close()
    await libp2p.stop()
    throw err
  }
  const node = new Hoard(libp2p, core, () => { topics.close() })
  libp2p.services.transport.attach(core, {
    addrsOf: (peer) => core.meta.nodes().get(peer)?.addrs ?? []
  })
  libp2p.services.status.setSource(() => node.statusReport())
  core.start()
  return node
}

function checkReadReplicaOptions (options: unknown): ReadReplicaOptions | undefined {
  if (options == null) {
    return undefined
  }
  if (typeof options !== 'object') {
    throw new InvalidOptionError('readReplicas must be an object')
  }
  const checked: ReadReplicaOptions = {}
  for (const [name, value] of Object.entries(options)) {
    const range = READ_REPLICA_OPTIONS[name as keyof ReadReplicaOptions]
    if (range == null) {
      throw new InvalidOptionError(`Unknown option "readReplicas.${name}" (known: ${Object.keys(READ_REPLICA_OPTIONS).join(', ')})`)
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
      throw new InvalidOptionError(`readReplicas.${name} must be an integer from ${range.min} to ${range.max}`)
    }
    checked[name as keyof ReadReplicaOptions] = value
  }
  return checked
}

/** Adds each bootstrap address to the peer store; returns the peer ids, in order, without repeats */
async function rememberBootstrapPeers (libp2p: HoardLibp2p<NodeServices>, addresses: string[]): Promise<string[]> {
  const ids: string[] = []
  for (const address of addresses) {
    // createHoardLibp2p has checked that each parses and names its peer
    const ma = multiaddr(address)
    const id = ma.getComponents().find(c => c.name === 'p2p')?.value
    if (id == null || id === libp2p.peerId.toString()) {
      continue
    }
    if (!ids.includes(id)) {
      ids.push(id)
    }
    await libp2p.peerStore.merge(peerIdFromString(id), { multiaddrs: [ma.decapsulateCode(421)] })
  }
  return ids
}

/** The data groups the metadata records, from this node's replica of it */
function meshGroups (core: NodeCore): StatusMeshGroupReport[] {
  const store = core.meta.group?.store
  if (store == null) {
    return []
  }
  const prefix = groupKey('')
  const groups: StatusMeshGroupReport[] = []
  for (const [key, version] of store.entries()) {
    if (key.startsWith(prefix) && version.value != null) {
      const info = decodeGroupInfo(version.value)
      groups.push({ id: key.slice(prefix.length), founder: info.founder, voters: [...info.voters], learners: [...info.learners], leader: info.leader, term: info.term })
    }
  }
  return groups
}
