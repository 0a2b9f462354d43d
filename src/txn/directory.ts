import type { CommitToken } from './token.ts'
import type { Timestamp } from '../clock/hlc.ts'
import type { KeyRecord, MvccStore } from '../store/mvcc.ts'

/** What one task commits: its writes (undefined deletes), all at one commit timestamp */
export interface WriteSet {
  readonly ts: Timestamp
  readonly writes: ReadonlyMap<string, Uint8Array | undefined>
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

/** Where the task runner finds the group that masters a key */
export interface Directory {
  groupFor(key: string): TaskGroup

  /**
   * Undefined when tasks can run now; otherwise a promise that resolves once they can (a group
   * still electing its leader or waiting out an old lease), rejecting at the deadline
   */
  whenReady(options: { signal?: AbortSignal, timeoutMs: number }): Promise<void> | undefined
}
