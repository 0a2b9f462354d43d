/**
 * The fault schedule of a run: each fault's time (fixed, or drawn from its range with the run's
 * seed), its nodes (chosen when it strikes: listed, seeded random among those up, or the node
 * owning the most objects), injecting it on the mesh and ending it (restart, SIGCONT, heal) on time
 * or when the run ends. Every fault leaves a record for the report.
 */

import { createRandom } from './bench/random.ts'
import type { FaultSpec, FaultType, Topology } from './topology-config.ts'
import type { Mesh } from './topology-mesh.ts'
import type { ProbeFigures } from './topology-report.ts'

export interface FaultRecord {
  /** Position in the topology's `faults` */
  index: number
  type: FaultType
  spec: FaultSpec
  /** Seconds after the workload started */
  plannedAtS: number
  /** Resolved when injected */
  nodes: number[]
  peerIds: string[]
  injectedAtS?: number
  /** Restarted, resumed or healed (a kill without `for` never ends) */
  endedAtS?: number
  outcome: 'pending' | 'active' | 'ended' | 'skipped' | 'failed'
  /** Once it ended during the run: a probe write on every node up (the mesh writable again) */
  probes?: ProbeFigures[]
  /** Why it was skipped or failed, or what happened when it ended */
  note?: string
}

export interface FaultLog {
  (line: string): void
}

/** Called when a fault has ended during the run (not at the run's end): e.g. to probe the mesh */
export interface FaultEnded {
  (record: FaultRecord): Promise<void>
}

export class FaultSchedule {
  readonly records: FaultRecord[]
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  private readonly inFlight = new Set<Promise<void>>()
  private readonly enders = new Map<FaultRecord, () => Promise<void>>()
  private readonly seed: number
  private mesh?: Mesh
  private startMs = 0
  private log: FaultLog = () => {}
  private onEnded?: FaultEnded
  private ended = false

  /** `durationS` may be shorter than the topology's (--duration): later faults are skipped */
  constructor (topology: Topology, seed: number, durationS: number) {
    this.seed = seed
    const random = createRandom(seed ^ 0x5EED_FA17)
    this.records = topology.faults.map((spec, index) => {
      const plannedAtS = Array.isArray(spec.at)
        ? Math.round((spec.at[0] + random() * (spec.at[1] - spec.at[0])) * 10) / 10
        : spec.at
      const record: FaultRecord = { index, type: spec.type, spec, plannedAtS, nodes: [], peerIds: [], outcome: 'pending' }
      if (plannedAtS >= durationS) {
        record.outcome = 'skipped'
        record.note = `planned at ${plannedAtS} s, after the run's end (${durationS} s)`
      }
      return record
    })
  }

  /** Arms the timers; times count from `startMs`; `onEnded` after each fault ends during the run */
  start (mesh: Mesh, startMs: number, log: FaultLog, onEnded?: FaultEnded): void {
    this.mesh = mesh
    this.startMs = startMs
    this.log = log
    this.onEnded = onEnded
    for (const record of this.records) {
      if (record.outcome === 'pending') {
        this.after(startMs + record.plannedAtS * 1_000 - Date.now(), async () => this.inject(record))
      }
    }
  }

  /** Faults struck so far, and those still in force */
  counts (): { injected: number, active: number, planned: number } {
    return {
      injected: this.records.filter(r => r.injectedAtS != null).length,
      active: this.records.filter(r => r.outcome === 'active').length,
      planned: this.records.filter(r => r.outcome !== 'skipped').length
    }
  }

  /** What is in force now, for the progress line: `kill n3`, `partition n4,n5` */
  activeLabels (): string[] {
    return this.records.filter(r => r.outcome === 'active').map(r => `${r.type} ${r.nodes.map(n => `n${n}`).join(',')}`)
  }

  /**
   * At the run's end: no new faults; every fault in force ends now (restart, SIGCONT, heal), after
   * any injection under way has finished
   */
  async endAll (): Promise<void> {
    this.ended = true
    for (const timer of this.timers) {
      clearTimeout(timer)
    }
    this.timers.clear()
    await Promise.allSettled([...this.inFlight])
    for (const record of this.records) {
      if (record.outcome === 'pending') {
        record.outcome = 'skipped'
        record.note = 'the run ended first'
      }
    }
    await Promise.allSettled([...this.enders].map(async ([record, end]) => {
      record.note = `${record.note == null ? '' : `${record.note}; `}ended early, at the run's end`
      await end()
    }))
  }

  private nowS (): number {
    return Math.round((Date.now() - this.startMs) / 100) / 10
  }

