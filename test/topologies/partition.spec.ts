/**
 * The partition gate of topology runs: nodes told to shun peers close their connections and every
 * new one, so the two sides stay apart while the nodes keep trying; healed, they meet again.
 */

import { expect } from 'aegir/chai'
import { TopologyNode } from '../../scripts/topology-node.ts'
import type { NodeEvents, NodeInit } from '../../scripts/topology-node.ts'

const events: NodeEvents = { stats: () => {}, anomaly: () => {}, handover: () => {}, token: () => {} }

function init (index: number, bootstrap: string[]): NodeInit {
  return {
    index,
    nodes: 3,
    listen: ['/ip4/127.0.0.1/tcp/0'],
    bootstrap,
    memberDeadMs: 2_000,
    workload: { type: 'bank', accounts: 3, workers: 0 },
    seed: 1,
    incarnation: 0
  }
}

async function until (condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!await condition()) {
    if (Date.now() > deadline) {
      throw new Error(`not within ${timeoutMs} ms`)
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

describe('topology partitions', function () {
  this.timeout(60_000)
  const nodes: TopologyNode[] = []

  after(async () => {
    await Promise.all(nodes.map(async node => node.stop()))
  })

  it('keeps a cut node apart from the rest until healed', async () => {
    nodes.push(await TopologyNode.start(init(0, []), events))
    nodes.push(await TopologyNode.start(init(1, nodes[0].multiaddrs), events))
    nodes.push(await TopologyNode.start(init(2, nodes[0].multiaddrs), events))
    const [a, b, c] = nodes
    const peersOf = async (node: TopologyNode): Promise<string[]> => (await node.summary()).status.peers
    await until(async () => (await peersOf(c)).length === 2 && (await peersOf(a)).includes(b.peerId), 20_000)

    await Promise.all([a.partition([c.peerId]), b.partition([c.peerId]), c.partition([a.peerId, b.peerId])])
    // the nodes keep dialling each other: the cut holds anyway
    for (let i = 0; i < 20; i++) {
      expect(await peersOf(c)).to.deep.equal([])
      expect(await peersOf(a)).to.not.include(c.peerId)
      expect(await peersOf(b)).to.not.include(c.peerId)
      await new Promise(resolve => setTimeout(resolve, 100))
    }
    expect(await peersOf(a)).to.include(b.peerId)

    await Promise.all(nodes.map(async node => node.partition([])))
    await until(async () => (await peersOf(c)).length > 0, 30_000)
  })
})
