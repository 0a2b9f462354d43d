import { InvalidOptionError } from '../errors.ts'
import { RaftLog } from './log.ts'
import { isMember, isVoter, quorum } from './types.ts'
import type { Append, AppendReply, PreVote, PreVoteReply, RaftMessage, RequestVote, Snapshot, SnapshotReply, TimeoutNow, VoteReply } from './messages.ts'
import type { PersistedRaft, RaftStorage } from './storage.ts'
import type { Entry, HardState, MemberId, Membership, SnapshotMeta } from './types.ts'
import type { Clock, Timer } from '../clock/clock.ts'
import type { Logger } from '@libp2p/interface'

export type Role = 'follower' | 'pre-candidate' | 'candidate' | 'leader'

export interface RaftTiming {
  /** Leader lease length L */
  leaseMs: number
  /** Bound ρ on the rate at which clocks drift apart (0.01 = 1%) */
  driftRate: number
  /** Safety margin ε taken off the leader's lease */
  leaseMarginMs: number
  heartbeatMs: number
  /** Election timeouts are drawn uniformly from [min, max]; min must exceed L·(1+ρ) */
  electionTimeoutMinMs: number
  electionTimeoutMaxMs: number
}

/**
 * Election timeouts start just past the lease wait L·(1+ρ) = 202 ms and spread over 90 ms: a wider
 * spread avoids a few more split votes but delays every failover (measured in the simulator with
 * a 1 ms network: median 212 ms from a leader's crash to a new leader, against 264 ms for
 * 225-450 ms; see scripts/election-time.ts)
 */
export const DEFAULT_TIMING: RaftTiming = {
  leaseMs: 200,
  driftRate: 0.01,
  leaseMarginMs: 5,
  heartbeatMs: 75,
  electionTimeoutMinMs: 210,
  electionTimeoutMaxMs: 300
}

export function validateTiming (timing: RaftTiming): void {
  const { leaseMs, driftRate, leaseMarginMs, heartbeatMs, electionTimeoutMinMs, electionTimeoutMaxMs } = timing
  for (const [name, value] of Object.entries(timing)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new InvalidOptionError(`${name} must be a non-negative number, got ${String(value)}`)
    }
  }
  if (driftRate >= 0.5) {
    throw new InvalidOptionError('driftRate must be below 0.5')
  }
  if (leaseMs * (1 - driftRate) - leaseMarginMs <= heartbeatMs) {
    throw new InvalidOptionError(`heartbeatMs (${heartbeatMs}) must be shorter than the usable lease (${leaseMs * (1 - driftRate) - leaseMarginMs} ms)`)
  }
  if (electionTimeoutMinMs <= leaseMs * (1 + driftRate)) {
    throw new InvalidOptionError(`electionTimeoutMinMs (${electionTimeoutMinMs}) must exceed leaseMs·(1+driftRate) (${leaseMs * (1 + driftRate)})`)
  }
  if (electionTimeoutMaxMs < electionTimeoutMinMs) {
    throw new InvalidOptionError('electionTimeoutMaxMs must be at least electionTimeoutMinMs')
  }
}

/**
 * Rules of the Raft safety argument that tests switch off, one at a time, to show that the test
 * guarding each rule fails without it. Never set outside tests.
 */
export interface UnsafeSwitches {
  /** Grant a vote whatever the candidate's log (breaks leader completeness) */
  ignoreLogUpToDate?: boolean
  /** Grant more than one vote per term (two leaders in a term) */
  voteTwicePerTerm?: boolean
  /** Count replicas of an older term's entry towards commitment (Figure 8 of the Raft paper) */
  commitPreviousTerms?: boolean
  /** Accept appends from older terms (a deposed leader keeps writing) */
  acceptStaleTerms?: boolean
  /** Append without checking the previous entry (breaks log matching) */
  skipPrevCheck?: boolean
  /** Reply to a vote before the vote is durable (a restarted member votes again) */
  replyBeforePersist?: boolean
  /** Vote at once, without waiting out the lease of the leader last heard (reads miss writes) */
  ignoreLeaseWait?: boolean
  /** Send a membership entry before it is durable at the leader (two leaders after a 1 -> 3 change) */
  sendConfigBeforeDurable?: boolean
  /** Acknowledge entries before they are synced, unless they ask for it (a power loss loses committed entries) */
  ackUnsynced?: boolean
  /** Hold the lease before the first entry of the term commits (reads miss earlier terms' commits) */
  leaseBeforeReady?: boolean
  /** Lead on with a lease after a hand-over timed out, although TimeoutNow went out (two lease holders) */
  leadOnAfterTransfer?: boolean
  /** Skip the lease wait for a vote in the voter's current term (a stale reply moved it there) */
  sameTermVoteIgnoresLease?: boolean
}

/** Callbacks into the state machine that owns this log */
export interface RaftHost<C> {
  /** The commit index rose: entries up to `index` are committed */
  committed(index: number): void
  /** Entries from `index` on were removed from the log (never committed ones) */
  truncated(index: number, removed: ReadonlyArray<Entry<C>>): void
  /** Role, term or leader changed. `leaseEnd` on becoming leader: the highest lease end among the votes */
  roleChanged(role: Role, term: number, leader: MemberId | undefined, leaseEnd: number): void
  /** The state machine's data at its applied, committed index (which must be at or above the log's snapshot) */
  snapshot(): { index: number, data: Uint8Array }
  /** Replace the state machine with a snapshot from the leader; durable when it resolves */
  restore(meta: SnapshotMeta, data: Uint8Array): Promise<void>
  /** An HLC reading `durationMs` ahead of now: the lease end claimed by an append */
  leaseEndAfter(durationMs: number): number
  /**
   * Raft is about to append an entry of its own (a no-op or a membership change) as leader. A
   * host that reserved the next index for a batch of its own appends that batch first (by calling
   * `propose`), so the reserved index stays the batch's.
   */
  beforeAppend?(): void
}

export interface RaftTransport<C> {
  send(message: RaftMessage<C>): void
}

export interface RaftComponents<C> {
  clock: Clock
  transport: RaftTransport<C>
  storage: RaftStorage<C>
  host: RaftHost<C>
  random(): number
  logger: Logger
}

