/**
 * Publishing and finding master records in the DHT.
 *
 * A leader publishes a record for each key its group owns and keeps re-putting it: the DHT never
 * republishes values and drops them 48 h after they were received, so a record is re-signed (a
 * fresh `issuedAtMs`) and put again every `republishIntervalMs` (default 12 h, less up to 10 %
 * jitter so that a group's records do not all go out at once). A put that reached no peer is
 * retried sooner, backing off from `retryIntervalMs`. kad-dht's `put` does not fail when no peer
 * stored the record, so a put counts the peers that answered its PUT_VALUE: that is the only
 * evidence a record left the node. A put refused by this node's own store (it holds a newer
 * epoch: the key has moved on) stops the re-puts for that key.
 *
 * `lookup` asks the DHT for a key's record and returns the newest valid one found. The DHT is a
 * location cache: a lookup that times out or partly fails returns what it found, not an error.
 */

import { TimeoutError } from '@libp2p/interface'
import { equals as uint8ArrayEquals } from 'uint8arrays/equals'
import { AbortError, InvalidOptionError, StaleRecordError } from '../errors.ts'
import { compareEpochs, formatEpoch, isValidEpoch } from './epoch.ts'
import { compareMasterRecords, createMasterRecord, encodeMasterRecord, hashKey, masterRecordDhtKey } from './master-record.ts'
import { validMasterRecord } from './record-policy.ts'
import type { Epoch } from './epoch.ts'
import type { MasterRecord } from './master-record.ts'
import type { Clock, Timer } from '../clock/clock.ts'
import type { AbortOptions, ComponentLogger, Logger, PrivateKey, RoutingOptions, Startable } from '@libp2p/interface'
import type { QueryEvent } from '@libp2p/kad-dht'

const HOUR_MS = 60 * 60 * 1_000

/** kad-dht drops a stored record this long after it received it (`PROVIDERS_VALIDITY`) */
export const DHT_RECORD_EXPIRY_MS = 48 * HOUR_MS

export const DEFAULT_REPUBLISH_INTERVAL_MS = 12 * HOUR_MS
export const DEFAULT_REPUBLISH_JITTER = 0.1
export const DEFAULT_RETRY_INTERVAL_MS = 5 * 60 * 1_000
export const DEFAULT_SWEEP_INTERVAL_MS = 60 * 1_000
export const DEFAULT_PUT_TIMEOUT_MS = 30 * 1_000
export const DEFAULT_LOOKUP_TIMEOUT_MS = 10 * 1_000
export const DEFAULT_MAX_PUBLISHED_KEYS = 1_000_000
export const DEFAULT_REPUBLISH_CONCURRENCY = 4

/** The part of kad-dht the records need (a `KadDHT` is one) */
export interface RecordDht {
  put(key: Uint8Array, value: Uint8Array, options?: RoutingOptions): AsyncIterable<QueryEvent>
  get(key: Uint8Array, options?: RoutingOptions): AsyncIterable<QueryEvent>
}

export interface MasterRecordsComponents {
  dht: RecordDht
  /** The node's libp2p key: records are signed by the leader, and this node is the leader */
  privateKey: PrivateKey
  logger: ComponentLogger
  clock: Clock
  /** Uniform in [0, 1): the jitter of re-puts */
  random(): number
}

export interface MasterRecordsInit {
  /** Re-put every record this often (default 12 h); less than the DHT's 48 h expiry */
  republishIntervalMs?: number
  /** Re-puts come up to this fraction of the interval early (default 0.1) */
  republishJitter?: number
  /** First retry of a put that reached no peer (default 5 min), doubling up to the interval */
  retryIntervalMs?: number
  /** How often due re-puts are looked for (default 1 min) */
  sweepIntervalMs?: number
  /** Deadline of one put (default 30 s) */
  putTimeoutMs?: number
  /** Deadline of a lookup when the caller gives none (default 10 s) */
  lookupTimeoutMs?: number
  /** Most keys kept for re-putting (default 1,000,000) */
  maxPublishedKeys?: number
  /** Re-puts in flight at once (default 4) */
  republishConcurrency?: number
}

/** Who owns a key, as its group's leader publishes it */
export interface MasterRecordOwner {
  epoch: Epoch
  group: string
}

export interface PublishResult {
  /** The record put */
  record: MasterRecord
  /** Peers that stored it (answered PUT_VALUE); 0 in a one-node mesh or when every peer refused */
  acceptedPeers: number
  /** The put's deadline passed before every closest peer had answered */
  timedOut: boolean
}

