import { expect } from 'aegir/chai'
import { systemClock } from '../../src/clock/clock.ts'
import { CommitTracker } from '../../src/groups/commit-tracker.ts'

describe('commit tracker', () => {
  const token = { group: 'g', term: 2, index: 9, position: 0 }
  // committed through index 5; terms 2 up to index 3, then 3
  const termAt = (index: number): number | undefined => index <= 5 ? (index <= 3 ? 2 : 3) : undefined

  it('a token above the commit index of a term older than the newest committed entry is lost, not pending', () => {
    const tracker = new CommitTracker(systemClock)
    expect(tracker.status(token, 5, termAt)).to.equal('lost')
    expect(tracker.status({ ...token, term: 3 }, 5, termAt), 'the newest term may still reach index 9').to.equal('pending')
    expect(tracker.status(token, 3, termAt), 'nothing of a later term committed yet').to.equal('pending')
  })

  it('a waiter for such a token is rejected as lost when the commit index rises, though its index is not reached', async () => {
    const tracker = new CommitTracker(systemClock)
    const waiting = tracker.wait(token, { timeoutMs: 5_000 })
    const newer = tracker.wait({ ...token, term: 3, index: 10 }, { timeoutMs: 50 })
    tracker.committed(5, termAt)
    await expect(waiting).to.eventually.be.rejected.with.property('name', 'CommitLostError')
    await expect(newer).to.eventually.be.rejected.with.property('name', 'CommitInDoubtError')
  })
})
