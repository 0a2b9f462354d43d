/**
 * Joins the mesh through a list of known peers. Each bootstrap address is dialled when the node
 * starts and redialled with exponential backoff until it answers once: in a whole-cluster restart
 * the processes come up in any order, so a peer that is down now may be the first one up later.
 * Once connected, the DHT's self-query finds the rest of the mesh through it.
 */

import { setTimeout as sleep } from 'node:timers/promises'
import { BootstrapError } from '../errors.ts'
import type { AbortOptions, ComponentLogger, Connection, Libp2p, Logger, PeerId, Startable } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

/** How long `joined()` waits for a first bootstrap peer before it rejects */
export const DEFAULT_BOOTSTRAP_TIMEOUT_MS = 15_000
const DEFAULT_DIAL_TIMEOUT_MS = 5_000
const DEFAULT_INITIAL_BACKOFF_MS = 250
/** Caps the retry interval: a long-dead bootstrap peer costs one failed dial per this period */
const DEFAULT_MAX_BACKOFF_MS = 30_000
const BACKOFF_FACTOR = 2
/** Retries are spread by up to this fraction so that restarted nodes do not redial in lockstep */
const BACKOFF_JITTER = 0.2

export interface BootstrapInit {
  /** Addresses of peers to join through; each includes `/p2p/<peer id>` */
  peers: Multiaddr[]
  /**
   * How long `joined()` waits, when its caller sets no limit, before it rejects with a
   * `BootstrapError`; the dialer also logs an error then (default 15 s)
   */
  timeoutMs?: number
  /** Limit on one dial attempt (default 5 s) */
  dialTimeoutMs?: number
  /** Wait after the first failed dial; doubles with each failure (default 250 ms) */
  initialBackoffMs?: number
  /** Longest wait between two dials of one address (default 30 s) */
  maxBackoffMs?: number
}

/** What the dialer needs from the node; libp2p's components provide it */
export interface BootstrapComponents {
  peerId: PeerId
  logger: ComponentLogger
  connectionManager: {
    openConnection(peer: Multiaddr, options?: AbortOptions): Promise<Connection>
  }
}

export interface JoinedOptions extends AbortOptions {
  /** Give up waiting after this long (default: the dialer's `timeoutMs`, no limit if a signal is given) */
  timeoutMs?: number
}

export interface BootstrapStatus {
  /** Bootstrap addresses that answered at least once */
  reached: string[]
  /** Bootstrap addresses that have not answered yet, with the last dial error */
  unreachable: Array<{ address: string, error?: string }>
}

interface BootstrapTarget {
  address: Multiaddr
  reached: boolean
  lastError?: string
}

export class BootstrapDialer implements Startable {
  private readonly components: BootstrapComponents
  private readonly log: Logger
  private readonly targets: BootstrapTarget[]
  private readonly timeoutMs: number
  private readonly dialTimeoutMs: number
  private readonly initialBackoffMs: number
  private readonly maxBackoffMs: number
  /** Resolves when the first bootstrap peer answers; rejects only if the node stops first */
  private reached: PromiseWithResolvers<void>
  private hasReached = false
  private running?: AbortController
  private deadline?: ReturnType<typeof setTimeout>

  constructor (components: BootstrapComponents, init: BootstrapInit) {
    this.components = components
    this.log = components.logger.forComponent('hoard:net:bootstrap')
    const self = components.peerId.toString()
    // a mesh started with one shared bootstrap list names every node, this one included
    this.targets = init.peers
      .filter(address => address.getComponents().find(c => c.name === 'p2p')?.value !== self)
      .map(address => ({ address, reached: false }))
    this.timeoutMs = init.timeoutMs ?? DEFAULT_BOOTSTRAP_TIMEOUT_MS
    this.dialTimeoutMs = init.dialTimeoutMs ?? DEFAULT_DIAL_TIMEOUT_MS
    this.initialBackoffMs = init.initialBackoffMs ?? DEFAULT_INITIAL_BACKOFF_MS
    this.maxBackoffMs = init.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS
    this.reached = newDeferred()
  }

  readonly [Symbol.toStringTag] = 'hoard:bootstrap'

  start (): void {
    if (this.hasReached) {
      // restarted: the mesh has to be joined again
      this.reached = newDeferred()
      this.hasReached = false
    }

    for (const target of this.targets) {
      target.reached = false
      target.lastError = undefined
    }
  }

  /** Dials only once every component runs: the connection manager refuses dials before that */
  afterStart (): void {
    if (this.targets.length === 0) {
      this.onReached()
      return
    }

    const running = new AbortController()
    this.running = running
    this.deadline = setTimeout(() => {
      this.log.error('%s; still retrying', this.unreachableError(`within ${this.timeoutMs} ms`).message)
    }, this.timeoutMs)

    for (const target of this.targets) {
      void this.dialUntilReached(target, running.signal)
    }
  }

