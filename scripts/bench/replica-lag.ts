/**
 * Read-replica lag on a 5-node mesh in this process (libp2p over loopback): the owner commits a
 * write at a steady rate; for each, the time from its commit being known at the owner to its entry
 * being applied on the replicas of the two nodes outside the owner group (gossipsub delivery,
 * decoding and application; both ends read this process's clock).
 */

import { createNode } from '../../src/node.ts'
import { LatencyHistogram } from './histogram.ts'
import type { LatencySummary } from './histogram.ts'
import type { HoardNode } from '../../src/node.ts'

export interface ReplicaLagOptions {
  /** Writes measured (default 1,000) */
  writes?: number
  /** Writes per second (default 200) */
  rate?: number
  /** Called with progress lines */
  progress?(line: string): void
}

export interface ReplicaLagResult {
  lag: LatencySummary
  /** Writes whose entry a replica never applied within 5 s */
  missed: number
  /** Replica reads served vs passed to the owner by the readers during the run */
  served: number
  passed: number
}

const MISS_AFTER_MS = 5_000

export async function measureReplicaLag (options: ReplicaLagOptions = {}): Promise<ReplicaLagResult> {
  const writes = options.writes ?? 1_000
  const rate = options.rate ?? 200
  const progress = options.progress ?? (() => {})
  const nodes: HoardNode[] = []
  try {
    progress('replica lag: starting 5 nodes in this process')
    const first = await createNode({ memberDeadMs: 3_000 })
    nodes.push(first)
    for (let i = 1; i < 5; i++) {
      nodes.push(await createNode({ bootstrap: first.multiaddrs, memberDeadMs: 3_000 }))
    }
    const owner = first
    const ownGroup = await until(() => owner.status().groups.find(g => g.id.startsWith(`${owner.peerId}.`) && g.role === 'leader' && g.voters.length === 3), 90_000, 'the owner group has 3 voters')
    const readers = await until(() => {
      const outside = nodes.filter(node => node.status().groups.every(g => g.id !== ownGroup.id))
      return outside.length === 2 ? outside : undefined
    }, 30_000, 'two nodes outside the owner group')
    const key = 'bench/replica-lag'
    await owner.run(tx => { tx.put(key, Uint8Array.of(0)) }, { durable: true })
    // each reader opens its replica by reading, and keeps reading until it serves
    for (const reader of readers) {
      await until(async () => {
        await reader.run(async tx => tx.get(key))
        return reader.status().replicas.some(r => r.group === ownGroup.id && r.based && r.served > 0) ? true : undefined
      }, 30_000, 'a replica serves reads')
    }
    const committedAt = new Map<number, number>()
    const applied: Array<Map<number, number>> = readers.map(() => new Map())
    readers.forEach((reader, r) => {
      reader.addEventListener('replica:applied', evt => {
        if (evt.detail.group !== ownGroup.id) {
          return
        }
        const now = performance.now()
        for (let i = evt.detail.from; i <= evt.detail.to; i++) {
          applied[r].set(i, now)
        }
      })
    })
    const before = readers.map(reader => reader.status().replicas.find(r => r.group === ownGroup.id))
    progress(`replica lag: ${writes} writes at ${rate}/s on the owner, 2 replicas`)
    const intervalMs = 1_000 / rate
    const start = performance.now()
    const pending: Array<Promise<void>> = []
    for (let i = 0; i < writes; i++) {
      const due = start + i * intervalMs
      const wait = due - performance.now()
      if (wait > 0) {
        await new Promise(resolve => setTimeout(resolve, wait))
      }
      const receipt = await owner.runTask(tx => { tx.put(key, Uint8Array.of(i % 256)) })
      const index = receipt.token?.index
      if (index != null) {
        pending.push(receipt.committed().then(() => { committedAt.set(index, performance.now()) }, () => {}))
      }
      // a reader keeps reading, as a game server would
      if (i % 10 === 0) {
        void readers[i % 2].run(async tx => tx.get(key)).catch(() => {})
      }
    }
    await Promise.all(pending)
    await new Promise(resolve => setTimeout(resolve, MISS_AFTER_MS))
    const histogram = new LatencyHistogram()
    let missed = 0
    for (const [index, at] of committedAt) {
      for (const map of applied) {
        const seen = map.get(index)
        if (seen == null) {
          missed++
        } else {
          histogram.recordNs(Math.max(0, seen - at) * 1e6)
        }
      }
    }
    const after = readers.map(reader => reader.status().replicas.find(r => r.group === ownGroup.id))
    return {
      lag: histogram.summary(),
      missed,
      served: after.reduce((sum, r, i) => sum + (r?.served ?? 0) - (before[i]?.served ?? 0), 0),
      passed: after.reduce((sum, r, i) => sum + (r?.passed ?? 0) - (before[i]?.passed ?? 0), 0)
    }
  } finally {
    await Promise.all(nodes.map(async node => node.stop().catch(() => {})))
  }
}

async function until<T> (probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value != null) {
      return value
    }
    if (Date.now() > deadline) {
      throw new Error(`replica lag: ${what} did not happen within ${timeoutMs} ms`)
    }
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}
