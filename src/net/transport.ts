/**
 * The node's `NodeTransport` over libp2p: a libp2p service that carries consensus messages on
 * `/hoard/group/1.0.0` and requests on `/hoard/rpc/1.0.0`, and hands what arrives to the
 * `NodeEndpoint` attached after construction (the node core is built after its libp2p node).
 *
 * Consensus messages go over one long-lived outbound stream per peer (`MessageLink`), batched per
 * event-loop turn, behind a bounded queue that drops the oldest frames when full. The peer sends
 * its own messages on its own stream, so each stream is one-way. Requests are multiplexed over one
 * long-lived stream per peer (`RpcLink`) with request ids. Every frame is length-prefixed protobuf
 * with a size limit; a frame that does not decode or breaks a limit is dropped, counted, and its
 * stream reset. Nothing a peer sends can throw out of a handler or reach the endpoint unchecked.
 *
 * A node is addressed by its peer id. A peer with no known address is dialled through the peer
 * store and the DHT; if that fails, the addresses the metadata records for the node are added to
 * the peer store and the dial is tried again.
 */

import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { AbortError, InvalidFrameError, NotStartedError, PeerUnreachableError, RequestFailedError, RequestTimeoutError } from '../errors.ts'
import { DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES } from '../store/limits.ts'
import { frameDecoder, lengthPrefixed } from './framing.ts'
import { DEFAULT_MAX_GROUP_FRAME_BYTES, DEFAULT_SPLIT_APPEND_BYTES, decodeGroupFrame, encodeGroupMessage } from './group-codec.ts'
import { MessageLink } from './message-link.ts'
import { DEFAULT_MAX_RPC_FRAME_BYTES, decodeRpcFrame, encodeResponseFrame } from './rpc-codec.ts'
import { RpcLink } from './rpc-link.ts'
import type { GroupCodecLimits } from './group-codec.ts'
import type { MessageLinkCounters } from './message-link.ts'
import type { RpcCodecLimits, RpcOutcome } from './rpc-codec.ts'
import type { RpcLinkCounters } from './rpc-link.ts'
import type { GroupMessage, NodeEndpoint, NodeRequest, NodeResponse, NodeTransport } from '../groups/transport.ts'
import type { AbortOptions, ComponentLogger, Connection, Logger, PeerId, PeerStore, Startable, Stream, StreamHandler, StreamHandlerOptions } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

/** One-way consensus messages */
export const GROUP_PROTOCOL = '/hoard/group/1.0.0'
/** Requests and their responses */
export const RPC_PROTOCOL = '/hoard/rpc/1.0.0'

export interface HoardTransportInit {
  /** Hard limit on one consensus frame, sent or received (default 16 MiB) */
  maxGroupFrameBytes?: number
  /** Appends above this are sent as several frames (default 1 MiB) */
  splitAppendBytes?: number
  /** Limit on one request or response frame (default 4 MiB) */
  maxRpcFrameBytes?: number
  /** Longest key a request may name (default 1,024; the node's `limits.maxKeyBytes`) */
  maxKeyBytes?: number
  /** Largest value a response may carry (default 1 MiB; the node's `limits.maxValueBytes`) */
  maxValueBytes?: number
  /** Most consensus frames queued per peer (default 4,096); the oldest are dropped beyond */
  maxQueueFrames?: number
  /** Most consensus bytes queued per peer (default 64 MiB) */
  maxQueueBytes?: number
  /** Most peers with an open link; the least recently used idle link is closed beyond (default 1,024) */
  maxLinks?: number
  /**
   * Most requests one peer's stream may have in handling at once; more are told to retry (default
   * 64). This node's own requests to a peer keep to the same number in flight, the rest wait their
   * turn, so the mesh's nodes should share it.
   */
  maxInFlightRequests?: number
  /** A request handler that takes longer is answered with an error (default 30 s) */
  handleTimeoutMs?: number
  /** Limit on one stream open, dial included (default 5 s) */
  openTimeoutMs?: number
}

