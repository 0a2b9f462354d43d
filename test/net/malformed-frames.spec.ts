/**
 * Every protocol handler against what a broken or hostile peer may send: arbitrary bytes,
 * arbitrary frames, truncated, mutated, oversized and misaddressed frames. No handler may crash,
 * throw out of itself, or hand the endpoint anything the codec does not accept; a bad frame resets
 * its stream and is counted; the node keeps working.
 */

import { LengthPrefixedDecoder } from '@libp2p/utils'
import { expect } from 'aegir/chai'
import fc from 'fast-check'
import { lengthPrefixed } from '../../src/net/framing.ts'
import { decodeGroupFrame, encodeGroupMessage } from '../../src/net/group-codec.ts'
import { createHoardLibp2p } from '../../src/net/libp2p.ts'
import { placeholderDhtRecords } from '../../src/net/record-placeholder.ts'
import { decodeRpcFrame, encodeRequestFrame, encodeResponseFrame } from '../../src/net/rpc-codec.ts'
import { StatusClient } from '../../src/net/status-client.ts'
import { STATUS_PROTOCOL, statusService } from '../../src/net/status.ts'
import { GROUP_PROTOCOL, RPC_PROTOCOL, hoardTransport } from '../../src/net/transport.ts'
import { RecordingEndpoint, until } from './fixtures.ts'
import type { GroupMessage, NodeRequest } from '../../src/groups/transport.ts'
import type { HoardLibp2p } from '../../src/net/libp2p.ts'
import type { StatusReport, StatusService } from '../../src/net/status.ts'
import type { HoardTransport } from '../../src/net/transport.ts'
import type { Stream } from '@libp2p/interface'

const MAX_GROUP_FRAME_BYTES = 64 * 1024
const MAX_RPC_FRAME_BYTES = 16 * 1024
const RUNS = 100

type Victim = HoardLibp2p<{ transport: HoardTransport, status: StatusService }>

const STATUS: StatusReport = {
  peerId: '',
  incarnation: 'i',
  multiaddrs: [],
  peers: [],
  joined: true,
  members: [],
  groups: [],
  mesh: [],
  tasks: { started: 0, committed: 0, failed: 0, retries: 0, active: 0 }
}

function varint (value: number): number[] {
  const bytes: number[] = []
  while (value >= 0x80) {
    bytes.push((value % 0x80) | 0x80)
    value = Math.floor(value / 0x80)
  }
  bytes.push(value)
  return bytes
}

/** The frames a correct receiver accepts from `bytes`: those before the first it must refuse */
function acceptedPrefix<T> (bytes: Uint8Array, maxFrameBytes: number, decode: (frame: Uint8Array) => T): T[] {
  const decoder = new LengthPrefixedDecoder({ maxDataLength: maxFrameBytes, maxBufferSize: 2 * maxFrameBytes + 16 })
  const accepted: T[] = []
  try {
    for (const frame of decoder.decode(bytes)) {
      accepted.push(decode(frame.subarray()))
    }
  } catch {
    // the first bad frame ends what the stream delivers
  }
  return accepted
}

/** Send `bytes` on a new stream and close it; resolves once the receiver has closed or reset it */
async function sendRaw (from: HoardLibp2p, to: Victim, protocol: string, bytes: Uint8Array): Promise<void> {
  const stream = await from.dialProtocol(to.peerId, protocol)
  const closed = new Promise<void>(resolve => { stream.addEventListener('close', () => { resolve() }, { once: true }) })
  try {
    if (bytes.byteLength > 0) {
      stream.send(bytes)
    }
    await stream.close()
  } catch {
    // the receiver may reset the stream before we are done: that is one of the outcomes
  }
  await Promise.race([closed, new Promise(resolve => setTimeout(resolve, 2_000))])
}

