/**
 * Consensus messages on the wire (`/hoard/group/1.0.0`): a `GroupMessage` becomes one protobuf
 * `GroupFrame` (an append too large for one frame becomes several), and a frame from a peer
 * becomes a `GroupMessage` only if every field passes its check. Both ends check: the sender
 * refuses to encode what the receiver would refuse, so a refusal on receipt means a broken or
 * hostile peer, never a size the core legitimately produced.
 */

import { nodeOf } from '../consensus/types.ts'
import { FrameTooLargeError, InvalidFrameError } from '../errors.ts'
import { decodeEntry, encodeEntry } from '../groups/commands.ts'
import { GroupFrame } from './pb/group.ts'
import type { Append, RaftMessage, Snapshot } from '../consensus/messages.ts'
import type { Membership } from '../consensus/types.ts'
import type { GroupCommand, GroupEntry } from '../groups/commands.ts'
import type { GroupMessage } from '../groups/transport.ts'
import type { AppendBody, GroupMembership, SnapshotBody } from './pb/group.ts'

/** Longest group or member id accepted (ids are a peer id plus a few characters) */
export const MAX_ID_CHARS = 256
/** Most entries one append frame carries (the Raft core sends at most 256 by default) */
export const MAX_ENTRIES_PER_FRAME = 1024
/** Most voters, and most learners, a membership may list in a frame */
export const MAX_MEMBERS = 64
/** Most term starts a snapshot frame may list (one per term that committed an entry) */
export const MAX_TERM_STARTS = 65_536

/** Default hard limit on one encoded frame, both when sending and when receiving */
export const DEFAULT_MAX_GROUP_FRAME_BYTES = 16 * 1024 * 1024
/**
 * Default size above which an append is split into several frames. One stream per peer carries
 * every group's messages in order, so a huge frame delays other groups' heartbeats behind it;
 * 1 MiB takes about a millisecond on loopback and 10 ms on a 1 Gbit/s link.
 */
export const DEFAULT_SPLIT_APPEND_BYTES = 1024 * 1024

export interface GroupCodecLimits {
  /** No frame larger than this is sent or accepted */
  maxFrameBytes: number
  /** Appends that encode to more than this are sent as several consecutive appends */
  splitAppendBytes: number
}

export const DEFAULT_GROUP_CODEC_LIMITS: Readonly<GroupCodecLimits> = Object.freeze({
  maxFrameBytes: DEFAULT_MAX_GROUP_FRAME_BYTES,
  splitAppendBytes: DEFAULT_SPLIT_APPEND_BYTES
})

/** Bytes a frame spends besides its entries: ids, numbers and protobuf tags (a generous bound) */
const APPEND_OVERHEAD_BYTES = 3 * MAX_ID_CHARS + 128
/** Protobuf tag and length prefix of one entry inside an append */
const ENTRY_OVERHEAD_BYTES = 6

/**
 * Encodes a consensus message as one frame, or several for an append above `splitAppendBytes`.
 *
 * Splitting is plain Raft: part k carries the entries after part k-1's last one, with that entry as
 * its `prevIndex`/`prevTerm`, and the same `commit`, `seq` and `leaseEnd`. A follower bounds the
 * commit by the entries it holds, and a reply to any part proves the leader's round as well as the
 * whole message would, so losing or reordering parts is no worse than losing the message.
 *
 * @throws {FrameTooLargeError} when one entry, or a non-append message, exceeds `maxFrameBytes`
 * @throws {InvalidFrameError} when a field is out of range (a bug in the caller: refuse to send it)
 */
export function encodeGroupMessage (message: GroupMessage, limits: GroupCodecLimits = DEFAULT_GROUP_CODEC_LIMITS): Uint8Array[] {
  checkEnvelope(message.group, message.from, message.to, message.term)

  if (message.type === 'append') {
    return encodeAppend(message, limits)
  }

  const frame = GroupFrame.encode(toFrame(message))
  if (frame.byteLength > limits.maxFrameBytes) {
    throw new FrameTooLargeError(`A ${message.type} of group ${message.group} encodes to ${frame.byteLength} bytes; frames are limited to ${limits.maxFrameBytes}`)
  }
  return [frame]
}

