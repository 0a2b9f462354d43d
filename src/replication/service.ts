import { TypedEventEmitter } from '@libp2p/interface'
import { packTimestamp, timestampWallMs } from '../clock/hlc.ts'
import { decodeReplicaMessage } from './codec.ts'
import { ReadReplica } from './replica.ts'
import type { ReplicaRead } from './replica.ts'
import type { ReplicaTopics } from './topics.ts'
import type { Clock, Timer } from '../clock/clock.ts'
import type { Timestamp } from '../clock/hlc.ts'
import type { LocalGroups } from '../groups/local-groups.ts'
import type { NodeTransport } from '../groups/transport.ts'
import type { Epoch } from '../ownership/epoch.ts'
import type { Logger } from '@libp2p/interface'

export interface ReplicaServiceComponents {
  clock: Clock
  groups: LocalGroups
  topics: ReplicaTopics
  /** Gap fill: fetches go to a member of the group */
  transport: NodeTransport
  /** The node leading `group` (else any member), as this node knows it */
  memberOf(group: string): string | undefined
  logger: Logger
}

export interface ReplicaServiceInit {
  /** Most groups replicated here at once (default 8; 0 turns read replicas off); the least recently read is dropped */
  maxReplicas?: number
  /** A read waits this long for a closed timestamp at or above its snapshot, then asks the owner (default 20 ms) */
  waitMs?: number
  /** A replica nobody read for this long is dropped (default 60 s) */
  idleMs?: number
  /** Versions older than this behind the closed timestamp are collected (default 10 s) */
  retainMs?: number
  /** Each fetch waits this long for its answer (default 2,000 ms) */
  fetchTimeoutMs?: number
  /**
   * A replica opens on this read of a group within `OPEN_WINDOW_MS` (default 2; 1: on the first):
   * a group read once in a while is cheaper read from its owner than replicated (a replica starts
   * with the group's whole state)
   */
  openAfterReads?: number
}

export interface ReplicaAppliedDetail {
  group: string
  /** The entries newly applied, [from, to] */
  from: number
  to: number
  /** Wall-clock time from the publisher sending them to their application here (ms; needs synchronized clocks) */
  lagMs: number
}

export interface ReplicaServiceEvents {
  /** Committed entries of a replicated group were applied here */
  'replica:applied': CustomEvent<ReplicaAppliedDetail>
}

export interface ReplicaReport {
  group: string
  /** The newest index applied, and the closed timestamp (HLC) with the index it needs */
  applied: number
  closedTs: number
  closedIndex: number
  /** Holds the group's state (a snapshot or the log from its start arrived) */
  based: boolean
  /** Reads served here, and reads passed on to the owner (not caught up, not closed, not here) */
  served: number
  passed: number
}

export interface ReplicaServiceStats {
  replicas: number
  served: number
  passed: number
  messages: number
  invalid: number
  fetches: number
  fetchFailures: number
}

interface Replicated {
  readonly replica: ReadReplica
  lastReadMs: number
  served: number
  passed: number
  fetching: boolean
  /** Fetches failed in a row (the next waits longer) */
  failures: number
  retryTimer?: Timer
  waiters: Array<() => void>
}

const FETCH_RETRY_MS = 100
const FETCH_RETRY_MAX_MS = 5_000
/** Reads of a group within this long count towards opening its replica */
const OPEN_WINDOW_MS = 10_000
/** A group whose state is too large to fetch is read from its owner for this long */
const REFUSED_BACKOFF_MS = 60_000
const UPKEEP_MS = 1_000
const UNKNOWN: ReplicaRead = Object.freeze({ kind: 'unknown' })

/**
 * The reader side of read replication: this node's replicas of groups it is no member of. A read
 * of a remote object first asks here: a replica of the owner group serves it once caught up
 * through a closed timestamp at or above the read's snapshot (waiting briefly for one), else the
 * read goes to the owner. A replica is opened (subscribing to the group's topic and fetching its
 * state) on a group's second read within 10 s (`openAfterReads`), never for a group whose state is
 * too large to fetch, and dropped when unused or when more are open than allowed.
 */
export class ReplicaService extends TypedEventEmitter<ReplicaServiceEvents> {
  private readonly components: ReplicaServiceComponents
  private readonly maxReplicas: number
  private readonly waitMs: number
  private readonly idleMs: number
  private readonly retainMs: number
  private readonly fetchTimeoutMs: number
  private readonly replicas = new Map<string, Replicated>()
  private readonly openAfterReads: number
  /** Groups read but not replicated: reads in the current window, and when it began */
  private readonly recentReads = new Map<string, { reads: number, sinceMs: number }>()
  /** Groups whose members refused a snapshot (too large): not replicated until then */
  private readonly refusedUntil = new Map<string, number>()
  private readonly counters = { served: 0, passed: 0, messages: 0, invalid: 0, fetches: 0, fetchFailures: 0 }
  private upkeepTimer?: Timer
  private running = false

