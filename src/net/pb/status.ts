/* eslint-disable require-yield */

import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface StatusRequest {}

export namespace StatusRequest {
  let _codec: Codec<StatusRequest>

  export const codec = (): Codec<StatusRequest> => {
    if (_codec == null) {
      _codec = message<StatusRequest>((obj, w, opts = {}) => {
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

  export function encode (obj: Partial<StatusRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, StatusRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatusRequest>): StatusRequest {
    return decodeMessage(buf, StatusRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatusRequest>): Generator<{}> {
    return streamMessage(buf, StatusRequest.codec(), opts)
  }
}

export interface StatusMember {
  node: string
  incarnation: string
  dead: boolean
  group: string
  addrs: string[]
}

export namespace StatusMember {
  let _codec: Codec<StatusMember>

  export const codec = (): Codec<StatusMember> => {
    if (_codec == null) {
      _codec = message<StatusMember>((obj, w, opts = {}) => {
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

        if ((obj.dead != null && obj.dead !== false)) {
          w.uint32(24)
          w.bool(obj.dead)
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(34)
          w.string(obj.group)
        }

        if (obj.addrs != null && obj.addrs.length > 0) {
          for (const value of obj.addrs) {
            w.uint32(42)
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
          dead: false,
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
              obj.dead = reader.bool()
              break
            }
            case 4: {
              obj.group = reader.string()
              break
            }
            case 5: {
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
                field: `${prefix}.dead`,
                value: reader.bool()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.group`,
                value: reader.string()
              }
              break
            }
            case 5: {
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

  export interface StatusMemberNodeFieldEvent {
    field: '$.node'
    value: string
  }

  export interface StatusMemberIncarnationFieldEvent {
    field: '$.incarnation'
    value: string
  }

  export interface StatusMemberDeadFieldEvent {
    field: '$.dead'
    value: boolean
  }

  export interface StatusMemberGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface StatusMemberAddrsFieldEvent {
    field: '$.addrs[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<StatusMember>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, StatusMember.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatusMember>): StatusMember {
    return decodeMessage(buf, StatusMember.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatusMember>): Generator<StatusMemberNodeFieldEvent | StatusMemberIncarnationFieldEvent | StatusMemberDeadFieldEvent | StatusMemberGroupFieldEvent | StatusMemberAddrsFieldEvent> {
    return streamMessage(buf, StatusMember.codec(), opts)
  }
}

export interface StatusGroup {
  id: string
  role: string
  term: number
  leader?: string
  voters: string[]
  learners: string[]
  commitIndex: number
  lastIndex: number
  objects: number
}

export namespace StatusGroup {
  let _codec: Codec<StatusGroup>

  export const codec = (): Codec<StatusGroup> => {
    if (_codec == null) {
      _codec = message<StatusGroup>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.role != null && obj.role !== '')) {
          w.uint32(18)
          w.string(obj.role)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.term)
        }

        if (obj.leader != null) {
          w.uint32(34)
          w.string(obj.leader)
        }

        if (obj.voters != null && obj.voters.length > 0) {
          for (const value of obj.voters) {
            w.uint32(42)
            w.string(value)
          }
        }

        if (obj.learners != null && obj.learners.length > 0) {
          for (const value of obj.learners) {
            w.uint32(50)
            w.string(value)
          }
        }

        if ((obj.commitIndex != null && obj.commitIndex !== 0)) {
          w.uint32(56)
          w.uint64Number(obj.commitIndex)
        }

        if ((obj.lastIndex != null && obj.lastIndex !== 0)) {
          w.uint32(64)
          w.uint64Number(obj.lastIndex)
        }

        if ((obj.objects != null && obj.objects !== 0)) {
          w.uint32(72)
          w.uint64Number(obj.objects)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          role: '',
          term: 0,
          voters: [],
          learners: [],
          commitIndex: 0,
          lastIndex: 0,
          objects: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.role = reader.string()
              break
            }
            case 3: {
              obj.term = reader.uint64Number()
              break
            }
            case 4: {
              obj.leader = reader.string()
              break
            }
            case 5: {
              if (opts.limits?.voters != null && obj.voters.length === opts.limits.voters) {
                throw new MaxLengthError('Decode error - repeated field "voters" had too many elements')
              }

              if (obj.voters.length === 64) {
                throw new MaxLengthError('Decode error - repeated field "voters" had too many elements')
              }

              obj.voters.push(reader.string())
              break
            }
            case 6: {
              if (opts.limits?.learners != null && obj.learners.length === opts.limits.learners) {
                throw new MaxLengthError('Decode error - repeated field "learners" had too many elements')
              }

              if (obj.learners.length === 64) {
                throw new MaxLengthError('Decode error - repeated field "learners" had too many elements')
              }

              obj.learners.push(reader.string())
              break
            }
            case 7: {
              obj.commitIndex = reader.uint64Number()
              break
            }
            case 8: {
              obj.lastIndex = reader.uint64Number()
              break
            }
            case 9: {
              obj.objects = reader.uint64Number()
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
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.role`,
                value: reader.string()
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
                field: `${prefix}.leader`,
                value: reader.string()
              }
              break
            }
            case 5: {
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
            case 6: {
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
            case 7: {
              yield {
                field: `${prefix}.commitIndex`,
                value: reader.uint64Number()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.lastIndex`,
                value: reader.uint64Number()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.objects`,
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

  export interface StatusGroupIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface StatusGroupRoleFieldEvent {
    field: '$.role'
    value: string
  }

  export interface StatusGroupTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface StatusGroupLeaderFieldEvent {
    field: '$.leader'
    value: string
  }

  export interface StatusGroupVotersFieldEvent {
    field: '$.voters[]'
    index: number
    value: string
  }

  export interface StatusGroupLearnersFieldEvent {
    field: '$.learners[]'
    index: number
    value: string
  }

  export interface StatusGroupCommitIndexFieldEvent {
    field: '$.commitIndex'
    value: number
  }

  export interface StatusGroupLastIndexFieldEvent {
    field: '$.lastIndex'
    value: number
  }

  export interface StatusGroupObjectsFieldEvent {
    field: '$.objects'
    value: number
  }

  export function encode (obj: Partial<StatusGroup>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, StatusGroup.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatusGroup>): StatusGroup {
    return decodeMessage(buf, StatusGroup.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatusGroup>): Generator<StatusGroupIdFieldEvent | StatusGroupRoleFieldEvent | StatusGroupTermFieldEvent | StatusGroupLeaderFieldEvent | StatusGroupVotersFieldEvent | StatusGroupLearnersFieldEvent | StatusGroupCommitIndexFieldEvent | StatusGroupLastIndexFieldEvent | StatusGroupObjectsFieldEvent> {
    return streamMessage(buf, StatusGroup.codec(), opts)
  }
}

export interface StatusMeshGroup {
  id: string
  founder: string
  voters: string[]
  learners: string[]
  leader?: string
  term: number
}

export namespace StatusMeshGroup {
  let _codec: Codec<StatusMeshGroup>

  export const codec = (): Codec<StatusMeshGroup> => {
    if (_codec == null) {
      _codec = message<StatusMeshGroup>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
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

        if (obj.leader != null) {
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
          id: '',
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
              obj.id = reader.string()
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
                field: `${prefix}.id`,
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

  export interface StatusMeshGroupIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface StatusMeshGroupFounderFieldEvent {
    field: '$.founder'
    value: string
  }

  export interface StatusMeshGroupVotersFieldEvent {
    field: '$.voters[]'
    index: number
    value: string
  }

  export interface StatusMeshGroupLearnersFieldEvent {
    field: '$.learners[]'
    index: number
    value: string
  }

  export interface StatusMeshGroupLeaderFieldEvent {
    field: '$.leader'
    value: string
  }

  export interface StatusMeshGroupTermFieldEvent {
    field: '$.term'
    value: number
  }

  export function encode (obj: Partial<StatusMeshGroup>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, StatusMeshGroup.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatusMeshGroup>): StatusMeshGroup {
    return decodeMessage(buf, StatusMeshGroup.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatusMeshGroup>): Generator<StatusMeshGroupIdFieldEvent | StatusMeshGroupFounderFieldEvent | StatusMeshGroupVotersFieldEvent | StatusMeshGroupLearnersFieldEvent | StatusMeshGroupLeaderFieldEvent | StatusMeshGroupTermFieldEvent> {
    return streamMessage(buf, StatusMeshGroup.codec(), opts)
  }
}

export interface StatusTasks {
  started: number
  committed: number
  failed: number
  retries: number
  active: number
}

export namespace StatusTasks {
  let _codec: Codec<StatusTasks>

  export const codec = (): Codec<StatusTasks> => {
    if (_codec == null) {
      _codec = message<StatusTasks>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.started != null && obj.started !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.started)
        }

        if ((obj.committed != null && obj.committed !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.committed)
        }

        if ((obj.failed != null && obj.failed !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.failed)
        }

        if ((obj.retries != null && obj.retries !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.retries)
        }

        if ((obj.active != null && obj.active !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.active)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          started: 0,
          committed: 0,
          failed: 0,
          retries: 0,
          active: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.started = reader.uint64Number()
              break
            }
            case 2: {
              obj.committed = reader.uint64Number()
              break
            }
            case 3: {
              obj.failed = reader.uint64Number()
              break
            }
            case 4: {
              obj.retries = reader.uint64Number()
              break
            }
            case 5: {
              obj.active = reader.uint64Number()
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
                field: `${prefix}.started`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.committed`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.failed`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.retries`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.active`,
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

  export interface StatusTasksStartedFieldEvent {
    field: '$.started'
    value: number
  }

  export interface StatusTasksCommittedFieldEvent {
    field: '$.committed'
    value: number
  }

  export interface StatusTasksFailedFieldEvent {
    field: '$.failed'
    value: number
  }

  export interface StatusTasksRetriesFieldEvent {
    field: '$.retries'
    value: number
  }

  export interface StatusTasksActiveFieldEvent {
    field: '$.active'
    value: number
  }

  export function encode (obj: Partial<StatusTasks>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, StatusTasks.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatusTasks>): StatusTasks {
    return decodeMessage(buf, StatusTasks.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatusTasks>): Generator<StatusTasksStartedFieldEvent | StatusTasksCommittedFieldEvent | StatusTasksFailedFieldEvent | StatusTasksRetriesFieldEvent | StatusTasksActiveFieldEvent> {
    return streamMessage(buf, StatusTasks.codec(), opts)
  }
}

export interface StatusResponse {
  peerId: string
  incarnation: string
  multiaddrs: string[]
  peers: string[]
  joined: boolean
  members: StatusMember[]
  groups: StatusGroup[]
  mesh: StatusMeshGroup[]
  tasks?: StatusTasks
}

export namespace StatusResponse {
  let _codec: Codec<StatusResponse>

  export const codec = (): Codec<StatusResponse> => {
    if (_codec == null) {
      _codec = message<StatusResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.peerId != null && obj.peerId !== '')) {
          w.uint32(10)
          w.string(obj.peerId)
        }

        if ((obj.incarnation != null && obj.incarnation !== '')) {
          w.uint32(18)
          w.string(obj.incarnation)
        }

        if (obj.multiaddrs != null && obj.multiaddrs.length > 0) {
          for (const value of obj.multiaddrs) {
            w.uint32(26)
            w.string(value)
          }
        }

        if (obj.peers != null && obj.peers.length > 0) {
          for (const value of obj.peers) {
            w.uint32(34)
            w.string(value)
          }
        }

        if ((obj.joined != null && obj.joined !== false)) {
          w.uint32(40)
          w.bool(obj.joined)
        }

        if (obj.members != null && obj.members.length > 0) {
          for (const value of obj.members) {
            w.uint32(50)
            StatusMember.codec().encode(value, w)
          }
        }

        if (obj.groups != null && obj.groups.length > 0) {
          for (const value of obj.groups) {
            w.uint32(58)
            StatusGroup.codec().encode(value, w)
          }
        }

        if (obj.mesh != null && obj.mesh.length > 0) {
          for (const value of obj.mesh) {
            w.uint32(66)
            StatusMeshGroup.codec().encode(value, w)
          }
        }

        if (obj.tasks != null) {
          w.uint32(74)
          StatusTasks.codec().encode(obj.tasks, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          peerId: '',
          incarnation: '',
          multiaddrs: [],
          peers: [],
          joined: false,
          members: [],
          groups: [],
          mesh: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.peerId = reader.string()
              break
            }
            case 2: {
              obj.incarnation = reader.string()
              break
            }
            case 3: {
              if (opts.limits?.multiaddrs != null && obj.multiaddrs.length === opts.limits.multiaddrs) {
                throw new MaxLengthError('Decode error - repeated field "multiaddrs" had too many elements')
              }

              if (obj.multiaddrs.length === 64) {
                throw new MaxLengthError('Decode error - repeated field "multiaddrs" had too many elements')
              }

              obj.multiaddrs.push(reader.string())
              break
            }
            case 4: {
              if (opts.limits?.peers != null && obj.peers.length === opts.limits.peers) {
                throw new MaxLengthError('Decode error - repeated field "peers" had too many elements')
              }

              if (obj.peers.length === 4096) {
                throw new MaxLengthError('Decode error - repeated field "peers" had too many elements')
              }

              obj.peers.push(reader.string())
              break
            }
            case 5: {
              obj.joined = reader.bool()
              break
            }
            case 6: {
              if (opts.limits?.members != null && obj.members.length === opts.limits.members) {
                throw new MaxLengthError('Decode error - repeated field "members" had too many elements')
              }

              if (obj.members.length === 4096) {
                throw new MaxLengthError('Decode error - repeated field "members" had too many elements')
              }

              obj.members.push(StatusMember.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.members$
              }))
              break
            }
            case 7: {
              if (opts.limits?.groups != null && obj.groups.length === opts.limits.groups) {
                throw new MaxLengthError('Decode error - repeated field "groups" had too many elements')
              }

              if (obj.groups.length === 4096) {
                throw new MaxLengthError('Decode error - repeated field "groups" had too many elements')
              }

              obj.groups.push(StatusGroup.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.groups$
              }))
              break
            }
            case 8: {
              if (opts.limits?.mesh != null && obj.mesh.length === opts.limits.mesh) {
                throw new MaxLengthError('Decode error - repeated field "mesh" had too many elements')
              }

              if (obj.mesh.length === 4096) {
                throw new MaxLengthError('Decode error - repeated field "mesh" had too many elements')
              }

              obj.mesh.push(StatusMeshGroup.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.mesh$
              }))
              break
            }
            case 9: {
              obj.tasks = StatusTasks.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.tasks
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
        const obj = {
          multiaddrs: 64,
          peers: 4096,
          members: 4096,
          groups: 4096,
          mesh: 4096
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.peerId`,
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
              if (opts.limits?.multiaddrs != null && obj.multiaddrs === opts.limits.multiaddrs) {
                throw new MaxLengthError('Streaming decode error - repeated field "multiaddrs" had too many elements')
              }

              if (obj.multiaddrs === 64) {
                throw new MaxLengthError('Streaming decode error - repeated field "multiaddrs" had too many elements')
              }

              yield {
                field: `${prefix}.multiaddrs[]`,
                index: obj.multiaddrs,
                value: reader.string()
              }

              obj.multiaddrs++

              break
            }
            case 4: {
              if (opts.limits?.peers != null && obj.peers === opts.limits.peers) {
                throw new MaxLengthError('Streaming decode error - repeated field "peers" had too many elements')
              }

              if (obj.peers === 4096) {
                throw new MaxLengthError('Streaming decode error - repeated field "peers" had too many elements')
              }

              yield {
                field: `${prefix}.peers[]`,
                index: obj.peers,
                value: reader.string()
              }

              obj.peers++

              break
            }
            case 5: {
              yield {
                field: `${prefix}.joined`,
                value: reader.bool()
              }
              break
            }
            case 6: {
              if (opts.limits?.members != null && obj.members === opts.limits.members) {
                throw new MaxLengthError('Streaming decode error - repeated field "members" had too many elements')
              }

              if (obj.members === 4096) {
                throw new MaxLengthError('Streaming decode error - repeated field "members" had too many elements')
              }

              for (const evt of StatusMember.codec().stream(reader, reader.uint32(), `${prefix}.members[]`, {
                limits: opts.limits?.members$
              })) {
                yield {
                  ...evt,
                  index: obj.members
                }
              }

              obj.members++

              break
            }
            case 7: {
              if (opts.limits?.groups != null && obj.groups === opts.limits.groups) {
                throw new MaxLengthError('Streaming decode error - repeated field "groups" had too many elements')
              }

              if (obj.groups === 4096) {
                throw new MaxLengthError('Streaming decode error - repeated field "groups" had too many elements')
              }

              for (const evt of StatusGroup.codec().stream(reader, reader.uint32(), `${prefix}.groups[]`, {
                limits: opts.limits?.groups$
              })) {
                yield {
                  ...evt,
                  index: obj.groups
                }
              }

              obj.groups++

              break
            }
            case 8: {
              if (opts.limits?.mesh != null && obj.mesh === opts.limits.mesh) {
                throw new MaxLengthError('Streaming decode error - repeated field "mesh" had too many elements')
              }

              if (obj.mesh === 4096) {
                throw new MaxLengthError('Streaming decode error - repeated field "mesh" had too many elements')
              }

              for (const evt of StatusMeshGroup.codec().stream(reader, reader.uint32(), `${prefix}.mesh[]`, {
                limits: opts.limits?.mesh$
              })) {
                yield {
                  ...evt,
                  index: obj.mesh
                }
              }

              obj.mesh++

              break
            }
            case 9: {
              yield * StatusTasks.codec().stream(reader, reader.uint32(), `${prefix}.tasks`, {
                limits: opts.limits?.tasks
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

  export interface StatusResponsePeerIdFieldEvent {
    field: '$.peerId'
    value: string
  }

  export interface StatusResponseIncarnationFieldEvent {
    field: '$.incarnation'
    value: string
  }

  export interface StatusResponseMultiaddrsFieldEvent {
    field: '$.multiaddrs[]'
    index: number
    value: string
  }

  export interface StatusResponsePeersFieldEvent {
    field: '$.peers[]'
    index: number
    value: string
  }

  export interface StatusResponseJoinedFieldEvent {
    field: '$.joined'
    value: boolean
  }

  export interface StatusResponseMembersNodeFieldEvent {
    field: '$.members[].node'
    value: string
    index: number
  }

  export interface StatusResponseMembersIncarnationFieldEvent {
    field: '$.members[].incarnation'
    value: string
    index: number
  }

  export interface StatusResponseMembersDeadFieldEvent {
    field: '$.members[].dead'
    value: boolean
    index: number
  }

  export interface StatusResponseMembersGroupFieldEvent {
    field: '$.members[].group'
    value: string
    index: number
  }

  export interface StatusResponseMembersAddrsFieldEvent {
    field: '$.members[].addrs[]'
    index: number
    value: string
  }

  export interface StatusResponseGroupsIdFieldEvent {
    field: '$.groups[].id'
    value: string
    index: number
  }

  export interface StatusResponseGroupsRoleFieldEvent {
    field: '$.groups[].role'
    value: string
    index: number
  }

  export interface StatusResponseGroupsTermFieldEvent {
    field: '$.groups[].term'
    value: number
    index: number
  }

  export interface StatusResponseGroupsLeaderFieldEvent {
    field: '$.groups[].leader'
    value: string
    index: number
  }

  export interface StatusResponseGroupsVotersFieldEvent {
    field: '$.groups[].voters[]'
    index: number
    value: string
  }

  export interface StatusResponseGroupsLearnersFieldEvent {
    field: '$.groups[].learners[]'
    index: number
    value: string
  }

  export interface StatusResponseGroupsCommitIndexFieldEvent {
    field: '$.groups[].commitIndex'
    value: number
    index: number
  }

  export interface StatusResponseGroupsLastIndexFieldEvent {
    field: '$.groups[].lastIndex'
    value: number
    index: number
  }

  export interface StatusResponseGroupsObjectsFieldEvent {
    field: '$.groups[].objects'
    value: number
    index: number
  }

  export interface StatusResponseMeshIdFieldEvent {
    field: '$.mesh[].id'
    value: string
    index: number
  }

  export interface StatusResponseMeshFounderFieldEvent {
    field: '$.mesh[].founder'
    value: string
    index: number
  }

  export interface StatusResponseMeshVotersFieldEvent {
    field: '$.mesh[].voters[]'
    index: number
    value: string
  }

  export interface StatusResponseMeshLearnersFieldEvent {
    field: '$.mesh[].learners[]'
    index: number
    value: string
  }

  export interface StatusResponseMeshLeaderFieldEvent {
    field: '$.mesh[].leader'
    value: string
    index: number
  }

  export interface StatusResponseMeshTermFieldEvent {
    field: '$.mesh[].term'
    value: number
    index: number
  }

  export interface StatusResponseTasksStartedFieldEvent {
    field: '$.tasks.started'
    value: number
  }

  export interface StatusResponseTasksCommittedFieldEvent {
    field: '$.tasks.committed'
    value: number
  }

  export interface StatusResponseTasksFailedFieldEvent {
    field: '$.tasks.failed'
    value: number
  }

  export interface StatusResponseTasksRetriesFieldEvent {
    field: '$.tasks.retries'
    value: number
  }

  export interface StatusResponseTasksActiveFieldEvent {
    field: '$.tasks.active'
    value: number
  }

  export function encode (obj: Partial<StatusResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, StatusResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatusResponse>): StatusResponse {
    return decodeMessage(buf, StatusResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatusResponse>): Generator<StatusResponsePeerIdFieldEvent | StatusResponseIncarnationFieldEvent | StatusResponseMultiaddrsFieldEvent | StatusResponsePeersFieldEvent | StatusResponseJoinedFieldEvent | StatusResponseMembersNodeFieldEvent | StatusResponseMembersIncarnationFieldEvent | StatusResponseMembersDeadFieldEvent | StatusResponseMembersGroupFieldEvent | StatusResponseMembersAddrsFieldEvent | StatusResponseGroupsIdFieldEvent | StatusResponseGroupsRoleFieldEvent | StatusResponseGroupsTermFieldEvent | StatusResponseGroupsLeaderFieldEvent | StatusResponseGroupsVotersFieldEvent | StatusResponseGroupsLearnersFieldEvent | StatusResponseGroupsCommitIndexFieldEvent | StatusResponseGroupsLastIndexFieldEvent | StatusResponseGroupsObjectsFieldEvent | StatusResponseMeshIdFieldEvent | StatusResponseMeshFounderFieldEvent | StatusResponseMeshVotersFieldEvent | StatusResponseMeshLearnersFieldEvent | StatusResponseMeshLeaderFieldEvent | StatusResponseMeshTermFieldEvent | StatusResponseTasksStartedFieldEvent | StatusResponseTasksCommittedFieldEvent | StatusResponseTasksFailedFieldEvent | StatusResponseTasksRetriesFieldEvent | StatusResponseTasksActiveFieldEvent> {
    return streamMessage(buf, StatusResponse.codec(), opts)
  }
}
