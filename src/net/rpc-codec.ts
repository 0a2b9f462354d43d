/**
 * Requests between nodes on the wire (`/hoard/rpc/1.0.0`): an `RpcFrame` carries a request id and
 * either one request (a `NodeRequest`, one optional field per kind) or one response. Every field
 * is checked after decoding; a request of a kind this node does not know decodes as `unsupported`
 * (answered with an error, so that newer nodes can add kinds) rather than as a bad frame.
 */

import { FrameTooLargeError, InvalidFrameError } from '../errors.ts'
import { MAX_BATCH_KEYS } from '../groups/transport.ts'
import { DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES } from '../store/limits.ts'
import { MAX_ID_CHARS, MAX_MEMBERS } from './group-codec.ts'
import { KeyOutcome, RpcFrame, RpcStatus } from './pb/rpc.ts'
import type { ClaimAnswer, LookupAnswer, NodeRequest, NodeResponse } from '../groups/transport.ts'
import type { ClaimAnswer as PbClaimAnswer, LookupAnswer as PbLookupAnswer, HandoffBody, HandoffRequestBody, RpcRequest, RpcResponse, SubmitBody } from './pb/rpc.ts'
import type { Uint8ArrayList } from 'uint8arraylist'

/**
 * Default limit on one request or response frame. A read's response carries one value (at most
 * `maxValueBytes`, 1 MiB by default) and its key; `createNode` raises this when its limits do.
 */
export const DEFAULT_MAX_RPC_FRAME_BYTES = 4 * 1024 * 1024
/** Most addresses a join may carry */
export const MAX_ADDRS = 64
/** Longest multiaddr accepted */
export const MAX_ADDR_CHARS = 1024
/** Longer reasons are cut to this length when sent */
export const MAX_REASON_CHARS = 1024
/** Request ids are positive and stay below 2^53 (a double holds them exactly) */
const MAX_REQUEST_ID = Number.MAX_SAFE_INTEGER

export interface RpcCodecLimits {
  maxFrameBytes: number
  /** Longest key in UTF-16 code units (a key of at most `maxKeyBytes` UTF-8 bytes has at most as many) */
  maxKeyChars: number
  maxValueBytes: number
}

export const DEFAULT_RPC_CODEC_LIMITS: Readonly<RpcCodecLimits> = Object.freeze({
  maxFrameBytes: DEFAULT_MAX_RPC_FRAME_BYTES,
  maxKeyChars: DEFAULT_MAX_KEY_BYTES,
  maxValueBytes: DEFAULT_MAX_VALUE_BYTES
})

/** What a response frame turns into: a response, or the remote's refusal to handle the request */
export type RpcOutcome =
  | { readonly ok: true, readonly response: NodeResponse }
  | { readonly ok: false, readonly reason: string }

/** A decoded frame: a request (or one of an unknown kind) or the outcome of one */
export type DecodedRpcFrame =
  | { readonly kind: 'request', readonly id: number, readonly request: NodeRequest }
  | { readonly kind: 'unsupported', readonly id: number }
  | { readonly kind: 'response', readonly id: number, readonly outcome: RpcOutcome }

type Status = NodeResponse['status']
type Outcome = NonNullable<NodeResponse['outcome']>

