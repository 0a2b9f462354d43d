/**
 * A worker thread of `scripts/sim.ts`: runs the seeds it is handed, one after another, and
 * reports each. Every seed replays the same in any worker: a run depends on nothing but its seed.
 */
import { parentPort } from 'node:worker_threads'
import { runSeed } from '../src/sim/run-seed.ts'
import type { UnsafeSwitches } from '../src/consensus/raft.ts'
import type { Violation } from '../src/sim/checker.ts'

export interface WorkerRequest {
  from: number
  count: number
  schedule?: string
  unsafe?: UnsafeSwitches
}

export interface SeedSummary {
  seed: number
  schedule: string
  ok: boolean
  checks: number
  violations: Violation[]
  errors: string[]
}

export type WorkerReply = { type: 'seed', summary: SeedSummary } | { type: 'idle' }

const port = parentPort
if (port == null) {
  throw new Error('sim-worker runs as a worker thread of scripts/sim.ts')
}

port.on('message', (request: WorkerRequest) => {
  void (async () => {
    for (let seed = request.from; seed < request.from + request.count; seed++) {
      const result = await runSeed({ seed, schedule: request.schedule, unsafe: request.unsafe })
      const summary: SeedSummary = { seed, schedule: result.schedule, ok: result.ok, checks: result.checks, violations: result.violations, errors: result.errors }
      port.postMessage({ type: 'seed', summary } satisfies WorkerReply)
    }
    port.postMessage({ type: 'idle' } satisfies WorkerReply)
  })()
})
