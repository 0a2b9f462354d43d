import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { expect } from 'aegir/chai'
import { frameDecoder, lengthPrefixed } from '../../src/net/framing.ts'
import { loadOrCreatePeerKey } from '../../src/net/peer-key.ts'
import { decodeRpcFrame, encodeRequestFrame } from '../../src/net/rpc-codec.ts'
import { RPC_PROTOCOL } from '../../src/net/transport.ts'
import { RecordingEndpoint, transportNode, until } from './fixtures.ts'
import type { TransportNode } from './fixtures.ts'
import type { GroupMessage, NodeResponse } from '../../src/groups/transport.ts'
import type { DecodedRpcFrame } from '../../src/net/rpc-codec.ts'
import type { HoardTransportInit } from '../../src/net/transport.ts'

async function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => { typeof address === 'object' && address != null ? resolve(address.port) : reject(new Error('no port')) })
    })
  })
}

describe('transport over libp2p streams', function () {
  this.timeout(60_000)

  const running: TransportNode[] = []
  const dirs: string[] = []

  async function node (init: HoardTransportInit = {}, listen?: string[], dataDir?: string): Promise<{ libp2p: TransportNode, endpoint: RecordingEndpoint }> {
    const libp2p = await transportNode(init, { listen, dataDir })
    running.push(libp2p)
    const endpoint = new RecordingEndpoint()
    libp2p.services.transport.attach(endpoint)
    return { libp2p, endpoint }
  }

  async function connected (): Promise<Array<{ libp2p: TransportNode, endpoint: RecordingEndpoint }>> {
    const a = await node()
    const b = await node()
    await a.libp2p.dial(b.libp2p.getMultiaddrs()[0])
    return [a, b]
  }

  function timeoutNow (from: TransportNode, to: TransportNode, group = 'g', term = 1): GroupMessage {
    return { type: 'timeout-now', group, from: `${from.peerId.toString()}/aaaaaaaa`, to: `${to.peerId.toString()}/bbbbbbbb`, term }
  }

  afterEach(async () => {
    await Promise.all(running.splice(0).map(async libp2p => libp2p.stop()))
    await Promise.all(dirs.splice(0).map(async dir => rm(dir, { recursive: true, force: true })))
  })

  it('delivers consensus messages in order, both ways, over one stream per direction', async () => {
    const [a, b] = await connected()
    for (let term = 1; term <= 500; term++) {
      a.libp2p.services.transport.send(b.libp2p.peerId.toString(), timeoutNow(a.libp2p, b.libp2p, 'g', term))
      b.libp2p.services.transport.send(a.libp2p.peerId.toString(), timeoutNow(b.libp2p, a.libp2p, 'h', term))
    }
    await until(() => b.endpoint.received.length === 500 && a.endpoint.received.length === 500)
    expect(b.endpoint.received.map(r => r.message.term)).to.deep.equal(Array.from({ length: 500 }, (_, i) => i + 1))
    expect(b.endpoint.received.every(r => r.from === a.libp2p.peerId.toString())).to.be.true()
    expect(a.endpoint.received.every(r => r.message.group === 'h')).to.be.true()
    expect(a.libp2p.services.transport.stats()).to.include({ streamsOpened: 1, framesSent: 500, framesDropped: 0, badFrames: 0 })
  })

  it('answers requests over one stream, each with its own response, in any order', async () => {
    const [a, b] = await connected()
    b.endpoint.handler = async (_from, request) => {
      const key = request.type === 'lookup' ? request.key : ''
      // later requests answer first
      await new Promise(resolve => setTimeout(resolve, 100 - Number(key)))
      return { status: 'ok', owner: `owner-${key}` }
    }
    const to = b.libp2p.peerId.toString()
    const responses = await Promise.all(Array.from({ length: 50 }, async (_, i) => a.libp2p.services.transport.request(to, { type: 'lookup', key: String(i), at: i }, { timeoutMs: 5_000 })))
    expect(responses.map(r => r.owner)).to.deep.equal(Array.from({ length: 50 }, (_, i) => `owner-${i}`))
    expect(b.endpoint.handled.every(h => h.from === a.libp2p.peerId.toString())).to.be.true()
    expect(a.libp2p.services.transport.stats()).to.include({ streamsOpened: 1, requestsSent: 50, requestsFailed: 0 })
  })

  it('times a request out, honours its signal, and reports a failing handler by name', async () => {
    const [a, b] = await connected()
    const to = b.libp2p.peerId.toString()
    const transport = a.libp2p.services.transport
    b.endpoint.handler = async () => new Promise<NodeResponse>(() => {})
    const started = Date.now()
    await expect(transport.request(to, { type: 'lookup', key: 'k', at: 1 }, { timeoutMs: 200 })).to.eventually.be.rejected().with.property('name', 'RequestTimeoutError')
    expect(Date.now() - started).to.be.within(150, 1_000)

    const controller = new AbortController()
    const aborted = transport.request(to, { type: 'lookup', key: 'k', at: 1 }, { timeoutMs: 5_000, signal: controller.signal })
    setTimeout(() => { controller.abort() }, 50)
    await expect(aborted).to.eventually.be.rejected().with.property('name', 'AbortError')

    b.endpoint.handler = async () => { throw new TypeError('boom') }
    await expect(transport.request(to, { type: 'lookup', key: 'k', at: 1 }, { timeoutMs: 5_000 })).to.eventually.be.rejected()
      .with.property('message').that.matches(/TypeError: boom/)
    // the stream survived all of it
    b.endpoint.handler = async () => ({ status: 'redirect', leader: 'someone' })
    expect(await transport.request(to, { type: 'lookup', key: 'k', at: 1 }, { timeoutMs: 5_000 })).to.deep.equal({ status: 'redirect', leader: 'someone' })
    expect(transport.stats().streamsOpened).to.equal(1)
  })

  it('tells a requester to retry when too many of its requests are in handling', async () => {
    const a = await node()
    const b = await node({ maxInFlightRequests: 2 })
    await a.libp2p.dial(b.libp2p.getMultiaddrs()[0])
    const release = Promise.withResolvers<void>()
    b.endpoint.handler = async () => { await release.promise; return { status: 'ok' } }
    const to = b.libp2p.peerId.toString()
    const pending = [1, 2, 3].map(async i => a.libp2p.services.transport.request(to, { type: 'lookup', key: String(i), at: 1 }, { timeoutMs: 5_000 }))
    const third = await pending[2]
    expect(third).to.deep.equal({ status: 'retry', reason: 'busy' })
    release.resolve()
    expect(await Promise.all(pending.slice(0, 2))).to.deep.equal([{ status: 'ok' }, { status: 'ok' }])
  })

  it('keeps its own requests to a peer within the peer\'s cap: the rest wait their turn instead of being told to retry', async () => {
    const a = await node({ maxInFlightRequests: 2 })
    const b = await node({ maxInFlightRequests: 2 })
    await a.libp2p.dial(b.libp2p.getMultiaddrs()[0])
    let handling = 0
    let most = 0
    const release = Promise.withResolvers<void>()
    b.endpoint.handler = async () => {
      handling++
      most = Math.max(most, handling)
      await release.promise
      handling--
      return { status: 'ok' }
    }
    const to = b.libp2p.peerId.toString()
    const transport = a.libp2p.services.transport
    const first = transport.request(to, { type: 'lookup', key: 'first', at: 1 }, { timeoutMs: 5_000 })
    // the third of these times out while it waits: it is never sent
    const pending = [1, 2, 3, 4, 5].map(async i => transport.request(to, { type: 'lookup', key: String(i), at: 1 }, { timeoutMs: i === 3 ? 100 : 10_000 }))
    await expect(pending[2]).to.eventually.be.rejected().with.property('name', 'RequestTimeoutError')
    await until(() => b.endpoint.handled.length === 2)
    release.resolve()
    expect(await first).to.deep.equal({ status: 'ok' })
    const answers = await Promise.allSettled(pending)
    expect(answers.filter(a => a.status === 'fulfilled').map(a => a.value)).to.deep.equal([{ status: 'ok' }, { status: 'ok' }, { status: 'ok' }, { status: 'ok' }])
    expect(most).to.equal(2)
    expect(b.endpoint.handled.map(h => (h.request as { key: string }).key)).to.deep.equal(['first', '1', '2', '4', '5'])
  })

  it('fails fast, without throwing from send, when a peer cannot be reached', async () => {
    const a = await node()
    const b = await node()
    const to = b.libp2p.peerId.toString()
    const address = b.libp2p.getMultiaddrs()[0]
    await a.libp2p.dial(address)
    await b.libp2p.stop()
    a.libp2p.services.transport.send(to, timeoutNow(a.libp2p, b.libp2p))
    const started = Date.now()
    await expect(a.libp2p.services.transport.request(to, { type: 'lookup', key: 'k', at: 1 }, { timeoutMs: 10_000 }))
      .to.eventually.be.rejected().with.property('name').that.is.oneOf(['PeerUnreachableError', 'RequestFailedError'])
    expect(Date.now() - started).to.be.below(8_000)
    await expect(a.libp2p.services.transport.request('not a peer id', { type: 'lookup', key: 'k', at: 1 }, { timeoutMs: 1_000 }))
      .to.eventually.be.rejected().with.property('name', 'PeerUnreachableError')
  })

  it('dials a peer it has no address for through the addresses the metadata records', async () => {
    const a = await node()
    const c = await node()
    const to = c.libp2p.peerId.toString()
    a.libp2p.services.transport.attach(a.endpoint, { addrsOf: (peer) => peer === to ? c.libp2p.getMultiaddrs().map(String) : [] })
    a.libp2p.services.transport.send(to, timeoutNow(a.libp2p, c.libp2p))
    await until(() => c.endpoint.received.length === 1)
    expect(await a.libp2p.services.transport.request(to, { type: 'lookup', key: 'k', at: 1 }, { timeoutMs: 5_000 })).to.deep.equal({ status: 'ok' })
  })

  it('keeps the newest messages for a peer that is down, and delivers them when it comes back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hoard-transport-'))
    dirs.push(dir)
    // b's identity and port are fixed before it runs, so that a can address it while it is down
    const peer = peerIdFromPrivateKey(await loadOrCreatePeerKey(dir))
    const listen = `/ip4/127.0.0.1/tcp/${await freePort()}`
    const a = await node({ maxQueueFrames: 10 })
    const to = peer.toString()
    a.libp2p.services.transport.attach(a.endpoint, { addrsOf: () => [`${listen}/p2p/${to}`] })
    const message = (term: number): GroupMessage => ({ type: 'timeout-now', group: 'g', from: `${a.libp2p.peerId.toString()}/aaaaaaaa`, to: `${to}/bbbbbbbb`, term })
    for (let term = 1; term <= 30; term++) {
      a.libp2p.services.transport.send(to, message(term))
    }
    await until(() => a.libp2p.services.transport.stats().openFailures > 0)
    const b = await node({}, [listen], dir)
    expect(b.libp2p.peerId.toString()).to.equal(to)
    a.libp2p.services.transport.send(to, message(31))
    await until(() => b.endpoint.received.some(r => r.message.term === 31), 15_000)
    const terms = b.endpoint.received.map(r => r.message.term)
    // the oldest were dropped at the bound; the rest arrived in order
    expect(terms[0]).to.be.above(20)
    expect(terms).to.deep.equal([...terms].sort((x, y) => x - y))
    expect(a.libp2p.services.transport.stats().framesDropped).to.be.at.least(20)
  })

  it('opens a new stream after the connection drops', async () => {
    const [a, b] = await connected()
    const to = b.libp2p.peerId.toString()
    a.libp2p.services.transport.send(to, timeoutNow(a.libp2p, b.libp2p, 'g', 1))
    await until(() => b.endpoint.received.length === 1)
    await a.libp2p.hangUp(b.libp2p.peerId)
    await until(() => a.libp2p.getConnections(b.libp2p.peerId).length === 0)
    a.libp2p.services.transport.send(to, timeoutNow(a.libp2p, b.libp2p, 'g', 2))
    await until(() => b.endpoint.received.length === 2)
    expect(a.libp2p.services.transport.stats().streamsOpened).to.equal(2)
  })

  it('answers a request of a kind it does not know with an error naming it, and keeps the stream', async () => {
    const [a, b] = await connected()
    const stream = await a.libp2p.dialProtocol(b.libp2p.peerId, RPC_PROTOCOL)
    const responses: DecodedRpcFrame[] = []
    const decoder = frameDecoder(1024 * 1024)
    stream.addEventListener('message', (evt) => {
      for (const frame of decoder.decode(evt.data)) {
        responses.push(decodeRpcFrame(frame))
      }
    })
    // id 7, a request whose only field is number 15 (a kind added later); then a lookup, id 8
    stream.send(lengthPrefixed([Uint8Array.of(8, 7, 18, 3, (15 << 3) | 2, 1, 0x41), encodeRequestFrame(8, { type: 'lookup', key: 'k', at: 1 })]))
    await until(() => responses.length === 2)
    expect(responses[0]).to.deep.equal({ kind: 'response', id: 7, outcome: { ok: false, reason: 'unsupported request kind' } })
    expect(responses[1]).to.deep.equal({ kind: 'response', id: 8, outcome: { ok: true, response: { status: 'ok' } } })
    expect(b.endpoint.handled).to.have.lengthOf(1)
    await stream.close()
  })

  it('drops what arrives before an endpoint is attached, and asks requesters to retry', async () => {
    const [a, b] = await connected()
    b.libp2p.services.transport.detach()
    const to = b.libp2p.peerId.toString()
    a.libp2p.services.transport.send(to, timeoutNow(a.libp2p, b.libp2p))
    expect(await a.libp2p.services.transport.request(to, { type: 'lookup', key: 'k', at: 1 }, { timeoutMs: 5_000 })).to.deep.include({ status: 'retry' })
    await until(() => b.libp2p.services.transport.stats().framesUndelivered === 1)
    expect(b.endpoint.received).to.have.lengthOf(0)
  })
})
