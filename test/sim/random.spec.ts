import { expect } from 'aegir/chai'
import { SeededRandom } from '../../src/sim/random.ts'

describe('SeededRandom', () => {
  it('replays the same sequence from the same seed', () => {
    const a = new SeededRandom(42)
    const b = new SeededRandom(42)
    const draws = Array.from({ length: 100 }, () => a.next())
    expect(Array.from({ length: 100 }, () => b.next())).to.deep.equal(draws)
  })

  it('gives different sequences for different seeds', () => {
    expect(new SeededRandom(1).next()).to.not.equal(new SeededRandom(2).next())
  })

  it('stays within the asked ranges', () => {
    const random = new SeededRandom(7)
    for (let i = 0; i < 2000; i++) {
      const x = random.next()
      expect(x >= 0 && x < 1).to.be.true()
      const n = random.int(3, 5)
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).to.be.true()
      const r = random.between(-2, 2)
      expect(r >= -2 && r < 2).to.be.true()
    }
  })

  it('draws every integer of a range', () => {
    const random = new SeededRandom(9)
    const seen = new Set<number>()
    for (let i = 0; i < 1000; i++) {
      seen.add(random.int(0, 9))
    }
    expect(seen.size).to.equal(10)
  })

  it('forks independent streams: drawing from one does not shift the other', () => {
    const a = new SeededRandom(5)
    const forkA = a.fork()
    const b = new SeededRandom(5)
    const forkB = b.fork()
    a.next()
    a.next()
    expect(forkA.next()).to.equal(forkB.next())
  })

  it('shuffles into a permutation', () => {
    const shuffled = new SeededRandom(3).shuffle([1, 2, 3, 4, 5, 6])
    expect([...shuffled].sort()).to.deep.equal([1, 2, 3, 4, 5, 6])
  })
})
