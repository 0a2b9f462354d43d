import { expect } from 'aegir/chai'
import { InvalidKeyError, InvalidOptionError, InvalidTokenError, NotStartedError, createNode } from '../../src/index.ts'

describe('createNode', function () {
  this.timeout(30_000)

  it('starts a node on loopback with a peer id and dialable multiaddrs, runs tasks, and stops', async () => {
    const node = await createNode()
    try {
      expect(node.peerId).to.match(/^12D3KooW/)
      expect(node.multiaddrs).to.not.be.empty()
      for (const addr of node.multiaddrs) {
        expect(addr).to.match(new RegExp(`^/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/${node.peerId}$`))
      }
      const receipt = await node.runTask(tx => { tx.put('k', Uint8Array.of(1)); return 'done' })
      await node.whenCommitted(receipt.token!)
      expect(node.commitStatus(receipt.token!)).to.equal('committed')
      const status = node.status()
      expect(status.peerId).to.equal(node.peerId)
      // a node of its own founds the mesh: the metadata group and its data group, leading both
      expect(status.groups.map(g => g.id)).to.include('meta')
      expect(status.groups).to.have.lengthOf(2)
      expect(status.groups.every(g => g.role === 'leader')).to.be.true()
    } finally {
      await node.stop()
    }
    await expect(node.run(() => 1)).to.eventually.be.rejectedWith(NotStartedError)
  })

  it('rejects unknown and malformed options with InvalidOptionError', async () => {
    // @ts-expect-error a typo of dataDir
    await expect(createNode({ datadir: './x' })).to.eventually.be.rejectedWith(InvalidOptionError, /Unknown option "datadir"/)
    await expect(createNode({ listen: ['not a multiaddr'] })).to.eventually.be.rejectedWith(InvalidOptionError)
    await expect(createNode({ clusterKey: 'short' })).to.eventually.be.rejectedWith(InvalidOptionError)
    await expect(createNode({ listen: [], limits: { maxKeyBytes: -1 } })).to.eventually.be.rejectedWith(InvalidOptionError)
    await expect(createNode({ listen: [], raft: { electionTimeoutMinMs: 100 } })).to.eventually.be.rejectedWith(InvalidOptionError)
  })

  it('applies its limits and refuses tokens of groups it does not know', async () => {
    const node = await createNode({ listen: [], limits: { maxKeyBytes: 8 } })
    try {
      await expect(node.run(tx => { tx.put('123456789', Uint8Array.of(1)) })).to.eventually.be.rejectedWith(InvalidKeyError)
      expect(() => node.commitStatus('other-group:1:1:0')).to.throw(InvalidTokenError)
      expect(() => node.commitStatus('not a token')).to.throw(InvalidTokenError)
    } finally {
      await node.stop()
    }
  })
})
