/**
 * Asking running nodes for their status from outside the mesh (`hoard status`, tests, scripts): a
 * libp2p node that only dials (no listening address, no DHT, no gossip), with the cluster key when
 * the mesh has one, so it never becomes part of the mesh it asks.
 */

import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { preSharedKey } from '@libp2p/pnet'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { InvalidOptionError, PeerUnreachableError } from '../errors.ts'
import { toSwarmKey } from './cluster-key.ts'
import { DEFAULT_CONNECTION_MANAGER } from './libp2p.ts'
import { STATUS_PROTOCOL, readStatus } from './status.ts'
import type { StatusReport } from './status.ts'
import type { ComponentLogger, Libp2p } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

export interface StatusClientInit {
  /** The mesh's cluster key (32 bytes or a swarm key file's text), if it has one */
  clusterKey?: Uint8Array | string
  logger?: ComponentLogger
}

export interface FetchStatusOptions {
  signal?: AbortSignal
  /** Dial and answer together (default 10 s) */
  timeoutMs?: number
}

const DEFAULT_FETCH_TIMEOUT_MS = 10_000

/** A dial-only libp2p node that asks hoard nodes for their status */
export class StatusClient {
  private readonly libp2p: Libp2p

  private constructor (libp2p: Libp2p) {
    this.libp2p = libp2p
  }

  static async create (init: StatusClientInit = {}): Promise<StatusClient> {
    const psk = init.clusterKey == null ? undefined : toSwarmKey(init.clusterKey)
    const libp2p = await createLibp2p({
      addresses: { listen: [] },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      connectionProtector: psk == null ? undefined : preSharedKey({ psk }),
      connectionManager: { ...DEFAULT_CONNECTION_MANAGER },
      logger: init.logger
    })
    return new StatusClient(libp2p)
  }

  /**
   * The status of the node at `address` (a multiaddr ending in `/p2p/<peer id>`).
   *
   * @throws {InvalidOptionError} for an address without a peer id
   * @throws {PeerUnreachableError} when the node cannot be dialled or does not answer in time
   */
  async fetch (address: string | Multiaddr, options: FetchStatusOptions = {}): Promise<StatusReport> {
    const target = typeof address === 'string' ? parseAddress(address) : address
    if (target.getComponents().find(c => c.name === 'p2p') == null) {
      throw new InvalidOptionError(`${target.toString()} must end with /p2p/<peer id>`)
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS
    const signal = options.signal == null ? AbortSignal.timeout(timeoutMs) : AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)])
    const peer = target.getComponents().find(c => c.name === 'p2p')?.value
    let report: StatusReport
    try {
      const stream = await this.libp2p.dialProtocol(target, STATUS_PROTOCOL, { signal })
      report = await readStatus(stream, { signal })
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      const hint = err instanceof Error && err.name === 'EncryptionFailedError' ? '; does the mesh use a cluster key (--cluster-key)?' : ''
      const reason = signal.aborted && options.signal?.aborted !== true ? `no answer within ${timeoutMs} ms` : message
      throw new PeerUnreachableError(target.toString(), `Cannot get the status of ${target.toString()}: ${reason}${hint}`, { cause: err })
    }
    if (report.peerId !== peer) {
      // Noise proved who answered; a status naming another node is a broken answer
      throw new PeerUnreachableError(target.toString(), `Cannot get the status of ${target.toString()}: it answered with the status of "${report.peerId}"`)
    }
    return report
  }

  async stop (): Promise<void> {
    await this.libp2p.stop()
  }
}

function parseAddress (address: string): Multiaddr {
  try {
    return multiaddr(address)
  } catch (err) {
    throw new InvalidOptionError(`Invalid multiaddr "${address}": ${err instanceof Error ? err.message : String(err)}`)
  }
}
