import { DEFAULT_TIMING } from '../consensus/raft.ts'
import { InvariantChecker } from './checker.ts'
import { HistoryTee } from './history.ts'
import { PERFECT_LINK } from './network.ts'
import { RaftCluster } from './raft-cluster.ts'
import { SeededRandom } from './random.ts'
import type { RaftTiming } from '../consensus/raft.ts'

export interface ElectionTimeResult {
  seed: number
  /** From the leader's crash to a new leader being elected (true time) */
  electedMs: number
  /** From the crash to the new leader's first entry committing: it can serve again */
  readyMs: number
  ok: boolean
}

/**
 * How long a group of three is without a leader after its leader crashes, on a network with a
 * fixed one-way delay: the leader is crashed at a random point of its heartbeat cycle, after it has
 * led for a while, and the clock stops when another member becomes leader (and when it is ready).
 */
export async function measureElection (seed: number, timing: Partial<RaftTiming> = {}, delayMs = 1): Promise<ElectionTimeResult> {
  const random = new SeededRandom(seed)
  const { driftRate, heartbeatMs } = { ...DEFAULT_TIMING, ...timing }
  const checker = new InvariantChecker()
  // set by the run, read by the history sink
  const times: { crashedAtMs?: number, electedAtMs?: number } = {}
  const cluster: RaftCluster = new RaftCluster({
    seed: random.nextUint32(),
    nodes: 3,
    voters: 3,
    timing,
    link: { ...PERFECT_LINK, minDelayMs: delayMs, maxDelayMs: delayMs },
    clocks: Array.from({ length: 3 }, () => ({ rate: random.between(1 - driftRate, 1 + driftRate), wallOffsetMs: 0 })),
    sink: new HistoryTee(checker, {
      record: event => {
        if (times.crashedAtMs != null && times.electedAtMs == null && event.type === 'role' && event.role === 'leader') {
          times.electedAtMs = event.atMs
        }
      }
    })
  })
  cluster.start()
  await cluster.runUntilTrue(() => cluster.readyLeader() != null, 5000)
  await cluster.runFor(200 + random.between(0, 4 * heartbeatMs))
  const leader = cluster.readyLeader()
  if (leader == null) {
    return { seed, electedMs: Number.NaN, readyMs: Number.NaN, ok: false }
  }
  const crashedAtMs = cluster.nowMs
  times.crashedAtMs = crashedAtMs
  cluster.crash(leader.name, 'process')
  const ready = await cluster.runUntilTrue(() => cluster.readyLeader() != null, cluster.nowMs + 10_000)
  return {
    seed,
    electedMs: (times.electedAtMs ?? Number.NaN) - crashedAtMs,
    readyMs: cluster.nowMs - crashedAtMs,
    ok: ready && checker.ok && cluster.errors.length === 0
  }
}
