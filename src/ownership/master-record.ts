/**
 * Master records: where the master copy of an object lives. A record names the object (by the
 * sha256 of its key), its ownership epoch, the group that owns it and that group's leader, and is
 * signed by that leader's libp2p key. Records live in the DHT under `/hoard/<hex of sha256(key)>`
 * as a location cache (DESIGN.md, "Finding the master"): never the authority, never on the hot
 * path, and a record that fails any check here is refused, never applied (DESIGN.md, "Security").
 *
 * The signature covers a fixed, domain-separated encoding of every field (`signingPayload`), not
 * the protobuf bytes, so it cannot be confused with a signature over any other hoard message. The
 * protobuf bytes themselves must be the one canonical encoding of the fields (`decodeMasterRecord`
 * re-encodes and compares), so no unsigned byte can ride along and equal records have equal bytes.
 */

import { createHash } from 'node:crypto'
import { peerIdFromPrivateKey, peerIdFromString } from '@libp2p/peer-id'
import { equals as uint8ArrayEquals } from 'uint8arrays/equals'
import { fromString as uint8ArrayFromString } from 'uint8arrays/from-string'
import { toString as uint8ArrayToString } from 'uint8arrays/to-string'
import { InvalidRecordError } from '../errors.ts'
import { compareEpochs, formatEpoch, isValidEpoch } from './epoch.ts'
import { MasterRecord as MasterRecordMessage } from './pb/record.ts'
import type { Epoch } from './epoch.ts'
import type { AbortOptions, PrivateKey } from '@libp2p/interface'

/** The DHT key namespace of master records: kad-dht picks the validator and selector by it */
export const MASTER_RECORD_NAMESPACE = 'hoard'

/** sha256 digests are 32 bytes */
export const KEY_HASH_BYTES = 32

/** Ed25519 signatures are 64 bytes */
export const SIGNATURE_BYTES = 64

/**
 * A group id is `<node id>.<incarnation>` (about 61 characters); this leaves room for other forms
 * without letting a record grow unbounded
 */
export const MAX_GROUP_ID_BYTES = 128

/** The base58btc text of an Ed25519 peer id is 52 characters */
export const MAX_LEADER_ID_BYTES = 64

/**
 * Largest encoded record accepted (a full record is about 230 bytes). Checked before decoding, so
 * a peer cannot make us parse or hash a large value.
 */
export const MAX_MASTER_RECORD_BYTES = 512

/**
 * Prefix of every signing payload. A signature over a master record cannot be replayed as a
 * signature over a handoff or any other message, whose domains differ.
 */
export const MASTER_RECORD_SIGNING_DOMAIN = 'hoard master record v1\0'

const DHT_KEY_PREFIX = `/${MASTER_RECORD_NAMESPACE}/`
const domainBytes = new TextEncoder().encode(MASTER_RECORD_SIGNING_DOMAIN)
const utf8 = new TextEncoder()

/** What a record says, before it is signed */
export interface MasterRecordFields {
  /** sha256 of the object key's UTF-8 bytes (`hashKey`) */
  readonly keyHash: Uint8Array
  /** The ownership epoch the leader's group logged for the key */
  readonly epoch: Epoch
  /** The owning group's id */
  readonly group: string
  /** The group leader's peer id (base58btc text; an Ed25519 key): the key that signs */
  readonly leader: string
  /** Wall-clock ms since 1970 when the record was signed; orders re-signed copies of one epoch */
  readonly issuedAtMs?: number
}

/** A signed master record */
export interface MasterRecord extends MasterRecordFields {
  /** Ed25519 signature by `leader` over `signingPayload(fields)` */
  readonly signature: Uint8Array
}

/** What `createMasterRecord` needs: the leader is the signing key's own peer id */
export interface MasterRecordInit {
  keyHash: Uint8Array
  epoch: Epoch
  group: string
  issuedAtMs?: number
}

/** sha256 of a key's UTF-8 bytes: the identity of the key in master records and in the DHT */
export function hashKey (key: string): Uint8Array {
  if (typeof key !== 'string') {
    throw new InvalidRecordError('An object key must be a string')
  }

  return Uint8Array.from(createHash('sha256').update(key, 'utf8').digest())
}

