/**
 * Replica messages on the wire: what a leader publishes on its group's topic and what a member
 * answers to a fetch. Every field is checked after decoding; entries are decoded and must carry
 * consecutive indexes from `first`.
 */

import { InvalidFrameError } from '../errors.ts'
import { decodeEntry, encodeEntry } from '../groups/commands.ts'
import { ReplicaMessage as ReplicaFrame } from './pb/replica.ts'
import type { GroupEntry } from '../groups/commands.ts'

/** Longest group id accepted (the same bound as on the consensus wire) */
const MAX_GROUP_CHARS = 256
/** Most entries one message carries (a leader sends later ones in further messages) */
export const MAX_ENTRIES_PER_MESSAGE = 4096

export interface ReplicaMessage {
  readonly group: string
  readonly term: number
  /** Index of the first of `entries` (the next index after the last sent when there are none) */
  readonly first: number
  /** Committed entries, consecutive from `first` */
  readonly entries: readonly GroupEntry[]
  /** Every commit at or below `closedTs` is at or before `closedIndex`, and committed (0: none) */
  readonly closedTs: number
  readonly closedIndex: number
  /** Fetch answers: the group's committed state at `snapshotIndex` (a GroupSnapshot) */
  readonly snapshot?: Uint8Array
  readonly snapshotIndex: number
  /** The sender's wall clock (ms) when it sent the message: for lag figures, never for decisions */
  readonly sentMs: number
}

export function encodeReplicaMessage (message: ReplicaMessage): Uint8Array {
  if (message.entries.length > MAX_ENTRIES_PER_MESSAGE) {
    throw new RangeError(`A replica message carries at most ${MAX_ENTRIES_PER_MESSAGE} entries`)
  }
  return ReplicaFrame.encode({
    group: message.group,
    term: message.term,
    first: message.first,
    entries: message.entries.map(entry => encodeEntry(entry) as Uint8Array<ArrayBuffer>),
    closedTs: message.closedTs,
    closedIndex: message.closedIndex,
    snapshot: message.snapshot as Uint8Array<ArrayBuffer> | undefined,
    snapshotIndex: message.snapshotIndex,
    sentMs: message.sentMs
  })
}

/** Throws InvalidFrameError for anything malformed */
export function decodeReplicaMessage (bytes: Uint8Array): ReplicaMessage {
  let frame: ReplicaFrame
  try {
    frame = ReplicaFrame.decode(bytes, { limits: { entries: MAX_ENTRIES_PER_MESSAGE } })
  } catch (err) {
    throw new InvalidFrameError(`Undecodable replica message: ${(err as Error).message}`, { cause: err })
  }
  if (frame.group.length === 0 || frame.group.length > MAX_GROUP_CHARS) {
    throw new InvalidFrameError(`A replica message's group must be 1 to ${MAX_GROUP_CHARS} characters`)
  }
  for (const [field, value] of [['term', frame.term], ['first', frame.first], ['closedTs', frame.closedTs], ['closedIndex', frame.closedIndex], ['snapshotIndex', frame.snapshotIndex]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new InvalidFrameError(`A replica message's ${field} must be a non-negative safe integer`)
    }
  }
  if (frame.first < 1 || !Number.isFinite(frame.sentMs)) {
    throw new InvalidFrameError('A replica message needs a first index of at least 1 and a finite send time')
  }
  if (frame.snapshot == null && frame.snapshotIndex !== 0) {
    throw new InvalidFrameError('A replica message names a snapshot index without a snapshot')
  }
  const entries: GroupEntry[] = []
  for (let i = 0; i < frame.entries.length; i++) {
    let entry: GroupEntry
    try {
      entry = decodeEntry(frame.entries[i])
    } catch (err) {
      throw new InvalidFrameError(`Entry ${i} of a replica message: ${(err as Error).message}`, { cause: err })
    }
    if (entry.index !== frame.first + i) {
      throw new InvalidFrameError(`Entry ${i} of a replica message has index ${entry.index}, not ${frame.first + i}`)
    }
    entries.push(entry)
  }
  return {
    group: frame.group,
    term: frame.term,
    first: frame.first,
    entries,
    closedTs: frame.closedTs,
    closedIndex: frame.closedIndex,
    snapshot: frame.snapshot,
    snapshotIndex: frame.snapshotIndex,
    sentMs: frame.sentMs
  }
}
