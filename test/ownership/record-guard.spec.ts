import { generateKeyPair } from '@libp2p/crypto/keys'
import { defaultLogger } from '@libp2p/logger'
import { Libp2pRecord } from '@libp2p/record'
import { expect } from 'aegir/chai'
import { MemoryDatastore } from 'datastore-core'
import fc from 'fast-check'
import { Key } from 'interface-datastore'
import { toString as uint8ArrayToString } from 'uint8arrays/to-string'
import { createMasterRecord, decodeMasterRecord, dhtKeyForObjectKey, encodeMasterRecord, hashKey } from '../../src/ownership/master-record.ts'
import { EpochGuardDatastore } from '../../src/ownership/record-guard.ts'
import type { Epoch } from '../../src/ownership/epoch.ts'
import type { PrivateKey } from '@libp2p/interface'

const KEY = 'player/9'

/** The datastore key kad-dht 16.4.5 stores a DHT key's record under (`bufferToRecordKey('/dht/record', key)`) */
function recordKey (dhtKey: Uint8Array, prefix = '/dht'): Key {
  return new Key(`${prefix}/record/${uint8ArrayToString(dhtKey, 'base32')}`, false)
}

/** What kad-dht stores: a serialized Libp2pRecord with the time it received the value */
function stored (dhtKey: Uint8Array, value: Uint8Array, timeReceived = new Date()): Uint8Array {
  return new Libp2pRecord(dhtKey, value, timeReceived).serialize()
}

async function drain (source: Iterable<unknown> | AsyncIterable<unknown>): Promise<void> {
  for await (const item of source) {
    void item
  }
}

async function collect <T> (source: Iterable<T> | AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of source) {
    out.push(item)
  }
  return out
}

async function rejection (promise: Promise<unknown> | unknown): Promise<unknown> {
  return Promise.resolve(promise).then(() => undefined, (err: unknown) => err)
}

