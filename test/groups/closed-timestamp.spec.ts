import { expect } from 'aegir/chai'
import { SimMesh } from '../../src/sim/mesh.ts'
import { growMesh, settleMembership } from '../fixtures/mesh.ts'

describe('closed timestamps (simulated mesh)', function () {
  this.timeout(120_000)

  it('a leader closes no timestamp at or above an entry it has not committed, closes past it once committed, and only while it leads with a lease', async () => {
    const mesh = new SimMesh({ seed: 51, nodes: 3, withDisk: false })
    await growMesh(mesh, 3)
    await settleMembership(mesh, 20_000)
    const core = mesh.node('n1').core
    expect(core).to.exist()
    if (core == null) {
      return
    }
    const group = core.dataGroup
    const before = group.closeTimestamp()
    expect(before, 'a ready leader with a lease closes a timestamp').to.exist()

    // cut the leader off: its next entry cannot commit, but its lease still holds for a while
    mesh.partition(['n1'])
    const receipt = await mesh.settle(core.runTask(tx => { tx.put('closed/key', Uint8Array.of(1)) }))
    const token = receipt.token
    expect(token).to.exist()
    if (token == null) {
      return
    }
    await mesh.runFor(5)
    const entryTs = group.raft.log.entry(token.index)?.command?.sets[token.position]?.ts
    expect(entryTs, 'the uncommitted entry is in the log').to.be.a('number')
    expect(group.state.committedIndex).to.be.lessThan(token.index)
    const during = group.closeTimestamp()
    expect(during, 'the leader still holds its lease').to.exist()
    expect(during?.ts, 'closed below the uncommitted entry').to.be.lessThan(entryTs ?? 0)
    expect(during?.index, 'closed at the committed index').to.be.lessThan(token.index)
    // once the lease has run out the leader closes nothing
    await mesh.runFor(2_000)
    expect(group.closeTimestamp(), 'no lease, no closed timestamp').to.equal(undefined)

    mesh.heal()
    await settleMembership(mesh, 30_000)
    const leader = mesh.cores().map(c => c.groups.get(group.id)).find(g => g?.raft.role === 'leader' && g.raft.isReady)
    expect(leader).to.exist()
    const after = leader?.closeTimestamp()
    expect(after?.ts ?? 0, 'later closed timestamps pass the earlier ones').to.be.greaterThan(before?.ts ?? Infinity)
  })
})