  private after (delayMs: number, fn: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      const running = fn().catch(err => { this.log(`fault handler failed: ${(err as Error).message}`) })
      this.inFlight.add(running)
      void running.finally(() => this.inFlight.delete(running))
    }, Math.max(0, delayMs))
    this.timers.add(timer)
  }

  private async inject (record: FaultRecord): Promise<void> {
    const mesh = this.mesh as Mesh
    if (this.ended) {
      return
    }
    const { spec } = record
    let nodes = await this.targets(record, mesh)
    if (spec.type !== 'partition') {
      const skipped = nodes.filter(i => mesh.state(i) !== 'up')
      nodes = nodes.filter(i => mesh.state(i) === 'up')
      if (skipped.length > 0) {
        record.note = `node${skipped.length > 1 ? 's' : ''} ${skipped.join(', ')} not up`
      }
    }
    if (nodes.length === 0) {
      record.outcome = 'skipped'
      this.log(`fault ${record.index} (${spec.type}) skipped: ${record.note ?? 'no node to strike'}`)
      return
    }
    if (spec.type === 'restart-all') {
      // the processes that restart the nodes load their code first (seconds on a busy machine)
      await mesh.prepareRestarts(nodes)
      nodes = nodes.filter(i => mesh.state(i) === 'up')
    }
    record.nodes = nodes
    record.peerIds = nodes.map(i => mesh.peerId(i) ?? '')
    record.injectedAtS = this.nowS()
    record.outcome = 'active'
    const label = `${spec.type} n${nodes.join(',n')}`
    try {
      switch (spec.type) {
        case 'kill':
        case 'restart-all':
          // restart-all: every process dies at once, as in a power cut, and none is started before `for`
          await Promise.all(nodes.map(async i => mesh.kill(i)))
          this.log(`fault: ${label} (kill -9)${spec.for == null ? ', not restarted' : `, restart in ${spec.for} s`}`)
          if (spec.for != null) {
            this.endIn(record, spec.for, async () => {
              const failures: string[] = []
              const took: string[] = []
              await Promise.all(nodes.map(async i => {
                const started = performance.now()
                try {
                  await mesh.restart(i)
                  took.push(`n${i} up again ${((performance.now() - started) / 1_000).toFixed(1)} s after the restart began`)
                } catch (err) {
                  failures.push(`node ${i} did not restart: ${(err as Error).message}`)
                }
              }))
              record.note = [record.note, ...took, ...failures].filter(Boolean).join('; ')
              if (failures.length > 0) {
                record.outcome = 'failed'
              }
              this.log(`fault: ${label} restarted: ${[...took, ...failures].join('; ')}`)
            })
          }
          break
        case 'pause':
          for (const i of nodes) {
            mesh.pause(i)
          }
          this.log(`fault: ${label} (SIGSTOP) for ${spec.for} s`)
          this.endIn(record, spec.for ?? 0, async () => {
            for (const i of nodes) {
              mesh.resume(i)
            }
            this.log(`fault: ${label} resumed (SIGCONT)`)
          })
          break
        default:
          await mesh.partition(record.index, nodes)
          this.log(`fault: ${label} cut off from the rest for ${spec.for} s`)
          this.endIn(record, spec.for ?? 0, async () => {
            await mesh.heal(record.index)
            this.log(`fault: ${label} healed`)
          })
      }
    } catch (err) {
      record.outcome = 'failed'
      record.note = (err as Error).message
      this.log(`fault: ${label} failed: ${record.note}`)
    }
  }

  /** Ends the fault after `seconds`, or at the run's end if that comes first */
  private endIn (record: FaultRecord, seconds: number, end: () => Promise<void>): void {
    let done = false
    const finish = async (): Promise<void> => {
      if (done) {
        return
      }
      done = true
      this.enders.delete(record)
      await end()
      record.endedAtS = this.nowS()
      if (record.outcome === 'active') {
        record.outcome = 'ended'
      }
      if (!this.ended) {
        await this.onEnded?.(record)
      }
    }
    this.enders.set(record, finish)
    this.after(seconds * 1_000, finish)
  }

  private async targets (record: FaultRecord, mesh: Mesh): Promise<number[]> {
    const { nodes } = record.spec
    if (nodes == null) {
      // restart-all
      return Array.from({ length: mesh.size }, (_, i) => i)
    }
    if (Array.isArray(nodes)) {
      return nodes
    }
    if (nodes === 'owner') {
      const up = mesh.up()
      return up.length === 0 ? [] : [await mesh.owner(up)]
    }
    // seeded per fault: the same run picks the same nodes whenever the same nodes are up
    const random = createRandom((this.seed ^ Math.imul(record.index + 1, 0x27D4EB2F)) >>> 0)
    const candidates = record.type === 'partition' ? Array.from({ length: mesh.size }, (_, i) => i) : mesh.up()
    const chosen: number[] = []
    while (chosen.length < nodes.random && candidates.length > 0) {
      chosen.push(candidates.splice(Math.floor(random() * candidates.length), 1)[0])
    }
    return chosen.sort((a, b) => a - b)
  }
}