function encodeAppend (message: Append<GroupCommand>, limits: GroupCodecLimits): Uint8Array[] {
  const entries = message.entries.map(entry => encodeEntry(entry))
  let total = APPEND_OVERHEAD_BYTES
  for (const bytes of entries) {
    total += bytes.byteLength + ENTRY_OVERHEAD_BYTES
  }

  if (total <= limits.splitAppendBytes && entries.length <= MAX_ENTRIES_PER_FRAME) {
    return [checkedFrame(message, message.prevIndex, message.prevTerm, entries, limits)]
  }

  const frames: Uint8Array[] = []
  let prevIndex = message.prevIndex
  let prevTerm = message.prevTerm
  let start = 0
  while (start < entries.length) {
    let end = start
    let bytes = APPEND_OVERHEAD_BYTES
    // at least one entry per part, however large: a single entry cannot be split
    do {
      bytes += entries[end].byteLength + ENTRY_OVERHEAD_BYTES
      end++
    } while (end < entries.length && end - start < MAX_ENTRIES_PER_FRAME && bytes + entries[end].byteLength + ENTRY_OVERHEAD_BYTES <= limits.splitAppendBytes)

    frames.push(checkedFrame(message, prevIndex, prevTerm, entries.slice(start, end), limits))
    const last = message.entries[end - 1]
    prevIndex = last.index
    prevTerm = last.term
    start = end
  }
  return frames
}

function checkedFrame (message: Append<GroupCommand>, prevIndex: number, prevTerm: number, entries: Uint8Array[], limits: GroupCodecLimits): Uint8Array {
  const frame = GroupFrame.encode({
    group: message.group,
    from: message.from,
    to: message.to,
    term: message.term,
    append: {
      prevIndex: checkCount('prevIndex', prevIndex),
      prevTerm: checkCount('prevTerm', prevTerm),
      // protons types bytes fields as ArrayBuffer-backed; entries are never shared memory
      entries: entries as Array<Uint8Array<ArrayBuffer>>,
      commit: checkCount('commit', message.commit),
      seq: checkSeq(message.seq),
      leaseEnd: checkCount('leaseEnd', message.leaseEnd)
    }
  })
  if (frame.byteLength > limits.maxFrameBytes) {
    throw new FrameTooLargeError(`An append of group ${message.group} carries an entry of ${frame.byteLength} bytes; frames are limited to ${limits.maxFrameBytes}`)
  }
  return frame
}

function toFrame (message: Exclude<GroupMessage, Append<GroupCommand>>): GroupFrame {
  const frame: GroupFrame = { group: message.group, from: message.from, to: message.to, term: message.term }
  switch (message.type) {
    case 'pre-vote':
      frame.preVote = { lastIndex: checkCount('lastIndex', message.lastIndex), lastTerm: checkCount('lastTerm', message.lastTerm) }
      break
    case 'pre-vote-reply':
      frame.preVoteReply = { granted: message.granted }
      break
    case 'request-vote':
      frame.requestVote = { lastIndex: checkCount('lastIndex', message.lastIndex), lastTerm: checkCount('lastTerm', message.lastTerm), transfer: message.transfer }
      break
    case 'vote-reply':
      frame.voteReply = { granted: message.granted, leaseEnd: checkCount('leaseEnd', message.leaseEnd) }
      break
    case 'append-reply':
      frame.appendReply = { success: message.success, index: checkCount('index', message.index), seq: checkSeq(message.seq) }
      break
    case 'snapshot':
      frame.snapshot = snapshotBody(message)
      break
    case 'snapshot-reply':
      frame.snapshotReply = { index: checkCount('index', message.index), offset: checkCount('offset', message.offset), seq: checkSeq(message.seq) }
      break
    case 'timeout-now':
      frame.timeoutNow = {}
      break
    default:
      throw new InvalidFrameError(`Unknown consensus message type ${String((message as { type: unknown }).type)}`)
  }
  return frame
}

