import { KeyStateKind, MoveKind } from '../groups/pb/log.ts'
import type { Epoch } from './epoch.ts'
import type { CarriedState, KeyState } from './table.ts'
import type { KeyOwnership, Move } from '../groups/pb/log.ts'

/** One step of moving a key between groups, as a write set carries it in the log */
export type MoveOp =
  | { readonly kind: 'out', readonly key: string, readonly epoch: Epoch, readonly group: string, readonly carried: CarriedState }
  | { readonly kind: 'in', readonly key: string, readonly epoch: Epoch, readonly group: string, readonly carried: CarriedState }
  | { readonly kind: 'refused', readonly key: string, readonly epoch: Epoch, readonly group: string }
  | { readonly kind: 'acked', readonly key: string, readonly epoch: Epoch, readonly group: string }
  | { readonly kind: 'cancel', readonly key: string, readonly epoch: Epoch, readonly group: string }

const KIND_TO_PB = { out: MoveKind.OUT, in: MoveKind.IN, refused: MoveKind.REFUSED, acked: MoveKind.ACKED, cancel: MoveKind.CANCEL } as const
const PB_TO_KIND = { OUT: 'out', IN: 'in', REFUSED: 'refused', ACKED: 'acked', CANCEL: 'cancel' } as const

export function encodeMove (move: MoveOp): Move {
  const carried = move.kind === 'out' || move.kind === 'in' ? move.carried : undefined
  return {
    kind: KIND_TO_PB[move.kind],
    key: move.key,
    counter: move.epoch.counter,
    term: move.epoch.term,
    group: move.group,
    value: carried?.value as Uint8Array<ArrayBuffer> | undefined,
    ts: carried?.ts ?? 0,
    floor: carried?.floor ?? 0
  }
}

export function decodeMove (record: Move): MoveOp {
  const kind = PB_TO_KIND[record.kind]
  const epoch = { counter: record.counter, term: record.term }
  if (kind === 'out' || kind === 'in') {
    return { kind, key: record.key, epoch, group: record.group, carried: { value: record.value, ts: record.ts, floor: record.floor } }
  }
  return { kind, key: record.key, epoch, group: record.group }
}

const STATE_TO_PB = { owned: KeyStateKind.KEY_OWNED, out: KeyStateKind.KEY_OUT, refused: KeyStateKind.KEY_REFUSED } as const
const PB_TO_STATE = { KEY_OWNED: 'owned', KEY_OUT: 'out', KEY_REFUSED: 'refused' } as const

export function encodeKeyState (key: string, state: KeyState): KeyOwnership {
  return {
    key,
    counter: state.epoch.counter,
    term: state.epoch.term,
    state: STATE_TO_PB[state.state],
    to: state.to ?? '',
    settled: state.settled === true,
    carried: state.carried != null,
    value: state.carried?.value as Uint8Array<ArrayBuffer> | undefined,
    ts: state.carried?.ts ?? 0,
    floor: state.carried?.floor ?? 0
  }
}

export function decodeKeyState (record: KeyOwnership): KeyState {
  const state = PB_TO_STATE[record.state]
  return {
    epoch: { counter: record.counter, term: record.term },
    state,
    to: state === 'out' ? record.to : undefined,
    settled: state === 'out' ? record.settled : undefined,
    carried: record.carried ? { value: record.value, ts: record.ts, floor: record.floor } : undefined
  }
}