export interface LookupOptions extends AbortOptions {
  /** Give up asking after this long and return the best record found so far (default `lookupTimeoutMs`) */
  timeoutMs?: number
}

interface Published {
  readonly key: string
  readonly keyHash: Uint8Array
  epoch: Epoch
  group: string
  /** Monotonic ms at which the next re-put is due */
  dueAtMs: number
  /** Consecutive re-puts that reached no peer */
  failures: number
}

interface Resolved {
  republishIntervalMs: number
  republishJitter: number
  retryIntervalMs: number
  sweepIntervalMs: number
  putTimeoutMs: number
  lookupTimeoutMs: number
  maxPublishedKeys: number
  republishConcurrency: number
}

export class MasterRecords implements Startable {
  private readonly components: MasterRecordsComponents
  private readonly init: Resolved
  private readonly log: Logger
  private readonly published = new Map<string, Published>()
  private sweepTimer?: Timer
  private sweeping?: Promise<void>
  private shutdown = new AbortController()
  private running = false

  constructor (components: MasterRecordsComponents, init: MasterRecordsInit = {}) {
    this.components = components
    this.init = resolve(init)
    this.log = components.logger.forComponent('hoard:ownership:records')
  }

  start (): void {
    if (this.running) {
      return
    }
    this.running = true
    this.shutdown = new AbortController()
    this.scheduleSweep()
  }

  /** Stops re-putting; puts in flight are aborted. Published keys are kept for a later `start` */
  async stop (): Promise<void> {
    this.running = false
    this.sweepTimer?.cancel()
    this.sweepTimer = undefined
    this.shutdown.abort(new AbortError('The master record service stopped'))
    await this.sweeping
  }

  /** How many keys are being re-put */
  get publishedKeys (): number {
    return this.published.size
  }

  /** The epoch this node publishes for `key`, if it publishes it */
  publishedEpoch (key: string): Epoch | undefined {
    return this.published.get(key)?.epoch
  }

  /**
   * Signs and puts the record of `key` (this node leads `owner.group`), and keeps re-putting it
   * until `withdraw(key)` or a newer epoch turns up in this node's store.
   *
   * @throws {StaleRecordError} when a newer epoch is already published here or held in this node's store
   * @throws {InvalidRecordError} when the epoch or group is out of bounds
   * @throws {InvalidOptionError} when `maxPublishedKeys` keys are already published
   * @throws {AbortError} when `options.signal` aborts or the service stops
   */
  async publish (key: string, owner: MasterRecordOwner, options: AbortOptions = {}): Promise<PublishResult> {
    const keyHash = hashKey(key)
    let entry = this.published.get(key)

    if (entry != null && isValidEpoch(owner?.epoch) && compareEpochs(owner.epoch, entry.epoch) < 0) {
      throw new StaleRecordError(`Key is already published at epoch ${formatEpoch(entry.epoch)}, above ${formatEpoch(owner.epoch)}`)
    }

    // sign first: a malformed epoch or group is refused before anything is recorded
    const record = await this.sign(keyHash, owner.epoch, owner.group, options)

    if (entry == null) {
      if (this.published.size >= this.init.maxPublishedKeys) {
        throw new InvalidOptionError(`maxPublishedKeys (${this.init.maxPublishedKeys}) keys are already published`)
      }
      entry = { key, keyHash, epoch: record.epoch, group: record.group, dueAtMs: 0, failures: 0 }
      this.published.set(key, entry)
    } else {
      entry.epoch = record.epoch
      entry.group = record.group
    }

    entry.dueAtMs = this.components.clock.monotonicMs() + this.jitteredIntervalMs()
    entry.failures = 0

    try {
      return await this.putRecord(record, options)
    } catch (err) {
      this.forgetIfStale(entry, record.epoch, err)
      throw err
    }
  }

  /** Stops re-putting `key`'s record (its record stays in the DHT until it expires). True if it was published */
  withdraw (key: string): boolean {
    return this.published.delete(key)
  }

