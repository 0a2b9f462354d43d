import type { Entry, MemberId, Membership } from './types.ts'

/**
 * Consensus messages. Every message names its group, its sender and receiver (as members, so a
 * message for an old incarnation is dropped) and the sender's term: a receiver rejects anything
 * from an older term, which fences a deposed leader.
 */
interface Envelope {
  readonly group: string
  readonly from: MemberId
  readonly to: MemberId
  readonly term: number
}

/** Would you vote for me at `term`? Sent before a real election, without bumping any term */
export interface PreVote extends Envelope {
  readonly type: 'pre-vote'
  readonly lastIndex: number
  readonly lastTerm: number
}

export interface PreVoteReply extends Envelope {
  readonly type: 'pre-vote-reply'
  readonly granted: boolean
}

export interface RequestVote extends Envelope {
  readonly type: 'request-vote'
  readonly lastIndex: number
  readonly lastTerm: number
  /** Set when the leader handed leadership over (TimeoutNow): it has given up its lease */
  readonly transfer: boolean
}

export interface VoteReply extends Envelope {
  readonly type: 'vote-reply'
  readonly granted: boolean
  /** The highest lease end the voter acknowledged: the new leader commits only above it */
  readonly leaseEnd: number
}

export interface Append<C> extends Envelope {
  readonly type: 'append'
  readonly prevIndex: number
  readonly prevTerm: number
  readonly entries: ReadonlyArray<Entry<C>>
  readonly commit: number
  /** Identifies the send time at the leader, echoed back: acknowledged sends extend the lease */
  readonly seq: number
  /** The lease end the leader claims if a majority acknowledges this message (HLC reading) */
  readonly leaseEnd: number
}

export interface AppendReply extends Envelope {
  readonly type: 'append-reply'
  readonly success: boolean
  /** On success: the highest index known to match the leader. On failure: where to retry from */
  readonly index: number
  readonly seq: number
}

/** A chunk of a state-machine snapshot, sent to a member that is behind the leader's compacted log */
export interface Snapshot extends Envelope {
  readonly type: 'snapshot'
  readonly index: number
  readonly lastTerm: number
  readonly membership: Membership
  readonly termStarts: ReadonlyArray<readonly [number, number]>
  readonly offset: number
  readonly data: Uint8Array
  readonly done: boolean
  readonly seq: number
  readonly leaseEnd: number
}

export interface SnapshotReply extends Envelope {
  readonly type: 'snapshot-reply'
  /** The snapshot index, once installed; otherwise 0 */
  readonly index: number
  /** The next offset expected */
  readonly offset: number
  readonly seq: number
}

/** Start an election now: the leader hands over (it has stopped serving and given up its lease) */
export interface TimeoutNow extends Envelope {
  readonly type: 'timeout-now'
}

export type RaftMessage<C> = PreVote | PreVoteReply | RequestVote | VoteReply | Append<C> | AppendReply | Snapshot | SnapshotReply | TimeoutNow
