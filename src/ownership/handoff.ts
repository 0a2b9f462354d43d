import { isOlder } from '../clock/priority.ts'
import { ClockOffsetError, TaskAbortedError } from '../errors.ts'
import { compareEpochs, formatEpoch } from './epoch.ts'
import { askOrderOf, leaderNodeOf } from './locate.ts'
import type { Epoch } from './epoch.ts'
import type { CarriedState } from './table.ts'
import type { Clock, Timer } from '../clock/clock.ts'
import type { HybridLogicalClock } from '../clock/hlc.ts'
import type { TaskPriority } from '../clock/priority.ts'
import type { Group } from '../groups/group.ts'
import type { LocalGroups } from '../groups/local-groups.ts'
import type { MetaView } from '../groups/meta-view.ts'
import type { HandoffRequest, HandoffTransfer, NodeResponse, NodeTransport } from '../groups/transport.ts'
import type { KeyLock, LockOwner, LockTable, Waiter } from '../txn/lock-table.ts'
import type { Logger } from '@libp2p/interface'

/** Signs handoffs with this node's key and checks other nodes' signatures */
export interface Signer {
  sign(data: Uint8Array): Promise<Uint8Array>
  verify(node: string, data: Uint8Array, signature: Uint8Array): Promise<boolean>
}

export interface HandoffComponents {
  clock: Clock
  hlc: HybridLogicalClock
  groups: LocalGroups
  view: MetaView
  transport: NodeTransport
  locks: LockTable
  signer: Signer
  logger: Logger
  /** The data group this node founded: where its tasks commit and keys move to */
  ownGroup(): Group
  /**
   * The committed creation record of a named key at the home of its slot (to take in a key whose
   * creation was decided for a group that then lost its create-in); absent: never asked
   */
  creationOf?(key: string): Promise<{ owner: string, epoch: Epoch } | undefined>
}

export interface HandoffInit {
  nodeId: string
  /** A key that arrived is kept this long against requests from tasks younger than the one it came for (default 20 ms) */
  holdMs?: number
  /** How often unsettled handoffs are sent again (default 100 ms) */
  retryIntervalMs?: number
  requestTimeoutMs?: number
}

export interface HandoffStats {
  /** handoffs this node logged out / in, and took back after a refusal */
  out: number
  in: number
  cancelled: number
  /** transfers refused for a bad signature, and transfers answered from the log without a change (duplicates, stale) */
  forged: number
  stale: number
  /** keys taken in because the home recorded their creation here and this group's create-in was lost */
  adopted: number
}

const EMPTY_WRITES: ReadonlyMap<string, Uint8Array | undefined> = new Map()
const MAX_HOPS = 6
const SIGNING_DOMAIN = 'hoard handoff v1\0'

/** The requester's intent on the key at the owner: wound-wait puts it among local tasks by priority */
class HandoffHolder implements LockOwner {
  readonly priority: TaskPriority
  heldLocks: KeyLock[] | undefined = undefined
  waits: Waiter[] | undefined = undefined
  wounded = false
  /** the handoff-out is appended: from here the older task follows it in the log */
  appended = false
  private readonly locks: LockTable

  constructor (locks: LockTable, priority: TaskPriority) {
    this.locks = locks
    this.priority = priority
  }

  wound (): void {
    if (this.appended) {
      return
    }
    this.wounded = true
    this.locks.releaseAll(this, new TaskAbortedError('wounded', 'an older task took the key before the handoff'))
  }
}

/**
 * The two-phase handoff between logs (DESIGN.md, "Moving ownership"). At the owner A: a request
 * takes the key's intent by wound-wait at the requester's priority; A appends handoff-out (writes
 * to the key stop there) and waits for it to commit (no later leader of A can then reclaim the
 * key), then sends the signed handoff to the new owner B. B appends handoff-in and answers only
 * once it is committed; its answer always comes from its log, so the handoff can be sent again
 * until answered (a lost acknowledgement, a leader change on either side). A logs the
 * acknowledgement, or, after a refusal B logged, takes the key back at a higher epoch. Unsettled
 * handoffs are in A's log: any leader of A resumes them.
 */
