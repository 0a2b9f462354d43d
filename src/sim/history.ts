/**
 * The record of a run that the invariant checker reads. It names members and log positions, never
 * simulator objects, so that a real multi-node test can produce the same events from its nodes'
 * callbacks and reuse the checker. Times are true time (the simulator's, or the test driver's
 * clock); the checker relies on the order of events, not on their times.
 */

/** One log entry as the checker sees it: where it is and what it holds (`noop`, `config:...`, or a command id) */
export interface EntryRef {
  readonly index: number
  readonly term: number
  readonly id: string
}

interface Base {
  readonly atMs: number
  /** The member (node/incarnation) the event happened at */
  readonly member: string
}

/** A member's role, term or leader changed */
export interface RoleEvent extends Base {
  readonly type: 'role'
  readonly role: 'follower' | 'pre-candidate' | 'candidate' | 'leader'
  readonly term: number
  readonly leader?: string
}

/** Entries put at the end of a member's log (in memory; persistence is the storage's business) */
export interface LogAppendEvent extends Base {
  readonly type: 'log-append'
  readonly entries: readonly EntryRef[]
}

/** Entries from `index` on removed from a member's log */
export interface LogTruncateEvent extends Base {
  readonly type: 'log-truncate'
  readonly index: number
}

/** A member's log compacted through `index` (all of it replaced when `discard`) */
export interface LogCompactEvent extends Base {
  readonly type: 'log-compact'
  readonly index: number
  readonly term: number
  readonly discard: boolean
}

/** A member (re)started with this log from its disk (empty when it has none) */
export interface LogLoadEvent extends Base {
  readonly type: 'log-load'
  readonly snapshot?: { readonly index: number, readonly term: number }
  readonly entries: readonly EntryRef[]
}

/** A member's process stopped: its memory is gone (its disk may not be) */
export interface CrashEvent extends Base {
  readonly type: 'crash'
}

/** A member's commit index rose to `index` */
export interface CommitEvent extends Base {
  readonly type: 'commit'
  readonly index: number
}

/** A member's state machine applied the entry at `index`; `digest` covers every entry through it */
export interface ApplyEvent extends Base {
  readonly type: 'apply'
  readonly index: number
  readonly term: number
  readonly id: string
  readonly digest: string
}

/** A member's state machine was replaced by a checkpoint or a snapshot at `index` */
export interface StateLoadEvent extends Base {
  readonly type: 'state-load'
  readonly index: number
  readonly digest: string
}

/** A leader appended a command: its token is `(term, index)` */
export interface ProposeEvent extends Base {
  readonly type: 'propose'
  readonly term: number
  readonly index: number
  readonly id: string
}

/**
 * A read was asked of a member. Optional: a read without one began when it was answered (the
 * simulator answers reads at once).
 */
export interface ReadBeginEvent extends Base {
  readonly type: 'read-begin'
  readonly readId: string
}

/** A read answered from the member's state machine, applied through `index` */
export interface ReadEvent extends Base {
  readonly type: 'read'
  readonly readId: string
  readonly index: number
  readonly digest: string
}

/** A fault injected, or anything else worth seeing in a trace */
export interface NoteEvent extends Base {
  readonly type: 'note'
  readonly text: string
}

export type HistoryEvent = RoleEvent | LogAppendEvent | LogTruncateEvent | LogCompactEvent | LogLoadEvent | CrashEvent | CommitEvent | ApplyEvent | StateLoadEvent | ProposeEvent | ReadBeginEvent | ReadEvent | NoteEvent

/** Where events go: the checker, a recording for a trace, or both */
export interface HistorySink {
  record(event: HistoryEvent): void
}

/** Keeps every event (for traces and for tests that check a whole history at once) */
export class RecordedHistory implements HistorySink {
  readonly events: HistoryEvent[] = []

  record (event: HistoryEvent): void {
    this.events.push(event)
  }
}

/** Sends each event to several sinks in turn */
export class HistoryTee implements HistorySink {
  private readonly sinks: HistorySink[]

  constructor (...sinks: HistorySink[]) {
    this.sinks = sinks
  }

  record (event: HistoryEvent): void {
    for (const sink of this.sinks) {
      sink.record(event)
    }
  }
}
