/**
 * One long-lived outbound stream to one peer for one-way messages (consensus frames), with a
 * bounded queue in front of it. The stream is opened on the first message, re-opened with
 * exponential backoff after it fails, and written in batches: every frame queued in one turn of
 * the event loop goes out in one `send`.
 *
 * When the queue is full the OLDEST frames are dropped. Consensus tolerates loss, and a full queue
 * means the peer has been unreachable or slow for a while: what waits longest is the most stale
 * (an older term's vote, a heartbeat a later one supersedes, entries the leader resends from its
 * follower's match index anyway), while the newest frames carry the current term and commit index.
 */

import { setTimeout as sleep } from 'node:timers/promises'
import { lengthPrefixed, prefixedLength } from './framing.ts'
import type { Logger, Stream } from '@libp2p/interface'

export interface MessageLinkInit {
  /** The peer, for logs */
  peer: string
  /** Opens a new stream to the peer (dialling it if needed) */
  open(signal: AbortSignal): Promise<Stream>
  log: Logger
  /** Most frames queued while the stream is opening or draining (default 4,096) */
  maxQueueFrames?: number
  /** Most bytes queued (default 64 MiB) */
  maxQueueBytes?: number
  /** Limit on one attempt to open the stream (default 5 s) */
  openTimeoutMs?: number
  /** Wait after the first failed open; doubles with each failure (default 50 ms) */
  initialBackoffMs?: number
  /** Longest wait between two opens (default 2 s: a restarted peer is found again quickly) */
  maxBackoffMs?: number
}

export interface MessageLinkCounters {
  framesSent: number
  bytesSent: number
  /** Dropped because the queue was full, the stream failed under them, or the link closed */
  framesDropped: number
  streamsOpened: number
  openFailures: number
}

export const DEFAULT_MAX_QUEUE_FRAMES = 4_096
export const DEFAULT_MAX_QUEUE_BYTES = 64 * 1024 * 1024
const DEFAULT_OPEN_TIMEOUT_MS = 5_000
const DEFAULT_INITIAL_BACKOFF_MS = 50
const DEFAULT_MAX_BACKOFF_MS = 2_000
/** A stream that lived this long was healthy: the next open starts without waiting */
const HEALTHY_STREAM_MS = 1_000
/** Opens are retried at intervals spread by up to this fraction, so peers do not redial in lockstep */
const BACKOFF_JITTER = 0.2

export class MessageLink {
  readonly peer: string
  private readonly init: MessageLinkInit
  private readonly counters: MessageLinkCounters
  private readonly log: Logger
  private readonly maxQueueFrames: number
  private readonly maxQueueBytes: number
  private readonly openTimeoutMs: number
  private readonly initialBackoffMs: number
  private readonly maxBackoffMs: number
  private readonly closing = new AbortController()
  /** Frames waiting for the stream; `head` is the first live one (dropping from the front is O(1)) */
  private queue: Uint8Array[] = []
  private head = 0
  private queuedBytes = 0
  private stream?: Stream
  private opening = false
  private flushScheduled = false
  private backoffMs: number
  /** The last stream died young (or an open failed): wait `backoffMs` before the next open */
  private backoffDue = false
  private openedAtMs = 0
  private closed = false
  /** When the link last had something to send (monotonic ms): idle links are closed first */
  lastUsedMs = performance.now()

  constructor (init: MessageLinkInit, counters: MessageLinkCounters) {
    this.peer = init.peer
    this.init = init
    this.counters = counters
    this.log = init.log
    this.maxQueueFrames = init.maxQueueFrames ?? DEFAULT_MAX_QUEUE_FRAMES
    this.maxQueueBytes = init.maxQueueBytes ?? DEFAULT_MAX_QUEUE_BYTES
    this.openTimeoutMs = init.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS
    this.initialBackoffMs = init.initialBackoffMs ?? DEFAULT_INITIAL_BACKOFF_MS
    this.maxBackoffMs = init.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS
    this.backoffMs = this.initialBackoffMs
  }

  /** Frames queued and not yet handed to the stream */
  get queuedFrames (): number {
    return this.queue.length - this.head
  }

  /** Queue frames for the peer; they go out at the end of this turn of the event loop */
  enqueue (frames: readonly Uint8Array[]): void {
    if (this.closed) {
      this.counters.framesDropped += frames.length
      return
    }
    this.lastUsedMs = performance.now()
    for (const frame of frames) {
      this.queue.push(frame)
      this.queuedBytes += prefixedLength(frame)
    }
    let dropped = 0
    while (this.queuedFrames > this.maxQueueFrames || (this.queuedBytes > this.maxQueueBytes && this.queuedFrames > 1)) {
      this.queuedBytes -= prefixedLength(this.queue[this.head])
      this.head++
      dropped++
    }
    if (dropped > 0) {
      this.counters.framesDropped += dropped
      this.log.trace('queue to %s full: dropped the %d oldest frame(s)', this.peer, dropped)
      this.compact()
    }
    this.scheduleFlush()
  }

