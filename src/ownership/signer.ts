import { createHash } from 'node:crypto'
import { publicKeyFromRaw } from '@libp2p/crypto/keys'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Signer } from './handoff.ts'
import type { PrivateKey } from '@libp2p/interface'

/**
 * Handoffs signed with the node's libp2p key (Ed25519), checked against the sender's peer id:
 * a handoff that does not come from the node it names as its sender is rejected.
 */
export function peerKeySigner (privateKey: PrivateKey): Signer {
  return {
    async sign (data) {
      return privateKey.sign(data)
    },
    async verify (node, data, signature) {
      try {
        const peerId = peerIdFromString(node)
        const raw = peerId.publicKey?.raw
        if (raw == null) {
          return false
        }
        return await publicKeyFromRaw(raw).verify(data, signature)
      } catch {
        return false
      }
    }
  }
}

/** A libp2p service factory: the node's handoff signer, from the key libp2p runs with */
export function handoffSigner (): (components: { privateKey: PrivateKey }) => Signer {
  return components => peerKeySigner(components.privateKey)
}

/**
 * For the simulator and tests, whose nodes have no keys: a tag binding the data to the sender's
 * name. It catches a handoff altered in flight or attributed to another node, but anyone can make
 * one: not a security boundary, and never used by a real node.
 */
export function namedSigner (node: string): Signer {
  const tag = (name: string, data: Uint8Array): Uint8Array => createHash('sha256').update(name).update('\0').update(data).digest()
  return {
    async sign (data) {
      return tag(node, data)
    },
    async verify (sender, data, signature) {
      const expected = tag(sender, data)
      return expected.length === signature.length && expected.every((byte, i) => byte === signature[i])
    }
  }
}