export class HandoffService {
  private readonly components: HandoffComponents
  private readonly nodeId: string
  private readonly holdMs: number
  private readonly retryIntervalMs: number
  private readonly requestTimeoutMs: number
  /** keys with a handoff being prepared here (from the request to the committed handoff-out) */
  private readonly preparing = new Set<string>()
  /** keys whose unsettled handoff is being sent */
  private readonly sending = new Set<string>()
  /** keys whose handoff-in (or refusal) is being logged here */
  private readonly receiving = new Set<string>()
  /** keys that arrived here recently, and the priority of the task they came for */
  private readonly arrivals = new Map<string, { atMs: number, priority: TaskPriority }>()
  private timer?: Timer
  private running = false
  readonly stats: HandoffStats = { out: 0, in: 0, cancelled: 0, forged: 0, stale: 0, adopted: 0 }

  constructor (components: HandoffComponents, init: HandoffInit) {
    this.components = components
    this.nodeId = init.nodeId
    this.holdMs = init.holdMs ?? 20
    this.retryIntervalMs = init.retryIntervalMs ?? 100
    this.requestTimeoutMs = init.requestTimeoutMs ?? 2_000
  }

  start (): void {
    this.running = true
    this.schedule()
  }

  stop (): void {
    this.running = false
    this.timer?.cancel()
  }

  // ---- at the owner (A) ----

  async handleRequest (request: HandoffRequest): Promise<NodeResponse> {
    const group = this.components.groups.get(request.group)
    if (group?.raft.isReady !== true) {
      return this.redirect(request.group, group)
    }
    const { key } = request
    const state = group.ownership.state(key)
    if (state == null && this.components.creationOf != null && !this.preparing.has(key)) {
      // perhaps a creation decided for this group whose create-in was lost with a leader
      this.preparing.add(key)
      try {
        return await this.adoptLostCreation(group, key)
      } finally {
        this.preparing.delete(key)
      }
    }
    if (state == null || state.state === 'refused') {
      return { status: 'ok', outcome: 'unknown' }
    }
    if (state.state === 'out') {
      return { status: 'ok', outcome: 'moved', owner: state.to, epochCounter: state.epoch.counter, epochTerm: state.epoch.term }
    }
    if (request.to === group.id) {
      return { status: 'ok', outcome: 'done' }
    }
    const priority: TaskPriority = { ts: request.priorityTs, node: request.priorityNode }
    if (this.preparing.has(key) || this.heldAgainst(key, priority)) {
      return { status: 'ok', outcome: 'busy' }
    }
    this.preparing.add(key)
    try {
      return await this.handOut(group, key, request.to, priority, Math.min(request.waitMs, this.requestTimeoutMs))
    } finally {
      this.preparing.delete(key)
    }
  }

  /**
   * The home recorded the key's creation for this group, but this group's log holds no create-in
   * for it: the task that created it committed its claim at the home, then lost its own entry with
   * its leader (a crash right after a speculative commit). Nothing else will ever log it, and the key
   * would stay unwritable for good: this leader logs the create-in itself, at the epoch the home
   * recorded, with no value (the creating task's commit was lost, and is reported so). Safe because
   * this leader is ready: an entry missing from its log never commits, and an uncommitted one in it
   * is waited for instead. The requester is answered `busy` and asks again.
   */
  private async adoptLostCreation (group: Group, key: string): Promise<NodeResponse> {
    const unknown: NodeResponse = { status: 'ok', outcome: 'unknown' }
    const creation = await this.components.creationOf?.(key)
    if (creation == null || creation.owner !== group.id || creation.epoch.counter !== 1 || group.raft.isReady !== true) {
      return unknown
    }
    if (group.ownership.state(key) != null) {
      return { status: 'ok', outcome: 'busy' }
    }
    for (let i = group.state.committedIndex + 1; i <= group.raft.log.lastIndex; i++) {
      for (const set of group.raft.log.entry(i)?.command?.sets ?? []) {
        if (set.creates?.some(c => c.key === key) === true) {
          // its create-in may still commit: let it
          return { status: 'ok', outcome: 'busy' }
        }
      }
    }
    try {
      const token = group.append({ ts: this.components.hlc.now(), writes: EMPTY_WRITES, creates: [{ key, epoch: creation.epoch }] }, true)
      await group.whenCommitted(token, { timeoutMs: this.requestTimeoutMs })
    } catch (err) {
      return { status: 'retry', reason: `taking in the lost creation of "${key}": ${(err as Error).message}` }
    }
    this.stats.adopted++
    this.components.logger('%s: took in "%s" at %s (its creation was decided for this group, its create-in lost)', group.id, key, formatEpoch(creation.epoch))
    return { status: 'ok', outcome: 'busy' }
  }

