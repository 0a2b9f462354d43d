/**
 * Master records on a real mesh: `createNode` instances in one process, their kad-dht over libp2p
 * on loopback. The leader of a group publishes its objects' records; after the leader stops, the
 * group's new leader republishes them, signed by itself.
 */

import { expect } from 'aegir/chai'
import { createNode } from '../../src/node.ts'
import { settle } from './fixtures.ts'
import type { HoardLibp2p } from '../../src/net/libp2p.ts'
import type { HoardNode } from '../../src/node.ts'
import type { MasterRecord } from '../../src/ownership/master-record.ts'
import type { MasterRecords } from '../../src/ownership/records.ts'

const KEYS = 20

async function lookup (node: HoardNode, key: string): Promise<MasterRecord | undefined> {
  const records = (node.libp2p as HoardLibp2p<{ records: MasterRecords }>).services.records
  return records.lookup(key, { timeoutMs: 2_000 })
}

/** Polls `probe` until it returns something `accept` takes, or fails with what it last saw */
async function until<T> (probe: () => Promise<T>, accept: (value: T) => boolean, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs
  let last = await probe()
  while (!accept(last)) {
    if (Date.now() > deadline) {
      throw new Error(`not reached within ${withinMs} ms; last: ${JSON.stringify(last, (_, v) => v instanceof Uint8Array ? `${v.byteLength} bytes` : v)}`)
    }
    await new Promise(resolve => setTimeout(resolve, 250))
    last = await probe()
  }
  return last
}

function leads (node: HoardNode, group: string | undefined): boolean {
  return node.status().groups.some(g => g.id === group && g.role === 'leader')
}

describe('master records on a mesh of nodes over libp2p', function () {
  this.timeout(120_000)

  const nodes: HoardNode[] = []

  afterEach(async () => {
    await Promise.all(nodes.splice(0).map(async node => node.stop()))
  })

  it('the leader publishes its group\'s records; after it stops, the new leader republishes them', async () => {
    const first = await createNode({ memberDeadMs: 2_000 })
    nodes.push(first)
    for (let i = 1; i < 3; i++) {
      nodes.push(await createNode({ bootstrap: first.multiaddrs, memberDeadMs: 2_000 }))
    }
    await settle(async () => nodes.map(node => node.status()), 30_000)
    const group = first.status().groups.find(g => g.id.startsWith(`${first.peerId}.`))?.id
    expect(group).to.be.a('string')
    await first.run(tx => {
      for (let i = 0; i < KEYS; i++) {
        tx.put(`rec/${i}`, Uint8Array.of(i))
      }
    }, { durable: true })

    const reader = nodes[2]
    const before = await until(async () => lookup(reader, `rec/${KEYS - 1}`), record => record?.leader === first.peerId, 20_000)
    expect(before?.group).to.equal(group)

    await first.stop()
    nodes.splice(nodes.indexOf(first), 1)
    const leaderOf = async (): Promise<string | undefined> => nodes.find(node => leads(node, group))?.peerId
    const newLeader = await until(leaderOf, peer => peer != null, 20_000)
    const after = await until(async () => lookup(reader, `rec/${KEYS - 1}`), record => record?.leader === newLeader, 30_000)
    expect(after?.group).to.equal(group)
    // the same epoch (nothing moved), re-signed later by the new leader
    expect(after?.epoch).to.deep.equal(before?.epoch)
    expect(after?.issuedAtMs).to.be.greaterThan(before?.issuedAtMs ?? 0)
  })
})
