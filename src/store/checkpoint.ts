import { CorruptDataError } from '../errors.ts'
import { ObjectRecord } from '../groups/pb/log.ts'
import { groupPrefix } from './disk-raft-storage.ts'
import type { KvOp as DiskOp, KvStore } from './kv.ts'
import type { Timestamp } from '../clock/hlc.ts'

/** The newest committed version of one object, as checkpointed */
export interface CommittedObject {
  readonly value: Uint8Array | undefined
  readonly ts: Timestamp
  readonly index: number
}

/**
 * A group's state machine on disk: the committed objects as of one committed log index, never
 * ahead of it (speculative versions live in memory only). Written behind, in batches.
 */
export interface CheckpointStore {
  /** False when there is nothing to write to (memory only): the group then tracks no changes */
  readonly persistent: boolean
  /** The checkpointed index (0 if none) and objects */
  load(): Promise<{ index: number, objects: Map<string, CommittedObject> }>
  /** Record `changes` (undefined: the object is gone) and move the checkpoint to `index` */
  save(index: number, changes: ReadonlyMap<string, CommittedObject | undefined>): Promise<void>
  /** Replace everything with `objects` at `index` (a snapshot from the leader); synced */
  replace(index: number, objects: ReadonlyMap<string, CommittedObject>): Promise<void>
}

/** For nodes without a data directory: memory is the only copy, nothing to write */
export class NoCheckpoints implements CheckpointStore {
  readonly persistent = false
  async load (): Promise<{ index: number, objects: Map<string, CommittedObject> }> {
    return { index: 0, objects: new Map() }
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

  async load (): Promise<{ index: number, objects: Map<string, CommittedObject> }> {
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
    return { index, objects }
  }

  async save (index: number, changes: ReadonlyMap<string, CommittedObject | undefined>): Promise<void> {
    await this.disk.write(this.changeOps(index, changes), false)
  }

  async replace (index: number, objects: ReadonlyMap<string, CommittedObject>): Promise<void> {
    const ops: DiskOp[] = []
    for await (const [key] of this.disk.range(`${this.prefix}o/`, `${this.prefix}o0`)) {
      ops.push({ type: 'del', key })
    }
    // one batch: a crash leaves either the old checkpoint or the new one, never a mix
    ops.push(...this.changeOps(index, objects))
    await this.disk.write(ops, true)
  }

  private changeOps (index: number, changes: ReadonlyMap<string, CommittedObject | undefined>): DiskOp[] {
    const ops: DiskOp[] = []
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

function decodeObject (bytes: Uint8Array): ObjectRecord {
  try {
    return ObjectRecord.decode(bytes)
  } catch (err) {
    throw new CorruptDataError(`Undecodable checkpointed object: ${(err as Error).message}`)
  }
}