  /** Take the key's intent, log handoff-out, wait for its commit, then send it */
  private async handOut (group: Group, key: string, to: string, priority: TaskPriority, waitMs: number): Promise<NodeResponse> {
    const { locks, clock, hlc } = this.components
    const holder = new HandoffHolder(locks, priority)
    const wait = locks.acquireIn(holder, group.store.slotFor(key), 'write')
    if (wait != null) {
      // an older task holds the key: wait for it, but not past the requester's patience
      const granted = await Promise.race([
        wait.then(() => true, () => false),
        new Promise<boolean>(resolve => clock.setTimer(() => { resolve(false) }, waitMs))
      ])
      if (!granted) {
        locks.releaseAll(holder)
        return { status: 'ok', outcome: 'busy' }
      }
    }
    try {
      const state = group.ownership.state(key)
      if (holder.wounded || state?.state !== 'owned' || !group.writable || !hlc.available) {
        return { status: 'ok', outcome: 'busy' }
      }
      const newest = group.store.latest(key)
      const epoch: Epoch = { counter: state.epoch.counter + 1, term: group.raft.term }
      const handoffTs = hlc.now()
      const carried: CarriedState = {
        value: newest?.value,
        ts: newest?.ts ?? 0,
        // the new owner commits above every read served here, and above this moment
        floor: Math.max(group.readCache.floor(key), handoffTs)
      }
      holder.appended = true
      const token = group.append({ ts: handoffTs, writes: EMPTY_WRITES, moves: [{ kind: 'out', key, epoch, group: to, carried }] }, true)
      // nothing leaves this node ahead of its log: the handoff goes only once handoff-out commits
      // (if that takes longer than the requester waits, the retry timer sends it once it has)
      await group.whenCommitted(token, { timeoutMs: waitMs })
      this.stats.out++
      this.components.logger('%s: "%s" handed out to %s at %s (carried ts %d)', group.id, key, to, formatEpoch(epoch), carried.ts)
    } catch (err) {
      return { status: 'retry', reason: (err as Error).message }
    } finally {
      locks.releaseAll(holder)
    }
    void this.send(group, key)
    return { status: 'ok', outcome: 'done' }
  }

