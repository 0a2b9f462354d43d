/**
 * A seeded generator (mulberry32) returning floats in [0, 1). Seeded so that a run can be repeated
 * with the same transfer sequence (`--seed`); `Math.random` cannot be seeded.
 */
export function createRandom (seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6D2B79F5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** An integer in [0, maxExclusive) */
export function randomInt (random: () => number, maxExclusive: number): number {
  return Math.floor(random() * maxExclusive)
}