  constructor (components: ReplicaServiceComponents, init: ReplicaServiceInit = {}) {
    super()
    this.components = components
    this.maxReplicas = init.maxReplicas ?? 8
    this.waitMs = init.waitMs ?? 20
    this.idleMs = init.idleMs ?? 60_000
    this.retainMs = init.retainMs ?? 10_000
    this.fetchTimeoutMs = init.fetchTimeoutMs ?? 2_000
    this.openAfterReads = init.openAfterReads ?? 2
  }

  get enabled (): boolean {
    return this.maxReplicas > 0
  }

  start (): void {
    this.running = true
    this.scheduleUpkeep()
  }

  stop (): void {
    this.running = false
    this.upkeepTimer?.cancel()
    for (const group of [...this.replicas.keys()]) {
      this.drop(group)
    }
  }

  /**
   * The committed value of `key` at `ts` from this node's replica of `group`, opening one on the
   * group's second read in a while (`openAfterReads`); `unknown` when the replica cannot answer by
   * `waitMs` (the caller asks the owner)
   */
  async read (group: string, key: string, ts: Timestamp, expected?: Epoch): Promise<ReplicaRead> {
    if (!this.running || !this.enabled || this.components.groups.get(group) != null) {
      return UNKNOWN
    }
    const replicated = this.replicas.get(group) ?? this.openOnRepeatedReads(group)
    if (replicated == null) {
      this.counters.passed++
      return UNKNOWN
    }
    replicated.lastReadMs = this.components.clock.monotonicMs()
    const { replica } = replicated
    // wait only when the closed timestamp is close enough to get there in time: a replica far
    // behind (a busy or cut-off publisher) would only add its wait to the owner's round trip
    if (!replica.servesAt(ts) && replica.based && replica.closed.ts > 0 && timestampWallMs(ts) - timestampWallMs(replica.closed.ts) <= this.waitMs) {
      await this.whenServes(replicated, ts)
    }
    const answer = replicated.replica.read(key, ts, expected)
    if (answer.kind === 'unknown') {
      replicated.passed++
      this.counters.passed++
    } else {
      replicated.served++
      this.counters.served++
    }
    return answer
  }

  /** A replicated group that owns `key` in the state applied here (a hint: it may have moved on) */
  groupOwning (key: string): string | undefined {
    for (const [group, { replica }] of this.replicas) {
      if (replica.owns(key)) {
        return group
      }
    }
    return undefined
  }

  /** A message from a group's topic */
  receive (bytes: Uint8Array): void {
    let message
    try {
      message = decodeReplicaMessage(bytes)
    } catch (err) {
      this.counters.invalid++
      this.components.logger('dropped a replica message: %s', (err as Error).message)
      return
    }
    const replicated = this.replicas.get(message.group)
    if (replicated == null) {
      return
    }
    this.counters.messages++
    this.take(replicated, message)
  }

  status (): ReplicaReport[] {
    return [...this.replicas.entries()].map(([group, r]) => ({
      group,
      applied: r.replica.applied,
      closedTs: r.replica.closed.ts,
      closedIndex: r.replica.closed.index,
      based: r.replica.based,
      served: r.served,
      passed: r.passed
    }))
  }

  get stats (): ReplicaServiceStats {
    return { replicas: this.replicas.size, ...this.counters }
  }

  private take (replicated: Replicated, message: ReturnType<typeof decodeReplicaMessage>): void {
    let applied
    try {
      applied = replicated.replica.receive(message)
    } catch (err) {
      // a snapshot or entry this replica cannot apply: start over from a fresh state
      this.components.logger.error('replica of %s failed to apply a message, starting over: %s', message.group, (err as Error).message)
      this.drop(message.group)
      return
    }
    if (applied != null && this.listenerCount('replica:applied') > 0) {
      this.safeDispatchEvent('replica:applied', { detail: { group: message.group, from: applied.from, to: applied.to, lagMs: this.components.clock.wallMs() - message.sentMs } })
    }
    if (replicated.waiters.length > 0) {
      const waiters = replicated.waiters
      replicated.waiters = []
      for (const wake of waiters) {
        wake()
      }
    }
    if (replicated.replica.gap != null) {
      this.fetch(message.group, replicated)
    }
  }

  /** The group's new replica once it has been read often enough lately (and may be replicated) */
  private openOnRepeatedReads (group: string): Replicated | undefined {
    const now = this.components.clock.monotonicMs()
    const refused = this.refusedUntil.get(group)
    if (refused != null) {
      if (now < refused) {
        return undefined
      }
      this.refusedUntil.delete(group)
    }
    let recent = this.recentReads.get(group)
    if (recent == null || now - recent.sinceMs > OPEN_WINDOW_MS) {
      recent = { reads: 0, sinceMs: now }
      this.recentReads.set(group, recent)
    }
    recent.reads++
    if (recent.reads < this.openAfterReads) {
      return undefined
    }
    this.recentReads.delete(group)
    return this.open(group)
  }

