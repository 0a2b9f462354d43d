/**
 * Clock offsets on a real mesh: `createNode` instances in one process over libp2p on loopback. The
 * clock request crosses the wire, and nodes whose clocks agree never fence themselves.
 */

import { expect } from 'aegir/chai'
import { createNode } from '../../src/node.ts'
import { settle } from './fixtures.ts'
import type { HoardLibp2p } from '../../src/net/libp2p.ts'
import type { HoardTransport } from '../../src/net/transport.ts'
import type { HoardNode } from '../../src/node.ts'

describe('clock offsets on a mesh of nodes over libp2p', function () {
  this.timeout(60_000)

  const nodes: HoardNode[] = []

  afterEach(async () => {
    await Promise.all(nodes.splice(0).map(async node => node.stop()))
  })

  it('a node answers a clock request with its wall clock; nodes whose clocks agree do not fence themselves', async () => {
    const first = await createNode({ memberDeadMs: 2_000 })
    nodes.push(first)
    for (let i = 1; i < 3; i++) {
      nodes.push(await createNode({ bootstrap: first.multiaddrs, memberDeadMs: 2_000 }))
    }
    await settle(async () => nodes.map(node => node.status()), 30_000)
    const fences: string[] = []
    for (const node of nodes) {
      node.addEventListener('clock:fence', (evt) => { fences.push(`${node.peerId}: ${JSON.stringify(evt.detail)}`) })
    }
    const transport = (first.libp2p as HoardLibp2p<{ transport: HoardTransport }>).services.transport
    const sentMs = Date.now()
    const response = await transport.request(nodes[1].peerId, { type: 'clock' }, { timeoutMs: 5_000 })
    const receivedMs = Date.now()
    expect(response.status).to.equal('ok')
    // one machine, one clock: the answer lies within the round trip
    expect(response.wallMs).to.be.within(sentMs, receivedMs)

    // two probe rounds (one every 2 s)
    await new Promise(resolve => setTimeout(resolve, 4_500))
    expect(fences).to.deep.equal([])
    expect(nodes.map(node => node.status().clockFenced)).to.deep.equal([false, false, false])
    // and they serve
    await first.run(tx => { tx.put('clock/ok', Uint8Array.of(1)) })
  })
})
