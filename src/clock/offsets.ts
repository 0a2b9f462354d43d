/** One measurement of a peer's wall clock against this node's, from a round trip */
export interface OffsetSample {
  /** The peer's wall clock minus this node's, estimated at the middle of the round trip */
  readonly offsetMs: number
  /** Half the round trip: the true offset is within `offsetMs ± uncertaintyMs` */
  readonly uncertaintyMs: number
  /** When it was measured, on this node's monotonic clock */
  readonly atMs: number
}

/**
 * The latest measured offset to each peer, and what they say together. A peer is *far* when even
 * the most favourable reading of the round trip puts it beyond the maximum offset
 * (`|offset| − uncertainty > max`), so a slow network never makes a node fence itself; a
 * measurement older than `staleMs` counts for nothing (the peer may be gone, or its clock fixed).
 */
export class ClockOffsets {
  private readonly samples = new Map<string, OffsetSample>()
  private readonly maxOffsetMs: number

  constructor (init: { maxOffsetMs: number }) {
    this.maxOffsetMs = init.maxOffsetMs
  }

  /**
   * A round trip to `peer`: sent at `sentWallMs`/`sentMonoMs` on this node's clocks, answered with
   * the peer's wall reading `peerWallMs`, received at `receivedMonoMs`
   */
  record (peer: string, sentWallMs: number, sentMonoMs: number, peerWallMs: number, receivedMonoMs: number): OffsetSample {
    const roundTripMs = Math.max(0, receivedMonoMs - sentMonoMs)
    const sample = { offsetMs: peerWallMs - (sentWallMs + roundTripMs / 2), uncertaintyMs: roundTripMs / 2, atMs: receivedMonoMs }
    this.samples.set(peer, sample)
    return sample
  }

  get (peer: string): OffsetSample | undefined {
    return this.samples.get(peer)
  }

  forget (peer: string): void {
    this.samples.delete(peer)
  }

  /** Is `peer` known (from a fresh measurement) to be beyond the maximum offset from this node */
  isFar (peer: string, nowMs: number, staleMs: number): boolean {
    const sample = this.samples.get(peer)
    return sample != null && nowMs - sample.atMs <= staleMs && Math.abs(sample.offsetMs) - sample.uncertaintyMs > this.maxOffsetMs
  }

  /**
   * Is this node beyond the maximum offset from a majority of a mesh of `peers` plus itself. Two
   * nodes far from each other cannot tell whose clock is wrong: neither is a majority alone.
   */
  beyondMajority (peers: readonly string[], nowMs: number, staleMs: number): boolean {
    let far = 0
    for (const peer of peers) {
      if (this.isFar(peer, nowMs, staleMs)) {
        far++
      }
    }
    return far >= Math.floor((peers.length + 1) / 2) + 1
  }
}
