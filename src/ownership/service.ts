import { sleep } from '../clock/clock.ts'
import { nodeOf } from '../consensus/types.ts'
import { ClockOffsetError, InvalidKeyError, OwnedElsewhereError, TaskAbortedError } from '../errors.ts'
import { isMetaKey, slotOf } from '../groups/meta.ts'
import { MAX_BATCH_KEYS } from '../groups/transport.ts'
import { readRecordAt, TOO_OLD } from '../store/mvcc.ts'
import { compareEpochs } from './epoch.ts'
import { LocationHints } from './hints.ts'
import { KeyBatcher } from './key-batcher.ts'
import { isMintedKey, parseMinted } from './keys.ts'
import { askOrderOf, leaderNodeOf } from './locate.ts'
import type { Epoch } from './epoch.ts'
import type { HandoffService } from './handoff.ts'
import type { Clock } from '../clock/clock.ts'
import type { HybridLogicalClock, Timestamp } from '../clock/hlc.ts'
import type { TaskPriority } from '../clock/priority.ts'
import type { Group } from '../groups/group.ts'
import type { LocalGroups } from '../groups/local-groups.ts'
import type { MetaView } from '../groups/meta-view.ts'
import type { ClaimAnswer, ClaimRequest, ClaimsRequest, LookupAnswer, LookupRequest, LookupsRequest, NodeResponse, NodeTransport, ReadRequest } from '../groups/transport.ts'
import type { ReplicaRead } from '../replication/replica.ts'
import type { KeyCreation } from '../txn/directory.ts'
import type { Logger } from '@libp2p/interface'

export interface OwnershipComponents {
  clock: Clock
  hlc: HybridLogicalClock
  groups: LocalGroups
  view: MetaView
  transport: NodeTransport
  logger: Logger
  /** The data group this node founded: where its tasks commit */
  ownGroup(): Group
  /** Moves keys other groups own into this node's group */
  handoffs: HandoffService
  /** This node's read replicas of other groups: asked before the owner (absent: reads go to owners) */
  replicas?: ReplicaReader
}

/** What the ownership service needs of read replicas (src/replication/service.ts) */
export interface ReplicaReader {
  read(group: string, key: string, ts: Timestamp, expected?: Epoch): Promise<ReplicaRead>
  groupOwning(key: string): string | undefined
}

export interface OwnershipInit {
  nodeId: string
  /** Each request to another node (default 2,000 ms) */
  requestTimeoutMs?: number
}

const EMPTY_WRITES: ReadonlyMap<string, Uint8Array | undefined> = new Map()
/** Redirects followed before giving up on a request (a leader change in flight) */
const MAX_HOPS = 4
/** Pauses before asking again after each `retry` answer to one request; then the attempt gives up */
const RETRY_PAUSES_MS = [10, 40, 160, 640]

/** The first epoch of a named key: counter 1 in the term of the home group that decided it */
function firstEpoch (term: number): Epoch {
  return { counter: 1, term }
}

/**
 * Who may write a key, and reading keys other groups own. As the leader of a slot's home group it
 * decides named keys' creations (the first claim in its log wins) and answers lookups, recording
 * "absent" answers so that a later creation commits above them. As the leader of an owner group it
 * serves remote reads of committed state at a snapshot, after moving its clock past the snapshot
 * and recording it, so no later write of the key commits at or below it. For its own tasks it
 * claims new named keys (locally when its group is the slot's home) and fetches keys it does not
 * own.
 */
export class OwnershipService {
  private readonly components: OwnershipComponents
  private readonly nodeId: string
  private readonly requestTimeoutMs: number
  /** claims, by home group and owner group */
  private readonly claims: KeyBatcher<ClaimAnswer>
  /** lookups, by home group and snapshot */
  private readonly lookups: KeyBatcher<LookupAnswer>

  /**
   * Where reads last found keys that moved on (from redirects): a reader starts there rather than
   * at an old forwarding pointer, so a key that moved many times since is still reached in a few hops
   */
  private readonly moved = new LocationHints({ maxHints: 10_000 })

