import { generateKeyPair } from '@libp2p/crypto/keys'
import { expect } from 'aegir/chai'
import fc from 'fast-check'
import { compareEpochs } from '../../src/ownership/epoch.ts'
import { LocationHints } from '../../src/ownership/hints.ts'
import { createMasterRecord, hashKey } from '../../src/ownership/master-record.ts'
import type { Epoch } from '../../src/ownership/epoch.ts'

function hint (counter: number, term: number, leader = 'peerA', group = 'gA'): { group: string, leader: string, epoch: Epoch } {
  return { group, leader, epoch: { counter, term } }
}

describe('location hints', () => {
  it('learns a hint and returns it', () => {
    const hints = new LocationHints()

    expect(hints.learn('k', hint(1, 1))).to.be.true()
    expect(hints.get('k')).to.deep.equal(hint(1, 1))
    expect(hints.get('other')).to.be.undefined()
  })

  it('is replaced by a higher or equal epoch, never by a lower one', () => {
    const hints = new LocationHints()
    hints.learn('k', hint(2, 5))

    expect(hints.learn('k', hint(2, 4, 'peerB'))).to.be.false()
    expect(hints.learn('k', hint(1, 9, 'peerB'))).to.be.false()
    expect(hints.get('k')?.leader).to.equal('peerA')

    // an equal epoch: the group's new leader after a failover
    expect(hints.learn('k', hint(2, 5, 'peerC'))).to.be.true()
    expect(hints.get('k')?.leader).to.equal('peerC')
    expect(hints.learn('k', hint(3, 0, 'peerD', 'gD'))).to.be.true()
    expect(hints.get('k')).to.deep.equal(hint(3, 0, 'peerD', 'gD'))
  })

  it('ends with the highest epoch whatever the order it learned them in', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { minLength: 1, maxLength: 20 }), epochs => {
      const hints = new LocationHints()
      epochs.forEach(([counter, term], i) => hints.learn('k', hint(counter, term, `peer${i}`)))
      const highest = epochs.map(([counter, term]) => ({ counter, term })).reduce((a, b) => compareEpochs(a, b) >= 0 ? a : b)

      expect(hints.peek('k')?.epoch).to.deep.equal(highest)
    }))
  })

  it('keeps at most maxHints, dropping the least recently used', () => {
    const hints = new LocationHints({ maxHints: 3 })
    hints.learn('a', hint(1, 1))
    hints.learn('b', hint(1, 1))
    hints.learn('c', hint(1, 1))
    hints.get('a') // a is now the most recently used
    hints.learn('d', hint(1, 1))

    expect(hints.size).to.equal(3)
    expect(hints.peek('b')).to.be.undefined()
    expect(hints.peek('a')).to.exist()
    expect(hints.peek('c')).to.exist()
    expect(hints.peek('d')).to.exist()
  })

  it('forgets a hint; with an epoch, only a hint no newer than it', () => {
    const hints = new LocationHints()
    hints.learn('k', hint(4, 1))

    expect(hints.invalidate('k', { counter: 3, term: 9 })).to.be.false()
    expect(hints.peek('k')).to.exist()
    expect(hints.invalidate('k', { counter: 4, term: 1 })).to.be.true()
    expect(hints.peek('k')).to.be.undefined()

    hints.learn('k', hint(4, 1))
    expect(hints.invalidate('k')).to.be.true()
    expect(hints.invalidate('k')).to.be.false()
  })

  it('forgets every hint naming a leader that is gone', () => {
    const hints = new LocationHints()
    hints.learn('a', hint(1, 1, 'gone'))
    hints.learn('b', hint(1, 1, 'alive'))
    hints.learn('c', hint(1, 1, 'gone'))

    expect(hints.invalidateLeader('gone')).to.equal(2)
    expect(hints.size).to.equal(1)
    expect(hints.peek('b')).to.exist()
    hints.clear()
    expect(hints.size).to.equal(0)
  })

  it('learns from a master record', async () => {
    const key = await generateKeyPair('Ed25519')
    const record = await createMasterRecord(key, { keyHash: hashKey('k'), epoch: { counter: 2, term: 3 }, group: 'g' })
    const hints = new LocationHints()

    expect(hints.learnFromRecord('k', record)).to.be.true()
    expect(hints.get('k')).to.deep.equal({ group: 'g', leader: record.leader, epoch: { counter: 2, term: 3 } })
  })

  it('keeps its own copy of what it learned', () => {
    const hints = new LocationHints()
    const learned = hint(1, 1)
    hints.learn('k', learned)
    learned.epoch = { counter: 0, term: 0 }

    expect(hints.get('k')?.epoch).to.deep.equal({ counter: 1, term: 1 })
  })

  it('refuses malformed hints and options with InvalidOptionError', () => {
    const hints = new LocationHints()

    for (const bad of [hint(-1, 0), hint(1.5, 0), { ...hint(1, 1), group: '' }, { ...hint(1, 1), leader: '' }]) {
      expect(() => hints.learn('k', bad)).to.throw().with.property('name', 'InvalidOptionError')
    }
    expect(() => new LocationHints({ maxHints: 0 })).to.throw().with.property('name', 'InvalidOptionError')
  })
})
