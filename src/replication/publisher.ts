import { encodeEntry } from '../groups/commands.ts'
import { encodeReplicaMessage } from './codec.ts'
import type { ReplicaMessage } from './codec.ts'
import type { ReplicaTopics } from './topics.ts'
import type { Clock, Timer } from '../clock/clock.ts'
import type { GroupEntry } from '../groups/commands.ts'
import type { Group } from '../groups/group.ts'
import type { LocalGroups } from '../groups/local-groups.ts'
import type { NodeResponse, ReplicaFetchRequest } from '../groups/transport.ts'
import type { Logger } from '@libp2p/interface'

export interface ReplicaPublisherComponents {
  clock: Clock
  groups: LocalGroups
  topics: ReplicaTopics
  logger: Logger
}

export interface ReplicaPublisherInit {
  /** A leader publishes its closed timestamp at least this often while anyone listens (default 5 ms) */
  intervalMs?: number
  /** Entries per published message (default 256); more go in further messages */
  maxEntriesPerMessage?: number
  /** Largest fetch answer in bytes (default 1 MiB less room for the frame; a response's value limit) */
  maxFetchBytes?: number
}

export interface ReplicaPublisherStats {
  /** Messages published (with entries, and heartbeats carrying only a closed timestamp) */
  published: number
  heartbeats: number
  /** Fetches answered with entries, with a snapshot, and refused */
  fetchEntries: number
  fetchSnapshots: number
  fetchRefused: number
}

const DEFAULT_INTERVAL_MS = 5
const DEFAULT_MAX_ENTRIES = 256
/** Room left in a response's value for the message's own fields */
const FETCH_OVERHEAD_BYTES = 4096
const DEFAULT_MAX_FETCH_BYTES = 1024 * 1024 - FETCH_OVERHEAD_BYTES
/**
 * A snapshot answers every fetch of its group for this long (entries after it catch a replica up):
 * encoding a group's whole state for each new replica cost 42% of the CPU of 20 nodes in one process
 */
const SNAPSHOT_REUSE_MS = 1_000

/** A group's state as last encoded for a fetch, or the verdict that it is too large to send */
interface EncodedSnapshot {
  index: number
  data?: Uint8Array
  bytes: number
  atMs: number
}

/**
 * The leader side of read replication: for each group this node leads, publish committed entries
 * as they commit and the closed timestamp at least every `intervalMs` (so that the last commit
 * before a lull becomes readable), on the group's topic, only while someone listens. Any member
 * answers fetches of entries a replica missed (or a snapshot once the log has dropped them).
 */
export class ReplicaPublisher {
  readonly stats: ReplicaPublisherStats = { published: 0, heartbeats: 0, fetchEntries: 0, fetchSnapshots: 0, fetchRefused: 0 }
  private readonly components: ReplicaPublisherComponents
  private readonly intervalMs: number
  private readonly maxEntries: number
  private readonly maxFetchBytes: number
  /** The last index published per group this node leads */
  private readonly published = new Map<string, number>()
  /** Groups with a publish queued for the next turn (after a commit) */
  private readonly queued = new Set<string>()
  private readonly hooked = new WeakSet<Group>()
  private readonly snapshots = new Map<string, EncodedSnapshot>()
  private timer?: Timer
  private running = false

  constructor (components: ReplicaPublisherComponents, init: ReplicaPublisherInit = {}) {
    this.components = components
    this.intervalMs = init.intervalMs ?? DEFAULT_INTERVAL_MS
    this.maxEntries = init.maxEntriesPerMessage ?? DEFAULT_MAX_ENTRIES
    this.maxFetchBytes = init.maxFetchBytes ?? DEFAULT_MAX_FETCH_BYTES
  }

  start (): void {
    this.running = true
    this.schedule()
  }

  stop (): void {
    this.running = false
    this.timer?.cancel()
    this.timer = undefined
  }

