import { generateKeyPair } from '@libp2p/crypto/keys'
import { expect } from 'aegir/chai'
import fc from 'fast-check'
import { HOARD_DHT_NAMESPACE } from '../../src/net/libp2p.ts'
import {
  createMasterRecord,
  decodeMasterRecord,
  dhtKeyForObjectKey,
  encodeMasterRecord,
  hashKey,
  MASTER_RECORD_NAMESPACE
} from '../../src/ownership/master-record.ts'
import { MasterRecord as MasterRecordMessage } from '../../src/ownership/pb/record.ts'
import { masterRecordPolicy, selectMasterRecord, validateMasterRecord } from '../../src/ownership/record-policy.ts'
import type { Epoch } from '../../src/ownership/epoch.ts'
import type { PrivateKey } from '@libp2p/interface'

const KEY = 'item/7'

async function rejection (promise: Promise<unknown> | unknown): Promise<unknown> {
  return Promise.resolve(promise).then(() => undefined, (err: unknown) => err)
}

describe('the master record DHT policy', () => {
  let leaderKey: PrivateKey
  let dhtKey: Uint8Array

  before(async () => {
    leaderKey = await generateKeyPair('Ed25519')
    dhtKey = dhtKeyForObjectKey(KEY)
  })

  async function recordBytes (epoch: Epoch, issuedAtMs?: number, key = KEY): Promise<Uint8Array> {
    return encodeMasterRecord(await createMasterRecord(leaderKey, { keyHash: hashKey(key), epoch, group: 'g1', issuedAtMs }))
  }

  it('is registered under the namespace the libp2p node gives kad-dht', () => {
    expect(MASTER_RECORD_NAMESPACE).to.equal(HOARD_DHT_NAMESPACE)
    expect(masterRecordPolicy.validate).to.equal(validateMasterRecord)
    expect(masterRecordPolicy.select).to.equal(selectMasterRecord)
  })

  it('accepts a valid record under its own key', async () => {
    await validateMasterRecord(dhtKey, await recordBytes({ counter: 1, term: 1 }))
  })

  it('rejects a valid record under another key, or under a key outside the namespace', async () => {
    const value = await recordBytes({ counter: 1, term: 1 })
    const hex = new TextDecoder().decode(dhtKey).slice('/hoard/'.length)

    for (const key of [dhtKeyForObjectKey('item/8'), new TextEncoder().encode(`/other/${hex}`), new TextEncoder().encode(`/hoard/${hex.toUpperCase()}`), new Uint8Array(0)]) {
      expect(await rejection(validateMasterRecord(key, value))).to.have.property('name', 'InvalidRecordError')
    }
  })

  it('throws InvalidRecordError, and nothing else, for arbitrary keys and values', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 80 }), fc.uint8Array({ maxLength: 700 }), async (key, value) => {
      expect(await rejection(validateMasterRecord(key, value))).to.have.property('name', 'InvalidRecordError')
    }), { numRuns: 2_000 })
  })

  it('throws InvalidRecordError for arbitrary bytes under a real record\'s key', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 700 }), async value => {
      expect(await rejection(validateMasterRecord(dhtKey, value))).to.have.property('name', 'InvalidRecordError')
    }), { numRuns: 2_000 })
  })

  it('throws InvalidRecordError for well-formed protobuf with arbitrary fields', async () => {
    const leader = decodeMasterRecord(await recordBytes({ counter: 1, term: 1 })).leader

    await fc.assert(fc.asyncProperty(fc.record({
      keyHash: fc.oneof(fc.constant(hashKey(KEY)), fc.uint8Array({ maxLength: 40 })),
      counter: fc.maxSafeNat(),
      term: fc.maxSafeNat(),
      group: fc.string({ maxLength: 140 }),
      leader: fc.oneof(fc.constant(leader), fc.string({ maxLength: 60 })),
      issuedAtMs: fc.option(fc.maxSafeNat(), { nil: undefined }),
      signature: fc.uint8Array({ minLength: 60, maxLength: 68 })
    }), async fields => {
      const value = MasterRecordMessage.encode({ ...fields, keyHash: Uint8Array.from(fields.keyHash), signature: Uint8Array.from(fields.signature) })

      expect(await rejection(validateMasterRecord(dhtKey, value))).to.have.property('name', 'InvalidRecordError')
    }), { numRuns: 1_000 })
  })

  it('rejects every change to a valid record\'s bytes: a flipped byte, a cut, an insertion', async () => {
    const valid = await recordBytes({ counter: 3, term: 2 }, 1_000)

    await fc.assert(fc.asyncProperty(
      fc.nat({ max: valid.byteLength - 1 }),
      fc.integer({ min: 1, max: 255 }),
      fc.constantFrom('flip', 'cut', 'insert'),
      async (at, byte, how) => {
        let changed: Uint8Array
        if (how === 'flip') {
          changed = valid.map((b, i) => i === at ? b ^ byte : b)
        } else if (how === 'cut') {
          changed = Uint8Array.from([...valid.subarray(0, at), ...valid.subarray(at + 1)])
        } else {
          changed = Uint8Array.from([...valid.subarray(0, at), byte, ...valid.subarray(at)])
        }

        expect(await rejection(validateMasterRecord(dhtKey, changed))).to.have.property('name', 'InvalidRecordError')
      }), { numRuns: 1_000 })
  })

  it('selects the highest epoch, counter first, whatever the order', async () => {
    const epochs: Epoch[] = [{ counter: 2, term: 9 }, { counter: 5, term: 1 }, { counter: 5, term: 3 }, { counter: 4, term: 8 }, { counter: 0, term: 0 }]
    const records = await Promise.all(epochs.map(async epoch => recordBytes(epoch)))

    await fc.assert(fc.asyncProperty(fc.shuffledSubarray(records, { minLength: 1 }), async subset => {
      const index = await selectMasterRecord(dhtKey, subset)
      const best = decodeMasterRecord(subset[index])
      const highest = subset.map(decodeMasterRecord).reduce((a, b) => a.epoch.counter > b.epoch.counter || (a.epoch.counter === b.epoch.counter && a.epoch.term > b.epoch.term) ? a : b)

      expect(best.epoch).to.deep.equal(highest.epoch)
    }), { numRuns: 200 })
  })

  it('breaks ties within an epoch by the later issuedAtMs, then by bytes, the same way in any order', async () => {
    const other = await generateKeyPair('Ed25519')
    const sameEpoch = { counter: 4, term: 4 }
    const older = await recordBytes(sameEpoch, 100)
    const newer = await recordBytes(sameEpoch, 200)
    const undated = await recordBytes(sameEpoch)
    const a = encodeMasterRecord(await createMasterRecord(other, { keyHash: hashKey(KEY), epoch: sameEpoch, group: 'g2', issuedAtMs: 300 }))
    const b = await recordBytes(sameEpoch, 300)

    expect(await selectMasterRecord(dhtKey, [older, newer, undated])).to.equal(1)
    expect(await selectMasterRecord(dhtKey, [undated, newer, older])).to.equal(1)

    const first = (await selectMasterRecord(dhtKey, [a, b])) === 0 ? a : b
    const second = (await selectMasterRecord(dhtKey, [b, a])) === 0 ? b : a
    expect(first).to.deep.equal(second)
  })

  it('never selects a record that does not validate, and throws when none does', async () => {
    const good = await recordBytes({ counter: 1, term: 1 })
    const forged = await recordBytes({ counter: 9, term: 9 })
    forged[forged.byteLength - 1] ^= 1
    const elsewhere = await recordBytes({ counter: 9, term: 9 }, undefined, 'item/8')

    expect(await selectMasterRecord(dhtKey, [forged, elsewhere, good, Uint8Array.of(1, 2, 3)])).to.equal(2)
    expect(await rejection(selectMasterRecord(dhtKey, [forged, elsewhere]))).to.have.property('name', 'InvalidRecordError')
  })
})
