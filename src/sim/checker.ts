import type { EntryRef, HistoryEvent, HistorySink } from './history.ts'

/** The invariants the checker knows, by the name a failure report gives */
export type Invariant =
  | 'election-safety'
  | 'log-matching'
  | 'leader-completeness'
  | 'state-machine-safety'
  | 'linearizable-read'
  | 'proposal-resolved'
  | 'well-formed-history'

export interface Violation {
  readonly invariant: Invariant
  readonly atMs: number
  readonly member?: string
  readonly message: string
}

/** What a member's log looks like to the checker: a compacted prefix and the terms and ids after it */
class TrackedLog {
  base = 0
  baseTerm = 0
  terms: number[] = []
  ids: string[] = []

  get lastIndex (): number {
    return this.base + this.terms.length
  }

  termAt (index: number): number | undefined {
    if (index === this.base) {
      return this.baseTerm
    }
    return index < this.base ? undefined : this.terms[index - this.base - 1]
  }

  idAt (index: number): string | undefined {
    return index <= this.base ? undefined : this.ids[index - this.base - 1]
  }

  cut (index: number): void {
    const keep = Math.max(0, index - this.base - 1)
    this.terms.length = Math.min(this.terms.length, keep)
    this.ids.length = Math.min(this.ids.length, keep)
  }
}

interface Committed {
  readonly term: number
  readonly id: string
  /** The term in which it was first seen committed (the committing member's term) */
  readonly inTerm: number
}

const MAX_VIOLATIONS = 20

/**
 * Checks a history of events (see `history.ts`) against the safety properties of Raft and the
 * promises hoard makes on top of them.
 *
 * Election safety: at most one leader per term.
 *
 * Log matching: two logs holding an entry of the same index and term hold the same command there
 * and agree on every entry before it (checked inductively: every (index, term) has one command and
 * one predecessor term).
 *
 * Leader completeness: a leader's log holds every entry committed in an earlier term (a leader of
 * an older term may be elected late, by delayed votes, and lack newer commits).
 *
 * State machine safety: no two members commit or apply different entries at the same index, and no
 * member truncates an entry that is committed (so no committed entry is ever lost).
 *
 * Linearizable reads: a read never misses a write committed before the read began.
 *
 * Every proposal is resolved: at the end its index is committed, with its own term (committed) or
 * another (lost, which is the only way a token may be lost).
 *
 * It consumes events one at a time (`record`), so a simulation can check as it runs, and keeps no
 * reference to whatever produced them.
 */
export class InvariantChecker implements HistorySink {
  private _checks = 0
  readonly violations: Violation[] = []
  private readonly leaders = new Map<number, string>()
  /** Each member's current term, from its role events */
  private readonly terms = new Map<string, number>()
  private readonly logs = new Map<string, TrackedLog>()
  /** `index/term` -> the command there and the term of the entry before it */
  private readonly entries = new Map<string, { id: string, prevTerm?: number }>()
  private readonly committed: Array<Committed | undefined> = []
  private readonly commitIndexes = new Map<string, number>()
  private readonly applied = new Map<string, { index: number, digest: string }>()
  private readonly digests = new Map<number, string>()
  private readonly readFloors = new Map<string, number>()
  private readonly proposals: Array<{ member: string, term: number, index: number, id: string, atMs: number }> = []
  private maxCommitted = 0
  private nowMs = 0
  /** Outcome of the proposals once `finish` ran */
  readonly outcome = { committed: 0, lost: 0, unresolved: 0 }

  /** How many individual checks were made */
  get checks (): number {
    return this._checks
  }

  get ok (): boolean {
    return this.violations.length === 0
  }

  /** The highest index committed anywhere so far */
  get committedIndex (): number {
    return this.maxCommitted
  }

  /** The highest index proposed so far */
  get maxProposedIndex (): number {
    let max = 0
    for (const proposal of this.proposals) {
      max = Math.max(max, proposal.index)
    }
    return max
  }

  /** Are all proposals decided (their index committed)? */
  get allProposalsDecided (): boolean {
    return this.proposals.every(p => this.committed[p.index] != null)
  }

  record (event: HistoryEvent): void {
    this.nowMs = event.atMs
    switch (event.type) {
      case 'role': this.onRole(event.member, event.role, event.term); break
      case 'log-load': this.onLoad(event.member, event.snapshot, event.entries); break
      case 'log-append': this.onAppend(event.member, event.entries); break
      case 'log-truncate': this.onTruncate(event.member, event.index); break
      case 'log-compact': this.onCompact(event.member, event.index, event.term, event.discard); break
      case 'crash': this.onCrash(event.member); break
      case 'commit': this.onCommit(event.member, event.index); break
      case 'apply': this.onApply(event.member, event.index, event.term, event.id, event.digest); break
      case 'state-load': this.onStateLoad(event.member, event.index, event.digest); break
      case 'propose': this.proposals.push({ member: event.member, term: event.term, index: event.index, id: event.id, atMs: event.atMs }); break
      case 'read-begin': this.readFloors.set(event.readId, this.maxCommitted); break
      case 'read': this.onRead(event.member, event.readId, event.index, event.digest); break
      default: break
    }
  }

