import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface MasterRecord {
  keyHash: Uint8Array<ArrayBuffer>
  counter: number
  term: number
  group: string
  leader: string
  issuedAtMs?: number
  signature: Uint8Array<ArrayBuffer>
}

export namespace MasterRecord {
  let _codec: Codec<MasterRecord>

  export const codec = (): Codec<MasterRecord> => {
    if (_codec == null) {
      _codec = message<MasterRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.keyHash != null && obj.keyHash.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.keyHash)
        }

        if ((obj.counter != null && obj.counter !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.counter)
        }

        if ((obj.term != null && obj.term !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.term)
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(34)
          w.string(obj.group)
        }

        if ((obj.leader != null && obj.leader !== '')) {
          w.uint32(42)
          w.string(obj.leader)
        }

        if (obj.issuedAtMs != null) {
          w.uint32(48)
          w.uint64Number(obj.issuedAtMs)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          keyHash: uint8ArrayAlloc(0),
          counter: 0,
          term: 0,
          group: '',
          leader: '',
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.keyHash = reader.bytes()
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
              obj.group = reader.string()
              break
            }
            case 5: {
              obj.leader = reader.string()
              break
            }
            case 6: {
              obj.issuedAtMs = reader.uint64Number()
              break
            }
            case 7: {
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
                field: `${prefix}.keyHash`,
                value: reader.bytes()
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
                field: `${prefix}.group`,
                value: reader.string()
              }
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
                field: `${prefix}.issuedAtMs`,
                value: reader.uint64Number()
              }
              break
            }
            case 7: {
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

  export interface MasterRecordKeyHashFieldEvent {
    field: '$.keyHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MasterRecordCounterFieldEvent {
    field: '$.counter'
    value: number
  }

  export interface MasterRecordTermFieldEvent {
    field: '$.term'
    value: number
  }

  export interface MasterRecordGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface MasterRecordLeaderFieldEvent {
    field: '$.leader'
    value: string
  }

  export interface MasterRecordIssuedAtMsFieldEvent {
    field: '$.issuedAtMs'
    value: number
  }

  export interface MasterRecordSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<MasterRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, MasterRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MasterRecord>): MasterRecord {
    return decodeMessage(buf, MasterRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MasterRecord>): Generator<MasterRecordKeyHashFieldEvent | MasterRecordCounterFieldEvent | MasterRecordTermFieldEvent | MasterRecordGroupFieldEvent | MasterRecordLeaderFieldEvent | MasterRecordIssuedAtMsFieldEvent | MasterRecordSignatureFieldEvent> {
    return streamMessage(buf, MasterRecord.codec(), opts)
  }
}
