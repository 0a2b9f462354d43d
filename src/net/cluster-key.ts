/**
 * The cluster key: a 32-byte secret every node of one cluster holds. It becomes a libp2p
 * pre-shared key (`@libp2p/pnet`), so a peer without it cannot even start a handshake.
 *
 * It is given either as the 32 raw bytes or as the text of a libp2p swarm key file (the format
 * go-libp2p and IPFS use too), which is what `hoard keygen` writes:
 *
 * ```
 * /key/swarm/psk/1.0.0/
 * /base16/
 * <64 hex digits>
 * ```
 */

import { InvalidOptionError } from '../errors.ts'

/** Length of the secret itself */
export const CLUSTER_KEY_BYTES = 32

const SWARM_KEY_HEADER = '/key/swarm/psk/1.0.0/'
const SWARM_KEY_CODEC = '/base16/'
const HEX_DIGITS = /^[0-9a-fA-F]+$/

/**
 * The cluster key as the swarm key file bytes `preSharedKey({ psk })` expects.
 *
 * @param clusterKey - 32 random bytes, or a swarm key file's text (as a string or its UTF-8 bytes)
 * @throws {InvalidOptionError} when it is neither
 */
export function toSwarmKey (clusterKey: Uint8Array | string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(swarmKeyText(parseClusterKey(clusterKey)))
}

/**
 * The 32 secret bytes of a cluster key.
 *
 * @throws {InvalidOptionError} when `clusterKey` is not 32 bytes or a valid swarm key file
 */
export function parseClusterKey (clusterKey: Uint8Array | string): Uint8Array {
  let secret: Uint8Array

  if (typeof clusterKey === 'string') {
    secret = parseSwarmKeyText(clusterKey)
  } else if (clusterKey instanceof Uint8Array) {
    // 32 bytes cannot be a swarm key file (its header alone is longer), so the two forms never clash
    secret = clusterKey.byteLength === CLUSTER_KEY_BYTES
      ? clusterKey
      : parseSwarmKeyText(decodeUtf8(clusterKey))
  } else {
    throw new InvalidOptionError('clusterKey must be a Uint8Array of 32 bytes or the text of a swarm key file')
  }

  // a key of zeros is what an uninitialised buffer looks like, never what a random generator gives
  if (secret.every(byte => byte === 0)) {
    throw new InvalidOptionError('clusterKey is all zeros; generate one with `hoard keygen`')
  }

  return secret
}

/** A new random cluster key, as the text of a swarm key file (what `hoard keygen` writes) */
export function generateClusterKey (): string {
  return swarmKeyText(crypto.getRandomValues(new Uint8Array(CLUSTER_KEY_BYTES)))
}

/** The swarm key file text for 32 secret bytes */
export function swarmKeyText (secret: Uint8Array): string {
  if (secret.byteLength !== CLUSTER_KEY_BYTES) {
    throw new InvalidOptionError(`A cluster key has ${CLUSTER_KEY_BYTES} bytes, not ${secret.byteLength}`)
  }

  const hex = Array.from(secret, byte => byte.toString(16).padStart(2, '0')).join('')
  return `${SWARM_KEY_HEADER}\n${SWARM_KEY_CODEC}\n${hex}\n`
}

function parseSwarmKeyText (text: string): Uint8Array {
  const lines = text.trim().split(/\r?\n/).map(line => line.trim())

  if (lines.length !== 3 || lines[0] !== SWARM_KEY_HEADER) {
    throw new InvalidOptionError(`clusterKey must be 32 bytes or a swarm key file: three lines, "${SWARM_KEY_HEADER}", "${SWARM_KEY_CODEC}" and ${CLUSTER_KEY_BYTES * 2} hex digits`)
  }

  // @libp2p/pnet reads the third line as base16 whatever the second says, so a /base64/ or /bin/
  // key (valid for go-libp2p) would silently become a different key: refuse it instead
  if (lines[1] !== SWARM_KEY_CODEC) {
    throw new InvalidOptionError(`Swarm key encoding "${lines[1]}" is not supported; use "${SWARM_KEY_CODEC}"`)
  }

  const hex = lines[2]

  if (hex.length !== CLUSTER_KEY_BYTES * 2 || !HEX_DIGITS.test(hex)) {
    throw new InvalidOptionError(`The swarm key must be ${CLUSTER_KEY_BYTES * 2} hex digits`)
  }

  const secret = new Uint8Array(CLUSTER_KEY_BYTES)

  for (let i = 0; i < CLUSTER_KEY_BYTES; i++) {
    secret[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  }

  return secret
}

function decodeUtf8 (bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new InvalidOptionError(`clusterKey must be ${CLUSTER_KEY_BYTES} bytes or the text of a swarm key file; got ${bytes.byteLength} bytes that are neither`)
  }
}