  /** Send an unsettled handoff (again), and log what the receiver answers */
  private async send (group: Group, key: string): Promise<void> {
    const state = group.ownership.state(key)
    if (state?.state !== 'out' || state.settled === true || state.carried == null || state.to == null || this.sending.has(key)) {
      return
    }
    if ((group.ownership.stateIndex(key) ?? Infinity) > group.state.committedIndex) {
      // nothing leaves this node ahead of its log: an uncommitted handoff-out (its wait in handOut
      // timed out, or a new leader has yet to commit its term) is sent once it commits
      return
    }
    this.sending.add(key)
    try {
      const transfer = await this.signed({
        type: 'handoff',
        key,
        from: group.id,
        to: state.to,
        epochCounter: state.epoch.counter,
        epochTerm: state.epoch.term,
        value: state.carried.value,
        ts: state.carried.ts,
        floor: state.carried.floor
      })
      const response = await this.ask(state.to, transfer)
      // the answer is about the handoff sent: log it only if that is still the unsettled one here
      // (another send may have logged an answer meanwhile, or the leadership moved)
      const now = group.ownership.state(key)
      if (now?.state !== 'out' || now.settled === true || compareEpochs(now.epoch, state.epoch) !== 0) {
        return
      }
      if (response?.outcome === 'accepted') {
        this.logMove(group, { kind: 'acked', key, epoch: state.epoch, group: state.to })
      } else if (response?.outcome === 'refused') {
        // the receiver logged its refusal: the key can come back here, at a higher epoch
        this.logMove(group, { kind: 'cancel', key, epoch: { counter: state.epoch.counter + 1, term: group.raft.term }, group: state.to })
        this.stats.cancelled++
      }
    } catch (err) {
      this.components.logger('%s: sending the handoff of "%s" failed: %s', group.id, key, (err as Error).message)
    } finally {
      this.sending.delete(key)
    }
  }

  private logMove (group: Group, move: Parameters<Group['append']>[0]['moves'] extends ReadonlyArray<infer M> | undefined ? M : never): void {
    if (!group.writable || !this.components.hlc.available) {
      return
    }
    try {
      group.append({ ts: this.components.hlc.now(), writes: EMPTY_WRITES, moves: [move] }, true)
    } catch (err) {
      this.components.logger('%s: could not log %s of "%s": %s', group.id, move.kind, move.key, (err as Error).message)
    }
  }

  // ---- at the new owner (B) ----

  async handleTransfer (transfer: HandoffTransfer, fromNode: string): Promise<NodeResponse> {
    if (!(await this.components.signer.verify(fromNode, signingPayload(transfer), transfer.signature))) {
      this.stats.forged++
      this.components.logger.error('handoff of "%s" from %s has a bad signature: rejected', transfer.key, fromNode)
      return { status: 'refused', reason: 'bad signature' }
    }
    const group = this.components.groups.get(transfer.to)
    if (group?.raft.isReady !== true) {
      return this.redirect(transfer.to, group)
    }
    const epoch: Epoch = { counter: transfer.epochCounter, term: transfer.epochTerm }
    const answer = await this.fromLog(group, transfer.key, epoch)
    if (answer != null) {
      this.stats.stale++
      return answer
    }
    if (this.receiving.has(transfer.key)) {
      // another copy of this transfer is on its way into the log: the sender asks again
      return { status: 'retry', reason: 'a copy of this handoff is being logged' }
    }
    const current = group.ownership.state(transfer.key)
    if (current != null && compareEpochs(current.epoch, epoch) >= 0) {
      // logged while this copy waited: answered from the log next time
      return { status: 'retry', reason: 'this handoff was logged meanwhile' }
    }
    if (!group.writable || !this.components.hlc.available) {
      return { status: 'retry', reason: 'not writable now' }
    }
    this.receiving.add(transfer.key)
    try {
      return await this.takeIn(group, transfer, epoch)
    } finally {
      this.receiving.delete(transfer.key)
    }
  }

  /** Log handoff-in (or a refusal) and answer once it is committed */
  private async takeIn (group: Group, transfer: HandoffTransfer, epoch: Epoch): Promise<NodeResponse> {
    let move: 'in' | 'refused' = 'in'
    try {
      // the key is committed here only above the floor: move the clock past it
      this.components.hlc.update(transfer.floor)
    } catch (err) {
      if (!(err instanceof ClockOffsetError)) {
        throw err
      }
      // a floor beyond the clock offset cannot be honoured: refuse, logged first
      move = 'refused'
    }
    const carried: CarriedState = { value: transfer.value, ts: transfer.ts, floor: transfer.floor }
    const token = group.append({
      ts: this.components.hlc.now(),
      writes: EMPTY_WRITES,
      moves: [move === 'in' ? { kind: 'in', key: transfer.key, epoch, group: transfer.from, carried } : { kind: 'refused', key: transfer.key, epoch, group: transfer.from }]
    }, true)
    try {
      // answered only once in the log: from now on the answer is the same whoever asks
      await group.whenCommitted(token)
    } catch (err) {
      return { status: 'retry', reason: (err as Error).message }
    }
    if (move === 'in') {
      this.stats.in++
      this.components.logger('%s: "%s" arrived from %s at %s', group.id, transfer.key, transfer.from, formatEpoch(epoch))
    }
    return { status: 'ok', outcome: move === 'in' ? 'accepted' : 'refused' }
  }

