import { generateKeyPair } from '@libp2p/crypto/keys'
import { defaultLogger } from '@libp2p/logger'
import { expect } from 'aegir/chai'
import { systemClock } from '../../src/clock/clock.ts'
import { dhtKeyForObjectKey } from '../../src/ownership/master-record.ts'
import { MasterRecords } from '../../src/ownership/records.ts'
import { connectMesh, heldRecord, meshNode, recordDatastoreKey } from './fixtures/mesh.ts'
import type { MeshNode } from './fixtures/mesh.ts'

const NODES = 10
const LOOKUPS = 50

function percentile (sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor(p * sortedMs.length))]
}

describe('master record lookups on 10 nodes', function () {
  this.timeout(120_000)

  let nodes: MeshNode[] = []
  let services: MasterRecords[] = []

  before(async () => {
    nodes = await Promise.all(Array.from({ length: NODES }, async () => meshNode()))
    await connectMesh(nodes)
    services = await Promise.all(nodes.map(async node => {
      const service = new MasterRecords({
        dht: node.libp2p.services.dht,
        privateKey: await generateKeyPair('Ed25519'),
        logger: defaultLogger(),
        clock: systemClock,
        random: Math.random
      })
      service.start()
      return service
    }))
  })

  after(async () => {
    await Promise.all(services.map(async service => service.stop()))
    await Promise.all(nodes.map(async node => node.libp2p.stop()))
  })

  it('finds every record from a node holding no copy (cold), and reports the latency', async () => {
    const putMs: number[] = []
    const lookupMs: number[] = []
    const missMs: number[] = []

    for (let i = 0; i < LOOKUPS; i++) {
      const key = `zone/${i}/chest`
      const owner = i % NODES
      const asker = (i * 3 + 1) % NODES === owner ? (owner + 1) % NODES : (i * 3 + 1) % NODES

      let started = performance.now()
      const published = await services[owner].publish(key, { epoch: { counter: i + 1, term: 1 }, group: `g${owner}` })
      putMs.push(performance.now() - started)
      expect(published.acceptedPeers).to.equal(NODES - 1)

      // the asker drops its copy, so the lookup must find the record on other peers
      await nodes[asker].store.delete(recordDatastoreKey(dhtKeyForObjectKey(key)))

      started = performance.now()
      const found = await services[asker].lookup(key)
      lookupMs.push(performance.now() - started)
      expect(found?.epoch).to.deep.equal({ counter: i + 1, term: 1 })
      expect(found?.leader).to.equal(published.record.leader)
      // kad-dht's get does not store what it found: the asker still holds no copy
      expect(await heldRecord(nodes[asker], dhtKeyForObjectKey(key))).to.be.undefined()

      started = performance.now()
      expect(await services[asker].lookup(`absent/${i}`)).to.be.undefined()
      missMs.push(performance.now() - started)
    }

    for (const [what, samples] of [['put (publish)', putMs], ['cold lookup (hit)', lookupMs], ['lookup (miss)', missMs]] as const) {
      const sorted = [...samples].sort((a, b) => a - b)
      // the figures are the point of this test: print them with the results
      // eslint-disable-next-line no-console
      console.log(`      ${what} on ${NODES} nodes, ${sorted.length} samples: median ${percentile(sorted, 0.5).toFixed(1)} ms, p90 ${percentile(sorted, 0.9).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`)
    }
  })
})
