/**
 * Requests to one peer, multiplexed over one long-lived outbound stream: each request carries an
 * id, the peer answers on the same stream with that id, in whatever order its handlers finish.
 * Measured on loopback (scripts/net-bench.ts), a request on an open stream costs one round trip,
 * while a stream per request adds a stream open and a protocol negotiation to every request.
 */

import { AbortError, InvalidFrameError, PeerUnreachableError, RequestFailedError, RequestTimeoutError } from '../errors.ts'
import { frameDecoder, lengthPrefixed } from './framing.ts'
import { decodeRpcFrame, encodeRequestFrame } from './rpc-codec.ts'
import type { RpcCodecLimits, RpcOutcome } from './rpc-codec.ts'
import type { NodeRequest, NodeResponse } from '../groups/transport.ts'
import type { Logger, Stream } from '@libp2p/interface'

export interface RpcLinkInit {
  /** The peer, for logs and errors */
  peer: string
  /** Opens a new stream to the peer (dialling it if needed) */
  open(signal: AbortSignal): Promise<Stream>
  log: Logger
  limits: RpcCodecLimits
  /** Most requests waiting for a response at once, sent or not (default 1,024) */
  maxPending?: number
  /**
   * Most requests sent and not yet answered; more wait here, in order, until one is answered
   * (default 64: the number a peer handles at once per stream, answering `retry` beyond it)
   */
  maxInFlight?: number
  /** Limit on one attempt to open the stream (default 5 s) */
  openTimeoutMs?: number
}

export interface RpcLinkCounters {
  requestsSent: number
  requestsFailed: number
  /** Responses whose request had already timed out or been aborted */
  responsesUnmatched: number
  badFrames: number
  streamsOpened: number
  openFailures: number
}

export interface RequestOptions {
  signal?: AbortSignal
  timeoutMs: number
}

interface Pending {
  settle(outcome: RpcOutcome | Error): void
  /** Sent on the stream (counts against `maxInFlight`) */
  sent: boolean
}

export const DEFAULT_MAX_PENDING = 1_024
/** The same as the handler side's default cap per stream (HoardTransportInit.maxInFlightRequests) */
export const DEFAULT_MAX_IN_FLIGHT = 64
const DEFAULT_OPEN_TIMEOUT_MS = 5_000

export class RpcLink {
  readonly peer: string
  private readonly init: RpcLinkInit
  private readonly counters: RpcLinkCounters
  private readonly log: Logger
  private readonly maxPending: number
  private readonly maxInFlight: number
  private readonly openTimeoutMs: number
  private readonly closing = new AbortController()
  private readonly pending = new Map<number, Pending>()
  /** Requests not sent yet because `maxInFlight` are: sent first in, first out */
  private readonly waiting: Array<{ id: number, frame: Uint8Array }> = []
  private inFlight = 0
  private stream?: Stream
  private opening?: Promise<Stream>
  private nextId = 1
  private closed = false
  /** When the link was last asked to send (monotonic ms): idle links are closed first */
  lastUsedMs = performance.now()

  constructor (init: RpcLinkInit, counters: RpcLinkCounters) {
    this.peer = init.peer
    this.init = init
    this.counters = counters
    this.log = init.log
    this.maxPending = init.maxPending ?? DEFAULT_MAX_PENDING
    this.maxInFlight = init.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT
    this.openTimeoutMs = init.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS
  }

  get pendingRequests (): number {
    return this.pending.size
  }

  /**
   * Sends `request` and resolves with the response. Rejects with `RequestTimeoutError` after
   * `timeoutMs` (dialling included), `AbortError` when `signal` fires, `PeerUnreachableError` when
   * no stream can be opened, and `RequestFailedError` when the stream fails first, too many
   * requests are waiting, or the peer answers with an error. A request that timed out may still
   * have been handled: requests must be safe to repeat.
   */
  async request (request: NodeRequest, options: RequestOptions): Promise<NodeResponse> {
    this.lastUsedMs = performance.now()
    const { signal, timeoutMs } = options
    if (signal?.aborted === true) {
      throw new AbortError()
    }
    if (this.closed) {
      throw new RequestFailedError(`The link to ${this.peer} is closed`)
    }
    if (this.pending.size >= this.maxPending) {
      this.counters.requestsFailed++
      throw new RequestFailedError(`${this.pending.size} requests to ${this.peer} are already waiting`)
    }
    const id = this.nextId++
    // throws FrameTooLargeError or InvalidFrameError: the request itself is bad
    const frame = encodeRequestFrame(id, request, this.init.limits)
    this.counters.requestsSent++

    const result = Promise.withResolvers<NodeResponse>()
    const timer = setTimeout(() => { settle(new RequestTimeoutError(`No response from ${this.peer} to a ${request.type} request within ${timeoutMs} ms`)) }, timeoutMs)
    const onAbort = (): void => { settle(new AbortError()) }
    const settle = (outcome: RpcOutcome | Error): void => {
      const entry = this.pending.get(id)
      if (entry == null) {
        return
      }
      this.pending.delete(id)
      if (entry.sent) {
        this.inFlight--
        this.sendWaiting()
      }
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      if (outcome instanceof Error) {
        this.counters.requestsFailed++
        result.reject(outcome)
      } else if (outcome.ok) {
        result.resolve(outcome.response)
      } else {
        this.counters.requestsFailed++
        result.reject(new RequestFailedError(`${this.peer} could not handle a ${request.type} request: ${outcome.reason}`))
      }
    }
    this.pending.set(id, { settle, sent: false })
    signal?.addEventListener('abort', onAbort, { once: true })
    if (this.inFlight < this.maxInFlight && this.waiting.length === 0) {
      this.send(id, frame)
    } else {
      // the peer would answer `retry` (busy) beyond its cap, failing a task's whole attempt for
      // a request that only had to wait its turn
      this.waiting.push({ id, frame })
    }
    return result.promise
  }

