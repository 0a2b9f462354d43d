/**
 * Workloads for local meshes (`npm run topology`): `bank` and `mmo`. A topology file's `workload`
 * object is a `WorkloadSpec`; `createWorkload` builds the workload it names.
 */

import { BankWorkload } from './bank.ts'
import { MmoWorkload } from './mmo.ts'
import type { BankOptions } from './bank.ts'
import type { MmoAction, MmoOptions } from './mmo.ts'
import type { Workload } from './workload.ts'
import type { Consistency } from '../txn/options.ts'

export { BankWorkload, accountKey, itemId, BANK_DEFAULTS } from './bank.ts'
export type { BankOptions, Account } from './bank.ts'
export { MmoWorkload, playerKey, groundKey, MMO_DEFAULTS } from './mmo.ts'
export type { MmoOptions, MmoAction, Player, Ground, GroundItem } from './mmo.ts'
export { readAll, encodeJson, decodeJson } from './workload.ts'
export type { Workload, WorkloadDriver, WorkloadNode, DriverInit, InvariantCheck, Anomaly, Operation } from './workload.ts'

export interface BankSpec extends Partial<BankOptions> {
  type: 'bank'
  /** Tasks each node keeps running */
  workers?: number
}

export interface MmoSpec extends Partial<Omit<MmoOptions, 'mix' | 'levels'>> {
  type: 'mmo'
  workers?: number
  mix?: Partial<Record<MmoAction, number>>
  levels?: Partial<Record<MmoAction, Consistency>>
}

export type WorkloadSpec = BankSpec | MmoSpec

/** The workload a spec names, for a mesh of `nodes` nodes */
export function createWorkload (spec: WorkloadSpec, nodes: number): Workload {
  if (spec.type === 'bank') {
    const { type, workers, ...options } = spec
    return new BankWorkload(options)
  }
  const { type, workers, mix, levels, ...options } = spec
  return new MmoWorkload(nodes, {
    ...options,
    mix: mix as Record<MmoAction, number> | undefined,
    levels: levels as Record<MmoAction, Consistency> | undefined
  })
}
