/**
 * Balances as hoard values: 8 bytes, a little-endian float64. Compact and cheap to encode, unlike
 * JSON on the hot path; balances stay integers well below 2^53, so float64 holds them exactly.
 */
export const BALANCE_BYTES = 8

export function encodeBalance (balance: number): Uint8Array {
  const bytes = new Uint8Array(BALANCE_BYTES)
  new DataView(bytes.buffer).setFloat64(0, balance, true)
  return bytes
}

export function decodeBalance (bytes: Uint8Array): number {
  // a value of another shape means the bench read something it did not write
  if (bytes.byteLength !== BALANCE_BYTES) {
    throw new RangeError(`a balance is ${BALANCE_BYTES} bytes, got ${bytes.byteLength}`)
  }
  return new DataView(bytes.buffer, bytes.byteOffset, BALANCE_BYTES).getFloat64(0, true)
}
