import { expect } from 'aegir/chai'
import { measureElection } from '../../src/sim/election-time.ts'

describe('failover after a leader crash', function () {
  this.timeout(60_000)

  // the figures are for scripts/election-time.ts to report; a test only checks that every crash
  // is followed by a new, ready leader and that nothing was violated meanwhile
  it('a new leader is elected and ready after each of 100 crashes', async () => {
    const failed: number[] = []
    for (let seed = 0; seed < 100; seed++) {
      const result = await measureElection(seed)
      if (!result.ok || !(result.electedMs > 0) || result.readyMs < result.electedMs) {
        failed.push(seed)
      }
    }
    expect(failed).to.deep.equal([])
  })
})
