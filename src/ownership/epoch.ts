/**
 * The ownership epoch of an object: `(counter, term)`, compared in that order (DESIGN.md,
 * "Ownership epoch"). The counter rises at every creation, handoff-out and cancel, so an epoch
 * grows across every move whatever the groups' ids; the term orders what one counter value saw.
 * Anything (a DHT record, a hint, a message) that carries an older epoch than one already known is
 * stale.
 */
export interface Epoch {
  /** Per-object counter: rises at every creation, handoff-out and cancel */
  readonly counter: number
  /** The Raft term of the group that logged the change */
  readonly term: number
}

/** Negative when `a` is older than `b`, zero when equal, positive when newer: counter first, then term */
export function compareEpochs (a: Epoch, b: Epoch): number {
  if (a.counter !== b.counter) {
    return a.counter < b.counter ? -1 : 1
  }

  if (a.term !== b.term) {
    return a.term < b.term ? -1 : 1
  }

  return 0
}

/** True when both parts are non-negative safe integers (they travel as uint64 and as JS numbers) */
export function isValidEpoch (epoch: Epoch | undefined | null): epoch is Epoch {
  return epoch != null &&
    Number.isSafeInteger(epoch.counter) && epoch.counter >= 0 &&
    Number.isSafeInteger(epoch.term) && epoch.term >= 0
}

/** `counter.term`, for logs and error messages */
export function formatEpoch (epoch: Epoch): string {
  return `${epoch.counter}.${epoch.term}`
}
