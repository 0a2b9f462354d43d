/**
 * The node's identity: an Ed25519 private key created once and kept in its data directory, so its
 * peer id survives restarts (other nodes' group memberships and master records name it).
 */

import { randomBytes } from 'node:crypto'
import { chmod, link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import { CorruptDataError } from '../errors.ts'
import type { Logger, PrivateKey } from '@libp2p/interface'

/** File name of the key inside the data directory */
export const PEER_KEY_FILE = 'peer.key'

/** Owner read/write only: the key is the node's identity */
const PEER_KEY_MODE = 0o600

/**
 * Reads `<dataDir>/peer.key`, or creates it (mode 0600) with a new Ed25519 key if it is absent.
 *
 * @throws {CorruptDataError} when the file exists but does not hold a libp2p private key
 */
export async function loadOrCreatePeerKey (dataDir: string, log?: Logger): Promise<PrivateKey> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const path = join(dataDir, PEER_KEY_FILE)

  const existing = await readPeerKey(path, log)

  if (existing != null) {
    return existing
  }

  const key = await generateKeyPair('Ed25519')

  if (await writeIfAbsent(path, privateKeyToProtobuf(key))) {
    log?.('created peer key %s', path)
    return key
  }

  // another process created it between our read and our write: its key is the identity
  const winner = await readPeerKey(path, log)

  if (winner == null) {
    throw new CorruptDataError(`Peer key file ${path} vanished while it was being created`)
  }

  return winner
}

async function readPeerKey (path: string, log?: Logger): Promise<PrivateKey | undefined> {
  let bytes: Uint8Array

  try {
    bytes = await readFile(path)
  } catch (err) {
    if (isErrno(err, 'ENOENT')) {
      return undefined
    }

    throw err
  }

  let key: PrivateKey

  try {
    key = privateKeyFromProtobuf(bytes)
  } catch (err) {
    throw new CorruptDataError(`Peer key file ${path} does not hold a libp2p private key (${errorMessage(err)}); move it away to start with a new identity`)
  }

  const { mode } = await stat(path)

  if ((mode & 0o077) !== 0) {
    // a copied or restored file may have lost its mode; others on the host must not read it
    await chmod(path, PEER_KEY_MODE)
    log?.('peer key %s was readable by others; its mode is now 0600', path)
  }

  return key
}

/**
 * Writes the key to a temporary file, syncs it, then hard-links it into place: `link` fails if the
 * target exists, so two processes racing on one data directory end up with one identity, and a
 * crash never leaves a half-written key under the real name.
 */
async function writeIfAbsent (path: string, bytes: Uint8Array): Promise<boolean> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  const handle = await open(tmp, 'wx', PEER_KEY_MODE)

  try {
    await handle.writeFile(bytes)
    await handle.sync()
  } finally {
    await handle.close()
  }

  try {
    await link(tmp, path)
    await syncDirectory(dirname(path))
    return true
  } catch (err) {
    if (isErrno(err, 'EEXIST')) {
      return false
    }

    throw err
  } finally {
    await unlink(tmp)
  }
}

/** Makes the new directory entry durable, so a crash cannot silently give the node a new identity */
async function syncDirectory (dir: string): Promise<void> {
  const handle = await open(dir, 'r')

  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

function isErrno (err: unknown, code: string): boolean {
  return err instanceof Error && 'code' in err && err.code === code
}

function errorMessage (err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
