import { expect } from 'aegir/chai'
import { RaftLog } from '../../src/consensus/log.ts'
import type { Entry } from '../../src/consensus/types.ts'

function entries (...terms: number[]): Array<Entry<string>> {
  return terms.map((term, i) => ({ term, index: i + 1, kind: 'command', command: `c${i + 1}` }))
}

describe('RaftLog', () => {
  it('tells the term of any index, also after compaction', () => {
    const log = new RaftLog<string>(undefined, entries(1, 1, 2, 2, 3))
    expect(log.lastIndex).to.equal(5)
    expect(log.lastTerm).to.equal(3)
    log.compact(log.metaAt(4))
    expect(log.term(3)).to.be.undefined()
    expect(log.termOfAny(3)).to.equal(2)
    expect(log.termOfAny(1)).to.equal(1)
    expect(log.term(4)).to.equal(2)
    expect(log.term(5)).to.equal(3)
  })

  it('matches index 0 and compacted entries, and checks live ones', () => {
    const log = new RaftLog<string>(undefined, entries(1, 1, 2))
    log.compact(log.metaAt(2))
    expect(log.matches(0, 0)).to.be.true()
    expect(log.matches(1, 7)).to.be.true()
    expect(log.matches(2, 1)).to.be.true()
    expect(log.matches(3, 2)).to.be.true()
    expect(log.matches(3, 1)).to.be.false()
  })

  it('refuses appends out of order, and terms going down', () => {
    const log = new RaftLog<string>(undefined, entries(2))
    expect(() => { log.push({ term: 2, index: 3, kind: 'noop' }) }).to.throw()
    expect(() => { log.push({ term: 1, index: 2, kind: 'noop' }) }).to.throw()
  })

  it('truncates a suffix and forgets its terms, but never a compacted entry', () => {
    const log = new RaftLog<string>(undefined, entries(1, 2, 3))
    const removed = log.truncateFrom(2)
    expect(removed.map(e => e.index)).to.deep.equal([2, 3])
    expect(log.lastIndex).to.equal(1)
    log.push({ term: 4, index: 2, kind: 'noop' })
    expect(log.termOfAny(2)).to.equal(4)
    log.compact(log.metaAt(1))
    expect(() => log.truncateFrom(1)).to.throw()
  })

  it('finds the newest membership at or below an index', () => {
    const log = new RaftLog<string>({ index: 0, term: 0, membership: { voters: ['a'], learners: [] }, termStarts: [] })
    log.push({ term: 1, index: 1, kind: 'noop' })
    log.push({ term: 1, index: 2, kind: 'config', config: { voters: ['a'], learners: ['b'] } })
    log.push({ term: 1, index: 3, kind: 'noop' })
    expect(log.membershipAt(1).membership.voters).to.deep.equal(['a'])
    expect(log.membershipAt(3)).to.deep.equal({ membership: { voters: ['a'], learners: ['b'] }, index: 2 })
    expect(log.metaAt(1).membership).to.deep.equal({ voters: ['a'], learners: [] })
  })

  it('replaces itself with a snapshot that is ahead of it or diverges', () => {
    const log = new RaftLog<string>(undefined, entries(1, 1, 2))
    log.compact({ index: 5, term: 3, membership: { voters: ['a'], learners: [] }, termStarts: [[1, 1], [3, 3]] })
    expect(log.lastIndex).to.equal(5)
    expect(log.lastTerm).to.equal(3)
    expect(log.termOfAny(4)).to.equal(3)
  })
})
