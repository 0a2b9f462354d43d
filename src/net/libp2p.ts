/**
 * The libp2p node a hoard node runs on: TCP + Noise + yamux, identify and ping, a private Kademlia
 * DHT for master records, gossipsub for read replicas, an optional cluster key, and a bootstrap
 * dialer. The node (`src/node.ts`) builds one with `createHoardLibp2p` and adds its protocols.
 */

import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht'
import { ping } from '@libp2p/ping'
import { preSharedKey } from '@libp2p/pnet'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { MemoryDatastore } from 'datastore-core'
import { createLibp2p } from 'libp2p'
import { InvalidOptionError } from '../errors.ts'
import { bootstrapDialer, DEFAULT_BOOTSTRAP_TIMEOUT_MS } from './bootstrap.ts'
import { toSwarmKey } from './cluster-key.ts'
import { loadOrCreatePeerKey } from './peer-key.ts'
import type { BootstrapDialer } from './bootstrap.ts'
import type { GossipSub, GossipsubOpts } from '@libp2p/gossipsub'
import type { Identify } from '@libp2p/identify'
import type { ComponentLogger, Libp2p, PrivateKey, ServiceMap } from '@libp2p/interface'
import type { KadDHT, SelectFn, ValidateFn } from '@libp2p/kad-dht'
import type { Ping } from '@libp2p/ping'
import type { Multiaddr } from '@multiformats/multiaddr'
import type { Datastore } from 'interface-datastore'
import type { ConnectionManagerInit, ConnectionMonitorInit, ServiceFactoryMap } from 'libp2p'

export type { ConnectionManagerInit, ConnectionMonitorInit }

/** The DHT protocol: private, so hoard nodes never join (or answer) the public IPFS DHT */
export const DHT_PROTOCOL = '/hoard/kad/1.0.0'

/** DHT keys `/hoard/...` are checked by the record policy given to `createHoardLibp2p` */
export const HOARD_DHT_NAMESPACE = 'hoard'

/** Listen address when none is given: loopback, a free port */
export const DEFAULT_LISTEN = ['/ip4/127.0.0.1/tcp/0']

/**
 * Connection-manager settings hoard uses unless `connectionManager` overrides them (field by field).
 *
 * `allow` lists loopback: peers on this host are not an outside flood, and a local mesh of many
 * nodes otherwise trips the per-host rate limit (libp2p then fails dials with a misleading
 * `EncryptionFailedError: ECONNRESET`). Pass `allow: []` to treat loopback like any address.
 *
 * `inboundConnectionThreshold` is 50 per second per host, up from 5: several nodes behind one host
 * or NAT all redial a restarted peer at once, and refusing them delays the mesh's recovery.
 * `maxIncomingPendingConnections` is 32, up from 10, for the same burst.
 */
export const DEFAULT_CONNECTION_MANAGER: Readonly<ConnectionManagerInit> = Object.freeze({
  allow: ['/ip4/127.0.0.0/ipcidr/8', '/ip6/::1/ipcidr/128'],
  inboundConnectionThreshold: 50,
  maxIncomingPendingConnections: 32
})

/** Gossipsub mesh degree and heartbeat used when not configured: the library's defaults */
/**
 * libp2p pings every connection every 10 s and aborts it when a ping takes over 5 s. hoard tells
 * a dead peer from a live one by its own traffic (Raft heartbeats, request timeouts), and a node whose
 * event loop stalls for seconds (a loaded game server, many nodes in one process) would lose every
 * connection at once and spend its CPU on Noise handshakes re-dialing them: measured with 50 nodes
 * in one process, 1,589 connections aborted in 60 s. Here a connection is pinged every 30 s and
 * aborted only when a ping goes unanswered for 20 s.
 */
export const DEFAULT_CONNECTION_MONITOR: Readonly<ConnectionMonitorInit> = Object.freeze({
  pingInterval: 30_000,
  pingTimeout: Object.freeze({ minTimeout: 20_000, maxTimeout: 60_000 })
})

export const DEFAULT_GOSSIPSUB_D = 6
export const DEFAULT_GOSSIPSUB_HEARTBEAT_MS = 1_000

/** How DHT records under `/hoard/` are checked and chosen (supplied by the ownership layer) */
export interface DhtRecordPolicy {
  /** Throws if a record is not acceptable (bad signature, malformed) */
  validate: ValidateFn
  /** Index of the best of several records for one key (the highest epoch) */
  select: SelectFn
}

