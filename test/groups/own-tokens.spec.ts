import { expect } from 'aegir/chai'
import fc from 'fast-check'
import { OwnTokens } from '../../src/groups/own-tokens.ts'
import { formatToken } from '../../src/txn/token.ts'
import type { CommitToken } from '../../src/txn/token.ts'

describe('own tokens: decided by the committed log', () => {
  it('reports each token lost once, exactly when the committed log holds another term at its index', () => {
    fc.assert(fc.property(
      // the committed log: a term per index, never decreasing
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 30 }),
      // tokens a leader handed out: (term, index, how many tasks in that entry)
      fc.array(fc.record({ term: fc.integer({ min: 1, max: 5 }), index: fc.integer({ min: 1, max: 30 }), tasks: fc.integer({ min: 1, max: 3 }) }), { maxLength: 20 }),
      // the commit index rises in these steps (some may exceed the log: capped)
      fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 10 }),
      (steps, handed, rises) => {
        const terms: number[] = []
        let term = 1
        for (const step of steps) {
          term += step
          terms.push(term)
        }
        const termAt = (index: number): number | undefined => terms[index - 1]
        const own = new OwnTokens('g')
        const tracked: CommitToken[] = []
        // a node hands out one entry's tokens at a time, by index; distinct (term, index) pairs
        const seen = new Set<string>()
        for (const { term, index, tasks } of [...handed].sort((a, b) => a.index - b.index)) {
          if (seen.has(`${term}:${index}`)) {
            continue
          }
          seen.add(`${term}:${index}`)
          for (let position = 0; position < tasks; position++) {
            const token = { group: 'g', term, index, position }
            own.track(token)
            tracked.push(token)
          }
        }
        const lost: string[] = []
        let committed = 0
        let commitIndex = 0
        for (const rise of [...rises, terms.length]) {
          commitIndex = Math.min(terms.length, commitIndex + rise)
          const decision = own.decide(commitIndex, termAt)
          committed += decision.committed
          lost.push(...decision.lost.map(formatToken))
        }
        expect(new Set(lost).size, 'a token reported twice').to.equal(lost.length)
        const expectedLost = tracked.filter(token => token.index <= terms.length && termAt(token.index) !== token.term).map(formatToken)
        expect([...lost].sort()).to.deep.equal([...expectedLost].sort())
        const expectedCommitted = tracked.filter(token => token.index <= terms.length && termAt(token.index) === token.term).length
        expect(committed).to.equal(expectedCommitted)
        // what is above the committed log stays undecided
        expect(own.size).to.equal(tracked.filter(token => token.index > terms.length).length)
      }
    ), { seed: 6, numRuns: 500 })
  })

  it('keeps a token whose index has no known term, and decides it later', () => {
    const own = new OwnTokens('g')
    own.track({ group: 'g', term: 2, index: 3, position: 0 })
    expect(own.decide(3, () => undefined).lost).to.deep.equal([])
    expect(own.size).to.equal(1)
    expect(own.decide(4, () => 3).lost).to.deep.equal([{ group: 'g', term: 2, index: 3, position: 0 }])
    expect(own.size).to.equal(0)
    expect(own.decide(5, () => 3).lost).to.deep.equal([])
  })
})