export interface RaftInit<C> {
  group: string
  id: MemberId
  /** What the storage held at start */
  persisted: PersistedRaft<C>
  /** The membership when the log is empty (a founding member); ignored when the log has one */
  initialMembership?: Membership
  timing?: Partial<RaftTiming>
  maxEntriesPerAppend?: number
  maxSnapshotChunkBytes?: number
  /**
   * Learners are promoted to voters only while there are fewer voters than this (default:
   * unbounded). Data groups keep 3, the metadata group 5; other members stay learners (replicas)
   */
  maxVoters?: number
  unsafe?: UnsafeSwitches
}

interface Progress {
  next: number
  match: number
  /** leader's monotonic send time of the newest message this member acknowledged (for the lease) */
  ackedSentAt: number
  /** last time an acknowledgement advanced `match` (or the member was caught up) */
  progressAt: number
  snapshot?: { meta: SnapshotMeta, data: Uint8Array, offset: number, sentAt: number }
}

interface Round {
  sentAt: number
  leaseEnd: number
}

const NO_ROUND: Round = { sentAt: Number.NEGATIVE_INFINITY, leaseEnd: 0 }

/**
 * One member of one Raft group, free of I/O: it sends through `transport`, keeps time with
 * `clock`, persists through `storage` (acting on nothing until it is durable) and tells the state
 * machine through `host`. Implements terms, persisted votes, the up-to-date-log vote rule,
 * pre-vote, check-quorum, leader leases with handover of the lease end, single-server membership
 * changes with learners promoted once caught up, log compaction and chunked snapshot transfer,
 * and leadership transfer.
 */
export class Raft<C> {
  readonly group: string
  readonly id: MemberId
  readonly log: RaftLog<C>
  private readonly timing: RaftTiming
  private readonly components: RaftComponents<C>
  private readonly logger: Logger
  private readonly unsafe: UnsafeSwitches
  private readonly maxEntriesPerAppend: number
  private readonly maxSnapshotChunkBytes: number
  /** Learners are promoted only while there are fewer voters; the membership manager adjusts it */
  maxVoters: number

  private _role: Role = 'follower'
  private _term = 0
  private votedFor?: MemberId
  private acknowledgedLeaseEnd = 0
  private _leader?: MemberId
  private _commitIndex = 0
  /** highest index durable in local storage */
  private persistedIndex = 0
  private running = false

  /** the latest membership in the log (in force as soon as appended) */
  private membership: Membership
  private membershipIndex: number

  private electionTimer?: Timer
  private heartbeatTimer?: Timer
  /** monotonic time before which this member grants no vote (lease of the last leader heard, or a restart) */
  private voteNotBefore = 0
  private lastLeaderContact = Number.NEGATIVE_INFINITY

  private votes = new Set<MemberId>()
  private maxVoteLeaseEnd = 0

  private progress = new Map<MemberId, Progress>()
  private round: Round = NO_ROUND
  private leaseExpiresAt = Number.NEGATIVE_INFINITY
  private leaseEndHlc = 0
  private readonly rounds: Round[] = []
  private firstIndexOfTerm = 0
  /** A hand-over under way; `told` is set once TimeoutNow went out (it cannot be called back) */
  private transferTarget?: { member: MemberId, deadline: number, told: boolean }
  private leaderSinceAt = 0
  private commitBroadcastPending = false

  private pendingStorage: Promise<void> = Promise.resolve()
  private incomingSnapshot?: { index: number, term: number, chunks: Uint8Array[], bytes: number }
  private restoring = false
  /** this node's clock is beyond the maximum offset from most of the mesh: it neither leads nor campaigns */
  private fenced = false

  constructor (components: RaftComponents<C>, init: RaftInit<C>) {
    this.components = components
    this.logger = components.logger
    this.group = init.group
    this.id = init.id
    this.timing = { ...DEFAULT_TIMING, ...init.timing }
    validateTiming(this.timing)
    this.unsafe = init.unsafe ?? {}
    this.maxEntriesPerAppend = init.maxEntriesPerAppend ?? 256
    this.maxSnapshotChunkBytes = init.maxSnapshotChunkBytes ?? 256 * 1024
    this.maxVoters = init.maxVoters ?? Number.POSITIVE_INFINITY
    if (!(this.maxVoters >= 1)) {
      throw new InvalidOptionError(`maxVoters must be at least 1, got ${String(init.maxVoters)}`)
    }

    const { hardState, snapshot, entries } = init.persisted
    // The founding membership is in no log entry: it is the membership "at index 0", so that
    // snapshots taken before the first change carry it (a member installing one must still know
    // who votes, itself included)
    const base = snapshot ?? (init.initialMembership != null ? { index: 0, term: 0, membership: init.initialMembership, termStarts: [] } : undefined)
    this.log = new RaftLog(base, entries)
    this._term = hardState?.term ?? 0
    this.votedFor = hardState?.votedFor
    this.acknowledgedLeaseEnd = hardState?.leaseEnd ?? 0
    this._commitIndex = this.log.snapshotIndex
    this.persistedIndex = this.log.lastIndex
    const found = this.log.membershipAt(this.log.lastIndex)
    if (found.membership.voters.length === 0 && init.initialMembership != null) {
      this.membership = init.initialMembership
      this.membershipIndex = 0
    } else {
      this.membership = found.membership
      this.membershipIndex = found.index
    }
    if (hardState != null && hardState.term > 0) {
      // a restarted member may have acknowledged a lease it no longer remembers the timing of
      this.voteNotBefore = components.clock.monotonicMs() + this.leaseWaitMs()
    }
  }

  get role (): Role { return this._role }
  get term (): number { return this._term }
  get leader (): MemberId | undefined { return this._leader }
  get commitIndex (): number { return this._commitIndex }
  get lastIndex (): number { return this.log.lastIndex }
  get currentMembership (): Membership { return this.membership }
  get hardState (): HardState { return { term: this._term, votedFor: this.votedFor, leaseEnd: this.acknowledgedLeaseEnd } }

  /** How long since this member last heard from a leader of its group (0 while it leads) */
  leaderSilenceMs (): number {
    return this._role === 'leader' ? 0 : this.components.clock.monotonicMs() - this.lastLeaderContact
  }

  /** The leader's first entry of its term is committed: its log holds every committed entry */
  get isReady (): boolean {
    return this._role === 'leader' && this.firstIndexOfTerm > 0 && this._commitIndex >= this.firstIndexOfTerm
  }

