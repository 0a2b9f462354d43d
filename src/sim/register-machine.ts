import type { Entry } from '../consensus/types.ts'

/** What the checker calls an entry: its command id, `noop`, or the membership it sets */
export function entryId (entry: Entry<string>): string {
  if (entry.kind === 'command') {
    return entry.command ?? ''
  }
  if (entry.kind === 'config') {
    return `config:${entry.config?.voters.join(',') ?? ''}|${entry.config?.learners.join(',') ?? ''}`
  }
  return 'noop'
}

/** FNV-1a, 32 bits: enough to tell two histories apart in a test, and cheap */
function fnv1a (text: string, seed = 0x811c9dc5): number {
  let hash = seed
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/**
 * The simulator's state machine: it only remembers how far it has applied and a digest of every
 * entry applied, in order. Two members whose digests differ at an index applied different
 * histories, which is what state machine safety forbids.
 */
export class RegisterMachine {
  private _index = 0
  private _digest = 0
  private _digestText = '0'

  get index (): number {
    return this._index
  }

  get digest (): string {
    return this._digestText
  }

  apply (entry: Entry<string>): void {
    if (entry.index !== this._index + 1) {
      throw new Error(`state machine at ${this._index} asked to apply ${entry.index}`)
    }
    this._digest = fnv1a(`${entry.term}:${entryId(entry)}`, this._digest)
    this._digestText = this._digest.toString(16)
    this._index = entry.index
  }

  snapshot (): Uint8Array {
    return new TextEncoder().encode(JSON.stringify({ index: this._index, digest: this._digest }))
  }

  load (data: Uint8Array): void {
    const { index, digest } = JSON.parse(new TextDecoder().decode(data)) as { index: number, digest: number }
    this._index = index
    this._digest = digest
    this._digestText = digest.toString(16)
  }
}
