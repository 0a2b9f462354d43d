import { CorruptDataError } from '../errors.ts'
import { Creation, KeyOwnership, ObjectRecord } from '../groups/pb/log.ts'
import { decodeKeyState, encodeKeyState } from '../ownership/moves.ts'
import { groupPrefix } from './disk-raft-storage.ts'
import type { KvOp as DiskOp, KvStore } from './kv.ts'
import type { Timestamp } from '../clock/hlc.ts'
import type { CreationRecord, KeyState, OwnershipChanges } from '../ownership/table.ts'

/** The newest committed version of one object, as checkpointed */
export interface CommittedObject {
  readonly value: Uint8Array | undefined
  readonly ts: Timestamp
  readonly index: number
}

/** What a checkpoint holds */
export interface Checkpoint {
  index: number
  objects: Map<string, CommittedObject>
  keys: Map<string, KeyState>
  created: Map<string, CreationRecord>
}

/**
 * A group's state machine on disk: the committed objects as of one committed log index, never
 * ahead of it (speculative versions live in memory only). Written behind, in batches.
 */
export interface CheckpointStore {
  /** False when there is nothing to write to (memory only): the group then tracks no changes */
  readonly persistent: boolean
  /** The checkpointed index (0 if none), objects and ownership */
  load(): Promise<Checkpoint>
  /** Record `changes` (undefined: the object is gone) and move the checkpoint to `index` */
  save(index: number, changes: ReadonlyMap<string, CommittedObject | undefined>, ownership?: OwnershipChanges): Promise<void>
  /** Replace everything with a snapshot from the leader; synced */
  replace(checkpoint: Checkpoint): Promise<void>
}

/** For nodes without a data directory: memory is the only copy, nothing to write */
export class NoCheckpoints implements CheckpointStore {
  readonly persistent = false
  async load (): Promise<Checkpoint> {
    return { index: 0, objects: new Map(), keys: new Map(), created: new Map() }
  }

  async save (): Promise<void> {}
  async replace (): Promise<void> {}
}

/** Objects under `g/<group>/o/<key>`, the checkpointed index under `g/<group>/a` */
export class DiskCheckpointStore implements CheckpointStore {
  readonly persistent = true
  private readonly disk: KvStore
  private readonly prefix: string

  constructor (disk: KvStore, group: string) {
    this.disk = disk
    this.prefix = groupPrefix(group)
  }

  async load (): Promise<Checkpoint> {
    const indexBytes = await this.disk.get(`${this.prefix}a`)
    const index = indexBytes == null ? 0 : decodeIndex(indexBytes)
    const objects = new Map<string, CommittedObject>()
    for await (const [, bytes] of this.disk.range(`${this.prefix}o/`, `${this.prefix}o0`)) {
      const record = decodeObject(bytes)
      if (record.index > index) {
        throw new CorruptDataError(`Checkpoint of ${this.prefix} holds "${record.key}" at index ${record.index}, above the checkpoint's ${index}`)
      }
      objects.set(record.key, { value: record.value, ts: record.ts, index: record.index })
    }
    const keys = new Map<string, KeyState>()
    for await (const [, bytes] of this.disk.range(`${this.prefix}w/`, `${this.prefix}w0`)) {
      const record = decodeWith(KeyOwnership, bytes, 'key ownership')
      keys.set(record.key, decodeKeyState(record))
    }
    const created = new Map<string, CreationRecord>()
    for await (const [, bytes] of this.disk.range(`${this.prefix}c/`, `${this.prefix}c0`)) {
      const record = decodeWith(Creation, bytes, 'creation')
      created.set(record.key, { owner: record.owner, epoch: { counter: record.counter, term: record.term } })
    }
    return { index, objects, keys, created }
  }

  async save (index: number, changes: ReadonlyMap<string, CommittedObject | undefined>, ownership?: OwnershipChanges): Promise<void> {
    await this.disk.write(this.changeOps(index, changes, ownership), false)
  }

  async replace (checkpoint: Checkpoint): Promise<void> {
    const ops: DiskOp[] = []
    for (const part of ['o', 'w', 'c']) {
      for await (const [key] of this.disk.range(`${this.prefix}${part}/`, `${this.prefix}${part}0`)) {
        ops.push({ type: 'del', key })
      }
    }
    // one batch: a crash leaves either the old checkpoint or the new one, never a mix
    ops.push(...this.changeOps(checkpoint.index, checkpoint.objects, { keys: checkpoint.keys, created: checkpoint.created }))
    await this.disk.write(ops, true)
  }

  private changeOps (index: number, changes: ReadonlyMap<string, CommittedObject | undefined>, ownership?: { keys: ReadonlyMap<string, KeyState | undefined>, created: ReadonlyMap<string, CreationRecord | undefined> }): DiskOp[] {
    const ops: DiskOp[] = []
    for (const [key, state] of ownership?.keys ?? []) {
      ops.push(state == null
        ? { type: 'del', key: `${this.prefix}w/${key}` }
        : { type: 'put', key: `${this.prefix}w/${key}`, value: KeyOwnership.encode(encodeKeyState(key, state)) })
    }
    for (const [key, record] of ownership?.created ?? []) {
      ops.push(record == null
        ? { type: 'del', key: `${this.prefix}c/${key}` }
        : { type: 'put', key: `${this.prefix}c/${key}`, value: Creation.encode({ key, owner: record.owner, counter: record.epoch.counter, term: record.epoch.term }) })
    }
    for (const [key, object] of changes) {
      if (object?.value == null) {
        ops.push({ type: 'del', key: `${this.prefix}o/${key}` })
      } else {
        ops.push({ type: 'put', key: `${this.prefix}o/${key}`, value: ObjectRecord.encode({ key, value: object.value as Uint8Array<ArrayBuffer>, ts: object.ts, index: object.index }) })
      }
    }
    ops.push({ type: 'put', key: `${this.prefix}a`, value: encodeIndex(index) })
    return ops
  }
}

function encodeIndex (index: number): Uint8Array {
  const bytes = new Uint8Array(8)
  new DataView(bytes.buffer).setFloat64(0, index)
  return bytes
}

function decodeIndex (bytes: Uint8Array): number {
  if (bytes.byteLength !== 8) {
    throw new CorruptDataError('Bad checkpoint index')
  }
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getFloat64(0)
}

function decodeWith<T> (codec: { decode(bytes: Uint8Array): T }, bytes: Uint8Array, what: string): T {
  try {
    return codec.decode(bytes)
  } catch (err) {
    throw new CorruptDataError(`Undecodable checkpointed ${what}: ${(err as Error).message}`)
  }
}

function decodeObject (bytes: Uint8Array): ObjectRecord {
  try {
    return ObjectRecord.decode(bytes)
  } catch (err) {
    throw new CorruptDataError(`Undecodable checkpointed object: ${(err as Error).message}`)
  }
}
