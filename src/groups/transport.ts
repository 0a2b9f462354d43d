import type { GroupCommand } from './commands.ts'
import type { RaftMessage } from '../consensus/messages.ts'

/** A consensus message of one of the node's groups */
export type GroupMessage = RaftMessage<GroupCommand>

/** A node asks to join the mesh (sent to any member; forwarded to the metadata group's leader) */
export interface JoinRequest {
  readonly type: 'join'
  readonly node: string
  readonly incarnation: string
  /** The data group this incarnation founded */
  readonly group: string
  readonly addrs: readonly string[]
}

/** A data group's leader reports the group's membership (to the metadata group's leader) */
export interface GroupReport {
  readonly type: 'group-report'
  readonly group: string
  readonly founder: string
  readonly voters: readonly string[]
  readonly learners: readonly string[]
  readonly leader: string
  readonly term: number
}

/**
 * Claim a named key for a group: sent to the leader of the home group of the key's slot, which
 * logs the creation unless the key already has one (the first claim in its log wins)
 */
export interface ClaimRequest {
  readonly type: 'claim'
  readonly key: string
  /** The group that will own the key */
  readonly group: string
}

/** Most keys one `claims` or `lookups` request carries */
export const MAX_BATCH_KEYS = 1_024

/**
 * Claims of several named keys whose slots share a home group, for one group: the home logs the
 * creations it has not decided yet in one entry and answers for every key (`claims`)
 */
export interface ClaimsRequest {
  readonly type: 'claims'
  readonly keys: readonly string[]
  /** The group that will own the keys */
  readonly group: string
}

/** What a home group decided for one claimed key: created for the claimer, or it exists (owned by `owner`) */
export interface ClaimAnswer {
  readonly key: string
  readonly outcome: 'created' | 'exists'
  readonly owner: string
  readonly epochCounter: number
  readonly epochTerm: number
  /** The creation must commit above this timestamp (reads that found the key absent) */
  readonly floor?: number
}

/** Lookups of several named keys whose slots share a home group, at one snapshot (`lookups`) */
export interface LookupsRequest {
  readonly type: 'lookups'
  readonly keys: readonly string[]
  /** The reader's snapshot timestamp */
  readonly at: number
}

/** What a home group knows of one looked-up key: who owns it (and at what epoch), or absent */
export interface LookupAnswer {
  readonly key: string
  readonly outcome: 'exists' | 'absent'
  readonly owner?: string
  readonly epochCounter?: number
  readonly epochTerm?: number
}

/** Who owns a named key, if anyone: sent to its home group's leader, which records an absent answer */
export interface LookupRequest {
  readonly type: 'lookup'
  readonly key: string
  /** The reader's snapshot timestamp */
  readonly at: number
}

/** Read a key at a snapshot timestamp from its owner group's leader (committed state only) */
export interface ReadRequest {
  readonly type: 'read'
  readonly key: string
  /** The group the reader believes owns the key */
  readonly group: string
  readonly at: number
  /**
   * The epoch the reader expects the owner to hold the key at (from a forwarding pointer or the
   * creation record; 0.0 when unknown). An owner below it has not received the key yet: it
   * answers `retry`, never "absent".
   */
  readonly epochCounter?: number
  readonly epochTerm?: number
}

/**
 * Ask the owner group's leader to move a key to the requester's group. Carries the requesting
 * task's priority (wound-wait at the owner), its attempt number and how long it will wait.
 */
export interface HandoffRequest {
  readonly type: 'handoff-request'
  readonly key: string
  /** The group the requester believes owns the key */
  readonly group: string
  /** The group the key should move to */
  readonly to: string
  /** The epoch of the key the requester knows (0.0: none) */
  readonly epochCounter: number
  readonly epochTerm: number
  readonly priorityTs: number
  readonly priorityNode: string
  readonly attempt: number
  /** The requester waits this long; the owner starts nothing it cannot finish by then */
  readonly waitMs: number
}

/**
 * The handoff itself, from the old owner's leader to the new owner group's leader, signed by the
 * sender's node key. Idempotent: sent again until answered; the answer comes from the receiver's log.
 */
