import { TypedEventEmitter } from '@libp2p/interface'
import { InvalidOptionError } from '../errors.ts'
import { ClockOffsets } from './offsets.ts'
import type { Clock, Timer } from './clock.ts'
import type { Logger } from '@libp2p/interface'

export interface ClockFenceComponents {
  clock: Clock
  logger: Logger
  /** The mesh's other live nodes */
  peers(): string[]
  /** Ask `peer` for its wall clock (ms since the Unix epoch) */
  probe(peer: string, options: { timeoutMs: number }): Promise<number>
}

export interface ClockFenceInit {
  /** The bound on clock offsets between nodes (the HLC's maximum offset) */
  maxOffsetMs: number
  /** How often a round of measurements runs (default 2,000 ms) */
  probeIntervalMs?: number
  /** Peers measured per round at most (default 16): the rest are measured in later rounds */
  maxProbesPerRound?: number
}

export interface ClockFenceDetail {
  fenced: boolean
  /** Peers this node measured beyond the maximum offset */
  far: string[]
}

export interface ClockFenceEvents {
  /** This node fenced itself, or resumed */
  change: CustomEvent<ClockFenceDetail>
}

/**
 * Clocks drift slowly (a bounded rate) and a fence is for a clock set wrong, not for a moment: a
 * round every 2 s, of at most 16 peers, costs a 50-node mesh 8 requests per second per node
 */
export const DEFAULT_PROBE_INTERVAL_MS = 2_000
export const DEFAULT_MAX_PROBES_PER_ROUND = 16

/**
 * Measures this node's clock against every peer's from round trips (each node probes the others,
 * so every pair is measured in both directions) and fences this node while it is beyond the
 * maximum offset from a majority of the mesh: such a node would wound every task with readings
 * from the future, or have its readings refused, and its leases would be wrong. It resumes once
 * fresh measurements put it back within the bound.
 */
export class ClockFence extends TypedEventEmitter<ClockFenceEvents> {
  readonly offsets: ClockOffsets
  private readonly components: ClockFenceComponents
  private readonly probeIntervalMs: number
  private readonly maxProbesPerRound: number
  private readonly maxOffsetMs: number
  private timer?: Timer
  private running = false
  private next = 0
  private _fenced = false

  constructor (components: ClockFenceComponents, init: ClockFenceInit) {
    super()
    this.components = components
    this.maxOffsetMs = init.maxOffsetMs
    this.probeIntervalMs = init.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS
    this.maxProbesPerRound = init.maxProbesPerRound ?? DEFAULT_MAX_PROBES_PER_ROUND
    if (!(this.probeIntervalMs > 0) || !(this.maxProbesPerRound >= 1)) {
      throw new InvalidOptionError('probeIntervalMs and maxProbesPerRound must be positive')
    }
    this.offsets = new ClockOffsets({ maxOffsetMs: init.maxOffsetMs })
  }

  /** This node is beyond the maximum offset from a majority of the mesh: it must not serve */
  get fenced (): boolean {
    return this._fenced
  }

  /** The peers this node measures beyond the maximum offset now */
  far (): string[] {
    return this.components.peers().filter(peer => this.isFar(peer))
  }

  /** Has this node measured `peer` beyond the maximum offset (a peer not to hand leadership to) */
  isFar (peer: string): boolean {
    return this.offsets.isFar(peer, this.components.clock.monotonicMs(), this.staleMs(this.components.peers().length))
  }

  /** Three missed measurements of a peer, and its last one counts for nothing */
  private staleMs (peers: number): number {
    return 3 * this.probeIntervalMs * Math.max(1, Math.ceil(peers / this.maxProbesPerRound))
  }

  start (): void {
    if (this.running) {
      return
    }
    this.running = true
    this.schedule()
  }

  stop (): void {
    this.running = false
    this.timer?.cancel()
    this.timer = undefined
  }

  /** One round: measure (up to the per-round limit of) the peers, then decide (exposed for tests) */
  async round (): Promise<void> {
    const peers = this.components.peers()
    const chosen = peers.length <= this.maxProbesPerRound ? peers : this.rotate(peers)
    const timeoutMs = Math.min(this.probeIntervalMs, 2 * this.maxOffsetMs)
    await Promise.all(chosen.map(async peer => { await this.measure(peer, timeoutMs) }))
    if (this.running) {
      this.decide(this.components.peers())
    }
  }

  private async measure (peer: string, timeoutMs: number): Promise<void> {
    const { clock } = this.components
    const sentWallMs = clock.wallMs()
    const sentMonoMs = clock.monotonicMs()
    let peerWallMs: number
    try {
      peerWallMs = await this.components.probe(peer, { timeoutMs })
    } catch {
      // unreachable peers are the leases' business, not the clocks'
      return
    }
    if (!Number.isFinite(peerWallMs)) {
      return
    }
    const sample = this.offsets.record(peer, sentWallMs, sentMonoMs, peerWallMs, clock.monotonicMs())
    this.components.logger.trace('clock of %s: %d ms ± %d', peer, sample.offsetMs, sample.uncertaintyMs)
  }

  private decide (peers: string[]): void {
    const nowMs = this.components.clock.monotonicMs()
    const staleMs = this.staleMs(peers.length)
    const fenced = this.offsets.beyondMajority(peers, nowMs, staleMs)
    if (fenced === this._fenced) {
      return
    }
    this._fenced = fenced
    const far = peers.filter(peer => this.offsets.isFar(peer, nowMs, staleMs))
    if (fenced) {
      this.components.logger('clock beyond %d ms from %d of %d peers (%s): fencing this node', this.maxOffsetMs, far.length, peers.length, far.join(', '))
    } else {
      this.components.logger('clock back within %d ms of the mesh: serving again', this.maxOffsetMs)
    }
    this.safeDispatchEvent('change', { detail: { fenced, far } })
  }

  /** The next `maxProbesPerRound` peers, round robin */
  private rotate (peers: string[]): string[] {
    const chosen: string[] = []
    for (let i = 0; i < this.maxProbesPerRound; i++) {
      chosen.push(peers[(this.next + i) % peers.length])
    }
    this.next = (this.next + this.maxProbesPerRound) % peers.length
    return chosen
  }

  private schedule (): void {
    if (!this.running) {
      return
    }
    this.timer = this.components.clock.setTimer(() => {
      this.timer = undefined
      void this.round().catch((err: Error) => {
        this.components.logger('clock round failed: %s', err.message)
      }).finally(() => { this.schedule() })
    }, this.probeIntervalMs)
  }
}