  constructor (components: OwnershipComponents, init: OwnershipInit) {
    this.components = components
    this.nodeId = init.nodeId
    this.requestTimeoutMs = init.requestTimeoutMs ?? 2_000
    this.claims = new KeyBatcher({
      clock: components.clock,
      maxKeys: MAX_BATCH_KEYS,
      send: async (destination, keys) => {
        const [home, owner] = destination.split('\n')
        if (keys.length === 1) {
          const response = await this.ask(home, { type: 'claim', key: keys[0], group: owner })
          return new Map([[keys[0], { ...response, key: keys[0] } as ClaimAnswer]])
        }
        const response = await this.ask(home, { type: 'claims', keys, group: owner })
        return new Map((response.claims ?? []).map(answer => [answer.key, answer]))
      }
    })
    this.lookups = new KeyBatcher({
      clock: components.clock,
      maxKeys: MAX_BATCH_KEYS,
      send: async (destination, keys) => {
        const [home, at] = destination.split('\n')
        if (keys.length === 1) {
          const response = await this.ask(home, { type: 'lookup', key: keys[0], at: Number(at) })
          return new Map([[keys[0], { ...response, key: keys[0] } as LookupAnswer]])
        }
        const response = await this.ask(home, { type: 'lookups', keys, at: Number(at) })
        return new Map((response.lookups ?? []).map(answer => [answer.key, answer]))
      }
    })
  }

  // ---- serving other nodes ----

  async handleClaim (request: ClaimRequest): Promise<NodeResponse> {
    if (!isNamedKey(request.key) || !isGroupId(request.group)) {
      return { status: 'refused', reason: 'a claim needs a named key and a group id' }
    }
    const home = this.ledHome(request.key)
    if (home.response != null) {
      return home.response
    }
    const group = home.group
    const existing = group.ownership.creation(request.key)
    if (existing != null) {
      await group.whenIndexCommitted(group.ownership.creationIndex(request.key) ?? 0)
      return this.creationAnswer(existing.owner === request.group ? 'created' : 'exists', existing.owner, existing.epoch, group.readCache.floor(request.key))
    }
    if (!this.components.hlc.available) {
      return { status: 'retry', reason: 'the clock is renewing its persisted bound' }
    }
    const epoch = firstEpoch(group.raft.term)
    try {
      const token = group.append({
        ts: this.components.hlc.now(),
        writes: EMPTY_WRITES,
        created: [{ key: request.key, owner: request.group, epoch }]
      }, true)
      // nothing derived from an uncommitted entry leaves the node
      await group.whenCommitted(token)
    } catch (err) {
      // not writable now (waiting out the previous leader's lease, deposed), or a creation raced
      // this one into the log: the claimer asks again and gets the answer from the log
      return { status: 'retry', reason: (err as Error).message }
    }
    this.components.logger('%s: created "%s" for %s', group.id, request.key, request.group)
    return this.creationAnswer('created', request.group, epoch, group.readCache.floor(request.key))
  }

