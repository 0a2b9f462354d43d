/**
 * Length-prefixed frames (an unsigned varint byte count, then the frame), the framing
 * `lpStream` from `@libp2p/utils` reads and writes. Persistent streams are read through their
 * `message` events with a `LengthPrefixedDecoder` rather than an `lpStream`: an `lpStream` buffers
 * every incoming byte until `read()` is called, which suits one request and one response, while a
 * long-lived stream's frames are handled as they arrive, synchronously, with no promise per frame.
 */

import { LengthPrefixedDecoder } from '@libp2p/utils'
import * as varint from 'uint8-varint'
import { Uint8ArrayList } from 'uint8arraylist'

/** Frames, each behind its length, as one list: one `stream.send` for a whole batch */
export function lengthPrefixed (frames: readonly Uint8Array[]): Uint8ArrayList {
  const list = new Uint8ArrayList()
  for (const frame of frames) {
    list.append(varint.encode(frame.byteLength))
    list.append(frame)
  }
  return list
}

/** Bytes `frame` takes on the wire with its length prefix */
export function prefixedLength (frame: Uint8Array): number {
  return varint.encodingLength(frame.byteLength) + frame.byteLength
}

/**
 * A decoder for one stream's incoming bytes. It throws (an `InvalidMessageLengthError` or an
 * `InvalidParametersError`) on a length above `maxFrameBytes` or a buffer above twice that, so a
 * peer cannot make a node buffer more than one frame's worth of a stream.
 */
export function frameDecoder (maxFrameBytes: number): LengthPrefixedDecoder {
  return new LengthPrefixedDecoder({
    maxDataLength: maxFrameBytes,
    // a frame may arrive split across chunks, behind the tail of the previous one
    maxBufferSize: 2 * maxFrameBytes + 16
  })
}
