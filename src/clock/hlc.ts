import { ClockOffsetError, ClockUnavailableError, InvalidOptionError } from '../errors.ts'
import type { Clock } from './clock.ts'

/**
 * A hybrid logical clock reading packed into one JavaScript number so that comparisons are plain
 * `<` and readings cost no allocation: `(wall ms since HLC_EPOCH_MS) * 2^LOGICAL_BITS + logical`.
 * 41 bits of milliseconds from 2024 last until 2093; 12 logical bits give 4,096 readings per
 * millisecond before the clock borrows from the next millisecond. The whole stays below 2^53.
 */
export type Timestamp = number

export const HLC_EPOCH_MS = Date.UTC(2024, 0, 1)
export const LOGICAL_BITS = 12
const LOGICAL_RANGE = 2 ** LOGICAL_BITS
const MAX_WALL_MS = 2 ** 41 - 1

/** The smallest timestamp; nothing is ever committed at it */
export const ZERO_TIMESTAMP: Timestamp = 0

export function packTimestamp (wallMs: number, logical: number): Timestamp {
  return (wallMs - HLC_EPOCH_MS) * LOGICAL_RANGE + logical
}

/** The Unix wall-clock milliseconds of a reading */
export function timestampWallMs (ts: Timestamp): number {
  return Math.floor(ts / LOGICAL_RANGE) + HLC_EPOCH_MS
}

export function timestampLogical (ts: Timestamp): number {
  return ts % LOGICAL_RANGE
}

export function formatTimestamp (ts: Timestamp): string {
  return `${timestampWallMs(ts)}.${timestampLogical(ts)}`
}