  /** Requests waiting for their turn (not sent yet) */
  get waitingRequests (): number {
    return this.waiting.length
  }

  private sendWaiting (): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const next = this.waiting.shift()
      // one that timed out or was aborted while it waited is gone from `pending`
      if (next != null && this.pending.has(next.id)) {
        this.send(next.id, next.frame)
      }
    }
  }

  private send (id: number, frame: Uint8Array): void {
    const entry = this.pending.get(id)
    if (entry == null) {
      return
    }
    entry.sent = true
    this.inFlight++
    void this.ensureStream().then(
      (stream) => {
        if (!this.pending.has(id)) {
          return
        }
        try {
          stream.send(lengthPrefixed([frame]))
        } catch (err) {
          entry.settle(new RequestFailedError(`Could not send a request to ${this.peer}: ${(err as Error).message}`, { cause: err }))
        }
      },
      (err: Error) => {
        entry.settle(err instanceof PeerUnreachableError ? err : new PeerUnreachableError(this.peer, `Cannot open a stream to ${this.peer}: ${err.message}`, { cause: err }))
      }
    )
  }

  /** Fail every waiting request and drop the stream; the link is not used again */
  close (reason: Error): void {
    if (this.closed) {
      return
    }
    this.closed = true
    this.closing.abort()
    this.failPending(reason)
    const stream = this.stream
    this.stream = undefined
    stream?.close({ signal: AbortSignal.timeout(1_000) }).catch((err: Error) => { stream.abort(err) })
  }

  /** One open shared by every request that arrives while it is under way */
  private async ensureStream (): Promise<Stream> {
    const stream = this.stream
    if (stream != null && stream.writeStatus === 'writable') {
      return stream
    }
    if (this.opening == null) {
      this.opening = this.openStream().finally(() => { this.opening = undefined })
    }
    return this.opening
  }

  private async openStream (): Promise<Stream> {
    let stream: Stream
    try {
      stream = await this.init.open(AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.openTimeoutMs)]))
    } catch (err) {
      this.counters.openFailures++
      throw err
    }
    if (this.closed) {
      stream.abort(new Error('link closed'))
      throw new RequestFailedError(`The link to ${this.peer} is closed`)
    }
    this.attach(stream)
    return stream
  }

  private attach (stream: Stream): void {
    this.stream = stream
    this.counters.streamsOpened++
    this.log('request stream %s to %s open', stream.id, this.peer)
    const decoder = frameDecoder(this.init.limits.maxFrameBytes)
    stream.addEventListener('message', (evt) => {
      try {
        for (const bytes of decoder.decode(evt.data)) {
          const frame = decodeRpcFrame(bytes, this.init.limits)
          if (frame.kind !== 'response') {
            throw new InvalidFrameError('A request arrived on a stream that carries responses')
          }
          const pending = this.pending.get(frame.id)
          if (pending == null) {
            this.counters.responsesUnmatched++
            continue
          }
          pending.settle(frame.outcome)
        }
      } catch (err) {
        this.counters.badFrames++
        this.log('bad response frame from %s, resetting the stream - %e', this.peer, err)
        stream.abort(err instanceof InvalidFrameError ? err : new InvalidFrameError((err as Error).message, { cause: err }))
      }
    })
    stream.addEventListener('close', (evt) => {
      this.drop(stream, `The stream to ${this.peer} closed before the response${evt.error == null ? '' : `: ${evt.error.message}`}`)
    }, { once: true })
    stream.addEventListener('remoteCloseWrite', () => {
      // the peer will send nothing more on it: no response is coming, and it cannot carry requests
      this.drop(stream, `${this.peer} closed the stream before the response`)
      stream.close({ signal: AbortSignal.timeout(1_000) }).catch((err: Error) => { stream.abort(err) })
    }, { once: true })
  }

  /** The stream is unusable: forget it and fail what waits for a response on it */
  private drop (stream: Stream, reason: string): void {
    if (this.stream !== stream) {
      return
    }
    this.stream = undefined
    this.failPending(new RequestFailedError(reason))
  }

  private failPending (reason: Error): void {
    // emptied first, so that no failure below sends a waiting request on its way out
    this.waiting.length = 0
    for (const pending of [...this.pending.values()]) {
      pending.settle(reason)
    }
  }
}
