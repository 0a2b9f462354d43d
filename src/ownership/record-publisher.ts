import { sleep } from '../clock/clock.ts'
import { InvalidOptionError } from '../errors.ts'
import { META_GROUP_ID } from '../groups/meta.ts'
import { compareEpochs } from './epoch.ts'
import type { Epoch } from './epoch.ts'
import type { Clock, Timer } from '../clock/clock.ts'
import type { Group } from '../groups/group.ts'
import type { LocalGroups } from '../groups/local-groups.ts'
import type { AbortOptions, Logger } from '@libp2p/interface'

/** Where master records go: `MasterRecords` (the DHT) in a real node, a recorder in tests */
export interface RecordSink {
  /** Sign and put `key`'s record naming `owner` (this node leads `owner.group`), and keep it fresh */
  publish(key: string, owner: { epoch: Epoch, group: string }, options?: AbortOptions): Promise<unknown>
  /** Stop keeping `key`'s record fresh (what was put stays until it expires or is superseded) */
  withdraw(key: string): boolean
}

export interface RecordPublisherComponents {
  clock: Clock
  logger: Logger
  groups: LocalGroups
  sink: RecordSink
}

export interface RecordPublisherInit {
  /** Most records published per second, over every group this node leads (default 500) */
  maxPerSecond?: number
  /** Records put at once; the next batch waits for this one and for the rate (default 32) */
  batchSize?: number
  /** How often the groups this node leads are swept for keys not yet published (default 5,000 ms) */
  sweepIntervalMs?: number
}

/** A group this node leads, in one term, and what it published for it */
interface Led {
  readonly group: Group
  readonly term: number
  /** key -> the epoch published */
  readonly published: Map<string, Epoch>
  readonly abort: AbortController
  sweeping?: Promise<void>
  /** the ownership table's version a complete sweep (every put done) saw: nothing to do until it rises */
  sweptVersion?: number
}

const READY_POLL_MS = 10
/** Keys looked at between turns of the event loop: a sweep of 100k keys must not stall commits */
const KEYS_PER_TURN = 500

/**
 * Keeps the master records of the groups this node leads published (DESIGN.md, "Replication to
 * read replicas and failover"): the leader of a group publishes a record for each key the group
 * owns in its *committed* log (invariant 4: nothing leaves the node ahead of its log), in the
 * background, in batches and at a bounded rate, since a group may own 100k objects. A new leader
 * starts with nothing published, so its first sweep (at once when it is ready) re-signs every
 * record with itself as leader; records name the group, so redirects work before it is done. A
 * deposed leader (or one that leaves the group) stops at once and withdraws every record it
 * published for the group: it stops re-putting them, and the new leader's records supersede them.
 * Keys that arrive later (created, handed in) are published by the next sweep; keys that leave
 * are withdrawn.
 */
export class RecordPublisher {
  private readonly components: RecordPublisherComponents
  private readonly maxPerSecond: number
  private readonly batchSize: number
  private readonly sweepIntervalMs: number
  private readonly led = new Map<string, Led>()
  private readonly watched = new WeakSet<Group>()
  private timer?: Timer
  private running = false
  /** monotonic ms before which the next batch may not start (the rate, across groups) */
  private nextBatchAtMs = 0

  constructor (components: RecordPublisherComponents, init: RecordPublisherInit = {}) {
    this.components = components
    this.maxPerSecond = init.maxPerSecond ?? 500
    this.batchSize = init.batchSize ?? 32
    this.sweepIntervalMs = init.sweepIntervalMs ?? 5_000
    for (const [name, value] of Object.entries({ maxPerSecond: this.maxPerSecond, batchSize: this.batchSize, sweepIntervalMs: this.sweepIntervalMs })) {
      if (!Number.isFinite(value) || value <= 0) {
        throw new InvalidOptionError(`${name} must be a positive number, got ${String(value)}`)
      }
    }
    components.groups.addEventListener('group:add', (evt) => {
      this.watch(evt.detail.group)
      this.leadIfLeader(evt.detail.group)
    })
    components.groups.addEventListener('group:remove', (evt) => { this.depose(evt.detail.group.id, 'left the group') })
  }

  /** Records this node keeps published for `group` now */
  publishedCount (group: string): number {
    return this.led.get(group)?.published.size ?? 0
  }

  start (): void {
    if (this.running) {
      return
    }
    this.running = true
    for (const group of this.components.groups.all()) {
      this.watch(group)
      this.leadIfLeader(group)
    }
    this.schedule()
  }

  stop (): void {
    this.running = false
    this.timer?.cancel()
    this.timer = undefined
    for (const id of [...this.led.keys()]) {
      this.depose(id, 'the node stops')
    }
  }

  private watch (group: Group): void {
    if (group.id === META_GROUP_ID || this.watched.has(group)) {
      return
    }
    this.watched.add(group)
    group.addEventListener('role', (evt) => {
      if (evt.detail.role === 'leader') {
        this.lead(group, evt.detail.term)
      } else {
        this.depose(group.id, `now ${evt.detail.role} in term ${evt.detail.term}`)
      }
    })
  }

  private leadIfLeader (group: Group): void {
    if (group.id !== META_GROUP_ID && group.raft.role === 'leader') {
      this.lead(group, group.raft.term)
    }
  }