  stop (): void {
    this.running?.abort()
    this.running = undefined
    clearTimeout(this.deadline)

    if (!this.hasReached) {
      this.reached.reject(this.unreachableError('before the node stopped'))
      this.reached = newDeferred()
    }
  }

  /**
   * Settles when the node has joined: at once when there is nobody to join through, otherwise when
   * the first bootstrap peer answers. Rejects with a `BootstrapError` naming the unreachable
   * addresses if none answers within `options.timeoutMs` (default: the dialer's `timeoutMs`, or no
   * limit when a `signal` is given), before `options.signal` aborts, or before the node stops. The
   * dialer keeps retrying in the background after a rejection.
   */
  async joined (options: JoinedOptions = {}): Promise<void> {
    if (this.hasReached) {
      return
    }

    const { signal } = options
    const timeoutMs = options.timeoutMs ?? (signal == null ? this.timeoutMs : undefined)
    signal?.throwIfAborted()

    const gaveUp = Promise.withResolvers<void>()
    const onAbort = (): void => { gaveUp.reject(this.unreachableError('before the wait was cancelled')) }
    signal?.addEventListener('abort', onAbort, { once: true })
    const timer = timeoutMs == null
      ? undefined
      : setTimeout(() => { gaveUp.reject(this.unreachableError(`within ${timeoutMs} ms`)) }, timeoutMs)

    try {
      await Promise.race([this.reached.promise, gaveUp.promise])
    } finally {
      signal?.removeEventListener('abort', onAbort)
      clearTimeout(timer)
    }
  }

  status (): BootstrapStatus {
    return {
      reached: this.targets.filter(t => t.reached).map(t => t.address.toString()),
      unreachable: this.targets
        .filter(t => !t.reached)
        .map(t => ({ address: t.address.toString(), error: t.lastError }))
    }
  }

  private async dialUntilReached (target: BootstrapTarget, signal: AbortSignal): Promise<void> {
    let backoffMs = this.initialBackoffMs

    while (!signal.aborted) {
      try {
        await this.components.connectionManager.openConnection(target.address, {
          signal: AbortSignal.any([signal, AbortSignal.timeout(this.dialTimeoutMs)])
        })
        target.reached = true
        target.lastError = undefined
        this.log('reached bootstrap peer %a', target.address)
        this.onReached()
        return
      } catch (err) {
        target.lastError = describeDialError(err)
        this.log('bootstrap peer %a did not answer, retrying in %d ms - %s', target.address, backoffMs, target.lastError)
      }

      try {
        await sleep(backoffMs * (1 + BACKOFF_JITTER * (2 * Math.random() - 1)), undefined, { signal })
      } catch {
        return
      }

      backoffMs = Math.min(backoffMs * BACKOFF_FACTOR, this.maxBackoffMs)
    }
  }

  private onReached (): void {
    if (!this.hasReached) {
      this.hasReached = true
      clearTimeout(this.deadline)
      this.reached.resolve()
    }
  }

  private unreachableError (when: string): BootstrapError {
    const unreachable = this.targets.filter(t => !t.reached)
    const details = unreachable
      .map(t => t.lastError == null ? t.address.toString() : `${t.address.toString()} (${t.lastError})`)
      .join(', ')

    return new BootstrapError(
      unreachable.map(t => t.address.toString()),
      `Could not reach any bootstrap peer ${when}: ${details}`
    )
  }
}

function newDeferred (): PromiseWithResolvers<void> {
  const deferred = Promise.withResolvers<void>()
  // a rejection nobody waits for (the node stopped, nobody asked) must not crash the process
  deferred.promise.catch(() => {})
  return deferred
}

function describeDialError (err: unknown): string {
  if (!(err instanceof Error)) {
    return String(err)
  }

  // what a peer sees when exactly one side holds the cluster key, or the two hold different ones
  if (err.name === 'EncryptionFailedError') {
    return `${err.name}: ${err.message}; do both peers use the same cluster key?`
  }

  return err.message
}

/** A libp2p service factory for the dialer; `createHoardLibp2p` registers it as `bootstrap` */
export function bootstrapDialer (init: BootstrapInit): (components: BootstrapComponents) => BootstrapDialer {
  return (components) => new BootstrapDialer(components, init)
}

/** The bootstrap dialer of a node built by `createHoardLibp2p`, or undefined for any other node */
export function getBootstrapDialer (libp2p: Libp2p): BootstrapDialer | undefined {
  const service = libp2p.services.bootstrap
  return service instanceof BootstrapDialer ? service : undefined
}