export function isTimestamp (value: unknown): value is Timestamp {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

export interface HybridLogicalClockInit {
  /** Remote readings more than this far ahead of the local wall clock are refused (default 500) */
  maxOffsetMs?: number

  /**
   * A persisted upper bound on every reading this clock has issued, so that a restarted node
   * never issues a reading at or below one it issued before (even if its wall clock went back).
   * Omitted: the clock is not persisted (an in-memory node).
   */
  upperBound?: PersistedUpperBound

  /** Readings start strictly above this (e.g. the highest commit timestamp found in the log) */
  floor?: Timestamp
}

/**
 * Persistence of the clock's upper bound. `load` returns the last saved bound (0 if none); `save`
 * must complete durably (synced) before it resolves.
 */
export interface PersistedUpperBound {
  /**
   * Milliseconds the saved bound runs ahead of the wall clock (default half the maximum offset). A
   * restarted node starts its readings at the bound, so it must stay within the offset other nodes
   * accept; it is renewed (one synced write) every half window.
   */
  windowMs?: number
  load(): Promise<number>
  save(boundWallMs: number): Promise<void>
}

export const DEFAULT_MAX_OFFSET_MS = 500

/**
 * Hybrid logical clock (Kulkarni et al.): readings are unique and strictly increasing on a node,
 * track wall time, and respect causality across nodes through `update`.
 */
export class HybridLogicalClock {
  readonly maxOffsetMs: number
  private readonly clock: Clock
  private last: Timestamp
  private readonly persisted?: PersistedUpperBound
  private readonly windowMs: number
  /** wall ms up to which readings are covered by a synced upper bound */
  private durableBoundMs: number
  private renewing?: Promise<void>
  private renewalError?: Error

  constructor (clock: Clock, init: HybridLogicalClockInit = {}) {
    const maxOffsetMs = init.maxOffsetMs ?? DEFAULT_MAX_OFFSET_MS
    if (!Number.isFinite(maxOffsetMs) || maxOffsetMs <= 0) {
      throw new InvalidOptionError(`maxOffsetMs must be a positive number, got ${maxOffsetMs}`)
    }
    this.clock = clock
    this.maxOffsetMs = maxOffsetMs
    this.last = init.floor ?? ZERO_TIMESTAMP
    this.persisted = init.upperBound
    this.windowMs = init.upperBound?.windowMs ?? Math.max(50, maxOffsetMs / 2)
    if (this.windowMs >= maxOffsetMs) {
      throw new InvalidOptionError(`the clock bound's windowMs (${this.windowMs}) must be below maxOffsetMs (${maxOffsetMs}): a restarted node starts its readings at the bound`)
    }
    this.durableBoundMs = init.upperBound == null ? Number.POSITIVE_INFINITY : 0
  }

  /**
   * Load the persisted bound and start above it, then persist a new bound. Must be awaited before
   * the first reading when the clock is persisted.
   */
  async start (): Promise<void> {
    if (this.persisted == null) {
      return
    }
    const previousBoundMs = await this.persisted.load()
    if (previousBoundMs > 0) {
      // every reading issued before the restart was at or below the old bound
      this.last = Math.max(this.last, packTimestamp(previousBoundMs, LOGICAL_RANGE - 1))
    }
    await this.renew()
  }

  /** A new reading, strictly greater than every reading this clock issued or observed */
  now (): Timestamp {
    const physical = packTimestamp(this.clock.wallMs(), 0)
    const next = physical > this.last ? physical : this.last + 1
    this.checkDurable(next)
    this.last = next
    return next
  }

  /** The last reading issued or observed, without advancing */
  peek (): Timestamp {
    return this.last
  }

  /**
   * Fold in a reading from another node (from a message or a handoff), so that later local
   * readings are above it. Refuses readings beyond the maximum offset.
   */
  update (remote: Timestamp): void {
    if (remote <= this.last) {
      return
    }
    const wall = this.clock.wallMs()
    const remoteWall = timestampWallMs(remote)
    if (remoteWall - wall > this.maxOffsetMs) {
      throw new ClockOffsetError(`Remote clock reading ${formatTimestamp(remote)} is ${remoteWall - wall} ms ahead of this node (maximum offset ${this.maxOffsetMs} ms)`)
    }
    this.observe(remote)
  }

  /**
   * Advance without an offset check: for readings this node issued itself (from its own log) or
   * already accepted. Never refuses: a reading past the persisted bound only makes `now` wait for
   * the bound's renewal, which starts here.
   */
  observe (ts: Timestamp): void {
    if (ts > this.last) {
      this.last = ts
      if (this.persisted != null && timestampWallMs(ts) + this.windowMs / 2 >= this.durableBoundMs) {
        this.renewSoon()
      }
    }
  }

  /**
   * False while readings would pass the persisted bound: `now` refuses until `flush` resolves (the
   * renewal is started here, so `flush` always has something to wait for)
   */
  get available (): boolean {
    if (this.persisted == null) {
      return true
    }
    const next = Math.max(packTimestamp(this.clock.wallMs(), 0), this.last + 1)
    if (timestampWallMs(next) < this.durableBoundMs) {
      return true
    }
    this.renewSoon()
    return false
  }

  /** Waits for a pending upper-bound renewal (used on shutdown) */
  async flush (): Promise<void> {
    await this.renewing
  }

  private checkDurable (ts: Timestamp): void {
    if (this.persisted == null) {
      return
    }
    const wallMs = timestampWallMs(ts)
    if (wallMs > MAX_WALL_MS + HLC_EPOCH_MS) {
      throw new ClockUnavailableError('The wall clock is beyond the range of HLC timestamps')
    }
    if (wallMs >= this.durableBoundMs) {
      // the bound was not renewed in time (the disk stalled, or a remote reading moved the clock
      // ahead): issuing this reading could repeat after a crash, so refuse until it is renewed
      this.renewSoon()
      throw new ClockUnavailableError(this.renewalError == null ? undefined : `The clock's upper bound could not be persisted: ${this.renewalError.message}`)
    }
    if (wallMs + this.windowMs / 2 >= this.durableBoundMs) {
      this.renewSoon()
    }
  }

  private renewSoon (): void {
    if (this.renewing != null) {
      return
    }
    this.renewing = this.renew().catch((err: Error) => {
      this.renewalError = err
    }).finally(() => {
      this.renewing = undefined
    })
  }

  private async renew (): Promise<void> {
    const persisted = this.persisted
    if (persisted == null) {
      return
    }
    const bound = Math.max(this.clock.wallMs(), timestampWallMs(this.last)) + this.windowMs
    await persisted.save(bound)
    this.durableBoundMs = Math.max(this.durableBoundMs, bound)
    this.renewalError = undefined
  }
}
