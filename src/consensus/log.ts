import type { Entry, Membership, SnapshotMeta } from './types.ts'

/**
 * The in-memory view of a member's log: a compacted prefix (described by the snapshot meta) and
 * the entries after it. Also keeps where each term starts, so the term of any index ever in the
 * log can be told after compaction (which decides whether a commit token is committed or lost).
 */
export class RaftLog<C> {
  private entries: Array<Entry<C>> = []
  private snapshot: SnapshotMeta
  /** `[term, first index]`, ascending, for the whole log including the compacted prefix */
  private termStarts: Array<[number, number]>
  private static readonly MAX_TERM_STARTS = 100_000

  constructor (snapshot?: SnapshotMeta, entries: Array<Entry<C>> = []) {
    this.snapshot = snapshot ?? { index: 0, term: 0, membership: { voters: [], learners: [] }, termStarts: [] }
    this.termStarts = this.snapshot.termStarts.map(([term, index]) => [term, index])
    for (const entry of entries) {
      this.push(entry)
    }
  }

  get snapshotIndex (): number {
    return this.snapshot.index
  }

  get snapshotTerm (): number {
    return this.snapshot.term
  }

  get snapshotMeta (): SnapshotMeta {
    return this.snapshot
  }

  get firstIndex (): number {
    return this.snapshot.index + 1
  }

  get lastIndex (): number {
    return this.snapshot.index + this.entries.length
  }

  get lastTerm (): number {
    return this.entries.length === 0 ? this.snapshot.term : this.entries[this.entries.length - 1].term
  }

  /** Term of the entry at `index` if it is in the live log or is the snapshot's last; else undefined */
  term (index: number): number | undefined {
    if (index === this.snapshot.index) {
      return this.snapshot.term
    }
    const entry = this.entries[index - this.snapshot.index - 1]
    return entry?.term
  }

  /** Term at `index` for any index up to `lastIndex`, compacted or not (undefined if unknown) */
  termOfAny (index: number): number | undefined {
    if (index < 1 || index > this.lastIndex) {
      return undefined
    }
    const live = this.term(index)
    if (live != null) {
      return live
    }
    let found: number | undefined
    for (const [term, start] of this.termStarts) {
      if (start > index) {
        break
      }
      found = term
    }
    return found
  }

  entry (index: number): Entry<C> | undefined {
    return this.entries[index - this.snapshot.index - 1]
  }

  /** Entries from `from` (inclusive) up to `maxCount` of them */
  slice (from: number, maxCount: number): Array<Entry<C>> {
    const start = from - this.snapshot.index - 1
    if (start < 0) {
      throw new Error(`entries before ${this.firstIndex} are compacted`)
    }
    return this.entries.slice(start, start + maxCount)
  }

  /** Does the log hold an entry of `term` at `index` (index 0 always matches) */
  matches (index: number, term: number): boolean {
    if (index === 0) {
      return true
    }
    if (index < this.snapshot.index) {
      // compacted entries were committed, so they match any leader's log
      return true
    }
    return this.term(index) === term
  }

  /** Append one entry at `lastIndex + 1` */
  push (entry: Entry<C>): void {
    if (entry.index !== this.lastIndex + 1) {
      throw new Error(`log append out of order: entry ${entry.index} after ${this.lastIndex}`)
    }
    if (entry.term < this.lastTerm) {
      throw new Error(`log terms must not decrease: ${entry.term} after ${this.lastTerm}`)
    }
    if (entry.term !== this.lastTerm || this.termStarts.length === 0) {
      this.termStarts.push([entry.term, entry.index])
      if (this.termStarts.length > RaftLog.MAX_TERM_STARTS) {
        this.termStarts.splice(0, this.termStarts.length - RaftLog.MAX_TERM_STARTS)
      }
    }
    this.entries.push(entry)
  }

  /** Remove entries at and after `index` (never at or below the snapshot) */
  truncateFrom (index: number): Array<Entry<C>> {
    if (index <= this.snapshot.index) {
      throw new Error(`cannot truncate at ${index}: entries up to ${this.snapshot.index} are compacted (committed)`)
    }
    const removed = this.entries.splice(index - this.snapshot.index - 1)
    while (this.termStarts.length > 0 && this.termStarts[this.termStarts.length - 1][1] >= index) {
      this.termStarts.pop()
    }
    return removed
  }

  /** The newest membership in the log at or below `index` (the snapshot's if none) */
  membershipAt (index: number): { membership: Membership, index: number } {
    for (let at = Math.min(index, this.lastIndex); at > this.snapshot.index; at--) {
      const entry = this.entry(at)
      if (entry?.kind === 'config' && entry.config != null) {
        return { membership: entry.config, index: at }
      }
    }
    return { membership: this.snapshot.membership, index: this.snapshot.index }
  }

  /** Meta for a snapshot at `index` (which must be in the live log or be the snapshot) */
  metaAt (index: number): SnapshotMeta {
    const term = this.term(index)
    if (term == null) {
      throw new Error(`no entry at ${index} to snapshot`)
    }
    return {
      index,
      term,
      membership: this.membershipAt(index).membership,
      termStarts: this.termStarts.filter(([, start]) => start <= index).map(([t, s]) => [t, s] as const)
    }
  }

  /** Drop entries up to `meta.index`, which become the snapshot */
  compact (meta: SnapshotMeta): void {
    if (meta.index <= this.snapshot.index) {
      return
    }
    if (meta.index > this.lastIndex || this.term(meta.index) !== meta.term) {
      // the snapshot is ahead of or diverges from this log: it replaces it entirely
      this.entries = []
      this.termStarts = meta.termStarts.map(([term, index]) => [term, index])
    } else {
      this.entries = this.entries.slice(meta.index - this.snapshot.index)
    }
    this.snapshot = meta
  }
}