  /**
   * Leader whose lease holds (and which is not handing over): may serve reads and commit locally.
   * Only once ready: a new leader may hold a lease (a majority acknowledged its term) before it
   * knows that earlier terms' entries are committed, and a read served then would miss them.
   */
  hasLease (): boolean {
    const ready = this.isReady || (this.unsafe.leaseBeforeReady === true && this._role === 'leader')
    return ready && this.transferTarget == null && this.components.clock.monotonicMs() < this.leaseExpiresAt
  }

  /** The lease end as an HLC reading (reads and closed timestamps stay at or below it) */
  get leaseEnd (): number {
    return this.hasLease() ? this.leaseEndHlc : 0
  }

  /** Monotonic time at which the lease lapses unless renewed */
  get leaseExpiry (): number {
    return this.leaseExpiresAt
  }

  /**
   * As leader: for each other member, how long ago (ms, on this member's monotonic clock) it last
   * acknowledged a round it was sent or made progress, counted from when this leader started
   * tracking it if it has done neither yet (a member just added needs time to open the group: on
   * a real network that is tens of milliseconds, and it must not be judged dead meanwhile). Used
   * to tell live members from dead ones.
   */
  memberSilenceMs (): Map<MemberId, number> {
    const now = this.components.clock.monotonicMs()
    const result = new Map<MemberId, number>()
    for (const [member, p] of this.progress) {
      result.set(member, now - Math.max(p.ackedSentAt, p.progressAt))
    }
    return result
  }

  /** Highest match index of each member, as the leader knows it */
  matchIndexes (): Map<MemberId, number> {
    const result = new Map<MemberId, number>()
    for (const [member, p] of this.progress) {
      result.set(member, p.match)
    }
    if (this._role === 'leader') {
      result.set(this.id, this.persistedIndex)
    }
    return result
  }

  start (): void {
    if (this.running) {
      return
    }
    this.running = true
    this.resetElectionTimer()
    if (this.membership.voters.length === 1 && this.membership.voters[0] === this.id) {
      // alone: no one to wait for
      this.campaign(false)
    }
  }

  stop (): void {
    this.running = false
    this.electionTimer?.cancel()
    this.heartbeatTimer?.cancel()
    this.electionTimer = undefined
    this.heartbeatTimer = undefined
  }

  /**
   * Append a command to the log (leader only). Returns its place, or undefined when this member
   * cannot append (not leader, or handing leadership over).
   */
  propose (command: C, sync: boolean): { term: number, index: number } | undefined {
    if (this._role !== 'leader' || this.transferTarget != null || !this.running) {
      return undefined
    }
    const entry: Entry<C> = { term: this._term, index: this.log.lastIndex + 1, kind: 'command', command, sync }
    this.appendLocal([entry])
    this.broadcast(false)
    return { term: entry.term, index: entry.index }
  }

  /** The index the next proposal will get (for tokens handed out before the append) */
  get nextIndex (): number {
    return this.log.lastIndex + 1
  }

  /**
   * Add a member (as a learner, promoted to voter once caught up) or remove one. Returns false
   * when the change cannot start now: not the leader, not ready, or another change is under way.
   */
  changeMembership (change: { add?: MemberId, remove?: MemberId }): boolean {
    if (!this.canChangeMembership()) {
      return false
    }
    const voters = this.membership.voters.filter(v => v !== change.remove)
    const learners = this.membership.learners.filter(l => l !== change.remove)
    if (change.add != null && !isMember(this.membership, change.add)) {
      learners.push(change.add)
    }
    const unchanged = voters.length === this.membership.voters.length && learners.length === this.membership.learners.length
    if (voters.length === 0 || unchanged) {
      return false
    }
    this.proposeMembership({ voters, learners })
    return true
  }

  /**
   * Fence this member (its node's clock is beyond the maximum offset from most of the mesh: its
   * leases and lease ends would be read on a wrong clock) or lift the fence. A fenced leader steps
   * down at once (its followers still wait out its lease before they vote), and a fenced member
   * does not campaign, even when told to by a transfer; it still votes and follows.
   */
  setFenced (fenced: boolean): void {
    this.fenced = fenced
    if (fenced && this._role !== 'follower') {
      this.logger('%s: %s is fenced (clock offset); stepping down', this.group, this.id)
      this.becomeFollower(this._term, undefined)
    }
  }

  get isFenced (): boolean {
    return this.fenced
  }

  /** Hand leadership to `target` (a voter): stop serving, bring it up to date, tell it to campaign */
  transferLeadership (target: MemberId): boolean {
    if (this._role !== 'leader' || target === this.id || !isVoter(this.membership, target) || this.transferTarget != null) {
      return false
    }
    this.transferTarget = { member: target, deadline: this.components.clock.monotonicMs() + this.timing.electionTimeoutMinMs, told: false }
    this.logger('%s: transferring leadership of term %d to %s', this.group, this._term, target)
    this.sendAppend(target, this.round)
    this.maybeSendTimeoutNow(target)
    return true
  }

  /**
   * The state machine has durably checkpointed everything up to `index` (committed and applied):
   * drop those entries, keeping `retain` more for members slightly behind.
   */
  compact (index: number, retain = 0): void {
    const upTo = Math.min(index, this._commitIndex) - retain
    if (upTo <= this.log.snapshotIndex) {
      return
    }
    const meta = this.log.metaAt(upTo)
    this.log.compact(meta)
    this.persist(this.components.storage.saveSnapshot(meta, false))
  }

  receive (message: RaftMessage<C>): void {
    if (!this.running || message.to !== this.id || message.group !== this.group) {
      return
    }
    switch (message.type) {
      case 'pre-vote': this.onPreVote(message); break
      case 'pre-vote-reply': this.onPreVoteReply(message); break
      case 'request-vote': this.onRequestVote(message); break
      case 'vote-reply': this.onVoteReply(message); break
      case 'append': this.onAppend(message); break
      case 'append-reply': this.onAppendReply(message); break
      case 'snapshot': this.onSnapshot(message); break
      case 'snapshot-reply': this.onSnapshotReply(message); break
      case 'timeout-now': this.onTimeoutNow(message); break
      default: this.logger('%s: unknown message type dropped', this.group)
    }
  }

  // ---- elections ----

  private leaseWaitMs (): number {
    return this.timing.leaseMs * (1 + this.timing.driftRate)
  }

  /** May this member vote now (the lease of the last leader it acknowledged has run out)? */
  private mayVote (transfer: boolean): boolean {
    if (this.unsafe.ignoreLeaseWait === true) {
      return true
    }
    const now = this.components.clock.monotonicMs()
    if (now < this.voteNotBefore) {
      return false
    }
    return transfer || now >= this.lastLeaderContact + this.leaseWaitMs()
  }

