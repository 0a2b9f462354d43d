/**
 * Location hints: where this node last learned each key lives (DESIGN.md, "Finding the master").
 * A hint comes from a master record, a redirect or a handoff, and is only a guess: the chain of
 * logs is the authority, and a requester follows a hint only to be told where to go next. The DHT
 * is asked when there is no hint or the hinted node is gone.
 *
 * A hint is replaced only by one of an equal or higher epoch, so a late, stale redirect or DHT
 * record cannot undo what a newer one taught (an equal epoch may name a new leader of the same
 * group after a failover). The cache is bounded: the least recently used hint goes first.
 */

import { InvalidOptionError } from '../errors.ts'
import { compareEpochs, isValidEpoch } from './epoch.ts'
import type { Epoch } from './epoch.ts'
import type { MasterRecord } from './master-record.ts'

export const DEFAULT_MAX_HINTS = 100_000

export interface LocationHint {
  /** The group that owns the key */
  readonly group: string
  /** The peer id of that group's leader */
  readonly leader: string
  /** The ownership epoch the hint was learned at */
  readonly epoch: Epoch
}

export interface LocationHintsInit {
  /** Most hints kept (default 100,000); the least recently used is dropped beyond it */
  maxHints?: number
}

export class LocationHints {
  private readonly maxHints: number
  /** Map iteration order is insertion order: the first entry is the least recently used */
  private readonly hints = new Map<string, LocationHint>()

  constructor (init: LocationHintsInit = {}) {
    const maxHints = init.maxHints ?? DEFAULT_MAX_HINTS

    if (!Number.isInteger(maxHints) || maxHints < 1) {
      throw new InvalidOptionError(`maxHints must be a positive integer, not ${String(maxHints)}`)
    }
    this.maxHints = maxHints
  }

  get size (): number {
    return this.hints.size
  }

  /** The hint for `key`, if any; counts as a use */
  get (key: string): LocationHint | undefined {
    const hint = this.hints.get(key)

    if (hint != null) {
      this.hints.delete(key)
      this.hints.set(key, hint)
    }

    return hint
  }

  /** The hint for `key`, if any, without counting as a use */
  peek (key: string): LocationHint | undefined {
    return this.hints.get(key)
  }

  /**
   * Records where `key` lives, unless a hint of a higher epoch is already held. True when the hint
   * was stored.
   *
   * @throws {InvalidOptionError} for a hint without a group, a leader or a valid epoch
   */
  learn (key: string, hint: LocationHint): boolean {
    if (typeof key !== 'string' || hint == null || typeof hint.group !== 'string' || hint.group.length === 0 ||
      typeof hint.leader !== 'string' || hint.leader.length === 0 || !isValidEpoch(hint.epoch)) {
      throw new InvalidOptionError('A location hint needs a key, a group, a leader and a valid epoch')
    }

    const held = this.hints.get(key)

    if (held != null && compareEpochs(hint.epoch, held.epoch) < 0) {
      return false
    }

    this.hints.delete(key)
    this.hints.set(key, Object.freeze({
      group: hint.group,
      leader: hint.leader,
      epoch: Object.freeze({ counter: hint.epoch.counter, term: hint.epoch.term })
    }))

    if (this.hints.size > this.maxHints) {
      const oldest = this.hints.keys().next()

      if (oldest.done !== true) {
        this.hints.delete(oldest.value)
      }
    }

    return true
  }

  /** Learns from a verified master record of `key` (the caller checks that the record is `key`'s) */
  learnFromRecord (key: string, record: MasterRecord): boolean {
    return this.learn(key, { group: record.group, leader: record.leader, epoch: record.epoch })
  }

  /**
   * Forgets the hint for `key`: all of it, or with `atOrBelow`, only a hint no newer than that
   * epoch (a failure seen at one epoch says nothing about a newer hint learned meanwhile). True
   * when a hint was dropped.
   */
  invalidate (key: string, atOrBelow?: Epoch): boolean {
    const held = this.hints.get(key)

    if (held == null || (atOrBelow != null && compareEpochs(held.epoch, atOrBelow) > 0)) {
      return false
    }

    return this.hints.delete(key)
  }

  /** Forgets every hint that names `leader` (that node is gone). Returns how many were dropped */
  invalidateLeader (leader: string): number {
    let dropped = 0

    for (const [key, hint] of this.hints) {
      if (hint.leader === leader) {
        this.hints.delete(key)
        dropped++
      }
    }

    return dropped
  }

  clear (): void {
    this.hints.clear()
  }
}