  /**
   * The newest valid master record of `key` the DHT holds, or undefined when none was found. A
   * lookup that times out returns the best record found until then.
   *
   * @throws {AbortError} when `options.signal` aborts or the service stops
   */
  async lookup (key: string, options: LookupOptions = {}): Promise<MasterRecord | undefined> {
    const dhtKey = masterRecordDhtKey(hashKey(key))
    const timeoutMs = checkInteger('timeoutMs', options.timeoutMs ?? this.init.lookupTimeoutMs, 1, DHT_RECORD_EXPIRY_MS)
    const found: Uint8Array[] = []
    const deadline = this.deadline(timeoutMs, options.signal)

    try {
      for await (const event of this.components.dht.get(dhtKey, { signal: deadline.signal })) {
        // PEER_RESPONSE carries every peer's copy; VALUE (last) is the selector's pick, which may
        // be this node's own copy. Collecting both keeps what was found if the query fails late.
        if (event.name === 'PEER_RESPONSE' && event.messageName === 'GET_VALUE' && event.record != null && uint8ArrayEquals(event.record.key, dhtKey)) {
          found.push(event.record.value)
        } else if (event.name === 'VALUE') {
          found.push(event.value)
        }
      }
    } catch (err) {
      deadline.throwIfCallerAborted()
      this.log('lookup of %b ended early, keeping %d records found - %e', dhtKey, found.length, err)
    } finally {
      deadline.cancel()
    }

    return this.newest(dhtKey, found)
  }

  private async newest (dhtKey: Uint8Array, candidates: Uint8Array[]): Promise<MasterRecord | undefined> {
    let best: MasterRecord | undefined
    const seen: Uint8Array[] = []

    for (const bytes of candidates) {
      if (seen.some(other => uint8ArrayEquals(other, bytes))) {
        continue
      }
      seen.push(bytes)

      try {
        const record = await validMasterRecord(dhtKey, bytes)

        if (best == null || compareMasterRecords(record, best) > 0) {
          best = record
        }
      } catch (err) {
        // kad-dht validated these already; one failing here means the policies disagree
        this.log.error('ignoring an invalid record found for %b - %e', dhtKey, err)
      }
    }

    return best
  }

  private async sign (keyHash: Uint8Array, epoch: Epoch, group: string, options?: AbortOptions): Promise<MasterRecord> {
    return createMasterRecord(this.components.privateKey, {
      keyHash,
      epoch,
      group,
      issuedAtMs: Math.floor(this.components.clock.wallMs())
    }, options)
  }

  /** Puts a signed record and counts the peers that stored it */
  private async putRecord (record: MasterRecord, options: AbortOptions): Promise<PublishResult> {
    const dhtKey = masterRecordDhtKey(record.keyHash)
    const value = encodeMasterRecord(record)
    const deadline = this.deadline(this.init.putTimeoutMs, options.signal)
    let acceptedPeers = 0
    let timedOut = false

    try {
      for await (const event of this.components.dht.put(dhtKey, value, { signal: deadline.signal })) {
        // kad-dht echoes the record in its PUT_VALUE answer; it flags a different echo with a
        // QUERY_ERROR, so a PEER_RESPONSE whose record differs is not an acceptance
        if (event.name === 'PEER_RESPONSE' && event.messageName === 'PUT_VALUE' && (event.record == null || uint8ArrayEquals(event.record.value, value))) {
          acceptedPeers++
        }
      }
    } catch (err) {
      deadline.throwIfCallerAborted()

      if (!deadline.timedOut()) {
        throw err
      }
      timedOut = true
    } finally {
      deadline.cancel()
    }

    this.log('put %b at epoch %s: %d peers accepted%s', dhtKey, formatEpoch(record.epoch), acceptedPeers, timedOut ? ' (timed out)' : '')

    return { record, acceptedPeers, timedOut }
  }

  private scheduleSweep (): void {
    if (!this.running) {
      return
    }

    this.sweepTimer = this.components.clock.setTimer(() => {
      this.sweepTimer = undefined
      this.sweeping = this.sweep()
        .catch(err => { this.log.error('re-put sweep failed - %e', err) })
        .finally(() => {
          this.sweeping = undefined
          this.scheduleSweep()
        })
    }, this.init.sweepIntervalMs)
  }

  /** Re-puts every record that is due, a few at a time */
  private async sweep (): Promise<void> {
    const nowMs = this.components.clock.monotonicMs()
    const due = [...this.published.values()].filter(entry => entry.dueAtMs <= nowMs)
    let next = 0

    const worker = async (): Promise<void> => {
      while (this.running && next < due.length) {
        await this.republish(due[next++])
      }
    }

    await Promise.all(Array.from({ length: Math.min(this.init.republishConcurrency, due.length) }, worker))
  }

