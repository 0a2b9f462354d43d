import { createHash } from 'node:crypto'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { expect } from 'aegir/chai'
import { compareEpochs } from '../../src/ownership/epoch.ts'
import {
  createMasterRecord,
  decodeMasterRecord,
  decodeVerifiedMasterRecord,
  dhtKeyForObjectKey,
  encodeMasterRecord,
  hashKey,
  MAX_MASTER_RECORD_BYTES,
  masterRecordDhtKey,
  signingPayload,
  verifyMasterRecord
} from '../../src/ownership/master-record.ts'
import { MasterRecord as MasterRecordMessage } from '../../src/ownership/pb/record.ts'
import type { MasterRecord, MasterRecordFields } from '../../src/ownership/master-record.ts'
import type { PrivateKey } from '@libp2p/interface'

const GROUP = '12D3KooWGroupLeaderPeerIdPlaceholderxxxxxxxxxxxxxx.0a1b2c3d'

async function rejected (promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(() => undefined, (err: unknown) => err)

  if (!(err instanceof Error)) {
    throw new Error('expected a rejection')
  }

  return err
}

function thrown (fn: () => unknown): Error {
  try {
    fn()
  } catch (err) {
    if (err instanceof Error) {
      return err
    }
  }

  throw new Error('expected a throw')
}