const STATUS_TO_PB: Record<Status, RpcStatus> = { ok: RpcStatus.OK, redirect: RpcStatus.REDIRECT, retry: RpcStatus.RETRY, refused: RpcStatus.REFUSED }
const PB_TO_STATUS: Partial<Record<RpcStatus, Status>> = { [RpcStatus.OK]: 'ok', [RpcStatus.REDIRECT]: 'redirect', [RpcStatus.RETRY]: 'retry', [RpcStatus.REFUSED]: 'refused' }
const OUTCOME_TO_PB: Record<Outcome, KeyOutcome> = {
  created: KeyOutcome.CREATED,
  exists: KeyOutcome.EXISTS,
  absent: KeyOutcome.ABSENT,
  moved: KeyOutcome.MOVED,
  busy: KeyOutcome.BUSY,
  done: KeyOutcome.DONE,
  unknown: KeyOutcome.UNKNOWN,
  accepted: KeyOutcome.ACCEPTED,
  refused: KeyOutcome.REFUSED,
  committed: KeyOutcome.COMMITTED,
  lost: KeyOutcome.LOST,
  pending: KeyOutcome.PENDING
}
const PB_TO_OUTCOME = new Map<KeyOutcome, Outcome>(Object.entries(OUTCOME_TO_PB).map(([outcome, pb]) => [pb, outcome as Outcome]))
/** A handoff's signature: Ed25519 signs in 64 bytes; room for other key types */
export const MAX_SIGNATURE_BYTES = 1024
/** The longest name a task may be registered under */
export const MAX_TASK_NAME_CHARS = 256
/** A task waits for a handoff at most this long (a day: far beyond any task deadline) */
const MAX_WAIT_MS = 24 * 60 * 60 * 1000

/**
 * @throws {FrameTooLargeError} if the request does not fit a frame
 * @throws {InvalidFrameError} if a field is out of range (the receiver would refuse it)
 */
export function encodeRequestFrame (id: number, request: NodeRequest, limits: RpcCodecLimits = DEFAULT_RPC_CODEC_LIMITS): Uint8Array {
  checkRequestId(id)
  const body = toRequest(request)
  // the decoder's check is the specification: what it refuses is never sent
  fromRequest(body, limits)
  return checkSize(RpcFrame.encode({ id, request: body }), limits, `A ${request.type} request`)
}

/**
 * A response or a refusal. Reasons are cut to `MAX_REASON_CHARS`.
 *
 * @throws {FrameTooLargeError} if the response does not fit a frame
 * @throws {InvalidFrameError} if a field is out of range (the receiver would refuse it)
 */
export function encodeResponseFrame (id: number, outcome: RpcOutcome, limits: RpcCodecLimits = DEFAULT_RPC_CODEC_LIMITS): Uint8Array {
  checkRequestId(id)
  let response: RpcResponse
  if (outcome.ok) {
    const r = outcome.response
    const status = STATUS_TO_PB[r.status]
    if (status == null) {
      throw new InvalidFrameError(`Unknown response status ${String(r.status)}`)
    }
    let keyOutcome = KeyOutcome.NONE
    if (r.outcome != null) {
      keyOutcome = OUTCOME_TO_PB[r.outcome]
      if (keyOutcome == null) {
        throw new InvalidFrameError(`Unknown key outcome ${String(r.outcome)}`)
      }
    }
    response = {
      status,
      leader: r.leader,
      reason: r.reason == null ? undefined : cut(r.reason),
      outcome: keyOutcome,
      owner: r.owner,
      epochCounter: r.epochCounter,
      epochTerm: r.epochTerm,
      floor: r.floor,
      found: r.found,
      value: r.value as Uint8Array<ArrayBuffer> | undefined,
      ts: r.ts,
      wallMs: r.wallMs,
      claims: (r.claims ?? []).map(a => ({ key: a.key, outcome: OUTCOME_TO_PB[a.outcome], owner: a.owner, epochCounter: a.epochCounter, epochTerm: a.epochTerm, floor: a.floor })),
      lookups: (r.lookups ?? []).map(a => ({ key: a.key, outcome: OUTCOME_TO_PB[a.outcome], owner: a.owner, epochCounter: a.epochCounter, epochTerm: a.epochTerm }))
    }
    fromResponse(response, limits)
  } else {
    response = { status: RpcStatus.ERROR, reason: cut(outcome.reason), outcome: KeyOutcome.NONE, claims: [], lookups: [] }
  }
  return checkSize(RpcFrame.encode({ id, response }), limits, 'A response')
}