  private resetElectionTimer (): void {
    this.electionTimer?.cancel()
    if (!this.running) {
      return
    }
    const { electionTimeoutMinMs: min, electionTimeoutMaxMs: max } = this.timing
    const delay = min + (max - min) * this.components.random()
    this.electionTimer = this.components.clock.setTimer(() => {
      this.electionTimer = undefined
      this.onElectionTimeout()
    }, delay)
  }

  private onElectionTimeout (): void {
    if (!this.running) {
      return
    }
    if (this._role === 'leader') {
      return
    }
    this.resetElectionTimer()
    this.campaign(true)
  }

  private campaign (preVote: boolean, transfer = false): void {
    if (!isVoter(this.membership, this.id) || this.restoring || this.fenced) {
      return
    }
    const now = this.components.clock.monotonicMs()
    if (now < this.voteNotBefore && !transfer) {
      // a restarted member waits out any lease it may have acknowledged before it votes, even for itself
      this.electionTimer?.cancel()
      this.electionTimer = this.components.clock.setTimer(() => {
        this.electionTimer = undefined
        this.resetElectionTimer()
        this.campaign(this.membership.voters.length > 1)
      }, this.voteNotBefore - now)
      return
    }
    const others = this.membership.voters.filter(v => v !== this.id)
    if (preVote && others.length > 0) {
      this.setRole('pre-candidate', this._term, undefined)
      this.votes = new Set([this.id])
      for (const to of others) {
        this.send<PreVote>({ type: 'pre-vote', group: this.group, from: this.id, to, term: this._term + 1, lastIndex: this.log.lastIndex, lastTerm: this.log.lastTerm })
      }
      return
    }
    this._term++
    this.votedFor = this.id
    this.votes = new Set([this.id])
    this.maxVoteLeaseEnd = this.acknowledgedLeaseEnd
    this.setRole('candidate', this._term, undefined)
    const term = this._term
    this.logger('%s: %s campaigns in term %d', this.group, this.id, term)
    this.persistHardState()
    this.afterDurable(() => {
      if (this._term !== term || this._role !== 'candidate') {
        return
      }
      for (const to of others) {
        this.send<RequestVote>({ type: 'request-vote', group: this.group, from: this.id, to, term, lastIndex: this.log.lastIndex, lastTerm: this.log.lastTerm, transfer })
      }
      this.checkElectionWon()
    })
  }

  private logUpToDate (lastIndex: number, lastTerm: number): boolean {
    if (this.unsafe.ignoreLogUpToDate === true) {
      return true
    }
    return lastTerm > this.log.lastTerm || (lastTerm === this.log.lastTerm && lastIndex >= this.log.lastIndex)
  }

  private onPreVote (m: PreVote): void {
    const granted = m.term > this._term && this._role !== 'leader' && this.mayVote(false) && this.logUpToDate(m.lastIndex, m.lastTerm)
    this.send<PreVoteReply>({ type: 'pre-vote-reply', group: this.group, from: this.id, to: m.from, term: granted ? m.term : this._term, granted })
  }

  private onPreVoteReply (m: PreVoteReply): void {
    if (this._role !== 'pre-candidate') {
      return
    }
    if (!m.granted) {
      if (m.term > this._term) {
        this.becomeFollower(m.term, undefined)
      }
      return
    }
    if (m.term !== this._term + 1) {
      return
    }
    this.votes.add(m.from)
    if (this.countVotes() >= quorum(this.membership.voters.length)) {
      this.campaign(false)
    }
  }

  private onRequestVote (m: RequestVote): void {
    if (m.term < this._term) {
      this.replyVote(m, false)
      return
    }
    // a leader holding its lease, or a member that recently acknowledged one, refuses to help
    // depose it (without taking the higher term), unless the leader is handing over
    const leading = this._role === 'leader' && this.transferTarget == null && this.components.clock.monotonicMs() < this.leaseExpiresAt
    if (m.term > this._term && (leading || !this.mayVote(m.transfer))) {
      this.replyVote(m, false)
      return
    }
    if (m.term > this._term) {
      this.becomeFollower(m.term, undefined)
    }
    const free = this.votedFor == null || this.votedFor === m.from || this.unsafe.voteTwicePerTerm === true
    // The lease wait holds in the candidate's term too: this member may have taken that term from
    // a stale reply, after acknowledging the current leader's lease, without voting in it yet
    const waited = this.votedFor === m.from || this.mayVote(m.transfer) || this.unsafe.sameTermVoteIgnoresLease === true
    const granted = free && waited && this._role !== 'leader' && this.logUpToDate(m.lastIndex, m.lastTerm)
    if (!granted) {
      this.replyVote(m, false)
      return
    }
    this.votedFor = m.from
    this.resetElectionTimer()
    this.persistHardState()
    if (this.unsafe.replyBeforePersist === true) {
      this.replyVote(m, true)
      return
    }
    const term = this._term
    this.afterDurable(() => {
      if (this._term === term) {
        this.replyVote(m, true)
      }
    })
  }

  private replyVote (m: RequestVote, granted: boolean): void {
    this.send<VoteReply>({ type: 'vote-reply', group: this.group, from: this.id, to: m.from, term: this._term, granted, leaseEnd: this.acknowledgedLeaseEnd })
  }

  private onVoteReply (m: VoteReply): void {
    if (m.term > this._term) {
      this.becomeFollower(m.term, undefined)
      return
    }
    if (this._role !== 'candidate' || m.term !== this._term || !m.granted) {
      return
    }
    this.votes.add(m.from)
    this.maxVoteLeaseEnd = Math.max(this.maxVoteLeaseEnd, m.leaseEnd)
    this.checkElectionWon()
  }

  private countVotes (): number {
    let count = 0
    for (const voter of this.membership.voters) {
      if (this.votes.has(voter)) {
        count++
      }
    }
    return count
  }

  private checkElectionWon (): void {
    if (this._role === 'candidate' && this.countVotes() >= quorum(this.membership.voters.length)) {
      this.becomeLeader()
    }
  }

