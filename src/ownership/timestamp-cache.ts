import type { Timestamp } from '../clock/hlc.ts'

export const DEFAULT_TIMESTAMP_CACHE_ENTRIES = 100_000

/**
 * The highest timestamp at which each key was read from this leader (or found absent at its home
 * group): a later write or creation of the key must commit above it, or a reader at that timestamp
 * would have missed it. Bounded: the least recently recorded key is dropped and its timestamp
 * raises the low-water mark, which answers for every key not in the cache. A new leader starts its
 * low-water mark at the end of the previous leader's lease (the highest read it could have served).
 */
export class TimestampCache {
  private readonly entries = new Map<string, Timestamp>()
  private readonly maxEntries: number
  private lowWater: Timestamp

  constructor (init: { maxEntries?: number, lowWater?: Timestamp } = {}) {
    this.maxEntries = init.maxEntries ?? DEFAULT_TIMESTAMP_CACHE_ENTRIES
    this.lowWater = init.lowWater ?? 0
  }

  get size (): number {
    return this.entries.size
  }

  get lowWaterMark (): Timestamp {
    return this.lowWater
  }

  /** A read of `key` at `ts` was served */
  record (key: string, ts: Timestamp): void {
    if (ts <= this.lowWater) {
      return
    }
    const previous = this.entries.get(key)
    if (previous != null) {
      this.entries.delete(key)
      if (previous > ts) {
        ts = previous
      }
    }
    this.entries.set(key, ts)
    if (this.entries.size > this.maxEntries) {
      const [oldestKey, oldestTs] = this.entries.entries().next().value as [string, Timestamp]
      this.entries.delete(oldestKey)
      this.lowWater = Math.max(this.lowWater, oldestTs)
    }
  }

  /** The highest read of `key` a write must commit above */
  floor (key: string): Timestamp {
    return Math.max(this.entries.get(key) ?? 0, this.lowWater)
  }

  /** Start over above `lowWater` (a new leadership) */
  reset (lowWater: Timestamp): void {
    this.entries.clear()
    this.lowWater = lowWater
  }
}
