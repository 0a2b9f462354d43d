import { expect } from 'aegir/chai'
import { DEFAULT_TIMING, validateTiming } from '../../src/consensus/raft.ts'
import { Scenario } from './fixtures/scenario.ts'

describe('Raft', function () {
  this.timeout(30_000)

  it('refuses timings that break the lease argument', () => {
    expect(() => { validateTiming(DEFAULT_TIMING) }).to.not.throw()
    expect(() => { validateTiming({ ...DEFAULT_TIMING, electionTimeoutMinMs: DEFAULT_TIMING.leaseMs }) }).to.throw().with.property('name', 'InvalidOptionError')
    expect(() => { validateTiming({ ...DEFAULT_TIMING, heartbeatMs: DEFAULT_TIMING.leaseMs }) }).to.throw().with.property('name', 'InvalidOptionError')
  })

  it('a lone voter leads, commits and holds its lease', async () => {
    const s = new Scenario({ nodes: 1, voters: 1 })
    s.cluster.start()
    const leader = await s.readyLeader()
    s.cluster.propose(leader, false)
    await s.run(20)
    expect(leader.raft?.commitIndex).to.equal(2)
    expect(leader.raft?.hasLease()).to.be.true()
    expect(s.failures()).to.deep.equal([])
  })

  it('three voters elect one leader and replicate to all', async () => {
    const s = new Scenario({ nodes: 3, voters: 3 })
    s.cluster.start()
    const leader = await s.readyLeader()
    s.workload(5, 5)
    await s.run(500)
    expect(s.cluster.leaders()).to.deep.equal([leader])
    const commits = s.cluster.nodes.map(n => n.raft?.commitIndex ?? 0)
    expect(Math.min(...commits)).to.be.above(50)
    expect(s.failures()).to.deep.equal([])
  })

  it('a follower that was away catches up from a snapshot after compaction', async () => {
    const s = new Scenario({ nodes: 3, voters: 3, maxSnapshotChunkBytes: 8 })
    s.cluster.start()
    const leader = await s.readyLeader()
    const [away] = s.cluster.nodes.filter(n => n !== leader)
    s.cut(away.name, ...s.cluster.nodes.filter(n => n !== away).map(n => n.name))
    s.workload(5, 5)
    await s.run(300)
    for (const node of s.cluster.nodes) {
      s.cluster.compact(node, 0)
    }
    expect(leader.raft?.log.snapshotIndex).to.be.above(away.raft?.lastIndex ?? 0)
    s.heal(away.name, ...s.cluster.nodes.filter(n => n !== away).map(n => n.name))
    await s.until(() => (away.raft?.commitIndex ?? 0) >= (leader.raft?.log.snapshotIndex ?? 0), 2000)
    expect(away.raft?.log.snapshotIndex).to.be.at.least(leader.raft?.log.snapshotIndex ?? 0)
    expect(away.machine.index).to.be.at.least(away.raft?.log.snapshotIndex ?? 0)
    expect(s.failures()).to.deep.equal([])
  })

  it('a snapshot taken before any membership change still names the founding voters', async () => {
    // the founding membership is in no log entry; a member installing such a snapshot must still
    // know who votes (itself included), or it can never campaign
    const s = new Scenario({ nodes: 3, voters: 3 })
    s.cluster.start()
    const leader = await s.readyLeader()
    const [away] = s.cluster.nodes.filter(n => n !== leader)
    s.cut(away.name, ...s.cluster.nodes.filter(n => n !== away).map(n => n.name))
    s.workload(5, 5)
    await s.run(200)
    s.cluster.compact(leader, 0)
    s.heal(away.name, ...s.cluster.nodes.filter(n => n !== away).map(n => n.name))
    await s.until(() => (away.raft?.log.snapshotIndex ?? 0) > 0, 2000)
    expect(away.raft?.log.snapshotIndex).to.be.above(0)
    expect(away.raft?.currentMembership).to.deep.equal(s.cluster.founders)
    expect(away.raft?.log.snapshotMeta.membership).to.deep.equal(s.cluster.founders)
  })

  it('adds a member as a learner and promotes it once caught up', async () => {
    const s = new Scenario({ nodes: 4, voters: 3 })
    s.cluster.start()
    const leader = await s.readyLeader()
    s.workload(5, 5)
    const spare = s.cluster.nodes[3]
    s.cluster.spawnNewIncarnation(spare.name)
    expect(leader.raft?.changeMembership({ add: spare.member })).to.be.true()
    await s.until(() => leader.raft?.currentMembership.voters.includes(spare.member) === true, 2000)
    expect(leader.raft?.currentMembership.voters).to.have.lengthOf(4)
    expect(leader.raft?.currentMembership.learners).to.deep.equal([])
    expect(s.failures()).to.deep.equal([])
  })

  it('promotes a learner in an idle group, even if it caught up before the change committed', async () => {
    const s = new Scenario({ nodes: 4, voters: 3 })
    s.cluster.start()
    const leader = await s.readyLeader()
    const spare = s.cluster.nodes[3]
    const voters = s.cluster.nodes.slice(0, 3).filter(n => n !== leader)
    s.cluster.spawnNewIncarnation(spare.name)
    // the voters get the change late: the learner has acknowledged it before it commits
    for (const voter of voters) {
      s.cluster.network.cut(leader.name, voter.name)
    }
    expect(leader.raft?.changeMembership({ add: spare.member })).to.be.true()
    await s.run(100)
    for (const voter of voters) {
      s.cluster.network.heal(leader.name, voter.name)
    }
    await s.until(() => leader.raft?.currentMembership.voters.includes(spare.member) === true, 2000)
    expect(leader.raft?.currentMembership.voters).to.include(spare.member)
    expect(s.failures()).to.deep.equal([])
  })

  it('grows from one voter straight to three, never two', async () => {
    const s = new Scenario({ nodes: 3, voters: 1 })
    s.cluster.start()
    const leader = await s.readyLeader()
    const sizes = new Set<number>()
    s.watch(event => {
      if (event.type === 'log-append') {
        for (const e of event.entries) {
          if (e.id.startsWith('config:')) {
            sizes.add(e.id.slice('config:'.length).split('|')[0].split(',').length)
          }
        }
      }
    })
    for (const node of s.cluster.nodes.slice(1)) {
      s.cluster.spawnNewIncarnation(node.name)
      await s.until(() => leader.raft?.changeMembership({ add: node.member }) === true, 1000)
    }
    await s.until(() => leader.raft?.currentMembership.voters.length === 3, 2000)
    expect([...sizes].sort()).to.deep.equal([1, 3])
    expect(s.failures()).to.deep.equal([])
  })

  it('hands leadership over to a chosen voter', async () => {
    const s = new Scenario({ nodes: 3, voters: 3 })
    s.cluster.start()
    const leader = await s.readyLeader()
    const target = s.cluster.nodes.find(n => n !== leader)
    expect(target).to.not.be.undefined()
    expect(leader.raft?.transferLeadership(target?.member ?? '')).to.be.true()
    expect(leader.raft?.hasLease()).to.be.false()
    await s.until(() => s.cluster.readyLeader() === target, 2000)
    expect(s.cluster.readyLeader()).to.equal(target)
    expect(s.failures()).to.deep.equal([])
  })

  it('a leader cut off from the others steps down (check-quorum) and a new one is elected', async () => {
    const s = new Scenario({ nodes: 3, voters: 3 })
    s.cluster.start()
    const leader = await s.readyLeader()
    s.cluster.network.cut(leader.name, s.cluster.nodes.find(n => n !== leader)?.name ?? '')
    for (const node of s.cluster.nodes.filter(n => n !== leader)) {
      s.cluster.network.cut(node.name, leader.name)
    }
    s.reads(2)
    await s.until(() => leader.raft?.role !== 'leader', 2000)
    expect(leader.raft?.role).to.not.equal('leader')
    const next = await s.readyLeader()
    expect(next).to.not.equal(leader)
    expect(s.failures()).to.deep.equal([])
  })
})