/** What the transport needs from the libp2p node; its components provide it */
export interface HoardTransportComponents {
  peerId: PeerId
  logger: ComponentLogger
  registrar: {
    handle(protocol: string, handler: StreamHandler, options?: StreamHandlerOptions): Promise<void>
    unhandle(protocol: string, options?: AbortOptions): Promise<void>
  }
  connectionManager: {
    openStream(peer: PeerId, protocol: string, options?: AbortOptions): Promise<Stream>
  }
  peerStore: Pick<PeerStore, 'merge'>
}

export interface AttachOptions {
  /** Addresses the node's records give for another node: tried when a dial by peer id fails */
  addrsOf?(node: string): readonly string[]
}

export interface TransportStats extends MessageLinkCounters, RpcLinkCounters {
  framesReceived: number
  /** Frames that arrived before an endpoint was attached, or after it was detached */
  framesUndelivered: number
  /** Messages that could not be encoded (too large, or a field out of range) */
  encodeErrors: number
  /** Exceptions the endpoint threw while receiving: a bug on this node, never the peer's */
  deliveryErrors: number
  requestsReceived: number
  /** Requests answered with "retry" because too many were in handling */
  requestsRefused: number
  messageLinks: number
  rpcLinks: number
}

const DEFAULT_MAX_LINKS = 1_024
const DEFAULT_MAX_IN_FLIGHT_REQUESTS = 64
const DEFAULT_HANDLE_TIMEOUT_MS = 30_000
/** A peer needs one stream per protocol; a few more cover a new one opening while an old one closes */
const MAX_STREAMS_PER_CONNECTION = 8

export class HoardTransport implements NodeTransport, Startable {
  private readonly components: HoardTransportComponents
  private readonly log: Logger
  private readonly self: string
  private readonly limits: GroupCodecLimits
  private readonly rpcLimits: RpcCodecLimits
  private readonly maxQueueFrames?: number
  private readonly maxQueueBytes?: number
  private readonly maxLinks: number
  private readonly maxInFlightRequests: number
  private readonly handleTimeoutMs: number
  private readonly openTimeoutMs?: number
  private readonly messageLinks = new Map<string, MessageLink>()
  private readonly rpcLinks = new Map<string, RpcLink>()
  private readonly inbound = new Set<Stream>()
  private readonly counters: Omit<TransportStats, 'messageLinks' | 'rpcLinks'> = {
    framesSent: 0,
    bytesSent: 0,
    framesDropped: 0,
    streamsOpened: 0,
    openFailures: 0,
    requestsSent: 0,
    requestsFailed: 0,
    responsesUnmatched: 0,
    badFrames: 0,
    framesReceived: 0,
    framesUndelivered: 0,
    encodeErrors: 0,
    deliveryErrors: 0,
    requestsReceived: 0,
    requestsRefused: 0
  }

  private endpoint?: NodeEndpoint
  private addrsOf?: (node: string) => readonly string[]
  private running = false

  constructor (components: HoardTransportComponents, init: HoardTransportInit = {}) {
    this.components = components
    this.log = components.logger.forComponent('hoard:net:transport')
    this.self = components.peerId.toString()
    this.limits = {
      maxFrameBytes: init.maxGroupFrameBytes ?? DEFAULT_MAX_GROUP_FRAME_BYTES,
      splitAppendBytes: init.splitAppendBytes ?? DEFAULT_SPLIT_APPEND_BYTES
    }
    this.rpcLimits = {
      maxFrameBytes: init.maxRpcFrameBytes ?? DEFAULT_MAX_RPC_FRAME_BYTES,
      maxKeyChars: init.maxKeyBytes ?? DEFAULT_MAX_KEY_BYTES,
      maxValueBytes: init.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES
    }
    this.maxQueueFrames = init.maxQueueFrames
    this.maxQueueBytes = init.maxQueueBytes
    this.maxLinks = init.maxLinks ?? DEFAULT_MAX_LINKS
    this.maxInFlightRequests = init.maxInFlightRequests ?? DEFAULT_MAX_IN_FLIGHT_REQUESTS
    this.handleTimeoutMs = init.handleTimeoutMs ?? DEFAULT_HANDLE_TIMEOUT_MS
    this.openTimeoutMs = init.openTimeoutMs
  }

