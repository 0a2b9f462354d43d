import { promiseHooks } from 'node:v8'

/**
 * The simulator runs the core's promise continuations (storage completions, votes sent once
 * durable) between its events, as Node does between macrotasks, so that a run replays exactly.
 * A promise hook counts reaction jobs: when one `await` runs no job but its own, the microtask
 * queue was empty. This costs well under a microsecond per event, where a `setImmediate` round
 * trip costs several.
 */
let jobs = 0

// Installed when this module loads, before the simulator creates any promise: V8 does not report
// the reactions of promises created before a hook existed, and a run would then replay
// differently depending on whether it was the first in its process.
promiseHooks.onBefore(() => { jobs++ })

/** Resolves once every queued microtask, and every one they queue in turn, has run */
export async function drainMicrotasks (): Promise<void> {
  for (;;) {
    const before = jobs
    await Promise.resolve()
    if (jobs - before <= 1) {
      return
    }
  }
}