describe('the epoch guard datastore', () => {
  let leaderKey: PrivateKey
  let dhtKey: Uint8Array
  let dsKey: Key
  let inner: MemoryDatastore
  let guard: EpochGuardDatastore

  before(async () => {
    leaderKey = await generateKeyPair('Ed25519')
    dhtKey = dhtKeyForObjectKey(KEY)
    dsKey = recordKey(dhtKey)
  })

  beforeEach(() => {
    inner = new MemoryDatastore()
    guard = new EpochGuardDatastore({ logger: defaultLogger() }, { datastore: inner })
  })

  async function value (epoch: Epoch, issuedAtMs?: number, key = KEY): Promise<Uint8Array> {
    return encodeMasterRecord(await createMasterRecord(leaderKey, { keyHash: hashKey(key), epoch, group: 'g', issuedAtMs }))
  }

  async function storedEpoch (store = inner, key = dsKey): Promise<Epoch | undefined> {
    if (!await store.has(key)) {
      return undefined
    }

    return decodeMasterRecord(Libp2pRecord.deserialize(await store.get(key)).value).epoch
  }

  it('stores a first record and a newer one', async () => {
    await guard.put(dsKey, stored(dhtKey, await value({ counter: 1, term: 1 })))
    expect(await storedEpoch()).to.deep.equal({ counter: 1, term: 1 })

    await guard.put(dsKey, stored(dhtKey, await value({ counter: 2, term: 0 })))
    expect(await storedEpoch()).to.deep.equal({ counter: 2, term: 0 })
  })

  it('refuses an older record with StaleRecordError and keeps the newer one', async () => {
    await guard.put(dsKey, stored(dhtKey, await value({ counter: 5, term: 1 })))

    for (const epoch of [{ counter: 3, term: 9 }, { counter: 5, term: 0 }]) {
      expect(await rejection(guard.put(dsKey, stored(dhtKey, await value(epoch))))).to.have.property('name', 'StaleRecordError')
    }

    expect(await storedEpoch()).to.deep.equal({ counter: 5, term: 1 })
  })

  it('stores an equal record again, refreshing the time it was received', async () => {
    const bytes = await value({ counter: 5, term: 1 }, 10)
    await guard.put(dsKey, stored(dhtKey, bytes, new Date(1_000)))
    await guard.put(dsKey, stored(dhtKey, bytes, new Date(2_000)))

    expect(Libp2pRecord.deserialize(await inner.get(dsKey)).timeReceived.getTime()).to.equal(2_000)
  })

  it('within an epoch, keeps the later re-signed copy', async () => {
    await guard.put(dsKey, stored(dhtKey, await value({ counter: 5, term: 1 }, 200)))

    expect(await rejection(guard.put(dsKey, stored(dhtKey, await value({ counter: 5, term: 1 }, 100))))).to.have.property('name', 'StaleRecordError')
    await guard.put(dsKey, stored(dhtKey, await value({ counter: 5, term: 1 }, 300)))

    expect(decodeMasterRecord(Libp2pRecord.deserialize(await inner.get(dsKey)).value).issuedAtMs).to.equal(300)
  })

  it('keeps the highest epoch whatever the order of sequential puts', async () => {
    const epochs: Epoch[] = [{ counter: 1, term: 1 }, { counter: 1, term: 2 }, { counter: 2, term: 1 }, { counter: 3, term: 0 }, { counter: 3, term: 5 }, { counter: 0, term: 7 }]
    const values = await Promise.all(epochs.map(async epoch => value(epoch)))

    await fc.assert(fc.asyncProperty(fc.shuffledSubarray(values.map((v, i) => ({ v, epoch: epochs[i] })), { minLength: 1 }), async puts => {
      const store = new MemoryDatastore()
      const guarded = new EpochGuardDatastore({ logger: defaultLogger() }, { datastore: store })
      let highest: Epoch | undefined

      for (const { v, epoch } of puts) {
        const err = await rejection(guarded.put(dsKey, stored(dhtKey, v)))
        const isNewer = highest == null || epoch.counter > highest.counter || (epoch.counter === highest.counter && epoch.term > highest.term)

        // each put is stored exactly when it is newer than everything before it
        if (isNewer) {
          expect(err).to.be.undefined()
          highest = epoch
        } else {
          expect(err).to.have.property('name', 'StaleRecordError')
        }
        expect(await storedEpoch(store)).to.deep.equal(highest)
      }
    }), { numRuns: 150 })
  })

  it('keeps the highest epoch when puts race', async () => {
    const epochs: Epoch[] = Array.from({ length: 12 }, (_, i) => ({ counter: i % 5, term: i }))
    const values = await Promise.all(epochs.map(async epoch => value(epoch)))

    await fc.assert(fc.asyncProperty(fc.shuffledSubarray(values, { minLength: 2 }), async racing => {
      const store = new MemoryDatastore()
      const guarded = new EpochGuardDatastore({ logger: defaultLogger() }, { datastore: store })
      await Promise.allSettled(racing.map(async v => guarded.put(dsKey, stored(dhtKey, v))))
      const highest = racing.map(decodeMasterRecord).map(r => r.epoch).reduce((a, b) => a.counter > b.counter || (a.counter === b.counter && a.term > b.term) ? a : b)

      expect(await storedEpoch(store)).to.deep.equal(highest)
    }), { numRuns: 100 })
  })

  it('refuses invalid records with InvalidRecordError and stores nothing', async () => {
    const valid = await value({ counter: 1, term: 1 })
    const forged = valid.slice()
    forged[forged.byteLength - 1] ^= 1
    const other = await value({ counter: 1, term: 1 }, undefined, 'player/10')
    const attempts = [
      stored(dhtKey, forged),
      stored(dhtKey, other), // a valid record of another key
      stored(dhtKeyForObjectKey('player/10'), valid), // the record's own key inside, another outside
      Uint8Array.of(1, 2, 3),
      new Uint8Array(0),
      new Uint8Array(5_000)
    ]

    for (const attempt of attempts) {
      expect(await rejection(guard.put(dsKey, attempt))).to.have.property('name', 'InvalidRecordError')
    }

    expect(await inner.has(dsKey)).to.be.false()
  })

  it('throws only InvalidRecordError for arbitrary bytes under a /hoard/ record key', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 1_200 }), async bytes => {
      expect(await rejection(guard.put(dsKey, bytes))).to.have.property('name', 'InvalidRecordError')
    }), { numRuns: 1_000 })

    expect(await inner.has(dsKey)).to.be.false()
  })

  it('replaces a stored record that no longer decodes', async () => {
    await inner.put(dsKey, Uint8Array.of(9, 9, 9))
    await guard.put(dsKey, stored(dhtKey, await value({ counter: 1, term: 0 })))

    expect(await storedEpoch()).to.deep.equal({ counter: 1, term: 0 })
  })

  it('passes other keys through untouched: other namespaces, the peer store, anything', async () => {
    const pkKey = recordKey(new TextEncoder().encode('/pk/abc'))
    const others = [pkKey, new Key('/peers/abc'), new Key('/dht/provider/x'), new Key('/dht/record/not-base32!'), new Key('/dht/record')]

    for (const key of others) {
      await guard.put(key, Uint8Array.of(1))
      expect(await guard.get(key)).to.deep.equal(Uint8Array.of(1))
    }
  })

  it('guards putMany and batches too', async () => {
    await guard.put(dsKey, stored(dhtKey, await value({ counter: 5, term: 0 })))
    const stale = stored(dhtKey, await value({ counter: 4, term: 0 }))

    expect(await rejection(drain(guard.putMany([{ key: dsKey, value: stale }])))).to.have.property('name', 'StaleRecordError')

    const batch = guard.batch()
    batch.put(dsKey, stale)
    expect(await rejection(batch.commit())).to.have.property('name', 'StaleRecordError')

    expect(await storedEpoch()).to.deep.equal({ counter: 5, term: 0 })
  })

  it('follows a custom kad-dht datastorePrefix', async () => {
    const lan = new EpochGuardDatastore({ logger: defaultLogger() }, { datastore: inner, datastorePrefix: '/dht-lan' })
    const lanKey = recordKey(dhtKey, '/dht-lan')
    await lan.put(lanKey, stored(dhtKey, await value({ counter: 5, term: 0 })))

    expect(await rejection(lan.put(lanKey, stored(dhtKey, await value({ counter: 1, term: 0 }))))).to.have.property('name', 'StaleRecordError')
  })

  it('reads, queries and deletes through to the inner store', async () => {
    await guard.put(dsKey, stored(dhtKey, await value({ counter: 1, term: 0 })))

    expect(await guard.has(dsKey)).to.be.true()
    expect((await collect(guard.query({ prefix: '/dht/record/' }))).map(pair => pair.key.toString())).to.deep.equal([dsKey.toString()])
    expect((await collect(guard.queryKeys({}))).map(String)).to.deep.equal([dsKey.toString()])
    await guard.delete(dsKey)
    expect(await inner.has(dsKey)).to.be.false()
  })
})