  /** What this group's committed log says of a handoff of `key` at `epoch`, if anything */
  private async fromLog (group: Group, key: string, epoch: Epoch): Promise<NodeResponse | undefined> {
    const state = group.ownership.state(key)
    if (state == null || compareEpochs(state.epoch, epoch) < 0) {
      return undefined
    }
    await group.whenIndexCommitted(group.ownership.stateIndex(key) ?? 0)
    if (compareEpochs(state.epoch, epoch) > 0) {
      // a later epoch is logged here: either this handoff was taken in and the key moved on, or it
      // was refused and the key came here again later. Either way the sender's own state has moved
      // past `epoch` before anyone could hold a later one, and the sender logs an answer only
      // against the same unsettled handoff (see send), so this answer changes nothing there
      return { status: 'ok', outcome: 'accepted' }
    }
    return { status: 'ok', outcome: state.state === 'refused' ? 'refused' : 'accepted' }
  }

  // ---- for this node's tasks ----

  /**
   * Bring `key` into this node's own group from the group that owns it (as far as this node
   * knows), for a task of priority `priority`. Resolves once the key is owned here; rejects with
   * TaskAbortedError when the task should retry later (an older task holds the key, the owner is
   * unreachable or changing).
   */
  async acquire (key: string, owner: string, priority: TaskPriority, attempt: number, waitMs: number): Promise<void> {
    const own = this.components.ownGroup()
    let target = owner
    let known: Epoch = { counter: 0, term: 0 }
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      if (own.ownership.ownedEpoch(key) != null) {
        return
      }
      const response = await this.ask(target, {
        type: 'handoff-request',
        key,
        group: target,
        to: own.id,
        epochCounter: known.counter,
        epochTerm: known.term,
        priorityTs: priority.ts,
        priorityNode: priority.node,
        attempt,
        waitMs
      })
      switch (response?.outcome) {
        case 'done':
          this.arrivals.set(key, { atMs: this.components.clock.monotonicMs(), priority })
          await this.whenOwned(own, key, waitMs)
          return
        case 'moved': {
          const epoch = { counter: response.epochCounter ?? 0, term: response.epochTerm ?? 0 }
          // a redirect is followed only if it raises the epoch
          if (response.owner == null || compareEpochs(epoch, known) <= 0) {
            throw new TaskAbortedError('unavailable', `A stale redirect for "${key}"`, key)
          }
          known = epoch
          target = response.owner
          if (target === own.id) {
            await this.whenOwned(own, key, waitMs)
            return
          }
          continue
        }
        case 'busy':
          throw new TaskAbortedError('conflict', `"${key}" is held by an older task, or has just moved: waiting for it`, key)
        default:
          throw new TaskAbortedError('unavailable', `The owner of "${key}" could not hand it over now (${response?.reason ?? response?.outcome ?? 'no answer'})`, key)
      }
    }
    throw new TaskAbortedError('unavailable', `Too many redirects finding "${key}"`, key)
  }

  /** Resolves once `group` owns `key` (the handoff-in committed or applied), or rejects at the deadline */
  private async whenOwned (group: Group, key: string, waitMs: number): Promise<void> {
    const deadline = this.components.clock.monotonicMs() + waitMs
    while (group.ownership.ownedEpoch(key) == null) {
      if (this.components.clock.monotonicMs() >= deadline) {
        throw new TaskAbortedError('unavailable', `"${key}" did not arrive in time`, key)
      }
      await new Promise<void>(resolve => this.components.clock.setTimer(resolve, 1))
    }
  }

  // ---- helpers ----

  /** Hysteresis: a key that just arrived stays against requests of tasks younger than the one it came for */
  private heldAgainst (key: string, priority: TaskPriority): boolean {
    const arrival = this.arrivals.get(key)
    if (arrival == null) {
      return false
    }
    if (this.components.clock.monotonicMs() - arrival.atMs >= this.holdMs) {
      this.arrivals.delete(key)
      return false
    }
    return isOlder(arrival.priority, priority)
  }

  private async signed (transfer: Omit<HandoffTransfer, 'signature'>): Promise<HandoffTransfer> {
    const signature = await this.components.signer.sign(signingPayload(transfer))
    return { ...transfer, signature }
  }

  private async ask (group: string, request: HandoffRequest | HandoffTransfer): Promise<NodeResponse | undefined> {
    const { groups, view, transport } = this.components
    // the leader as known here first; if it does not answer (it died), the group's other members
    const fallbacks = askOrderOf(groups, view, group, this.nodeId)
    let target = fallbacks.shift()
    for (let hop = 0; hop < MAX_HOPS && target != null; hop++) {
      let response: NodeResponse
      try {
        response = await transport.request(target, request, { timeoutMs: this.requestTimeoutMs })
      } catch {
        target = fallbacks.shift()
        continue
      }
      if (response.status === 'redirect' && response.leader != null && response.leader !== target) {
        target = response.leader
        continue
      }
      return response
    }
    return undefined
  }

  private redirect (groupId: string, local: Group | undefined): NodeResponse {
    const leader = local?.raft.leader != null ? local.raft.leader.slice(0, local.raft.leader.lastIndexOf('/')) : leaderNodeOf(this.components.groups, this.components.view, groupId)
    return leader != null && leader !== this.nodeId ? { status: 'redirect', leader } : { status: 'retry', reason: `no leader of ${groupId} known here` }
  }

  /** Unsettled handoffs of groups this node leads are sent again (after a lost answer, a leader change) */
  private schedule (): void {
    if (!this.running) {
      return
    }
    this.timer = this.components.clock.setTimer(() => {
      for (const group of this.components.groups.all()) {
        if (!group.raft.isReady) {
          continue
        }
        for (const key of group.ownership.outbox()) {
          if (!this.preparing.has(key)) {
            void this.send(group, key)
          }
        }
      }
      this.schedule()
    }, this.retryIntervalMs)
  }
}

