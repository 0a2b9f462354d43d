/**
 * A datastore that never lets a master record go backwards.
 *
 * kad-dht 16.4.5 keeps each DHT record in the libp2p datastore under
 * `<datastorePrefix>/record/<base32 of the DHT key>` (default prefix `/dht`, base32 lowercase
 * RFC 4648 without padding), as a serialized `@libp2p/record` `Libp2pRecord { key, value,
 * timeReceived }`. Three paths write there: `put` (the local copy, before PUT_VALUE goes out), the
 * PUT_VALUE handler (any peer's put), and `get`'s correction of its own out-of-date copy. The
 * PUT_VALUE handler runs the validator and then stores, without asking the selector or looking at
 * what it holds (js-libp2p #3377), so a late or stale put would replace a newer master record.
 *
 * This wrapper is the datastore given to libp2p. For the records of `/hoard/` keys, a put is
 * decoded and verified (a record that fails is refused with `InvalidRecordError`), compared with
 * the record already stored (`compareMasterRecords`), and refused with `StaleRecordError` when it
 * is older; an equal or newer record is stored (an equal one refreshes `timeReceived`, which keeps
 * it alive for another 48 h). Puts to one key are serialized, so two racing PUT_VALUEs cannot both
 * read the old record and the older one win. A refused PUT_VALUE fails the remote peer's request,
 * so the putter does not count it as accepted; a refused local put makes the putter's `dht.put`
 * throw before it sends anything. Every other key passes straight through.
 */

import { Libp2pRecord } from '@libp2p/record'
import { BaseDatastore, MemoryDatastore } from 'datastore-core'
import { equals as uint8ArrayEquals } from 'uint8arrays/equals'
import { fromString as uint8ArrayFromString } from 'uint8arrays/from-string'
import { InvalidRecordError, StaleRecordError } from '../errors.ts'
import { formatEpoch } from './epoch.ts'
import { compareMasterRecords, isMasterRecordDhtKey } from './master-record.ts'
import { validMasterRecord } from './record-policy.ts'
import type { MasterRecord } from './master-record.ts'
import type { AbortOptions, ComponentLogger, Logger } from '@libp2p/interface'
import type { Datastore, Key, KeyQuery, Pair, Query } from 'interface-datastore'

/** kad-dht's default `datastorePrefix`; hoard's node does not change it */
export const DEFAULT_DHT_DATASTORE_PREFIX = '/dht'

/**
 * Largest stored DHT record the guard decodes: a master record (at most 512 bytes) plus its key
 * and timestamp. Anything larger under a `/hoard/` key is refused unread.
 */
export const MAX_STORED_RECORD_BYTES = 1024

export interface EpochGuardDatastoreComponents {
  logger: ComponentLogger
}

export interface EpochGuardDatastoreInit {
  /** The store that holds everything (default: a new `MemoryDatastore`) */
  datastore?: Datastore
  /** kad-dht's `datastorePrefix` (default `/dht`): records live under `<prefix>/record/` */
  datastorePrefix?: string
}

export class EpochGuardDatastore extends BaseDatastore {
  private readonly inner: Datastore
  private readonly recordPrefix: string
  private readonly log: Logger
  /** The tail of the chain of puts in progress, per guarded datastore key */
  private readonly pending = new Map<string, Promise<unknown>>()

  constructor (components: EpochGuardDatastoreComponents, init: EpochGuardDatastoreInit = {}) {
    super()
    this.inner = init.datastore ?? new MemoryDatastore()
    this.recordPrefix = `${init.datastorePrefix ?? DEFAULT_DHT_DATASTORE_PREFIX}/record/`
    this.log = components.logger.forComponent('hoard:ownership:record-guard')
  }

  /**
   * Stores `value`, unless `key` holds the record of a `/hoard/` DHT key and `value` is not a valid
   * master record for that key at least as new as the stored one.
   *
   * @throws {InvalidRecordError} when a `/hoard/` record does not validate
   * @throws {StaleRecordError} when the stored record is newer
   */
  override async put (key: Key, value: Uint8Array, options?: AbortOptions): Promise<Key> {
    const dhtKey = this.guardedDhtKey(key)

    if (dhtKey == null) {
      return this.inner.put(key, value, options)
    }

    return this.serialized(key.toString(), async () => this.guardedPut(key, dhtKey, value, options))
  }

  override get (key: Key, options?: AbortOptions): Uint8Array | Promise<Uint8Array> {
    return this.inner.get(key, options)
  }

  override has (key: Key, options?: AbortOptions): boolean | Promise<boolean> {
    return this.inner.has(key, options)
  }

