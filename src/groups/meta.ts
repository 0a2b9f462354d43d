import { createHash } from 'node:crypto'
import { CorruptDataError } from '../errors.ts'
import { GroupRecord, NodeRecord, SlotTable } from './pb/meta.ts'

/** The metadata group's id: one per mesh */
export const META_GROUP_ID = 'meta'

/** Objects of the metadata group; user tasks cannot read or write keys under it */
export const META_PREFIX = '~meta/'

export const SLOT_COUNT = 4096

export function nodeKey (node: string): string {
  return `${META_PREFIX}node/${node}`
}

export function groupKey (group: string): string {
  return `${META_PREFIX}group/${group}`
}

export const SLOTS_KEY = `${META_PREFIX}slots`

/** Data groups are named `<founding node>.<tag>` */
export function founderOf (groupId: string): string | undefined {
  const at = groupId.indexOf('.')
  return at <= 0 ? undefined : groupId.slice(0, at)
}

export function isMetaKey (key: string): boolean {
  return key.startsWith(META_PREFIX)
}

/** The slot of a key: the first two bytes of its SHA-256, modulo 4,096 */
export function slotOf (key: string): number {
  const digest = createHash('sha256').update(key).digest()
  return ((digest[0] << 8) | digest[1]) % SLOT_COUNT
}

export interface NodeInfo {
  incarnation: string
  addrs: string[]
  group: string
  dead: boolean
  joinedAtMs: number
}

export interface GroupInfo {
  founder: string
  voters: string[]
  learners: string[]
  leader?: string
  term: number
}

export function encodeNodeInfo (info: NodeInfo): Uint8Array {
  return NodeRecord.encode(info)
}

export function decodeNodeInfo (bytes: Uint8Array): NodeInfo {
  try {
    return NodeRecord.decode(bytes)
  } catch (err) {
    throw new CorruptDataError(`Undecodable node record: ${(err as Error).message}`)
  }
}

export function encodeGroupInfo (info: GroupInfo): Uint8Array {
  return GroupRecord.encode(info)
}

export function decodeGroupInfo (bytes: Uint8Array): GroupInfo {
  try {
    return GroupRecord.decode(bytes)
  } catch (err) {
    throw new CorruptDataError(`Undecodable group record: ${(err as Error).message}`)
  }
}

/** The home group of every slot */
export class Slots {
  readonly version: number
  private readonly groups: string[]
  private readonly slots: Uint16Array

  private constructor (version: number, groups: string[], slots: Uint16Array) {
    this.version = version
    this.groups = groups
    this.slots = slots
  }

  /** Every slot homed in one group */
  static all (group: string): Slots {
    return new Slots(1, [group], new Uint16Array(SLOT_COUNT))
  }

  static decode (bytes: Uint8Array): Slots {
    let table: SlotTable
    try {
      table = SlotTable.decode(bytes)
    } catch (err) {
      throw new CorruptDataError(`Undecodable slot table: ${(err as Error).message}`)
    }
    if (table.slots.byteLength !== SLOT_COUNT * 2) {
      throw new CorruptDataError(`Slot table has ${table.slots.byteLength} bytes, expected ${SLOT_COUNT * 2}`)
    }
    const slots = new Uint16Array(SLOT_COUNT)
    const view = new DataView(table.slots.buffer, table.slots.byteOffset, table.slots.byteLength)
    for (let i = 0; i < SLOT_COUNT; i++) {
      slots[i] = view.getUint16(i * 2, true)
      if (slots[i] >= table.groups.length) {
        throw new CorruptDataError(`Slot ${i} names group ${slots[i]} of ${table.groups.length}`)
      }
    }
    return new Slots(table.version, table.groups, slots)
  }

  encode (): Uint8Array {
    const bytes = new Uint8Array(SLOT_COUNT * 2)
    const view = new DataView(bytes.buffer)
    for (let i = 0; i < SLOT_COUNT; i++) {
      view.setUint16(i * 2, this.slots[i], true)
    }
    return SlotTable.encode({ version: this.version, groups: this.groups, slots: bytes })
  }

  homeOf (slot: number): string {
    return this.groups[this.slots[slot]]
  }

  /** How many slots each group homes */
  counts (): Map<string, number> {
    const counts = new Map<string, number>()
    for (const index of this.slots) {
      const group = this.groups[index]
      counts.set(group, (counts.get(group) ?? 0) + 1)
    }
    return counts
  }
}
