import { mkdtemp, rm, stat, writeFile, chmod } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { expect } from 'aegir/chai'
import { loadOrCreatePeerKey, PEER_KEY_FILE } from '../../src/net/peer-key.ts'

describe('peer key', () => {
  let dir: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoard-peer-key-'))
  })

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('creates an Ed25519 key once, with mode 0600, and reads the same key back', async () => {
    const dataDir = join(dir, 'data')
    const first = await loadOrCreatePeerKey(dataDir)
    const second = await loadOrCreatePeerKey(dataDir)

    expect(first.type).to.equal('Ed25519')
    expect(peerIdFromPrivateKey(second).toString()).to.equal(peerIdFromPrivateKey(first).toString())
    expect((await stat(join(dataDir, PEER_KEY_FILE))).mode & 0o777).to.equal(0o600)
  })

  it('gives one identity to callers racing on one data directory', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, async () => loadOrCreatePeerKey(dir)))
    const ids = new Set(keys.map(key => peerIdFromPrivateKey(key).toString()))

    expect(ids.size).to.equal(1)
  })

  it('tightens a key file readable by others to 0600', async () => {
    await loadOrCreatePeerKey(dir)
    await chmod(join(dir, PEER_KEY_FILE), 0o644)
    await loadOrCreatePeerKey(dir)

    expect((await stat(join(dir, PEER_KEY_FILE))).mode & 0o777).to.equal(0o600)
  })

  it('refuses a file that is not a private key with CorruptDataError', async () => {
    await writeFile(join(dir, PEER_KEY_FILE), 'not a key')

    await expect(loadOrCreatePeerKey(dir)).to.eventually.be.rejected.with.property('name', 'CorruptDataError')
  })
})