  private becomeLeader (): void {
    this.logger('%s: %s leads term %d', this.group, this.id, this._term)
    this.electionTimer?.cancel()
    this.electionTimer = undefined
    this.progress = new Map()
    const now = this.components.clock.monotonicMs()
    for (const member of [...this.membership.voters, ...this.membership.learners]) {
      if (member !== this.id) {
        this.progress.set(member, { next: this.log.lastIndex + 1, match: 0, ackedSentAt: Number.NEGATIVE_INFINITY, progressAt: now })
      }
    }
    this.leaseExpiresAt = Number.NEGATIVE_INFINITY
    this.leaseEndHlc = 0
    this.rounds.length = 0
    this.transferTarget = undefined
    this.leaderSinceAt = now
    this._leader = this.id
    this._role = 'leader'
    this.firstIndexOfTerm = this.log.lastIndex + 1
    this.components.host.roleChanged('leader', this._term, this.id, this.maxVoteLeaseEnd)
    // a no-op of the new term: committing it commits everything before it (leader completeness)
    this.appendLocal([{ term: this._term, index: this.log.lastIndex + 1, kind: 'noop' }])
    this.broadcast(true)
    this.scheduleHeartbeat()
  }

  private becomeFollower (term: number, leader: MemberId | undefined): void {
    const termChanged = term > this._term
    if (termChanged) {
      this._term = term
      this.votedFor = undefined
      this.persistHardState()
    }
    if (this._role === 'leader') {
      this.logger('%s: %s steps down in term %d', this.group, this.id, term)
      this.heartbeatTimer?.cancel()
      this.heartbeatTimer = undefined
      this.progress = new Map()
      this.leaseExpiresAt = Number.NEGATIVE_INFINITY
      this.transferTarget = undefined
    }
    if (this._role !== 'follower' || termChanged || this._leader !== leader) {
      this.setRole('follower', term, leader)
    }
    if (this.electionTimer == null) {
      this.resetElectionTimer()
    }
  }

  private setRole (role: Role, term: number, leader: MemberId | undefined): void {
    this._role = role
    this._leader = leader
    this.components.host.roleChanged(role, term, leader, 0)
  }

  private onTimeoutNow (m: TimeoutNow): void {
    if (m.term !== this._term || this._role !== 'follower' || m.from !== this._leader) {
      return
    }
    this.logger('%s: %s takes over from %s', this.group, this.id, m.from)
    this.campaign(false, true)
  }

  // ---- replication (leader) ----

  private appendLocal (entries: Array<Entry<C>>): void {
    for (const entry of entries) {
      this.log.push(entry)
      if (entry.kind === 'config' && entry.config != null) {
        this.applyMembership(entry.config, entry.index)
      }
    }
    const last = entries[entries.length - 1]
    // Always synced: an acknowledgement (a follower's reply, or the leader counting itself) is a
    // promise that the entry survives a crash. An unsynced entry lost in a power failure after it
    // counted towards a majority lets a member without it be elected: a committed entry is lost.
    // Storage batches these syncs (group commit), so the cost is one sync per batch.
    const sync = this.unsafe.ackUnsynced === true ? entries.some(entry => entry.sync === true) : true
    this.persist(this.components.storage.append(entries, sync), () => {
      this.onPersisted(last.index, last.term)
    })
  }

  private onPersisted (index: number, term: number): void {
    if (index > this.persistedIndex && this.log.term(index) === term) {
      const heldBack = this.membershipIndex > this.persistedIndex
      this.persistedIndex = index
      if (this._role === 'leader') {
        this.advanceCommit()
        if (heldBack && this.membershipIndex <= index) {
          this.broadcast(false)
        }
      }
    }
  }

  /**
   * The last entry the leader may send: none at or after a membership entry it has not yet made
   * durable. A voter set that changes by more than one (a lone voter taking on two at once) has
   * quorums disjoint from the old one: were the leader to crash and lose that entry after the
   * others got it, it would lead alone in the old membership while they elect in the new.
   */
  private sendableIndex (): number {
    if (this.membershipIndex > this.persistedIndex && this.unsafe.sendConfigBeforeDurable !== true) {
      return this.membershipIndex - 1
    }
    return this.log.lastIndex
  }

  private scheduleHeartbeat (): void {
    this.heartbeatTimer?.cancel()
    this.heartbeatTimer = this.components.clock.setTimer(() => {
      this.heartbeatTimer = undefined
      if (this._role !== 'leader' || !this.running) {
        return
      }
      this.onHeartbeat()
      this.scheduleHeartbeat()
    }, this.timing.heartbeatMs)
  }

  private onHeartbeat (): void {
    const now = this.components.clock.monotonicMs()
    // check-quorum: a leader no majority has heard within an election timeout steps down, so a
    // one-way partition cannot leave it accepting commits that can never be decided
    const voters = this.membership.voters
    if (voters.length > 1 && this.quorumAckedSentAt() < now - this.timing.electionTimeoutMinMs &&
      now - this.leaderSinceAt > this.timing.electionTimeoutMinMs) {
      this.logger('%s: %s lost contact with a majority; stepping down', this.group, this.id)
      this.becomeFollower(this._term, undefined)
      return
    }
    if (this.transferTarget != null && now > this.transferTarget.deadline) {
      this.logger('%s: transfer to %s timed out', this.group, this.transferTarget.member)
      if (this.transferTarget.told && this.unsafe.leadOnAfterTransfer !== true) {
        // The TimeoutNow may still arrive, however late, and its campaign is voted for without
        // waiting out this leader's lease. So this leader never holds a lease again in this
        // term: it steps down rather than take up leading where it left off.
        this.becomeFollower(this._term, undefined)
        return
      }
      this.transferTarget = undefined
    }
    for (const [, p] of this.progress) {
      // no progress since the last heartbeat: resend from the last known match
      if (p.match < this.log.lastIndex && now - p.progressAt >= this.timing.heartbeatMs && p.snapshot == null) {
        p.next = p.match + 1
      }
    }
    this.broadcast(true)
  }

  private newRound (): Round {
    const sentAt = this.components.clock.monotonicMs()
    const leaseEnd = this.components.host.leaseEndAfter(this.timing.leaseMs)
    this.round = { sentAt, leaseEnd }
    this.rounds.push(this.round)
    if (this.rounds.length > 256) {
      this.rounds.splice(0, this.rounds.length - 256)
    }
    return this.round
  }

