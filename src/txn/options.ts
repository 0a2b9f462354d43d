import { InvalidOptionError } from '../errors.ts'
import type { CommitToken } from './token.ts'

/**
 * Consistency levels, from the MMOG transaction models hoard follows. On a one-node mesh `none`,
 * `low` and `medium` behave the same; they differ in how commits reach replicas.
 */
export type Consistency = 'none' | 'low' | 'medium' | 'high' | 'exact'

export const CONSISTENCY_LEVELS: readonly Consistency[] = ['none', 'low', 'medium', 'high', 'exact']

/** Decides whether the master's current value of a critical key is acceptable (`high` level) */
export type AcceptPredicate = (key: string, expected: Uint8Array | undefined, current: Uint8Array | undefined) => boolean

export interface RunOptions {
  /** Default `'medium'` */
  consistency?: Consistency

  /**
   * Return only once a majority of the group has the commit persisted (on a node with a data
   * directory: synced to disk). `exact` implies it. Default false.
   */
  durable?: boolean

  /** Aborts the task (every attempt and every wait) */
  signal?: AbortSignal

  /** Deadline for the whole task, every attempt included, in milliseconds. Default 5,000 */
  timeoutMs?: number

  /** Most attempts before `RetriesExhaustedError`. Default 100 */
  maxAttempts?: number

  /** First backoff between attempts, doubled at each retry, with full jitter. Default 0.5 ms */
  backoffInitialMs?: number

  /** Largest backoff between attempts. Default 20 ms */
  backoffMaxMs?: number

  /**
   * `high` level: the values the caller saw for critical keys (undefined: the caller saw it
   * absent). At commit the master's current value of each is checked by `accept`; if refused the
   * task fails with `CriticalCheckFailedError` (not retried: the caller's view is stale).
   */
  expect?: Record<string, Uint8Array | undefined> | Map<string, Uint8Array | undefined>

  /** `high` level: the acceptance predicate for `expect`. Default: byte-for-byte equality */
  accept?: AcceptPredicate

  /** Wait until this commit (from any node) is visible before the first attempt; fail if it was lost */
  readAfter?: CommitToken | string
}

export interface ResolvedRunOptions {
  consistency: Consistency
  durable: boolean
  signal?: AbortSignal
  timeoutMs: number
  maxAttempts: number
  backoffInitialMs: number
  backoffMaxMs: number
  expect?: Map<string, Uint8Array | undefined>
  accept: AcceptPredicate
  readAfter?: CommitToken | string
}

export type TaskDefaults = Pick<ResolvedRunOptions, 'consistency' | 'timeoutMs' | 'maxAttempts' | 'backoffInitialMs' | 'backoffMaxMs'>

export const DEFAULT_TASK_OPTIONS: TaskDefaults = {
  consistency: 'medium',
  timeoutMs: 5_000,
  maxAttempts: 100,
  backoffInitialMs: 0.5,
  backoffMaxMs: 20
}

export const acceptEqual: AcceptPredicate = (_key, expected, current) => {
  if (expected == null || current == null) {
    return expected == null && current == null
  }
  if (expected.byteLength !== current.byteLength) {
    return false
  }
  for (let i = 0; i < expected.byteLength; i++) {
    if (expected[i] !== current[i]) {
      return false
    }
  }
  return true
}

function positive (name: string, value: unknown, integer: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new InvalidOptionError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`)
  }
  return value
}

function resolveExpect (options: RunOptions, consistency: Consistency): Map<string, Uint8Array | undefined> | undefined {
  if (options.accept != null && typeof options.accept !== 'function') {
    throw new InvalidOptionError('accept must be a function')
  }
  if (options.expect == null) {
    return undefined
  }
  if (consistency !== 'high') {
    throw new InvalidOptionError(`expect (critical-attribute checks) needs consistency 'high', got '${consistency}'`)
  }
  const expect = options.expect instanceof Map ? options.expect : new Map(Object.entries(options.expect))
  for (const [key, value] of expect) {
    if (value != null && !(value instanceof Uint8Array)) {
      throw new InvalidOptionError(`expect["${key}"] must be a Uint8Array or undefined`)
    }
  }
  return expect
}

/** Fills in defaults and rejects bad values with InvalidOptionError */
export function resolveRunOptions (options: RunOptions | undefined, defaults: TaskDefaults): ResolvedRunOptions {
  if (options == null) {
    return { ...defaults, durable: false, accept: acceptEqual }
  }
  if (typeof options !== 'object') {
    throw new InvalidOptionError('Task options must be an object')
  }
  const consistency = options.consistency ?? defaults.consistency
  if (!CONSISTENCY_LEVELS.includes(consistency)) {
    throw new InvalidOptionError(`consistency must be one of ${CONSISTENCY_LEVELS.join(', ')}, got ${String(consistency)}`)
  }
  if (options.durable != null && typeof options.durable !== 'boolean') {
    throw new InvalidOptionError('durable must be a boolean')
  }
  if (options.signal != null && !(options.signal instanceof AbortSignal)) {
    throw new InvalidOptionError('signal must be an AbortSignal')
  }
  const expect = resolveExpect(options, consistency)
  const resolved: ResolvedRunOptions = {
    consistency,
    durable: options.durable === true || consistency === 'exact',
    signal: options.signal,
    timeoutMs: options.timeoutMs == null ? defaults.timeoutMs : positive('timeoutMs', options.timeoutMs, false),
    maxAttempts: options.maxAttempts == null ? defaults.maxAttempts : positive('maxAttempts', options.maxAttempts, true),
    backoffInitialMs: options.backoffInitialMs == null ? defaults.backoffInitialMs : positive('backoffInitialMs', options.backoffInitialMs, false),
    backoffMaxMs: options.backoffMaxMs == null ? defaults.backoffMaxMs : positive('backoffMaxMs', options.backoffMaxMs, false),
    expect,
    accept: options.accept ?? acceptEqual,
    readAfter: options.readAfter
  }
  return resolved
}