  /**
   * Several claims for one group at once: the same decisions as `handleClaim`, key by key, with
   * the creations not decided yet logged in one entry
   */
  async handleClaims (request: ClaimsRequest): Promise<NodeResponse> {
    if (!Array.isArray(request.keys) || request.keys.length === 0 || request.keys.length > MAX_BATCH_KEYS ||
      !request.keys.every(isNamedKey) || !isGroupId(request.group)) {
      return { status: 'refused', reason: `claims need 1 to ${MAX_BATCH_KEYS} named keys and a group id` }
    }
    const home = this.ledBatchHome(request.keys, 'claims')
    if (home.response != null) {
      return home.response
    }
    const { group, keys } = home
    const decided = new Map<string, { owner: string, epoch: Epoch }>()
    const fresh: string[] = []
    let waitFor = 0
    for (const key of keys) {
      const existing = group.ownership.creation(key)
      if (existing == null) {
        fresh.push(key)
      } else {
        decided.set(key, existing)
        waitFor = Math.max(waitFor, group.ownership.creationIndex(key) ?? 0)
      }
    }
    let token: ReturnType<Group['append']> | undefined
    if (fresh.length > 0) {
      if (!this.components.hlc.available) {
        return { status: 'retry', reason: 'the clock is renewing its persisted bound' }
      }
      const epoch = firstEpoch(group.raft.term)
      try {
        // checked and appended in one synchronous step: no other creation of these keys slips in
        token = group.append({
          ts: this.components.hlc.now(),
          writes: EMPTY_WRITES,
          created: fresh.map(key => ({ key, owner: request.group, epoch }))
        }, true)
      } catch (err) {
        return { status: 'retry', reason: (err as Error).message }
      }
      for (const key of fresh) {
        decided.set(key, { owner: request.group, epoch })
      }
    }
    try {
      // nothing derived from an uncommitted entry leaves the node
      await Promise.all([
        token == null ? undefined : group.whenCommitted(token),
        waitFor > 0 ? group.whenIndexCommitted(waitFor) : undefined
      ])
    } catch (err) {
      return { status: 'retry', reason: (err as Error).message }
    }
    this.components.logger('%s: %d claims for %s, %d created', group.id, keys.length, request.group, fresh.length)
    return {
      status: 'ok',
      claims: keys.map(key => {
        const { owner, epoch } = decided.get(key) as { owner: string, epoch: Epoch }
        return { key, outcome: owner === request.group ? 'created' : 'exists', owner, epochCounter: epoch.counter, epochTerm: epoch.term, floor: group.readCache.floor(key) }
      })
    }
  }

  async handleLookup (request: LookupRequest): Promise<NodeResponse> {
    if (!isNamedKey(request.key) || !Number.isSafeInteger(request.at) || request.at < 0) {
      return { status: 'refused', reason: 'a lookup needs a named key and a timestamp' }
    }
    const home = this.ledHome(request.key)
    if (home.response != null) {
      return home.response
    }
    const group = home.group
    const clockProblem = await this.advanceTo(group, request.at)
    if (clockProblem != null) {
      return clockProblem
    }
    const existing = group.ownership.creation(request.key)
    if (existing != null) {
      await group.whenIndexCommitted(group.ownership.creationIndex(request.key) ?? 0)
      return this.creationAnswer('exists', existing.owner, existing.epoch)
    }
    // a creation of this key must now commit above `at`, or this reader would have missed it
    group.readCache.record(request.key, request.at)
    return { status: 'ok', outcome: 'absent' }
  }

  /** Several lookups at one snapshot: the same answers as `handleLookup`, key by key */
  async handleLookups (request: LookupsRequest): Promise<NodeResponse> {
    if (!Array.isArray(request.keys) || request.keys.length === 0 || request.keys.length > MAX_BATCH_KEYS ||
      !request.keys.every(isNamedKey) || !Number.isSafeInteger(request.at) || request.at < 0) {
      return { status: 'refused', reason: `lookups need 1 to ${MAX_BATCH_KEYS} named keys and a timestamp` }
    }
    const home = this.ledBatchHome(request.keys, 'lookups')
    if (home.response != null) {
      return home.response
    }
    const { group, keys } = home
    const clockProblem = await this.advanceTo(group, request.at)
    if (clockProblem != null) {
      return clockProblem
    }
    const answers: LookupAnswer[] = []
    let waitFor = 0
    for (const key of keys) {
      const existing = group.ownership.creation(key)
      if (existing == null) {
        // a creation of this key must now commit above `at`, or this reader would have missed it
        group.readCache.record(key, request.at)
        answers.push({ key, outcome: 'absent' })
      } else {
        waitFor = Math.max(waitFor, group.ownership.creationIndex(key) ?? 0)
        answers.push({ key, outcome: 'exists', owner: existing.owner, epochCounter: existing.epoch.counter, epochTerm: existing.epoch.term })
      }
    }
    if (waitFor > 0) {
      // nothing derived from an uncommitted entry leaves the node
      await group.whenIndexCommitted(waitFor)
    }
    return { status: 'ok', lookups: answers }
  }