  readonly [Symbol.toStringTag] = 'hoard:transport'

  async start (): Promise<void> {
    const options = { maxInboundStreams: MAX_STREAMS_PER_CONNECTION, maxOutboundStreams: MAX_STREAMS_PER_CONNECTION }
    await this.components.registrar.handle(GROUP_PROTOCOL, (stream, connection) => { this.onGroupStream(stream, connection) }, options)
    await this.components.registrar.handle(RPC_PROTOCOL, (stream, connection) => { this.onRpcStream(stream, connection) }, options)
    this.running = true
  }

  async stop (): Promise<void> {
    this.running = false
    await this.components.registrar.unhandle(GROUP_PROTOCOL)
    await this.components.registrar.unhandle(RPC_PROTOCOL)
    for (const link of this.messageLinks.values()) {
      link.close()
    }
    for (const link of this.rpcLinks.values()) {
      link.close(new NotStartedError('The node is stopping'))
    }
    this.messageLinks.clear()
    this.rpcLinks.clear()
    for (const stream of this.inbound) {
      stream.abort(new NotStartedError('The node is stopping'))
    }
    this.inbound.clear()
  }

  /** Deliver incoming messages and requests to `endpoint` from now on */
  attach (endpoint: NodeEndpoint, options: AttachOptions = {}): void {
    this.endpoint = endpoint
    this.addrsOf = options.addrsOf
  }

  /** Stop delivering: incoming messages are dropped, requests are told to retry */
  detach (): void {
    this.endpoint = undefined
    this.addrsOf = undefined
  }

  stats (): TransportStats {
    return { ...this.counters, messageLinks: this.messageLinks.size, rpcLinks: this.rpcLinks.size }
  }

  // ---- NodeTransport ----

  send (toNode: string, message: GroupMessage): void {
    if (!this.running) {
      this.counters.framesDropped++
      return
    }
    let frames: Uint8Array[]
    try {
      frames = encodeGroupMessage(message, this.limits)
    } catch (err) {
      // a message the peer would refuse is a bug here: say so loudly, send nothing
      this.counters.encodeErrors++
      this.log.error('cannot send a %s of group %s to %s - %e', message.type, message.group, toNode, err)
      return
    }
    if (toNode === this.self) {
      // a group may still list an earlier incarnation of this node: no stream to oneself
      queueMicrotask(() => { this.deliverLocal(message) })
      return
    }
    const link = this.messageLink(toNode)
    if (link == null) {
      this.counters.framesDropped += frames.length
      return
    }
    link.enqueue(frames)
  }

  async request (toNode: string, request: NodeRequest, options: { signal?: AbortSignal, timeoutMs: number }): Promise<NodeResponse> {
    if (!this.running) {
      throw new NotStartedError('The transport is not running')
    }
    if (toNode === this.self) {
      return this.requestLocal(request, options)
    }
    const link = this.rpcLink(toNode)
    if (link == null) {
      throw new PeerUnreachableError(toNode, `"${toNode}" is not a peer id`)
    }
    return link.request(request, options)
  }

  // ---- outbound ----

  private messageLink (node: string): MessageLink | undefined {
    let link = this.messageLinks.get(node)
    if (link == null) {
      const peer = parsePeerId(node)
      if (peer == null) {
        return undefined
      }
      this.makeRoom(this.messageLinks)
      link = new MessageLink({
        peer: node,
        open: async (signal) => this.openStream(peer, GROUP_PROTOCOL, signal),
        log: this.log,
        maxQueueFrames: this.maxQueueFrames,
        maxQueueBytes: this.maxQueueBytes,
        openTimeoutMs: this.openTimeoutMs
      }, this.counters)
      this.messageLinks.set(node, link)
    }
    return link
  }

  private rpcLink (node: string): RpcLink | undefined {
    let link = this.rpcLinks.get(node)
    if (link == null) {
      const peer = parsePeerId(node)
      if (peer == null) {
        return undefined
      }
      this.makeRoom(this.rpcLinks)
      link = new RpcLink({
        peer: node,
        open: async (signal) => this.openStream(peer, RPC_PROTOCOL, signal),
        log: this.log,
        limits: this.rpcLimits,
        // the mesh's nodes share their configuration: a peer's cap is taken to be ours
        maxInFlight: this.maxInFlightRequests,
        openTimeoutMs: this.openTimeoutMs
      }, this.counters)
      this.rpcLinks.set(node, link)
    }
    return link
  }

