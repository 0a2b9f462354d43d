/**
 * A seeded pseudo-random generator (sfc32, seeded through splitmix32) so that every choice the
 * simulator makes replays exactly from one seed. Never `Math.random`.
 */
export class SeededRandom {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor (seed: number) {
    let state = seed >>> 0
    const next = (): number => {
      state = (state + 0x9e3779b9) >>> 0
      let z = state
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
      return (z ^ (z >>> 16)) >>> 0
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next()
    // the first outputs of sfc32 are poorly mixed: skip them
    for (let i = 0; i < 12; i++) {
      this.nextUint32()
    }
  }

  nextUint32 (): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0
    this.d = (this.d + 1) >>> 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) >>> 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) >>> 0
    return t
  }

  /** Uniform in [0, 1) */
  next (): number {
    return this.nextUint32() / 4294967296
  }

  /** Uniform integer in [min, max] */
  int (min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** Uniform real in [min, max) */
  between (min: number, max: number): number {
    return min + (max - min) * this.next()
  }

  chance (probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new Error('pick from an empty list')
    }
    return items[Math.floor(this.next() * items.length)]
  }

  /** A shuffled copy (Fisher-Yates) */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const swap = out[i]
      out[i] = out[j]
      out[j] = swap
    }
    return out
  }

  /** An independent stream, so that one component's draws do not shift another's */
  fork (): SeededRandom {
    return new SeededRandom(this.nextUint32())
  }
}