/** The DHT key of a key hash's master record: `/hoard/<64 lowercase hex digits>` as UTF-8 bytes */
export function masterRecordDhtKey (keyHash: Uint8Array): Uint8Array {
  if (!(keyHash instanceof Uint8Array) || keyHash.byteLength !== KEY_HASH_BYTES) {
    throw new InvalidRecordError(`A key hash is ${KEY_HASH_BYTES} bytes`)
  }

  return uint8ArrayFromString(`${DHT_KEY_PREFIX}${uint8ArrayToString(keyHash, 'base16')}`)
}

/** The DHT key of an object key's master record */
export function dhtKeyForObjectKey (key: string): Uint8Array {
  return masterRecordDhtKey(hashKey(key))
}

/** True when a DHT key is in the master records' namespace (it may still be malformed) */
export function isMasterRecordDhtKey (dhtKey: Uint8Array): boolean {
  return dhtKey.byteLength > DHT_KEY_PREFIX.length &&
    uint8ArrayToString(dhtKey.subarray(0, DHT_KEY_PREFIX.length)) === DHT_KEY_PREFIX
}

/**
 * Signs a master record with the leader's private key; the record's `leader` is that key's peer id.
 *
 * @throws {InvalidRecordError} when a field is out of bounds or the key is not Ed25519
 */
export async function createMasterRecord (privateKey: PrivateKey, init: MasterRecordInit, options?: AbortOptions): Promise<MasterRecord> {
  if (privateKey.type !== 'Ed25519') {
    throw new InvalidRecordError(`Master records are signed with Ed25519 keys, not ${privateKey.type}`)
  }

  if (!(init.keyHash instanceof Uint8Array) || !isValidEpoch(init.epoch)) {
    throw new InvalidRecordError('A master record needs a key hash and a valid epoch')
  }

  // copies: the signed record must not change under the caller's later writes to its arguments
  const fields: MasterRecordFields = {
    keyHash: Uint8Array.from(init.keyHash),
    epoch: { counter: init.epoch.counter, term: init.epoch.term },
    group: init.group,
    leader: peerIdFromPrivateKey(privateKey).toString(),
    ...(init.issuedAtMs === undefined ? {} : { issuedAtMs: init.issuedAtMs })
  }
  checkFields(fields)
  const signature = await privateKey.sign(signingPayload(fields), options)

  return Object.freeze({ ...fields, signature: Uint8Array.from(signature) })
}

/**
 * The bytes the leader signs: the domain, then every field at a fixed place or with a length
 * prefix, so that no two different records share a payload.
 *
 * `domain | keyHash (32) | counter (u64 BE) | term (u64 BE) | u16 BE length | group (UTF-8) |
 * u16 BE length | leader (UTF-8) | has issuedAt (u8: 0 or 1) | issuedAtMs (u64 BE, 0 when absent)`
 */
export function signingPayload (fields: MasterRecordFields): Uint8Array {
  const group = utf8.encode(fields.group)
  const leader = utf8.encode(fields.leader)
  const payload = new Uint8Array(domainBytes.byteLength + KEY_HASH_BYTES + 8 + 8 + 2 + group.byteLength + 2 + leader.byteLength + 1 + 8)
  const view = new DataView(payload.buffer)
  let offset = 0

  payload.set(domainBytes, offset)
  offset += domainBytes.byteLength
  payload.set(fields.keyHash, offset)
  offset += KEY_HASH_BYTES
  view.setBigUint64(offset, BigInt(fields.epoch.counter))
  offset += 8
  view.setBigUint64(offset, BigInt(fields.epoch.term))
  offset += 8
  view.setUint16(offset, group.byteLength)
  offset += 2
  payload.set(group, offset)
  offset += group.byteLength
  view.setUint16(offset, leader.byteLength)
  offset += 2
  payload.set(leader, offset)
  offset += leader.byteLength
  view.setUint8(offset, fields.issuedAtMs === undefined ? 0 : 1)
  offset += 1
  view.setBigUint64(offset, BigInt(fields.issuedAtMs ?? 0))

  return payload
}

/**
 * The canonical protobuf encoding of a record (the DHT value).
 *
 * @throws {InvalidRecordError} when a field is out of bounds: nothing malformed is sent
 */
