import { InvalidTokenError } from '../errors.ts'

/**
 * Names one commit: the group whose log holds it, the leader's term, the log index of the entry
 * (one entry carries every task committed in one tick) and the task's position in that entry.
 * A token is committed when the group's committed log holds an entry of `term` at `index`, and
 * lost when it holds an entry of another term there.
 */
export interface CommitToken {
  readonly group: string
  readonly term: number
  readonly index: number
  readonly position: number
}

/** `group:term:index:position`, safe to send to other nodes and parse back with `parseToken` */
export function formatToken (token: CommitToken): string {
  return `${token.group}:${token.term}:${token.index}:${token.position}`
}

export function parseToken (text: string): CommitToken {
  if (typeof text !== 'string') {
    throw new InvalidTokenError('A commit token must be a string')
  }
  const parts = text.split(':')
  if (parts.length !== 4 || parts[0].length === 0) {
    throw new InvalidTokenError(`"${text}" is not a commit token (group:term:index:position)`)
  }
  const [group, term, index, position] = parts
  const numbers = [term, index, position].map(part => /^\d{1,15}$/.test(part) ? Number(part) : Number.NaN)
  if (numbers.some(n => !Number.isSafeInteger(n)) || numbers[0] < 1 || numbers[1] < 1) {
    throw new InvalidTokenError(`"${text}" is not a commit token: term and index must be positive integers`)
  }
  return { group, term: numbers[0], index: numbers[1], position: numbers[2] }
}

/** Accepts a token object or its string form; validates the object's fields */
export function toToken (token: CommitToken | string): CommitToken {
  if (typeof token === 'string') {
    return parseToken(token)
  }
  if (token == null || typeof token.group !== 'string' || token.group.length === 0 ||
    !Number.isSafeInteger(token.term) || token.term < 1 ||
    !Number.isSafeInteger(token.index) || token.index < 1 ||
    !Number.isSafeInteger(token.position) || token.position < 0) {
    throw new InvalidTokenError('A commit token needs group (string), term and index (positive integers) and position (non-negative integer)')
  }
  return token
}