  private async republish (entry: Published): Promise<void> {
    if (this.published.get(entry.key) !== entry) {
      return
    }

    const epoch = entry.epoch
    let reached = false

    try {
      const record = await this.sign(entry.keyHash, epoch, entry.group)
      const result = await this.putRecord(record, { signal: this.shutdown.signal })
      reached = result.acceptedPeers > 0
    } catch (err) {
      if (this.forgetIfStale(entry, epoch, err)) {
        this.log('stopped re-putting a key at epoch %s: a newer epoch is held', formatEpoch(epoch))
        return
      }

      if (!this.running) {
        return
      }
      this.log.error('re-put at epoch %s failed - %e', formatEpoch(epoch), err)
    }

    const nowMs = this.components.clock.monotonicMs()

    if (reached) {
      entry.failures = 0
      entry.dueAtMs = nowMs + this.jitteredIntervalMs()
    } else {
      entry.failures++
      entry.dueAtMs = nowMs + Math.min(this.init.republishIntervalMs, this.init.retryIntervalMs * 2 ** Math.min(entry.failures - 1, 30))
    }
  }

  /**
   * Drops `entry` when `err` says the store holds a newer record than `epoch`, unless the entry
   * has since been republished at another epoch (a re-put racing a newer publish must not end it)
   */
  private forgetIfStale (entry: Published, epoch: Epoch, err: unknown): boolean {
    if (!(err instanceof StaleRecordError)) {
      return false
    }

    if (this.published.get(entry.key) === entry && compareEpochs(entry.epoch, epoch) === 0) {
      this.published.delete(entry.key)
    }

    return true
  }

  private jitteredIntervalMs (): number {
    return this.init.republishIntervalMs * (1 - this.init.republishJitter * this.components.random())
  }

  /** A signal that aborts at the caller's abort, at `stop()`, or after `timeoutMs` on the clock */
  private deadline (timeoutMs: number, callerSignal?: AbortSignal): Deadline {
    const timeout = new AbortController()
    const timer = this.components.clock.setTimer(() => { timeout.abort(new TimeoutError()) }, timeoutMs)
    const signals = [timeout.signal, this.shutdown.signal]

    if (callerSignal != null) {
      signals.push(callerSignal)
    }

    return {
      signal: AbortSignal.any(signals),
      cancel: () => { timer.cancel() },
      timedOut: () => timeout.signal.aborted,
      throwIfCallerAborted: () => {
        if (callerSignal?.aborted === true || this.shutdown.signal.aborted) {
          throw new AbortError()
        }
      }
    }
  }
}

interface Deadline {
  signal: AbortSignal
  cancel(): void
  timedOut(): boolean
  throwIfCallerAborted(): void
}

function resolve (init: MasterRecordsInit): Resolved {
  const republishIntervalMs = checkInteger('republishIntervalMs', init.republishIntervalMs ?? DEFAULT_REPUBLISH_INTERVAL_MS, 1, DHT_RECORD_EXPIRY_MS - 1)
  const republishJitter = init.republishJitter ?? DEFAULT_REPUBLISH_JITTER

  if (typeof republishJitter !== 'number' || !(republishJitter >= 0 && republishJitter < 1)) {
    throw new InvalidOptionError(`republishJitter must be a number from 0 up to (not including) 1, not ${String(republishJitter)}`)
  }

  return {
    republishIntervalMs,
    republishJitter,
    retryIntervalMs: checkInteger('retryIntervalMs', init.retryIntervalMs ?? Math.min(DEFAULT_RETRY_INTERVAL_MS, republishIntervalMs), 1, republishIntervalMs),
    sweepIntervalMs: checkInteger('sweepIntervalMs', init.sweepIntervalMs ?? Math.min(DEFAULT_SWEEP_INTERVAL_MS, republishIntervalMs), 1, republishIntervalMs),
    putTimeoutMs: checkInteger('putTimeoutMs', init.putTimeoutMs ?? DEFAULT_PUT_TIMEOUT_MS, 1, DHT_RECORD_EXPIRY_MS),
    lookupTimeoutMs: checkInteger('lookupTimeoutMs', init.lookupTimeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS, 1, DHT_RECORD_EXPIRY_MS),
    maxPublishedKeys: checkInteger('maxPublishedKeys', init.maxPublishedKeys ?? DEFAULT_MAX_PUBLISHED_KEYS, 1, 100_000_000),
    republishConcurrency: checkInteger('republishConcurrency', init.republishConcurrency ?? DEFAULT_REPUBLISH_CONCURRENCY, 1, 1_000)
  }
}

function checkInteger (option: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(`${option} must be an integer from ${min} to ${max}, not ${String(value)}`)
  }

  return value
}