export function encodeMasterRecord (record: MasterRecord): Uint8Array {
  checkFields(record)
  checkSignatureShape(record.signature)

  const bytes = MasterRecordMessage.encode({
    // copies: the generated codec types its bytes fields as ArrayBuffer-backed
    keyHash: Uint8Array.from(record.keyHash),
    counter: record.epoch.counter,
    term: record.epoch.term,
    group: record.group,
    leader: record.leader,
    issuedAtMs: record.issuedAtMs,
    signature: Uint8Array.from(record.signature)
  })

  // every field is bounded above, so this holds for every valid record; it guards the bounds
  if (bytes.byteLength > MAX_MASTER_RECORD_BYTES) {
    throw new InvalidRecordError(`Encoded master record is ${bytes.byteLength} bytes, over ${MAX_MASTER_RECORD_BYTES}`)
  }

  return bytes
}

/**
 * Decodes a record and checks every field's shape. Does not check the signature: see
 * `verifyMasterRecord`, or `decodeVerifiedMasterRecord` for both.
 *
 * @throws {InvalidRecordError} for oversized, truncated, malformed or non-canonical bytes
 */
export function decodeMasterRecord (bytes: Uint8Array): MasterRecord {
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidRecordError('A master record must be a Uint8Array')
  }

  if (bytes.byteLength === 0 || bytes.byteLength > MAX_MASTER_RECORD_BYTES) {
    throw new InvalidRecordError(`A master record is 1 to ${MAX_MASTER_RECORD_BYTES} bytes, not ${bytes.byteLength}`)
  }

  let message: MasterRecordMessage

  try {
    message = MasterRecordMessage.decode(bytes)
  } catch (err) {
    throw new InvalidRecordError(`Malformed master record: ${err instanceof Error ? err.message : String(err)}`)
  }

  const record: MasterRecord = {
    keyHash: message.keyHash,
    epoch: { counter: message.counter, term: message.term },
    group: message.group,
    leader: message.leader,
    ...(message.issuedAtMs === undefined ? {} : { issuedAtMs: message.issuedAtMs }),
    signature: message.signature
  }
  checkFields(record)
  checkSignatureShape(record.signature)

  // unknown fields, repeated fields, padded varints and invalid UTF-8 all decode to something that
  // re-encodes differently: refuse them, so that only the signed fields are in the bytes
  if (!uint8ArrayEquals(MasterRecordMessage.encode(message), bytes)) {
    throw new InvalidRecordError('A master record must be canonically encoded')
  }

  return Object.freeze(record)
}

/**
 * Checks that the record is signed by the key of the peer its `leader` field names (an Ed25519
 * peer id carries its public key, so the leader field is the only key that can verify).
 *
 * @throws {InvalidRecordError} when the signature does not verify or the leader is not an Ed25519 peer id
 */
export async function verifyMasterRecord (record: MasterRecord, options?: AbortOptions): Promise<void> {
  checkFields(record)
  checkSignatureShape(record.signature)
  const publicKey = peerIdFromString(record.leader).publicKey

  if (publicKey == null) {
    throw new InvalidRecordError('The leader\'s peer id carries no public key')
  }

  let valid: boolean

  try {
    valid = await publicKey.verify(signingPayload(record), record.signature, options)
  } catch (err) {
    throw new InvalidRecordError(`Could not verify the master record's signature: ${err instanceof Error ? err.message : String(err)}`)
  }

  if (!valid) {
    throw new InvalidRecordError(`Master record for epoch ${formatEpoch(record.epoch)} is not signed by its leader ${record.leader}`)
  }
}

/**
 * Decodes and verifies a record; with `dhtKey`, also checks that it is the record of that key.
 *
 * @throws {InvalidRecordError} for anything but a well-formed record signed by its leader (and stored under its own key)
 */
export async function decodeVerifiedMasterRecord (bytes: Uint8Array, dhtKey?: Uint8Array, options?: AbortOptions): Promise<MasterRecord> {
  const record = decodeMasterRecord(bytes)

  if (dhtKey != null && !uint8ArrayEquals(masterRecordDhtKey(record.keyHash), dhtKey)) {
    throw new InvalidRecordError('The master record is not for the DHT key it was stored or found under')
  }

  await verifyMasterRecord(record, options)

  return record
}

