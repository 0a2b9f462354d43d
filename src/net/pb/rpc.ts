/* eslint-disable require-yield */

import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface JoinBody {
  node: string
  incarnation: string
  group: string
  addrs: string[]
}

export namespace JoinBody {
  let _codec: Codec<JoinBody>

  export const codec = (): Codec<JoinBody> => {
    if (_codec == null) {
      _codec = message<JoinBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.node != null && obj.node !== '')) {
          w.uint32(10)
          w.string(obj.node)
        }

        if ((obj.incarnation != null && obj.incarnation !== '')) {
          w.uint32(18)
          w.string(obj.incarnation)
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(26)
          w.string(obj.group)
        }

        if (obj.addrs != null && obj.addrs.length > 0) {
          for (const value of obj.addrs) {
            w.uint32(34)
            w.string(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          node: '',
          incarnation: '',
          group: '',
          addrs: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.node = reader.string()
              break
            }
            case 2: {
              obj.incarnation = reader.string()
              break
            }
            case 3: {
              obj.group = reader.string()
              break
            }
            case 4: {
              if (opts.limits?.addrs != null && obj.addrs.length === opts.limits.addrs) {
                throw new MaxLengthError('Decode error - repeated field "addrs" had too many elements')
              }

              if (obj.addrs.length === 64) {
                throw new MaxLengthError('Decode error - repeated field "addrs" had too many elements')
              }

              obj.addrs.push(reader.string())
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
          addrs: 64
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.node`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.incarnation`,
                value: reader.string()
              }
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
              if (opts.limits?.addrs != null && obj.addrs === opts.limits.addrs) {
                throw new MaxLengthError('Streaming decode error - repeated field "addrs" had too many elements')
              }

              if (obj.addrs === 64) {
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

  export interface JoinBodyNodeFieldEvent {
    field: '$.node'
    value: string
  }

  export interface JoinBodyIncarnationFieldEvent {
    field: '$.incarnation'
    value: string
  }

  export interface JoinBodyGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface JoinBodyAddrsFieldEvent {
    field: '$.addrs[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<JoinBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JoinBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JoinBody>): JoinBody {
    return decodeMessage(buf, JoinBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JoinBody>): Generator<JoinBodyNodeFieldEvent | JoinBodyIncarnationFieldEvent | JoinBodyGroupFieldEvent | JoinBodyAddrsFieldEvent> {
    return streamMessage(buf, JoinBody.codec(), opts)
  }
}

export interface GroupReportBody {
  group: string
  founder: string
  voters: string[]
  learners: string[]
  leader: string
  term: number
}

export namespace GroupReportBody {
  let _codec: Codec<GroupReportBody>

  export const codec = (): Codec<GroupReportBody> => {
    if (_codec == null) {
      _codec = message<GroupReportBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(10)
          w.string(obj.group)
        }

        if ((obj.founder != null && obj.founder !== '')) {
          w.uint32(18)
          w.string(obj.founder)
        }

        if (obj.voters != null && obj.voters.length > 0) {
          for (const value of obj.voters) {
            w.uint32(26)
            w.string(value)
          }
        }

        if (obj.learners != null && obj.learners.length > 0) {
          for (const value of obj.learners) {
            w.uint32(34)
            w.string(value)
          }
        }

        if ((obj.leader != null && obj.leader !== '')) {
          w.uint32(42)
          w.string(obj.leader)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.term)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          group: '',
          founder: '',
          voters: [],
          learners: [],
          leader: '',
          term: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.group = reader.string()
              break
            }
            case 2: {
              obj.founder = reader.string()
              break
            }
            case 3: {
              if (opts.limits?.voters != null && obj.voters.length === opts.limits.voters) {
                throw new MaxLengthError('Decode error - repeated field "voters" had too many elements')
              }

              if (obj.voters.length === 64) {
                throw new MaxLengthError('Decode error - repeated field "voters" had too many elements')
              }

              obj.voters.push(reader.string())
              break
            }
            case 4: {
              if (opts.limits?.learners != null && obj.learners.length === opts.limits.learners) {
                throw new MaxLengthError('Decode error - repeated field "learners" had too many elements')
              }

              if (obj.learners.length === 64) {
                throw new MaxLengthError('Decode error - repeated field "learners" had too many elements')
              }

              obj.learners.push(reader.string())
              break
            }
            case 5: {
              obj.leader = reader.string()
              break
            }
            case 6: {
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
          voters: 64,
          learners: 64
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.group`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.founder`,
                value: reader.string()
              }
              break
            }
            case 3: {
              if (opts.limits?.voters != null && obj.voters === opts.limits.voters) {
                throw new MaxLengthError('Streaming decode error - repeated field "voters" had too many elements')
              }

              if (obj.voters === 64) {
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
            case 4: {
              if (opts.limits?.learners != null && obj.learners === opts.limits.learners) {
                throw new MaxLengthError('Streaming decode error - repeated field "learners" had too many elements')
              }

              if (obj.learners === 64) {
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
            case 5: {
              yield {
                field: `${prefix}.leader`,
                value: reader.string()
              }
              break
            }
            case 6: {
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

  export interface GroupReportBodyGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface GroupReportBodyFounderFieldEvent {
    field: '$.founder'
    value: string
  }

  export interface GroupReportBodyVotersFieldEvent {
    field: '$.voters[]'
    index: number
    value: string
  }

  export interface GroupReportBodyLearnersFieldEvent {
    field: '$.learners[]'
    index: number
    value: string
  }

  export interface GroupReportBodyLeaderFieldEvent {
    field: '$.leader'
    value: string
  }

  export interface GroupReportBodyTermFieldEvent {
    field: '$.term'
    value: number
  }

  export function encode (obj: Partial<GroupReportBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupReportBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupReportBody>): GroupReportBody {
    return decodeMessage(buf, GroupReportBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupReportBody>): Generator<GroupReportBodyGroupFieldEvent | GroupReportBodyFounderFieldEvent | GroupReportBodyVotersFieldEvent | GroupReportBodyLearnersFieldEvent | GroupReportBodyLeaderFieldEvent | GroupReportBodyTermFieldEvent> {
    return streamMessage(buf, GroupReportBody.codec(), opts)
  }
}

export interface ClaimBody {
  key: string
  group: string
}

export namespace ClaimBody {
  let _codec: Codec<ClaimBody>

  export const codec = (): Codec<ClaimBody> => {
    if (_codec == null) {
      _codec = message<ClaimBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.key != null && obj.key !== '')) {
          w.uint32(10)
          w.string(obj.key)
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(18)
          w.string(obj.group)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          key: '',
          group: ''
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
              obj.group = reader.string()
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
                field: `${prefix}.group`,
                value: reader.string()
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

  export interface ClaimBodyKeyFieldEvent {
    field: '$.key'
    value: string
  }

  export interface ClaimBodyGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export function encode (obj: Partial<ClaimBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ClaimBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClaimBody>): ClaimBody {
    return decodeMessage(buf, ClaimBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClaimBody>): Generator<ClaimBodyKeyFieldEvent | ClaimBodyGroupFieldEvent> {
    return streamMessage(buf, ClaimBody.codec(), opts)
  }
}

export interface ClaimsBody {
  keys: string[]
  group: string
}

export namespace ClaimsBody {
  let _codec: Codec<ClaimsBody>

  export const codec = (): Codec<ClaimsBody> => {
    if (_codec == null) {
      _codec = message<ClaimsBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.keys != null && obj.keys.length > 0) {
          for (const value of obj.keys) {
            w.uint32(10)
            w.string(value)
          }
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(18)
          w.string(obj.group)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          keys: [],
          group: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.keys != null && obj.keys.length === opts.limits.keys) {
                throw new MaxLengthError('Decode error - repeated field "keys" had too many elements')
              }

              if (obj.keys.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "keys" had too many elements')
              }

              obj.keys.push(reader.string())
              break
            }
            case 2: {
              obj.group = reader.string()
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
          keys: 1024
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.keys != null && obj.keys === opts.limits.keys) {
                throw new MaxLengthError('Streaming decode error - repeated field "keys" had too many elements')
              }

              if (obj.keys === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "keys" had too many elements')
              }

              yield {
                field: `${prefix}.keys[]`,
                index: obj.keys,
                value: reader.string()
              }

              obj.keys++

              break
            }
            case 2: {
              yield {
                field: `${prefix}.group`,
                value: reader.string()
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

  export interface ClaimsBodyKeysFieldEvent {
    field: '$.keys[]'
    index: number
    value: string
  }

  export interface ClaimsBodyGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export function encode (obj: Partial<ClaimsBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ClaimsBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClaimsBody>): ClaimsBody {
    return decodeMessage(buf, ClaimsBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClaimsBody>): Generator<ClaimsBodyKeysFieldEvent | ClaimsBodyGroupFieldEvent> {
    return streamMessage(buf, ClaimsBody.codec(), opts)
  }
}

export interface LookupBody {
  key: string
  at: number
}

export namespace LookupBody {
  let _codec: Codec<LookupBody>

  export const codec = (): Codec<LookupBody> => {
    if (_codec == null) {
      _codec = message<LookupBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.key != null && obj.key !== '')) {
          w.uint32(10)
          w.string(obj.key)
        }

        if ((obj.at != null && obj.at !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.at)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          key: '',
          at: 0
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
              obj.at = reader.uint64Number()
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
                field: `${prefix}.at`,
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

  export interface LookupBodyKeyFieldEvent {
    field: '$.key'
    value: string
  }

  export interface LookupBodyAtFieldEvent {
    field: '$.at'
    value: number
  }

  export function encode (obj: Partial<LookupBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LookupBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LookupBody>): LookupBody {
    return decodeMessage(buf, LookupBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LookupBody>): Generator<LookupBodyKeyFieldEvent | LookupBodyAtFieldEvent> {
    return streamMessage(buf, LookupBody.codec(), opts)
  }
}

export interface LookupsBody {
  keys: string[]
  at: number
}

export namespace LookupsBody {
  let _codec: Codec<LookupsBody>

  export const codec = (): Codec<LookupsBody> => {
    if (_codec == null) {
      _codec = message<LookupsBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.keys != null && obj.keys.length > 0) {
          for (const value of obj.keys) {
            w.uint32(10)
            w.string(value)
          }
        }

        if ((obj.at != null && obj.at !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.at)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          keys: [],
          at: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.keys != null && obj.keys.length === opts.limits.keys) {
                throw new MaxLengthError('Decode error - repeated field "keys" had too many elements')
              }

              if (obj.keys.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "keys" had too many elements')
              }

              obj.keys.push(reader.string())
              break
            }
            case 2: {
              obj.at = reader.uint64Number()
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
          keys: 1024
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.keys != null && obj.keys === opts.limits.keys) {
                throw new MaxLengthError('Streaming decode error - repeated field "keys" had too many elements')
              }

              if (obj.keys === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "keys" had too many elements')
              }

              yield {
                field: `${prefix}.keys[]`,
                index: obj.keys,
                value: reader.string()
              }

              obj.keys++

              break
            }
            case 2: {
              yield {
                field: `${prefix}.at`,
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

  export interface LookupsBodyKeysFieldEvent {
    field: '$.keys[]'
    index: number
    value: string
  }

  export interface LookupsBodyAtFieldEvent {
    field: '$.at'
    value: number
  }

  export function encode (obj: Partial<LookupsBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LookupsBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LookupsBody>): LookupsBody {
    return decodeMessage(buf, LookupsBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LookupsBody>): Generator<LookupsBodyKeysFieldEvent | LookupsBodyAtFieldEvent> {
    return streamMessage(buf, LookupsBody.codec(), opts)
  }
}

export interface ReadBody {
  key: string
  group: string
  at: number
  epochCounter?: number
  epochTerm?: number
}

export namespace ReadBody {
  let _codec: Codec<ReadBody>

  export const codec = (): Codec<ReadBody> => {
    if (_codec == null) {
      _codec = message<ReadBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.key != null && obj.key !== '')) {
          w.uint32(10)
          w.string(obj.key)
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(18)
          w.string(obj.group)
        }

        if ((obj.at != null && obj.at !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.at)
        }

        if (obj.epochCounter != null) {
          w.uint32(32)
          w.uint64Number(obj.epochCounter)
        }

        if (obj.epochTerm != null) {
          w.uint32(40)
          w.uint64Number(obj.epochTerm)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          key: '',
          group: '',
          at: 0
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
              obj.group = reader.string()
              break
            }
            case 3: {
              obj.at = reader.uint64Number()
              break
            }
            case 4: {
              obj.epochCounter = reader.uint64Number()
              break
            }
            case 5: {
              obj.epochTerm = reader.uint64Number()
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
                field: `${prefix}.group`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.at`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.epochCounter`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.epochTerm`,
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

  export interface ReadBodyKeyFieldEvent {
    field: '$.key'
    value: string
  }

  export interface ReadBodyGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface ReadBodyAtFieldEvent {
    field: '$.at'
    value: number
  }

  export interface ReadBodyEpochCounterFieldEvent {
    field: '$.epochCounter'
    value: number
  }

  export interface ReadBodyEpochTermFieldEvent {
    field: '$.epochTerm'
    value: number
  }

  export function encode (obj: Partial<ReadBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ReadBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ReadBody>): ReadBody {
    return decodeMessage(buf, ReadBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ReadBody>): Generator<ReadBodyKeyFieldEvent | ReadBodyGroupFieldEvent | ReadBodyAtFieldEvent | ReadBodyEpochCounterFieldEvent | ReadBodyEpochTermFieldEvent> {
    return streamMessage(buf, ReadBody.codec(), opts)
  }
}

export interface HandoffRequestBody {
  key: string
  group: string
  to: string
  epochCounter: number
  epochTerm: number
  priorityTs: number
  priorityNode: string
  attempt: number
  waitMs: number
}

export namespace HandoffRequestBody {
  let _codec: Codec<HandoffRequestBody>

  export const codec = (): Codec<HandoffRequestBody> => {
    if (_codec == null) {
      _codec = message<HandoffRequestBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.key != null && obj.key !== '')) {
          w.uint32(10)
          w.string(obj.key)
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(18)
          w.string(obj.group)
        }

        if ((obj.to != null && obj.to !== '')) {
          w.uint32(26)
          w.string(obj.to)
        }

        if ((obj.epochCounter != null && obj.epochCounter !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.epochCounter)
        }

        if ((obj.epochTerm != null && obj.epochTerm !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.epochTerm)
        }

        if ((obj.priorityTs != null && obj.priorityTs !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.priorityTs)
        }

        if ((obj.priorityNode != null && obj.priorityNode !== '')) {
          w.uint32(58)
          w.string(obj.priorityNode)
        }

        if ((obj.attempt != null && obj.attempt !== 0)) {
          w.uint32(64)
          w.uint32(obj.attempt)
        }

        if ((obj.waitMs != null && obj.waitMs !== 0)) {
          w.uint32(72)
          w.uint64Number(obj.waitMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          key: '',
          group: '',
          to: '',
          epochCounter: 0,
          epochTerm: 0,
          priorityTs: 0,
          priorityNode: '',
          attempt: 0,
          waitMs: 0
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
              obj.group = reader.string()
              break
            }
            case 3: {
              obj.to = reader.string()
              break
            }
            case 4: {
              obj.epochCounter = reader.uint64Number()
              break
            }
            case 5: {
              obj.epochTerm = reader.uint64Number()
              break
            }
            case 6: {
              obj.priorityTs = reader.uint64Number()
              break
            }
            case 7: {
              obj.priorityNode = reader.string()
              break
            }
            case 8: {
              obj.attempt = reader.uint32()
              break
            }
            case 9: {
              obj.waitMs = reader.uint64Number()
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
                field: `${prefix}.group`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.to`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.epochCounter`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.epochTerm`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.priorityTs`,
                value: reader.uint64Number()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.priorityNode`,
                value: reader.string()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.attempt`,
                value: reader.uint32()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.waitMs`,
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

  export interface HandoffRequestBodyKeyFieldEvent {
    field: '$.key'
    value: string
  }

  export interface HandoffRequestBodyGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface HandoffRequestBodyToFieldEvent {
    field: '$.to'
    value: string
  }

  export interface HandoffRequestBodyEpochCounterFieldEvent {
    field: '$.epochCounter'
    value: number
  }

  export interface HandoffRequestBodyEpochTermFieldEvent {
    field: '$.epochTerm'
    value: number
  }

  export interface HandoffRequestBodyPriorityTsFieldEvent {
    field: '$.priorityTs'
    value: number
  }

  export interface HandoffRequestBodyPriorityNodeFieldEvent {
    field: '$.priorityNode'
    value: string
  }

  export interface HandoffRequestBodyAttemptFieldEvent {
    field: '$.attempt'
    value: number
  }

  export interface HandoffRequestBodyWaitMsFieldEvent {
    field: '$.waitMs'
    value: number
  }

  export function encode (obj: Partial<HandoffRequestBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, HandoffRequestBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HandoffRequestBody>): HandoffRequestBody {
    return decodeMessage(buf, HandoffRequestBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HandoffRequestBody>): Generator<HandoffRequestBodyKeyFieldEvent | HandoffRequestBodyGroupFieldEvent | HandoffRequestBodyToFieldEvent | HandoffRequestBodyEpochCounterFieldEvent | HandoffRequestBodyEpochTermFieldEvent | HandoffRequestBodyPriorityTsFieldEvent | HandoffRequestBodyPriorityNodeFieldEvent | HandoffRequestBodyAttemptFieldEvent | HandoffRequestBodyWaitMsFieldEvent> {
    return streamMessage(buf, HandoffRequestBody.codec(), opts)
  }
}

export interface HandoffBody {
  key: string
  from: string
  to: string
  epochCounter: number
  epochTerm: number
  value?: Uint8Array<ArrayBuffer>
  ts: number
  floor: number
  signature: Uint8Array<ArrayBuffer>
}

export namespace HandoffBody {
  let _codec: Codec<HandoffBody>

  export const codec = (): Codec<HandoffBody> => {
    if (_codec == null) {
      _codec = message<HandoffBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.key != null && obj.key !== '')) {
          w.uint32(10)
          w.string(obj.key)
        }

        if ((obj.from != null && obj.from !== '')) {
          w.uint32(18)
          w.string(obj.from)
        }

        if ((obj.to != null && obj.to !== '')) {
          w.uint32(26)
          w.string(obj.to)
        }

        if ((obj.epochCounter != null && obj.epochCounter !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.epochCounter)
        }

        if ((obj.epochTerm != null && obj.epochTerm !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.epochTerm)
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

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          key: '',
          from: '',
          to: '',
          epochCounter: 0,
          epochTerm: 0,
          ts: 0,
          floor: 0,
          signature: uint8ArrayAlloc(0)
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
              obj.from = reader.string()
              break
            }
            case 3: {
              obj.to = reader.string()
              break
            }
            case 4: {
              obj.epochCounter = reader.uint64Number()
              break
            }
            case 5: {
              obj.epochTerm = reader.uint64Number()
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
            case 9: {
              obj.signature = reader.bytes()
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
                field: `${prefix}.from`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.to`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.epochCounter`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.epochTerm`,
                value: reader.uint64Number()
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
            case 9: {
              yield {
                field: `${prefix}.signature`,
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

  export interface HandoffBodyKeyFieldEvent {
    field: '$.key'
    value: string
  }

  export interface HandoffBodyFromFieldEvent {
    field: '$.from'
    value: string
  }

  export interface HandoffBodyToFieldEvent {
    field: '$.to'
    value: string
  }

  export interface HandoffBodyEpochCounterFieldEvent {
    field: '$.epochCounter'
    value: number
  }

  export interface HandoffBodyEpochTermFieldEvent {
    field: '$.epochTerm'
    value: number
  }

  export interface HandoffBodyValueFieldEvent {
    field: '$.value'
    value: Uint8Array<ArrayBuffer>
  }

  export interface HandoffBodyTsFieldEvent {
    field: '$.ts'
    value: number
  }

  export interface HandoffBodyFloorFieldEvent {
    field: '$.floor'
    value: number
  }

  export interface HandoffBodySignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<HandoffBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, HandoffBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HandoffBody>): HandoffBody {
    return decodeMessage(buf, HandoffBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HandoffBody>): Generator<HandoffBodyKeyFieldEvent | HandoffBodyFromFieldEvent | HandoffBodyToFieldEvent | HandoffBodyEpochCounterFieldEvent | HandoffBodyEpochTermFieldEvent | HandoffBodyValueFieldEvent | HandoffBodyTsFieldEvent | HandoffBodyFloorFieldEvent | HandoffBodySignatureFieldEvent> {
    return streamMessage(buf, HandoffBody.codec(), opts)
  }
}

export interface TokenStatusBody {
  group: string
  term: number
  index: number
  position: number
}

export namespace TokenStatusBody {
  let _codec: Codec<TokenStatusBody>

  export const codec = (): Codec<TokenStatusBody> => {
    if (_codec == null) {
      _codec = message<TokenStatusBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(10)
          w.string(obj.group)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.term)
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.index)
        }

        if ((obj.position != null && obj.position !== 0)) {
          w.uint32(32)
          w.uint32(obj.position)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          group: '',
          term: 0,
          index: 0,
          position: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.group = reader.string()
              break
            }
            case 2: {
              obj.term = reader.uint64Number()
              break
            }
            case 3: {
              obj.index = reader.uint64Number()
              break
            }
            case 4: {
              obj.position = reader.uint32()
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
                field: `${prefix}.group`,
                value: reader.string()
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
              yield {
                field: `${prefix}.index`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.position`,
                value: reader.uint32()
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

  export interface TokenStatusBodyGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface TokenStatusBodyTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface TokenStatusBodyIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export interface TokenStatusBodyPositionFieldEvent {
    field: '$.position'
    value: number
  }

  export function encode (obj: Partial<TokenStatusBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TokenStatusBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TokenStatusBody>): TokenStatusBody {
    return decodeMessage(buf, TokenStatusBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TokenStatusBody>): Generator<TokenStatusBodyGroupFieldEvent | TokenStatusBodyTermFieldEvent | TokenStatusBodyIndexFieldEvent | TokenStatusBodyPositionFieldEvent> {
    return streamMessage(buf, TokenStatusBody.codec(), opts)
  }
}

export interface SubmitBody {
  name: string
  args: Uint8Array<ArrayBuffer>
  near: string
  timeoutMs: number
}

export namespace SubmitBody {
  let _codec: Codec<SubmitBody>

  export const codec = (): Codec<SubmitBody> => {
    if (_codec == null) {
      _codec = message<SubmitBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(10)
          w.string(obj.name)
        }

        if ((obj.args != null && obj.args.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.args)
        }

        if ((obj.near != null && obj.near !== '')) {
          w.uint32(26)
          w.string(obj.near)
        }

        if ((obj.timeoutMs != null && obj.timeoutMs !== 0)) {
          w.uint32(32)
          w.uint32(obj.timeoutMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          name: '',
          args: uint8ArrayAlloc(0),
          near: '',
          timeoutMs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.name = reader.string()
              break
            }
            case 2: {
              obj.args = reader.bytes()
              break
            }
            case 3: {
              obj.near = reader.string()
              break
            }
            case 4: {
              obj.timeoutMs = reader.uint32()
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
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.args`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.near`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.timeoutMs`,
                value: reader.uint32()
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

  export interface SubmitBodyNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface SubmitBodyArgsFieldEvent {
    field: '$.args'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SubmitBodyNearFieldEvent {
    field: '$.near'
    value: string
  }

  export interface SubmitBodyTimeoutMsFieldEvent {
    field: '$.timeoutMs'
    value: number
  }

  export function encode (obj: Partial<SubmitBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SubmitBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SubmitBody>): SubmitBody {
    return decodeMessage(buf, SubmitBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SubmitBody>): Generator<SubmitBodyNameFieldEvent | SubmitBodyArgsFieldEvent | SubmitBodyNearFieldEvent | SubmitBodyTimeoutMsFieldEvent> {
    return streamMessage(buf, SubmitBody.codec(), opts)
  }
}

export interface ReplicaFetchBody {
  group: string
  from: number
}

export namespace ReplicaFetchBody {
  let _codec: Codec<ReplicaFetchBody>

  export const codec = (): Codec<ReplicaFetchBody> => {
    if (_codec == null) {
      _codec = message<ReplicaFetchBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(10)
          w.string(obj.group)
        }

        if ((obj.from != null && obj.from !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.from)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          group: '',
          from: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.group = reader.string()
              break
            }
            case 2: {
              obj.from = reader.uint64Number()
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
                field: `${prefix}.group`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.from`,
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

  export interface ReplicaFetchBodyGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface ReplicaFetchBodyFromFieldEvent {
    field: '$.from'
    value: number
  }

  export function encode (obj: Partial<ReplicaFetchBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ReplicaFetchBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ReplicaFetchBody>): ReplicaFetchBody {
    return decodeMessage(buf, ReplicaFetchBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ReplicaFetchBody>): Generator<ReplicaFetchBodyGroupFieldEvent | ReplicaFetchBodyFromFieldEvent> {
    return streamMessage(buf, ReplicaFetchBody.codec(), opts)
  }
}

export interface ClockBody {}

export namespace ClockBody {
  let _codec: Codec<ClockBody>

  export const codec = (): Codec<ClockBody> => {
    if (_codec == null) {
      _codec = message<ClockBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
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

  export function encode (obj: Partial<ClockBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ClockBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClockBody>): ClockBody {
    return decodeMessage(buf, ClockBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClockBody>): Generator<{}> {
    return streamMessage(buf, ClockBody.codec(), opts)
  }
}

export interface RpcRequest {
  join?: JoinBody
  groupReport?: GroupReportBody
  claim?: ClaimBody
  lookup?: LookupBody
  read?: ReadBody
  handoffRequest?: HandoffRequestBody
  handoff?: HandoffBody
  tokenStatus?: TokenStatusBody
  submit?: SubmitBody
  replicaFetch?: ReplicaFetchBody
  clock?: ClockBody
  claims?: ClaimsBody
  lookups?: LookupsBody
}

export namespace RpcRequest {
  let _codec: Codec<RpcRequest>

  export const codec = (): Codec<RpcRequest> => {
    if (_codec == null) {
      _codec = message<RpcRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.join != null) {
          w.uint32(10)
          JoinBody.codec().encode(obj.join, w)
        }

        if (obj.groupReport != null) {
          w.uint32(18)
          GroupReportBody.codec().encode(obj.groupReport, w)
        }

        if (obj.claim != null) {
          w.uint32(26)
          ClaimBody.codec().encode(obj.claim, w)
        }

        if (obj.lookup != null) {
          w.uint32(34)
          LookupBody.codec().encode(obj.lookup, w)
        }

        if (obj.read != null) {
          w.uint32(42)
          ReadBody.codec().encode(obj.read, w)
        }

        if (obj.handoffRequest != null) {
          w.uint32(50)
          HandoffRequestBody.codec().encode(obj.handoffRequest, w)
        }

        if (obj.handoff != null) {
          w.uint32(58)
          HandoffBody.codec().encode(obj.handoff, w)
        }

        if (obj.tokenStatus != null) {
          w.uint32(66)
          TokenStatusBody.codec().encode(obj.tokenStatus, w)
        }

        if (obj.submit != null) {
          w.uint32(74)
          SubmitBody.codec().encode(obj.submit, w)
        }

        if (obj.replicaFetch != null) {
          w.uint32(82)
          ReplicaFetchBody.codec().encode(obj.replicaFetch, w)
        }

        if (obj.clock != null) {
          w.uint32(90)
          ClockBody.codec().encode(obj.clock, w)
        }

        if (obj.claims != null) {
          w.uint32(98)
          ClaimsBody.codec().encode(obj.claims, w)
        }

        if (obj.lookups != null) {
          w.uint32(106)
          LookupsBody.codec().encode(obj.lookups, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.join = JoinBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.join
              })
              break
            }
            case 2: {
              obj.groupReport = GroupReportBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.groupReport
              })
              break
            }
            case 3: {
              obj.claim = ClaimBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.claim
              })
              break
            }
            case 4: {
              obj.lookup = LookupBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.lookup
              })
              break
            }
            case 5: {
              obj.read = ReadBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.read
              })
              break
            }
            case 6: {
              obj.handoffRequest = HandoffRequestBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.handoffRequest
              })
              break
            }
            case 7: {
              obj.handoff = HandoffBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.handoff
              })
              break
            }
            case 8: {
              obj.tokenStatus = TokenStatusBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.tokenStatus
              })
              break
            }
            case 9: {
              obj.submit = SubmitBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.submit
              })
              break
            }
            case 10: {
              obj.replicaFetch = ReplicaFetchBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.replicaFetch
              })
              break
            }
            case 11: {
              obj.clock = ClockBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.clock
              })
              break
            }
            case 12: {
              obj.claims = ClaimsBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.claims
              })
              break
            }
            case 13: {
              obj.lookups = LookupsBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.lookups
              })
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
              yield * JoinBody.codec().stream(reader, reader.uint32(), `${prefix}.join`, {
                limits: opts.limits?.join
              })

              break
            }
            case 2: {
              yield * GroupReportBody.codec().stream(reader, reader.uint32(), `${prefix}.groupReport`, {
                limits: opts.limits?.groupReport
              })

              break
            }
            case 3: {
              yield * ClaimBody.codec().stream(reader, reader.uint32(), `${prefix}.claim`, {
                limits: opts.limits?.claim
              })

              break
            }
            case 4: {
              yield * LookupBody.codec().stream(reader, reader.uint32(), `${prefix}.lookup`, {
                limits: opts.limits?.lookup
              })

              break
            }
            case 5: {
              yield * ReadBody.codec().stream(reader, reader.uint32(), `${prefix}.read`, {
                limits: opts.limits?.read
              })

              break
            }
            case 6: {
              yield * HandoffRequestBody.codec().stream(reader, reader.uint32(), `${prefix}.handoffRequest`, {
                limits: opts.limits?.handoffRequest
              })

              break
            }
            case 7: {
              yield * HandoffBody.codec().stream(reader, reader.uint32(), `${prefix}.handoff`, {
                limits: opts.limits?.handoff
              })

              break
            }
            case 8: {
              yield * TokenStatusBody.codec().stream(reader, reader.uint32(), `${prefix}.tokenStatus`, {
                limits: opts.limits?.tokenStatus
              })

              break
            }
            case 9: {
              yield * SubmitBody.codec().stream(reader, reader.uint32(), `${prefix}.submit`, {
                limits: opts.limits?.submit
              })

              break
            }
            case 10: {
              yield * ReplicaFetchBody.codec().stream(reader, reader.uint32(), `${prefix}.replicaFetch`, {
                limits: opts.limits?.replicaFetch
              })

              break
            }
            case 11: {
              yield * ClockBody.codec().stream(reader, reader.uint32(), `${prefix}.clock`, {
                limits: opts.limits?.clock
              })

              break
            }
            case 12: {
              yield * ClaimsBody.codec().stream(reader, reader.uint32(), `${prefix}.claims`, {
                limits: opts.limits?.claims
              })

              break
            }
            case 13: {
              yield * LookupsBody.codec().stream(reader, reader.uint32(), `${prefix}.lookups`, {
                limits: opts.limits?.lookups
              })

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

  export interface RpcRequestJoinNodeFieldEvent {
    field: '$.join.node'
    value: string
  }

  export interface RpcRequestJoinIncarnationFieldEvent {
    field: '$.join.incarnation'
    value: string
  }

  export interface RpcRequestJoinGroupFieldEvent {
    field: '$.join.group'
    value: string
  }

  export interface RpcRequestJoinAddrsFieldEvent {
    field: '$.join.addrs[]'
    index: number
    value: string
  }

  export interface RpcRequestGroupReportGroupFieldEvent {
    field: '$.groupReport.group'
    value: string
  }

  export interface RpcRequestGroupReportFounderFieldEvent {
    field: '$.groupReport.founder'
    value: string
  }

  export interface RpcRequestGroupReportVotersFieldEvent {
    field: '$.groupReport.voters[]'
    index: number
    value: string
  }

  export interface RpcRequestGroupReportLearnersFieldEvent {
    field: '$.groupReport.learners[]'
    index: number
    value: string
  }

  export interface RpcRequestGroupReportLeaderFieldEvent {
    field: '$.groupReport.leader'
    value: string
  }

  export interface RpcRequestGroupReportTermFieldEvent {
    field: '$.groupReport.term'
    value: number
  }

  export interface RpcRequestClaimKeyFieldEvent {
    field: '$.claim.key'
    value: string
  }

  export interface RpcRequestClaimGroupFieldEvent {
    field: '$.claim.group'
    value: string
  }

  export interface RpcRequestLookupKeyFieldEvent {
    field: '$.lookup.key'
    value: string
  }

  export interface RpcRequestLookupAtFieldEvent {
    field: '$.lookup.at'
    value: number
  }

  export interface RpcRequestReadKeyFieldEvent {
    field: '$.read.key'
    value: string
  }

  export interface RpcRequestReadGroupFieldEvent {
    field: '$.read.group'
    value: string
  }

  export interface RpcRequestReadAtFieldEvent {
    field: '$.read.at'
    value: number
  }

  export interface RpcRequestReadEpochCounterFieldEvent {
    field: '$.read.epochCounter'
    value: number
  }

  export interface RpcRequestReadEpochTermFieldEvent {
    field: '$.read.epochTerm'
    value: number
  }

  export interface RpcRequestHandoffRequestKeyFieldEvent {
    field: '$.handoffRequest.key'
    value: string
  }

  export interface RpcRequestHandoffRequestGroupFieldEvent {
    field: '$.handoffRequest.group'
    value: string
  }

  export interface RpcRequestHandoffRequestToFieldEvent {
    field: '$.handoffRequest.to'
    value: string
  }

  export interface RpcRequestHandoffRequestEpochCounterFieldEvent {
    field: '$.handoffRequest.epochCounter'
    value: number
  }

  export interface RpcRequestHandoffRequestEpochTermFieldEvent {
    field: '$.handoffRequest.epochTerm'
    value: number
  }

  export interface RpcRequestHandoffRequestPriorityTsFieldEvent {
    field: '$.handoffRequest.priorityTs'
    value: number
  }

  export interface RpcRequestHandoffRequestPriorityNodeFieldEvent {
    field: '$.handoffRequest.priorityNode'
    value: string
  }

  export interface RpcRequestHandoffRequestAttemptFieldEvent {
    field: '$.handoffRequest.attempt'
    value: number
  }

  export interface RpcRequestHandoffRequestWaitMsFieldEvent {
    field: '$.handoffRequest.waitMs'
    value: number
  }

  export interface RpcRequestHandoffKeyFieldEvent {
    field: '$.handoff.key'
    value: string
  }

  export interface RpcRequestHandoffFromFieldEvent {
    field: '$.handoff.from'
    value: string
  }

  export interface RpcRequestHandoffToFieldEvent {
    field: '$.handoff.to'
    value: string
  }

  export interface RpcRequestHandoffEpochCounterFieldEvent {
    field: '$.handoff.epochCounter'
    value: number
  }

  export interface RpcRequestHandoffEpochTermFieldEvent {
    field: '$.handoff.epochTerm'
    value: number
  }

  export interface RpcRequestHandoffValueFieldEvent {
    field: '$.handoff.value'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RpcRequestHandoffTsFieldEvent {
    field: '$.handoff.ts'
    value: number
  }

  export interface RpcRequestHandoffFloorFieldEvent {
    field: '$.handoff.floor'
    value: number
  }

  export interface RpcRequestHandoffSignatureFieldEvent {
    field: '$.handoff.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RpcRequestTokenStatusGroupFieldEvent {
    field: '$.tokenStatus.group'
    value: string
  }

  export interface RpcRequestTokenStatusTermFieldEvent {
    field: '$.tokenStatus.term'
    value: number
  }

  export interface RpcRequestTokenStatusIndexFieldEvent {
    field: '$.tokenStatus.index'
    value: number
  }

  export interface RpcRequestTokenStatusPositionFieldEvent {
    field: '$.tokenStatus.position'
    value: number
  }

  export interface RpcRequestSubmitNameFieldEvent {
    field: '$.submit.name'
    value: string
  }

  export interface RpcRequestSubmitArgsFieldEvent {
    field: '$.submit.args'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RpcRequestSubmitNearFieldEvent {
    field: '$.submit.near'
    value: string
  }

  export interface RpcRequestSubmitTimeoutMsFieldEvent {
    field: '$.submit.timeoutMs'
    value: number
  }

  export interface RpcRequestReplicaFetchGroupFieldEvent {
    field: '$.replicaFetch.group'
    value: string
  }

  export interface RpcRequestReplicaFetchFromFieldEvent {
    field: '$.replicaFetch.from'
    value: number
  }

  export interface RpcRequestClaimsKeysFieldEvent {
    field: '$.claims.keys[]'
    index: number
    value: string
  }

  export interface RpcRequestClaimsGroupFieldEvent {
    field: '$.claims.group'
    value: string
  }

  export interface RpcRequestLookupsKeysFieldEvent {
    field: '$.lookups.keys[]'
    index: number
    value: string
  }

  export interface RpcRequestLookupsAtFieldEvent {
    field: '$.lookups.at'
    value: number
  }

  export function encode (obj: Partial<RpcRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RpcRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RpcRequest>): RpcRequest {
    return decodeMessage(buf, RpcRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RpcRequest>): Generator<RpcRequestJoinNodeFieldEvent | RpcRequestJoinIncarnationFieldEvent | RpcRequestJoinGroupFieldEvent | RpcRequestJoinAddrsFieldEvent | RpcRequestGroupReportGroupFieldEvent | RpcRequestGroupReportFounderFieldEvent | RpcRequestGroupReportVotersFieldEvent | RpcRequestGroupReportLearnersFieldEvent | RpcRequestGroupReportLeaderFieldEvent | RpcRequestGroupReportTermFieldEvent | RpcRequestClaimKeyFieldEvent | RpcRequestClaimGroupFieldEvent | RpcRequestLookupKeyFieldEvent | RpcRequestLookupAtFieldEvent | RpcRequestReadKeyFieldEvent | RpcRequestReadGroupFieldEvent | RpcRequestReadAtFieldEvent | RpcRequestReadEpochCounterFieldEvent | RpcRequestReadEpochTermFieldEvent | RpcRequestHandoffRequestKeyFieldEvent | RpcRequestHandoffRequestGroupFieldEvent | RpcRequestHandoffRequestToFieldEvent | RpcRequestHandoffRequestEpochCounterFieldEvent | RpcRequestHandoffRequestEpochTermFieldEvent | RpcRequestHandoffRequestPriorityTsFieldEvent | RpcRequestHandoffRequestPriorityNodeFieldEvent | RpcRequestHandoffRequestAttemptFieldEvent | RpcRequestHandoffRequestWaitMsFieldEvent | RpcRequestHandoffKeyFieldEvent | RpcRequestHandoffFromFieldEvent | RpcRequestHandoffToFieldEvent | RpcRequestHandoffEpochCounterFieldEvent | RpcRequestHandoffEpochTermFieldEvent | RpcRequestHandoffValueFieldEvent | RpcRequestHandoffTsFieldEvent | RpcRequestHandoffFloorFieldEvent | RpcRequestHandoffSignatureFieldEvent | RpcRequestTokenStatusGroupFieldEvent | RpcRequestTokenStatusTermFieldEvent | RpcRequestTokenStatusIndexFieldEvent | RpcRequestTokenStatusPositionFieldEvent | RpcRequestSubmitNameFieldEvent | RpcRequestSubmitArgsFieldEvent | RpcRequestSubmitNearFieldEvent | RpcRequestSubmitTimeoutMsFieldEvent | RpcRequestReplicaFetchGroupFieldEvent | RpcRequestReplicaFetchFromFieldEvent | RpcRequestClaimsKeysFieldEvent | RpcRequestClaimsGroupFieldEvent | RpcRequestLookupsKeysFieldEvent | RpcRequestLookupsAtFieldEvent> {
    return streamMessage(buf, RpcRequest.codec(), opts)
  }
}

export enum RpcStatus {
  UNSET = 'UNSET',
  OK = 'OK',
  REDIRECT = 'REDIRECT',
  RETRY = 'RETRY',
  ERROR = 'ERROR',
  REFUSED = 'REFUSED'
}

enum __RpcStatusValues {
  UNSET = 0,
  OK = 1,
  REDIRECT = 2,
  RETRY = 3,
  ERROR = 4,
  REFUSED = 5
}

export namespace RpcStatus {
  export const codec = (): Codec<RpcStatus> => {
    return enumeration<RpcStatus>(__RpcStatusValues)
  }
}

export enum KeyOutcome {
  NONE = 'NONE',
  CREATED = 'CREATED',
  EXISTS = 'EXISTS',
  ABSENT = 'ABSENT',
  MOVED = 'MOVED',
  BUSY = 'BUSY',
  DONE = 'DONE',
  UNKNOWN = 'UNKNOWN',
  ACCEPTED = 'ACCEPTED',
  REFUSED = 'REFUSED',
  COMMITTED = 'COMMITTED',
  LOST = 'LOST',
  PENDING = 'PENDING'
}

enum __KeyOutcomeValues {
  NONE = 0,
  CREATED = 1,
  EXISTS = 2,
  ABSENT = 3,
  MOVED = 4,
  BUSY = 5,
  DONE = 6,
  UNKNOWN = 7,
  ACCEPTED = 8,
  REFUSED = 9,
  COMMITTED = 10,
  LOST = 11,
  PENDING = 12
}

export namespace KeyOutcome {
  export const codec = (): Codec<KeyOutcome> => {
    return enumeration<KeyOutcome>(__KeyOutcomeValues)
  }
}

export interface ClaimAnswer {
  key: string
  outcome: KeyOutcome
  owner: string
  epochCounter: number
  epochTerm: number
  floor?: number
}

export namespace ClaimAnswer {
  let _codec: Codec<ClaimAnswer>

  export const codec = (): Codec<ClaimAnswer> => {
    if (_codec == null) {
      _codec = message<ClaimAnswer>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.key != null && obj.key !== '')) {
          w.uint32(10)
          w.string(obj.key)
        }

        if (obj.outcome != null && __KeyOutcomeValues[obj.outcome] !== 0) {
          w.uint32(16)
          KeyOutcome.codec().encode(obj.outcome, w)
        }

        if ((obj.owner != null && obj.owner !== '')) {
          w.uint32(26)
          w.string(obj.owner)
        }

        if ((obj.epochCounter != null && obj.epochCounter !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.epochCounter)
        }

        if ((obj.epochTerm != null && obj.epochTerm !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.epochTerm)
        }

        if (obj.floor != null) {
          w.uint32(48)
          w.uint64Number(obj.floor)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          key: '',
          outcome: KeyOutcome.NONE,
          owner: '',
          epochCounter: 0,
          epochTerm: 0
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
              obj.outcome = KeyOutcome.codec().decode(reader)
              break
            }
            case 3: {
              obj.owner = reader.string()
              break
            }
            case 4: {
              obj.epochCounter = reader.uint64Number()
              break
            }
            case 5: {
              obj.epochTerm = reader.uint64Number()
              break
            }
            case 6: {
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
                field: `${prefix}.outcome`,
                value: KeyOutcome.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.owner`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.epochCounter`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.epochTerm`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
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

  export interface ClaimAnswerKeyFieldEvent {
    field: '$.key'
    value: string
  }

  export interface ClaimAnswerOutcomeFieldEvent {
    field: '$.outcome'
    value: KeyOutcome
  }

  export interface ClaimAnswerOwnerFieldEvent {
    field: '$.owner'
    value: string
  }

  export interface ClaimAnswerEpochCounterFieldEvent {
    field: '$.epochCounter'
    value: number
  }

  export interface ClaimAnswerEpochTermFieldEvent {
    field: '$.epochTerm'
    value: number
  }

  export interface ClaimAnswerFloorFieldEvent {
    field: '$.floor'
    value: number
  }

  export function encode (obj: Partial<ClaimAnswer>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ClaimAnswer.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClaimAnswer>): ClaimAnswer {
    return decodeMessage(buf, ClaimAnswer.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClaimAnswer>): Generator<ClaimAnswerKeyFieldEvent | ClaimAnswerOutcomeFieldEvent | ClaimAnswerOwnerFieldEvent | ClaimAnswerEpochCounterFieldEvent | ClaimAnswerEpochTermFieldEvent | ClaimAnswerFloorFieldEvent> {
    return streamMessage(buf, ClaimAnswer.codec(), opts)
  }
}

export interface LookupAnswer {
  key: string
  outcome: KeyOutcome
  owner?: string
  epochCounter?: number
  epochTerm?: number
}

export namespace LookupAnswer {
  let _codec: Codec<LookupAnswer>

  export const codec = (): Codec<LookupAnswer> => {
    if (_codec == null) {
      _codec = message<LookupAnswer>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.key != null && obj.key !== '')) {
          w.uint32(10)
          w.string(obj.key)
        }

        if (obj.outcome != null && __KeyOutcomeValues[obj.outcome] !== 0) {
          w.uint32(16)
          KeyOutcome.codec().encode(obj.outcome, w)
        }

        if (obj.owner != null) {
          w.uint32(26)
          w.string(obj.owner)
        }

        if (obj.epochCounter != null) {
          w.uint32(32)
          w.uint64Number(obj.epochCounter)
        }

        if (obj.epochTerm != null) {
          w.uint32(40)
          w.uint64Number(obj.epochTerm)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          key: '',
          outcome: KeyOutcome.NONE
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
              obj.outcome = KeyOutcome.codec().decode(reader)
              break
            }
            case 3: {
              obj.owner = reader.string()
              break
            }
            case 4: {
              obj.epochCounter = reader.uint64Number()
              break
            }
            case 5: {
              obj.epochTerm = reader.uint64Number()
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
                field: `${prefix}.outcome`,
                value: KeyOutcome.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.owner`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.epochCounter`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.epochTerm`,
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

  export interface LookupAnswerKeyFieldEvent {
    field: '$.key'
    value: string
  }

  export interface LookupAnswerOutcomeFieldEvent {
    field: '$.outcome'
    value: KeyOutcome
  }

  export interface LookupAnswerOwnerFieldEvent {
    field: '$.owner'
    value: string
  }

  export interface LookupAnswerEpochCounterFieldEvent {
    field: '$.epochCounter'
    value: number
  }

  export interface LookupAnswerEpochTermFieldEvent {
    field: '$.epochTerm'
    value: number
  }

  export function encode (obj: Partial<LookupAnswer>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LookupAnswer.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LookupAnswer>): LookupAnswer {
    return decodeMessage(buf, LookupAnswer.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LookupAnswer>): Generator<LookupAnswerKeyFieldEvent | LookupAnswerOutcomeFieldEvent | LookupAnswerOwnerFieldEvent | LookupAnswerEpochCounterFieldEvent | LookupAnswerEpochTermFieldEvent> {
    return streamMessage(buf, LookupAnswer.codec(), opts)
  }
}

export interface RpcResponse {
  status: RpcStatus
  leader?: string
  reason?: string
  outcome: KeyOutcome
  owner?: string
  epochCounter?: number
  epochTerm?: number
  floor?: number
  found?: boolean
  value?: Uint8Array<ArrayBuffer>
  ts?: number
  wallMs?: number
  claims: ClaimAnswer[]
  lookups: LookupAnswer[]
}

export namespace RpcResponse {
  let _codec: Codec<RpcResponse>

  export const codec = (): Codec<RpcResponse> => {
    if (_codec == null) {
      _codec = message<RpcResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.status != null && __RpcStatusValues[obj.status] !== 0) {
          w.uint32(8)
          RpcStatus.codec().encode(obj.status, w)
        }

        if (obj.leader != null) {
          w.uint32(18)
          w.string(obj.leader)
        }

        if (obj.reason != null) {
          w.uint32(26)
          w.string(obj.reason)
        }

        if (obj.outcome != null && __KeyOutcomeValues[obj.outcome] !== 0) {
          w.uint32(32)
          KeyOutcome.codec().encode(obj.outcome, w)
        }

        if (obj.owner != null) {
          w.uint32(42)
          w.string(obj.owner)
        }

        if (obj.epochCounter != null) {
          w.uint32(48)
          w.uint64Number(obj.epochCounter)
        }

        if (obj.epochTerm != null) {
          w.uint32(56)
          w.uint64Number(obj.epochTerm)
        }

        if (obj.floor != null) {
          w.uint32(64)
          w.uint64Number(obj.floor)
        }

        if (obj.found != null) {
          w.uint32(72)
          w.bool(obj.found)
        }

        if (obj.value != null) {
          w.uint32(82)
          w.bytes(obj.value)
        }

        if (obj.ts != null) {
          w.uint32(88)
          w.uint64Number(obj.ts)
        }

        if (obj.wallMs != null) {
          w.uint32(97)
          w.double(obj.wallMs)
        }

        if (obj.claims != null && obj.claims.length > 0) {
          for (const value of obj.claims) {
            w.uint32(106)
            ClaimAnswer.codec().encode(value, w)
          }
        }

        if (obj.lookups != null && obj.lookups.length > 0) {
          for (const value of obj.lookups) {
            w.uint32(114)
            LookupAnswer.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          status: RpcStatus.UNSET,
          outcome: KeyOutcome.NONE,
          claims: [],
          lookups: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = RpcStatus.codec().decode(reader)
              break
            }
            case 2: {
              obj.leader = reader.string()
              break
            }
            case 3: {
              obj.reason = reader.string()
              break
            }
            case 4: {
              obj.outcome = KeyOutcome.codec().decode(reader)
              break
            }
            case 5: {
              obj.owner = reader.string()
              break
            }
            case 6: {
              obj.epochCounter = reader.uint64Number()
              break
            }
            case 7: {
              obj.epochTerm = reader.uint64Number()
              break
            }
            case 8: {
              obj.floor = reader.uint64Number()
              break
            }
            case 9: {
              obj.found = reader.bool()
              break
            }
            case 10: {
              obj.value = reader.bytes()
              break
            }
            case 11: {
              obj.ts = reader.uint64Number()
              break
            }
            case 12: {
              obj.wallMs = reader.double()
              break
            }
            case 13: {
              if (opts.limits?.claims != null && obj.claims.length === opts.limits.claims) {
                throw new MaxLengthError('Decode error - repeated field "claims" had too many elements')
              }

              if (obj.claims.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "claims" had too many elements')
              }

              obj.claims.push(ClaimAnswer.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.claims$
              }))
              break
            }
            case 14: {
              if (opts.limits?.lookups != null && obj.lookups.length === opts.limits.lookups) {
                throw new MaxLengthError('Decode error - repeated field "lookups" had too many elements')
              }

              if (obj.lookups.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "lookups" had too many elements')
              }

              obj.lookups.push(LookupAnswer.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.lookups$
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
          claims: 1024,
          lookups: 1024
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.status`,
                value: RpcStatus.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.leader`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.reason`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.outcome`,
                value: KeyOutcome.codec().decode(reader)
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.owner`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.epochCounter`,
                value: reader.uint64Number()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.epochTerm`,
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
            case 9: {
              yield {
                field: `${prefix}.found`,
                value: reader.bool()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.value`,
                value: reader.bytes()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.ts`,
                value: reader.uint64Number()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.wallMs`,
                value: reader.double()
              }
              break
            }
            case 13: {
              if (opts.limits?.claims != null && obj.claims === opts.limits.claims) {
                throw new MaxLengthError('Streaming decode error - repeated field "claims" had too many elements')
              }

              if (obj.claims === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "claims" had too many elements')
              }

              for (const evt of ClaimAnswer.codec().stream(reader, reader.uint32(), `${prefix}.claims[]`, {
                limits: opts.limits?.claims$
              })) {
                yield {
                  ...evt,
                  index: obj.claims
                }
              }

              obj.claims++

              break
            }
            case 14: {
              if (opts.limits?.lookups != null && obj.lookups === opts.limits.lookups) {
                throw new MaxLengthError('Streaming decode error - repeated field "lookups" had too many elements')
              }

              if (obj.lookups === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "lookups" had too many elements')
              }

              for (const evt of LookupAnswer.codec().stream(reader, reader.uint32(), `${prefix}.lookups[]`, {
                limits: opts.limits?.lookups$
              })) {
                yield {
                  ...evt,
                  index: obj.lookups
                }
              }

              obj.lookups++

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

  export interface RpcResponseStatusFieldEvent {
    field: '$.status'
    value: RpcStatus
  }

  export interface RpcResponseLeaderFieldEvent {
    field: '$.leader'
    value: string
  }

  export interface RpcResponseReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export interface RpcResponseOutcomeFieldEvent {
    field: '$.outcome'
    value: KeyOutcome
  }

  export interface RpcResponseOwnerFieldEvent {
    field: '$.owner'
    value: string
  }

  export interface RpcResponseEpochCounterFieldEvent {
    field: '$.epochCounter'
    value: number
  }

  export interface RpcResponseEpochTermFieldEvent {
    field: '$.epochTerm'
    value: number
  }

  export interface RpcResponseFloorFieldEvent {
    field: '$.floor'
    value: number
  }

  export interface RpcResponseFoundFieldEvent {
    field: '$.found'
    value: boolean
  }

  export interface RpcResponseValueFieldEvent {
    field: '$.value'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RpcResponseTsFieldEvent {
    field: '$.ts'
    value: number
  }

  export interface RpcResponseWallMsFieldEvent {
    field: '$.wallMs'
    value: number
  }

  export interface RpcResponseClaimsKeyFieldEvent {
    field: '$.claims[].key'
    value: string
    index: number
  }

  export interface RpcResponseClaimsOutcomeFieldEvent {
    field: '$.claims[].outcome'
    value: KeyOutcome
    index: number
  }

  export interface RpcResponseClaimsOwnerFieldEvent {
    field: '$.claims[].owner'
    value: string
    index: number
  }

  export interface RpcResponseClaimsEpochCounterFieldEvent {
    field: '$.claims[].epochCounter'
    value: number
    index: number
  }

  export interface RpcResponseClaimsEpochTermFieldEvent {
    field: '$.claims[].epochTerm'
    value: number
    index: number
  }

  export interface RpcResponseClaimsFloorFieldEvent {
    field: '$.claims[].floor'
    value: number
    index: number
  }

  export interface RpcResponseLookupsKeyFieldEvent {
    field: '$.lookups[].key'
    value: string
    index: number
  }

  export interface RpcResponseLookupsOutcomeFieldEvent {
    field: '$.lookups[].outcome'
    value: KeyOutcome
    index: number
  }

  export interface RpcResponseLookupsOwnerFieldEvent {
    field: '$.lookups[].owner'
    value: string
    index: number
  }

  export interface RpcResponseLookupsEpochCounterFieldEvent {
    field: '$.lookups[].epochCounter'
    value: number
    index: number
  }

  export interface RpcResponseLookupsEpochTermFieldEvent {
    field: '$.lookups[].epochTerm'
    value: number
    index: number
  }

  export function encode (obj: Partial<RpcResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RpcResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RpcResponse>): RpcResponse {
    return decodeMessage(buf, RpcResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RpcResponse>): Generator<RpcResponseStatusFieldEvent | RpcResponseLeaderFieldEvent | RpcResponseReasonFieldEvent | RpcResponseOutcomeFieldEvent | RpcResponseOwnerFieldEvent | RpcResponseEpochCounterFieldEvent | RpcResponseEpochTermFieldEvent | RpcResponseFloorFieldEvent | RpcResponseFoundFieldEvent | RpcResponseValueFieldEvent | RpcResponseTsFieldEvent | RpcResponseWallMsFieldEvent | RpcResponseClaimsKeyFieldEvent | RpcResponseClaimsOutcomeFieldEvent | RpcResponseClaimsOwnerFieldEvent | RpcResponseClaimsEpochCounterFieldEvent | RpcResponseClaimsEpochTermFieldEvent | RpcResponseClaimsFloorFieldEvent | RpcResponseLookupsKeyFieldEvent | RpcResponseLookupsOutcomeFieldEvent | RpcResponseLookupsOwnerFieldEvent | RpcResponseLookupsEpochCounterFieldEvent | RpcResponseLookupsEpochTermFieldEvent> {
    return streamMessage(buf, RpcResponse.codec(), opts)
  }
}

export interface RpcFrame {
  id: number
  request?: RpcRequest
  response?: RpcResponse
}

export namespace RpcFrame {
  let _codec: Codec<RpcFrame>

  export const codec = (): Codec<RpcFrame> => {
    if (_codec == null) {
      _codec = message<RpcFrame>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.id)
        }

        if (obj.request != null) {
          w.uint32(18)
          RpcRequest.codec().encode(obj.request, w)
        }

        if (obj.response != null) {
          w.uint32(26)
          RpcResponse.codec().encode(obj.response, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.uint64Number()
              break
            }
            case 2: {
              obj.request = RpcRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.request
              })
              break
            }
            case 3: {
              obj.response = RpcResponse.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.response
              })
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
                field: `${prefix}.id`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield * RpcRequest.codec().stream(reader, reader.uint32(), `${prefix}.request`, {
                limits: opts.limits?.request
              })

              break
            }
            case 3: {
              yield * RpcResponse.codec().stream(reader, reader.uint32(), `${prefix}.response`, {
                limits: opts.limits?.response
              })

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

  export interface RpcFrameIdFieldEvent {
    field: '$.id'
    value: number
  }

  export interface RpcFrameRequestJoinNodeFieldEvent {
    field: '$.request.join.node'
    value: string
  }

  export interface RpcFrameRequestJoinIncarnationFieldEvent {
    field: '$.request.join.incarnation'
    value: string
  }

  export interface RpcFrameRequestJoinGroupFieldEvent {
    field: '$.request.join.group'
    value: string
  }

  export interface RpcFrameRequestJoinAddrsFieldEvent {
    field: '$.request.join.addrs[]'
    index: number
    value: string
  }

  export interface RpcFrameRequestGroupReportGroupFieldEvent {
    field: '$.request.groupReport.group'
    value: string
  }

  export interface RpcFrameRequestGroupReportFounderFieldEvent {
    field: '$.request.groupReport.founder'
    value: string
  }

  export interface RpcFrameRequestGroupReportVotersFieldEvent {
    field: '$.request.groupReport.voters[]'
    index: number
    value: string
  }

  export interface RpcFrameRequestGroupReportLearnersFieldEvent {
    field: '$.request.groupReport.learners[]'
    index: number
    value: string
  }

  export interface RpcFrameRequestGroupReportLeaderFieldEvent {
    field: '$.request.groupReport.leader'
    value: string
  }

  export interface RpcFrameRequestGroupReportTermFieldEvent {
    field: '$.request.groupReport.term'
    value: number
  }

  export interface RpcFrameRequestClaimKeyFieldEvent {
    field: '$.request.claim.key'
    value: string
  }

  export interface RpcFrameRequestClaimGroupFieldEvent {
    field: '$.request.claim.group'
    value: string
  }

  export interface RpcFrameRequestLookupKeyFieldEvent {
    field: '$.request.lookup.key'
    value: string
  }

  export interface RpcFrameRequestLookupAtFieldEvent {
    field: '$.request.lookup.at'
    value: number
  }

  export interface RpcFrameRequestReadKeyFieldEvent {
    field: '$.request.read.key'
    value: string
  }

  export interface RpcFrameRequestReadGroupFieldEvent {
    field: '$.request.read.group'
    value: string
  }

  export interface RpcFrameRequestReadAtFieldEvent {
    field: '$.request.read.at'
    value: number
  }

  export interface RpcFrameRequestReadEpochCounterFieldEvent {
    field: '$.request.read.epochCounter'
    value: number
  }

  export interface RpcFrameRequestReadEpochTermFieldEvent {
    field: '$.request.read.epochTerm'
    value: number
  }

  export interface RpcFrameRequestHandoffRequestKeyFieldEvent {
    field: '$.request.handoffRequest.key'
    value: string
  }

  export interface RpcFrameRequestHandoffRequestGroupFieldEvent {
    field: '$.request.handoffRequest.group'
    value: string
  }

  export interface RpcFrameRequestHandoffRequestToFieldEvent {
    field: '$.request.handoffRequest.to'
    value: string
  }

  export interface RpcFrameRequestHandoffRequestEpochCounterFieldEvent {
    field: '$.request.handoffRequest.epochCounter'
    value: number
  }

  export interface RpcFrameRequestHandoffRequestEpochTermFieldEvent {
    field: '$.request.handoffRequest.epochTerm'
    value: number
  }

  export interface RpcFrameRequestHandoffRequestPriorityTsFieldEvent {
    field: '$.request.handoffRequest.priorityTs'
    value: number
  }

  export interface RpcFrameRequestHandoffRequestPriorityNodeFieldEvent {
    field: '$.request.handoffRequest.priorityNode'
    value: string
  }

  export interface RpcFrameRequestHandoffRequestAttemptFieldEvent {
    field: '$.request.handoffRequest.attempt'
    value: number
  }

  export interface RpcFrameRequestHandoffRequestWaitMsFieldEvent {
    field: '$.request.handoffRequest.waitMs'
    value: number
  }

  export interface RpcFrameRequestHandoffKeyFieldEvent {
    field: '$.request.handoff.key'
    value: string
  }

  export interface RpcFrameRequestHandoffFromFieldEvent {
    field: '$.request.handoff.from'
    value: string
  }

  export interface RpcFrameRequestHandoffToFieldEvent {
    field: '$.request.handoff.to'
    value: string
  }

  export interface RpcFrameRequestHandoffEpochCounterFieldEvent {
    field: '$.request.handoff.epochCounter'
    value: number
  }

  export interface RpcFrameRequestHandoffEpochTermFieldEvent {
    field: '$.request.handoff.epochTerm'
    value: number
  }

  export interface RpcFrameRequestHandoffValueFieldEvent {
    field: '$.request.handoff.value'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RpcFrameRequestHandoffTsFieldEvent {
    field: '$.request.handoff.ts'
    value: number
  }

  export interface RpcFrameRequestHandoffFloorFieldEvent {
    field: '$.request.handoff.floor'
    value: number
  }

  export interface RpcFrameRequestHandoffSignatureFieldEvent {
    field: '$.request.handoff.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RpcFrameRequestTokenStatusGroupFieldEvent {
    field: '$.request.tokenStatus.group'
    value: string
  }

  export interface RpcFrameRequestTokenStatusTermFieldEvent {
    field: '$.request.tokenStatus.term'
    value: number
  }

  export interface RpcFrameRequestTokenStatusIndexFieldEvent {
    field: '$.request.tokenStatus.index'
    value: number
  }

  export interface RpcFrameRequestTokenStatusPositionFieldEvent {
    field: '$.request.tokenStatus.position'
    value: number
  }

  export interface RpcFrameRequestSubmitNameFieldEvent {
    field: '$.request.submit.name'
    value: string
  }

  export interface RpcFrameRequestSubmitArgsFieldEvent {
    field: '$.request.submit.args'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RpcFrameRequestSubmitNearFieldEvent {
    field: '$.request.submit.near'
    value: string
  }

  export interface RpcFrameRequestSubmitTimeoutMsFieldEvent {
    field: '$.request.submit.timeoutMs'
    value: number
  }

  export interface RpcFrameRequestReplicaFetchGroupFieldEvent {
    field: '$.request.replicaFetch.group'
    value: string
  }

  export interface RpcFrameRequestReplicaFetchFromFieldEvent {
    field: '$.request.replicaFetch.from'
    value: number
  }

  export interface RpcFrameRequestClaimsKeysFieldEvent {
    field: '$.request.claims.keys[]'
    index: number
    value: string
  }

  export interface RpcFrameRequestClaimsGroupFieldEvent {
    field: '$.request.claims.group'
    value: string
  }

  export interface RpcFrameRequestLookupsKeysFieldEvent {
    field: '$.request.lookups.keys[]'
    index: number
    value: string
  }

  export interface RpcFrameRequestLookupsAtFieldEvent {
    field: '$.request.lookups.at'
    value: number
  }

  export interface RpcFrameResponseStatusFieldEvent {
    field: '$.response.status'
    value: RpcStatus
  }

  export interface RpcFrameResponseLeaderFieldEvent {
    field: '$.response.leader'
    value: string
  }

  export interface RpcFrameResponseReasonFieldEvent {
    field: '$.response.reason'
    value: string
  }

  export interface RpcFrameResponseOutcomeFieldEvent {
    field: '$.response.outcome'
    value: KeyOutcome
  }

  export interface RpcFrameResponseOwnerFieldEvent {
    field: '$.response.owner'
    value: string
  }

  export interface RpcFrameResponseEpochCounterFieldEvent {
    field: '$.response.epochCounter'
    value: number
  }

  export interface RpcFrameResponseEpochTermFieldEvent {
    field: '$.response.epochTerm'
    value: number
  }

  export interface RpcFrameResponseFloorFieldEvent {
    field: '$.response.floor'
    value: number
  }

  export interface RpcFrameResponseFoundFieldEvent {
    field: '$.response.found'
    value: boolean
  }

  export interface RpcFrameResponseValueFieldEvent {
    field: '$.response.value'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RpcFrameResponseTsFieldEvent {
    field: '$.response.ts'
    value: number
  }

  export interface RpcFrameResponseWallMsFieldEvent {
    field: '$.response.wallMs'
    value: number
  }

  export interface RpcFrameResponseClaimsKeyFieldEvent {
    field: '$.response.claims[].key'
    value: string
    index: number
  }

  export interface RpcFrameResponseClaimsOutcomeFieldEvent {
    field: '$.response.claims[].outcome'
    value: KeyOutcome
    index: number
  }

  export interface RpcFrameResponseClaimsOwnerFieldEvent {
    field: '$.response.claims[].owner'
    value: string
    index: number
  }

  export interface RpcFrameResponseClaimsEpochCounterFieldEvent {
    field: '$.response.claims[].epochCounter'
    value: number
    index: number
  }

  export interface RpcFrameResponseClaimsEpochTermFieldEvent {
    field: '$.response.claims[].epochTerm'
    value: number
    index: number
  }

  export interface RpcFrameResponseClaimsFloorFieldEvent {
    field: '$.response.claims[].floor'
    value: number
    index: number
  }

  export interface RpcFrameResponseLookupsKeyFieldEvent {
    field: '$.response.lookups[].key'
    value: string
    index: number
  }

  export interface RpcFrameResponseLookupsOutcomeFieldEvent {
    field: '$.response.lookups[].outcome'
    value: KeyOutcome
    index: number
  }

  export interface RpcFrameResponseLookupsOwnerFieldEvent {
    field: '$.response.lookups[].owner'
    value: string
    index: number
  }

  export interface RpcFrameResponseLookupsEpochCounterFieldEvent {
    field: '$.response.lookups[].epochCounter'
    value: number
    index: number
  }

  export interface RpcFrameResponseLookupsEpochTermFieldEvent {
    field: '$.response.lookups[].epochTerm'
    value: number
    index: number
  }

  export function encode (obj: Partial<RpcFrame>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RpcFrame.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RpcFrame>): RpcFrame {
    return decodeMessage(buf, RpcFrame.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RpcFrame>): Generator<RpcFrameIdFieldEvent | RpcFrameRequestJoinNodeFieldEvent | RpcFrameRequestJoinIncarnationFieldEvent | RpcFrameRequestJoinGroupFieldEvent | RpcFrameRequestJoinAddrsFieldEvent | RpcFrameRequestGroupReportGroupFieldEvent | RpcFrameRequestGroupReportFounderFieldEvent | RpcFrameRequestGroupReportVotersFieldEvent | RpcFrameRequestGroupReportLearnersFieldEvent | RpcFrameRequestGroupReportLeaderFieldEvent | RpcFrameRequestGroupReportTermFieldEvent | RpcFrameRequestClaimKeyFieldEvent | RpcFrameRequestClaimGroupFieldEvent | RpcFrameRequestLookupKeyFieldEvent | RpcFrameRequestLookupAtFieldEvent | RpcFrameRequestReadKeyFieldEvent | RpcFrameRequestReadGroupFieldEvent | RpcFrameRequestReadAtFieldEvent | RpcFrameRequestReadEpochCounterFieldEvent | RpcFrameRequestReadEpochTermFieldEvent | RpcFrameRequestHandoffRequestKeyFieldEvent | RpcFrameRequestHandoffRequestGroupFieldEvent | RpcFrameRequestHandoffRequestToFieldEvent | RpcFrameRequestHandoffRequestEpochCounterFieldEvent | RpcFrameRequestHandoffRequestEpochTermFieldEvent | RpcFrameRequestHandoffRequestPriorityTsFieldEvent | RpcFrameRequestHandoffRequestPriorityNodeFieldEvent | RpcFrameRequestHandoffRequestAttemptFieldEvent | RpcFrameRequestHandoffRequestWaitMsFieldEvent | RpcFrameRequestHandoffKeyFieldEvent | RpcFrameRequestHandoffFromFieldEvent | RpcFrameRequestHandoffToFieldEvent | RpcFrameRequestHandoffEpochCounterFieldEvent | RpcFrameRequestHandoffEpochTermFieldEvent | RpcFrameRequestHandoffValueFieldEvent | RpcFrameRequestHandoffTsFieldEvent | RpcFrameRequestHandoffFloorFieldEvent | RpcFrameRequestHandoffSignatureFieldEvent | RpcFrameRequestTokenStatusGroupFieldEvent | RpcFrameRequestTokenStatusTermFieldEvent | RpcFrameRequestTokenStatusIndexFieldEvent | RpcFrameRequestTokenStatusPositionFieldEvent | RpcFrameRequestSubmitNameFieldEvent | RpcFrameRequestSubmitArgsFieldEvent | RpcFrameRequestSubmitNearFieldEvent | RpcFrameRequestSubmitTimeoutMsFieldEvent | RpcFrameRequestReplicaFetchGroupFieldEvent | RpcFrameRequestReplicaFetchFromFieldEvent | RpcFrameRequestClaimsKeysFieldEvent | RpcFrameRequestClaimsGroupFieldEvent | RpcFrameRequestLookupsKeysFieldEvent | RpcFrameRequestLookupsAtFieldEvent | RpcFrameResponseStatusFieldEvent | RpcFrameResponseLeaderFieldEvent | RpcFrameResponseReasonFieldEvent | RpcFrameResponseOutcomeFieldEvent | RpcFrameResponseOwnerFieldEvent | RpcFrameResponseEpochCounterFieldEvent | RpcFrameResponseEpochTermFieldEvent | RpcFrameResponseFloorFieldEvent | RpcFrameResponseFoundFieldEvent | RpcFrameResponseValueFieldEvent | RpcFrameResponseTsFieldEvent | RpcFrameResponseWallMsFieldEvent | RpcFrameResponseClaimsKeyFieldEvent | RpcFrameResponseClaimsOutcomeFieldEvent | RpcFrameResponseClaimsOwnerFieldEvent | RpcFrameResponseClaimsEpochCounterFieldEvent | RpcFrameResponseClaimsEpochTermFieldEvent | RpcFrameResponseClaimsFloorFieldEvent | RpcFrameResponseLookupsKeyFieldEvent | RpcFrameResponseLookupsOutcomeFieldEvent | RpcFrameResponseLookupsOwnerFieldEvent | RpcFrameResponseLookupsEpochCounterFieldEvent | RpcFrameResponseLookupsEpochTermFieldEvent> {
    return streamMessage(buf, RpcFrame.codec(), opts)
  }
}