describe('master records', () => {
  let leaderKey: PrivateKey
  let otherKey: PrivateKey
  let record: MasterRecord

  before(async () => {
    leaderKey = await generateKeyPair('Ed25519')
    otherKey = await generateKeyPair('Ed25519')
  })

  beforeEach(async () => {
    record = await createMasterRecord(leaderKey, {
      keyHash: hashKey('player/42'),
      epoch: { counter: 7, term: 3 },
      group: GROUP,
      issuedAtMs: 1_790_000_000_000
    })
  })

  /** The current test's record, for tests declared in loops */
  function current (): MasterRecord {
    return record
  }

  /** Re-signs altered fields with `key`, as a forger holding another key would */
  async function signedBy (key: PrivateKey, fields: MasterRecordFields): Promise<MasterRecord> {
    return { ...fields, signature: await key.sign(signingPayload(fields)) }
  }

  it('names a key by the sha256 of its UTF-8 bytes, under /hoard/<hex>', () => {
    const digest = createHash('sha256').update('player/42').digest('hex')

    expect(Buffer.from(hashKey('player/42')).toString('hex')).to.equal(digest)
    expect(new TextDecoder().decode(dhtKeyForObjectKey('player/42'))).to.equal(`/hoard/${digest}`)
    expect(new TextDecoder().decode(masterRecordDhtKey(hashKey('')))).to.match(/^\/hoard\/[0-9a-f]{64}$/)
  })

  it('signs, encodes, decodes and verifies: a round trip keeps every field', async () => {
    const bytes = encodeMasterRecord(record)
    const decoded = await decodeVerifiedMasterRecord(bytes, dhtKeyForObjectKey('player/42'))

    expect(bytes.byteLength).to.be.below(MAX_MASTER_RECORD_BYTES)
    expect(decoded.keyHash).to.deep.equal(hashKey('player/42'))
    expect(decoded.epoch).to.deep.equal({ counter: 7, term: 3 })
    expect(decoded.group).to.equal(GROUP)
    expect(decoded.leader).to.equal(peerIdFromPrivateKey(leaderKey).toString())
    expect(decoded.issuedAtMs).to.equal(1_790_000_000_000)
    expect(decoded.signature).to.deep.equal(record.signature)
    expect(encodeMasterRecord(decoded)).to.deep.equal(bytes)
  })

  it('round-trips a record without issuedAtMs and with a zero epoch', async () => {
    const bare = await createMasterRecord(leaderKey, { keyHash: hashKey('k'), epoch: { counter: 0, term: 0 }, group: 'g' })
    const decoded = decodeMasterRecord(encodeMasterRecord(bare))

    expect(decoded).to.not.have.property('issuedAtMs')
    expect(decoded.epoch).to.deep.equal({ counter: 0, term: 0 })
    await verifyMasterRecord(decoded)
  })

  it('rejects a record signed by another key than its leader\'s', async () => {
    const forged = await signedBy(otherKey, record)
    const err = await rejected(verifyMasterRecord(forged))

    expect(err).to.have.property('name', 'InvalidRecordError')
    await expect(decodeVerifiedMasterRecord(encodeMasterRecord(forged))).to.eventually.be.rejected.with.property('name', 'InvalidRecordError')
  })

  it('rejects a record whose leader field was changed to the signer\'s peer id after signing', async () => {
    const swapped = { ...record, leader: peerIdFromPrivateKey(otherKey).toString() }

    await expect(verifyMasterRecord(swapped)).to.eventually.be.rejected.with.property('name', 'InvalidRecordError')
  })

  const tampers: Array<[string, (r: MasterRecord) => MasterRecord]> = [
    ['key hash', r => ({ ...r, keyHash: hashKey('player/43') })],
    ['epoch counter', r => ({ ...r, epoch: { ...r.epoch, counter: r.epoch.counter + 1 } })],
    ['epoch term', r => ({ ...r, epoch: { ...r.epoch, term: r.epoch.term + 1 } })],
    ['group', r => ({ ...r, group: `${r.group}x` })],
    ['issuedAtMs', r => ({ ...r, issuedAtMs: (r.issuedAtMs ?? 0) + 1 })],
    ['issuedAtMs (removed: absent)', r => { const { issuedAtMs, ...rest } = r; return rest }],
    ['signature', r => ({ ...r, signature: r.signature.map((b, i) => i === 0 ? b ^ 1 : b) })]
  ]

  for (const [what, tamper] of tampers) {
    it(`rejects a record whose ${what} was changed after signing`, async () => {
      const tampered = tamper(current())

      await expect(verifyMasterRecord(tampered)).to.eventually.be.rejected.with.property('name', 'InvalidRecordError')
      await expect(decodeVerifiedMasterRecord(encodeMasterRecord(tampered))).to.eventually.be.rejected.with.property('name', 'InvalidRecordError')
    })
  }

  it('rejects a record found under another key\'s DHT key', async () => {
    const err = await rejected(decodeVerifiedMasterRecord(encodeMasterRecord(record), dhtKeyForObjectKey('player/43')))

    expect(err).to.have.property('name', 'InvalidRecordError')
  })

  it('rejects every truncation of a valid record', () => {
    const bytes = encodeMasterRecord(record)

    for (let length = 0; length < bytes.byteLength; length++) {
      expect(thrown(() => decodeMasterRecord(bytes.subarray(0, length))), `length ${length}`).to.have.property('name', 'InvalidRecordError')
    }
  })

  it('rejects oversized bytes before decoding them', () => {
    const bytes = new Uint8Array(MAX_MASTER_RECORD_BYTES + 1)
    bytes.set(encodeMasterRecord(record))

    expect(thrown(() => decodeMasterRecord(bytes))).to.have.property('name', 'InvalidRecordError')
    expect(thrown(() => decodeMasterRecord(bytes))).to.have.property('message').that.includes('bytes')
  })

  it('rejects non-canonical encodings: an unknown field, an explicit default, a padded varint', () => {
    const bytes = encodeMasterRecord(record)
    const unknownField = Uint8Array.from([...bytes, 0x40, 0x01]) // field 8, varint 1
    const explicitZero = Uint8Array.from([0x10, 0x00, ...encodeMasterRecord({ ...record, epoch: { counter: 0, term: 3 } })])

    expect(thrown(() => decodeMasterRecord(unknownField))).to.have.property('name', 'InvalidRecordError')
    expect(thrown(() => decodeMasterRecord(explicitZero))).to.have.property('name', 'InvalidRecordError')

    // counter 7 as a two-byte varint (0x87 0x00) instead of 0x07
    const at = bytes.indexOf(0x10)
    expect(bytes[at + 1]).to.equal(7)
    const padded = Uint8Array.from([...bytes.subarray(0, at + 1), 0x87, 0x00, ...bytes.subarray(at + 2)])
    expect(thrown(() => decodeMasterRecord(padded))).to.have.property('name', 'InvalidRecordError')
  })

  const badFields: Array<[string, Record<string, unknown>]> = [
    ['a 31-byte key hash', { keyHash: new Uint8Array(31) }],
    ['no key hash', { keyHash: new Uint8Array(0) }],
    ['no group', { group: '' }],
    ['a group id of 129 bytes', { group: 'g'.repeat(129) }],
    ['a group id with ":"', { group: 'a:b' }],
    ['a group id with a control character', { group: 'a\nb' }],
    ['no leader', { leader: '' }],
    ['a leader that is not a peer id', { leader: 'not-a-peer-id' }],
    ['a 63-byte signature', { signature: new Uint8Array(63) }],
    ['no signature', { signature: new Uint8Array(0) }]
  ]

  for (const [what, change] of badFields) {
    it(`rejects bytes carrying ${what}`, () => {
      const base = current()
      const message = {
        keyHash: Uint8Array.from(base.keyHash),
        counter: base.epoch.counter,
        term: base.epoch.term,
        group: base.group,
        leader: base.leader,
        issuedAtMs: base.issuedAtMs,
        signature: Uint8Array.from(base.signature),
        ...change
      }
      const bytes = MasterRecordMessage.encode(message)

      expect(thrown(() => decodeMasterRecord(bytes))).to.have.property('name', 'InvalidRecordError')
    })
  }

  it('rejects a leader that is not an Ed25519 peer id, or not spelled as base58btc', async () => {
    const secp = await generateKeyPair('secp256k1')
    const secpLeader = peerIdFromPrivateKey(secp).toString()
    const cidLeader = peerIdFromPrivateKey(leaderKey).toCID().toString()

    for (const leader of [secpLeader, cidLeader]) {
      const bytes = MasterRecordMessage.encode({
        keyHash: Uint8Array.from(record.keyHash),
        counter: 1,
        term: 1,
        group: 'g',
        leader,
        signature: new Uint8Array(64)
      })

      expect(thrown(() => decodeMasterRecord(bytes)), leader).to.have.property('name', 'InvalidRecordError')
    }

    await expect(createMasterRecord(secp, { keyHash: record.keyHash, epoch: { counter: 1, term: 1 }, group: 'g' }))
      .to.eventually.be.rejected.with.property('name', 'InvalidRecordError')
  })

  it('rejects counters, terms and times beyond safe integers', () => {
    // protons will not encode these, so the varints are written by hand
    function varint (value: bigint): number[] {
      const out: number[] = []
      while (value >= 0x80n) {
        out.push(Number(value & 0x7fn) | 0x80)
        value >>= 7n
      }
      out.push(Number(value))
      return out
    }
    function bytesField (field: number, bytes: Uint8Array): number[] {
      return [field << 3 | 2, ...varint(BigInt(bytes.byteLength)), ...bytes]
    }
    function encode (counter: bigint, term: bigint, issuedAtMs: bigint): Uint8Array {
      return Uint8Array.from([
        ...bytesField(1, record.keyHash),
        2 << 3, ...varint(counter),
        3 << 3, ...varint(term),
        ...bytesField(4, new TextEncoder().encode('g')),
        ...bytesField(5, new TextEncoder().encode(record.leader)),
        6 << 3, ...varint(issuedAtMs),
        ...bytesField(7, new Uint8Array(64))
      ])
    }

    // the hand encoder agrees with protons where both work
    expect(decodeMasterRecord(encode(1n, 1n, 1n)).epoch).to.deep.equal({ counter: 1, term: 1 })
    expect(encode(1n, 1n, 1n)).to.deep.equal(MasterRecordMessage.encode({
      keyHash: Uint8Array.from(record.keyHash), counter: 1, term: 1, group: 'g', leader: record.leader, issuedAtMs: 1, signature: new Uint8Array(64)
    }))

    for (const [counter, term, issuedAtMs] of [[2n ** 53n, 1n, 1n], [1n, 2n ** 55n, 1n], [1n, 1n, 2n ** 54n], [2n ** 64n - 1n, 1n, 1n]]) {
      expect(thrown(() => decodeMasterRecord(encode(counter, term, issuedAtMs))), `${counter} ${term} ${issuedAtMs}`).to.have.property('name', 'InvalidRecordError')
    }
  })

  it('refuses to sign or encode out-of-bounds fields', async () => {
    await expect(createMasterRecord(leaderKey, { keyHash: record.keyHash, epoch: { counter: -1, term: 0 }, group: 'g' }))
      .to.eventually.be.rejected.with.property('name', 'InvalidRecordError')
    await expect(createMasterRecord(leaderKey, { keyHash: record.keyHash, epoch: { counter: 1.5, term: 0 }, group: 'g' }))
      .to.eventually.be.rejected.with.property('name', 'InvalidRecordError')
    await expect(createMasterRecord(leaderKey, { keyHash: new Uint8Array(3), epoch: { counter: 1, term: 0 }, group: 'g' }))
      .to.eventually.be.rejected.with.property('name', 'InvalidRecordError')
    expect(thrown(() => encodeMasterRecord({ ...record, group: 'x'.repeat(200) }))).to.have.property('name', 'InvalidRecordError')
  })

  it('does not change under later writes to the arguments it was signed from', async () => {
    const keyHash = hashKey('k')
    const signed = await createMasterRecord(leaderKey, { keyHash, epoch: { counter: 1, term: 1 }, group: 'g' })
    keyHash.fill(0)

    await verifyMasterRecord(signed)
  })

  it('compares epochs by counter first, then term', () => {
    expect(compareEpochs({ counter: 2, term: 1 }, { counter: 1, term: 9 })).to.be.above(0)
    expect(compareEpochs({ counter: 1, term: 9 }, { counter: 2, term: 1 })).to.be.below(0)
    expect(compareEpochs({ counter: 2, term: 3 }, { counter: 2, term: 4 })).to.be.below(0)
    expect(compareEpochs({ counter: 2, term: 4 }, { counter: 2, term: 4 })).to.equal(0)
  })
})