/**
 * Orders two records of one key: the higher epoch is newer; within one epoch, the later
 * `issuedAtMs` (absent counts as oldest), so that a leader's re-signed copy replaces its older one;
 * then the encoded bytes, so that every peer picks the same record whatever order it saw them in.
 * Negative when `a` is older than `b`.
 */
export function compareMasterRecords (a: MasterRecord, b: MasterRecord): number {
  const byEpoch = compareEpochs(a.epoch, b.epoch)

  if (byEpoch !== 0) {
    return byEpoch
  }

  const issuedA = a.issuedAtMs ?? -1
  const issuedB = b.issuedAtMs ?? -1

  if (issuedA !== issuedB) {
    return issuedA < issuedB ? -1 : 1
  }

  return compareBytes(encodeMasterRecord(a), encodeMasterRecord(b))
}

/** Lexicographic order of two byte strings; a proper prefix sorts first */
export function compareBytes (a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.byteLength, b.byteLength)

  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) {
      return a[i] < b[i] ? -1 : 1
    }
  }

  return a.byteLength - b.byteLength
}

function checkFields (fields: MasterRecordFields): void {
  if (fields == null || typeof fields !== 'object') {
    throw new InvalidRecordError('A master record must be an object')
  }

  if (!(fields.keyHash instanceof Uint8Array) || fields.keyHash.byteLength !== KEY_HASH_BYTES) {
    throw new InvalidRecordError(`A master record's key hash is ${KEY_HASH_BYTES} bytes`)
  }

  if (!isValidEpoch(fields.epoch)) {
    throw new InvalidRecordError('A master record\'s epoch counter and term are non-negative safe integers')
  }

  checkGroup(fields.group)
  checkLeader(fields.leader)

  if (fields.issuedAtMs !== undefined && (!Number.isSafeInteger(fields.issuedAtMs) || fields.issuedAtMs < 0)) {
    throw new InvalidRecordError('A master record\'s issuedAtMs is a non-negative safe integer')
  }
}

function checkGroup (group: string): void {
  if (typeof group !== 'string' || group.length === 0) {
    throw new InvalidRecordError('A master record names a group')
  }

  if (utf8.encode(group).byteLength > MAX_GROUP_ID_BYTES) {
    throw new InvalidRecordError(`A master record's group id is at most ${MAX_GROUP_ID_BYTES} bytes`)
  }

  // commit tokens use ':' as their separator, so no group id contains one (docs/protocol.md, section 1);
  // control characters have no business in an id that ends up in logs
  // eslint-disable-next-line no-control-regex
  if (/[:\u0000-\u001f\u007f]/.test(group)) {
    throw new InvalidRecordError('A master record\'s group id contains no ":" and no control characters')
  }
}

function checkLeader (leader: string): void {
  if (typeof leader !== 'string' || leader.length === 0 || utf8.encode(leader).byteLength > MAX_LEADER_ID_BYTES) {
    throw new InvalidRecordError(`A master record's leader is a peer id of at most ${MAX_LEADER_ID_BYTES} bytes`)
  }

  let type: string

  try {
    const peerId = peerIdFromString(leader)
    type = peerId.type

    // one spelling per peer: the base58btc text (other multibase forms of one id would be
    // different bytes for the same signer)
    if (peerId.toString() !== leader) {
      throw new InvalidRecordError('A master record\'s leader must be spelled as base58btc')
    }
  } catch (err) {
    if (err instanceof InvalidRecordError) {
      throw err
    }
    throw new InvalidRecordError(`A master record's leader is not a peer id: ${err instanceof Error ? err.message : String(err)}`)
  }

  // an Ed25519 peer id carries its public key, so a record can be verified with nothing but itself
  if (type !== 'Ed25519') {
    throw new InvalidRecordError(`A master record's leader must be an Ed25519 peer id, not ${type}`)
  }
}

function checkSignatureShape (signature: Uint8Array): void {
  if (!(signature instanceof Uint8Array) || signature.byteLength !== SIGNATURE_BYTES) {
    throw new InvalidRecordError(`A master record's signature is ${SIGNATURE_BYTES} bytes`)
  }
}