function toRequest (request: NodeRequest): RpcRequest {
  switch (request.type) {
    case 'join':
      return { join: { node: request.node, incarnation: request.incarnation, group: request.group, addrs: [...request.addrs] } }
    case 'group-report':
      return { groupReport: { group: request.group, founder: request.founder, voters: [...request.voters], learners: [...request.learners], leader: request.leader, term: request.term } }
    case 'claim':
      return { claim: { key: request.key, group: request.group } }
    case 'claims':
      return { claims: { keys: [...request.keys], group: request.group } }
    case 'lookup':
      return { lookup: { key: request.key, at: request.at } }
    case 'lookups':
      return { lookups: { keys: [...request.keys], at: request.at } }
    case 'read':
      return { read: { key: request.key, group: request.group, at: request.at, epochCounter: request.epochCounter, epochTerm: request.epochTerm } }
    case 'handoff-request':
      return {
        handoffRequest: {
          key: request.key,
          group: request.group,
          to: request.to,
          epochCounter: request.epochCounter,
          epochTerm: request.epochTerm,
          priorityTs: request.priorityTs,
          priorityNode: request.priorityNode,
          attempt: request.attempt,
          waitMs: request.waitMs
        }
      }
    case 'handoff':
      return {
        handoff: {
          key: request.key,
          from: request.from,
          to: request.to,
          epochCounter: request.epochCounter,
          epochTerm: request.epochTerm,
          value: request.value as Uint8Array<ArrayBuffer> | undefined,
          ts: request.ts,
          floor: request.floor,
          signature: request.signature as Uint8Array<ArrayBuffer>
        }
      }
    case 'token-status':
      return { tokenStatus: { group: request.group, term: request.term, index: request.index, position: request.position } }
    case 'submit':
      return { submit: { name: request.name, args: request.args as Uint8Array<ArrayBuffer>, near: request.near, timeoutMs: request.timeoutMs } }
    case 'replica-fetch':
      return { replicaFetch: { group: request.group, from: request.from } }
    case 'clock':
      return { clock: {} }
    default:
      throw new InvalidFrameError(`Unknown request type ${String((request as { type: unknown }).type)}`)
  }
}

/**
 * Decodes and checks one frame.
 *
 * @throws {InvalidFrameError} on anything malformed or out of range
 */
export function decodeRpcFrame (bytes: Uint8Array | Uint8ArrayList, limits: RpcCodecLimits = DEFAULT_RPC_CODEC_LIMITS): DecodedRpcFrame {
  let frame: RpcFrame
  try {
    frame = RpcFrame.decode(bytes)
  } catch (err) {
    throw new InvalidFrameError(`Undecodable request frame: ${(err as Error).message}`)
  }
  const id = checkRequestId(frame.id)
  if ((frame.request == null) === (frame.response == null)) {
    throw new InvalidFrameError('A request frame must carry a request or a response')
  }
  if (frame.request != null) {
    const request = fromRequest(frame.request, limits)
    return request == null ? { kind: 'unsupported', id } : { kind: 'request', id, request }
  }
  return { kind: 'response', id, outcome: fromResponse(frame.response as RpcResponse, limits) }
}