  async handleRead (request: ReadRequest): Promise<NodeResponse> {
    if (typeof request.key !== 'string' || !isGroupId(request.group) || !Number.isSafeInteger(request.at) || request.at < 0) {
      return { status: 'refused', reason: 'a read needs a key, a group id and a timestamp' }
    }
    const group = this.components.groups.get(request.group)
    if (group?.raft.isReady !== true) {
      return this.redirectTo(request.group, group)
    }
    const clockProblem = await this.advanceTo(group, request.at)
    if (clockProblem != null) {
      return clockProblem
    }
    const expected: Epoch = { counter: request.epochCounter ?? 0, term: request.epochTerm ?? 0 }
    // committed state only: a speculative version at or below `at` is waited for; the key may be
    // handed out meanwhile, so its state is checked again after every wait
    for (let tries = 0; ; tries++) {
      const state = group.ownership.state(request.key)
      if (state?.state === 'out') {
        return { status: 'ok', outcome: 'moved', owner: state.to, epochCounter: state.epoch.counter, epochTerm: state.epoch.term }
      }
      const arrived = state?.state === 'owned' && compareEpochs(state.epoch, expected) >= 0
      // a key this group was sent but has not taken in yet is "not here", never "absent": only its
      // creator may answer absent for a key it never wrote
      if (!arrived && (state != null || expected.counter > 1)) {
        return { status: 'retry', reason: `"${request.key}" has not arrived here yet` }
      }
      group.readCache.record(request.key, request.at)
      const record = group.store.record(request.key)
      const version = record == null ? undefined : readRecordAt(record, request.at)
      if (version === TOO_OLD) {
        return { status: 'refused', reason: 'too-old' }
      }
      if (version == null || version.index <= group.state.committedIndex) {
        return { status: 'ok', found: version != null, value: version?.value, ts: version?.ts }
      }
      if (tries >= 3) {
        return { status: 'retry', reason: 'versions keep changing' }
      }
      await group.whenIndexCommitted(version.index).catch(() => {})
    }
  }

  // ---- for this node's tasks ----

  /**
   * What a task's commit must log to write `key`, of which this node's group holds no version:
   * nothing when the group owns it; its creation when it is new (decided here when this group is
   * the home of its slot, else claimed from the home group). Throws OwnedElsewhereError when
   * another group owns it.
   */
  prepareCreate (key: string, task: { readonly priority: TaskPriority, readonly attempt: number }): KeyCreation | Promise<KeyCreation> {
    const group = this.components.ownGroup()
    const state = group.ownership.state(key)
    if (state?.state === 'owned') {
      return {}
    }
    if (state?.state === 'out' && state.to != null) {
      // handed out from here: follow the forwarding pointer
      return this.pull(key, state.to, task)
    }
    const minted = parseMinted(key)
    if (minted != null) {
      if (minted.group !== group.id) {
        return this.pull(key, minted.group, task)
      }
      if (state == null) {
        return { creates: { key, epoch: firstEpoch(minted.term) } }
      }
      throw new TaskAbortedError('unavailable', `"${key}" is not owned here (${state.state})`, key)
    }
    if (isMintedKey(key)) {
      throw new InvalidKeyError(`"${key}" uses the minted-key prefix but was not minted (use node.newKey)`)
    }
    const home = this.homeOf(key)
    if (home == null) {
      // a node that has not founded or joined the mesh yet: its creations wait for the slot table
      return this.whenSlots().then(() => this.prepareCreate(key, task))
    }
    if (home !== group.id) {
      return this.claim(key, home, group.id, task)
    }
    const existing = group.ownership.creation(key)
    if (existing == null) {
      const epoch = firstEpoch(group.raft.term)
      return { created: { key, owner: group.id, epoch }, creates: { key, epoch } }
    }
    if (existing.owner === group.id && state == null) {
      return { creates: { key, epoch: existing.epoch } }
    }
    return this.pull(key, existing.owner, task)
  }

  /** Move `key` here from `owner` (following it wherever it went since) */
  private async pull (key: string, owner: string, task: { readonly priority: TaskPriority, readonly attempt: number }): Promise<KeyCreation> {
    await this.components.handoffs.acquire(key, owner, task.priority, task.attempt, this.requestTimeoutMs)
    return {}
  }

