import type { CommitToken } from './token.ts'
import type { Timestamp } from '../clock/hlc.ts'
import type { TaskPriority } from '../clock/priority.ts'
import type { Epoch } from '../ownership/epoch.ts'
import type { MoveOp } from '../ownership/moves.ts'
import type { KeyRecord, MvccStore } from '../store/mvcc.ts'

/** What one task commits: its writes (undefined deletes), all at one commit timestamp */
export interface WriteSet {
  readonly ts: Timestamp
  readonly writes: ReadonlyMap<string, Uint8Array | undefined>
  /** Keys the group takes ownership of before these writes (create-in) */
  readonly creates?: ReadonlyArray<{ readonly key: string, readonly epoch: Epoch }>
  /** Creations this group decides as the home group of their slots */
  readonly created?: ReadonlyArray<{ readonly key: string, readonly owner: string, readonly epoch: Epoch }>
  /** Steps of moving keys between groups (applied before the writes) */
  readonly moves?: readonly MoveOp[]
}

export interface WhenCommittedOptions {
  /** Also wait until a majority has the entry synced to disk */
  durable?: boolean
  signal?: AbortSignal
  /** Give up with CommitInDoubtError after this long */
  timeoutMs?: number
}

/** A group this node leads, as the task runner sees it */
export interface TaskGroup {
  readonly id: string
  readonly store: MvccStore
  /** Can commit now (leads the group, holds its lease) */
  readonly writable: boolean

  /**
   * Append a task's writes to the group's log and apply them to the store at once (speculative
   * until the entry commits). Synchronous, so that first-committer-wins validation and the append
   * are one atomic step. Throws NotLeaderError when this node cannot commit for the group.
   * `records`: the store records of the written keys in the order of `set.writes`, when the
   * committing task holds them (the store then looks no key up); a hint for this call only, not
   * kept with the write set.
   */
  append(set: WriteSet, durable: boolean, records?: readonly KeyRecord[]): CommitToken

  /** Resolves once the token's entry is committed; rejects with CommitLostError or CommitInDoubtError */
  whenCommitted(token: CommitToken, options?: WhenCommittedOptions): Promise<void>
}

/** What a task's commit logs so that its group owns a key it creates */
export interface KeyCreation {
  /** The group takes ownership (create-in) */
  readonly creates?: { readonly key: string, readonly epoch: Epoch }
  /** The group, home of the key's slot, records the creation itself */
  readonly created?: { readonly key: string, readonly owner: string, readonly epoch: Epoch }
}

/** Where the task runner finds the group that masters a key */
export interface Directory {
  groupFor(key: string): TaskGroup

  /**
   * Undefined when tasks can run now; otherwise a promise that resolves once they can (a group
   * still electing its leader or waiting out an old lease), rejecting at the deadline
   */
  whenReady(options: { signal?: AbortSignal, timeoutMs: number }): Promise<void> | undefined

  /**
   * A write of `key`, of which the group holds no version: what the commit must log to own it
   * (nothing when owned, or once moved here from the group that owns it; its creation when new),
   * possibly after asking other nodes. Omitted: every key is the group's.
   */
  prepareCreate?(key: string, task: { readonly priority: TaskPriority, readonly attempt: number }): KeyCreation | Promise<KeyCreation>

  /**
   * A read of `key`, of which the group holds no record, at snapshot `ts`: undefined when the key
   * is absent (the group owns it or nobody does), else the owner's committed value. Omitted: absent.
   */
  readMissing?(key: string, ts: Timestamp): Promise<Uint8Array | undefined> | undefined
}