  /** Keep at most `maxLinks` links: close the least recently used one with nothing in flight */
  private makeRoom (links: Map<string, MessageLink> | Map<string, RpcLink>): void {
    if (links.size < this.maxLinks) {
      return
    }
    let oldest: MessageLink | RpcLink | undefined
    for (const link of links.values()) {
      const busy = link instanceof MessageLink ? link.queuedFrames > 0 : link.pendingRequests > 0
      if (!busy && (oldest == null || link.lastUsedMs < oldest.lastUsedMs)) {
        oldest = link
      }
    }
    oldest ??= links.values().next().value
    if (oldest == null) {
      return
    }
    links.delete(oldest.peer)
    if (oldest instanceof MessageLink) {
      oldest.close()
    } else {
      oldest.close(new PeerUnreachableError(oldest.peer, 'Too many peers: the link was closed'))
    }
  }

  /**
   * Opens a stream to `peer`: through the peer store (and the DHT) first, then, if that fails,
   * again after adding the addresses the metadata records for the node
   */
  private async openStream (peer: PeerId, protocol: string, signal: AbortSignal): Promise<Stream> {
    try {
      return await this.components.connectionManager.openStream(peer, protocol, { signal })
    } catch (err) {
      const addrs = this.recordedAddrs(peer)
      if (signal.aborted || addrs.length === 0) {
        throw err
      }
      this.log('dialling %p by peer id failed, trying the %d address(es) the metadata records - %e', peer, addrs.length, err)
      await this.components.peerStore.merge(peer, { multiaddrs: addrs })
      return this.components.connectionManager.openStream(peer, protocol, { signal })
    }
  }

  private recordedAddrs (peer: PeerId): Multiaddr[] {
    const addrs: Multiaddr[] = []
    for (const text of this.addrsOf?.(peer.toString()) ?? []) {
      try {
        // the peer store keys addresses by peer: store them without the /p2p suffix
        addrs.push(multiaddr(text).decapsulateCode(421))
      } catch {
        // an address this node cannot parse is no use to it
      }
    }
    return addrs
  }

  // ---- inbound ----

  private onGroupStream (stream: Stream, connection: Connection): void {
    const remote = connection.remotePeer.toString()
    const decoder = frameDecoder(this.limits.maxFrameBytes)
    this.track(stream)
    stream.addEventListener('message', (evt) => {
      try {
        for (const bytes of decoder.decode(evt.data)) {
          const message = decodeGroupFrame(bytes, { localNode: this.self, remoteNode: remote })
          this.counters.framesReceived++
          this.deliver(remote, message)
        }
      } catch (err) {
        this.reject(stream, remote, err)
      }
    })
    stream.addEventListener('remoteCloseWrite', () => { closeQuietly(stream) })
  }

  private onRpcStream (stream: Stream, connection: Connection): void {
    const remote = connection.remotePeer.toString()
    const decoder = frameDecoder(this.rpcLimits.maxFrameBytes)
    const state = { inFlight: 0, remoteDone: false }
    this.track(stream)
    const finished = (id: number, outcome: RpcOutcome): void => {
      this.respond(stream, id, outcome)
      state.inFlight--
      if (state.remoteDone && state.inFlight === 0) {
        closeQuietly(stream)
      }
    }
    stream.addEventListener('message', (evt) => {
      try {
        for (const bytes of decoder.decode(evt.data)) {
          const frame = decodeRpcFrame(bytes, this.rpcLimits)
          if (frame.kind === 'response') {
            throw new InvalidFrameError('A response arrived on a stream that carries requests')
          }
          this.counters.requestsReceived++
          if (frame.kind === 'unsupported') {
            this.respond(stream, frame.id, { ok: false, reason: 'unsupported request kind' })
          } else if (state.inFlight >= this.maxInFlightRequests) {
            this.counters.requestsRefused++
            this.respond(stream, frame.id, { ok: true, response: { status: 'retry', reason: 'busy' } })
          } else {
            const id = frame.id
            state.inFlight++
            void this.serve(remote, id, frame.request).then(outcome => { finished(id, outcome) })
          }
        }
      } catch (err) {
        this.reject(stream, remote, err)
      }
    })
    stream.addEventListener('remoteCloseWrite', () => {
      // the requester is done: answer what it asked, then close
      state.remoteDone = true
      if (state.inFlight === 0) {
        closeQuietly(stream)
      }
    })
  }