  /**
   * The value of `key` at `ts` when this node's group holds no record of it: undefined when the
   * group owns it (it is absent) or nobody does; else the owner's committed value
   */
  readMissing (key: string, ts: Timestamp): Promise<Uint8Array | undefined> | undefined {
    const group = this.components.ownGroup()
    const state = group.ownership.state(key)
    if (state?.state === 'owned') {
      return undefined
    }
    if (state?.state === 'out' && state.to != null) {
      return this.readAt(state.to, key, ts, state.epoch)
    }
    const minted = parseMinted(key)
    if (minted != null) {
      return minted.group === group.id ? undefined : this.readAt(minted.group, key, ts, { counter: 1, term: minted.term })
    }
    const home = this.homeOf(key)
    if (home === group.id) {
      const existing = group.ownership.creation(key)
      if (existing == null || existing.owner === group.id) {
        // the home itself: an absent answer, recorded like one given to another node
        group.readCache.record(key, ts)
        return undefined
      }
      return this.readAt(existing.owner, key, ts, existing.epoch)
    }
    const replicated = this.components.replicas?.groupOwning(key)
    if (replicated != null) {
      // a replica here holds the key: its owner answers (directly or from the replica) without
      // asking the home who owns it
      return this.readAt(replicated, key, ts)
    }
    return this.lookupAndRead(key, ts, home)
  }

  /**
   * The group that owns `key` as far as this node can tell (its own, a forwarding pointer, a
   * minted key's group, or the home's answer); undefined when nobody owns it yet. A hint: the key
   * may move on at any time.
   */
  async ownerGroupOf (key: string): Promise<string | undefined> {
    const group = this.components.ownGroup()
    const state = group.ownership.state(key)
    if (state?.state === 'owned') {
      return group.id
    }
    if (state?.state === 'out' && state.to != null) {
      return state.to
    }
    const minted = parseMinted(key)
    if (minted != null) {
      return minted.group
    }
    const home = this.homeOf(key)
    if (home == null) {
      return undefined
    }
    if (home === group.id) {
      return group.ownership.creation(key)?.owner
    }
    const response = await this.ask(home, { type: 'lookup', key, at: this.components.hlc.peek() })
    return response.outcome === 'absent' ? undefined : response.owner
  }

  /**
   * The committed creation record of a named key, from the home group of its slot (this node's
   * copy when it leads the home; else a lookup there); undefined when none is recorded or it cannot
   * be learned now
   */
  async creationOf (key: string): Promise<{ owner: string, epoch: Epoch } | undefined> {
    if (!isNamedKey(key)) {
      return undefined
    }
    const home = this.homeOf(key)
    if (home == null) {
      return undefined
    }
    const local = this.components.groups.get(home)
    if (local?.raft.isReady === true) {
      const existing = local.ownership.creation(key)
      if (existing == null || (local.ownership.creationIndex(key) ?? Infinity) > local.state.committedIndex) {
        return undefined
      }
      return { owner: existing.owner, epoch: existing.epoch }
    }
    try {
      const response = await this.ask(home, { type: 'lookup', key, at: this.components.hlc.peek() })
      return response.outcome === 'exists' && response.owner != null
        ? { owner: response.owner, epoch: { counter: response.epochCounter ?? 0, term: response.epochTerm ?? 0 } }
        : undefined
    } catch {
      return undefined
    }
  }

  /** Resolves once this node holds the slot table (it founded or joined the mesh) */
  private async whenSlots (timeoutMs = 10_000): Promise<void> {
    const deadline = this.components.clock.monotonicMs() + timeoutMs
    while (this.components.view.slots() == null) {
      if (this.components.clock.monotonicMs() >= deadline) {
        throw new TaskAbortedError('unavailable', 'This node has no slot table yet (it has not founded or joined a mesh)')
      }
      await new Promise<void>(resolve => this.components.clock.setTimer(resolve, 5))
    }
  }

  // ---- requests ----

  private async claim (key: string, home: string, owner: string, task: { readonly priority: TaskPriority, readonly attempt: number }): Promise<KeyCreation> {
    const response = await this.claims.ask(`${home}\n${owner}`, key)
    if (response.outcome === 'created' && response.owner === owner) {
      if (response.floor != null) {
        this.advanceClock(response.floor)
      }
      return { creates: { key, epoch: { counter: response.epochCounter ?? 1, term: response.epochTerm ?? 0 } } }
    }
    if (response.owner == null) {
      throw new OwnedElsewhereError(key, 'another group')
    }
    // it exists: it comes here from its owner
    return this.pull(key, response.owner, task)
  }