function fromRequest (request: RpcRequest, limits: RpcCodecLimits): NodeRequest | undefined {
  const { join, groupReport, claim, claims, lookup, lookups, read, handoffRequest, handoff, tokenStatus, submit, replicaFetch, clock } = request
  if ([join, groupReport, claim, claims, lookup, lookups, read, handoffRequest, handoff, tokenStatus, submit, replicaFetch, clock].filter(body => body != null).length > 1) {
    throw new InvalidFrameError('A request must be of exactly one kind')
  }
  if (join != null) {
    checkId('node', join.node)
    checkId('incarnation', join.incarnation)
    checkId('group', join.group)
    checkAddrs(join.addrs)
    return { type: 'join', node: join.node, incarnation: join.incarnation, group: join.group, addrs: join.addrs }
  }
  if (groupReport != null) {
    const { group, founder, voters, learners, leader, term } = groupReport
    checkId('group', group)
    checkId('founder', founder)
    checkId('leader', leader)
    checkMembers(voters, learners)
    return { type: 'group-report', group, founder, voters, learners, leader, term: checkCount('term', term) }
  }
  if (claim != null) {
    checkKey(claim.key, limits)
    checkId('group', claim.group)
    return { type: 'claim', key: claim.key, group: claim.group }
  }
  if (claims != null) {
    checkKeys(claims.keys, limits)
    checkId('group', claims.group)
    return { type: 'claims', keys: claims.keys, group: claims.group }
  }
  if (lookups != null) {
    checkKeys(lookups.keys, limits)
    return { type: 'lookups', keys: lookups.keys, at: checkCount('at', lookups.at) }
  }
  if (lookup != null) {
    checkKey(lookup.key, limits)
    return { type: 'lookup', key: lookup.key, at: checkCount('at', lookup.at) }
  }
  if (read != null) {
    checkKey(read.key, limits)
    checkId('group', read.group)
    return {
      type: 'read',
      key: read.key,
      group: read.group,
      at: checkCount('at', read.at),
      ...(read.epochCounter == null ? {} : { epochCounter: checkCount('epochCounter', read.epochCounter) }),
      ...(read.epochTerm == null ? {} : { epochTerm: checkCount('epochTerm', read.epochTerm) })
    }
  }
  if (handoffRequest != null) {
    return fromHandoffRequest(handoffRequest, limits)
  }
  if (handoff != null) {
    return fromHandoff(handoff, limits)
  }
  if (tokenStatus != null) {
    checkId('group', tokenStatus.group)
    return { type: 'token-status', group: tokenStatus.group, term: checkCount('term', tokenStatus.term), index: checkCount('index', tokenStatus.index), position: checkCount('position', tokenStatus.position) }
  }
  if (submit != null) {
    return fromSubmit(submit, limits)
  }
  if (replicaFetch != null) {
    checkId('group', replicaFetch.group)
    const from = checkCount('from', replicaFetch.from)
    if (from < 1) {
      throw new InvalidFrameError('A replica fetch starts at index 1 or later')
    }
    return { type: 'replica-fetch', group: replicaFetch.group, from }
  }
  if (clock != null) {
    return { type: 'clock' }
  }
  // no field this node knows: a kind added after it was built
  return undefined
}

function fromSubmit (body: SubmitBody, limits: RpcCodecLimits): NodeRequest {
  if (body.name.length === 0 || body.name.length > MAX_TASK_NAME_CHARS) {
    throw new InvalidFrameError(`A submitted task's name must have 1 to ${MAX_TASK_NAME_CHARS} characters`)
  }
  if (body.args.byteLength > limits.maxValueBytes) {
    throw new InvalidFrameError(`A submitted task's arguments exceed ${limits.maxValueBytes} bytes`)
  }
  checkKey(body.near, limits)
  if (body.timeoutMs < 1 || body.timeoutMs > MAX_WAIT_MS) {
    throw new InvalidFrameError(`A submitted task's timeout must be 1 ms to ${MAX_WAIT_MS} ms`)
  }
  return { type: 'submit', name: body.name, args: body.args, near: body.near, timeoutMs: body.timeoutMs }
}

function fromHandoffRequest (body: HandoffRequestBody, limits: RpcCodecLimits): NodeRequest {
  checkKey(body.key, limits)
  checkId('group', body.group)
  checkId('to', body.to)
  checkId('priorityNode', body.priorityNode)
  if (body.waitMs > MAX_WAIT_MS) {
    throw new InvalidFrameError(`waitMs must be at most ${MAX_WAIT_MS}`)
  }
  return {
    type: 'handoff-request',
    key: body.key,
    group: body.group,
    to: body.to,
    epochCounter: checkCount('epochCounter', body.epochCounter),
    epochTerm: checkCount('epochTerm', body.epochTerm),
    priorityTs: checkCount('priorityTs', body.priorityTs),
    priorityNode: body.priorityNode,
    attempt: checkCount('attempt', body.attempt),
    waitMs: checkCount('waitMs', body.waitMs)
  }
}

