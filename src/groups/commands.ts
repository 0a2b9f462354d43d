import { CorruptDataError } from '../errors.ts'
import { decodeMove, encodeMove } from '../ownership/moves.ts'
import { Command, EntryKind, LogEntry, Membership as MembershipRecord } from './pb/log.ts'
import type { Entry, EntryKind as Kind, Membership } from '../consensus/types.ts'
import type { WriteSet } from '../txn/directory.ts'

/**
 * What a group's log carries besides no-ops and membership: the write sets of the tasks committed
 * in one tick. (Handoffs and creations join this union in their own issue.)
 */
export interface WritesCommand {
  readonly type: 'writes'
  readonly sets: readonly WriteSet[]
}

export type GroupCommand = WritesCommand

export type GroupEntry = Entry<GroupCommand>

const KIND_TO_PB: Record<Kind, EntryKind> = { noop: EntryKind.NOOP, config: EntryKind.CONFIG, command: EntryKind.COMMAND }
const PB_TO_KIND: Record<EntryKind, Kind> = { NOOP: 'noop', CONFIG: 'config', COMMAND: 'command' }

/** Entries are immutable once created, so each is encoded at most once (for disk and network alike) */
const encoded = new WeakMap<GroupEntry, Uint8Array>()

export function encodeEntry (entry: GroupEntry): Uint8Array {
  let bytes = encoded.get(entry)
  if (bytes == null) {
    bytes = LogEntry.encode({
      term: entry.term,
      index: entry.index,
      kind: KIND_TO_PB[entry.kind],
      config: entry.config == null ? undefined : encodeMembership(entry.config),
      command: entry.command == null ? undefined : encodeCommand(entry.command),
      sync: entry.sync === true
    })
    encoded.set(entry, bytes)
  }
  return bytes
}

export function decodeEntry (bytes: Uint8Array): GroupEntry {
  let record: LogEntry
  try {
    record = LogEntry.decode(bytes)
  } catch (err) {
    throw new CorruptDataError(`Undecodable log entry: ${(err as Error).message}`)
  }
  const kind = PB_TO_KIND[record.kind]
  if (kind == null || !Number.isSafeInteger(record.term) || !Number.isSafeInteger(record.index) || record.index < 1) {
    throw new CorruptDataError('Log entry with a bad kind, term or index')
  }
  if (kind === 'config' && record.config == null) {
    throw new CorruptDataError('Membership entry without a membership')
  }
  if (kind === 'command' && record.command == null) {
    throw new CorruptDataError('Command entry without a command')
  }
  const entry: GroupEntry = {
    term: record.term,
    index: record.index,
    kind,
    config: kind === 'config' && record.config != null ? decodeMembership(record.config) : undefined,
    command: kind === 'command' && record.command != null ? decodeCommand(record.command) : undefined,
    sync: record.sync
  }
  encoded.set(entry, bytes)
  return entry
}

export function encodeMembership (membership: Membership): MembershipRecord {
  return { voters: [...membership.voters], learners: [...membership.learners] }
}

export function decodeMembership (record: MembershipRecord): Membership {
  return { voters: record.voters, learners: record.learners }
}

function encodeCommand (command: GroupCommand): Command {
  return {
    sets: command.sets.map(set => ({
      ts: set.ts,
      writes: [...set.writes].map(([key, value]) => ({ key, value: value as Uint8Array<ArrayBuffer> | undefined })),
      creates: (set.creates ?? []).map(({ key, epoch }) => ({ key, counter: epoch.counter, term: epoch.term })),
      created: (set.created ?? []).map(({ key, owner, epoch }) => ({ key, owner, counter: epoch.counter, term: epoch.term })),
      moves: (set.moves ?? []).map(encodeMove)
    }))
  }
}

function decodeCommand (record: Command): GroupCommand {
  return {
    type: 'writes',
    sets: record.sets.map(set => ({
      ts: set.ts,
      writes: new Map(set.writes.map(write => [write.key, write.value])),
      // absent rather than empty: the hot path tests for them
      creates: set.creates.length === 0 ? undefined : set.creates.map(c => ({ key: c.key, epoch: { counter: c.counter, term: c.term } })),
      created: set.created.length === 0 ? undefined : set.created.map(c => ({ key: c.key, owner: c.owner, epoch: { counter: c.counter, term: c.term } })),
      moves: set.moves.length === 0 ? undefined : set.moves.map(decodeMove)
    }))
  }
}