  /** Send every member what it is missing (or an empty heartbeat when `heartbeat`) */
  private broadcast (heartbeat: boolean): void {
    // also reached from a commit broadcast timer that may fire after stop()
    if (this._role !== 'leader' || !this.running) {
      return
    }
    const round = this.newRound()
    for (const [member, p] of this.progress) {
      if (heartbeat || p.next <= this.log.lastIndex) {
        this.sendAppend(member, round)
      }
    }
    this.updateLease()
  }

  private sendAppend (to: MemberId, round: Round): void {
    const p = this.progress.get(to)
    if (p == null) {
      return
    }
    if (p.next <= this.log.snapshotIndex) {
      this.sendSnapshot(to, p, round)
      return
    }
    const prevIndex = p.next - 1
    const prevTerm = this.log.term(prevIndex)
    if (prevTerm == null) {
      this.sendSnapshot(to, p, round)
      return
    }
    const entries = this.log.slice(p.next, Math.min(this.maxEntriesPerAppend, this.sendableIndex() - p.next + 1))
    this.send<Append<C>>({ type: 'append', group: this.group, from: this.id, to, term: this._term, prevIndex, prevTerm, entries, commit: this._commitIndex, seq: round.sentAt, leaseEnd: round.leaseEnd })
    if (entries.length > 0) {
      // pipeline: assume delivery; a failure reply or a stalled heartbeat rewinds `next`
      p.next = entries[entries.length - 1].index + 1
    }
  }

  private sendSnapshot (to: MemberId, p: Progress, round: Round): void {
    const now = this.components.clock.monotonicMs()
    if (p.snapshot == null || p.snapshot.meta.index < this.log.snapshotIndex) {
      const { index, data } = this.components.host.snapshot()
      if (index < this.log.snapshotIndex) {
        throw new Error(`state machine snapshot at ${index} is behind the log's compaction point ${this.log.snapshotIndex}`)
      }
      p.snapshot = { meta: this.log.metaAt(index), data, offset: 0, sentAt: now }
    } else if (now - p.snapshot.sentAt < this.timing.heartbeatMs) {
      return
    }
    const { meta, data, offset } = p.snapshot
    const end = Math.min(data.byteLength, offset + this.maxSnapshotChunkBytes)
    p.snapshot.sentAt = now
    this.send<Snapshot>({
      type: 'snapshot',
      group: this.group,
      from: this.id,
      to,
      term: this._term,
      index: meta.index,
      lastTerm: meta.term,
      membership: meta.membership,
      termStarts: meta.termStarts,
      offset,
      data: data.subarray(offset, end),
      done: end === data.byteLength,
      seq: round.sentAt,
      leaseEnd: round.leaseEnd
    })
  }

  private onAppendReply (m: AppendReply): void {
    if (m.term > this._term) {
      this.becomeFollower(m.term, undefined)
      return
    }
    if (this._role !== 'leader' || m.term !== this._term) {
      return
    }
    const p = this.progress.get(m.from)
    if (p == null) {
      return
    }
    this.acknowledge(p, m.seq)
    if (m.success) {
      if (m.index > p.match) {
        p.match = m.index
        p.progressAt = this.components.clock.monotonicMs()
        this.advanceCommit()
      }
      // on every acknowledgement, not only those that advance it: a learner that caught up
      // before the change adding it committed would otherwise wait for the next entry, which an
      // idle group never writes
      this.maybePromote(m.from, p)
      if (p.next <= p.match) {
        p.next = p.match + 1
      }
      if (p.match >= this.log.lastIndex) {
        p.progressAt = this.components.clock.monotonicMs()
      }
    } else {
      // the member's log does not match at `next - 1`: retry from where it says
      p.next = Math.max(p.match + 1, Math.min(m.index, this.log.lastIndex + 1))
    }
    if (p.next <= this.log.lastIndex) {
      this.sendAppend(m.from, this.round)
    }
    if (this.transferTarget?.member === m.from) {
      this.maybeSendTimeoutNow(m.from)
    }
  }

  private onSnapshotReply (m: SnapshotReply): void {
    if (m.term > this._term) {
      this.becomeFollower(m.term, undefined)
      return
    }
    if (this._role !== 'leader' || m.term !== this._term) {
      return
    }
    const p = this.progress.get(m.from)
    if (p?.snapshot == null) {
      return
    }
    this.acknowledge(p, m.seq)
    if (m.index >= p.snapshot.meta.index) {
      p.match = Math.max(p.match, m.index)
      p.next = p.match + 1
      p.snapshot = undefined
      p.progressAt = this.components.clock.monotonicMs()
      this.advanceCommit()
      this.maybePromote(m.from, p)
      this.sendAppend(m.from, this.round)
      return
    }
    if (m.offset !== p.snapshot.offset) {
      p.snapshot.offset = Math.min(m.offset, p.snapshot.data.byteLength)
      p.snapshot.sentAt = Number.NEGATIVE_INFINITY
      this.sendSnapshot(m.from, p, this.round)
    }
  }

  private acknowledge (p: Progress, sentAt: number): void {
    if (sentAt > p.ackedSentAt) {
      p.ackedSentAt = sentAt
      this.updateLease()
    }
  }

  /** Send time of the newest round a majority of voters (this leader included) acknowledged */
  private quorumAckedSentAt (): number {
    const times: number[] = []
    for (const voter of this.membership.voters) {
      if (voter === this.id) {
        times.push(this.components.clock.monotonicMs())
      } else {
        times.push(this.progress.get(voter)?.ackedSentAt ?? Number.NEGATIVE_INFINITY)
      }
    }
    times.sort((a, b) => b - a)
    return times[quorum(this.membership.voters.length) - 1] ?? Number.NEGATIVE_INFINITY
  }

  private updateLease (): void {
    if (this._role !== 'leader' || !isVoter(this.membership, this.id)) {
      return
    }
    const sentAt = this.quorumAckedSentAt()
    const { leaseMs, driftRate, leaseMarginMs } = this.timing
    const expires = sentAt + leaseMs * (1 - driftRate) - leaseMarginMs
    if (expires > this.leaseExpiresAt) {
      this.leaseExpiresAt = expires
      // the HLC lease end of the round that set it (for a lone voter: the newest round)
      let leaseEnd = 0
      for (let i = this.rounds.length - 1; i >= 0; i--) {
        if (this.rounds[i].sentAt <= sentAt) {
          leaseEnd = this.rounds[i].leaseEnd
          break
        }
      }
      if (this.membership.voters.length === 1) {
        leaseEnd = this.components.host.leaseEndAfter(leaseMs * (1 - driftRate) - leaseMarginMs)
      }
      this.leaseEndHlc = Math.max(this.leaseEndHlc, leaseEnd)
    }
  }