function snapshotBody (message: Snapshot): SnapshotBody {
  checkMembership(message.membership)
  if (message.termStarts.length > MAX_TERM_STARTS) {
    throw new InvalidFrameError(`A snapshot lists ${message.termStarts.length} term starts; at most ${MAX_TERM_STARTS} fit a frame`)
  }
  return {
    index: checkCount('index', message.index),
    lastTerm: checkCount('lastTerm', message.lastTerm),
    membership: { voters: [...message.membership.voters], learners: [...message.membership.learners] },
    termStarts: message.termStarts.map(([term, index]) => ({ term: checkCount('termStarts.term', term), index: checkCount('termStarts.index', index) })),
    offset: checkCount('offset', message.offset),
    data: message.data as Uint8Array<ArrayBuffer>,
    done: message.done,
    seq: checkSeq(message.seq),
    leaseEnd: checkCount('leaseEnd', message.leaseEnd)
  }
}

export interface DecodeContext {
  /** This node's id: every frame must be addressed to one of its members */
  localNode: string
  /** The authenticated peer the stream comes from: every frame must be sent by one of its members */
  remoteNode: string
}

/**
 * Decodes and checks one frame. A frame's sender must be the peer the stream comes from (Noise
 * authenticated it) and its receiver this node, so no peer can speak for another.
 *
 * @throws {InvalidFrameError} on anything malformed, out of range or misaddressed
 */
export function decodeGroupFrame (bytes: Uint8Array | Parameters<typeof GroupFrame.decode>[0], context: DecodeContext): GroupMessage {
  let frame: GroupFrame
  try {
    frame = GroupFrame.decode(bytes)
  } catch (err) {
    throw new InvalidFrameError(`Undecodable consensus frame: ${(err as Error).message}`)
  }

  const { group, from, to, term } = frame
  checkEnvelope(group, from, to, term)
  if (nodeOf(from) !== context.remoteNode) {
    throw new InvalidFrameError(`A frame from ${context.remoteNode} claims to come from member ${from}`)
  }
  if (nodeOf(to) !== context.localNode) {
    throw new InvalidFrameError(`A frame for member ${to} arrived at node ${context.localNode}`)
  }

  const bodies = [frame.preVote, frame.preVoteReply, frame.requestVote, frame.voteReply, frame.append, frame.appendReply, frame.snapshot, frame.snapshotReply, frame.timeoutNow]
  if (bodies.filter(body => body != null).length !== 1) {
    throw new InvalidFrameError('A consensus frame must carry exactly one message')
  }

  const envelope = { group, from, to, term }
  if (frame.preVote != null) {
    return { ...envelope, type: 'pre-vote', lastIndex: checkCount('lastIndex', frame.preVote.lastIndex), lastTerm: checkCount('lastTerm', frame.preVote.lastTerm) }
  }
  if (frame.preVoteReply != null) {
    return { ...envelope, type: 'pre-vote-reply', granted: frame.preVoteReply.granted }
  }
  if (frame.requestVote != null) {
    const body = frame.requestVote
    return { ...envelope, type: 'request-vote', lastIndex: checkCount('lastIndex', body.lastIndex), lastTerm: checkCount('lastTerm', body.lastTerm), transfer: body.transfer }
  }
  if (frame.voteReply != null) {
    return { ...envelope, type: 'vote-reply', granted: frame.voteReply.granted, leaseEnd: checkCount('leaseEnd', frame.voteReply.leaseEnd) }
  }
  if (frame.append != null) {
    return decodeAppend(envelope, frame.append)
  }
  if (frame.appendReply != null) {
    const body = frame.appendReply
    return { ...envelope, type: 'append-reply', success: body.success, index: checkCount('index', body.index), seq: checkSeq(body.seq) }
  }
  if (frame.snapshot != null) {
    return decodeSnapshot(envelope, frame.snapshot)
  }
  if (frame.snapshotReply != null) {
    const body = frame.snapshotReply
    return { ...envelope, type: 'snapshot-reply', index: checkCount('index', body.index), offset: checkCount('offset', body.offset), seq: checkSeq(body.seq) }
  }
  return { ...envelope, type: 'timeout-now' }
}

type Envelope = Pick<RaftMessage<GroupCommand>, 'group' | 'from' | 'to' | 'term'>

