import { GroupStateMachine } from '../groups/state-machine.ts'
import { compareEpochs } from '../ownership/epoch.ts'
import { readRecordAt, TOO_OLD } from '../store/mvcc.ts'
import type { ReplicaMessage } from './codec.ts'
import type { Timestamp } from '../clock/hlc.ts'
import type { GroupEntry } from '../groups/commands.ts'
import type { Epoch } from '../ownership/epoch.ts'

/**
 * What a replica can say about a key at a snapshot. `value`: the key's committed value (undefined:
 * absent, the group owns it and holds no version at the snapshot). `too-old`: the versions the
 * snapshot would need were collected. `unknown`: this replica cannot answer (not caught up, not
 * closed at the snapshot, or the group does not own the key here at the epoch expected): ask the
 * owner.
 */
export type ReplicaRead =
  | { readonly kind: 'value', readonly value: Uint8Array | undefined, readonly ts?: Timestamp }
  | { readonly kind: 'too-old' }
  | { readonly kind: 'unknown' }

const UNKNOWN: ReplicaRead = Object.freeze({ kind: 'unknown' })
const TOO_OLD_READ: ReplicaRead = Object.freeze({ kind: 'too-old' })

export interface ReplicaInit {
  /** Entries held ahead of a gap, waiting for it to be filled (default 8,192); more are dropped */
  maxPending?: number
  maxVersionsPerKey?: number
}

/**
 * A read replica of one group, without its network: the group's committed log applied in index
 * order to a state machine of its own (the same code members run), and the newest closed
 * timestamp heard. It serves a read at snapshot T only once it has heard a closed timestamp
 * C >= T and applied the log through C's index; and only of keys the group owns in the state it
 * has applied (a key not yet arrived there is "not here", never "absent").
 */
export class ReadReplica {
  readonly group: string
  readonly state: GroupStateMachine
  /** The closed timestamp with the highest C heard, and the index it needs */
  closed = { ts: 0, index: 0 }
  /** A snapshot or the log from index 1 was applied: the state is the group's, not a suffix of it */
  based = false
  /** The index of the snapshot the state started from (0: from the log's start) */
  private baseIndex = 0
  /** Messages applied, and entries dropped as duplicates or beyond `maxPending` */
  readonly stats = { messages: 0, entries: 0, duplicates: 0, overflow: 0, snapshots: 0 }
  private readonly pending = new Map<number, GroupEntry>()
  /** The highest entry index received (applied or waiting) */
  private highestReceived = 0
  private readonly maxPending: number

  constructor (group: string, init: ReplicaInit = {}) {
    this.group = group
    this.maxPending = init.maxPending ?? 8_192
    this.state = new GroupStateMachine({ maxVersionsPerKey: init.maxVersionsPerKey, trackDirty: false })
  }

  /** The newest index applied */
  get applied (): number {
    return this.state.committedIndex
  }

  /** The first index this replica misses while it holds later ones or knows of them; undefined if none */
  get gap (): number | undefined {
    if (!this.based) {
      return 1
    }
    return Math.max(this.closed.index, this.highestReceived) > this.applied ? this.applied + 1 : undefined
  }

  /**
   * Take in a published message or a fetch answer (in any order, any number of times). Returns the
   * indexes newly applied, as [from, to] (empty when none).
   */
  receive (message: ReplicaMessage): { from: number, to: number } | undefined {
    this.stats.messages++
    const before = this.applied
    if (message.snapshot != null && message.snapshotIndex > this.applied) {
      const { index, objects, keys, created } = GroupStateMachine.decodeSnapshot(message.snapshot)
      this.state.load(index, objects, keys, created)
      this.based = true
      this.baseIndex = index
      this.stats.snapshots++
      for (const i of [...this.pending.keys()]) {
        if (i <= index) {
          this.pending.delete(i)
        }
      }
    }
    for (const entry of message.entries) {
      this.highestReceived = Math.max(this.highestReceived, entry.index)
      if (entry.index <= this.applied || this.pending.has(entry.index)) {
        this.stats.duplicates++
      } else if (this.pending.size < this.maxPending) {
        this.pending.set(entry.index, entry)
      } else {
        this.stats.overflow++
      }
    }
    if (!this.based && this.pending.has(1)) {
      // the log from its first entry: nothing before it to miss
      this.based = true
    }
    if (message.closedTs > this.closed.ts) {
      this.closed = { ts: message.closedTs, index: message.closedIndex }
    }
    if (this.based) {
      this.applyPending()
    }
    return this.applied > before ? { from: before + 1, to: this.applied } : undefined
  }

  /** Serves reads at `ts`: caught up through the index of a closed timestamp at or above it */
  servesAt (ts: Timestamp): boolean {
    return this.based && this.closed.ts >= ts && this.applied >= this.closed.index
  }

  /** Holds the key as its owner, at `expected` or a later epoch, in the state applied */
  owns (key: string, expected?: Epoch): boolean {
    const state = this.state.ownership.state(key)
    return state?.state === 'owned' && (expected == null || compareEpochs(state.epoch, expected) >= 0)
  }

  /** The key's committed value at snapshot `ts`, if this replica can tell */
  read (key: string, ts: Timestamp, expected?: Epoch): ReplicaRead {
    if (!this.servesAt(ts) || !this.owns(key, expected)) {
      return UNKNOWN
    }
    const record = this.state.store.record(key)
    if (record == null) {
      // a snapshot holds no deleted keys: without a record here, only a state built from the log's
      // start can tell the key was absent
      return this.baseIndex === 0 ? { kind: 'value', value: undefined } : UNKNOWN
    }
    const version = readRecordAt(record, ts)
    if (version === TOO_OLD) {
      return TOO_OLD_READ
    }
    return { kind: 'value', value: version?.value, ts: version?.ts }
  }

  /** Collect versions no read at or above `lowWater` can see */
  collect (lowWater: Timestamp): number {
    return this.state.store.collect(lowWater)
  }

  private applyPending (): void {
    let to = this.applied
    while (this.pending.has(to + 1)) {
      to++
    }
    if (to > this.applied) {
      this.stats.entries += to - this.applied
      this.state.commitTo(to, i => this.pending.get(i))
    }
    for (const i of this.pending.keys()) {
      if (i <= this.applied) {
        this.pending.delete(i)
      }
    }
  }
}
