import { expect } from 'aegir/chai'
import { ClockOffsets } from '../../src/clock/offsets.ts'

describe('clock offsets', () => {
  const STALE_MS = 1_500

  it('estimates a peer\'s offset from a round trip, with half the round trip as its uncertainty', () => {
    const offsets = new ClockOffsets({ maxOffsetMs: 500 })
    // sent at wall 10,000 (monotonic 100), answered 2,000 ms ahead, received 40 ms later
    const sample = offsets.record('p', 10_000, 100, 12_020, 140)
    expect(sample.offsetMs).to.equal(2_000)
    expect(sample.uncertaintyMs).to.equal(20)
    expect(offsets.isFar('p', 140, STALE_MS)).to.be.true()
  })

  it('counts a peer far only when even the most favourable reading of the round trip is beyond the bound', () => {
    const offsets = new ClockOffsets({ maxOffsetMs: 500 })
    // 600 ms off, but a 300 ms round trip: it may be 450 ms off
    offsets.record('slow', 10_000, 0, 10_750, 300)
    expect(offsets.get('slow')?.offsetMs).to.equal(600)
    expect(offsets.isFar('slow', 300, STALE_MS)).to.be.false()
    // behind counts as well as ahead
    offsets.record('behind', 10_000, 0, 9_000, 10)
    expect(offsets.isFar('behind', 10, STALE_MS)).to.be.true()
  })

  it('forgets measurements once stale', () => {
    const offsets = new ClockOffsets({ maxOffsetMs: 500 })
    offsets.record('p', 10_000, 0, 13_000, 10)
    expect(offsets.isFar('p', 10 + STALE_MS, STALE_MS)).to.be.true()
    expect(offsets.isFar('p', 11 + STALE_MS, STALE_MS)).to.be.false()
  })

  it('fences only beyond a majority of the mesh, this node included', () => {
    const offsets = new ClockOffsets({ maxOffsetMs: 500 })
    const far = (peers: string[]): void => { for (const p of peers) { offsets.record(p, 0, 0, 5_000, 2) } }
    const near = (peers: string[]): void => { for (const p of peers) { offsets.record(p, 0, 0, 100, 2) } }
    // two nodes: neither can tell whose clock is wrong
    far(['b'])
    expect(offsets.beyondMajority(['b'], 2, STALE_MS)).to.be.false()
    // three nodes: far from both others
    far(['c'])
    expect(offsets.beyondMajority(['b', 'c'], 2, STALE_MS)).to.be.true()
    // five nodes: far from 2 of 4 is not a majority of 5; far from 3 is
    near(['d', 'e'])
    expect(offsets.beyondMajority(['b', 'c', 'd', 'e'], 2, STALE_MS)).to.be.false()
    far(['d'])
    expect(offsets.beyondMajority(['b', 'c', 'd', 'e'], 2, STALE_MS)).to.be.true()
    // peers never measured count as not far
    expect(offsets.beyondMajority(['b', 'c', 'd', 'e', 'f', 'g'], 2, STALE_MS)).to.be.false()
  })
})