  private lead (group: Group, term: number): void {
    if (!this.running) {
      return
    }
    const current = this.led.get(group.id)
    if (current?.term === term && current.group === group) {
      return
    }
    if (current != null) {
      this.depose(group.id, `leads again in term ${term}`)
    }
    const led: Led = { group, term, published: new Map(), abort: new AbortController() }
    this.led.set(group.id, led)
    this.sweep(led)
  }

  private depose (id: string, why: string): void {
    const led = this.led.get(id)
    if (led == null) {
      return
    }
    this.led.delete(id)
    led.abort.abort()
    for (const key of led.published.keys()) {
      this.components.sink.withdraw(key)
    }
    if (led.published.size > 0) {
      this.components.logger('%s: withdrew %d master records (%s)', id, led.published.size, why)
    }
    led.published.clear()
  }

  private schedule (): void {
    if (!this.running) {
      return
    }
    this.timer = this.components.clock.setTimer(() => {
      this.timer = undefined
      for (const led of this.led.values()) {
        this.sweep(led)
      }
      this.schedule()
    }, this.sweepIntervalMs)
  }

  private sweep (led: Led): void {
    if (led.sweeping != null || led.sweptVersion === led.group.ownership.keysVersion) {
      return
    }
    led.sweeping = this.publishAll(led).catch((err: Error) => {
      if (!led.abort.signal.aborted) {
        this.components.logger('%s: publishing master records failed: %s', led.group.id, err.message)
      }
    }).finally(() => {
      led.sweeping = undefined
    })
  }

  /** Is `led` still this node's leadership of its group (not deposed, not replaced) */
  private current (led: Led): boolean {
    return !led.abort.signal.aborted && this.led.get(led.group.id) === led && led.group.raft.term === led.term && led.group.raft.role === 'leader'
  }

  private async publishAll (led: Led): Promise<void> {
    const { group } = led
    // the group's committed ownership is complete only once this leader's first entry commits
    while (!group.raft.isReady) {
      if (!this.current(led)) {
        return
      }
      await sleep(this.components.clock, READY_POLL_MS, led.abort.signal)
    }
    const version = group.ownership.keysVersion
    let batch: Array<{ key: string, epoch: Epoch }> = []
    let count = 0
    let failed = 0
    let looked = 0
    // a Map's iterator survives changes made meanwhile: keys added are visited, removed ones not
    for (const key of group.ownership.knownKeys()) {
      if (++looked % KEYS_PER_TURN === 0) {
        await sleep(this.components.clock, 0, led.abort.signal)
      }
      if (!this.current(led)) {
        return
      }
      const epoch = group.ownership.committedOwnedEpoch(key, group.state.committedIndex)
      const publishedAs = led.published.get(key)
      if (epoch == null) {
        if (publishedAs != null) {
          // the key left the group (a committed handoff-out): its record is the new owner's now
          led.published.delete(key)
          this.components.sink.withdraw(key)
        }
        continue
      }
      if (publishedAs != null && compareEpochs(publishedAs, epoch) === 0) {
        continue
      }
      batch.push({ key, epoch })
      if (batch.length >= this.batchSize) {
        const published = await this.publishBatch(led, batch)
        count += published
        failed += batch.length - published
        batch = []
      }
    }
    if (batch.length > 0) {
      const published = await this.publishBatch(led, batch)
      count += published
      failed += batch.length - published
    }
    // keys the group no longer knows at all (a rolled-back creation) are not visited above
    for (const key of [...led.published.keys()]) {
      if (this.current(led) && group.ownership.committedOwnedEpoch(key, group.state.committedIndex) == null) {
        led.published.delete(key)
        this.components.sink.withdraw(key)
      }
    }
    if (count > 0) {
      this.components.logger('%s: published %d master records in term %d', group.id, count, led.term)
    }
    if (failed === 0 && this.current(led)) {
      // every key was looked at in the state of `version` (a change since raised it): sweeps
      // skip the walk until the group's ownership changes again
      led.sweptVersion = version
    }
  }

  /** Publishes one batch, after waiting for the rate; returns how many were published */
  private async publishBatch (led: Led, batch: Array<{ key: string, epoch: Epoch }>): Promise<number> {
    const { clock } = this.components
    const waitMs = this.nextBatchAtMs - clock.monotonicMs()
    if (waitMs > 0) {
      await sleep(clock, waitMs, led.abort.signal)
    }
    this.nextBatchAtMs = Math.max(this.nextBatchAtMs, clock.monotonicMs()) + batch.length * 1_000 / this.maxPerSecond
    if (!this.current(led)) {
      return 0
    }
    const outcomes = await Promise.allSettled(batch.map(async ({ key, epoch }) => {
      await this.components.sink.publish(key, { epoch, group: led.group.id }, { signal: led.abort.signal })
      return { key, epoch }
    }))
    let published = 0
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        // tried again at the next sweep, at the same bounded rate
        this.components.logger.trace('%s: a master record was not published: %s', led.group.id, (outcome.reason as Error).message)
        continue
      }
      if (this.current(led)) {
        led.published.set(outcome.value.key, outcome.value.epoch)
        published++
      } else {
        // deposed while it was being put: stop keeping it fresh
        this.components.sink.withdraw(outcome.value.key)
      }
    }
    return published
  }
}
