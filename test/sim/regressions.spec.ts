import { expect } from 'aegir/chai'
import { runSeed } from '../../src/sim/run-seed.ts'

/**
 * Every seed that failed while the simulator was being built, with what it found. They pass now;
 * a seed names a schedule of the generator as it was then, so the tests of the safety rules
 * (test/consensus/safety-rules.spec.ts) are what pins each fix down for good.
 */
const regressions: Array<{ seed: number, schedule?: string, found: string }> = [
  { seed: 4, found: 'snapshot install reported entries below the snapshot as truncated' },
  { seed: 7, found: 'snapshot install reported entries below the snapshot as truncated' },
  { seed: 8, found: 'snapshot install reported entries below the snapshot as truncated' },
  { seed: 13, found: 'entries acknowledged before they were synced: a power loss lost a committed entry' },
  { seed: 19, found: 'a new leader held its lease before its first entry committed: a read missed a commit' },
  { seed: 22, found: 'a new leader held its lease before its first entry committed' },
  { seed: 56, found: 'a new leader held its lease before its first entry committed' },
  { seed: 108, found: 'a new leader held its lease before its first entry committed' },
  { seed: 15, schedule: 'leadership-transfer', found: 'checker: leader completeness demanded entries committed in later terms' },
  { seed: 90, schedule: 'leadership-transfer', found: 'checker: leader completeness demanded entries committed in later terms' },
  { seed: 35, schedule: 'leadership-transfer', found: 'a leader whose hand-over timed out led on with a lease after sending TimeoutNow' },
  { seed: 29, schedule: 'grow-from-one', found: 'a 1 -> 3 membership entry sent before it was durable: two leaders in one term' },
  { seed: 30, schedule: 'grow-from-one', found: 'a 1 -> 3 membership entry sent before it was durable' },
  { seed: 1368, found: 'appends accepted while a snapshot was being installed truncated entries it covered' },
  { seed: 152, found: 'appends accepted while a snapshot was being installed truncated entries it covered (re-found after the timing change)' },
  { seed: 212, found: 'snapshots taken before the first membership change carried no voters: no one could campaign' },
  { seed: 17906, found: 'sim controller removed a healthy member while another had lost its memory: the group halted for good' }
]

describe('regression seeds', function () {
  this.timeout(60_000)

  for (const { seed, schedule, found } of regressions) {
    it(`seed ${seed}${schedule != null ? ` (${schedule})` : ''}: ${found}`, async () => {
      const result = await runSeed({ seed, schedule })
      expect(result.violations).to.deep.equal([])
      expect(result.errors).to.deep.equal([])
    })
  }
})
