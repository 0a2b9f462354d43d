import { expect } from 'aegir/chai'
import { checkHistory } from '../../src/sim/checker.ts'
import type { EntryRef, HistoryEvent } from '../../src/sim/history.ts'

/** A small fluent builder of histories, so each test reads as the execution it describes */
class History {
  readonly events: HistoryEvent[] = []
  private atMs = 0

  private push (event: HistoryEvent): this {
    this.events.push(event)
    return this
  }

  private next (): number {
    return ++this.atMs
  }

  start (member: string, entries: EntryRef[] = []): this {
    return this.push({ type: 'log-load', atMs: this.next(), member, entries })
  }

  leader (member: string, term: number): this {
    return this.push({ type: 'role', atMs: this.next(), member, role: 'leader', term, leader: member })
  }

  follower (member: string, term: number, leader?: string): this {
    return this.push({ type: 'role', atMs: this.next(), member, role: 'follower', term, leader })
  }

  append (member: string, ...entries: Array<[number, number, string]>): this {
    return this.push({ type: 'log-append', atMs: this.next(), member, entries: entries.map(([index, term, id]) => ({ index, term, id })) })
  }

  truncate (member: string, index: number): this {
    return this.push({ type: 'log-truncate', atMs: this.next(), member, index })
  }

  commit (member: string, index: number): this {
    return this.push({ type: 'commit', atMs: this.next(), member, index })
  }

  apply (member: string, index: number, term: number, id: string, digest: string): this {
    return this.push({ type: 'apply', atMs: this.next(), member, index, term, id, digest })
  }

  propose (member: string, term: number, index: number, id: string): this {
    return this.push({ type: 'propose', atMs: this.next(), member, term, index, id })
  }

  read (member: string, index: number, digest: string, readId = `r${this.atMs}`): this {
    return this.push({ type: 'read', atMs: this.next(), member, readId, index, digest })
  }

  readBegin (member: string, readId: string): this {
    return this.push({ type: 'read-begin', atMs: this.next(), member, readId })
  }
}

/** Three members, a leader of term 1 that commits x at 1 */
function healthy (): History {
  return new History()
    .start('a').start('b').start('c')
    .leader('a', 1).follower('b', 1, 'a').follower('c', 1, 'a')
    .append('a', [1, 1, 'x']).propose('a', 1, 1, 'x')
    .append('b', [1, 1, 'x'])
    .commit('a', 1).apply('a', 1, 1, 'x', 'd1')
}

function invariants (h: History): string[] {
  return checkHistory(h.events).violations.map(v => v.invariant)
}

describe('InvariantChecker', () => {
  it('passes a correct history, and counts its checks', () => {
    const h = healthy().commit('b', 1).apply('b', 1, 1, 'x', 'd1').read('a', 1, 'd1')
    const checker = checkHistory(h.events)
    expect(checker.violations).to.deep.equal([])
    expect(checker.checks).to.be.above(5)
    expect(checker.outcome).to.deep.equal({ committed: 1, lost: 0, unresolved: 0 })
  })

  it('catches two leaders in one term', () => {
    expect(invariants(healthy().leader('b', 1))).to.include('election-safety')
  })

  it('catches one (index, term) holding two commands', () => {
    expect(invariants(healthy().append('c', [1, 1, 'y']))).to.include('log-matching')
  })

  it('catches logs that agree on an entry but not on the one before it', () => {
    const h = new History().start('a').start('b')
      .append('a', [1, 1, 'x'], [2, 2, 'y'])
      .append('b', [1, 3, 'z'], [2, 2, 'y'])
    expect(invariants(h)).to.include('log-matching')
  })

  it('catches a leader elected without an entry committed in an earlier term', () => {
    const h = healthy().leader('c', 2)
    expect(invariants(h)).to.include('leader-completeness')
  })

  it('accepts a leader of an older term elected late without a newer commit', () => {
    // c's votes for term 2 arrived after term 3 committed y: c is stale but harmless
    const h = healthy().commit('b', 1).append('c', [1, 1, 'x'])
      .leader('b', 3).append('b', [2, 3, 'y']).append('a', [2, 3, 'y']).commit('b', 2)
      .leader('c', 2)
    expect(invariants(h)).to.not.include('leader-completeness')
  })

  it('catches two members committing different entries at one index', () => {
    const h = healthy().append('c', [1, 2, 'y']).commit('c', 1)
    expect(invariants(h)).to.include('state-machine-safety')
  })

  it('catches a committed entry truncated away', () => {
    expect(invariants(healthy().truncate('b', 1))).to.include('state-machine-safety')
  })

  it('catches two states that differ after the same index', () => {
    const h = healthy().commit('b', 1).apply('b', 1, 1, 'x', 'other')
    expect(invariants(h)).to.include('state-machine-safety')
  })

  it('catches a read that misses a write committed before it began', () => {
    const h = healthy().append('a', [2, 1, 'y']).append('b', [2, 1, 'y']).commit('a', 2).read('c', 1, 'd1')
    expect(invariants(h)).to.include('linearizable-read')
  })

  it('accepts a read that began before a write committed and missed it', () => {
    const h = healthy().readBegin('c', 'slow').append('a', [2, 1, 'y']).append('b', [2, 1, 'y']).commit('a', 2).read('c', 1, 'd1', 'slow')
    expect(invariants(h)).to.not.include('linearizable-read')
  })

  it('counts a proposal lost when another term is committed at its index', () => {
    const h = healthy().append('c', [1, 1, 'x'])
      .append('a', [2, 1, 'y']).propose('a', 1, 2, 'y')
      .leader('b', 2).append('b', [2, 2, 'z']).append('c', [2, 2, 'z'])
      .commit('b', 2)
    const checker = checkHistory(h.events)
    expect(checker.violations).to.deep.equal([])
    expect(checker.outcome).to.deep.equal({ committed: 1, lost: 1, unresolved: 0 })
  })

  it('catches a proposal neither committed nor lost', () => {
    const h = healthy().append('a', [2, 1, 'y']).propose('a', 1, 2, 'y')
    expect(invariants(h)).to.include('proposal-resolved')
  })
})
