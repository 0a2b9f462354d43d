/**
 * Parsers for command-line values: each checks its value as soon as commander reads it, so a bad
 * flag is reported by name before anything starts.
 */

import { multiaddr } from '@multiformats/multiaddr'
import { InvalidArgumentError } from 'commander'

/** Collects repeated or space-separated multiaddrs, rejecting any that does not parse */
export function collectMultiaddr (value: string, previous: string[] | undefined): string[] {
  try {
    multiaddr(value)
  } catch (err) {
    throw new InvalidArgumentError(`not a multiaddr (${err instanceof Error ? err.message : String(err)})`)
  }

  return [...(previous ?? []), value]
}

/** Like `collectMultiaddr`, and the address must name its peer: `/p2p/<peer id>` */
export function collectBootstrapMultiaddr (value: string, previous: string[] | undefined): string[] {
  const collected = collectMultiaddr(value, previous)

  if (multiaddr(value).getComponents().find(c => c.name === 'p2p') == null) {
    throw new InvalidArgumentError('a bootstrap address must end with /p2p/<peer id>, as `hoard start` prints it')
  }

  return collected
}

/** A whole number of milliseconds, at least 1 */
export function parseMilliseconds (value: string): number {
  const ms = Number(value)

  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(ms) || ms < 1) {
    throw new InvalidArgumentError('expected a whole number of milliseconds, at least 1')
  }

  return ms
}