  /** Answer a replica's fetch from this node's copy of the group (leader or follower) */
  handleFetch (request: ReplicaFetchRequest): NodeResponse {
    const group = this.components.groups.get(request.group)
    if (group == null) {
      return { status: 'retry', reason: `no member of ${request.group} here` }
    }
    const committed = group.state.committedIndex
    const closed = group.closeTimestamp()
    const base = { group: group.id, term: group.raft.term, closedTs: closed?.ts ?? 0, closedIndex: closed?.index ?? 0, sentMs: this.components.clock.wallMs() }
    if (request.from > group.raft.log.snapshotIndex || request.from > committed) {
      const entries: GroupEntry[] = []
      let bytes = 0
      for (let i = request.from; i <= committed && entries.length < this.maxEntries * 16; i++) {
        const entry = group.raft.log.entry(i)
        if (entry == null) {
          break
        }
        bytes += encodeEntry(entry).byteLength
        if (bytes > this.maxFetchBytes && entries.length > 0) {
          break
        }
        entries.push(entry)
      }
      if (entries.length > 0 || request.from > committed) {
        this.stats.fetchEntries++
        return this.answer({ ...base, first: request.from, entries, snapshotIndex: 0 })
      }
    }
    const snapshot = this.snapshotOf(group)
    if (snapshot.data == null) {
      this.stats.fetchRefused++
      return { status: 'refused', reason: `the snapshot of ${group.id} (${snapshot.bytes} bytes) is larger than a fetch answer may be` }
    }
    this.stats.fetchSnapshots++
    return this.answer({ ...base, first: snapshot.index + 1, entries: [], snapshot: snapshot.data, snapshotIndex: snapshot.index })
  }

  /** The group's state encoded at most once a `SNAPSHOT_REUSE_MS`, while its log still holds what follows it */
  private snapshotOf (group: Group): EncodedSnapshot {
    const now = this.components.clock.monotonicMs()
    const cached = this.snapshots.get(group.id)
    if (cached != null && now - cached.atMs < SNAPSHOT_REUSE_MS && cached.index >= group.raft.log.snapshotIndex && cached.index <= group.state.committedIndex) {
      return cached
    }
    const { index, data } = group.state.encodeSnapshot()
    const encoded: EncodedSnapshot = { index, bytes: data.byteLength, atMs: now, data: data.byteLength > this.maxFetchBytes ? undefined : data }
    this.snapshots.set(group.id, encoded)
    return encoded
  }

  private answer (message: ReplicaMessage): NodeResponse {
    return { status: 'ok', value: encodeReplicaMessage(message) }
  }

  private schedule (): void {
    if (!this.running) {
      return
    }
    this.timer = this.components.clock.setTimer(() => {
      this.timer = undefined
      this.tick()
      this.schedule()
    }, this.intervalMs)
  }

  private tick (): void {
    if (this.snapshots.size > 0) {
      const now = this.components.clock.monotonicMs()
      for (const [id, snapshot] of this.snapshots) {
        if (now - snapshot.atMs >= SNAPSHOT_REUSE_MS) {
          this.snapshots.delete(id)
        }
      }
    }
    for (const group of this.components.groups.all()) {
      if (!this.hooked.has(group)) {
        this.hooked.add(group)
        group.onCommitted = () => { this.queue(group) }
      }
      this.publish(group)
    }
  }

  /**
   * Publish right after a commit: once the code that committed has run to its end (a microtask,
   * not a timer, which would cost a millisecond or more), however many entries committed in it
   */
  private queue (group: Group): void {
    if (this.queued.has(group.id) || !this.running) {
      return
    }
    this.queued.add(group.id)
    queueMicrotask(() => {
      this.queued.delete(group.id)
      if (this.running) {
        this.publish(group)
      }
    })
  }

  private publish (group: Group): void {
    const { topics } = this.components
    if (group.raft.role !== 'leader') {
      this.published.delete(group.id)
      return
    }
    if (!topics.hasSubscribers(group.id)) {
      // replicas that subscribe later fetch what they need
      this.published.delete(group.id)
      return
    }
    const closed = group.closeTimestamp()
    if (closed == null) {
      return
    }
    const last = this.published.get(group.id) ?? closed.index
    let first = last + 1
    try {
      // entries in chunks; only the last chunk carries the closed timestamp, which tells a replica
      // what it must have applied (an earlier one would make it fetch what is on its way)
      do {
        const entries: GroupEntry[] = []
        for (let i = first; i <= closed.index && entries.length < this.maxEntries; i++) {
          const entry = group.raft.log.entry(i)
          if (entry == null) {
            // compacted already: the replicas fetch it (from a snapshot if need be)
            entries.length = 0
            first = closed.index + 1
            break
          }
          entries.push(entry)
        }
        const done = first + entries.length > closed.index
        topics.publish(group.id, encodeReplicaMessage({
          group: group.id,
          term: closed.term,
          first,
          entries,
          closedTs: done ? closed.ts : 0,
          closedIndex: done ? closed.index : 0,
          snapshotIndex: 0,
          sentMs: this.components.clock.wallMs()
        }))
        this.stats.published++
        if (entries.length === 0) {
          this.stats.heartbeats++
        }
        first += entries.length
      } while (first <= closed.index)
      this.published.set(group.id, closed.index)
    } catch (err) {
      this.components.logger('%s: publishing to read replicas failed: %s', group.id, (err as Error).message)
    }
  }
}
