/**
 * What a workload is to the topology runner (scripts/topology.ts): each node runs a driver that
 * creates the node's share of the objects and then performs operations, one task each; at the end
 * the runner reads every key of the workload on several nodes and the workload checks what they
 * read. Workloads use only the public node API (`run`), like a game server would.
 */

import type { HoardNode } from '../node.ts'
import type { Tx } from '../txn/transaction.ts'

/** The part of a node a workload uses */
export type WorkloadNode = Pick<HoardNode, 'run'>

/** One invariant, as checked on one node's read of the whole state */
export interface InvariantCheck {
  name: string
  ok: boolean
  /** What was found: the figures when it holds, the first offenders when it does not */
  detail: string
}

/** Something a check made during the run found wrong (a full read that saw a broken total) */
export interface Anomaly {
  /** The invariant broken */
  name: string
  detail: string
}

export interface DriverInit {
  /** This node's index in the mesh, and the mesh's size */
  index: number
  nodes: number
  /** Seeded: the same seed gives the same choices (the outcomes depend on timing) */
  random(): number
  /** Deadline of each task, all attempts included (default: the node's) */
  taskTimeoutMs?: number
  /** Attempts of each task (default: the node's) */
  maxAttempts?: number
  /** A check during the run found the state broken */
  onAnomaly?(anomaly: Anomaly): void
  /** An actor (an mmo player) is now driven by another node: deliver it to that node's `adopt` */
  onHandover?(actor: string, toNode: number): void
}

/** One operation of a workload: one task */
export interface Operation {
  /** `transfer`, `full-read`, `move`, ... */
  kind: string
  /** Runs the task; rejects with its error */
  run(): Promise<void>
}

/** One node's side of a workload */
export interface WorkloadDriver {
  /** Creates this node's share of the objects; resolves with how many it created */
  setup(): Promise<number>
  /** The next operation of worker `worker`, or undefined when there is nothing to do now */
  next(worker: number): Operation | undefined
  /** Actors handed to this node (see `DriverInit.onHandover`) */
  adopt(actors: string[]): void
  /** Actors this node drives now */
  actors(): string[]
}

export interface Workload {
  readonly name: string
  /** Every key of the workload's state: the final check reads them all */
  keys(): string[]
  /** Actors node `index` drives at the start (mmo players; none for the bank) */
  initialActors(index: number, nodes: number): string[]
  driver(node: WorkloadNode, init: DriverInit): WorkloadDriver
  /** Checks one node's read of every key (`keys()`) */
  check(state: ReadonlyMap<string, Uint8Array | undefined>): InvariantCheck[]
}

/**
 * Keys one task reads at once. Their reads are made in one turn of the event loop, so the node
 * asks each home group about all of them in one request (and each owner in turn); the node keeps
 * to its limit of requests per peer, so many at once do not flood anyone.
 */
const READ_WAVE = 512

/**
 * Reads `keys` in one read-only task (one snapshot), `READ_WAVE` at a time, and resolves with
 * their values (undefined: absent).
 */
export async function readAll (node: WorkloadNode, keys: readonly string[], options: { timeoutMs?: number } = {}): Promise<Map<string, Uint8Array | undefined>> {
  return node.run(async tx => {
    const values = new Map<string, Uint8Array | undefined>()
    for (let start = 0; start < keys.length; start += READ_WAVE) {
      const wave = keys.slice(start, start + READ_WAVE)
      const read = await Promise.all(wave.map(async key => tx.get(key)))
      wave.forEach((key, i) => values.set(key, read[i]))
    }
    return values
  }, { consistency: 'medium', timeoutMs: options.timeoutMs })
}

/** A setup task that fails (a group still electing its leader) is tried again this often */
const SETUP_ATTEMPTS = 5
/** Setup tasks create many keys: their deadline */
const SETUP_TASK_MS = 60_000

/**
 * Runs a task that creates a workload's initial objects, again if it fails: it only writes initial
 * values before any other task runs, so running it twice is harmless. Durable: a commit that
 * returned only locally may still be lost with its leader's term (a speculative suffix, reported
 * lost), and every invariant the workload checks counts on its initial objects
 */
export async function runSetupTask (node: WorkloadNode, fn: (tx: Tx) => void): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await node.run(fn, { timeoutMs: SETUP_TASK_MS, durable: true })
      return
    } catch (err) {
      if (attempt >= SETUP_ATTEMPTS) {
        throw err
      }
    }
  }
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** A workload object as stored: JSON */
export function encodeJson (value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value))
}

export function decodeJson<T> (bytes: Uint8Array | undefined): T | undefined {
  return bytes == null ? undefined : JSON.parse(decoder.decode(bytes)) as T
}

/** An integer in [0, maxExclusive) */
export function randomInt (random: () => number, maxExclusive: number): number {
  return Math.floor(random() * maxExclusive)
}

/** Lists at most `max` of `items`, then how many more */
export function firstFew (items: string[], max = 5): string {
  return items.length <= max ? items.join('; ') : `${items.slice(0, max).join('; ')}; and ${items.length - max} more`
}
