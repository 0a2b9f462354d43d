import { TypedEventEmitter } from '@libp2p/interface'
import { defaultLogger } from '@libp2p/logger'
import { systemClock } from './clock/clock.ts'
import { InvalidOptionError } from './errors.ts'
import { createHoardLibp2p } from './net/libp2p.ts'
import { NodeCore } from './node-core.ts'
import { EpochGuardDatastore } from './ownership/record-guard.ts'
import { masterRecordPolicy } from './ownership/record-policy.ts'
import type { RaftTiming } from './consensus/raft.ts'
import type { CommitStatus } from './groups/commit-tracker.ts'
import type { HoardLibp2p } from './net/libp2p.ts'
import type { CoreStats } from './node-core.ts'
import type { Limits } from './store/limits.ts'
import type { RunOptions, TaskDefaults } from './txn/options.ts'
import type { TaskFunction, TaskReceipt } from './txn/runner.ts'
import type { CommitToken } from './txn/token.ts'
import type { PeerId, TypedEventTarget } from '@libp2p/interface'
import type { ConnectionManagerInit } from 'libp2p'

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
}

export interface PeerEventDetail {
  peerId: string
}

export interface HoardEvents {
  'peer:connect': CustomEvent<PeerEventDetail>
  'peer:disconnect': CustomEvent<PeerEventDetail>
}

export interface NodeStatus extends CoreStats {
  peerId: string
  incarnation: string
  multiaddrs: string[]
  peers: string[]
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

  /** Resolves once the token's commit is committed in its group; rejects if it was lost or stays in doubt */
  whenCommitted(token: CommitToken | string, options?: { signal?: AbortSignal, timeoutMs?: number }): Promise<void>

  /** What this node knows of the token's commit now */
  commitStatus(token: CommitToken | string): CommitStatus

  /** Groups, tasks and peers as this node sees them */
  status(): NodeStatus

  /** Stop tasks, flush what is queued for disk, close the network */
  stop(): Promise<void>
}

const KNOWN_OPTIONS = new Set(['listen', 'announce', 'bootstrap', 'dataDir', 'clusterKey', 'limits', 'tasks', 'maxClockOffsetMs', 'raft', 'connectionManager'])

class Hoard extends TypedEventEmitter<HoardEvents> implements HoardNode {
  readonly libp2p: HoardLibp2p
  private readonly core: NodeCore
  private stopped = false

  constructor (libp2p: HoardLibp2p, core: NodeCore) {
    super()
    this.libp2p = libp2p
    this.core = core
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
      peers: this.libp2p.getPeers().map(peer => peer.toString())
    }
  }

  async stop (): Promise<void> {
    if (this.stopped) {
      return
    }
    this.stopped = true
    await this.core.stop()
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
  const logger = defaultLogger()
  const libp2p = await createHoardLibp2p({
    dhtRecords: masterRecordPolicy,
    // kad-dht stores any valid record a peer puts, even over a newer one: the guard keeps the newest
    datastore: new EpochGuardDatastore({ logger }),
    listen: init.listen,
    announce: init.announce,
    bootstrap: init.bootstrap,
    dataDir: init.dataDir,
    clusterKey: init.clusterKey,
    connectionManager: init.connectionManager,
    logger
  })
  let core: NodeCore
  try {
    core = await NodeCore.create({
      clock: systemClock,
      logger,
      random: Math.random,
      transport: {
        // until the libp2p transport lands, a node is a mesh of its own: nothing to send to
        send: () => {},
        request: async () => { throw new Error('no network transport yet') }
      }
    }, {
      nodeId: libp2p.peerId.toString(),
      dataDir: init.dataDir,
      limits: init.limits,
      tasks: init.tasks,
      maxClockOffsetMs: init.maxClockOffsetMs,
      raft: init.raft
    })
  } catch (err) {
    await libp2p.stop()
    throw err
  }
  core.start()
  return new Hoard(libp2p, core)
}
