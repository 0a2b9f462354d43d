import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'aegir/chai'
import { getBootstrapDialer } from '../../src/net/bootstrap.ts'
import { generateClusterKey, parseClusterKey } from '../../src/net/cluster-key.ts'
import { createHoardLibp2p, DHT_PROTOCOL } from '../../src/net/libp2p.ts'
import { placeholderDhtRecords } from '../../src/net/record-placeholder.ts'
import type { BootstrapDialer } from '../../src/net/bootstrap.ts'
import type { DhtRecordPolicy, HoardLibp2p, HoardLibp2pInit } from '../../src/net/libp2p.ts'

const encoder = new TextEncoder()

describe('createHoardLibp2p', function () {
  this.timeout(60_000)

  const running: HoardLibp2p[] = []
  let dir: string

  async function node (init: Partial<HoardLibp2pInit> = {}): Promise<HoardLibp2p> {
    const libp2p = await createHoardLibp2p({ dhtRecords: placeholderDhtRecords, ...init })
    running.push(libp2p)
    return libp2p
  }

  function dialer (libp2p: HoardLibp2p): BootstrapDialer {
    const found = getBootstrapDialer(libp2p)

    if (found == null) {
      throw new Error('no bootstrap dialer')
    }

    return found
  }

  /**
   * A dial that fails fails within this, rather than the connection manager's 6 s per address.
   * Only for dials whose error is not checked: the caller's signal aborting before the encryption
   * phase gives a bare TimeoutError instead of an EncryptionFailedError.
   */
  function soon (): { signal: AbortSignal } {
    return { signal: AbortSignal.timeout(2_000) }
  }

  function address (libp2p: HoardLibp2p): string {
    return libp2p.getMultiaddrs()[0].toString()
  }

  async function until (condition: () => boolean): Promise<void> {
    while (!condition()) {
      await new Promise(resolve => setTimeout(resolve, 20))
    }
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoard-libp2p-'))
  })

  afterEach(async () => {
    await Promise.all(running.splice(0).map(async libp2p => libp2p.stop()))
    await rm(dir, { recursive: true, force: true })
  })

  it('listens on loopback by default and joins another node through a bootstrap address', async () => {
    const a = await node()
    const b = await node({ bootstrap: [address(a)] })

    expect(address(a)).to.match(/^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/12D3/)
    await dialer(b).joined()
    await until(() => a.getPeers().some(peer => peer.equals(b.peerId)))

    expect(b.getPeers().map(String)).to.include(a.peerId.toString())
    expect(dialer(b).status()).to.deep.equal({ reached: [address(a)], unreachable: [] })
  })

  it('runs the DHT on the private protocol in server mode', async () => {
    const a = await node()

    expect(a.getProtocols()).to.include(DHT_PROTOCOL)
    expect(a.getProtocols()).to.not.include('/ipfs/kad/1.0.0')
  })

  it('stores and finds /hoard/ records with the injected validator and selector', async () => {
    const validated: string[] = []
    const policy: DhtRecordPolicy = {
      validate: (key, value) => {
        validated.push(new TextDecoder().decode(key))
        placeholderDhtRecords.validate(key, value)
      },
      select: () => 0
    }
    const a = await node({ dhtRecords: policy })
    const b = await node({ dhtRecords: policy, bootstrap: [address(a)] })
    await dialer(b).joined()
    await until(() => a.getPeers().length > 0)

    // a joins b's routing table once identify has run; until then a put reaches nobody
    let accepted = 0
    while (accepted === 0) {
      await new Promise(resolve => setTimeout(resolve, 20))
      for await (const event of b.services.dht.put(encoder.encode('/hoard/x'), Uint8Array.of(7))) {
        if (event.name === 'PEER_RESPONSE' && event.messageName === 'PUT_VALUE') {
          accepted++
        }
      }
    }

    let found: Uint8Array | undefined
    for await (const event of a.services.dht.get(encoder.encode('/hoard/x'))) {
      if (event.name === 'VALUE') {
        found = event.value
      }
    }

    expect(found).to.deep.equal(Uint8Array.of(7))
    expect(validated).to.include('/hoard/x')
  })

  it('skips its own address in the bootstrap list', async () => {
    const dataDir = join(dir, 'self')
    const first = await node({ dataDir })
    const self = address(first)
    await first.stop()

    const again = await node({ dataDir, bootstrap: [self] })
    await dialer(again).joined()

    expect(dialer(again).status()).to.deep.equal({ reached: [], unreachable: [] })
  })

  it('rejects joined() with a BootstrapError naming unreachable peers, and keeps retrying until one answers', async () => {
    const dataDir = join(dir, 'late')
    const late = await node({ dataDir })
    const lateAddress = address(late)
    await late.stop()

    const b = await node({ bootstrap: [lateAddress] })
    const err = await dialer(b).joined({ timeoutMs: 200 }).then(() => undefined, (err: unknown) => err)

    expect(err).to.have.property('name', 'BootstrapError')
    expect(err).to.have.property('unreachable').that.deep.equals([lateAddress])
    expect(err).to.have.property('message').that.includes(lateAddress)

    // the same identity on the same port comes up: the dialer's retries find it
    const port = Number(lateAddress.split('/')[4])
    await node({ dataDir, listen: [`/ip4/127.0.0.1/tcp/${port}`] })
    await dialer(b).joined()

    expect(dialer(b).status().reached).to.deep.equal([lateAddress])
  })

  it('connects nodes that hold the same cluster key, given as text or as bytes', async () => {
    const key = generateClusterKey()
    const a = await node({ clusterKey: key })
    const b = await node({ clusterKey: parseClusterKey(key), bootstrap: [address(a)] })

    await dialer(b).joined()

    expect(b.getPeers().map(String)).to.include(a.peerId.toString())
  })

  it('keeps out a node without the cluster key', async () => {
    const a = await node({ clusterKey: generateClusterKey() })
    const outsider = await node()

    await expect(outsider.dial(a.getMultiaddrs()[0])).to.eventually.be.rejected.with.property('name', 'EncryptionFailedError')
    await expect(a.dial(outsider.getMultiaddrs()[0], soon())).to.eventually.be.rejected()

    expect(a.getPeers()).to.be.empty()
    expect(outsider.getPeers()).to.be.empty()
  })

  it('keeps out a node with another cluster key', async () => {
    const a = await node({ clusterKey: generateClusterKey() })
    const other = await node({ clusterKey: generateClusterKey() })

    await expect(other.dial(a.getMultiaddrs()[0])).to.eventually.be.rejected.with.property('name', 'EncryptionFailedError')
    await expect(a.dial(other.getMultiaddrs()[0], soon())).to.eventually.be.rejected()

    expect(a.getPeers()).to.be.empty()
  })

  it('keeps its peer id across restarts with a data directory, and takes a new one without', async () => {
    const dataDir = join(dir, 'node')
    const first = await node({ dataDir })
    const id = first.peerId.toString()
    await first.stop()

    const second = await node({ dataDir })
    const inMemory = await node()

    expect(second.peerId.toString()).to.equal(id)
    expect(inMemory.peerId.toString()).to.not.equal(id)
  })

  it('can be built without starting', async () => {
    const a = await node({ start: false })

    expect(a.status).to.equal('stopped')
    await a.start()
    expect(a.getMultiaddrs()).to.have.lengthOf(1)
  })

  const badOptions: Array<[string, Record<string, unknown>]> = [
    ['a cluster key of the wrong length', { clusterKey: new Uint8Array(16).fill(1) }],
    ['a cluster key file with a bad header', { clusterKey: '/key/swarm/psk/9/\n/base16/\n' + 'ab'.repeat(32) }],
    ['a malformed listen address', { listen: ['not-a-multiaddr'] }],
    ['a malformed announce address', { announce: ['/ip4/999.1.1.1/tcp/1'] }],
    ['a bootstrap address without /p2p/', { bootstrap: ['/ip4/127.0.0.1/tcp/4001'] }],
    ['listen that is not an array', { listen: '/ip4/127.0.0.1/tcp/0' }],
    ['no DHT record policy', { dhtRecords: undefined }],
    ['a DHT record policy without a selector', { dhtRecords: { validate: () => {} } }],
    ['gossipsub D of 0', { gossipsub: { D: 0 } }],
    ['a fractional bootstrap timeout', { bootstrapTimeoutMs: 1.5 }]
  ]

  for (const [what, options] of badOptions) {
    it(`rejects ${what} with InvalidOptionError`, async () => {
      // deliberately wrong options, as plain JavaScript could pass them
      const created = createHoardLibp2p({ dhtRecords: placeholderDhtRecords, ...options })

      await expect(created).to.eventually.be.rejected.with.property('name', 'InvalidOptionError')
    })
  }
})
