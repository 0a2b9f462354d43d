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

/** The drain in progress: drivers running at once (a fault schedule restarting a node while a task settles) share it */
let draining: Promise<void> | undefined

/**
 * Resolves once every queued microtask, and every one they queue in turn, has run. Concurrent
 * callers share one drain: two loops each awaiting would count each other's turns as work and
 * never stop.
 */
export function drainMicrotasks (): Promise<void> {
  draining ??= drain()
  return draining
}

async function drain (): Promise<void> {
  for (;;) {
    const before = jobs
    await Promise.resolve()
    if (jobs - before <= 1) {
      draining = undefined
      return
    }
  }
}