  /** Drop the queue and the stream; the link is not used again */
  close (): void {
    if (this.closed) {
      return
    }
    this.closed = true
    this.closing.abort()
    this.counters.framesDropped += this.queuedFrames
    this.queue = []
    this.head = 0
    this.queuedBytes = 0
    const stream = this.stream
    this.stream = undefined
    if (stream != null) {
      // let what was handed to the stream go out; a stream that will not close is reset
      stream.close({ signal: AbortSignal.timeout(1_000) }).catch((err: Error) => { stream.abort(err) })
    }
  }

  private scheduleFlush (): void {
    if (this.flushScheduled) {
      return
    }
    this.flushScheduled = true
    // every frame queued in this turn goes out in one send: a tick's messages to one peer (all of
    // its groups' appends and replies) cost one yamux frame and usually one TCP segment
    queueMicrotask(() => {
      this.flushScheduled = false
      this.flush()
    })
  }

  private flush (): void {
    if (this.closed || this.queuedFrames === 0) {
      return
    }
    const stream = this.stream
    if (stream == null) {
      if (!this.opening) {
        void this.openStream()
      }
      return
    }
    if (stream.writableNeedsDrain) {
      // the 'drain' listener flushes again; meanwhile the queue absorbs (and drops the oldest)
      return
    }
    const frames = this.queue.slice(this.head)
    const bytes = this.queuedBytes
    this.queue = []
    this.head = 0
    this.queuedBytes = 0
    try {
      stream.send(lengthPrefixed(frames))
      this.counters.framesSent += frames.length
      this.counters.bytesSent += bytes
    } catch (err) {
      // the stream closed under us: these frames are lost, later ones go on a new stream
      this.counters.framesDropped += frames.length
      this.log('stream to %s failed while sending - %e', this.peer, err)
      this.detach(stream)
    }
  }

  private async openStream (): Promise<void> {
    this.opening = true
    try {
      while (!this.closed && this.queuedFrames > 0) {
        if (this.backoffDue) {
          try {
            await sleep(this.backoffMs * (1 + BACKOFF_JITTER * (2 * Math.random() - 1)), undefined, { signal: this.closing.signal })
          } catch {
            return
          }
          this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs)
          if (this.closed || this.queuedFrames === 0) {
            return
          }
        }
        try {
          const stream = await this.init.open(AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.openTimeoutMs)]))
          if (this.closed) {
            stream.abort(new Error('link closed'))
            return
          }
          this.attach(stream)
          this.flush()
          return
        } catch (err) {
          if (this.closed) {
            return
          }
          this.counters.openFailures++
          this.backoffDue = true
          this.log('could not open a stream to %s, retrying in about %d ms - %e', this.peer, Math.round(this.backoffMs), err)
        }
      }
    } finally {
      this.opening = false
    }
  }

  private attach (stream: Stream): void {
    this.stream = stream
    this.openedAtMs = performance.now()
    this.backoffDue = false
    this.counters.streamsOpened++
    this.log('stream %s to %s open', stream.id, this.peer)
    stream.addEventListener('drain', () => { this.flush() })
    stream.addEventListener('close', (evt) => {
      if (evt.error != null) {
        this.log('stream %s to %s closed - %e', stream.id, this.peer, evt.error)
      }
      this.detach(stream)
    }, { once: true })
    // nothing is read on this stream: the peer answers on its own stream to us
    stream.addEventListener('message', () => {
      stream.abort(new Error('unexpected data on a one-way stream'))
    }, { once: true })
  }

  private detach (stream: Stream): void {
    if (this.stream !== stream) {
      return
    }
    this.stream = undefined
    if (stream.status === 'open') {
      stream.abort(new Error('stream failed'))
    }
    // a stream that dies young (the peer resets it, or its connection keeps failing) must not be
    // reopened in a tight loop
    if (performance.now() - this.openedAtMs >= HEALTHY_STREAM_MS) {
      this.backoffDue = false
      this.backoffMs = this.initialBackoffMs
    } else {
      this.backoffDue = true
    }
    if (!this.closed && this.queuedFrames > 0) {
      this.scheduleFlush()
    }
  }

  /** Reclaim the dropped prefix once it is most of the array */
  private compact (): void {
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head)
      this.head = 0
    }
  }
}