export interface GossipsubSettings {
  /** Mesh degree D (default 6); Dlo, Dhi, Dout, Dscore and Dlazy are derived from it */
  D?: number
  /** Mesh maintenance interval (default 1000 ms) */
  heartbeatMs?: number
  /**
   * Source IPs exempt from the IP-colocation penalty (default loopback). Without this, more than
   * 10 peers on one IP have their messages silently ignored.
   */
  ipColocationWhitelist?: string[]
}

/** The services of a hoard libp2p node (a type alias, not an interface, so that it is a `ServiceMap`) */
export type HoardServices = {
  identify: Identify
  ping: Ping
  dht: KadDHT
  pubsub: GossipSub
  bootstrap: BootstrapDialer
}

export type HoardLibp2p<T extends ServiceMap = Record<never, never>> = Libp2p<HoardServices & T>

export interface HoardLibp2pInit<T extends ServiceMap = Record<never, never>> {
  /** Validator and selector for `/hoard/` DHT records. Required: there is no safe default */
  dhtRecords: DhtRecordPolicy
  /** Multiaddrs to listen on (default `/ip4/127.0.0.1/tcp/0`) */
  listen?: string[]
  /** Multiaddrs to advertise instead of the listen addresses (e.g. behind NAT) */
  announce?: string[]
  /** Multiaddrs, each with `/p2p/<peer id>`, to join the mesh through */
  bootstrap?: string[]
  /** How long the bootstrap dialer's `joined()` waits for a first peer (default 15 s) */
  bootstrapTimeoutMs?: number
  /** The peer key is kept in `<dataDir>/peer.key`; omitted: a new identity at every start */
  dataDir?: string
  /** 32 random bytes or a swarm key file's text; only holders can connect */
  clusterKey?: Uint8Array | string
  /** Holds DHT records and the peer store (default in memory) */
  datastore?: Datastore
  /** Overrides `DEFAULT_CONNECTION_MANAGER` field by field */
  connectionManager?: ConnectionManagerInit
  /** Overrides `DEFAULT_CONNECTION_MONITOR` field by field (`{ enabled: false }` turns pings off) */
  connectionMonitor?: ConnectionMonitorInit
  gossipsub?: GossipsubSettings
  /** More libp2p services, e.g. the node's own protocols */
  services?: ServiceFactoryMap<T>
  logger?: ComponentLogger
  /** Start the node before returning (default true) */
  start?: boolean
}

/**
 * Builds (and by default starts) a hoard libp2p node.
 *
 * @throws {InvalidOptionError} for a malformed address, cluster key or setting
 * @throws {CorruptDataError} when `<dataDir>/peer.key` exists but is not a private key
 */
export async function createHoardLibp2p <T extends ServiceMap = Record<never, never>> (init: HoardLibp2pInit<T>): Promise<HoardLibp2p<T>> {
  validateRecordPolicy(init.dhtRecords)
  const listen = parseAddresses('listen', init.listen ?? DEFAULT_LISTEN)
  const announce = parseAddresses('announce', init.announce ?? [])
  const bootstrap = parseAddresses('bootstrap', init.bootstrap ?? [])
  requirePeerIds(bootstrap)
  const psk = init.clusterKey == null ? undefined : toSwarmKey(init.clusterKey)
  const bootstrapTimeoutMs = checkInteger('bootstrapTimeoutMs', init.bootstrapTimeoutMs ?? DEFAULT_BOOTSTRAP_TIMEOUT_MS, 1, 24 * 60 * 60 * 1_000)
  const pubsub = gossipsubOptions(init.gossipsub ?? {})
  const privateKey: PrivateKey = init.dataDir == null
    ? await generateKeyPair('Ed25519')
    : await loadOrCreatePeerKey(init.dataDir)

  const hoardServices: ServiceFactoryMap<HoardServices> = {
    identify: identify(),
    ping: ping(),
    dht: kadDHT({
      protocol: DHT_PROTOCOL,
      // the mesh's nodes are dialable (they listen), and on loopback or a LAN libp2p cannot tell:
      // without server mode nobody answers DHT queries
      clientMode: false,
      // the default mapper drops private addresses, which are all a local or LAN mesh has
      peerInfoMapper: passthroughMapper,
      validators: { [HOARD_DHT_NAMESPACE]: init.dhtRecords.validate },
      selectors: { [HOARD_DHT_NAMESPACE]: init.dhtRecords.select },
      // a one-node mesh is valid, and the DHT is only a location cache whose records owners re-put:
      // a query that finds nobody yet is harmless, a query paused until a peer appears would hang
      allowQueryWithZeroPeers: true
    }),
    pubsub: gossipsub(pubsub),
    bootstrap: bootstrapDialer({ peers: bootstrap, timeoutMs: bootstrapTimeoutMs })
  }

  // the caller's services come second so that they can use (or, knowingly, replace) ours
  const services = { ...hoardServices, ...init.services } as unknown as ServiceFactoryMap<HoardServices & T>

  return createLibp2p<HoardServices & T>({
    privateKey,
    addresses: {
      listen: listen.map(a => a.toString()),
      announce: announce.map(a => a.toString())
    },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionProtector: psk == null ? undefined : preSharedKey({ psk }),
    connectionManager: { ...DEFAULT_CONNECTION_MANAGER, ...init.connectionManager },
    connectionMonitor: { ...DEFAULT_CONNECTION_MONITOR, ...init.connectionMonitor },
    datastore: init.datastore ?? new MemoryDatastore(),
    logger: init.logger,
    services,
    start: init.start ?? true
  })
}

