import { expect } from 'aegir/chai'
import { SimMesh } from '../../src/sim/mesh.ts'
import { SeededRandom } from '../../src/sim/random.ts'
import { bankProblems, fullRead, openAccounts, ownershipProblems, runTransfers } from '../fixtures/bank-items.ts'
import { growMesh, logAgreementProblems, settleMembership } from '../fixtures/mesh.ts'
import type { ClockFenceEventDetail, NodeCore } from '../../src/node-core.ts'

const ACCOUNTS = 12
const ITEMS = 2

/** The groups `core` leads now */
function led (core: NodeCore): string[] {
  return [...core.groups.all()].filter(group => group.raft.role === 'leader').map(group => group.id)
}

describe('self-fencing on clock offset (simulated mesh)', function () {
  this.timeout(300_000)

  for (const { skewed, seed } of [{ skewed: 'n2', seed: 701 }, { skewed: 'n1', seed: 702 }, { skewed: 'n4', seed: 703 }]) {
    it(`${skewed} skewed by 2 s fences itself; the rest keep committing; back within the bound it serves again (seed ${seed})`, async () => {
      const mesh = new SimMesh({ seed, nodes: 5, memberDeadMs: 60_000 })
      await growMesh(mesh, 5)
      await settleMembership(mesh, 30_000)
      await mesh.settle(openAccounts(mesh.cores(), ACCOUNTS, ITEMS))
      const victim = mesh.node(skewed).core!
      const events: ClockFenceEventDetail[] = []
      for (const core of mesh.cores()) {
        core.addEventListener('clock:fence', (evt) => {
          if (core === victim) {
            events.push(evt.detail)
          } else {
            mesh.errors.push(`${core.nodeId} fenced itself (${JSON.stringify(evt.detail)}), but its clock is right`)
          }
        })
      }
      // a skew within the bound fences nobody
      mesh.node('n3').clock.setWallOffset(-300)
      await mesh.runFor(2_000)
      expect(mesh.cores().filter(core => core.clockFenced).map(core => core.nodeId), 'fenced within the bound').to.deep.equal([])

      mesh.node(skewed).clock.setWallOffset(2_000)
      const fenced = await mesh.runUntil(() => victim.clockFenced, 5_000)
      expect(fenced, `${skewed} fenced itself`).to.be.true()
      expect(events).to.have.lengthOf(1)
      expect(events[0].far.length, 'peers it found far').to.be.greaterThan(2)
      // it steps down everywhere at once and campaigns nowhere
      expect(led(victim), `groups ${skewed} leads while fenced`).to.deep.equal([])
      await expect(mesh.settle(victim.run(tx => tx.get('acct/0')))).to.eventually.be.rejected.with.property('name', 'ClockOffsetError')

      // the others keep committing, its own group's accounts included (led elsewhere now)
      const random = new SeededRandom(seed)
      const others = (): NodeCore[] => mesh.cores().filter(core => core !== victim)
      const outcome = await mesh.settle(runTransfers(others, random, ACCOUNTS, 4, 3), 120_000)
      expect(outcome.done, `transfers while ${skewed} is fenced (failed: ${outcome.failed.slice(0, 3).join('; ')})`).to.be.greaterThan(0)
      expect(outcome.failed, 'transfers that failed').to.deep.equal([])
      expect(victim.clockFenced, 'still fenced').to.be.true()
      expect(led(victim), `groups ${skewed} leads while fenced`).to.deep.equal([])
      expect(others().every(core => !core.clockFenced), 'the others serve').to.be.true()

      // its clock is fixed: it serves again, and its own group comes back to it
      mesh.node(skewed).clock.setWallOffset(0)
      const resumed = await mesh.runUntil(() => !victim.clockFenced, 5_000)
      expect(resumed, `${skewed} serves again`).to.be.true()
      expect(events.map(e => e.fenced)).to.deep.equal([true, false])
      await mesh.settle(victim.run(tx => { tx.put('acct/after', Uint8Array.of(1)) }, { timeoutMs: 20_000, durable: true }), 30_000)
      await settleMembership(mesh, 30_000)

      expect(mesh.errors, 'errors logged or thrown by nodes').to.deep.equal([])
      const final = await mesh.settle(fullRead(victim, ACCOUNTS))
      expect(bankProblems(final, ACCOUNTS, ITEMS)).to.deep.equal([])
      expect(ownershipProblems(mesh.cores())).to.deep.equal([])
      expect(logAgreementProblems(mesh)).to.deep.equal([])
    })
  }
})