export interface HandoffTransfer {
  readonly type: 'handoff'
  readonly key: string
  readonly from: string
  readonly to: string
  readonly epochCounter: number
  readonly epochTerm: number
  /** The carried value (absent: a tombstone, or no version when `ts` is 0) */
  readonly value?: Uint8Array
  readonly ts: number
  readonly floor: number
  readonly signature: Uint8Array
}

/**
 * What became of a commit token, asked of its group's leader by a node that is not a member: the
 * answer comes from the committed log, with the leader's clock reading (above the commit)
 */
export interface TokenStatusRequest {
  readonly type: 'token-status'
  readonly group: string
  readonly term: number
  readonly index: number
  readonly position: number
}

/**
 * Run a task registered under `name` on the node that received it (chosen for holding the master
 * of `near`), answered with its result once the task's commit is in the committed log
 */
export interface SubmitRequest {
  readonly type: 'submit'
  readonly name: string
  readonly args: Uint8Array
  readonly near: string
  /** The task's deadline at the receiver */
  readonly timeoutMs: number
}

/**
 * A read replica asks a member of the group for committed entries from `from` on (or the group's
 * snapshot when its log no longer holds them); answered with a replica message in `value`
 */
export interface ReplicaFetchRequest {
  readonly type: 'replica-fetch'
  readonly group: string
  readonly from: number
}

/** The receiver's wall clock, asked from time to time to measure clock offsets from the round trip */
export interface ClockRequest {
  readonly type: 'clock'
}

export type NodeRequest = JoinRequest | GroupReport | ClaimRequest | ClaimsRequest | LookupRequest | LookupsRequest | ReadRequest | HandoffRequest | HandoffTransfer | TokenStatusRequest | SubmitRequest | ReplicaFetchRequest | ClockRequest

/**
 * `ok`: done. `redirect`: ask `leader` (a node id) instead, the leader of the group concerned as
 * this node knows it. `retry`: nobody here can answer now (no leader known, lease or clock not
 * ready); try again later. `refused`: the request is not acceptable (`reason` says why).
 */
export interface NodeResponse {
  readonly status: 'ok' | 'redirect' | 'retry' | 'refused'
  readonly leader?: string
  readonly reason?: string
  /**
   * claim and lookup: what the home group knows of the key. handoff-request: `moved` (see `owner`),
   * `busy` (an older task holds the key, or it just arrived: ask again later), `done` (the key is
   * on its way or arrived), `unknown` (the group does not know the key). handoff: `accepted` or
   * `refused` (logged by the receiver).
   */
  readonly outcome?: 'created' | 'exists' | 'absent' | 'moved' | 'busy' | 'done' | 'unknown' | 'accepted' | 'refused' | 'committed' | 'lost' | 'pending'
  /** claim and lookup: the owning group and its epoch */
  readonly owner?: string
  readonly epochCounter?: number
  readonly epochTerm?: number
  /** claim: the creation must commit above this timestamp (reads that found the key absent) */
  readonly floor?: number
  /** read: whether a version was found, its value (absent: a tombstone) and commit timestamp; submit: the task's result */
  readonly found?: boolean
  readonly value?: Uint8Array
  readonly ts?: number
  /** clock: the responder's wall clock (ms since the Unix epoch) */
  readonly wallMs?: number
  /** claims: one answer per key claimed */
  readonly claims?: readonly ClaimAnswer[]
  /** lookups: one answer per key looked up */
  readonly lookups?: readonly LookupAnswer[]
}

/**
 * How a node reaches other nodes. Implemented over libp2p streams (`src/net`) and by the
 * simulator (`src/sim`). Consensus messages are best effort: they may be lost, delayed,
 * duplicated or reordered, never corrupted. Requests get one response or fail.
 */
export interface NodeTransport {
  send(toNode: string, message: GroupMessage): void
  request(toNode: string, request: NodeRequest, options: { signal?: AbortSignal, timeoutMs: number }): Promise<NodeResponse>
}

/** What a node offers its transport: where incoming messages and requests go */
export interface NodeEndpoint {
  receive(fromNode: string, message: GroupMessage): void
  handle(fromNode: string, request: NodeRequest): Promise<NodeResponse>
}
