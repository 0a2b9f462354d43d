/**
 * Invariant 5 end to end: the commit tokens of the workload's tasks that returned, sent by every
 * node as they return, and the judgement once the mesh has settled again. Each token is asked on
 * several nodes; it must be committed on all of them or lost on all of them (never committed on one
 * and lost on another), and none may still be undecided: once every group has a leader whose first
 * entry is committed, its committed log decides every token of the group.
 */

import type { TokenAnswer } from './topology-probe.ts'
import type { InvariantResult } from './topology-report.ts'

/** Tokens kept for the check; beyond it they are counted, not kept (memory stays bounded) */
const MAX_TOKENS = 50_000
/** Offenders named in the invariant's detail */
const MAX_NAMED = 5

export interface TokenFigures {
  recorded: number
  /** Recorded past MAX_TOKENS, and so not checked */
  dropped: number
  checked: number
  committed: number
  lost: number
  /** Committed on one node and lost on another */
  conflicting: number
  /** In doubt, or an error, on at least one node */
  undecided: number
  /** The nodes that were asked */
  askedOn: number[]
}

interface Recorded {
  node: number
  /** Seconds after the workload started */
  atS: number
}

export class TokenLedger {
  private readonly tokens = new Map<string, Recorded>()
  private dropped = 0

  get size (): number {
    return this.tokens.size
  }

  record (node: number, token: string, atS: number): void {
    if (this.tokens.size >= MAX_TOKENS) {
      this.dropped++
      return
    }
    this.tokens.set(token, { node, atS })
  }

  /** Every token kept, in the order recorded */
  all (): string[] {
    return [...this.tokens.keys()]
  }

  /**
   * Judges the answers of each node asked (`answers.get(node)[k]` answers `tokens[k]`). The
   * invariant holds when some token was checked, no token is committed on one node and lost on
   * another, and every node decided every token.
   */
  judge (tokens: string[], answers: Map<number, TokenAnswer[]>): { result: InvariantResult, figures: TokenFigures } {
    const figures: TokenFigures = {
      recorded: this.tokens.size + this.dropped,
      dropped: this.dropped,
      checked: tokens.length,
      committed: 0,
      lost: 0,
      conflicting: 0,
      undecided: 0,
      askedOn: [...answers.keys()]
    }
    const conflicts: string[] = []
    const undecided: string[] = []
    for (const [k, token] of tokens.entries()) {
      const byNode = [...answers].map(([node, list]) => ({ node, answer: list[k] }))
      const outcomes = new Set(byNode.map(({ answer }) => answer?.outcome))
      const where = (): string => {
        const origin = this.tokens.get(token)
        return `${token} (returned on n${origin?.node ?? '?'} at ${origin?.atS.toFixed(1) ?? '?'} s: ${byNode.map(({ node, answer }) => `n${node} ${answer?.outcome ?? 'no answer'}${answer?.detail == null ? '' : ` (${answer.detail})`}`).join(', ')})`
      }
      if (outcomes.has('committed') && outcomes.has('lost')) {
        figures.conflicting++
        conflicts.push(where())
      } else if (byNode.some(({ answer }) => answer == null || answer.outcome === 'in-doubt' || answer.outcome === 'error')) {
        figures.undecided++
        undecided.push(where())
      } else if (outcomes.has('committed')) {
        figures.committed++
      } else {
        figures.lost++
      }
    }
    const asked = `asked on n${figures.askedOn.join(', n')}`
    let detail: string
    if (tokens.length === 0) {
      detail = 'not checked: no task returned a commit token'
    } else if (conflicts.length > 0 || undecided.length > 0) {
      detail = [
        conflicts.length > 0 ? `${conflicts.length} committed on one node and lost on another, e.g. ${conflicts.slice(0, MAX_NAMED).join('; ')}` : '',
        undecided.length > 0 ? `${undecided.length} still undecided after the mesh settled, e.g. ${undecided.slice(0, MAX_NAMED).join('; ')}` : ''
      ].filter(Boolean).join('; ') + ` (${tokens.length} tokens ${asked})`
    } else {
      detail = `${tokens.length} tokens ${asked}: ${figures.committed} committed, ${figures.lost} lost, each the same on every node`
    }
    if (figures.dropped > 0) {
      detail += `; ${figures.dropped} more recorded past ${MAX_TOKENS} and not checked`
    }
    return {
      result: { name: 'tokens', ok: tokens.length > 0 && conflicts.length === 0 && undecided.length === 0, detail },
      figures
    }
  }
}
