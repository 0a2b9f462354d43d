/* eslint-disable require-yield */

import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface GroupMembership {
  voters: string[]
  learners: string[]
}

export namespace GroupMembership {
  let _codec: Codec<GroupMembership>

  export const codec = (): Codec<GroupMembership> => {
    if (_codec == null) {
      _codec = message<GroupMembership>((obj, w, opts = {}) => {
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

              if (obj.voters.length === 64) {
                throw new MaxLengthError('Decode error - repeated field "voters" had too many elements')
              }

              obj.voters.push(reader.string())
              break
            }
            case 2: {
              if (opts.limits?.learners != null && obj.learners.length === opts.limits.learners) {
                throw new MaxLengthError('Decode error - repeated field "learners" had too many elements')
              }

              if (obj.learners.length === 64) {
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
          voters: 64,
          learners: 64
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
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
            case 2: {
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

  export interface GroupMembershipVotersFieldEvent {
    field: '$.voters[]'
    index: number
    value: string
  }

  export interface GroupMembershipLearnersFieldEvent {
    field: '$.learners[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<GroupMembership>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupMembership.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupMembership>): GroupMembership {
    return decodeMessage(buf, GroupMembership.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupMembership>): Generator<GroupMembershipVotersFieldEvent | GroupMembershipLearnersFieldEvent> {
    return streamMessage(buf, GroupMembership.codec(), opts)
  }
}

export interface GroupTermStart {
  term: number
  index: number
}

export namespace GroupTermStart {
  let _codec: Codec<GroupTermStart>

  export const codec = (): Codec<GroupTermStart> => {
    if (_codec == null) {
      _codec = message<GroupTermStart>((obj, w, opts = {}) => {
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

  export interface GroupTermStartTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface GroupTermStartIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export function encode (obj: Partial<GroupTermStart>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupTermStart.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupTermStart>): GroupTermStart {
    return decodeMessage(buf, GroupTermStart.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupTermStart>): Generator<GroupTermStartTermFieldEvent | GroupTermStartIndexFieldEvent> {
    return streamMessage(buf, GroupTermStart.codec(), opts)
  }
}

export interface PreVoteBody {
  lastIndex: number
  lastTerm: number
}

export namespace PreVoteBody {
  let _codec: Codec<PreVoteBody>

  export const codec = (): Codec<PreVoteBody> => {
    if (_codec == null) {
      _codec = message<PreVoteBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.lastIndex != null && obj.lastIndex !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.lastIndex)
        }

        if ((obj.lastTerm != null && obj.lastTerm !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.lastTerm)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          lastIndex: 0,
          lastTerm: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.lastIndex = reader.uint64Number()
              break
            }
            case 2: {
              obj.lastTerm = reader.uint64Number()
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
                field: `${prefix}.lastIndex`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.lastTerm`,
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

  export interface PreVoteBodyLastIndexFieldEvent {
    field: '$.lastIndex'
    value: number
  }

  export interface PreVoteBodyLastTermFieldEvent {
    field: '$.lastTerm'
    value: number
  }

  export function encode (obj: Partial<PreVoteBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PreVoteBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreVoteBody>): PreVoteBody {
    return decodeMessage(buf, PreVoteBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreVoteBody>): Generator<PreVoteBodyLastIndexFieldEvent | PreVoteBodyLastTermFieldEvent> {
    return streamMessage(buf, PreVoteBody.codec(), opts)
  }
}

export interface PreVoteReplyBody {
  granted: boolean
}

export namespace PreVoteReplyBody {
  let _codec: Codec<PreVoteReplyBody>

  export const codec = (): Codec<PreVoteReplyBody> => {
    if (_codec == null) {
      _codec = message<PreVoteReplyBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.granted != null && obj.granted !== false)) {
          w.uint32(8)
          w.bool(obj.granted)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          granted: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.granted = reader.bool()
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
                field: `${prefix}.granted`,
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

  export interface PreVoteReplyBodyGrantedFieldEvent {
    field: '$.granted'
    value: boolean
  }

  export function encode (obj: Partial<PreVoteReplyBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PreVoteReplyBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreVoteReplyBody>): PreVoteReplyBody {
    return decodeMessage(buf, PreVoteReplyBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreVoteReplyBody>): Generator<PreVoteReplyBodyGrantedFieldEvent> {
    return streamMessage(buf, PreVoteReplyBody.codec(), opts)
  }
}

export interface RequestVoteBody {
  lastIndex: number
  lastTerm: number
  transfer: boolean
}

export namespace RequestVoteBody {
  let _codec: Codec<RequestVoteBody>

  export const codec = (): Codec<RequestVoteBody> => {
    if (_codec == null) {
      _codec = message<RequestVoteBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.lastIndex != null && obj.lastIndex !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.lastIndex)
        }

        if ((obj.lastTerm != null && obj.lastTerm !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.lastTerm)
        }

        if ((obj.transfer != null && obj.transfer !== false)) {
          w.uint32(24)
          w.bool(obj.transfer)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          lastIndex: 0,
          lastTerm: 0,
          transfer: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.lastIndex = reader.uint64Number()
              break
            }
            case 2: {
              obj.lastTerm = reader.uint64Number()
              break
            }
            case 3: {
              obj.transfer = reader.bool()
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
                field: `${prefix}.lastIndex`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.lastTerm`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.transfer`,
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

  export interface RequestVoteBodyLastIndexFieldEvent {
    field: '$.lastIndex'
    value: number
  }

  export interface RequestVoteBodyLastTermFieldEvent {
    field: '$.lastTerm'
    value: number
  }

  export interface RequestVoteBodyTransferFieldEvent {
    field: '$.transfer'
    value: boolean
  }

  export function encode (obj: Partial<RequestVoteBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RequestVoteBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RequestVoteBody>): RequestVoteBody {
    return decodeMessage(buf, RequestVoteBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RequestVoteBody>): Generator<RequestVoteBodyLastIndexFieldEvent | RequestVoteBodyLastTermFieldEvent | RequestVoteBodyTransferFieldEvent> {
    return streamMessage(buf, RequestVoteBody.codec(), opts)
  }
}

export interface VoteReplyBody {
  granted: boolean
  leaseEnd: number
}

export namespace VoteReplyBody {
  let _codec: Codec<VoteReplyBody>

  export const codec = (): Codec<VoteReplyBody> => {
    if (_codec == null) {
      _codec = message<VoteReplyBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.granted != null && obj.granted !== false)) {
          w.uint32(8)
          w.bool(obj.granted)
        }

        if ((obj.leaseEnd != null && obj.leaseEnd !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.leaseEnd)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          granted: false,
          leaseEnd: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.granted = reader.bool()
              break
            }
            case 2: {
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
                field: `${prefix}.granted`,
                value: reader.bool()
              }
              break
            }
            case 2: {
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

  export interface VoteReplyBodyGrantedFieldEvent {
    field: '$.granted'
    value: boolean
  }

  export interface VoteReplyBodyLeaseEndFieldEvent {
    field: '$.leaseEnd'
    value: number
  }

  export function encode (obj: Partial<VoteReplyBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VoteReplyBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VoteReplyBody>): VoteReplyBody {
    return decodeMessage(buf, VoteReplyBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VoteReplyBody>): Generator<VoteReplyBodyGrantedFieldEvent | VoteReplyBodyLeaseEndFieldEvent> {
    return streamMessage(buf, VoteReplyBody.codec(), opts)
  }
}

export interface AppendBody {
  prevIndex: number
  prevTerm: number
  entries: Uint8Array<ArrayBuffer>[]
  commit: number
  seq: number
  leaseEnd: number
}

export namespace AppendBody {
  let _codec: Codec<AppendBody>

  export const codec = (): Codec<AppendBody> => {
    if (_codec == null) {
      _codec = message<AppendBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.prevIndex != null && obj.prevIndex !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.prevIndex)
        }

        if ((obj.prevTerm != null && obj.prevTerm !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.prevTerm)
        }

        if (obj.entries != null && obj.entries.length > 0) {
          for (const value of obj.entries) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if ((obj.commit != null && obj.commit !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.commit)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(41)
          w.double(obj.seq)
        }

        if ((obj.leaseEnd != null && obj.leaseEnd !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.leaseEnd)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          prevIndex: 0,
          prevTerm: 0,
          entries: [],
          commit: 0,
          seq: 0,
          leaseEnd: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.prevIndex = reader.uint64Number()
              break
            }
            case 2: {
              obj.prevTerm = reader.uint64Number()
              break
            }
            case 3: {
              if (opts.limits?.entries != null && obj.entries.length === opts.limits.entries) {
                throw new MaxLengthError('Decode error - repeated field "entries" had too many elements')
              }

              if (obj.entries.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "entries" had too many elements')
              }

              obj.entries.push(reader.bytes())
              break
            }
            case 4: {
              obj.commit = reader.uint64Number()
              break
            }
            case 5: {
              obj.seq = reader.double()
              break
            }
            case 6: {
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
        const obj = {
          entries: 1024
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.prevIndex`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.prevTerm`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              if (opts.limits?.entries != null && obj.entries === opts.limits.entries) {
                throw new MaxLengthError('Streaming decode error - repeated field "entries" had too many elements')
              }

              if (obj.entries === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "entries" had too many elements')
              }

              yield {
                field: `${prefix}.entries[]`,
                index: obj.entries,
                value: reader.bytes()
              }

              obj.entries++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.commit`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.seq`,
                value: reader.double()
              }
              break
            }
            case 6: {
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

  export interface AppendBodyPrevIndexFieldEvent {
    field: '$.prevIndex'
    value: number
  }

  export interface AppendBodyPrevTermFieldEvent {
    field: '$.prevTerm'
    value: number
  }

  export interface AppendBodyEntriesFieldEvent {
    field: '$.entries[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface AppendBodyCommitFieldEvent {
    field: '$.commit'
    value: number
  }

  export interface AppendBodySeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface AppendBodyLeaseEndFieldEvent {
    field: '$.leaseEnd'
    value: number
  }

  export function encode (obj: Partial<AppendBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AppendBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AppendBody>): AppendBody {
    return decodeMessage(buf, AppendBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AppendBody>): Generator<AppendBodyPrevIndexFieldEvent | AppendBodyPrevTermFieldEvent | AppendBodyEntriesFieldEvent | AppendBodyCommitFieldEvent | AppendBodySeqFieldEvent | AppendBodyLeaseEndFieldEvent> {
    return streamMessage(buf, AppendBody.codec(), opts)
  }
}

export interface AppendReplyBody {
  success: boolean
  index: number
  seq: number
}

export namespace AppendReplyBody {
  let _codec: Codec<AppendReplyBody>

  export const codec = (): Codec<AppendReplyBody> => {
    if (_codec == null) {
      _codec = message<AppendReplyBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.success != null && obj.success !== false)) {
          w.uint32(8)
          w.bool(obj.success)
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.index)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(25)
          w.double(obj.seq)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          success: false,
          index: 0,
          seq: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.success = reader.bool()
              break
            }
            case 2: {
              obj.index = reader.uint64Number()
              break
            }
            case 3: {
              obj.seq = reader.double()
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
                field: `${prefix}.success`,
                value: reader.bool()
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
                field: `${prefix}.seq`,
                value: reader.double()
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

  export interface AppendReplyBodySuccessFieldEvent {
    field: '$.success'
    value: boolean
  }

  export interface AppendReplyBodyIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export interface AppendReplyBodySeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export function encode (obj: Partial<AppendReplyBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AppendReplyBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AppendReplyBody>): AppendReplyBody {
    return decodeMessage(buf, AppendReplyBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AppendReplyBody>): Generator<AppendReplyBodySuccessFieldEvent | AppendReplyBodyIndexFieldEvent | AppendReplyBodySeqFieldEvent> {
    return streamMessage(buf, AppendReplyBody.codec(), opts)
  }
}

export interface SnapshotBody {
  index: number
  lastTerm: number
  membership?: GroupMembership
  termStarts: GroupTermStart[]
  offset: number
  data: Uint8Array<ArrayBuffer>
  done: boolean
  seq: number
  leaseEnd: number
}

export namespace SnapshotBody {
  let _codec: Codec<SnapshotBody>

  export const codec = (): Codec<SnapshotBody> => {
    if (_codec == null) {
      _codec = message<SnapshotBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.index)
        }

        if ((obj.lastTerm != null && obj.lastTerm !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.lastTerm)
        }

        if (obj.membership != null) {
          w.uint32(26)
          GroupMembership.codec().encode(obj.membership, w)
        }

        if (obj.termStarts != null && obj.termStarts.length > 0) {
          for (const value of obj.termStarts) {
            w.uint32(34)
            GroupTermStart.codec().encode(value, w)
          }
        }

        if ((obj.offset != null && obj.offset !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.offset)
        }

        if ((obj.data != null && obj.data.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.data)
        }

        if ((obj.done != null && obj.done !== false)) {
          w.uint32(56)
          w.bool(obj.done)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(65)
          w.double(obj.seq)
        }

        if ((obj.leaseEnd != null && obj.leaseEnd !== 0)) {
          w.uint32(72)
          w.uint64Number(obj.leaseEnd)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          index: 0,
          lastTerm: 0,
          termStarts: [],
          offset: 0,
          data: uint8ArrayAlloc(0),
          done: false,
          seq: 0,
          leaseEnd: 0
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
              obj.lastTerm = reader.uint64Number()
              break
            }
            case 3: {
              obj.membership = GroupMembership.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.membership
              })
              break
            }
            case 4: {
              if (opts.limits?.termStarts != null && obj.termStarts.length === opts.limits.termStarts) {
                throw new MaxLengthError('Decode error - repeated field "termStarts" had too many elements')
              }

              if (obj.termStarts.length === 65536) {
                throw new MaxLengthError('Decode error - repeated field "termStarts" had too many elements')
              }

              obj.termStarts.push(GroupTermStart.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.termStarts$
              }))
              break
            }
            case 5: {
              obj.offset = reader.uint64Number()
              break
            }
            case 6: {
              obj.data = reader.bytes()
              break
            }
            case 7: {
              obj.done = reader.bool()
              break
            }
            case 8: {
              obj.seq = reader.double()
              break
            }
            case 9: {
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
        const obj = {
          termStarts: 65536
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
                field: `${prefix}.lastTerm`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield * GroupMembership.codec().stream(reader, reader.uint32(), `${prefix}.membership`, {
                limits: opts.limits?.membership
              })

              break
            }
            case 4: {
              if (opts.limits?.termStarts != null && obj.termStarts === opts.limits.termStarts) {
                throw new MaxLengthError('Streaming decode error - repeated field "termStarts" had too many elements')
              }

              if (obj.termStarts === 65536) {
                throw new MaxLengthError('Streaming decode error - repeated field "termStarts" had too many elements')
              }

              for (const evt of GroupTermStart.codec().stream(reader, reader.uint32(), `${prefix}.termStarts[]`, {
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
            case 5: {
              yield {
                field: `${prefix}.offset`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.data`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.done`,
                value: reader.bool()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.seq`,
                value: reader.double()
              }
              break
            }
            case 9: {
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

  export interface SnapshotBodyIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export interface SnapshotBodyLastTermFieldEvent {
    field: '$.lastTerm'
    value: number
  }

  export interface SnapshotBodyMembershipVotersFieldEvent {
    field: '$.membership.voters[]'
    index: number
    value: string
  }

  export interface SnapshotBodyMembershipLearnersFieldEvent {
    field: '$.membership.learners[]'
    index: number
    value: string
  }

  export interface SnapshotBodyTermStartsTermFieldEvent {
    field: '$.termStarts[].term'
    value: number
    index: number
  }

  export interface SnapshotBodyTermStartsIndexFieldEvent {
    field: '$.termStarts[].index'
    value: number
    index: number
  }

  export interface SnapshotBodyOffsetFieldEvent {
    field: '$.offset'
    value: number
  }

  export interface SnapshotBodyDataFieldEvent {
    field: '$.data'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SnapshotBodyDoneFieldEvent {
    field: '$.done'
    value: boolean
  }

  export interface SnapshotBodySeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface SnapshotBodyLeaseEndFieldEvent {
    field: '$.leaseEnd'
    value: number
  }

  export function encode (obj: Partial<SnapshotBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SnapshotBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SnapshotBody>): SnapshotBody {
    return decodeMessage(buf, SnapshotBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SnapshotBody>): Generator<SnapshotBodyIndexFieldEvent | SnapshotBodyLastTermFieldEvent | SnapshotBodyMembershipVotersFieldEvent | SnapshotBodyMembershipLearnersFieldEvent | SnapshotBodyTermStartsTermFieldEvent | SnapshotBodyTermStartsIndexFieldEvent | SnapshotBodyOffsetFieldEvent | SnapshotBodyDataFieldEvent | SnapshotBodyDoneFieldEvent | SnapshotBodySeqFieldEvent | SnapshotBodyLeaseEndFieldEvent> {
    return streamMessage(buf, SnapshotBody.codec(), opts)
  }
}

export interface SnapshotReplyBody {
  index: number
  offset: number
  seq: number
}

export namespace SnapshotReplyBody {
  let _codec: Codec<SnapshotReplyBody>

  export const codec = (): Codec<SnapshotReplyBody> => {
    if (_codec == null) {
      _codec = message<SnapshotReplyBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.index)
        }

        if ((obj.offset != null && obj.offset !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.offset)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(25)
          w.double(obj.seq)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          index: 0,
          offset: 0,
          seq: 0
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
              obj.offset = reader.uint64Number()
              break
            }
            case 3: {
              obj.seq = reader.double()
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
                field: `${prefix}.index`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.offset`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.seq`,
                value: reader.double()
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

  export interface SnapshotReplyBodyIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export interface SnapshotReplyBodyOffsetFieldEvent {
    field: '$.offset'
    value: number
  }

  export interface SnapshotReplyBodySeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export function encode (obj: Partial<SnapshotReplyBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SnapshotReplyBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SnapshotReplyBody>): SnapshotReplyBody {
    return decodeMessage(buf, SnapshotReplyBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SnapshotReplyBody>): Generator<SnapshotReplyBodyIndexFieldEvent | SnapshotReplyBodyOffsetFieldEvent | SnapshotReplyBodySeqFieldEvent> {
    return streamMessage(buf, SnapshotReplyBody.codec(), opts)
  }
}

export interface TimeoutNowBody {}

export namespace TimeoutNowBody {
  let _codec: Codec<TimeoutNowBody>

  export const codec = (): Codec<TimeoutNowBody> => {
    if (_codec == null) {
      _codec = message<TimeoutNowBody>((obj, w, opts = {}) => {
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

  export function encode (obj: Partial<TimeoutNowBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TimeoutNowBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TimeoutNowBody>): TimeoutNowBody {
    return decodeMessage(buf, TimeoutNowBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TimeoutNowBody>): Generator<{}> {
    return streamMessage(buf, TimeoutNowBody.codec(), opts)
  }
}

export interface GroupFrame {
  group: string
  from: string
  to: string
  term: number
  preVote?: PreVoteBody
  preVoteReply?: PreVoteReplyBody
  requestVote?: RequestVoteBody
  voteReply?: VoteReplyBody
  append?: AppendBody
  appendReply?: AppendReplyBody
  snapshot?: SnapshotBody
  snapshotReply?: SnapshotReplyBody
  timeoutNow?: TimeoutNowBody
}

export namespace GroupFrame {
  let _codec: Codec<GroupFrame>

  export const codec = (): Codec<GroupFrame> => {
    if (_codec == null) {
      _codec = message<GroupFrame>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(10)
          w.string(obj.group)
        }

        if ((obj.from != null && obj.from !== '')) {
          w.uint32(18)
          w.string(obj.from)
        }

        if ((obj.to != null && obj.to !== '')) {
          w.uint32(26)
          w.string(obj.to)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.term)
        }

        if (obj.preVote != null) {
          w.uint32(42)
          PreVoteBody.codec().encode(obj.preVote, w)
        }

        if (obj.preVoteReply != null) {
          w.uint32(50)
          PreVoteReplyBody.codec().encode(obj.preVoteReply, w)
        }

        if (obj.requestVote != null) {
          w.uint32(58)
          RequestVoteBody.codec().encode(obj.requestVote, w)
        }

        if (obj.voteReply != null) {
          w.uint32(66)
          VoteReplyBody.codec().encode(obj.voteReply, w)
        }

        if (obj.append != null) {
          w.uint32(74)
          AppendBody.codec().encode(obj.append, w)
        }

        if (obj.appendReply != null) {
          w.uint32(82)
          AppendReplyBody.codec().encode(obj.appendReply, w)
        }

        if (obj.snapshot != null) {
          w.uint32(90)
          SnapshotBody.codec().encode(obj.snapshot, w)
        }

        if (obj.snapshotReply != null) {
          w.uint32(98)
          SnapshotReplyBody.codec().encode(obj.snapshotReply, w)
        }

        if (obj.timeoutNow != null) {
          w.uint32(106)
          TimeoutNowBody.codec().encode(obj.timeoutNow, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          group: '',
          from: '',
          to: '',
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
              obj.from = reader.string()
              break
            }
            case 3: {
              obj.to = reader.string()
              break
            }
            case 4: {
              obj.term = reader.uint64Number()
              break
            }
            case 5: {
              obj.preVote = PreVoteBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.preVote
              })
              break
            }
            case 6: {
              obj.preVoteReply = PreVoteReplyBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.preVoteReply
              })
              break
            }
            case 7: {
              obj.requestVote = RequestVoteBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.requestVote
              })
              break
            }
            case 8: {
              obj.voteReply = VoteReplyBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.voteReply
              })
              break
            }
            case 9: {
              obj.append = AppendBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.append
              })
              break
            }
            case 10: {
              obj.appendReply = AppendReplyBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.appendReply
              })
              break
            }
            case 11: {
              obj.snapshot = SnapshotBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.snapshot
              })
              break
            }
            case 12: {
              obj.snapshotReply = SnapshotReplyBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.snapshotReply
              })
              break
            }
            case 13: {
              obj.timeoutNow = TimeoutNowBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.timeoutNow
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
                field: `${prefix}.group`,
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
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield * PreVoteBody.codec().stream(reader, reader.uint32(), `${prefix}.preVote`, {
                limits: opts.limits?.preVote
              })

              break
            }
            case 6: {
              yield * PreVoteReplyBody.codec().stream(reader, reader.uint32(), `${prefix}.preVoteReply`, {
                limits: opts.limits?.preVoteReply
              })

              break
            }
            case 7: {
              yield * RequestVoteBody.codec().stream(reader, reader.uint32(), `${prefix}.requestVote`, {
                limits: opts.limits?.requestVote
              })

              break
            }
            case 8: {
              yield * VoteReplyBody.codec().stream(reader, reader.uint32(), `${prefix}.voteReply`, {
                limits: opts.limits?.voteReply
              })

              break
            }
            case 9: {
              yield * AppendBody.codec().stream(reader, reader.uint32(), `${prefix}.append`, {
                limits: opts.limits?.append
              })

              break
            }
            case 10: {
              yield * AppendReplyBody.codec().stream(reader, reader.uint32(), `${prefix}.appendReply`, {
                limits: opts.limits?.appendReply
              })

              break
            }
            case 11: {
              yield * SnapshotBody.codec().stream(reader, reader.uint32(), `${prefix}.snapshot`, {
                limits: opts.limits?.snapshot
              })

              break
            }
            case 12: {
              yield * SnapshotReplyBody.codec().stream(reader, reader.uint32(), `${prefix}.snapshotReply`, {
                limits: opts.limits?.snapshotReply
              })

              break
            }
            case 13: {
              yield * TimeoutNowBody.codec().stream(reader, reader.uint32(), `${prefix}.timeoutNow`, {
                limits: opts.limits?.timeoutNow
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

  export interface GroupFrameGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface GroupFrameFromFieldEvent {
    field: '$.from'
    value: string
  }

  export interface GroupFrameToFieldEvent {
    field: '$.to'
    value: string
  }

  export interface GroupFrameTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface GroupFramePreVoteLastIndexFieldEvent {
    field: '$.preVote.lastIndex'
    value: number
  }

  export interface GroupFramePreVoteLastTermFieldEvent {
    field: '$.preVote.lastTerm'
    value: number
  }

  export interface GroupFramePreVoteReplyGrantedFieldEvent {
    field: '$.preVoteReply.granted'
    value: boolean
  }

  export interface GroupFrameRequestVoteLastIndexFieldEvent {
    field: '$.requestVote.lastIndex'
    value: number
  }

  export interface GroupFrameRequestVoteLastTermFieldEvent {
    field: '$.requestVote.lastTerm'
    value: number
  }

  export interface GroupFrameRequestVoteTransferFieldEvent {
    field: '$.requestVote.transfer'
    value: boolean
  }

  export interface GroupFrameVoteReplyGrantedFieldEvent {
    field: '$.voteReply.granted'
    value: boolean
  }

  export interface GroupFrameVoteReplyLeaseEndFieldEvent {
    field: '$.voteReply.leaseEnd'
    value: number
  }

  export interface GroupFrameAppendPrevIndexFieldEvent {
    field: '$.append.prevIndex'
    value: number
  }

  export interface GroupFrameAppendPrevTermFieldEvent {
    field: '$.append.prevTerm'
    value: number
  }

  export interface GroupFrameAppendEntriesFieldEvent {
    field: '$.append.entries[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupFrameAppendCommitFieldEvent {
    field: '$.append.commit'
    value: number
  }

  export interface GroupFrameAppendSeqFieldEvent {
    field: '$.append.seq'
    value: number
  }

  export interface GroupFrameAppendLeaseEndFieldEvent {
    field: '$.append.leaseEnd'
    value: number
  }

  export interface GroupFrameAppendReplySuccessFieldEvent {
    field: '$.appendReply.success'
    value: boolean
  }

  export interface GroupFrameAppendReplyIndexFieldEvent {
    field: '$.appendReply.index'
    value: number
  }

  export interface GroupFrameAppendReplySeqFieldEvent {
    field: '$.appendReply.seq'
    value: number
  }

  export interface GroupFrameSnapshotIndexFieldEvent {
    field: '$.snapshot.index'
    value: number
  }

  export interface GroupFrameSnapshotLastTermFieldEvent {
    field: '$.snapshot.lastTerm'
    value: number
  }

  export interface GroupFrameSnapshotMembershipVotersFieldEvent {
    field: '$.snapshot.membership.voters[]'
    index: number
    value: string
  }

  export interface GroupFrameSnapshotMembershipLearnersFieldEvent {
    field: '$.snapshot.membership.learners[]'
    index: number
    value: string
  }

  export interface GroupFrameSnapshotTermStartsTermFieldEvent {
    field: '$.snapshot.termStarts[].term'
    value: number
    index: number
  }

  export interface GroupFrameSnapshotTermStartsIndexFieldEvent {
    field: '$.snapshot.termStarts[].index'
    value: number
    index: number
  }

  export interface GroupFrameSnapshotOffsetFieldEvent {
    field: '$.snapshot.offset'
    value: number
  }

  export interface GroupFrameSnapshotDataFieldEvent {
    field: '$.snapshot.data'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupFrameSnapshotDoneFieldEvent {
    field: '$.snapshot.done'
    value: boolean
  }

  export interface GroupFrameSnapshotSeqFieldEvent {
    field: '$.snapshot.seq'
    value: number
  }

  export interface GroupFrameSnapshotLeaseEndFieldEvent {
    field: '$.snapshot.leaseEnd'
    value: number
  }

  export interface GroupFrameSnapshotReplyIndexFieldEvent {
    field: '$.snapshotReply.index'
    value: number
  }

  export interface GroupFrameSnapshotReplyOffsetFieldEvent {
    field: '$.snapshotReply.offset'
    value: number
  }

  export interface GroupFrameSnapshotReplySeqFieldEvent {
    field: '$.snapshotReply.seq'
    value: number
  }

  export function encode (obj: Partial<GroupFrame>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupFrame.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupFrame>): GroupFrame {
    return decodeMessage(buf, GroupFrame.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupFrame>): Generator<GroupFrameGroupFieldEvent | GroupFrameFromFieldEvent | GroupFrameToFieldEvent | GroupFrameTermFieldEvent | GroupFramePreVoteLastIndexFieldEvent | GroupFramePreVoteLastTermFieldEvent | GroupFramePreVoteReplyGrantedFieldEvent | GroupFrameRequestVoteLastIndexFieldEvent | GroupFrameRequestVoteLastTermFieldEvent | GroupFrameRequestVoteTransferFieldEvent | GroupFrameVoteReplyGrantedFieldEvent | GroupFrameVoteReplyLeaseEndFieldEvent | GroupFrameAppendPrevIndexFieldEvent | GroupFrameAppendPrevTermFieldEvent | GroupFrameAppendEntriesFieldEvent | GroupFrameAppendCommitFieldEvent | GroupFrameAppendSeqFieldEvent | GroupFrameAppendLeaseEndFieldEvent | GroupFrameAppendReplySuccessFieldEvent | GroupFrameAppendReplyIndexFieldEvent | GroupFrameAppendReplySeqFieldEvent | GroupFrameSnapshotIndexFieldEvent | GroupFrameSnapshotLastTermFieldEvent | GroupFrameSnapshotMembershipVotersFieldEvent | GroupFrameSnapshotMembershipLearnersFieldEvent | GroupFrameSnapshotTermStartsTermFieldEvent | GroupFrameSnapshotTermStartsIndexFieldEvent | GroupFrameSnapshotOffsetFieldEvent | GroupFrameSnapshotDataFieldEvent | GroupFrameSnapshotDoneFieldEvent | GroupFrameSnapshotSeqFieldEvent | GroupFrameSnapshotLeaseEndFieldEvent | GroupFrameSnapshotReplyIndexFieldEvent | GroupFrameSnapshotReplyOffsetFieldEvent | GroupFrameSnapshotReplySeqFieldEvent> {
    return streamMessage(buf, GroupFrame.codec(), opts)
  }
}