  private advanceCommit (): void {
    const matches: number[] = []
    for (const voter of this.membership.voters) {
      matches.push(voter === this.id ? this.persistedIndex : (this.progress.get(voter)?.match ?? 0))
    }
    matches.sort((a, b) => b - a)
    const candidate = matches[quorum(this.membership.voters.length) - 1] ?? 0
    if (candidate <= this._commitIndex) {
      return
    }
    // only entries of the leader's own term are committed by counting replicas (Raft §5.4.2);
    // earlier ones commit with them
    if (this.log.term(candidate) !== this._term && this.unsafe.commitPreviousTerms !== true) {
      return
    }
    this.setCommitIndex(candidate)
    if (!isVoter(this.membership, this.id) && this.membershipIndex <= this._commitIndex) {
      // this leader was removed and its removal is committed
      this.becomeFollower(this._term, undefined)
    }
  }

  private setCommitIndex (index: number): void {
    if (index <= this._commitIndex) {
      return
    }
    this._commitIndex = index
    this.components.host.committed(index)
    if (this._role === 'leader') {
      this.broadcastCommit()
    }
  }

  /** Let followers learn the new commit index soon, coalescing bursts into one round */
  private broadcastCommit (): void {
    if (this.commitBroadcastPending) {
      return
    }
    this.commitBroadcastPending = true
    this.components.clock.setTimer(() => {
      this.commitBroadcastPending = false
      this.broadcast(true)
    }, 0)
  }

  private canChangeMembership (): boolean {
    return this._role === 'leader' && this.isReady && this.membershipIndex <= this._commitIndex && this.transferTarget == null
  }

  private proposeMembership (membership: Membership): void {
    // the host's reserved batch goes first, or it would lose its index to this entry
    this.components.host.beforeAppend?.()
    this.logger('%s: membership -> voters %s learners %s', this.group, membership.voters.join(','), membership.learners.join(','))
    const entry: Entry<C> = { term: this._term, index: this.log.lastIndex + 1, kind: 'config', config: membership, sync: true }
    const now = this.components.clock.monotonicMs()
    for (const member of [...membership.voters, ...membership.learners]) {
      if (member !== this.id && !this.progress.has(member)) {
        this.progress.set(member, { next: this.log.lastIndex + 1, match: 0, ackedSentAt: Number.NEGATIVE_INFINITY, progressAt: now })
      }
    }
    this.appendLocal([entry])
    this.broadcast(false)
  }

  private applyMembership (membership: Membership, index: number): void {
    this.membership = membership
    this.membershipIndex = index
    if (this._role === 'leader') {
      for (const member of [...this.progress.keys()]) {
        if (!isMember(membership, member)) {
          this.progress.delete(member)
        }
      }
    }
  }

  /** A learner that has caught up with the commit index becomes a voter (two at once from a lone voter: never two voters) */
  private maybePromote (member: MemberId, p: Progress): void {
    if (!this.membership.learners.includes(member) || p.match < this._commitIndex || !this.canChangeMembership()) {
      return
    }
    if (this.membership.voters.length >= this.maxVoters) {
      // enough voters: further members are replicas
      return
    }
    let promote = [member]
    if (this.membership.voters.length === 1 && this.maxVoters >= 3) {
      // from a lone voter straight to three: a two-voter group halts when either member is down.
      // Safe as a single step because the lone voter is the only one deciding in the old
      // membership, and it stops doing so alone as soon as it appends the new one.
      const caughtUp = this.membership.learners.filter(l => (this.progress.get(l)?.match ?? 0) >= this._commitIndex)
      if (caughtUp.length < 2) {
        return
      }
      promote = caughtUp.slice(0, 2)
    }
    this.proposeMembership({
      voters: [...this.membership.voters, ...promote],
      learners: this.membership.learners.filter(l => !promote.includes(l))
    })
  }

  private maybeSendTimeoutNow (target: MemberId): void {
    const p = this.progress.get(target)
    if (this.transferTarget?.member === target && p != null && p.match >= this.log.lastIndex) {
      this.transferTarget.told = true
      this.send<TimeoutNow>({ type: 'timeout-now', group: this.group, from: this.id, to: target, term: this._term })
    }
  }

  // ---- replication (follower) ----

  /** Common handling of a leader's message; false when it must be refused */
  private acceptLeader (term: number, from: MemberId): boolean {
    if (term < this._term && this.unsafe.acceptStaleTerms !== true) {
      return false
    }
    if (term > this._term || this._role !== 'follower' || this._leader !== from) {
      this.becomeFollower(Math.max(term, this._term), from)
    }
    this.lastLeaderContact = this.components.clock.monotonicMs()
    this.resetElectionTimer()
    return true
  }

  private noteLeaseEnd (leaseEnd: number): void {
    if (leaseEnd > this.acknowledgedLeaseEnd) {
      // persisted before the acknowledgement goes out: a vote must carry it even after a restart
      this.acknowledgedLeaseEnd = leaseEnd
      this.persistHardState()
    }
  }

