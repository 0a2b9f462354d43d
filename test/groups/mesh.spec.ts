import { expect } from 'aegir/chai'
import { META_GROUP_ID } from '../../src/groups/meta.ts'
import { SimMesh } from '../../src/sim/mesh.ts'
import { PERFECT_LINK } from '../../src/sim/network.ts'
import { growMesh, logAgreementProblems, membershipProblems, settleMembership } from '../fixtures/mesh.ts'
import type { NodeCore } from '../../src/node-core.ts'

const value = (n: number): Uint8Array => Uint8Array.of(n)

/** A task on every running node commits (and its commit is learned) */
async function tasksCommitEverywhere (mesh: SimMesh, tag: string): Promise<void> {
  for (const core of mesh.cores()) {
    const receipt = await mesh.settle(core.runTask(tx => { tx.put(`${tag}/${core.nodeId}`, value(1)) }))
    await mesh.settle(core.whenCommitted(receipt.token!))
    expect(core.commitStatus(receipt.token!), `commit on ${core.nodeId}`).to.equal('committed')
  }
}

function afterwards (mesh: SimMesh): void {
  expect(mesh.errors, 'errors logged or thrown by nodes').to.deep.equal([])
  expect(logAgreementProblems(mesh)).to.deep.equal([])
}

describe('groups across nodes (simulated mesh)', function () {
  this.timeout(120_000)

  for (const count of [1, 2, 3, 5, 7]) {
    it(`${count} node(s): the metadata group and every data group reach their size with one leader each`, async () => {
      const mesh = new SimMesh({ seed: 100 + count, nodes: count })
      await growMesh(mesh, count)
      await settleMembership(mesh, 20_000)
      const metaVoters = mesh.cores()[0].groups.get(META_GROUP_ID)?.raft.currentMembership.voters.length
      expect(metaVoters).to.equal(count < 3 ? 1 : Math.min(5, count))
      // every node holds the metadata (a replica catches up shortly after it becomes a member)
      const everyone = mesh.nodes.map(n => n.name).sort().join(',')
      await mesh.runUntil(() => mesh.cores().every(core => [...core.meta.nodes().keys()].sort().join(',') === everyone), 5_000)
      for (const core of mesh.cores()) {
        expect(core.joined, `${core.nodeId} joined`).to.be.true()
        expect([...core.meta.nodes().keys()].sort().join(','), `the metadata ${core.nodeId} holds`).to.equal(everyone)
      }
      await tasksCommitEverywhere(mesh, 'grown')
      afterwards(mesh)
    })
  }

  it('replaces a crashed node in every group it served, and its own group fails over', async () => {
    const mesh = new SimMesh({ seed: 7, nodes: 5, memberDeadMs: 2_000 })
    await growMesh(mesh, 5)
    await settleMembership(mesh, 20_000)
    const victim = mesh.node('n2').core as NodeCore
    const victimGroup = victim.dataGroup.id
    mesh.crash('n2')
    await settleMembership(mesh, 30_000)
    // its group lives on, led by a member on another node, with 3 live voters
    const leaders = mesh.cores().filter(core => core.groups.get(victimGroup)?.raft.isReady === true)
    expect(leaders).to.have.lengthOf(1)
    expect(mesh.cores()[0].meta.nodes().get('n2')?.dead).to.be.true()
    await tasksCommitEverywhere(mesh, 'after-crash')
    afterwards(mesh)
  })

  it('a node restarted without its data rejoins as a new incarnation, which replaces the old one', async () => {
    const mesh = new SimMesh({ seed: 8, nodes: 4, memberDeadMs: 2_000 })
    await growMesh(mesh, 4)
    await settleMembership(mesh, 20_000)
    const before = (mesh.node('n3').core as NodeCore).member
    await mesh.restart('n3', ['n1'], true)
    const after = (mesh.node('n3').core as NodeCore).member
    expect(after).to.not.equal(before)
    await settleMembership(mesh, 30_000)
    for (const core of mesh.cores()) {
      for (const group of core.groups.all()) {
        const { voters, learners } = group.raft.currentMembership
        if (group.raft.isReady) {
          expect([...voters, ...learners], `members of ${group.id}`).to.not.include(before)
        }
      }
    }
    await tasksCommitEverywhere(mesh, 'after-wipe')
    afterwards(mesh)
  })

  it('a node restarted with its data rejoins as the same member and leads its own group again', async () => {
    const mesh = new SimMesh({ seed: 9, nodes: 3, memberDeadMs: 3_000 })
    await growMesh(mesh, 3)
    await settleMembership(mesh, 20_000)
    const core = mesh.node('n2').core as NodeCore
    const { member, dataGroup } = core
    const receipt = await mesh.settle(core.runTask(tx => { tx.put('kept', value(7)) }, { durable: true }))
    mesh.crash('n2')
    await mesh.runFor(1_000)
    const back = await mesh.restart('n2', ['n1'])
    expect(back.member).to.equal(member)
    expect(back.dataGroup.id).to.equal(dataGroup.id)
    await settleMembership(mesh, 30_000)
    expect(back.commitStatus(receipt.token!)).to.equal('committed')
    expect(await mesh.settle(back.run(async tx => tx.get('kept')))).to.deep.equal(value(7))
    afterwards(mesh)
  })

  it('a node cut off and healed rejoins; no group ever has two leaders in a term', async () => {
    const mesh = new SimMesh({ seed: 10, nodes: 5, memberDeadMs: 4_000 })
    await growMesh(mesh, 5)
    await settleMembership(mesh, 20_000)
    mesh.partition(['n1'])
    await mesh.runFor(2_500)
    mesh.heal()
    await settleMembership(mesh, 30_000)
    await tasksCommitEverywhere(mesh, 'after-heal')
    afterwards(mesh)
  })

  it('a node whose join answers come too late still registers: it sees itself in its copy of the metadata', async () => {
    // every message to and from n4 takes 3 s: a join's answer comes 6 s after it was asked, past
    // the join's 5 s timeout, so no join ever succeeds by its answer; the registration commits anyway
    const slow = { ...PERFECT_LINK, minDelayMs: 3_000, maxDelayMs: 3_000 }
    const mesh = new SimMesh({ seed: 14, nodes: 4, memberDeadMs: 20_000 })
    await growMesh(mesh, 3)
    await settleMembership(mesh, 20_000)
    for (const other of ['n1', 'n2', 'n3']) {
      mesh.network.setLinkProfile(other, 'n4', slow)
      mesh.network.setLinkProfile('n4', other, slow)
    }
    await mesh.start('n4', ['n1'])
    const late = mesh.node('n4').core as NodeCore
    await mesh.runUntil(() => late.joined, 60_000)
    expect(late.joined, 'n4 registered').to.be.true()
    const info = mesh.cores()[0].meta.nodes().get('n4')
    expect(info?.incarnation, 'the incarnation the metadata records').to.equal(late.incarnation)
    expect(info?.dead).to.be.false()
  })

  it('settles over a lossy, duplicating, reordering network', async () => {
    const mesh = new SimMesh({
      seed: 11,
      nodes: 5,
      link: { dropRate: 0.05, duplicateRate: 0.02, minDelayMs: 0.5, maxDelayMs: 3, delaySpikeRate: 0.05, maxExtraDelayMs: 40 }
    })
    await growMesh(mesh, 5)
    await settleMembership(mesh, 40_000)
    await tasksCommitEverywhere(mesh, 'lossy')
    afterwards(mesh)
  })

  it('replays a seed exactly', async () => {
    const run = async (): Promise<string> => {
      const mesh = new SimMesh({ seed: 12, nodes: 4 })
      await growMesh(mesh, 4)
      await mesh.runFor(5_000)
      return JSON.stringify(mesh.cores().map(core => core.stats().groups))
    }
    expect(await run()).to.equal(await run())
  })

  it('the membership check notices a group that is not right', async () => {
    const mesh = new SimMesh({ seed: 13, nodes: 3 })
    await growMesh(mesh, 3)
    await settleMembership(mesh, 20_000)
    mesh.crash('n3')
    expect(membershipProblems(mesh)).to.not.deep.equal([])
  })
})