  /** Call once the run is over (after the group was let heal and commit past every proposal) */
  finish (atMs: number): void {
    this.nowMs = atMs
    for (const p of this.proposals) {
      this._checks++
      const c = this.committed[p.index]
      if (c == null) {
        this.outcome.unresolved++
        this.fail('proposal-resolved', p.member, `proposal ${p.id} (term ${p.term}, index ${p.index}) is neither committed nor lost: index ${p.index} never committed`)
      } else if (c.term === p.term) {
        if (c.id !== p.id) {
          this.fail('state-machine-safety', p.member, `proposal ${p.id} at (term ${p.term}, index ${p.index}) but ${c.id} committed there in the same term`)
        }
        this.outcome.committed++
      } else {
        this.outcome.lost++
      }
    }
  }

  private fail (invariant: Invariant, member: string | undefined, message: string): void {
    if (this.violations.length < MAX_VIOLATIONS) {
      this.violations.push({ invariant, atMs: this.nowMs, member, message })
    }
  }

  private logOf (member: string): TrackedLog {
    let log = this.logs.get(member)
    if (log == null) {
      log = new TrackedLog()
      this.logs.set(member, log)
    }
    return log
  }

  private onRole (member: string, role: string, term: number): void {
    this.terms.set(member, term)
    if (role !== 'leader') {
      return
    }
    this._checks++
    const other = this.leaders.get(term)
    if (other != null && other !== member) {
      this.fail('election-safety', member, `two leaders in term ${term}: ${other} and ${member}`)
    }
    this.leaders.set(term, member)
    this._checks++
    const log = this.logOf(member)
    for (let index = log.base + 1; index <= this.maxCommitted; index++) {
      const c = this.committed[index]
      if (c != null && c.inTerm < term && log.termAt(index) !== c.term) {
        this.fail('leader-completeness', member, `leader of term ${term} lacks committed entry ${index} (term ${c.term}, ${c.id}); it has ${log.termAt(index) != null ? `term ${log.termAt(index) ?? ''}` : 'nothing'} there`)
        return
      }
    }
  }

  /** Log matching, inductively: one command and one predecessor term per (index, term) */
  private checkEntry (member: string, entry: EntryRef, prevTerm: number | undefined): void {
    this._checks++
    const key = `${entry.index}/${entry.term}`
    const known = this.entries.get(key)
    if (known == null) {
      this.entries.set(key, { id: entry.id, prevTerm })
      return
    }
    if (known.id !== entry.id) {
      this.fail('log-matching', member, `entry ${entry.index} of term ${entry.term} is ${entry.id} here but ${known.id} elsewhere`)
    }
    if (prevTerm != null && known.prevTerm != null && prevTerm !== known.prevTerm) {
      this.fail('log-matching', member, `entry ${entry.index} of term ${entry.term} follows term ${prevTerm} here but term ${known.prevTerm} elsewhere`)
    }
    if (known.prevTerm == null && prevTerm != null) {
      known.prevTerm = prevTerm
    }
  }

  private onLoad (member: string, snapshot: { index: number, term: number } | undefined, entries: readonly EntryRef[]): void {
    const log = new TrackedLog()
    this.logs.set(member, log)
    log.base = snapshot?.index ?? 0
    log.baseTerm = snapshot?.term ?? 0
    this.commitIndexes.set(member, log.base)
    this.append(member, log, entries)
  }

  private onAppend (member: string, entries: readonly EntryRef[]): void {
    this.append(member, this.logOf(member), entries)
  }

  private append (member: string, log: TrackedLog, entries: readonly EntryRef[]): void {
    for (const entry of entries) {
      this._checks++
      if (entry.index !== log.lastIndex + 1) {
        this.fail('well-formed-history', member, `append of entry ${entry.index} after ${log.lastIndex}`)
        return
      }
      this.checkEntry(member, entry, log.termAt(entry.index - 1) ?? (entry.index === 1 ? 0 : undefined))
      log.terms.push(entry.term)
      log.ids.push(entry.id)
    }
  }

  private onTruncate (member: string, index: number): void {
    const log = this.logOf(member)
    this._checks++
    if (index <= (this.commitIndexes.get(member) ?? 0)) {
      this.fail('state-machine-safety', member, `truncates from ${index}, at or below its own commit index ${this.commitIndexes.get(member) ?? 0}`)
    }
    for (let i = Math.max(index, log.base + 1); i <= log.lastIndex; i++) {
      this._checks++
      const c = this.committed[i]
      if (c != null && c.term === log.termAt(i)) {
        this.fail('state-machine-safety', member, `truncates committed entry ${i} (term ${c.term}, ${c.id})`)
        break
      }
    }
    log.cut(index)
  }