/** Every field of a handoff but its signature, in a fixed, length-prefixed layout after a domain tag */
export function signingPayload (transfer: Omit<HandoffTransfer, 'signature' | 'type'>): Uint8Array {
  const encoder = new TextEncoder()
  const parts: Uint8Array[] = [encoder.encode(SIGNING_DOMAIN)]
  const numbers = new Uint8Array(32)
  const view = new DataView(numbers.buffer)
  view.setFloat64(0, transfer.epochCounter)
  view.setFloat64(8, transfer.epochTerm)
  view.setFloat64(16, transfer.ts)
  view.setFloat64(24, transfer.floor)
  for (const text of [transfer.key, transfer.from, transfer.to]) {
    const bytes = encoder.encode(text)
    const length = new Uint8Array(4)
    new DataView(length.buffer).setUint32(0, bytes.byteLength)
    parts.push(length, bytes)
  }
  parts.push(numbers)
  const value = transfer.value
  const flag = Uint8Array.of(value == null ? 0 : 1)
  parts.push(flag)
  if (value != null) {
    const length = new Uint8Array(4)
    new DataView(length.buffer).setUint32(0, value.byteLength)
    parts.push(length, value)
  }
  let total = 0
  for (const part of parts) {
    total += part.byteLength
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.byteLength
  }
  return out
}
