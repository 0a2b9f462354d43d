import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Membership {
  voters: string[]
  learners: string[]
}

export namespace Membership {
  let _codec: Codec<Membership>

  export const codec = (): Codec<Membership> => {
    if (_codec == null) {
      _codec = message<Membership>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.voters != null && obj.voters.length > 0) {
          for (const value of obj.voters) {
            w.uint32(10)
            w.string(value)
          }
        }

        if (obj.learners != null && obj.learners.length > 0) {
          for (const value of obj.learners) {
            w.uint32(18)
            w.string(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          voters: [],
          learners: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.voters != null && obj.voters.length === opts.limits.voters) {
                throw new MaxLengthError('Decode error - repeated field "voters" had too many elements')
              }

              obj.voters.push(reader.string())
              break
            }
            case 2: {
              if (opts.limits?.learners != null && obj.learners.length === opts.limits.learners) {
                throw new MaxLengthError('Decode error - repeated field "learners" had too many elements')
              }

              obj.learners.push(reader.string())
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
            case 2: {
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

  export interface MembershipVotersFieldEvent {
    field: '$.voters[]'
    index: number
    value: string
  }

  export interface MembershipLearnersFieldEvent {
    field: '$.learners[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<Membership>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Membership.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Membership>): Membership {
    return decodeMessage(buf, Membership.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Membership>): Generator<MembershipVotersFieldEvent | MembershipLearnersFieldEvent> {
    return streamMessage(buf, Membership.codec(), opts)
  }
}

export interface Write {
  key: string
  value?: Uint8Array<ArrayBuffer>
}

export namespace Write {
  let _codec: Codec<Write>

  export const codec = (): Codec<Write> => {
    if (_codec == null) {
      _codec = message<Write>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.key != null && obj.key !== '')) {
          w.uint32(10)
          w.string(obj.key)
        }

        if (obj.value != null) {
          w.uint32(18)
          w.bytes(obj.value)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          key: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.key = reader.string()
              break
            }
            case 2: {
              obj.value = reader.bytes()
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
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.key`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.value`,
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

  export interface WriteKeyFieldEvent {
    field: '$.key'
    value: string
  }

  export interface WriteValueFieldEvent {
    field: '$.value'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Write>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Write.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Write>): Write {
    return decodeMessage(buf, Write.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Write>): Generator<WriteKeyFieldEvent | WriteValueFieldEvent> {
    return streamMessage(buf, Write.codec(), opts)
  }
}

export interface Owned {
  key: string
  counter: number
  term: number
}

export namespace Owned {
  let _codec: Codec<Owned>

  export const codec = (): Codec<Owned> => {
    if (_codec == null) {
      _codec = message<Owned>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.key != null && obj.key !== '')) {
          w.uint32(10)
          w.string(obj.key)
        }

        if ((obj.counter != null && obj.counter !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.counter)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.term)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          key: '',
          counter: 0,
          term: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.key = reader.string()
              break
            }
            case 2: {
              obj.counter = reader.uint64Number()
              break
            }
            case 3: {
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
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.key`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.counter`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
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

  export interface OwnedKeyFieldEvent {
    field: '$.key'
    value: string
  }

  export interface OwnedCounterFieldEvent {
    field: '$.counter'
    value: number
  }

  export interface OwnedTermFieldEvent {
    field: '$.term'
    value: number
  }

  export function encode (obj: Partial<Owned>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Owned.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Owned>): Owned {
    return decodeMessage(buf, Owned.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Owned>): Generator<OwnedKeyFieldEvent | OwnedCounterFieldEvent | OwnedTermFieldEvent> {
    return streamMessage(buf, Owned.codec(), opts)
  }
}

export interface Creation {
  key: string
  owner: string
  counter: number
  term: number
}

export namespace Creation {
  let _codec: Codec<Creation>

  export const codec = (): Codec<Creation> => {
    if (_codec == null) {
      _codec = message<Creation>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.key != null && obj.key !== '')) {
          w.uint32(10)
          w.string(obj.key)
        }

        if ((obj.owner != null && obj.owner !== '')) {
          w.uint32(18)
          w.string(obj.owner)
        }

        if ((obj.counter != null && obj.counter !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.counter)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.term)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          key: '',
          owner: '',
          counter: 0,
          term: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.key = reader.string()
              break
            }
            case 2: {
              obj.owner = reader.string()
              break
            }
            case 3: {
              obj.counter = reader.uint64Number()
              break
            }
            case 4: {
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
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.key`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.owner`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.counter`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
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

  export interface CreationKeyFieldEvent {
    field: '$.key'
    value: string
  }

  export interface CreationOwnerFieldEvent {
    field: '$.owner'
    value: string
  }

  export interface CreationCounterFieldEvent {
    field: '$.counter'
    value: number
  }

  export interface CreationTermFieldEvent {
    field: '$.term'
    value: number
  }

  export function encode (obj: Partial<Creation>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Creation.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Creation>): Creation {
    return decodeMessage(buf, Creation.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Creation>): Generator<CreationKeyFieldEvent | CreationOwnerFieldEvent | CreationCounterFieldEvent | CreationTermFieldEvent> {
    return streamMessage(buf, Creation.codec(), opts)
  }
}

export enum MoveKind {
  OUT = 'OUT',
  IN = 'IN',
  REFUSED = 'REFUSED',
  ACKED = 'ACKED',
  CANCEL = 'CANCEL'
}

enum __MoveKindValues {
  OUT = 0,
  IN = 1,
  REFUSED = 2,
  ACKED = 3,
  CANCEL = 4
}

export namespace MoveKind {
  export const codec = (): Codec<MoveKind> => {
    return enumeration<MoveKind>(__MoveKindValues)
  }
}

export interface Move {
  kind: MoveKind
  key: string
  counter: number
  term: number
  group: string
  value?: Uint8Array<ArrayBuffer>
  ts: number
  floor: number
}

export namespace Move {
  let _codec: Codec<Move>

  export const codec = (): Codec<Move> => {
    if (_codec == null) {
      _codec = message<Move>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.kind != null && __MoveKindValues[obj.kind] !== 0) {
          w.uint32(8)
          MoveKind.codec().encode(obj.kind, w)
        }

        if ((obj.key != null && obj.key !== '')) {
          w.uint32(18)
          w.string(obj.key)
        }

        if ((obj.counter != null && obj.counter !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.counter)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.term)
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(42)
          w.string(obj.group)
        }

        if (obj.value != null) {
          w.uint32(50)
          w.bytes(obj.value)
        }

        if ((obj.ts != null && obj.ts !== 0)) {
          w.uint32(56)
          w.uint64Number(obj.ts)
        }

        if ((obj.floor != null && obj.floor !== 0)) {
          w.uint32(64)
          w.uint64Number(obj.floor)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          kind: MoveKind.OUT,
          key: '',
          counter: 0,
          term: 0,
          group: '',
          ts: 0,
          floor: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.kind = MoveKind.codec().decode(reader)
              break
            }
            case 2: {
              obj.key = reader.string()
              break
            }
            case 3: {
              obj.counter = reader.uint64Number()
              break
            }
            case 4: {
              obj.term = reader.uint64Number()
              break
            }
            case 5: {
              obj.group = reader.string()
              break
            }
            case 6: {
              obj.value = reader.bytes()
              break
            }
            case 7: {
              obj.ts = reader.uint64Number()
              break
            }
            case 8: {
              obj.floor = reader.uint64Number()
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
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.kind`,
                value: MoveKind.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.key`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.counter`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.group`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.value`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.ts`,
                value: reader.uint64Number()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.floor`,
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

  export interface MoveKindFieldEvent {
    field: '$.kind'
    value: MoveKind
  }

  export interface MoveKeyFieldEvent {
    field: '$.key'
    value: string
  }

  export interface MoveCounterFieldEvent {
    field: '$.counter'
    value: number
  }

  export interface MoveTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface MoveGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface MoveValueFieldEvent {
    field: '$.value'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MoveTsFieldEvent {
    field: '$.ts'
    value: number
  }

  export interface MoveFloorFieldEvent {
    field: '$.floor'
    value: number
  }

  export function encode (obj: Partial<Move>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Move.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Move>): Move {
    return decodeMessage(buf, Move.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Move>): Generator<MoveKindFieldEvent | MoveKeyFieldEvent | MoveCounterFieldEvent | MoveTermFieldEvent | MoveGroupFieldEvent | MoveValueFieldEvent | MoveTsFieldEvent | MoveFloorFieldEvent> {
    return streamMessage(buf, Move.codec(), opts)
  }
}

export interface WriteSet {
  ts: number
  writes: Write[]
  creates: Owned[]
  created: Creation[]
  moves: Move[]
}

export namespace WriteSet {
  let _codec: Codec<WriteSet>

  export const codec = (): Codec<WriteSet> => {
    if (_codec == null) {
      _codec = message<WriteSet>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.ts != null && obj.ts !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.ts)
        }

        if (obj.writes != null && obj.writes.length > 0) {
          for (const value of obj.writes) {
            w.uint32(18)
            Write.codec().encode(value, w)
          }
        }

        if (obj.creates != null && obj.creates.length > 0) {
          for (const value of obj.creates) {
            w.uint32(26)
            Owned.codec().encode(value, w)
          }
        }

        if (obj.created != null && obj.created.length > 0) {
          for (const value of obj.created) {
            w.uint32(34)
            Creation.codec().encode(value, w)
          }
        }

        if (obj.moves != null && obj.moves.length > 0) {
          for (const value of obj.moves) {
            w.uint32(42)
            Move.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ts: 0,
          writes: [],
          creates: [],
          created: [],
          moves: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.ts = reader.uint64Number()
              break
            }
            case 2: {
              if (opts.limits?.writes != null && obj.writes.length === opts.limits.writes) {
                throw new MaxLengthError('Decode error - repeated field "writes" had too many elements')
              }

              obj.writes.push(Write.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.writes$
              }))
              break
            }
            case 3: {
              if (opts.limits?.creates != null && obj.creates.length === opts.limits.creates) {
                throw new MaxLengthError('Decode error - repeated field "creates" had too many elements')
              }

              obj.creates.push(Owned.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.creates$
              }))
              break
            }
            case 4: {
              if (opts.limits?.created != null && obj.created.length === opts.limits.created) {
                throw new MaxLengthError('Decode error - repeated field "created" had too many elements')
              }

              obj.created.push(Creation.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.created$
              }))
              break
            }
            case 5: {
              if (opts.limits?.moves != null && obj.moves.length === opts.limits.moves) {
                throw new MaxLengthError('Decode error - repeated field "moves" had too many elements')
              }

              obj.moves.push(Move.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.moves$
              }))
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
          writes: 0,
          creates: 0,
          created: 0,
          moves: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.ts`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              if (opts.limits?.writes != null && obj.writes === opts.limits.writes) {
                throw new MaxLengthError('Streaming decode error - repeated field "writes" had too many elements')
              }

              for (const evt of Write.codec().stream(reader, reader.uint32(), `${prefix}.writes[]`, {
                limits: opts.limits?.writes$
              })) {
                yield {
                  ...evt,
                  index: obj.writes
                }
              }

              obj.writes++

              break
            }
            case 3: {
              if (opts.limits?.creates != null && obj.creates === opts.limits.creates) {
                throw new MaxLengthError('Streaming decode error - repeated field "creates" had too many elements')
              }

              for (const evt of Owned.codec().stream(reader, reader.uint32(), `${prefix}.creates[]`, {
                limits: opts.limits?.creates$
              })) {
                yield {
                  ...evt,
                  index: obj.creates
                }
              }

              obj.creates++

              break
            }
            case 4: {
              if (opts.limits?.created != null && obj.created === opts.limits.created) {
                throw new MaxLengthError('Streaming decode error - repeated field "created" had too many elements')
              }

              for (const evt of Creation.codec().stream(reader, reader.uint32(), `${prefix}.created[]`, {
                limits: opts.limits?.created$
              })) {
                yield {
                  ...evt,
                  index: obj.created
                }
              }

              obj.created++

              break
            }
            case 5: {
              if (opts.limits?.moves != null && obj.moves === opts.limits.moves) {
                throw new MaxLengthError('Streaming decode error - repeated field "moves" had too many elements')
              }

              for (const evt of Move.codec().stream(reader, reader.uint32(), `${prefix}.moves[]`, {
                limits: opts.limits?.moves$
              })) {
                yield {
                  ...evt,
                  index: obj.moves
                }
              }

              obj.moves++

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

  export interface WriteSetTsFieldEvent {
    field: '$.ts'
    value: number
  }

  export interface WriteSetWritesKeyFieldEvent {
    field: '$.writes[].key'
    value: string
    index: number
  }

  export interface WriteSetWritesValueFieldEvent {
    field: '$.writes[].value'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface WriteSetCreatesKeyFieldEvent {
    field: '$.creates[].key'
    value: string
    index: number
  }

  export interface WriteSetCreatesCounterFieldEvent {
    field: '$.creates[].counter'
    value: number
    index: number
  }

  export interface WriteSetCreatesTermFieldEvent {
    field: '$.creates[].term'
    value: number
    index: number
  }

  export interface WriteSetCreatedKeyFieldEvent {
    field: '$.created[].key'
    value: string
    index: number
  }

  export interface WriteSetCreatedOwnerFieldEvent {
    field: '$.created[].owner'
    value: string
    index: number
  }

  export interface WriteSetCreatedCounterFieldEvent {
    field: '$.created[].counter'
    value: number
    index: number
  }

  export interface WriteSetCreatedTermFieldEvent {
    field: '$.created[].term'
    value: number
    index: number
  }

  export interface WriteSetMovesKindFieldEvent {
    field: '$.moves[].kind'
    value: MoveKind
    index: number
  }

  export interface WriteSetMovesKeyFieldEvent {
    field: '$.moves[].key'
    value: string
    index: number
  }

  export interface WriteSetMovesCounterFieldEvent {
    field: '$.moves[].counter'
    value: number
    index: number
  }

  export interface WriteSetMovesTermFieldEvent {
    field: '$.moves[].term'
    value: number
    index: number
  }

  export interface WriteSetMovesGroupFieldEvent {
    field: '$.moves[].group'
    value: string
    index: number
  }

  export interface WriteSetMovesValueFieldEvent {
    field: '$.moves[].value'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface WriteSetMovesTsFieldEvent {
    field: '$.moves[].ts'
    value: number
    index: number
  }

  export interface WriteSetMovesFloorFieldEvent {
    field: '$.moves[].floor'
    value: number
    index: number
  }

  export function encode (obj: Partial<WriteSet>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, WriteSet.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<WriteSet>): WriteSet {
    return decodeMessage(buf, WriteSet.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<WriteSet>): Generator<WriteSetTsFieldEvent | WriteSetWritesKeyFieldEvent | WriteSetWritesValueFieldEvent | WriteSetCreatesKeyFieldEvent | WriteSetCreatesCounterFieldEvent | WriteSetCreatesTermFieldEvent | WriteSetCreatedKeyFieldEvent | WriteSetCreatedOwnerFieldEvent | WriteSetCreatedCounterFieldEvent | WriteSetCreatedTermFieldEvent | WriteSetMovesKindFieldEvent | WriteSetMovesKeyFieldEvent | WriteSetMovesCounterFieldEvent | WriteSetMovesTermFieldEvent | WriteSetMovesGroupFieldEvent | WriteSetMovesValueFieldEvent | WriteSetMovesTsFieldEvent | WriteSetMovesFloorFieldEvent> {
    return streamMessage(buf, WriteSet.codec(), opts)
  }
}

export enum KeyStateKind {
  KEY_OWNED = 'KEY_OWNED',
  KEY_OUT = 'KEY_OUT',
  KEY_REFUSED = 'KEY_REFUSED'
}

enum __KeyStateKindValues {
  KEY_OWNED = 0,
  KEY_OUT = 1,
  KEY_REFUSED = 2
}

export namespace KeyStateKind {
  export const codec = (): Codec<KeyStateKind> => {
    return enumeration<KeyStateKind>(__KeyStateKindValues)
  }
}

export interface KeyOwnership {
  key: string
  counter: number
  term: number
  state: KeyStateKind
  to: string
  settled: boolean
  carried: boolean
  value?: Uint8Array<ArrayBuffer>
  ts: number
  floor: number
}

export namespace KeyOwnership {
  let _codec: Codec<KeyOwnership>

  export const codec = (): Codec<KeyOwnership> => {
    if (_codec == null) {
      _codec = message<KeyOwnership>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.key != null && obj.key !== '')) {
          w.uint32(10)
          w.string(obj.key)
        }

        if ((obj.counter != null && obj.counter !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.counter)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.term)
        }

        if (obj.state != null && __KeyStateKindValues[obj.state] !== 0) {
          w.uint32(32)
          KeyStateKind.codec().encode(obj.state, w)
        }

        if ((obj.to != null && obj.to !== '')) {
          w.uint32(42)
          w.string(obj.to)
        }

        if ((obj.settled != null && obj.settled !== false)) {
          w.uint32(48)
          w.bool(obj.settled)
        }

        if ((obj.carried != null && obj.carried !== false)) {
          w.uint32(56)
          w.bool(obj.carried)
        }

        if (obj.value != null) {
          w.uint32(66)
          w.bytes(obj.value)
        }

        if ((obj.ts != null && obj.ts !== 0)) {
          w.uint32(72)
          w.uint64Number(obj.ts)
        }

        if ((obj.floor != null && obj.floor !== 0)) {
          w.uint32(80)
          w.uint64Number(obj.floor)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          key: '',
          counter: 0,
          term: 0,
          state: KeyStateKind.KEY_OWNED,
          to: '',
          settled: false,
          carried: false,
          ts: 0,
          floor: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.key = reader.string()
              break
            }
            case 2: {
              obj.counter = reader.uint64Number()
              break
            }
            case 3: {
              obj.term = reader.uint64Number()
              break
            }
            case 4: {
              obj.state = KeyStateKind.codec().decode(reader)
              break
            }
            case 5: {
              obj.to = reader.string()
              break
            }
            case 6: {
              obj.settled = reader.bool()
              break
            }
            case 7: {
              obj.carried = reader.bool()
              break
            }
            case 8: {
              obj.value = reader.bytes()
              break
            }
            case 9: {
              obj.ts = reader.uint64Number()
              break
            }
            case 10: {
              obj.floor = reader.uint64Number()
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
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.key`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.counter`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.state`,
                value: KeyStateKind.codec().decode(reader)
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.to`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.settled`,
                value: reader.bool()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.carried`,
                value: reader.bool()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.value`,
                value: reader.bytes()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.ts`,
                value: reader.uint64Number()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.floor`,
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

  export interface KeyOwnershipKeyFieldEvent {
    field: '$.key'
    value: string
  }

  export interface KeyOwnershipCounterFieldEvent {
    field: '$.counter'
    value: number
  }

  export interface KeyOwnershipTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface KeyOwnershipStateFieldEvent {
    field: '$.state'
    value: KeyStateKind
  }

  export interface KeyOwnershipToFieldEvent {
    field: '$.to'
    value: string
  }

  export interface KeyOwnershipSettledFieldEvent {
    field: '$.settled'
    value: boolean
  }

  export interface KeyOwnershipCarriedFieldEvent {
    field: '$.carried'
    value: boolean
  }

  export interface KeyOwnershipValueFieldEvent {
    field: '$.value'
    value: Uint8Array<ArrayBuffer>
  }

  export interface KeyOwnershipTsFieldEvent {
    field: '$.ts'
    value: number
  }

  export interface KeyOwnershipFloorFieldEvent {
    field: '$.floor'
    value: number
  }

  export function encode (obj: Partial<KeyOwnership>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, KeyOwnership.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<KeyOwnership>): KeyOwnership {
    return decodeMessage(buf, KeyOwnership.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<KeyOwnership>): Generator<KeyOwnershipKeyFieldEvent | KeyOwnershipCounterFieldEvent | KeyOwnershipTermFieldEvent | KeyOwnershipStateFieldEvent | KeyOwnershipToFieldEvent | KeyOwnershipSettledFieldEvent | KeyOwnershipCarriedFieldEvent | KeyOwnershipValueFieldEvent | KeyOwnershipTsFieldEvent | KeyOwnershipFloorFieldEvent> {
    return streamMessage(buf, KeyOwnership.codec(), opts)
  }
}

export interface Command {
  sets: WriteSet[]
}

export namespace Command {
  let _codec: Codec<Command>

  export const codec = (): Codec<Command> => {
    if (_codec == null) {
      _codec = message<Command>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.sets != null && obj.sets.length > 0) {
          for (const value of obj.sets) {
            w.uint32(10)
            WriteSet.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          sets: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.sets != null && obj.sets.length === opts.limits.sets) {
                throw new MaxLengthError('Decode error - repeated field "sets" had too many elements')
              }

              obj.sets.push(WriteSet.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.sets$
              }))
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
          sets: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.sets != null && obj.sets === opts.limits.sets) {
                throw new MaxLengthError('Streaming decode error - repeated field "sets" had too many elements')
              }

              for (const evt of WriteSet.codec().stream(reader, reader.uint32(), `${prefix}.sets[]`, {
                limits: opts.limits?.sets$
              })) {
                yield {
                  ...evt,
                  index: obj.sets
                }
              }

              obj.sets++

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

  export interface CommandSetsTsFieldEvent {
    field: '$.sets[].ts'
    value: number
    index: number
  }

  export interface CommandSetsWritesKeyFieldEvent {
    field: '$.sets[].writes[].key'
    value: string
    index: number
  }

  export interface CommandSetsWritesValueFieldEvent {
    field: '$.sets[].writes[].value'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface CommandSetsCreatesKeyFieldEvent {
    field: '$.sets[].creates[].key'
    value: string
    index: number
  }

  export interface CommandSetsCreatesCounterFieldEvent {
    field: '$.sets[].creates[].counter'
    value: number
    index: number
  }

  export interface CommandSetsCreatesTermFieldEvent {
    field: '$.sets[].creates[].term'
    value: number
    index: number
  }

  export interface CommandSetsCreatedKeyFieldEvent {
    field: '$.sets[].created[].key'
    value: string
    index: number
  }

  export interface CommandSetsCreatedOwnerFieldEvent {
    field: '$.sets[].created[].owner'
    value: string
    index: number
  }

  export interface CommandSetsCreatedCounterFieldEvent {
    field: '$.sets[].created[].counter'
    value: number
    index: number
  }

  export interface CommandSetsCreatedTermFieldEvent {
    field: '$.sets[].created[].term'
    value: number
    index: number
  }

  export interface CommandSetsMovesKindFieldEvent {
    field: '$.sets[].moves[].kind'
    value: MoveKind
    index: number
  }

  export interface CommandSetsMovesKeyFieldEvent {
    field: '$.sets[].moves[].key'
    value: string
    index: number
  }

  export interface CommandSetsMovesCounterFieldEvent {
    field: '$.sets[].moves[].counter'
    value: number
    index: number
  }

  export interface CommandSetsMovesTermFieldEvent {
    field: '$.sets[].moves[].term'
    value: number
    index: number
  }

  export interface CommandSetsMovesGroupFieldEvent {
    field: '$.sets[].moves[].group'
    value: string
    index: number
  }

  export interface CommandSetsMovesValueFieldEvent {
    field: '$.sets[].moves[].value'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface CommandSetsMovesTsFieldEvent {
    field: '$.sets[].moves[].ts'
    value: number
    index: number
  }

  export interface CommandSetsMovesFloorFieldEvent {
    field: '$.sets[].moves[].floor'
    value: number
    index: number
  }

  export function encode (obj: Partial<Command>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Command.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Command>): Command {
    return decodeMessage(buf, Command.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Command>): Generator<CommandSetsTsFieldEvent | CommandSetsWritesKeyFieldEvent | CommandSetsWritesValueFieldEvent | CommandSetsCreatesKeyFieldEvent | CommandSetsCreatesCounterFieldEvent | CommandSetsCreatesTermFieldEvent | CommandSetsCreatedKeyFieldEvent | CommandSetsCreatedOwnerFieldEvent | CommandSetsCreatedCounterFieldEvent | CommandSetsCreatedTermFieldEvent | CommandSetsMovesKindFieldEvent | CommandSetsMovesKeyFieldEvent | CommandSetsMovesCounterFieldEvent | CommandSetsMovesTermFieldEvent | CommandSetsMovesGroupFieldEvent | CommandSetsMovesValueFieldEvent | CommandSetsMovesTsFieldEvent | CommandSetsMovesFloorFieldEvent> {
    return streamMessage(buf, Command.codec(), opts)
  }
}

export enum EntryKind {
  NOOP = 'NOOP',
  CONFIG = 'CONFIG',
  COMMAND = 'COMMAND'
}

enum __EntryKindValues {
  NOOP = 0,
  CONFIG = 1,
  COMMAND = 2
}

export namespace EntryKind {
  export const codec = (): Codec<EntryKind> => {
    return enumeration<EntryKind>(__EntryKindValues)
  }
}

export interface LogEntry {
  term: number
  index: number
  kind: EntryKind
  config?: Membership
  command?: Command
  sync: boolean
}

export namespace LogEntry {
  let _codec: Codec<LogEntry>

  export const codec = (): Codec<LogEntry> => {
    if (_codec == null) {
      _codec = message<LogEntry>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.term)
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.index)
        }

        if (obj.kind != null && __EntryKindValues[obj.kind] !== 0) {
          w.uint32(24)
          EntryKind.codec().encode(obj.kind, w)
        }

        if (obj.config != null) {
          w.uint32(34)
          Membership.codec().encode(obj.config, w)
        }

        if (obj.command != null) {
          w.uint32(42)
          Command.codec().encode(obj.command, w)
        }

        if ((obj.sync != null && obj.sync !== false)) {
          w.uint32(48)
          w.bool(obj.sync)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          term: 0,
          index: 0,
          kind: EntryKind.NOOP,
          sync: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.term = reader.uint64Number()
              break
            }
            case 2: {
              obj.index = reader.uint64Number()
              break
            }
            case 3: {
              obj.kind = EntryKind.codec().decode(reader)
              break
            }
            case 4: {
              obj.config = Membership.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.config
              })
              break
            }
            case 5: {
              obj.command = Command.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.command
              })
              break
            }
            case 6: {
              obj.sync = reader.bool()
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
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.index`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.kind`,
                value: EntryKind.codec().decode(reader)
              }
              break
            }
            case 4: {
              yield * Membership.codec().stream(reader, reader.uint32(), `${prefix}.config`, {
                limits: opts.limits?.config
              })

              break
            }
            case 5: {
              yield * Command.codec().stream(reader, reader.uint32(), `${prefix}.command`, {
                limits: opts.limits?.command
              })

              break
            }
            case 6: {
              yield {
                field: `${prefix}.sync`,
                value: reader.bool()
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

  export interface LogEntryTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface LogEntryIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export interface LogEntryKindFieldEvent {
    field: '$.kind'
    value: EntryKind
  }

  export interface LogEntryConfigVotersFieldEvent {
    field: '$.config.voters[]'
    index: number
    value: string
  }

  export interface LogEntryConfigLearnersFieldEvent {
    field: '$.config.learners[]'
    index: number
    value: string
  }

  export interface LogEntryCommandSetsTsFieldEvent {
    field: '$.command.sets[].ts'
    value: number
    index: number
  }

  export interface LogEntryCommandSetsWritesKeyFieldEvent {
    field: '$.command.sets[].writes[].key'
    value: string
    index: number
  }

  export interface LogEntryCommandSetsWritesValueFieldEvent {
    field: '$.command.sets[].writes[].value'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface LogEntryCommandSetsCreatesKeyFieldEvent {
    field: '$.command.sets[].creates[].key'
    value: string
    index: number
  }

  export interface LogEntryCommandSetsCreatesCounterFieldEvent {
    field: '$.command.sets[].creates[].counter'
    value: number
    index: number
  }

  export interface LogEntryCommandSetsCreatesTermFieldEvent {
    field: '$.command.sets[].creates[].term'
    value: number
    index: number
  }

  export interface LogEntryCommandSetsCreatedKeyFieldEvent {
    field: '$.command.sets[].created[].key'
    value: string
    index: number
  }

  export interface LogEntryCommandSetsCreatedOwnerFieldEvent {
    field: '$.command.sets[].created[].owner'
    value: string
    index: number
  }

  export interface LogEntryCommandSetsCreatedCounterFieldEvent {
    field: '$.command.sets[].created[].counter'
    value: number
    index: number
  }

  export interface LogEntryCommandSetsCreatedTermFieldEvent {
    field: '$.command.sets[].created[].term'
    value: number
    index: number
  }

  export interface LogEntryCommandSetsMovesKindFieldEvent {
    field: '$.command.sets[].moves[].kind'
    value: MoveKind
    index: number
  }

  export interface LogEntryCommandSetsMovesKeyFieldEvent {
    field: '$.command.sets[].moves[].key'
    value: string
    index: number
  }

  export interface LogEntryCommandSetsMovesCounterFieldEvent {
    field: '$.command.sets[].moves[].counter'
    value: number
    index: number
  }

  export interface LogEntryCommandSetsMovesTermFieldEvent {
    field: '$.command.sets[].moves[].term'
    value: number
    index: number
  }

  export interface LogEntryCommandSetsMovesGroupFieldEvent {
    field: '$.command.sets[].moves[].group'
    value: string
    index: number
  }

  export interface LogEntryCommandSetsMovesValueFieldEvent {
    field: '$.command.sets[].moves[].value'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface LogEntryCommandSetsMovesTsFieldEvent {
    field: '$.command.sets[].moves[].ts'
    value: number
    index: number
  }

  export interface LogEntryCommandSetsMovesFloorFieldEvent {
    field: '$.command.sets[].moves[].floor'
    value: number
    index: number
  }

  export interface LogEntrySyncFieldEvent {
    field: '$.sync'
    value: boolean
  }

  export function encode (obj: Partial<LogEntry>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LogEntry.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LogEntry>): LogEntry {
    return decodeMessage(buf, LogEntry.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LogEntry>): Generator<LogEntryTermFieldEvent | LogEntryIndexFieldEvent | LogEntryKindFieldEvent | LogEntryConfigVotersFieldEvent | LogEntryConfigLearnersFieldEvent | LogEntryCommandSetsTsFieldEvent | LogEntryCommandSetsWritesKeyFieldEvent | LogEntryCommandSetsWritesValueFieldEvent | LogEntryCommandSetsCreatesKeyFieldEvent | LogEntryCommandSetsCreatesCounterFieldEvent | LogEntryCommandSetsCreatesTermFieldEvent | LogEntryCommandSetsCreatedKeyFieldEvent | LogEntryCommandSetsCreatedOwnerFieldEvent | LogEntryCommandSetsCreatedCounterFieldEvent | LogEntryCommandSetsCreatedTermFieldEvent | LogEntryCommandSetsMovesKindFieldEvent | LogEntryCommandSetsMovesKeyFieldEvent | LogEntryCommandSetsMovesCounterFieldEvent | LogEntryCommandSetsMovesTermFieldEvent | LogEntryCommandSetsMovesGroupFieldEvent | LogEntryCommandSetsMovesValueFieldEvent | LogEntryCommandSetsMovesTsFieldEvent | LogEntryCommandSetsMovesFloorFieldEvent | LogEntrySyncFieldEvent> {
    return streamMessage(buf, LogEntry.codec(), opts)
  }
}

export interface HardStateRecord {
  term: number
  votedFor?: string
  leaseEnd: number
}

export namespace HardStateRecord {
  let _codec: Codec<HardStateRecord>

  export const codec = (): Codec<HardStateRecord> => {
    if (_codec == null) {
      _codec = message<HardStateRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.term)
        }

        if (obj.votedFor != null) {
          w.uint32(18)
          w.string(obj.votedFor)
        }

        if ((obj.leaseEnd != null && obj.leaseEnd !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.leaseEnd)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          term: 0,
          leaseEnd: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.term = reader.uint64Number()
              break
            }
            case 2: {
              obj.votedFor = reader.string()
              break
            }
            case 3: {
              obj.leaseEnd = reader.uint64Number()
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
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.votedFor`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.leaseEnd`,
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

  export interface HardStateRecordTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface HardStateRecordVotedForFieldEvent {
    field: '$.votedFor'
    value: string
  }

  export interface HardStateRecordLeaseEndFieldEvent {
    field: '$.leaseEnd'
    value: number
  }

  export function encode (obj: Partial<HardStateRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, HardStateRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HardStateRecord>): HardStateRecord {
    return decodeMessage(buf, HardStateRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HardStateRecord>): Generator<HardStateRecordTermFieldEvent | HardStateRecordVotedForFieldEvent | HardStateRecordLeaseEndFieldEvent> {
    return streamMessage(buf, HardStateRecord.codec(), opts)
  }
}

export interface TermStart {
  term: number
  index: number
}

export namespace TermStart {
  let _codec: Codec<TermStart>

  export const codec = (): Codec<TermStart> => {
    if (_codec == null) {
      _codec = message<TermStart>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.term)
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.index)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          term: 0,
          index: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.term = reader.uint64Number()
              break
            }
            case 2: {
              obj.index = reader.uint64Number()
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
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.index`,
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

  export interface TermStartTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface TermStartIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export function encode (obj: Partial<TermStart>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TermStart.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TermStart>): TermStart {
    return decodeMessage(buf, TermStart.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TermStart>): Generator<TermStartTermFieldEvent | TermStartIndexFieldEvent> {
    return streamMessage(buf, TermStart.codec(), opts)
  }
}

export interface SnapshotMetaRecord {
  index: number
  term: number
  membership?: Membership
  termStarts: TermStart[]
}

export namespace SnapshotMetaRecord {
  let _codec: Codec<SnapshotMetaRecord>

  export const codec = (): Codec<SnapshotMetaRecord> => {
    if (_codec == null) {
      _codec = message<SnapshotMetaRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.index)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.term)
        }

        if (obj.membership != null) {
          w.uint32(26)
          Membership.codec().encode(obj.membership, w)
        }

        if (obj.termStarts != null && obj.termStarts.length > 0) {
          for (const value of obj.termStarts) {
            w.uint32(34)
            TermStart.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          index: 0,
          term: 0,
          termStarts: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.index = reader.uint64Number()
              break
            }
            case 2: {
              obj.term = reader.uint64Number()
              break
            }
            case 3: {
              obj.membership = Membership.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.membership
              })
              break
            }
            case 4: {
              if (opts.limits?.termStarts != null && obj.termStarts.length === opts.limits.termStarts) {
                throw new MaxLengthError('Decode error - repeated field "termStarts" had too many elements')
              }

              obj.termStarts.push(TermStart.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.termStarts$
              }))
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
          termStarts: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.index`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield * Membership.codec().stream(reader, reader.uint32(), `${prefix}.membership`, {
                limits: opts.limits?.membership
              })

              break
            }
            case 4: {
              if (opts.limits?.termStarts != null && obj.termStarts === opts.limits.termStarts) {
                throw new MaxLengthError('Streaming decode error - repeated field "termStarts" had too many elements')
              }

              for (const evt of TermStart.codec().stream(reader, reader.uint32(), `${prefix}.termStarts[]`, {
                limits: opts.limits?.termStarts$
              })) {
                yield {
                  ...evt,
                  index: obj.termStarts
                }
              }

              obj.termStarts++

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

  export interface SnapshotMetaRecordIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export interface SnapshotMetaRecordTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface SnapshotMetaRecordMembershipVotersFieldEvent {
    field: '$.membership.voters[]'
    index: number
    value: string
  }

  export interface SnapshotMetaRecordMembershipLearnersFieldEvent {
    field: '$.membership.learners[]'
    index: number
    value: string
  }

  export interface SnapshotMetaRecordTermStartsTermFieldEvent {
    field: '$.termStarts[].term'
    value: number
    index: number
  }

  export interface SnapshotMetaRecordTermStartsIndexFieldEvent {
    field: '$.termStarts[].index'
    value: number
    index: number
  }

  export function encode (obj: Partial<SnapshotMetaRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SnapshotMetaRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SnapshotMetaRecord>): SnapshotMetaRecord {
    return decodeMessage(buf, SnapshotMetaRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SnapshotMetaRecord>): Generator<SnapshotMetaRecordIndexFieldEvent | SnapshotMetaRecordTermFieldEvent | SnapshotMetaRecordMembershipVotersFieldEvent | SnapshotMetaRecordMembershipLearnersFieldEvent | SnapshotMetaRecordTermStartsTermFieldEvent | SnapshotMetaRecordTermStartsIndexFieldEvent> {
    return streamMessage(buf, SnapshotMetaRecord.codec(), opts)
  }
}

export interface ObjectRecord {
  key: string
  value?: Uint8Array<ArrayBuffer>
  ts: number
  index: number
}

export namespace ObjectRecord {
  let _codec: Codec<ObjectRecord>

  export const codec = (): Codec<ObjectRecord> => {
    if (_codec == null) {
      _codec = message<ObjectRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.key != null && obj.key !== '')) {
          w.uint32(10)
          w.string(obj.key)
        }

        if (obj.value != null) {
          w.uint32(18)
          w.bytes(obj.value)
        }

        if ((obj.ts != null && obj.ts !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.ts)
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.index)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          key: '',
          ts: 0,
          index: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.key = reader.string()
              break
            }
            case 2: {
              obj.value = reader.bytes()
              break
            }
            case 3: {
              obj.ts = reader.uint64Number()
              break
            }
            case 4: {
              obj.index = reader.uint64Number()
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
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.key`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.value`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.ts`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.index`,
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

  export interface ObjectRecordKeyFieldEvent {
    field: '$.key'
    value: string
  }

  export interface ObjectRecordValueFieldEvent {
    field: '$.value'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ObjectRecordTsFieldEvent {
    field: '$.ts'
    value: number
  }

  export interface ObjectRecordIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export function encode (obj: Partial<ObjectRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ObjectRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ObjectRecord>): ObjectRecord {
    return decodeMessage(buf, ObjectRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ObjectRecord>): Generator<ObjectRecordKeyFieldEvent | ObjectRecordValueFieldEvent | ObjectRecordTsFieldEvent | ObjectRecordIndexFieldEvent> {
    return streamMessage(buf, ObjectRecord.codec(), opts)
  }
}

export interface GroupSnapshot {
  index: number
  objects: ObjectRecord[]
  created: Creation[]
  keys: KeyOwnership[]
}

export namespace GroupSnapshot {
  let _codec: Codec<GroupSnapshot>

  export const codec = (): Codec<GroupSnapshot> => {
    if (_codec == null) {
      _codec = message<GroupSnapshot>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.index)
        }

        if (obj.objects != null && obj.objects.length > 0) {
          for (const value of obj.objects) {
            w.uint32(18)
            ObjectRecord.codec().encode(value, w)
          }
        }

        if (obj.created != null && obj.created.length > 0) {
          for (const value of obj.created) {
            w.uint32(34)
            Creation.codec().encode(value, w)
          }
        }

        if (obj.keys != null && obj.keys.length > 0) {
          for (const value of obj.keys) {
            w.uint32(42)
            KeyOwnership.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          index: 0,
          objects: [],
          created: [],
          keys: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.index = reader.uint64Number()
              break
            }
            case 2: {
              if (opts.limits?.objects != null && obj.objects.length === opts.limits.objects) {
                throw new MaxLengthError('Decode error - repeated field "objects" had too many elements')
              }

              obj.objects.push(ObjectRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.objects$
              }))
              break
            }
            case 4: {
              if (opts.limits?.created != null && obj.created.length === opts.limits.created) {
                throw new MaxLengthError('Decode error - repeated field "created" had too many elements')
              }

              obj.created.push(Creation.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.created$
              }))
              break
            }
            case 5: {
              if (opts.limits?.keys != null && obj.keys.length === opts.limits.keys) {
                throw new MaxLengthError('Decode error - repeated field "keys" had too many elements')
              }

              obj.keys.push(KeyOwnership.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.keys$
              }))
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
          objects: 0,
          created: 0,
          keys: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.index`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              if (opts.limits?.objects != null && obj.objects === opts.limits.objects) {
                throw new MaxLengthError('Streaming decode error - repeated field "objects" had too many elements')
              }

              for (const evt of ObjectRecord.codec().stream(reader, reader.uint32(), `${prefix}.objects[]`, {
                limits: opts.limits?.objects$
              })) {
                yield {
                  ...evt,
                  index: obj.objects
                }
              }

              obj.objects++

              break
            }
            case 4: {
              if (opts.limits?.created != null && obj.created === opts.limits.created) {
                throw new MaxLengthError('Streaming decode error - repeated field "created" had too many elements')
              }

              for (const evt of Creation.codec().stream(reader, reader.uint32(), `${prefix}.created[]`, {
                limits: opts.limits?.created$
              })) {
                yield {
                  ...evt,
                  index: obj.created
                }
              }

              obj.created++

              break
            }
            case 5: {
              if (opts.limits?.keys != null && obj.keys === opts.limits.keys) {
                throw new MaxLengthError('Streaming decode error - repeated field "keys" had too many elements')
              }

              for (const evt of KeyOwnership.codec().stream(reader, reader.uint32(), `${prefix}.keys[]`, {
                limits: opts.limits?.keys$
              })) {
                yield {
                  ...evt,
                  index: obj.keys
                }
              }

              obj.keys++

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

  export interface GroupSnapshotIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export interface GroupSnapshotObjectsKeyFieldEvent {
    field: '$.objects[].key'
    value: string
    index: number
  }

  export interface GroupSnapshotObjectsValueFieldEvent {
    field: '$.objects[].value'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface GroupSnapshotObjectsTsFieldEvent {
    field: '$.objects[].ts'
    value: number
    index: number
  }

  export interface GroupSnapshotObjectsIndexFieldEvent {
    field: '$.objects[].index'
    value: number
    index: number
  }

  export interface GroupSnapshotCreatedKeyFieldEvent {
    field: '$.created[].key'
    value: string
    index: number
  }

  export interface GroupSnapshotCreatedOwnerFieldEvent {
    field: '$.created[].owner'
    value: string
    index: number
  }

  export interface GroupSnapshotCreatedCounterFieldEvent {
    field: '$.created[].counter'
    value: number
    index: number
  }

  export interface GroupSnapshotCreatedTermFieldEvent {
    field: '$.created[].term'
    value: number
    index: number
  }

  export interface GroupSnapshotKeysKeyFieldEvent {
    field: '$.keys[].key'
    value: string
    index: number
  }

  export interface GroupSnapshotKeysCounterFieldEvent {
    field: '$.keys[].counter'
    value: number
    index: number
  }

  export interface GroupSnapshotKeysTermFieldEvent {
    field: '$.keys[].term'
    value: number
    index: number
  }

  export interface GroupSnapshotKeysStateFieldEvent {
    field: '$.keys[].state'
    value: KeyStateKind
    index: number
  }

  export interface GroupSnapshotKeysToFieldEvent {
    field: '$.keys[].to'
    value: string
    index: number
  }

  export interface GroupSnapshotKeysSettledFieldEvent {
    field: '$.keys[].settled'
    value: boolean
    index: number
  }

  export interface GroupSnapshotKeysCarriedFieldEvent {
    field: '$.keys[].carried'
    value: boolean
    index: number
  }

  export interface GroupSnapshotKeysValueFieldEvent {
    field: '$.keys[].value'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface GroupSnapshotKeysTsFieldEvent {
    field: '$.keys[].ts'
    value: number
    index: number
  }

  export interface GroupSnapshotKeysFloorFieldEvent {
    field: '$.keys[].floor'
    value: number
    index: number
  }

  export function encode (obj: Partial<GroupSnapshot>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupSnapshot.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupSnapshot>): GroupSnapshot {
    return decodeMessage(buf, GroupSnapshot.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupSnapshot>): Generator<GroupSnapshotIndexFieldEvent | GroupSnapshotObjectsKeyFieldEvent | GroupSnapshotObjectsValueFieldEvent | GroupSnapshotObjectsTsFieldEvent | GroupSnapshotObjectsIndexFieldEvent | GroupSnapshotCreatedKeyFieldEvent | GroupSnapshotCreatedOwnerFieldEvent | GroupSnapshotCreatedCounterFieldEvent | GroupSnapshotCreatedTermFieldEvent | GroupSnapshotKeysKeyFieldEvent | GroupSnapshotKeysCounterFieldEvent | GroupSnapshotKeysTermFieldEvent | GroupSnapshotKeysStateFieldEvent | GroupSnapshotKeysToFieldEvent | GroupSnapshotKeysSettledFieldEvent | GroupSnapshotKeysCarriedFieldEvent | GroupSnapshotKeysValueFieldEvent | GroupSnapshotKeysTsFieldEvent | GroupSnapshotKeysFloorFieldEvent> {
    return streamMessage(buf, GroupSnapshot.codec(), opts)
  }
}
