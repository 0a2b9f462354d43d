import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface ReplicaMessage {
  group: string
  term: number
  first: number
  entries: Uint8Array<ArrayBuffer>[]
  closedTs: number
  closedIndex: number
  snapshot?: Uint8Array<ArrayBuffer>
  snapshotIndex: number
  sentMs: number
}

export namespace ReplicaMessage {
  let _codec: Codec<ReplicaMessage>

  export const codec = (): Codec<ReplicaMessage> => {
    if (_codec == null) {
      _codec = message<ReplicaMessage>((obj, w, opts = {}) => {
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

        if ((obj.first != null && obj.first !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.first)
        }

        if (obj.entries != null && obj.entries.length > 0) {
          for (const value of obj.entries) {
            w.uint32(34)
            w.bytes(value)
          }
        }

        if ((obj.closedTs != null && obj.closedTs !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.closedTs)
        }

        if ((obj.closedIndex != null && obj.closedIndex !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.closedIndex)
        }

        if (obj.snapshot != null) {
          w.uint32(58)
          w.bytes(obj.snapshot)
        }

        if ((obj.snapshotIndex != null && obj.snapshotIndex !== 0)) {
          w.uint32(64)
          w.uint64Number(obj.snapshotIndex)
        }

        if ((obj.sentMs != null && obj.sentMs !== 0)) {
          w.uint32(73)
          w.double(obj.sentMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          group: '',
          term: 0,
          first: 0,
          entries: [],
          closedTs: 0,
          closedIndex: 0,
          snapshotIndex: 0,
          sentMs: 0
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
              obj.first = reader.uint64Number()
              break
            }
            case 4: {
              if (opts.limits?.entries != null && obj.entries.length === opts.limits.entries) {
                throw new MaxLengthError('Decode error - repeated field "entries" had too many elements')
              }

              if (obj.entries.length === 4096) {
                throw new MaxLengthError('Decode error - repeated field "entries" had too many elements')
              }

              obj.entries.push(reader.bytes())
              break
            }
            case 5: {
              obj.closedTs = reader.uint64Number()
              break
            }
            case 6: {
              obj.closedIndex = reader.uint64Number()
              break
            }
            case 7: {
              obj.snapshot = reader.bytes()
              break
            }
            case 8: {
              obj.snapshotIndex = reader.uint64Number()
              break
            }
            case 9: {
              obj.sentMs = reader.double()
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
          entries: 4096
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
                field: `${prefix}.term`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.first`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              if (opts.limits?.entries != null && obj.entries === opts.limits.entries) {
                throw new MaxLengthError('Streaming decode error - repeated field "entries" had too many elements')
              }

              if (obj.entries === 4096) {
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
            case 5: {
              yield {
                field: `${prefix}.closedTs`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.closedIndex`,
                value: reader.uint64Number()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.snapshot`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.snapshotIndex`,
                value: reader.uint64Number()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.sentMs`,
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

  export interface ReplicaMessageGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface ReplicaMessageTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface ReplicaMessageFirstFieldEvent {
    field: '$.first'
    value: number
  }

  export interface ReplicaMessageEntriesFieldEvent {
    field: '$.entries[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReplicaMessageClosedTsFieldEvent {
    field: '$.closedTs'
    value: number
  }

  export interface ReplicaMessageClosedIndexFieldEvent {
    field: '$.closedIndex'
    value: number
  }

  export interface ReplicaMessageSnapshotFieldEvent {
    field: '$.snapshot'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReplicaMessageSnapshotIndexFieldEvent {
    field: '$.snapshotIndex'
    value: number
  }

  export interface ReplicaMessageSentMsFieldEvent {
    field: '$.sentMs'
    value: number
  }

  export function encode (obj: Partial<ReplicaMessage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ReplicaMessage.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ReplicaMessage>): ReplicaMessage {
    return decodeMessage(buf, ReplicaMessage.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ReplicaMessage>): Generator<ReplicaMessageGroupFieldEvent | ReplicaMessageTermFieldEvent | ReplicaMessageFirstFieldEvent | ReplicaMessageEntriesFieldEvent | ReplicaMessageClosedTsFieldEvent | ReplicaMessageClosedIndexFieldEvent | ReplicaMessageSnapshotFieldEvent | ReplicaMessageSnapshotIndexFieldEvent | ReplicaMessageSentMsFieldEvent> {
    return streamMessage(buf, ReplicaMessage.codec(), opts)
  }
}