function gossipsubOptions (settings: GossipsubSettings): Partial<GossipsubOpts> {
  const D = checkInteger('gossipsub.D', settings.D ?? DEFAULT_GOSSIPSUB_D, 1, 64)
  const heartbeatInterval = checkInteger('gossipsub.heartbeatMs', settings.heartbeatMs ?? DEFAULT_GOSSIPSUB_HEARTBEAT_MS, 10, 60_000)
  // gossipsub requires Dlo <= D <= Dhi, Dout < Dlo and Dout <= D / 2; for D = 6 these give the
  // library's own defaults (4, 12, 2, 4, 6)
  const Dlo = Math.max(1, Math.floor(D * 2 / 3))

  return {
    D,
    Dlo,
    Dhi: 2 * D,
    Dout: Math.min(Math.floor(D / 3), Dlo - 1),
    Dscore: Dlo,
    Dlazy: D,
    heartbeatInterval,
    // a node applies its own writes before publishing them; hearing them back would be noise
    emitSelf: false,
    // Noise and the cluster key already authenticate peers; replica messages carry their own index
    // and closed timestamp, so content ids (the default without signatures) never collide
    globalSignaturePolicy: 'StrictNoSign',
    // process one peer's messages in the order it sent them (replicas still track sequence numbers)
    awaitRpcHandler: true,
    awaitRpcMessageHandler: true,
    scoreParams: {
      IPColocationFactorWhitelist: new Set(settings.ipColocationWhitelist ?? ['127.0.0.1', '::1'])
    }
  }
}

function parseAddresses (option: string, addresses: unknown): Multiaddr[] {
  if (!Array.isArray(addresses)) {
    throw new InvalidOptionError(`${option} must be an array of multiaddr strings`)
  }

  return addresses.map((address: unknown) => {
    if (typeof address !== 'string') {
      throw new InvalidOptionError(`${option} must be an array of multiaddr strings`)
    }

    try {
      return multiaddr(address)
    } catch (err) {
      throw new InvalidOptionError(`Invalid ${option} multiaddr "${address}": ${err instanceof Error ? err.message : String(err)}`)
    }
  })
}

function requirePeerIds (bootstrap: Multiaddr[]): void {
  for (const address of bootstrap) {
    if (address.getComponents().find(c => c.name === 'p2p')?.value == null) {
      throw new InvalidOptionError(`Bootstrap multiaddr "${address.toString()}" must end with /p2p/<peer id>`)
    }
  }
}

function validateRecordPolicy (policy: DhtRecordPolicy | undefined): void {
  if (typeof policy?.validate !== 'function' || typeof policy.select !== 'function') {
    throw new InvalidOptionError('dhtRecords must give a validate and a select function for /hoard/ DHT records')
  }
}

function checkInteger (option: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(`${option} must be an integer from ${min} to ${max}, not ${String(value)}`)
  }

  return value
}
