import { systemClock } from '../clock/clock.ts'
import { InvalidOptionError } from '../errors.ts'
import { MasterRecords } from '../ownership/records.ts'
import type { MasterRecordsInit, RecordDht } from '../ownership/records.ts'
import type { ComponentLogger, PrivateKey } from '@libp2p/interface'

export interface MasterRecordsServiceComponents {
  privateKey: PrivateKey
  logger: ComponentLogger
}

/**
 * A libp2p service factory: the node's master records in the DHT, signed with the key libp2p runs
 * with (the leader's key, as records require). Register it after the `dht` service: libp2p hands
 * each service the ones registered before it.
 */
export function masterRecordsService (init: MasterRecordsInit = {}): (components: MasterRecordsServiceComponents) => MasterRecords {
  return components => {
    const dht = (components as MasterRecordsServiceComponents & { dht?: RecordDht }).dht
    if (dht == null) {
      throw new InvalidOptionError('The master records service needs a dht service registered before it')
    }
    return new MasterRecords({
      dht,
      privateKey: components.privateKey,
      logger: components.logger,
      clock: systemClock,
      random: Math.random
    }, init)
  }
}
