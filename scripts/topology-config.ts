/**
 * Topology files (topologies/*.json): loading, checking against topologies/schema.json, and the
 * checks a schema cannot express (node indexes inside the mesh, faults the mode supports). Every
 * problem is a `TopologyError` whose message is one line naming the file and the field.
 */

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { checkAgainstSchema, SchemaMismatchError } from './topology-schema.ts'
import type { Schema } from './topology-schema.ts'
import type { RaftTiming } from '../src/consensus/raft.ts'
import type { ReadReplicaOptions } from '../src/node-core.ts'
import type { WorkloadSpec } from '../src/workloads/index.ts'

export type Mode = 'in-process' | 'processes'
export type BootstrapShape = 'seed' | 'chain' | 'ring' | 'full'
export type FaultType = 'kill' | 'pause' | 'partition' | 'restart-all'

/** Which nodes a fault hits: indexes, k seeded random nodes, or the node owning the most objects */
export type FaultTargets = number[] | { random: number } | 'owner'

export interface FaultSpec {
  type: FaultType
  /** Seconds after the workload starts, or a range for a seeded random time */
  at: number | [number, number]
  /** Every type but restart-all, which strikes every node */
  nodes?: FaultTargets
  /** kill: seconds until the restart (absent: never); pause, partition: seconds until resumed, healed; restart-all: seconds down */
  for?: number
}

/** A topology file once checked, with every default filled in */
export interface Topology {
  name: string
  description?: string
  nodes: number
  mode: Mode
  bootstrap: BootstrapShape
  storage: 'memory' | 'disk'
  /** 'none', 'generate' or 64 hex digits */
  clusterKey: string
  seed: number
  /** Seconds */
  duration: number
  node: { memberDeadMs?: number, taskTimeoutMs?: number, maxAttempts?: number, raft?: Partial<RaftTiming>, readReplicas?: ReadReplicaOptions, recordsPerSecond?: number }
  settle: { timeout: number, final: number }
  check: { nodes?: number, timeoutMs: number }
  measure: { dhtLookups: number }
  workload: WorkloadSpec & { workers: number }
  faults: FaultSpec[]
}

/** A topology file that cannot be used; the message is one line */
export class TopologyError extends Error {
  override readonly name = 'TopologyError'
}

export const SCHEMA_PATH = fileURLToPath(new URL('../topologies/schema.json', import.meta.url))

let schemaCache: Schema | undefined

export function topologySchema (): Schema {
  schemaCache ??= JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Schema
  return schemaCache
}

/** Reads and checks a topology file */
export function loadTopology (file: string): Topology {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new TopologyError(`${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? (err as Error).message})`}`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new TopologyError(`${file}: not valid JSON: ${(err as Error).message}`)
  }
  try {
    return parseTopology(value)
  } catch (err) {
    if (err instanceof TopologyError) {
      throw new TopologyError(`${file}: ${err.message}`)
    }
    throw err
  }
}

/** Checks a parsed topology: the schema first, then what it cannot say */
export function parseTopology (value: unknown): Topology {
  const copy = structuredClone(value)
  try {
    checkAgainstSchema(copy, topologySchema())
  } catch (err) {
    if (err instanceof SchemaMismatchError) {
      throw new TopologyError(err.message)
    }
    throw err
  }
  const topology = copy as Topology
  checkSemantics(topology)
  return topology
}

function fail (field: string, message: string): never {
  throw new TopologyError(`${field}: ${message}`)
}

function checkSemantics (topology: Topology): void {
  const { nodes, workload } = topology
  if (topology.check.nodes != null && topology.check.nodes > nodes) {
    fail('check.nodes', `must be at most the node count, ${nodes} (got ${topology.check.nodes})`)
  }
  if (workload.type === 'bank' && (workload.accounts ?? 0) < nodes) {
    fail('workload.accounts', `must be at least the node count, ${nodes}, so that every node has accounts of its own (got ${workload.accounts})`)
  }
  if (workload.type === 'mmo' && Object.values(workload.mix ?? {}).every(weight => weight === 0)) {
    fail('workload.mix', 'gives every action weight 0: nothing would happen')
  }
  for (const [i, fault] of topology.faults.entries()) {
    checkFault(topology, fault, `faults[${i}]`)
  }
}

function checkFault (topology: Topology, fault: FaultSpec, field: string): void {
  const { nodes, mode, duration } = topology
  if (mode === 'in-process' && fault.type !== 'partition') {
    fail(`${field}.type`, `"${fault.type}" needs "mode": "processes": in-process nodes share the runner's process, so a ${fault.type === 'pause' ? 'SIGSTOP' : 'kill -9'} would hit them all`)
  }
  if (fault.type === 'restart-all' && topology.storage !== 'disk') {
    fail(`${field}.type`, '"restart-all" needs "storage": "disk": a whole mesh restarted without its data directories has nothing to recover')
  }
  const [earliest, latest] = Array.isArray(fault.at) ? fault.at : [fault.at, fault.at]
  if (earliest > latest) {
    fail(`${field}.at`, `the range [${earliest}, ${latest}] ends before it starts`)
  }
  if (latest >= duration) {
    fail(`${field}.at`, `${latest} s is not inside the run (duration ${duration} s)`)
  }
  if (fault.nodes == null) {
    return
  }
  const targets = fault.nodes
  if (Array.isArray(targets)) {
    for (const [j, node] of targets.entries()) {
      if (node >= nodes) {
        fail(`${field}.nodes[${j}]`, `node ${node} does not exist (the mesh has nodes 0-${nodes - 1})`)
      }
    }
  }
  const count = targetCount(targets)
  if (fault.type === 'partition' && count >= nodes) {
    fail(`${field}.nodes`, `cuts off ${count} of ${nodes} nodes: a partition must leave at least one node on the other side`)
  }
  if (count > nodes) {
    fail(`${field}.nodes.random`, `asks for ${count} nodes; the mesh has ${nodes}`)
  }
}

function targetCount (targets: FaultTargets): number {
  if (Array.isArray(targets)) {
    return targets.length
  }
  return targets === 'owner' ? 1 : targets.random
}