  private onCompact (member: string, index: number, term: number, discard: boolean): void {
    const log = this.logOf(member)
    this._checks++
    if (index > (this.commitIndexes.get(member) ?? 0)) {
      this.fail('state-machine-safety', member, `compacts through ${index}, above its commit index ${this.commitIndexes.get(member) ?? 0}`)
    }
    const c = this.committed[index]
    if (c != null && c.term !== term) {
      this.fail('state-machine-safety', member, `snapshot at ${index} has term ${term}, but term ${c.term} is committed there`)
    }
    if (discard) {
      log.terms = []
      log.ids = []
    } else {
      if (index <= log.lastIndex && log.termAt(index) !== term) {
        this.fail('well-formed-history', member, `compaction at ${index} of term ${term} over an entry of term ${log.termAt(index) ?? 'none'}`)
      }
      const drop = Math.max(0, Math.min(index, log.lastIndex) - log.base)
      log.terms.splice(0, drop)
      log.ids.splice(0, drop)
    }
    if (index > log.base) {
      log.base = index
      log.baseTerm = term
    }
  }

  private onCrash (member: string): void {
    this.logs.delete(member)
    this.commitIndexes.delete(member)
    this.applied.delete(member)
  }

  private onCommit (member: string, index: number): void {
    const log = this.logOf(member)
    const from = this.commitIndexes.get(member) ?? 0
    if (index <= from) {
      return
    }
    for (let i = from + 1; i <= index; i++) {
      this._checks++
      if (i <= log.base) {
        continue
      }
      const term = log.termAt(i)
      const id = log.idAt(i)
      if (term == null || id == null) {
        this.fail('well-formed-history', member, `commits ${i}, beyond its log (last ${log.lastIndex})`)
        break
      }
      const c = this.committed[i]
      if (c == null) {
        this.committed[i] = { term, id, inTerm: this.terms.get(member) ?? 0 }
      } else if (c.term !== term || c.id !== id) {
        this.fail('state-machine-safety', member, `commits ${id} (term ${term}) at ${i}, where ${c.id} (term ${c.term}) was committed`)
      }
    }
    this.commitIndexes.set(member, index)
    this.maxCommitted = Math.max(this.maxCommitted, index)
  }

  private checkDigest (member: string, index: number, digest: string): void {
    this._checks++
    const known = this.digests.get(index)
    if (known == null) {
      this.digests.set(index, digest)
    } else if (known !== digest) {
      this.fail('state-machine-safety', member, `state after ${index} differs from another member's (${digest} vs ${known})`)
    }
  }

  private onApply (member: string, index: number, term: number, id: string, digest: string): void {
    this._checks++
    const previous = this.applied.get(member)
    if (previous != null && previous.index + 1 !== index) {
      this.fail('state-machine-safety', member, `applies ${index} after ${previous.index}`)
    }
    if (index > (this.commitIndexes.get(member) ?? 0)) {
      this.fail('state-machine-safety', member, `applies ${index}, above its commit index ${this.commitIndexes.get(member) ?? 0}`)
    }
    const c = this.committed[index]
    if (c != null && (c.term !== term || c.id !== id)) {
      this.fail('state-machine-safety', member, `applies ${id} (term ${term}) at ${index}, where ${c.id} (term ${c.term}) was committed`)
    }
    this.checkDigest(member, index, digest)
    this.applied.set(member, { index, digest })
  }

  private onStateLoad (member: string, index: number, digest: string): void {
    if (index > 0) {
      this.checkDigest(member, index, digest)
    }
    this.applied.set(member, { index, digest })
    this.commitIndexes.set(member, Math.max(this.commitIndexes.get(member) ?? 0, index))
  }

  private onRead (member: string, readId: string, index: number, digest: string): void {
    this._checks++
    const floor = this.readFloors.get(readId) ?? this.maxCommitted
    this.readFloors.delete(readId)
    if (index < floor) {
      this.fail('linearizable-read', member, `read ${readId} answered at index ${index}, missing writes committed through ${floor} before it began`)
    }
    if (index > 0) {
      this.checkDigest(member, index, digest)
    }
  }
}

/** Check a whole recorded history at once */
export function checkHistory (events: Iterable<HistoryEvent>, finishAtMs?: number): InvariantChecker {
  const checker = new InvariantChecker()
  let last = 0
  for (const event of events) {
    checker.record(event)
    last = event.atMs
  }
  checker.finish(finishAtMs ?? last)
  return checker
}