  /** Never rejects: a failed or slow handler becomes an error response */
  private async serve (remote: string, id: number, request: NodeRequest): Promise<RpcOutcome> {
    const endpoint = this.endpoint
    if (endpoint == null || !this.running) {
      return { ok: true, response: { status: 'retry', reason: 'node not ready' } }
    }
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      const response = await Promise.race([
        endpoint.handle(remote, request),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => { reject(new RequestTimeoutError(`Handling took longer than ${this.handleTimeoutMs} ms`)) }, this.handleTimeoutMs)
        })
      ])
      return { ok: true, response }
    } catch (err) {
      this.log('a %s request %d from %s failed - %e', request.type, id, remote, err)
      return { ok: false, reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }
    } finally {
      clearTimeout(timer)
    }
  }

  private respond (stream: Stream, id: number, outcome: RpcOutcome): void {
    if (stream.writeStatus !== 'writable') {
      return
    }
    let frame: Uint8Array
    try {
      frame = encodeResponseFrame(id, outcome, this.rpcLimits)
    } catch (err) {
      this.log.error('cannot encode the response to request %d - %e', id, err)
      frame = encodeResponseFrame(id, { ok: false, reason: `the response could not be encoded: ${(err as Error).message}` }, this.rpcLimits)
    }
    try {
      stream.send(lengthPrefixed([frame]))
    } catch (err) {
      this.log('could not answer request %d - %e', id, err)
    }
  }

  private deliver (remote: string, message: GroupMessage): void {
    const endpoint = this.endpoint
    if (endpoint == null) {
      this.counters.framesUndelivered++
      return
    }
    try {
      endpoint.receive(remote, message)
    } catch (err) {
      this.counters.deliveryErrors++
      this.log.error('receiving a %s of group %s from %s threw - %e', message.type, message.group, remote, err)
    }
  }

  private deliverLocal (message: GroupMessage): void {
    if (this.running) {
      this.deliver(this.self, message)
    }
  }

  /** A request to this node itself goes straight to the endpoint (bounded by the handler timeout) */
  private async requestLocal (request: NodeRequest, options: { signal?: AbortSignal }): Promise<NodeResponse> {
    if (options.signal?.aborted === true) {
      throw new AbortError()
    }
    const outcome = await this.serve(this.self, 0, request)
    if (!outcome.ok) {
      throw new RequestFailedError(`This node could not handle a ${request.type} request: ${outcome.reason}`)
    }
    return outcome.response
  }

  /** A bad frame: drop it, count it, reset the stream it came on */
  private reject (stream: Stream, remote: string, err: unknown): void {
    this.counters.badFrames++
    this.log('bad frame from %s on %s, resetting the stream - %e', remote, stream.protocol, err)
    stream.abort(err instanceof InvalidFrameError ? err : new InvalidFrameError(err instanceof Error ? err.message : String(err), { cause: err }))
  }

  private track (stream: Stream): void {
    this.inbound.add(stream)
    stream.addEventListener('close', () => { this.inbound.delete(stream) }, { once: true })
  }
}

function parsePeerId (node: string): PeerId | undefined {
  try {
    return peerIdFromString(node)
  } catch {
    return undefined
  }
}

function closeQuietly (stream: Stream): void {
  stream.close({ signal: AbortSignal.timeout(1_000) }).catch((err: Error) => { stream.abort(err) })
}

/** A libp2p service factory: `createHoardLibp2p({ services: { transport: hoardTransport() } })` */
export function hoardTransport (init: HoardTransportInit = {}): (components: HoardTransportComponents) => HoardTransport {
  return (components) => new HoardTransport(components, init)
}