function fromHandoff (body: HandoffBody, limits: RpcCodecLimits): NodeRequest {
  checkKey(body.key, limits)
  checkId('from', body.from)
  checkId('to', body.to)
  if (body.value != null && body.value.byteLength > limits.maxValueBytes) {
    throw new InvalidFrameError(`A value must be at most ${limits.maxValueBytes} bytes`)
  }
  if (body.signature.byteLength === 0 || body.signature.byteLength > MAX_SIGNATURE_BYTES) {
    throw new InvalidFrameError(`A handoff's signature must be 1 to ${MAX_SIGNATURE_BYTES} bytes`)
  }
  return {
    type: 'handoff',
    key: body.key,
    from: body.from,
    to: body.to,
    epochCounter: checkCount('epochCounter', body.epochCounter),
    epochTerm: checkCount('epochTerm', body.epochTerm),
    ...(body.value == null ? {} : { value: body.value }),
    ts: checkCount('ts', body.ts),
    floor: checkCount('floor', body.floor),
    signature: body.signature
  }
}

function fromResponse (response: RpcResponse, limits: RpcCodecLimits): RpcOutcome {
  const { reason, leader, owner, value } = response
  if (reason != null && reason.length > MAX_REASON_CHARS) {
    throw new InvalidFrameError(`A reason must be at most ${MAX_REASON_CHARS} characters`)
  }
  if (response.status === RpcStatus.ERROR) {
    return { ok: false, reason: reason ?? 'no reason given' }
  }
  const status = PB_TO_STATUS[response.status]
  if (status == null) {
    throw new InvalidFrameError(`Unknown response status ${String(response.status)}`)
  }
  if (leader != null) {
    checkId('leader', leader)
  }
  if (status === 'redirect' && leader == null) {
    throw new InvalidFrameError('A redirect must name the leader')
  }
  if (owner != null) {
    checkId('owner', owner)
  }
  if (value != null && value.byteLength > limits.maxValueBytes) {
    throw new InvalidFrameError(`A value must be at most ${limits.maxValueBytes} bytes`)
  }
  let outcome: Outcome | undefined
  if (response.outcome !== KeyOutcome.NONE) {
    outcome = PB_TO_OUTCOME.get(response.outcome)
    if (outcome == null) {
      throw new InvalidFrameError(`Unknown key outcome ${String(response.outcome)}`)
    }
  }
  return { ok: true, response: { status, ...(outcome == null ? {} : { outcome }), ...optionalFields(response) } }
}

/** The response's optional fields that are set, checked */
function optionalFields (response: RpcResponse): Partial<NodeResponse> {
  const fields: { -readonly [K in keyof NodeResponse]?: NodeResponse[K] } = {}
  if (response.leader != null) { fields.leader = response.leader }
  if (response.reason != null) { fields.reason = response.reason }
  if (response.owner != null) { fields.owner = response.owner }
  if (response.epochCounter != null) { fields.epochCounter = checkCount('epochCounter', response.epochCounter) }
  if (response.epochTerm != null) { fields.epochTerm = checkCount('epochTerm', response.epochTerm) }
  if (response.floor != null) { fields.floor = checkCount('floor', response.floor) }
  if (response.found != null) { fields.found = response.found }
  if (response.value != null) { fields.value = response.value }
  if (response.ts != null) { fields.ts = checkCount('ts', response.ts) }
  if (response.wallMs != null) { fields.wallMs = checkWallMs(response.wallMs) }
  if (response.claims.length > 0) { fields.claims = response.claims.map(fromClaimAnswer) }
  if (response.lookups.length > 0) { fields.lookups = response.lookups.map(fromLookupAnswer) }
  return fields
}