  private onAppend (m: Append<C>): void {
    if (!this.acceptLeader(m.term, m.from)) {
      this.send<AppendReply>({ type: 'append-reply', group: this.group, from: this.id, to: m.from, term: this._term, success: false, index: this.log.lastIndex + 1, seq: m.seq })
      return
    }
    this.noteLeaseEnd(m.leaseEnd)
    if (this.restoring) {
      // The state machine already holds the snapshot being installed: truncating or committing
      // entries beneath it now would report, as removed, entries the snapshot covers. The leader
      // resends once the snapshot is in.
      return
    }
    let prevIndex = m.prevIndex
    let entries = m.entries
    if (prevIndex < this.log.snapshotIndex) {
      // the start is compacted here, so committed: skip it
      entries = entries.filter(e => e.index > this.log.snapshotIndex)
      prevIndex = this.log.snapshotIndex
      if (entries.length > 0 && entries[0].index !== prevIndex + 1) {
        entries = []
      }
    }
    const prevTerm = prevIndex === m.prevIndex ? m.prevTerm : this.log.snapshotTerm
    if (this.unsafe.skipPrevCheck !== true && !this.log.matches(prevIndex, prevTerm)) {
      this.replyAppend(m, false, this.conflictHint(prevIndex))
      return
    }
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]
      const existing = this.log.term(entry.index)
      if (existing === entry.term) {
        continue
      }
      if (existing != null) {
        // a conflicting suffix: it was never committed (log matching + leader completeness)
        if (entry.index <= this._commitIndex) {
          throw new Error(`${this.group}: leader ${m.from} would overwrite committed entry ${entry.index}`)
        }
        this.truncateFrom(entry.index)
      }
      if (entry.index === this.log.lastIndex + 1) {
        this.appendLocal(entries.slice(i))
      }
      break
    }
    const lastNew = Math.min(prevIndex + entries.length, this.log.lastIndex)
    if (m.commit > this._commitIndex) {
      this.setCommitIndex(Math.min(m.commit, lastNew))
    }
    this.replyAppend(m, true, lastNew)
  }

  private truncateFrom (index: number): void {
    const removed = this.log.truncateFrom(index)
    this.persistedIndex = Math.min(this.persistedIndex, index - 1)
    let membership = false
    for (const entry of removed) {
      membership ||= entry.kind === 'config'
    }
    if (membership) {
      const found = this.log.membershipAt(this.log.lastIndex)
      if (found.membership.voters.length > 0) {
        this.membership = found.membership
        this.membershipIndex = found.index
      }
    }
    this.persist(this.components.storage.truncateFrom(index))
    this.components.host.truncated(index, removed)
  }

  /** Where the leader should retry: past our log, or the first index of the conflicting term */
  private conflictHint (prevIndex: number): number {
    if (prevIndex > this.log.lastIndex) {
      return this.log.lastIndex + 1
    }
    const conflictTerm = this.log.term(prevIndex)
    let index = prevIndex
    while (index - 1 > Math.max(this._commitIndex, this.log.snapshotIndex) && this.log.term(index - 1) === conflictTerm) {
      index--
    }
    return Math.max(index, this._commitIndex + 1)
  }

  private replyAppend (m: Append<C>, success: boolean, index: number): void {
    const term = this._term
    const reply = (): void => {
      if (this._term === term) {
        this.send<AppendReply>({ type: 'append-reply', group: this.group, from: this.id, to: m.from, term, success, index, seq: m.seq })
      }
    }
    this.afterDurable(reply)
  }

  private onSnapshot (m: Snapshot): void {
    if (!this.acceptLeader(m.term, m.from)) {
      this.send<SnapshotReply>({ type: 'snapshot-reply', group: this.group, from: this.id, to: m.from, term: this._term, index: 0, offset: 0, seq: m.seq })
      return
    }
    this.noteLeaseEnd(m.leaseEnd)
    const reply = (index: number, offset: number): void => {
      const term = this._term
      this.afterDurable(() => {
        if (this._term === term) {
          this.send<SnapshotReply>({ type: 'snapshot-reply', group: this.group, from: this.id, to: m.from, term, index, offset, seq: m.seq })
        }
      })
    }
    if (m.index <= this._commitIndex) {
      reply(this._commitIndex, 0)
      return
    }
    if (this.restoring) {
      return
    }
    let incoming = this.incomingSnapshot
    if (incoming == null || incoming.index !== m.index || incoming.term !== m.lastTerm) {
      if (m.offset !== 0) {
        reply(0, 0)
        return
      }
      incoming = this.incomingSnapshot = { index: m.index, term: m.lastTerm, chunks: [], bytes: 0 }
    }
    if (m.offset !== incoming.bytes) {
      reply(0, incoming.bytes)
      return
    }
    incoming.chunks.push(m.data)
    incoming.bytes += m.data.byteLength
    if (!m.done) {
      reply(0, incoming.bytes)
      return
    }
    this.incomingSnapshot = undefined
    const data = concat(incoming.chunks, incoming.bytes)
    const meta: SnapshotMeta = { index: m.index, term: m.lastTerm, membership: m.membership, termStarts: m.termStarts }
    this.restoring = true
    this.components.host.restore(meta, data).then(() => {
      this.restoring = false
      // the snapshot holds committed state, so it stays valid even if the term moved on meanwhile
      if (!this.running || meta.index <= this._commitIndex) {
        return
      }
      const discard = !this.log.matches(meta.index, meta.term) || meta.index > this.log.lastIndex
      if (discard && this.log.lastIndex > meta.index) {
        // only entries above the snapshot are removed: those at or below it are superseded by it
        // (and may well be committed), not truncated
        this.components.host.truncated(meta.index + 1, this.log.truncateFrom(meta.index + 1))
      }
      this.log.compact(meta)
      this.persistedIndex = Math.max(this.persistedIndex, meta.index)
      if (discard) {
        this.persistedIndex = meta.index
      }
      const found = this.log.membershipAt(this.log.lastIndex)
      this.membership = found.membership
      this.membershipIndex = found.index
      this._commitIndex = meta.index
      this.persist(this.components.storage.saveSnapshot(meta, discard))
      reply(meta.index, 0)
    }, (err: Error) => {
      this.restoring = false
      this.logger.error('%s: restoring snapshot %d failed: %s', this.group, meta.index, err.message)
    })
  }

  // ---- persistence ----

  private persistHardState (): void {
    this.persist(this.components.storage.saveHardState(this.hardState))
  }

  /** Chain a storage operation; `then` runs once it (and all before it) is durable */
  private persist (operation: Promise<void>, then?: () => void): void {
    const previous = this.pendingStorage
    const done = Promise.all([previous, operation]).then(() => {
      if (this.running) {
        then?.()
      }
    })
    this.pendingStorage = done.catch((err: Error) => {
      // storage failing means this member can no longer keep its promises: stop taking part
      this.logger.error('%s: storage failed, stopping this member: %s', this.group, err.message)
      this.stop()
    })
  }

  /** Run `fn` once everything issued to storage so far is durable */
  private afterDurable (fn: () => void): void {
    this.pendingStorage = this.pendingStorage.then(() => {
      if (this.running) {
        fn()
      }
    }).catch((err: Error) => {
      // an assertion failed in work that waited for storage: left rejected, the chain would fail
      // every later write and surface as an unhandled rejection. Stop, as on a storage failure.
      this.logger.error('%s: stopping this member: %s', this.group, err.message)
      this.stop()
    })
  }

  private send<M extends RaftMessage<C>>(message: M): void {
    this.components.transport.send(message)
  }
}

function concat (chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) {
    return chunks[0]
  }
  const out = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}
