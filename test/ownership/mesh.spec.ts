import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { defaultLogger } from '@libp2p/logger'
import { expect } from 'aegir/chai'
import { systemClock } from '../../src/clock/clock.ts'
import { loadOrCreatePeerKey } from '../../src/net/peer-key.ts'
import { createMasterRecord, dhtKeyForObjectKey, encodeMasterRecord, hashKey, signingPayload } from '../../src/ownership/master-record.ts'
import { MasterRecords } from '../../src/ownership/records.ts'
import { connectMesh, heldRecord, meshNode, rawPut, recordDatastoreKey } from './fixtures/mesh.ts'
import type { MeshNode } from './fixtures/mesh.ts'
import type { Epoch } from '../../src/ownership/epoch.ts'
import type { MasterRecordsInit } from '../../src/ownership/records.ts'
import type { PrivateKey } from '@libp2p/interface'

const KEY = 'guild/17/bank'

describe('master records in a mesh', function () {
  this.timeout(60_000)

  let dir: string
  let nodes: MeshNode[]
  let services: MasterRecords[]
  let leaderKey: PrivateKey
  const dhtKey = dhtKeyForObjectKey(KEY)

  function records (node: MeshNode, init: MasterRecordsInit = {}, privateKey = leaderKey): MasterRecords {
    const service = new MasterRecords({
      dht: node.libp2p.services.dht,
      privateKey,
      logger: defaultLogger(),
      clock: systemClock,
      random: Math.random
    }, init)
    service.start()
    services.push(service)
    return service
  }

  async function recordBytes (epoch: Epoch, key = leaderKey): Promise<Uint8Array> {
    return encodeMasterRecord(await createMasterRecord(key, { keyHash: hashKey(KEY), epoch, group: 'g1', issuedAtMs: Date.now() }))
  }

  async function heldEpochs (): Promise<Array<Epoch | undefined>> {
    return Promise.all(nodes.map(async node => (await heldRecord(node, dhtKey))?.epoch))
  }

  async function until (condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs

    while (!await condition()) {
      if (Date.now() > deadline) {
        throw new Error('condition not met in time')
      }
      await new Promise(resolve => setTimeout(resolve, 25))
    }
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoard-records-'))
    services = []
    nodes = []
  })

  afterEach(async () => {
    await Promise.all(services.map(async service => service.stop()))
    await Promise.all(nodes.map(async node => node.libp2p.stop()))
    await rm(dir, { recursive: true, force: true })
  })

  async function startMesh (count: number, unguarded: number[] = []): Promise<void> {
    // node 0 keeps its key in a data directory, so the test can sign as node 0: the leader
    const leaderDir = join(dir, 'leader')
    nodes = await Promise.all(Array.from({ length: count }, async (_, i) => meshNode({ dataDir: i === 0 ? leaderDir : undefined, unguarded: unguarded.includes(i) })))
    leaderKey = await loadOrCreatePeerKey(leaderDir)
    expect(nodes[0].libp2p.peerId.publicKey?.equals(leaderKey.publicKey)).to.be.true()
    await connectMesh(nodes)
  }

  it('never lets a lower epoch replace a higher one in any peer\'s store', async () => {
    await startMesh(5)
    const [leader, b] = nodes

    // the leader publishes epoch 5: every peer stores it, under the key kad-dht uses
    const published = await records(leader).publish(KEY, { epoch: { counter: 5, term: 2 }, group: 'g1' })
    expect(published.acceptedPeers).to.equal(4)
    expect(await heldEpochs()).to.deep.equal(Array(5).fill({ counter: 5, term: 2 }))

    // a stale copy of epoch 3 put through b, which holds 5: b's own store refuses it, nothing is sent
    const stale = await recordBytes({ counter: 3, term: 7 })
    await expect(rawPut(b, dhtKey, stale)).to.eventually.be.rejected.with.property('name', 'StaleRecordError')
    expect(await heldEpochs()).to.deep.equal(Array(5).fill({ counter: 5, term: 2 }))

    // b loses its copy (expiry, restart) and puts epoch 3 again: it stores it, every peer refuses it
    await b.store.delete(recordDatastoreKey(dhtKey))
    expect(await rawPut(b, dhtKey, stale)).to.equal(0)
    expect((await heldEpochs()).filter((_, i) => i !== 1)).to.deep.equal(Array(4).fill({ counter: 5, term: 2 }))

    // every lookup finds epoch 5, and b's get corrects b's own copy
    for (const node of nodes) {
      const found = await records(node).lookup(KEY)
      expect(found?.epoch, node.libp2p.peerId.toString()).to.deep.equal({ counter: 5, term: 2 })
    }
    expect(await heldEpochs()).to.deep.equal(Array(5).fill({ counter: 5, term: 2 }))
  })

  it('keeps the higher epoch when a peer without the guard sends stale and forged records', async () => {
    await startMesh(4, [3])
    const outsider = nodes[3]

    expect(await rawPut(nodes[0], dhtKey, await recordBytes({ counter: 5, term: 0 }))).to.equal(3)

    // the unguarded peer stores anything itself, but every guarded peer refuses both
    // names the leader but is signed by another key
    const genuine = await createMasterRecord(leaderKey, { keyHash: hashKey(KEY), epoch: { counter: 9, term: 9 }, group: 'g1' })
    const forged = encodeMasterRecord({ ...genuine, signature: await (await generateKeyPair('Ed25519')).sign(signingPayload(genuine)) })
    const forgedAsLeader = await recordBytes({ counter: 9, term: 9 })
    forgedAsLeader[forgedAsLeader.byteLength - 1] ^= 1

    expect(await rawPut(outsider, dhtKey, forged), 'forged').to.equal(0)
    expect(await rawPut(outsider, dhtKey, forgedAsLeader), 'forged as leader').to.equal(0)
    // last, so that the outsider holds a valid (stale) copy, which a lookup corrects; kad-dht skips
    // an invalid local copy without correcting it
    expect(await rawPut(outsider, dhtKey, await recordBytes({ counter: 4, term: 9 })), 'stale').to.equal(0)
    expect((await heldEpochs()).slice(0, 3)).to.deep.equal(Array(3).fill({ counter: 5, term: 0 }))

    // lookups skip what does not validate and correct the outsider's copy
    const found = await records(outsider).lookup(KEY)
    expect(found?.epoch).to.deep.equal({ counter: 5, term: 0 })
    expect(await heldEpochs()).to.deep.equal(Array(4).fill({ counter: 5, term: 0 }))
  })

  it('re-puts published records, and stops when the key is withdrawn', async () => {
    await startMesh(3)
    const publisher = records(nodes[0], { republishIntervalMs: 300, sweepIntervalMs: 25, retryIntervalMs: 50 })
    const first = await publisher.publish(KEY, { epoch: { counter: 1, term: 1 }, group: 'g1' })
    expect(first.acceptedPeers).to.equal(2)

    // a peer loses its copy: the next re-put restores it, re-signed
    await nodes[2].store.delete(recordDatastoreKey(dhtKey))
    await until(async () => ((await heldRecord(nodes[2], dhtKey))?.issuedAtMs ?? 0) > (first.record.issuedAtMs ?? 0))
    await until(async () => ((await heldRecord(nodes[1], dhtKey))?.issuedAtMs ?? 0) > (first.record.issuedAtMs ?? 0))
    expect(publisher.publishedKeys).to.equal(1)

    expect(publisher.withdraw(KEY)).to.be.true()
    const last = (await heldRecord(nodes[1], dhtKey))?.issuedAtMs
    await new Promise(resolve => setTimeout(resolve, 800))
    expect((await heldRecord(nodes[1], dhtKey))?.issuedAtMs).to.equal(last)
  })

  it('stops re-putting a key once a newer epoch is held, and refuses to publish an older one', async () => {
    await startMesh(3)
    const publisher = records(nodes[0], { republishIntervalMs: 200, sweepIntervalMs: 25 })
    await publisher.publish(KEY, { epoch: { counter: 1, term: 1 }, group: 'g1' })

    // the key moves on: its new owner (another leader) publishes epoch 2
    const newOwner = records(nodes[1], {}, await generateKeyPair('Ed25519'))
    await newOwner.publish(KEY, { epoch: { counter: 2, term: 1 }, group: 'g2' })

    await until(async () => publisher.publishedKeys === 0)
    expect(await heldEpochs()).to.deep.equal(Array(3).fill({ counter: 2, term: 1 }))

    await expect(publisher.publish(KEY, { epoch: { counter: 1, term: 5 }, group: 'g1' })).to.eventually.be.rejected.with.property('name', 'StaleRecordError')
    expect(publisher.publishedKeys).to.equal(0)
    await expect(newOwner.publish(KEY, { epoch: { counter: 1, term: 9 }, group: 'g2' })).to.eventually.be.rejected.with.property('name', 'StaleRecordError')
    expect(newOwner.publishedEpoch(KEY)).to.deep.equal({ counter: 2, term: 1 })
  })

  it('looks up a key nobody published as undefined, returns what it has at its deadline, and throws on abort', async () => {
    await startMesh(3)
    const service = records(nodes[1])

    expect(await service.lookup('nobody/has/this')).to.be.undefined()
    expect(await service.lookup('nobody/has/this', { timeoutMs: 1 })).to.be.undefined()

    const controller = new AbortController()
    controller.abort()
    await expect(service.lookup(KEY, { signal: controller.signal })).to.eventually.be.rejected.with.property('name', 'AbortError')
  })
})
