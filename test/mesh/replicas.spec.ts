/**
 * Read replicas on a real mesh: 5 `createNode` instances over libp2p on loopback, so that every
 * data group (3 members) has two nodes outside it that read its objects through replicas fed by
 * gossipsub (committed entries, closed timestamps, heartbeats, gap fill).
 */

import { expect } from 'aegir/chai'
import { createNode } from '../../src/node.ts'
import { settle } from './fixtures.ts'
import type { HoardNode } from '../../src/node.ts'

const encode = (n: number): Uint8Array => new TextEncoder().encode(String(n))
const decode = (bytes: Uint8Array | undefined): number => bytes == null ? 0 : Number(new TextDecoder().decode(bytes))

describe('read replicas on a mesh of nodes over libp2p', function () {
  this.timeout(120_000)

  const nodes: HoardNode[] = []

  afterEach(async () => {
    await Promise.all(nodes.splice(0).map(async node => node.stop()))
  })

  async function mesh (count: number): Promise<HoardNode[]> {
    // replicas wait for a closed timestamp as long as it takes here (by default a read gives up
    // after 20 ms and asks the owner, and a loaded test machine may be slower than that)
    const readReplicas = { waitMs: 10_000 }
    const first = await createNode({ memberDeadMs: 3_000, readReplicas })
    nodes.push(first)
    for (let i = 1; i < count; i++) {
      nodes.push(await createNode({ bootstrap: first.multiaddrs, memberDeadMs: 3_000, readReplicas }))
    }
    await settle(async () => nodes.map(node => node.status()), 60_000)
    return nodes
  }

  /** The nodes that are no member of `owner`'s data group */
  function outsiders (owner: HoardNode): HoardNode[] {
    const group = owner.status().groups.find(g => g.id.startsWith(`${owner.peerId}.`))
    expect(group, 'the owner leads its own data group').to.exist()
    return nodes.filter(node => node.status().groups.every(g => g.id !== group?.id))
  }

  it('a node outside the owner group reads through its replica, sees every commit whole, and follows later writes', async () => {
    const all = await mesh(5)
    const owner = all[0]
    const readers = outsiders(owner)
    expect(readers, 'a 5-node mesh leaves two nodes outside each 3-member group').to.have.lengthOf(2)
    const accounts = Array.from({ length: 8 }, (_, i) => `replica-test/account/${i}`)
    const total = accounts.length * 100
    await owner.run(tx => {
      for (const key of accounts) {
        tx.put(key, encode(100))
      }
    }, { durable: true })

    // transfers on the owner while the outsiders read every account in one task each: every
    // snapshot must hold the whole total (a replica applying half a task would break it)
    let transfers = 0
    const writing = { stop: false }
    const writer = (async () => {
      for (let i = 0; !writing.stop; i++) {
        const from = accounts[i % accounts.length]
        const to = accounts[(i * 3 + 1) % accounts.length]
        if (from === to) {
          continue
        }
        await owner.run(async tx => {
          const a = decode(await tx.get(from))
          const b = decode(await tx.get(to))
          tx.put(from, encode(a - 1))
          tx.put(to, encode(b + 1))
        })
        transfers++
      }
    })()
    const sums: number[] = []
    for (let round = 0; round < 60; round++) {
      for (const reader of readers) {
        sums.push(await reader.run(async tx => {
          let sum = 0
          for (const value of await Promise.all(accounts.map(async key => tx.get(key)))) {
            sum += decode(value)
          }
          return sum
        }))
      }
    }
    writing.stop = true
    await writer
    expect(transfers).to.be.greaterThan(10)
    expect(sums.filter(sum => sum !== total), 'every full read saw the whole total').to.deep.equal([])

    // the reads went through replicas, not only to the owner
    for (const reader of readers) {
      const replica = reader.status().replicas.find(r => r.group.startsWith(`${owner.peerId}.`))
      expect(replica, 'the reader opened a replica of the owner group').to.exist()
      expect(replica?.based).to.equal(true)
      expect(replica?.served, 'reads served by the replica').to.be.greaterThan(0)
    }

    // read-your-writes across nodes: a token passed as readAfter makes the reader see the write
    const receipt = await owner.runTask(tx => { tx.put(accounts[0], encode(12345)) })
    for (const reader of readers) {
      expect(decode(await reader.run(async tx => tx.get(accounts[0]), { readAfter: receipt.token }))).to.equal(12345)
    }
  })

  it('reports each applied batch with its lag, and a replica catches up after it unsubscribes and comes back (gap fill from a fetch)', async () => {
    const all = await mesh(5)
    const owner = all[0]
    const [reader] = outsiders(owner)
    const key = 'replica-test/counter'
    await owner.run(tx => { tx.put(key, encode(0)) }, { durable: true })
    expect(decode(await reader.run(async tx => tx.get(key)))).to.equal(0)
    const lags: number[] = []
    reader.addEventListener('replica:applied', evt => { lags.push(evt.detail.lagMs) })
    let last: Awaited<ReturnType<HoardNode['runTask']>> | undefined
    for (let i = 1; i <= 50; i++) {
      last = await owner.runTask(tx => { tx.put(key, encode(i)) })
    }
    await last?.committed()
    expect(decode(await reader.run(async tx => tx.get(key), { readAfter: last?.token }))).to.equal(50)
    await until(() => lags.length > 0)
    expect(lags.every(lag => Number.isFinite(lag))).to.equal(true)

    // the replica misses commits while its topic is unsubscribed: it fetches them when it hears the next one
    const group = reader.status().replicas[0].group
    reader.libp2p.services.pubsub.unsubscribe(`/hoard/replica/1.0.0/${group}`)
    for (let i = 51; i <= 60; i++) {
      last = await owner.runTask(tx => { tx.put(key, encode(i)) })
    }
    await last?.committed()
    reader.libp2p.services.pubsub.subscribe(`/hoard/replica/1.0.0/${group}`)
    await until(() => (reader.status().replicas.find(r => r.group === group)?.applied ?? 0) >= (last?.token?.index ?? Infinity), 20_000)
    expect(decode(await reader.run(async tx => tx.get(key)))).to.equal(60)
  })

  it('rejects bad read-replica options with a clear error', async () => {
    await expect(createNode({ readReplicas: { maxReplicas: -1 } })).to.eventually.be.rejected.with.property('name', 'InvalidOptionError')
    await expect(createNode({ readReplicas: { waitMs: 1.5 } })).to.eventually.be.rejected.with.property('name', 'InvalidOptionError')
    // @ts-expect-error an unknown option
    await expect(createNode({ readReplicas: { replicas: 3 } })).to.eventually.be.rejected.with.property('name', 'InvalidOptionError')
  })
})

async function until (condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time')
    }
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}
