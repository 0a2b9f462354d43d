import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface NodeRecord {
  incarnation: string
  addrs: string[]
  group: string
  dead: boolean
  joinedAtMs: number
}

export namespace NodeRecord {
  let _codec: Codec<NodeRecord>

  export const codec = (): Codec<NodeRecord> => {
    if (_codec == null) {
      _codec = message<NodeRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.incarnation != null && obj.incarnation !== '')) {
          w.uint32(10)
          w.string(obj.incarnation)
        }

        if (obj.addrs != null && obj.addrs.length > 0) {
          for (const value of obj.addrs) {
            w.uint32(18)
            w.string(value)
          }
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(26)
          w.string(obj.group)
        }

        if ((obj.dead != null && obj.dead !== false)) {
          w.uint32(32)
          w.bool(obj.dead)
        }

        if ((obj.joinedAtMs != null && obj.joinedAtMs !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.joinedAtMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          incarnation: '',
          addrs: [],
          group: '',
          dead: false,
          joinedAtMs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.incarnation = reader.string()
              break
            }
            case 2: {
              if (opts.limits?.addrs != null && obj.addrs.length === opts.limits.addrs) {
                throw new MaxLengthError('Decode error - repeated field "addrs" had too many elements')
              }

              obj.addrs.push(reader.string())
              break
            }
            case 3: {
              obj.group = reader.string()
              break
            }
            case 4: {
              obj.dead = reader.bool()
              break
            }
            case 5: {
              obj.joinedAtMs = reader.uint64Number()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          addrs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.incarnation`,
                value: reader.string()
              }
              break
            }
            case 2: {
              if (opts.limits?.addrs != null && obj.addrs === opts.limits.addrs) {
                throw new MaxLengthError('Streaming decode error - repeated field "addrs" had too many elements')
              }

              yield {
                field: `${prefix}.addrs[]`,
                index: obj.addrs,
                value: reader.string()
              }

              obj.addrs++

              break
            }
            case 3: {
              yield {
                field: `${prefix}.group`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.dead`,
                value: reader.bool()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.joinedAtMs`,
                value: reader.uint64Number()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface NodeRecordIncarnationFieldEvent {
    field: '$.incarnation'
    value: string
  }

  export interface NodeRecordAddrsFieldEvent {
    field: '$.addrs[]'
    index: number
    value: string
  }

  export interface NodeRecordGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface NodeRecordDeadFieldEvent {
    field: '$.dead'
    value: boolean
  }

  export interface NodeRecordJoinedAtMsFieldEvent {
    field: '$.joinedAtMs'
    value: number
  }

  export function encode (obj: Partial<NodeRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, NodeRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NodeRecord>): NodeRecord {
    return decodeMessage(buf, NodeRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NodeRecord>): Generator<NodeRecordIncarnationFieldEvent | NodeRecordAddrsFieldEvent | NodeRecordGroupFieldEvent | NodeRecordDeadFieldEvent | NodeRecordJoinedAtMsFieldEvent> {
    return streamMessage(buf, NodeRecord.codec(), opts)
  }
}

export interface GroupRecord {
  founder: string
  voters: string[]
  learners: string[]
  leader?: string
  term: number
}

export namespace GroupRecord {
  let _codec: Codec<GroupRecord>

  export const codec = (): Codec<GroupRecord> => {
    if (_codec == null) {
      _codec = message<GroupRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.founder != null && obj.founder !== '')) {
          w.uint32(10)
          w.string(obj.founder)
        }

        if (obj.voters != null && obj.voters.length > 0) {
          for (const value of obj.voters) {
            w.uint32(18)
            w.string(value)
          }
        }

        if (obj.learners != null && obj.learners.length > 0) {
          for (const value of obj.learners) {
            w.uint32(26)
            w.string(value)
          }
        }

        if (obj.leader != null) {
          w.uint32(34)
          w.string(obj.leader)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.term)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          founder: '',
          voters: [],
          learners: [],
          term: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.founder = reader.string()
              break
            }
            case 2: {
              if (opts.limits?.voters != null && obj.voters.length === opts.limits.voters) {
                throw new MaxLengthError('Decode error - repeated field "voters" had too many elements')
              }

              obj.voters.push(reader.string())
              break
            }
            case 3: {
              if (opts.limits?.learners != null && obj.learners.length === opts.limits.learners) {
                throw new MaxLengthError('Decode error - repeated field "learners" had too many elements')
              }

              obj.learners.push(reader.string())
              break
            }
            case 4: {
              obj.leader = reader.string()
              break
            }
            case 5: {
              obj.term = reader.uint64Number()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          voters: 0,
          learners: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.founder`,
                value: reader.string()
              }
              break
            }
            case 2: {
              if (opts.limits?.voters != null && obj.voters === opts.limits.voters) {
                throw new MaxLengthError('Streaming decode error - repeated field "voters" had too many elements')
              }

              yield {
                field: `${prefix}.voters[]`,
                index: obj.voters,
                value: reader.string()
              }

              obj.voters++

              break
            }
            case 3: {
              if (opts.limits?.learners != null && obj.learners === opts.limits.learners) {
                throw new MaxLengthError('Streaming decode error - repeated field "learners" had too many elements')
              }

              yield {
                field: `${prefix}.learners[]`,
                index: obj.learners,
                value: reader.string()
              }

              obj.learners++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.leader`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface GroupRecordFounderFieldEvent {
    field: '$.founder'
    value: string
  }

  export interface GroupRecordVotersFieldEvent {
    field: '$.voters[]'
    index: number
    value: string
  }

  export interface GroupRecordLearnersFieldEvent {
    field: '$.learners[]'
    index: number
    value: string
  }

  export interface GroupRecordLeaderFieldEvent {
    field: '$.leader'
    value: string
  }

  export interface GroupRecordTermFieldEvent {
    field: '$.term'
    value: number
  }

  export function encode (obj: Partial<GroupRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupRecord>): GroupRecord {
    return decodeMessage(buf, GroupRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupRecord>): Generator<GroupRecordFounderFieldEvent | GroupRecordVotersFieldEvent | GroupRecordLearnersFieldEvent | GroupRecordLeaderFieldEvent | GroupRecordTermFieldEvent> {
    return streamMessage(buf, GroupRecord.codec(), opts)
  }
}

export interface SlotTable {
  version: number
  groups: string[]
  slots: Uint8Array<ArrayBuffer>
}

export namespace SlotTable {
  let _codec: Codec<SlotTable>

  export const codec = (): Codec<SlotTable> => {
    if (_codec == null) {
      _codec = message<SlotTable>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.version)
        }

        if (obj.groups != null && obj.groups.length > 0) {
          for (const value of obj.groups) {
            w.uint32(18)
            w.string(value)
          }
        }

        if ((obj.slots != null && obj.slots.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.slots)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          groups: [],
          slots: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint64Number()
              break
            }
            case 2: {
              if (opts.limits?.groups != null && obj.groups.length === opts.limits.groups) {
                throw new MaxLengthError('Decode error - repeated field "groups" had too many elements')
              }

              obj.groups.push(reader.string())
              break
            }
            case 3: {
              obj.slots = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          groups: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              if (opts.limits?.groups != null && obj.groups === opts.limits.groups) {
                throw new MaxLengthError('Streaming decode error - repeated field "groups" had too many elements')
              }

              yield {
                field: `${prefix}.groups[]`,
                index: obj.groups,
                value: reader.string()
              }

              obj.groups++

              break
            }
            case 3: {
              yield {
                field: `${prefix}.slots`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface SlotTableVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface SlotTableGroupsFieldEvent {
    field: '$.groups[]'
    index: number
    value: string
  }

  export interface SlotTableSlotsFieldEvent {
    field: '$.slots'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SlotTable>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SlotTable.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SlotTable>): SlotTable {
    return decodeMessage(buf, SlotTable.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SlotTable>): Generator<SlotTableVersionFieldEvent | SlotTableGroupsFieldEvent | SlotTableSlotsFieldEvent> {
    return streamMessage(buf, SlotTable.codec(), opts)
  }
}
