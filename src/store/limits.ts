import { InvalidKeyError, InvalidValueError, ValueTooLargeError } from '../errors.ts'

export const DEFAULT_MAX_KEY_BYTES = 1024
export const DEFAULT_MAX_VALUE_BYTES = 1024 * 1024

/** Keys under this prefix are minted by groups (`node.newKey`) and cannot be created by name */
export const MINTED_KEY_PREFIX = '~m/'

export interface Limits {
  maxKeyBytes: number
  maxValueBytes: number
}

export const defaultLimits: Limits = {
  maxKeyBytes: DEFAULT_MAX_KEY_BYTES,
  maxValueBytes: DEFAULT_MAX_VALUE_BYTES
}

/** Throws InvalidKeyError unless `key` is a non-empty string of at most `maxKeyBytes` UTF-8 bytes */
export function assertValidKey (key: unknown, limits: Limits): asserts key is string {
  if (typeof key !== 'string') {
    throw new InvalidKeyError(`Keys must be strings, got ${describeType(key)}`)
  }
  if (key.length === 0) {
    throw new InvalidKeyError('Keys must not be empty')
  }
  // a UTF-16 code unit encodes to at most 3 UTF-8 bytes: only measure keys that might exceed
  if (key.length * 3 > limits.maxKeyBytes) {
    const bytes = Buffer.byteLength(key, 'utf8')
    if (bytes > limits.maxKeyBytes) {
      throw new InvalidKeyError(`Key is ${bytes} bytes of UTF-8; the limit is ${limits.maxKeyBytes}`)
    }
  }
  if (!key.isWellFormed()) {
    throw new InvalidKeyError('Keys must be well-formed Unicode (no lone surrogates)')
  }
}

/** Throws unless `value` is a Uint8Array of at most `maxValueBytes` */
export function assertValidValue (value: unknown, limits: Limits): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new InvalidValueError(`Values must be Uint8Arrays, got ${describeType(value)}`)
  }
  if (value.byteLength > limits.maxValueBytes) {
    throw new ValueTooLargeError(`Value is ${value.byteLength} bytes; the limit is ${limits.maxValueBytes}`)
  }
}

function describeType (value: unknown): string {
  if (value === null) {
    return 'null'
  }
  if (typeof value === 'object') {
    return value.constructor?.name ?? 'object'
  }
  return typeof value
}
