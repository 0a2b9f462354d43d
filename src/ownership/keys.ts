import { MINTED_KEY_PREFIX } from '../store/limits.ts'

/**
 * Minted keys: `~m/<prefix>/<group>/<term>.<counter>` (term and counter in base 36). Unique by
 * construction (a group's leader counts within its term), created by the minting group without
 * asking anyone, and owned by it from the start.
 */
export function mintKey (prefix: string, group: string, term: number, counter: number): string {
  return `${MINTED_KEY_PREFIX}${prefix}/${group}/${term.toString(36)}.${counter.toString(36)}`
}

export interface MintedKey {
  prefix: string
  group: string
  term: number
  counter: number
}

/** The parts of a minted key, or undefined when `key` is not one */
export function parseMinted (key: string): MintedKey | undefined {
  if (!key.startsWith(MINTED_KEY_PREFIX)) {
    return undefined
  }
  const rest = key.slice(MINTED_KEY_PREFIX.length)
  const last = rest.lastIndexOf('/')
  const middle = rest.lastIndexOf('/', last - 1)
  if (last === -1 || middle <= 0) {
    return undefined
  }
  const [termText, counterText] = rest.slice(last + 1).split('.')
  const term = parseInt(termText ?? '', 36)
  const counter = parseInt(counterText ?? '', 36)
  const group = rest.slice(middle + 1, last)
  if (!Number.isSafeInteger(term) || term < 1 || !Number.isSafeInteger(counter) || counter < 0 || group.length === 0) {
    return undefined
  }
  return { prefix: rest.slice(0, middle), group, term, counter }
}

export function isMintedKey (key: string): boolean {
  return key.startsWith(MINTED_KEY_PREFIX)
}
