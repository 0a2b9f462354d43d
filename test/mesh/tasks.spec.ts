/**
 * Tasks on a real mesh: `createNode` instances in one process, talking over libp2p on loopback
 * (the multi-process meshes check membership and failures; running tasks needs the embedding API).
 */

import { expect } from 'aegir/chai'
import { createNode } from '../../src/node.ts'
import { settle } from './fixtures.ts'
import type { HoardNode } from '../../src/node.ts'

describe('tasks on a mesh of nodes over libp2p', function () {
  this.timeout(60_000)

  const nodes: HoardNode[] = []

  afterEach(async () => {
    await Promise.all(nodes.splice(0).map(async node => node.stop()))
  })

  async function mesh (count: number): Promise<HoardNode[]> {
    const first = await createNode({ memberDeadMs: 2_000 })
    nodes.push(first)
    for (let i = 1; i < count; i++) {
      nodes.push(await createNode({ bootstrap: first.multiaddrs, memberDeadMs: 2_000 }))
    }
    await settle(async () => nodes.map(node => node.status()), 30_000)
    return nodes
  }

  it('commits a task on every node of a 3-node mesh in its group\'s majority', async () => {
    const value = (n: number): Uint8Array => Uint8Array.of(n)
    for (const [i, node] of (await mesh(3)).entries()) {
      const receipt = await node.runTask(tx => { tx.put(`player/${i}`, value(i)) })
      await receipt.committed()
      expect(node.commitStatus(receipt.token!)).to.equal('committed')
      // durable: returns only once a majority has it on disk (here: in memory, acknowledged)
      const durable = await node.runTask(async tx => {
        tx.put(`player/${i}`, value(i + 10))
        return tx.get(`player/${i}`)
      }, { durable: true })
      expect(node.commitStatus(durable.token!)).to.equal('committed')
      expect(await node.run(async tx => tx.get(`player/${i}`))).to.deep.equal(value(i + 10))
    }
    // each commit went to the node's own data group, which the other two nodes replicate
    for (const node of nodes) {
      const own = node.status().groups.find(g => g.id.startsWith(`${node.peerId}.`))
      expect(own?.role).to.equal('leader')
      expect(own?.voters).to.have.lengthOf(3)
      expect(own?.objects).to.be.at.least(1)
    }
    await until(() => nodes.every(node => node.status().groups.filter(g => g.id !== 'meta').every(g => g.objects >= 1)))
  })

  it('the same named key created at once from every node of a 5-node mesh: exactly one creation wins, every other task retries and reads its object', async () => {
    const all = await mesh(5)
    const key = 'guild/founders-hall'
    const created: string[] = []
    const seen = await Promise.all(all.map(async (node, i) => node.run(async tx => {
      const existing = await tx.get(key)
      if (existing != null) {
        return new TextDecoder().decode(existing)
      }
      const mine = `built by node ${i}`
      tx.put(key, new TextEncoder().encode(mine))
      created.push(mine)
      return mine
    }, { timeoutMs: 30_000 })))
    // a task body may run more than once; what counts is what each task finally returned
    const winners = new Set(seen)
    expect(winners.size, `every node's task ended with the same object: ${[...winners].join(', ')}`).to.equal(1)
    const [winner] = winners
    expect(created).to.include(winner)
    for (const node of all) {
      expect(new TextDecoder().decode(await node.run(async tx => tx.get(key)))).to.equal(winner)
    }
  })

  it('submit runs a registered task over libp2p on the node that owns the key, and returns its result once committed', async () => {
    const all = await mesh(3)
    for (const [i, node] of all.entries()) {
      node.register('add', async (tx, args) => {
        const key = new TextDecoder().decode(args)
        const now = (await tx.get(key))?.[0] ?? 0
        tx.put(key, Uint8Array.of(now + 1))
        return Uint8Array.of(i, now + 1)
      })
    }
    await all[1].run(tx => { tx.put('counter/b', Uint8Array.of(10)) })
    const ran = await all[0].submit('add', new TextEncoder().encode('counter/b'), { near: 'counter/b' })
    // [the index of the node that ran it, the new count]
    expect(ran).to.deep.equal(Uint8Array.of(1, 11))
    const failed = await all[2].submit('missing', new Uint8Array(0), { near: 'counter/b' }).catch((err: Error) => err)
    expect(failed).to.have.property('name', 'RemoteTaskError')
  })
})

async function until (condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`not within ${timeoutMs} ms`)
    }
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}
