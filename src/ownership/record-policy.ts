/**
 * The DHT record policy for `/hoard/` keys: kad-dht runs the validator on every record it is asked
 * to store (PUT_VALUE) and on every record a query returns, and the selector to choose among the
 * records a query found (the best is returned and sent back to peers holding worse ones).
 *
 * The selector alone does not keep a peer's store from going backwards: kad-dht 16's PUT_VALUE
 * handler stores whatever validates, without asking the selector (js-libp2p #3377). The datastore
 * guard (`record-guard.ts`) closes that.
 */

import { InvalidRecordError } from '../errors.ts'
import { compareMasterRecords, decodeVerifiedMasterRecord } from './master-record.ts'
import type { MasterRecord } from './master-record.ts'
import type { DhtRecordPolicy } from '../net/libp2p.ts'
import type { AbortOptions } from '@libp2p/interface'
import type { SelectFn, ValidateFn } from '@libp2p/kad-dht'

/**
 * Decodes and verifies the master record stored under `dhtKey`. Every failure, whatever its
 * cause, is an `InvalidRecordError`: kad-dht and the guard refuse on it and callers test one name.
 *
 * @throws {InvalidRecordError}
 */
export async function validMasterRecord (dhtKey: Uint8Array, value: Uint8Array, options?: AbortOptions): Promise<MasterRecord> {
  try {
    if (!(dhtKey instanceof Uint8Array)) {
      throw new InvalidRecordError('A DHT key must be a Uint8Array')
    }

    return await decodeVerifiedMasterRecord(value, dhtKey, options)
  } catch (err) {
    if (err instanceof InvalidRecordError) {
      throw err
    }

    throw new InvalidRecordError(`Invalid master record: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
}

/**
 * kad-dht validator for `/hoard/` keys: a well-formed master record signed by the leader it names,
 * stored under its own key's DHT key.
 *
 * @throws {InvalidRecordError}
 */
export const validateMasterRecord: ValidateFn = async (key, value, options) => {
  await validMasterRecord(key, value, options)
}

/**
 * kad-dht selector for `/hoard/` keys: the index of the newest valid record (`compareMasterRecords`:
 * highest epoch, then latest `issuedAtMs`, then bytes). Records that do not validate never win.
 *
 * @throws {InvalidRecordError} when no record validates
 */
export const selectMasterRecord: SelectFn = async (key, records) => {
  let best: { index: number, record: MasterRecord } | undefined

  for (let index = 0; index < records.length; index++) {
    let record: MasterRecord

    try {
      record = await validMasterRecord(key, records[index])
    } catch {
      continue
    }

    if (best == null || compareMasterRecords(record, best.record) > 0) {
      best = { index, record }
    }
  }

  if (best == null) {
    throw new InvalidRecordError('None of the records found is a valid master record')
  }

  return best.index
}

/** What `createHoardLibp2p({ dhtRecords })` takes: the master records' validator and selector */
export const masterRecordPolicy: DhtRecordPolicy = Object.freeze({
  validate: validateMasterRecord,
  select: selectMasterRecord
})
