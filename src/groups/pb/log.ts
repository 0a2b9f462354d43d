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

export interface WriteSet {
  ts: number
  writes: Write[]
  creates: Owned[]
  created: Creation[]
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

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ts: 0,
          writes: [],
          creates: [],
          created: []
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
          created: 0
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

  export function encode (obj: Partial<WriteSet>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, WriteSet.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<WriteSet>): WriteSet {
    return decodeMessage(buf, WriteSet.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<WriteSet>): Generator<WriteSetTsFieldEvent | WriteSetWritesKeyFieldEvent | WriteSetWritesValueFieldEvent | WriteSetCreatesKeyFieldEvent | WriteSetCreatesCounterFieldEvent | WriteSetCreatesTermFieldEvent | WriteSetCreatedKeyFieldEvent | WriteSetCreatedOwnerFieldEvent | WriteSetCreatedCounterFieldEvent | WriteSetCreatedTermFieldEvent> {
    return streamMessage(buf, WriteSet.codec(), opts)
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

  export function encode (obj: Partial<Command>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Command.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Command>): Command {
    return decodeMessage(buf, Command.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Command>): Generator<CommandSetsTsFieldEvent | CommandSetsWritesKeyFieldEvent | CommandSetsWritesValueFieldEvent | CommandSetsCreatesKeyFieldEvent | CommandSetsCreatesCounterFieldEvent | CommandSetsCreatesTermFieldEvent | CommandSetsCreatedKeyFieldEvent | CommandSetsCreatedOwnerFieldEvent | CommandSetsCreatedCounterFieldEvent | CommandSetsCreatedTermFieldEvent> {
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

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LogEntry>): Generator<LogEntryTermFieldEvent | LogEntryIndexFieldEvent | LogEntryKindFieldEvent | LogEntryConfigVotersFieldEvent | LogEntryConfigLearnersFieldEvent | LogEntryCommandSetsTsFieldEvent | LogEntryCommandSetsWritesKeyFieldEvent | LogEntryCommandSetsWritesValueFieldEvent | LogEntryCommandSetsCreatesKeyFieldEvent | LogEntryCommandSetsCreatesCounterFieldEvent | LogEntryCommandSetsCreatesTermFieldEvent | LogEntryCommandSetsCreatedKeyFieldEvent | LogEntryCommandSetsCreatedOwnerFieldEvent | LogEntryCommandSetsCreatedCounterFieldEvent | LogEntryCommandSetsCreatedTermFieldEvent | LogEntrySyncFieldEvent> {
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
  owned: Owned[]
  created: Creation[]
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

        if (obj.owned != null && obj.owned.length > 0) {
          for (const value of obj.owned) {
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

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          index: 0,
          objects: [],
          owned: [],
          created: []
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
            case 3: {
              if (opts.limits?.owned != null && obj.owned.length === opts.limits.owned) {
                throw new MaxLengthError('Decode error - repeated field "owned" had too many elements')
              }

              obj.owned.push(Owned.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.owned$
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
          owned: 0,
          created: 0
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
            case 3: {
              if (opts.limits?.owned != null && obj.owned === opts.limits.owned) {
                throw new MaxLengthError('Streaming decode error - repeated field "owned" had too many elements')
              }

              for (const evt of Owned.codec().stream(reader, reader.uint32(), `${prefix}.owned[]`, {
                limits: opts.limits?.owned$
              })) {
                yield {
                  ...evt,
                  index: obj.owned
                }
              }

              obj.owned++

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

  export interface GroupSnapshotOwnedKeyFieldEvent {
    field: '$.owned[].key'
    value: string
    index: number
  }

  export interface GroupSnapshotOwnedCounterFieldEvent {
    field: '$.owned[].counter'
    value: number
    index: number
  }

  export interface GroupSnapshotOwnedTermFieldEvent {
    field: '$.owned[].term'
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

  export function encode (obj: Partial<GroupSnapshot>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupSnapshot.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupSnapshot>): GroupSnapshot {
    return decodeMessage(buf, GroupSnapshot.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupSnapshot>): Generator<GroupSnapshotIndexFieldEvent | GroupSnapshotObjectsKeyFieldEvent | GroupSnapshotObjectsValueFieldEvent | GroupSnapshotObjectsTsFieldEvent | GroupSnapshotObjectsIndexFieldEvent | GroupSnapshotOwnedKeyFieldEvent | GroupSnapshotOwnedCounterFieldEvent | GroupSnapshotOwnedTermFieldEvent | GroupSnapshotCreatedKeyFieldEvent | GroupSnapshotCreatedOwnerFieldEvent | GroupSnapshotCreatedCounterFieldEvent | GroupSnapshotCreatedTermFieldEvent> {
    return streamMessage(buf, GroupSnapshot.codec(), opts)
  }
}