  private open (group: string): Replicated {
    if (this.replicas.size >= this.maxReplicas) {
      let oldest: [string, Replicated] | undefined
      for (const entry of this.replicas) {
        if (oldest == null || entry[1].lastReadMs < oldest[1].lastReadMs) {
          oldest = entry
        }
      }
      if (oldest != null) {
        this.drop(oldest[0])
      }
    }
    const replicated: Replicated = { replica: new ReadReplica(group), lastReadMs: this.components.clock.monotonicMs(), served: 0, passed: 0, fetching: false, failures: 0, waiters: [] }
    this.replicas.set(group, replicated)
    this.components.topics.subscribe(group)
    this.fetch(group, replicated)
    return replicated
  }

  private drop (group: string): void {
    const replicated = this.replicas.get(group)
    if (replicated == null) {
      return
    }
    this.replicas.delete(group)
    replicated.retryTimer?.cancel()
    for (const wake of replicated.waiters) {
      wake()
    }
    this.components.topics.unsubscribe(group)
  }

  /** Waits until the replica serves reads at `ts`, at most `waitMs` */
  private async whenServes (replicated: Replicated, ts: Timestamp): Promise<void> {
    const deadline = this.components.clock.monotonicMs() + this.waitMs
    while (!replicated.replica.servesAt(ts) && this.replicas.get(replicated.replica.group) === replicated) {
      const left = deadline - this.components.clock.monotonicMs()
      if (left <= 0) {
        return
      }
      await new Promise<void>(resolve => {
        const timer = this.components.clock.setTimer(resolve, left)
        replicated.waiters.push(() => { timer.cancel(); resolve() })
      })
    }
  }

  /** Fill the replica's gap from a member of the group: one fetch at a time, again until none is left */
  private fetch (group: string, replicated: Replicated): void {
    const from = replicated.replica.gap
    if (from == null || replicated.fetching || !this.running || this.replicas.get(group) !== replicated) {
      return
    }
    const target = this.components.memberOf(group)
    if (target == null) {
      this.retryFetch(group, replicated)
      return
    }
    replicated.fetching = true
    this.counters.fetches++
    void this.components.transport.request(target, { type: 'replica-fetch', group, from }, { timeoutMs: this.fetchTimeoutMs })
      .then(response => {
        if (response.status === 'refused') {
          // the group's state is too large to send: its owner answers this node's reads for a while
          replicated.fetching = false
          this.components.logger('%s cannot be replicated here for now: %s', group, response.reason ?? 'refused')
          this.refusedUntil.set(group, this.components.clock.monotonicMs() + REFUSED_BACKOFF_MS)
          this.drop(group)
          return undefined
        }
        if (response.status !== 'ok' || response.value == null) {
          throw new Error(response.reason ?? `answered ${response.status}`)
        }
        return decodeReplicaMessage(response.value)
      })
      .then(message => {
        if (message == null) {
          return
        }
        replicated.fetching = false
        replicated.failures = 0
        if (this.replicas.get(group) === replicated) {
          this.take(replicated, message)
        }
      }, (err: Error) => {
        replicated.fetching = false
        this.counters.fetchFailures++
        this.components.logger('fetch of %s from %d at %s failed: %s', group, from, target, err.message)
        this.retryFetch(group, replicated)
      })
  }

  private retryFetch (group: string, replicated: Replicated): void {
    replicated.retryTimer?.cancel()
    const delayMs = Math.min(FETCH_RETRY_MAX_MS, FETCH_RETRY_MS * 2 ** Math.min(replicated.failures, 10))
    replicated.failures++
    replicated.retryTimer = this.components.clock.setTimer(() => {
      replicated.retryTimer = undefined
      this.fetch(group, replicated)
    }, delayMs)
  }

  private scheduleUpkeep (): void {
    if (!this.running) {
      return
    }
    this.upkeepTimer = this.components.clock.setTimer(() => {
      this.upkeep()
      this.scheduleUpkeep()
    }, UPKEEP_MS)
  }

  /** Drop idle replicas; collect versions no read can see any more */
  private upkeep (): void {
    const now = this.components.clock.monotonicMs()
    for (const [group, recent] of this.recentReads) {
      if (now - recent.sinceMs > OPEN_WINDOW_MS) {
        this.recentReads.delete(group)
      }
    }
    for (const [group, until] of this.refusedUntil) {
      if (now >= until) {
        this.refusedUntil.delete(group)
      }
    }
    for (const [group, replicated] of [...this.replicas]) {
      if (now - replicated.lastReadMs > this.idleMs || this.components.groups.get(group) != null) {
        this.drop(group)
        continue
      }
      const closed = replicated.replica.closed.ts
      if (closed > 0) {
        replicated.replica.collect(packTimestamp(Math.max(0, timestampWallMs(closed) - this.retainMs), 0))
      }
      if (replicated.replica.gap != null && replicated.retryTimer == null) {
        this.fetch(group, replicated)
      }
    }
  }
}