function decodeAppend (envelope: Envelope, body: AppendBody): Append<GroupCommand> {
  const prevIndex = checkCount('prevIndex', body.prevIndex)
  const prevTerm = checkCount('prevTerm', body.prevTerm)
  const entries: GroupEntry[] = []
  let lastTerm = prevTerm
  for (const bytes of body.entries) {
    let entry: GroupEntry
    try {
      entry = decodeEntry(bytes)
    } catch (err) {
      throw new InvalidFrameError(`An append carries an undecodable entry: ${(err as Error).message}`)
    }
    // Raft takes `prevIndex + entries.length` as the last index it was sent: entries must follow
    // on without a gap, and a log's terms never go down nor pass the sender's term
    if (entry.index !== prevIndex + entries.length + 1) {
      throw new InvalidFrameError(`An append after index ${prevIndex} carries entry ${entry.index} at position ${entries.length}`)
    }
    if (entry.term < lastTerm || entry.term > envelope.term) {
      throw new InvalidFrameError(`An append of term ${envelope.term} carries entry ${entry.index} of term ${entry.term} after term ${lastTerm}`)
    }
    lastTerm = entry.term
    entries.push(entry)
  }
  return {
    ...envelope,
    type: 'append',
    prevIndex,
    prevTerm,
    entries,
    commit: checkCount('commit', body.commit),
    seq: checkSeq(body.seq),
    leaseEnd: checkCount('leaseEnd', body.leaseEnd)
  }
}

function decodeSnapshot (envelope: Envelope, body: SnapshotBody): Snapshot {
  const membership = decodeMembership(body.membership)
  const termStarts: Array<readonly [number, number]> = []
  let previous: readonly [number, number] | undefined
  for (const start of body.termStarts) {
    const pair = [checkCount('termStarts.term', start.term), checkCount('termStarts.index', start.index)] as const
    if (previous != null && (pair[0] <= previous[0] || pair[1] < previous[1])) {
      throw new InvalidFrameError('A snapshot\'s term starts must rise')
    }
    termStarts.push(pair)
    previous = pair
  }
  return {
    ...envelope,
    type: 'snapshot',
    index: checkCount('index', body.index),
    lastTerm: checkCount('lastTerm', body.lastTerm),
    membership,
    termStarts,
    offset: checkCount('offset', body.offset),
    data: body.data,
    done: body.done,
    seq: checkSeq(body.seq),
    leaseEnd: checkCount('leaseEnd', body.leaseEnd)
  }
}

function decodeMembership (record: GroupMembership | undefined): Membership {
  if (record == null) {
    throw new InvalidFrameError('A snapshot must carry its membership')
  }
  const membership = { voters: record.voters, learners: record.learners }
  checkMembership(membership)
  return membership
}

function checkMembership (membership: Membership): void {
  if (membership.voters.length > MAX_MEMBERS || membership.learners.length > MAX_MEMBERS) {
    throw new InvalidFrameError(`A membership lists more than ${MAX_MEMBERS} voters or learners`)
  }
  for (const member of [...membership.voters, ...membership.learners]) {
    checkMemberId('member', member)
  }
}

function checkEnvelope (group: string, from: string, to: string, term: number): void {
  checkId('group', group)
  checkMemberId('from', from)
  checkMemberId('to', to)
  checkCount('term', term)
}

function checkId (field: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_CHARS) {
    throw new InvalidFrameError(`${field} must be 1 to ${MAX_ID_CHARS} characters`)
  }
}

/** A member id is `<node id>/<incarnation>`, both parts non-empty */
function checkMemberId (field: string, value: string): void {
  checkId(field, value)
  const at = value.lastIndexOf('/')
  if (at <= 0 || at === value.length - 1) {
    throw new InvalidFrameError(`${field} must be a member id (<node>/<incarnation>)`)
  }
}

/** Terms, indexes, offsets and HLC readings: whole numbers a double holds exactly */
function checkCount (field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidFrameError(`${field} must be a non-negative safe integer, not ${String(value)}`)
  }
  return value
}

/** `seq` is the leader's monotonic clock reading (fractional milliseconds), echoed back as it is */
function checkSeq (value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidFrameError(`seq must be a finite number, not ${String(value)}`)
  }
  return value
}