function fromClaimAnswer (answer: PbClaimAnswer): ClaimAnswer {
  const outcome = PB_TO_OUTCOME.get(answer.outcome)
  if (outcome !== 'created' && outcome !== 'exists') {
    throw new InvalidFrameError(`A claim's answer must be created or exists, not ${String(outcome ?? answer.outcome)}`)
  }
  checkId('owner', answer.owner)
  return {
    key: answer.key,
    outcome,
    owner: answer.owner,
    epochCounter: checkCount('epochCounter', answer.epochCounter),
    epochTerm: checkCount('epochTerm', answer.epochTerm),
    ...(answer.floor == null ? {} : { floor: checkCount('floor', answer.floor) })
  }
}

function fromLookupAnswer (answer: PbLookupAnswer): LookupAnswer {
  const outcome = PB_TO_OUTCOME.get(answer.outcome)
  if (outcome !== 'exists' && outcome !== 'absent') {
    throw new InvalidFrameError(`A lookup's answer must be exists or absent, not ${String(outcome ?? answer.outcome)}`)
  }
  if (outcome === 'absent') {
    return { key: answer.key, outcome }
  }
  checkId('owner', answer.owner ?? '')
  return {
    key: answer.key,
    outcome,
    owner: answer.owner,
    epochCounter: checkCount('epochCounter', answer.epochCounter ?? -1),
    epochTerm: checkCount('epochTerm', answer.epochTerm ?? -1)
  }
}

function checkSize (frame: Uint8Array, limits: RpcCodecLimits, what: string): Uint8Array {
  if (frame.byteLength > limits.maxFrameBytes) {
    throw new FrameTooLargeError(`${what} encodes to ${frame.byteLength} bytes; frames are limited to ${limits.maxFrameBytes}`)
  }
  return frame
}

function checkRequestId (id: number): number {
  if (!Number.isSafeInteger(id) || id < 1 || id > MAX_REQUEST_ID) {
    throw new InvalidFrameError(`Request ids must be positive safe integers, not ${String(id)}`)
  }
  return id
}

function checkId (field: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_CHARS) {
    throw new InvalidFrameError(`${field} must be 1 to ${MAX_ID_CHARS} characters`)
  }
}

/** Only the size: whether a key is acceptable (reserved prefixes, well-formed Unicode) is the handler's call */
function checkKey (key: string, limits: RpcCodecLimits): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > limits.maxKeyChars) {
    throw new InvalidFrameError(`Keys must be 1 to ${limits.maxKeyChars} characters`)
  }
}

function checkKeys (keys: readonly string[], limits: RpcCodecLimits): void {
  if (keys.length === 0 || keys.length > MAX_BATCH_KEYS) {
    throw new InvalidFrameError(`A request of several keys must carry 1 to ${MAX_BATCH_KEYS}`)
  }
  for (const key of keys) {
    checkKey(key, limits)
  }
}

function checkAddrs (addrs: readonly string[]): void {
  if (addrs.length > MAX_ADDRS) {
    throw new InvalidFrameError(`A join may carry at most ${MAX_ADDRS} addresses`)
  }
  for (const addr of addrs) {
    if (typeof addr !== 'string' || addr.length === 0 || addr.length > MAX_ADDR_CHARS) {
      throw new InvalidFrameError(`Addresses must be 1 to ${MAX_ADDR_CHARS} characters`)
    }
  }
}

function checkMembers (voters: readonly string[], learners: readonly string[]): void {
  if (voters.length > MAX_MEMBERS || learners.length > MAX_MEMBERS) {
    throw new InvalidFrameError(`A report lists more than ${MAX_MEMBERS} voters or learners`)
  }
  for (const member of [...voters, ...learners]) {
    checkId('member', member)
  }
}

function checkCount (field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidFrameError(`${field} must be a non-negative safe integer, not ${String(value)}`)
  }
  return value
}

/** A wall clock reading: finite, not before the Unix epoch, and below 2^53 */
function checkWallMs (value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > Number.MAX_SAFE_INTEGER) {
    throw new InvalidFrameError(`wallMs must be a finite non-negative number, not ${String(value)}`)
  }
  return value
}

function cut (text: string): string {
  return text.length <= MAX_REASON_CHARS ? text : `${text.slice(0, MAX_REASON_CHARS - 3)}...`
}
