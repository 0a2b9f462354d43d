/**
 * A member of a group: one incarnation of one node. A node that restarts without its data comes
 * back as a new incarnation, which is a new member (it counts in no quorum until it is added and
 * caught up). Written `node/incarnation`; node ids contain no '/'.
 */
export type MemberId = string

export function memberId (node: string, incarnation: string): MemberId {
  return `${node}/${incarnation}`
}

export function nodeOf (member: MemberId): string {
  const at = member.lastIndexOf('/')
  return at === -1 ? member : member.slice(0, at)
}

/** Voters decide; learners receive the log and are promoted once caught up */
export interface Membership {
  readonly voters: readonly MemberId[]
  readonly learners: readonly MemberId[]
}

export type EntryKind = 'noop' | 'config' | 'command'

/**
 * One log entry. `command` is opaque to consensus. `sync` marks an entry its proposer wants
 * durable; Raft syncs every append before acknowledging it anyway (an unsynced acknowledgement can
 * lose a committed entry to a power failure), so a committed entry is always durable on a majority.
 */
export interface Entry<C> {
  readonly term: number
  readonly index: number
  readonly kind: EntryKind
  readonly config?: Membership
  readonly command?: C
  readonly sync?: boolean
}

/** What a member keeps across restarts besides its log, synced before anything depending on it is sent */
export interface HardState {
  readonly term: number
  readonly votedFor?: MemberId
  /** The highest lease end (an HLC reading) this member acknowledged */
  readonly leaseEnd: number
}

/** A snapshot of the state machine at `index`: the log up to there is compacted away */
export interface SnapshotMeta {
  readonly index: number
  readonly term: number
  readonly membership: Membership
  /** `[term, first index]` of each term in the log up to `index`: answers token status after compaction */
  readonly termStarts: ReadonlyArray<readonly [number, number]>
}

export function isVoter (membership: Membership, member: MemberId): boolean {
  return membership.voters.includes(member)
}

export function isMember (membership: Membership, member: MemberId): boolean {
  return membership.voters.includes(member) || membership.learners.includes(member)
}

export function quorum (voters: number): number {
  return Math.floor(voters / 2) + 1
}