  private async lookupAndRead (key: string, ts: Timestamp, home: string | undefined): Promise<Uint8Array | undefined> {
    if (home == null) {
      throw new TaskAbortedError('unavailable', 'This node has no slot table yet (it has not joined the mesh)')
    }
    const response = await this.lookups.ask(`${home}\n${ts}`, key)
    if (response.outcome === 'absent' || response.owner == null) {
      return undefined
    }
    return this.readAt(response.owner, key, ts, { counter: response.epochCounter ?? 0, term: response.epochTerm ?? 0 })
  }

  private async readAt (owner: string, key: string, ts: Timestamp, known: Epoch = { counter: 0, term: 0 }): Promise<Uint8Array | undefined> {
    const hint = this.moved.get(key)
    if (hint != null && compareEpochs(hint.epoch, known) > 0) {
      owner = hint.group
      known = hint.epoch
    }
    const replica = await this.components.replicas?.read(owner, key, ts, known)
    if (replica?.kind === 'value') {
      if (replica.ts != null) {
        this.advanceClock(replica.ts)
      }
      return replica.value
    }
    if (replica?.kind === 'too-old') {
      throw new TaskAbortedError('conflict', `The versions of "${key}" at this task's snapshot were collected`, key)
    }
    let group = owner
    let response = await this.ask(group, { type: 'read', key, group, at: ts, epochCounter: known.counter, epochTerm: known.term })
    for (let hop = 0; response.outcome === 'moved' && hop < MAX_HOPS; hop++) {
      const epoch = { counter: response.epochCounter ?? 0, term: response.epochTerm ?? 0 }
      // a redirect is followed only if it raises the epoch
      if (response.owner == null || compareEpochs(epoch, known) <= 0) {
        throw new TaskAbortedError('unavailable', `A stale redirect reading "${key}"`, key)
      }
      known = epoch
      group = response.owner
      // the next read (or the next attempt, if this one runs out of hops) starts here
      const leader = this.leaderNodeOf(group)
      if (leader != null) {
        this.moved.learn(key, { group, leader, epoch })
      }
      response = await this.ask(group, { type: 'read', key, group, at: ts, epochCounter: known.counter, epochTerm: known.term })
    }
    if (response.outcome === 'moved') {
      throw new TaskAbortedError('unavailable', `"${key}" keeps moving`, key)
    }
    if (response.found !== true) {
      return undefined
    }
    if (response.ts != null) {
      this.advanceClock(response.ts)
    }
    return response.value ?? undefined
  }

  /**
   * Send a request to the leader of `group`, following redirects, asking the group's other members
   * when the leader does not answer (it died: they redirect to the leader they follow), and asking
   * again, after a short pause, when told to retry; unavailable answers make the task retry
   */
  private async ask (group: string, request: ClaimRequest | ClaimsRequest | LookupRequest | LookupsRequest | ReadRequest): Promise<NodeResponse> {
    const what = 'keys' in request ? `${request.type} of ${request.keys.length} keys` : `${request.type} of "${request.key}"`
    const { groups, view } = this.components
    const fallbacks = askOrderOf(groups, view, group, this.nodeId)
    let target = fallbacks.shift()
    let retries = 0
    for (let hop = 0; hop < MAX_HOPS && target != null; hop++) {
      let response: NodeResponse
      try {
        response = await this.components.transport.request(target, request, { timeoutMs: this.requestTimeoutMs })
      } catch (err) {
        // the leader as known now (a successor, once this node has heard of it), else the next member
        const failed = target
        const known = this.leaderNodeOf(group)
        const successor = known != null && known !== failed ? known : undefined
        const at = successor == null ? -1 : fallbacks.indexOf(successor)
        if (at >= 0) {
          fallbacks.splice(at, 1)
        }
        const next = successor ?? fallbacks.shift()
        if (next == null) {
          throw new TaskAbortedError('unavailable', `The leader of ${group} did not answer: ${(err as Error).message}`)
        }
        this.components.logger('%s did not answer %s for group %s, asking %s: %s', failed, what, group, next, (err as Error).message)
        target = next
        continue
      }
      if (response.status === 'ok') {
        return response
      }
      if (response.status === 'refused') {
        throw new TaskAbortedError(response.reason === 'too-old' ? 'conflict' : 'unavailable', `${group} refused ${what}: ${response.reason ?? 'no reason given'}`)
      }
      if (response.status === 'redirect' && response.leader != null && response.leader !== target) {
        target = response.leader
        continue
      }
      if (response.status === 'retry' && retries < RETRY_PAUSES_MS.length) {
        // a passing state (a peer busy with this node's other requests, a leader just elected or
        // waiting for its lease to cover the read): every request here is safe to repeat, and one
        // failure would otherwise throw away the whole attempt (a full read's hundreds of reads)
        await sleep(this.components.clock, RETRY_PAUSES_MS[retries++])
        target = this.leaderNodeOf(group) ?? target
        hop--
        continue
      }
      break
    }
    throw new TaskAbortedError('unavailable', `No leader of ${group} could answer ${what} now`)
  }

