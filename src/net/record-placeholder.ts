/**
 * PLACEHOLDER — NOT SAFE FOR A REAL CLUSTER.
 *
 * A DHT record policy for the `/hoard/` key namespace that checks only the shape of a record (the
 * key is `/hoard/<something>`, the value is non-empty and at most `MAX_PLACEHOLDER_RECORD_BYTES`)
 * and selects the first record it is given. It verifies no signature and compares no epochs, so
 * any peer can overwrite any master record and a stale record can win.
 *
 * It exists so the libp2p node can be built and tested before the ownership layer
 * (`src/ownership/`) supplies the real policy: signed master records, a validator that checks the
 * signature, and a selector that picks the highest epoch. Replace it there; nothing else should
 * import this module.
 */

import { InvalidParametersError } from '@libp2p/interface'
import { HOARD_DHT_NAMESPACE } from './libp2p.ts'
import type { DhtRecordPolicy } from './libp2p.ts'
import type { SelectFn, ValidateFn } from '@libp2p/kad-dht'

/** Largest record value the placeholder accepts; real master records are far smaller */
export const MAX_PLACEHOLDER_RECORD_BYTES = 4096

const KEY_PREFIX = `/${HOARD_DHT_NAMESPACE}/`

/** PLACEHOLDER: accepts any `/hoard/<id>` record with a non-empty value of bounded size */
export const placeholderRecordValidator: ValidateFn = (key, value) => {
  const keyText = new TextDecoder().decode(key)

  if (!keyText.startsWith(KEY_PREFIX) || keyText.length === KEY_PREFIX.length) {
    throw new InvalidParametersError(`Record key must be ${KEY_PREFIX}<id>`)
  }

  if (value.byteLength === 0 || value.byteLength > MAX_PLACEHOLDER_RECORD_BYTES) {
    throw new InvalidParametersError(`Record value must be 1 to ${MAX_PLACEHOLDER_RECORD_BYTES} bytes`)
  }
}

/** PLACEHOLDER: picks the first record, whatever its epoch */
export const placeholderRecordSelector: SelectFn = () => 0

/** PLACEHOLDER policy for `createHoardLibp2p({ dhtRecords })` until the ownership layer's exists */
export const placeholderDhtRecords: DhtRecordPolicy = {
  validate: placeholderRecordValidator,
  select: placeholderRecordSelector
}
