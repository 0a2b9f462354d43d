import { expect } from 'aegir/chai'
import { sleep } from '../../src/clock/clock.ts'
import { formatEpoch } from '../../src/ownership/epoch.ts'
import { SimMesh } from '../../src/sim/mesh.ts'
import { growMesh, settleMembership } from '../fixtures/mesh.ts'
import type { NodeCore } from '../../src/node-core.ts'
import type { Epoch } from '../../src/ownership/epoch.ts'
import type { RecordSink } from '../../src/ownership/record-publisher.ts'
import type { SimMeshNode } from '../../src/sim/mesh.ts'
import type { AbortOptions } from '@libp2p/interface'

const KEYS = 600
const PACE = { maxPerSecond: 400, batchSize: 20, sweepIntervalMs: 500 }

interface Put { atMs: number, node: string, key: string, group: string }

/**
 * A DHT stand-in: what each node keeps published, every put, and any put that breaks the rules
 * (published by a node that does not lead the group, or ahead of the committed log)
 */
class RecordingSink implements RecordSink {
  /** key -> group: the records this node keeps fresh */
  readonly active = new Map<string, string>()
  private readonly mesh: SimMesh
  private readonly node: SimMeshNode
  private readonly puts: Put[]
  private readonly problems: string[]

  constructor (mesh: SimMesh, node: SimMeshNode, puts: Put[], problems: string[]) {
    this.mesh = mesh
    this.node = node
    this.puts = puts
    this.problems = problems
  }

  async publish (key: string, owner: { epoch: Epoch, group: string }, options: AbortOptions = {}): Promise<void> {
    const group = this.node.core?.groups.get(owner.group)
    if (group?.raft.isReady !== true) {
      this.problems.push(`${this.node.name} published ${key} for ${owner.group}, which it does not lead (at ${this.mesh.nowMs.toFixed(1)} ms)`)
    } else {
      const committed = group.ownership.committedOwnedEpoch(key, group.state.committedIndex)
      if (committed == null || formatEpoch(committed) !== formatEpoch(owner.epoch)) {
        this.problems.push(`${this.node.name} published ${key} at epoch ${formatEpoch(owner.epoch)}, its committed epoch is ${committed == null ? 'none' : formatEpoch(committed)}`)
      }
    }
    this.puts.push({ atMs: this.mesh.nowMs, node: this.node.name, key, group: owner.group })
    // as MasterRecords: kept fresh from the call on, the put itself takes a few milliseconds
    this.active.set(key, owner.group)
    await sleep(this.node.clock, 3, options.signal)
  }

  withdraw (key: string): boolean {
    return this.active.delete(key)
  }

  count (group: string): number {
    let n = 0
    for (const g of this.active.values()) {
      if (g === group) {
        n++
      }
    }
    return n
  }
}

/** The most puts `node` made in any one-second window */
function peakPerSecond (puts: Put[], node: string): number {
  const times = puts.filter(p => p.node === node).map(p => p.atMs)
  let peak = 0
  let from = 0
  for (let i = 0; i < times.length; i++) {
    while (times[i] - times[from] >= 1_000) {
      from++
    }
    peak = Math.max(peak, i - from + 1)
  }
  return peak
}

describe('master records follow the leader (simulated mesh)', function () {
  this.timeout(300_000)

  it('a new leader republishes its group\'s records in the background, at a bounded rate; a deposed one withdraws them', async () => {
    const puts: Put[] = []
    const problems: string[] = []
    const sinks = new Map<string, RecordingSink>()
    const mesh: SimMesh = new SimMesh({
      seed: 801,
      nodes: 4,
      memberDeadMs: 60_000,
      recordPace: PACE,
      records: (node): RecordingSink => {
        const sink = new RecordingSink(mesh, node, puts, problems)
        sinks.set(node.name, sink)
        return sink
      }
    })
    await growMesh(mesh, 4)
    await settleMembership(mesh, 30_000)
    const n1 = mesh.node('n1').core!
    const group = n1.dataGroup.id
    for (let from = 0; from < KEYS; from += 100) {
      await mesh.settle(n1.run(tx => {
        for (let i = from; i < from + 100; i++) {
          tx.put(`rec/${i}`, Uint8Array.of(1))
        }
      }, { durable: true }))
    }

    // the founder and leader publishes what its group owns, within the rate
    expect(await mesh.runUntil(() => sinks.get('n1')!.count(group) === KEYS, 10_000), 'n1 published its keys').to.be.true()
    expect(peakPerSecond(puts, 'n1'), 'n1\'s peak records per second').to.be.at.most(PACE.maxPerSecond + PACE.batchSize)

    // n1 is cut off: it steps down (check-quorum) and withdraws; the majority's new leader republishes
    mesh.partition(['n1'])
    const cutAtMs = mesh.nowMs
    let leader: NodeCore | undefined
    await mesh.runUntil(() => {
      leader = mesh.cores().find(core => core !== n1 && core.groups.get(group)?.raft.isReady === true)
      return leader != null
    }, 10_000)
    expect(leader, 'a new leader of n1\'s group').to.not.be.undefined()
    const electedAtMs = mesh.nowMs
    const newSink = sinks.get(leader!.nodeId)!
    expect(await mesh.runUntil(() => newSink.count(group) === KEYS && sinks.get('n1')!.count(group) === 0, 10_000),
      `${leader!.nodeId} republished (${newSink.count(group)}) and n1 withdrew (${sinks.get('n1')!.count(group)} left)`).to.be.true()
    const republished = puts.filter(p => p.node === leader!.nodeId && p.group === group)
    expect(new Set(republished.map(p => p.key)).size).to.equal(KEYS)
    // in the background, not at once: the rate spreads 600 records over more than a second
    const spanMs = Math.max(...republished.map(p => p.atMs)) - Math.min(...republished.map(p => p.atMs))
    expect(spanMs, 'the republishing took (ms)').to.be.greaterThan(1_000 * (KEYS - PACE.batchSize) / PACE.maxPerSecond - 50)
    expect(peakPerSecond(puts, leader!.nodeId), `${leader!.nodeId}'s peak records per second`).to.be.at.most(PACE.maxPerSecond + PACE.batchSize)
    expect(Math.min(...republished.map(p => p.atMs)), 'first record after the election').to.be.at.least(electedAtMs - 1_000)
    // n1 put nothing of the group after its lease could no longer hold
    expect(puts.filter(p => p.node === 'n1' && p.group === group && p.atMs > cutAtMs + 1_000)).to.deep.equal([])

    // healed, leadership goes back to the founder: it republishes, and the interim leader withdraws
    mesh.heal()
    expect(await mesh.runUntil(() => sinks.get('n1')!.count(group) === KEYS && newSink.count(group) === 0, 30_000),
      `n1 republished (${sinks.get('n1')!.count(group)}) and ${leader!.nodeId} withdrew (${newSink.count(group)} left)`).to.be.true()
    expect(n1.groups.get(group)?.raft.isReady).to.be.true()

    // a key handed out of the group has its record withdrawn by the old owner's leader, published by the new
    const other = mesh.node('n2').core!
    await mesh.settle(other.run(tx => { tx.put('rec/0', Uint8Array.of(2)) }, { durable: true }))
    expect(await mesh.runUntil(() => sinks.get('n1')!.active.get('rec/0') == null && sinks.get('n2')!.active.get('rec/0') === other.dataGroup.id, 5_000),
      'rec/0 is published by its new owner only').to.be.true()

    expect(problems).to.deep.equal([])
    expect(mesh.errors).to.deep.equal([])
  })
})