  // ---- helpers ----

  private creationAnswer (outcome: 'created' | 'exists', owner: string, epoch: Epoch, floor?: Timestamp): NodeResponse {
    return { status: 'ok', outcome, owner, epochCounter: epoch.counter, epochTerm: epoch.term, floor }
  }

  /** The home group of `key`'s slot, if this node leads it; else where to go */
  private ledHome (key: string): { group: Group, response?: undefined } | { response: NodeResponse } {
    const home = this.homeOf(key)
    if (home == null) {
      return { response: { status: 'retry', reason: 'no slot table here' } }
    }
    const group = this.components.groups.get(home)
    if (group?.raft.isReady !== true) {
      return { response: this.redirectTo(home, group) }
    }
    return { group }
  }

  /** The home group of a batch's keys (each once), if this node leads it and it homes them all; else the answer */
  private ledBatchHome (requested: readonly string[], kind: string): { group: Group, keys: string[], response?: undefined } | { response: NodeResponse } {
    const keys = [...new Set(requested)]
    const home = this.ledHome(keys[0])
    if (home.response != null) {
      return home
    }
    const group = home.group
    if (keys.some(key => this.homeOf(key) !== group.id)) {
      return { response: { status: 'refused', reason: `${kind} must all be of keys homed in ${group.id}` } }
    }
    return { group, keys }
  }

  private redirectTo (groupId: string, local: Group | undefined): NodeResponse {
    const leader = local?.raft.leader != null ? nodeOf(local.raft.leader) : this.leaderNodeOf(groupId)
    return leader != null && leader !== this.nodeId ? { status: 'redirect', leader } : { status: 'retry', reason: `no leader of ${groupId} known here` }
  }

  /** Move this node's clock past `ts` and wait until the lease covers it, or say why not */
  private async advanceTo (group: Group, ts: Timestamp): Promise<NodeResponse | undefined> {
    try {
      this.components.hlc.update(ts)
    } catch (err) {
      if (err instanceof ClockOffsetError) {
        return { status: 'refused', reason: err.message }
      }
      throw err
    }
    try {
      await group.whenLeaseCovers(ts)
    } catch {
      return { status: 'retry', reason: 'the lease does not cover the timestamp yet' }
    }
    return undefined
  }

  private advanceClock (ts: Timestamp): void {
    try {
      this.components.hlc.update(ts)
    } catch (err) {
      throw new TaskAbortedError('unavailable', (err as Error).message)
    }
  }

  private homeOf (key: string): string | undefined {
    return this.components.view.slots()?.homeOf(slotOf(key))
  }

  /** The node leading `group`, as this node knows it */
  private leaderNodeOf (group: string): string | undefined {
    return leaderNodeOf(this.components.groups, this.components.view, group)
  }
}

function isNamedKey (key: unknown): key is string {
  return typeof key === 'string' && key.length > 0 && key.length <= 1024 && !isMintedKey(key) && !isMetaKey(key)
}

function isGroupId (id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= 128 && !id.includes('/') && !id.includes(':')
}
