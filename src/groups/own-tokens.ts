import type { CommitToken } from '../txn/token.ts'

/** The tokens of one log entry this node handed out before the entry committed */
interface OwnEntry {
  readonly term: number
  readonly index: number
  readonly positions: number[]
}

/** What the committed log said of the tokens it decided */
export interface OwnDecision {
  readonly committed: number
  readonly lost: CommitToken[]
}

/**
 * The tokens of one group that this node's tasks returned before their entry committed
 * (speculatively), kept until the group's committed log decides each: committed when it holds the
 * token's term at the token's index, lost when it holds another term there (invariant 5: the only
 * way a token is lost). A token leaves on its decision, so it is decided once and only once.
 * Bounded by the group's uncommitted suffix: one record per log entry, not per task.
 */
export class OwnTokens {
  private readonly group: string
  /** ascending by index: tokens arrive in index order, and an index is only reused in a later term */
  private entries: OwnEntry[] = []

  constructor (group: string) {
    this.group = group
  }

  /** Tokens waiting for a decision */
  get size (): number {
    let count = 0
    for (const entry of this.entries) {
      count += entry.positions.length
    }
    return count
  }

  track (token: CommitToken): void {
    if (token.group !== this.group) {
      throw new Error(`token of group ${token.group} tracked by group ${this.group}`)
    }
    const last = this.entries[this.entries.length - 1]
    if (last != null && last.index === token.index && last.term === token.term) {
      last.positions.push(token.position)
      return
    }
    let at = this.entries.length
    while (at > 0 && this.entries[at - 1].index > token.index) {
      at--
    }
    this.entries.splice(at, 0, { term: token.term, index: token.index, positions: [token.position] })
  }

  /**
   * The commit index rose to `commitIndex`: decide every token at or below it. `termAt(index)` is
   * the term of the committed entry at `index`; a token whose index's term is not known (yet)
   * stays, rather than be guessed.
   */
  decide (commitIndex: number, termAt: (index: number) => number | undefined): OwnDecision {
    let committed = 0
    const lost: CommitToken[] = []
    let kept: OwnEntry[] | undefined
    let done = 0
    for (const entry of this.entries) {
      if (entry.index > commitIndex) {
        break
      }
      done++
      const term = termAt(entry.index)
      if (term == null) {
        (kept ??= []).push(entry)
      } else if (term === entry.term) {
        committed += entry.positions.length
      } else {
        for (const position of entry.positions) {
          lost.push({ group: this.group, term: entry.term, index: entry.index, position })
        }
      }
    }
    if (done > 0) {
      this.entries = [...(kept ?? []), ...this.entries.slice(done)]
    }
    return { committed, lost }
  }

  /** Forget every token (the group left this node: its outcome is asked of the group's leader) */
  clear (): CommitToken[] {
    const tokens: CommitToken[] = []
    for (const entry of this.entries) {
      for (const position of entry.positions) {
        tokens.push({ group: this.group, term: entry.term, index: entry.index, position })
      }
    }
    this.entries = []
    return tokens
  }
}