  override delete (key: Key, options?: AbortOptions): void | Promise<void> {
    return this.inner.delete(key, options)
  }

  override getMany (source: Iterable<Key> | AsyncIterable<Key>, options?: AbortOptions): Generator<Pair> | AsyncGenerator<Pair> {
    return this.inner.getMany(source, options)
  }

  override deleteMany (source: Iterable<Key> | AsyncIterable<Key>, options?: AbortOptions): Generator<Key> | AsyncGenerator<Key> {
    return this.inner.deleteMany(source, options)
  }

  override query (query: Query, options?: AbortOptions): Generator<Pair> | AsyncGenerator<Pair> {
    return this.inner.query(query, options)
  }

  override queryKeys (query: KeyQuery, options?: AbortOptions): Generator<Key> | AsyncGenerator<Key> {
    return this.inner.queryKeys(query, options)
  }

  // putMany and batch() come from BaseDatastore, which runs every pair through this.put: nothing
  // reaches the inner store around the guard

  private async guardedPut (key: Key, dhtKey: Uint8Array, value: Uint8Array, options?: AbortOptions): Promise<Key> {
    const incoming = await this.decodeStored(dhtKey, value, options)
    const stored = await this.storedRecord(key, dhtKey, options)

    if (stored != null && compareMasterRecords(incoming, stored) < 0) {
      this.log('refused epoch %s for %s: holding epoch %s', formatEpoch(incoming.epoch), key, formatEpoch(stored.epoch))
      throw new StaleRecordError(`Refused master record of epoch ${formatEpoch(incoming.epoch)}: epoch ${formatEpoch(stored.epoch)} is held`)
    }

    return this.inner.put(key, value, options)
  }

  /** The record currently stored, or undefined if none; a stored record that no longer validates is ignored (and so replaced) */
  private async storedRecord (key: Key, dhtKey: Uint8Array, options?: AbortOptions): Promise<MasterRecord | undefined> {
    let bytes: Uint8Array

    try {
      bytes = await this.inner.get(key, options)
    } catch (err) {
      if (err instanceof Error && err.name === 'NotFoundError') {
        return undefined
      }
      throw err
    }

    try {
      return await this.decodeStored(dhtKey, bytes, options)
    } catch (err) {
      this.log.error('replacing the unreadable record under %s - %e', key, err)
      return undefined
    }
  }

  /** Decodes a stored `Libp2pRecord` and the master record inside it, checking both keys match */
  private async decodeStored (dhtKey: Uint8Array, bytes: Uint8Array, options?: AbortOptions): Promise<MasterRecord> {
    if (!(bytes instanceof Uint8Array) || bytes.byteLength > MAX_STORED_RECORD_BYTES) {
      throw new InvalidRecordError(`A stored master record is at most ${MAX_STORED_RECORD_BYTES} bytes`)
    }

    let record: Libp2pRecord

    try {
      record = Libp2pRecord.deserialize(bytes)
    } catch (err) {
      throw new InvalidRecordError(`Malformed DHT record: ${err instanceof Error ? err.message : String(err)}`)
    }

    if (!uint8ArrayEquals(record.key, dhtKey)) {
      throw new InvalidRecordError('A DHT record\'s key does not match the datastore key it is stored under')
    }

    return validMasterRecord(dhtKey, record.value, options)
  }

  /** The DHT key whose record `key` holds, if it is a `/hoard/` key's record; otherwise undefined */
  private guardedDhtKey (key: Key): Uint8Array | undefined {
    const text = key.toString()

    if (!text.startsWith(this.recordPrefix)) {
      return undefined
    }

    const encoded = text.slice(this.recordPrefix.length)

    if (encoded.length === 0 || encoded.includes('/')) {
      return undefined
    }

    let dhtKey: Uint8Array

    try {
      dhtKey = uint8ArrayFromString(encoded, 'base32')
    } catch {
      // not a name kad-dht gives a record: not ours to judge
      return undefined
    }

    return isMasterRecordDhtKey(dhtKey) ? dhtKey : undefined
  }

  /** Runs `fn` after every earlier call for `name` has settled */
  private async serialized <T> (name: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.pending.get(name) ?? Promise.resolve()
    const result = previous.then(fn, fn)
    const tail = result.then(() => {}, () => {})
    this.pending.set(name, tail)

    try {
      return await result
    } finally {
      // the map holds only keys with a put in progress
      if (this.pending.get(name) === tail) {
        this.pending.delete(name)
      }
    }
  }
}