describe('handlers and malformed input', function () {
  this.timeout(300_000)

  let victim: Victim
  let attacker: HoardLibp2p
  let endpoint: RecordingEndpoint
  /** what the attacker answers on the request and status protocols */
  let answer: Uint8Array = new Uint8Array()

  before(async () => {
    victim = await createHoardLibp2p<{ transport: HoardTransport, status: StatusService }>({
      dhtRecords: placeholderDhtRecords,
      services: {
        transport: hoardTransport({ maxGroupFrameBytes: MAX_GROUP_FRAME_BYTES, splitAppendBytes: MAX_GROUP_FRAME_BYTES / 2, maxRpcFrameBytes: MAX_RPC_FRAME_BYTES }),
        status: statusService()
      }
    })
    endpoint = new RecordingEndpoint()
    victim.services.transport.attach(endpoint)
    STATUS.peerId = victim.peerId.toString()
    victim.services.status.setSource(() => STATUS)
    attacker = await createHoardLibp2p({ dhtRecords: placeholderDhtRecords })
    // the attacker answers requests and status questions with whatever the property chose
    const answerWith = (stream: Stream): void => {
      stream.addEventListener('message', () => {
        try {
          if (answer.byteLength > 0) {
            stream.send(answer)
          }
          void stream.close().catch(() => {})
        } catch {
          // reset by the victim meanwhile
        }
      }, { once: true })
    }
    await attacker.handle(RPC_PROTOCOL, answerWith)
    await attacker.handle(STATUS_PROTOCOL, answerWith)
    await attacker.dial(victim.getMultiaddrs()[0])
  })

  after(async () => {
    await attacker?.stop()
    await victim?.stop()
  })

  /** A consensus message from the attacker to the victim, valid unless mutated */
  const messageArb = (): fc.Arbitrary<GroupMessage> => fc.record({
    term: fc.nat({ max: 1_000 }),
    lastIndex: fc.nat({ max: 1_000 }),
    granted: fc.boolean(),
    kind: fc.constantFrom('pre-vote', 'vote-reply', 'append-reply', 'timeout-now')
  }).map(({ term, lastIndex, granted, kind }): GroupMessage => {
    const envelope = { group: 'g.1', from: `${attacker.peerId.toString()}/aaaaaaaa`, to: `${victim.peerId.toString()}/bbbbbbbb`, term }
    switch (kind) {
      case 'pre-vote': return { ...envelope, type: 'pre-vote', lastIndex, lastTerm: term }
      case 'vote-reply': return { ...envelope, type: 'vote-reply', granted, leaseEnd: lastIndex }
      case 'append-reply': return { ...envelope, type: 'append-reply', success: granted, index: lastIndex, seq: lastIndex / 3 }
      default: return { ...envelope, type: 'timeout-now' }
    }
  })

  /** Byte strings a stream may carry: garbage, framed garbage, valid frames cut short, flipped, oversized */
  function streamBytes (valid: fc.Arbitrary<Uint8Array>, maxFrameBytes: number): fc.Arbitrary<Uint8Array> {
    return fc.oneof(
      fc.uint8Array({ maxLength: 2_048 }),
      fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }).map(frames => lengthPrefixed(frames).subarray()),
      fc.tuple(valid, fc.nat()).map(([frame, cut]) => {
        const bytes = lengthPrefixed([frame]).subarray()
        return bytes.subarray(0, cut % bytes.byteLength)
      }),
      fc.tuple(valid, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([frame, at, xor]) => {
        const bytes = frame.slice()
        if (bytes.byteLength > 0) {
          bytes[at % bytes.byteLength] ^= xor
        }
        return lengthPrefixed([bytes]).subarray()
      }),
      fc.tuple(fc.integer({ min: maxFrameBytes + 1, max: 2 ** 40 }), fc.uint8Array({ maxLength: 64 })).map(([length, tail]) => Uint8Array.from([...varint(length), ...tail])),
      // a valid frame after a bad one: nothing from the bad one on is delivered
      fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 50 }), valid).map(([junk, frame]) => lengthPrefixed([junk, frame]).subarray())
    )
  }

  it('consensus frames: only what the codec accepts reaches the endpoint, in order', async () => {
    const valid = messageArb().map(m => encodeGroupMessage(m)[0])
    const context = { localNode: victim.peerId.toString(), remoteNode: attacker.peerId.toString() }
    await fc.assert(fc.asyncProperty(streamBytes(valid, MAX_GROUP_FRAME_BYTES), async (bytes) => {
      endpoint.received.length = 0
      const expected = acceptedPrefix(bytes, MAX_GROUP_FRAME_BYTES, frame => decodeGroupFrame(frame, context))
      await sendRaw(attacker, victim, GROUP_PROTOCOL, bytes)
      expect(endpoint.received.map(r => r.message)).to.deep.equal(expected)
      expect(endpoint.received.every(r => r.from === attacker.peerId.toString())).to.be.true()
    }), { numRuns: RUNS })
    expect(victim.services.transport.stats().badFrames).to.be.greaterThan(0)
  })

  it('consensus frames claiming another sender are refused', async () => {
    await fc.assert(fc.asyncProperty(messageArb(), async (message) => {
      endpoint.received.length = 0
      const forged = { ...message, from: `${victim.peerId.toString()}/cccccccc` }
      await sendRaw(attacker, victim, GROUP_PROTOCOL, lengthPrefixed(encodeGroupMessage(forged)).subarray())
      expect(endpoint.received).to.have.lengthOf(0)
    }), { numRuns: 20 })
  })

  it('request frames: only what the codec accepts is handled; the rest resets the stream', async () => {
    const requestArb: fc.Arbitrary<NodeRequest> = fc.oneof(
      fc.record({ key: fc.string({ minLength: 1, maxLength: 40 }), at: fc.nat() }).map(({ key, at }): NodeRequest => ({ type: 'lookup', key, at })),
      fc.record({ key: fc.string({ minLength: 1, maxLength: 40 }), group: fc.string({ minLength: 1, maxLength: 40 }) }).map(({ key, group }): NodeRequest => ({ type: 'claim', key, group }))
    )
    const valid = fc.tuple(fc.integer({ min: 1, max: 2 ** 40 }), requestArb).map(([id, request]) => encodeRequestFrame(id, request))
    const limits = { maxFrameBytes: MAX_RPC_FRAME_BYTES, maxKeyChars: 1024, maxValueBytes: 1024 * 1024 }
    await fc.assert(fc.asyncProperty(streamBytes(valid, MAX_RPC_FRAME_BYTES), async (bytes) => {
      endpoint.handled.length = 0
      const expected = acceptedPrefix(bytes, MAX_RPC_FRAME_BYTES, frame => {
        const decoded = decodeRpcFrame(frame, limits)
        if (decoded.kind === 'response') {
          throw new Error('a response on a request stream')
        }
        return decoded
      }).flatMap(frame => frame.kind === 'request' ? [frame.request] : [])
      await sendRaw(attacker, victim, RPC_PROTOCOL, bytes)
      await until(() => endpoint.handled.length >= expected.length, 2_000)
      expect(endpoint.handled.map(h => h.request)).to.deep.equal(expected)
    }), { numRuns: RUNS })
  })

  it('response frames: a request gets a checked response or a named error, never garbage', async () => {
    const to = attacker.peerId.toString()
    const responseArb = fc.tuple(fc.constantFrom(1, 2, 3, 4, 5), fc.constantFrom<'ok' | 'retry' | 'refused'>('ok', 'retry', 'refused'), fc.option(fc.string({ maxLength: 30 }), { nil: undefined }))
      .map(([id, status, reason]) => encodeResponseFrame(id, { ok: true, response: reason == null ? { status } : { status, reason } }))
    const limits = { maxFrameBytes: MAX_RPC_FRAME_BYTES, maxKeyChars: 1024, maxValueBytes: 1024 * 1024 }
    await fc.assert(fc.asyncProperty(streamBytes(responseArb, MAX_RPC_FRAME_BYTES), async (bytes) => {
      answer = bytes
      const possible = acceptedPrefix(bytes, MAX_RPC_FRAME_BYTES, frame => decodeRpcFrame(frame, limits))
      try {
        const response = await victim.services.transport.request(to, { type: 'lookup', key: 'k', at: 1 }, { timeoutMs: 1_000 })
        expect(possible.some(frame => frame.kind === 'response' && frame.outcome.ok && JSON.stringify(frame.outcome.response) === JSON.stringify(response))).to.be.true()
      } catch (err) {
        expect((err as Error).name).to.be.oneOf(['RequestFailedError', 'RequestTimeoutError', 'PeerUnreachableError'])
      }
    }), { numRuns: RUNS })
    answer = new Uint8Array()
  })

  it('status: garbage asked or answered ends in a closed stream or a named error', async () => {
    const client = await StatusClient.create()
    try {
      await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 4_096 }), async (bytes) => {
        await sendRaw(attacker, victim, STATUS_PROTOCOL, bytes)
        answer = bytes
        const address = attacker.getMultiaddrs()[0]
        await expect(client.fetch(address, { timeoutMs: 2_000 })).to.eventually.be.rejected().with.property('name', 'PeerUnreachableError')
      }), { numRuns: 30 })
    } finally {
      answer = new Uint8Array()
      await client.stop()
    }
    // and a well-formed question still gets its answer
    const client2 = await StatusClient.create()
    try {
      expect(await client2.fetch(victim.getMultiaddrs()[0])).to.deep.equal(STATUS)
    } finally {
      await client2.stop()
    }
  })

  it('still works for well-behaved peers afterwards', async () => {
    endpoint.received.length = 0
    const message: GroupMessage = { type: 'timeout-now', group: 'g.1', from: `${attacker.peerId.toString()}/aaaaaaaa`, to: `${victim.peerId.toString()}/bbbbbbbb`, term: 5 }
    await sendRaw(attacker, victim, GROUP_PROTOCOL, lengthPrefixed(encodeGroupMessage(message)).subarray())
    expect(endpoint.received.map(r => r.message)).to.deep.equal([message])
    expect(victim.services.transport.stats().deliveryErrors).to.equal(0)
  })
})
