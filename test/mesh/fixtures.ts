import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { StatusReport } from '../../src/net/status.ts'
import type { ChildProcess } from 'node:child_process'

// the pinned Node 24 (libp2p 3 needs 22 or newer; the machines' own node is 20)
const NODE = existsSync(join(process.cwd(), 'node_modules/.bin/node'))
  ? join(process.cwd(), 'node_modules/.bin/node')
  : process.execPath
const BIN = join(process.cwd(), 'src/cli/bin.ts')
const NODE_FLAGS = ['--experimental-transform-types', '--no-warnings=ExperimentalWarning']

/** A `hoard start --json` process */
export class HoardProcess {
  readonly child: ChildProcess
  readonly peerId: string
  readonly multiaddr: string
  /** Every event it printed, in order */
  readonly events: Array<Record<string, unknown>>
  readonly stderr: string[]

  private constructor (child: ChildProcess, peerId: string, multiaddr: string, events: Array<Record<string, unknown>>, stderr: string[]) {
    this.child = child
    this.peerId = peerId
    this.multiaddr = multiaddr
    this.events = events
    this.stderr = stderr
  }

  /** Starts `hoard start --json <args>` and resolves once it has printed its addresses */
  static async start (args: string[], timeoutMs = 30_000): Promise<HoardProcess> {
    const child = spawn(NODE, [...NODE_FLAGS, BIN, 'start', '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    const events: Array<Record<string, unknown>> = []
    const stderr: string[] = []
    createInterface({ input: child.stderr! }).on('line', line => { stderr.push(line) })
    const started = Promise.withResolvers<Record<string, unknown>>()
    createInterface({ input: child.stdout! }).on('line', line => {
      let event: Record<string, unknown>
      try {
        event = JSON.parse(line)
      } catch {
        return
      }
      events.push(event)
      if (event.event === 'started') {
        started.resolve(event)
      }
    })
    child.on('exit', code => { started.reject(new Error(`hoard start exited with ${code} before it started: ${stderr.join('\n')}`)) })
    const timer = setTimeout(() => {
      started.reject(new Error(`hoard start did not start within ${timeoutMs} ms`))
      child.kill('SIGKILL')
    }, timeoutMs)
    try {
      const event = await started.promise
      const multiaddrs = event.multiaddrs as string[]
      return new HoardProcess(child, event.peerId as string, multiaddrs[0], events, stderr)
    } finally {
      clearTimeout(timer)
    }
  }

  get running (): boolean {
    return this.child.exitCode == null && this.child.signalCode == null
  }

  /** Sends `signal` and resolves once the process has exited */
  async kill (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.running) {
      return
    }
    const exited = new Promise<void>(resolve => { this.child.once('exit', () => { resolve() }) })
    this.child.kill(signal)
    await exited
  }
}

/**
 * What is wrong with a mesh, judged from the statuses of its live nodes; nothing once it has
 * settled: every node registered and a member of the metadata group, which has min(5, live)
 * voters (1 below 3 nodes) and one leader; every data group known to any node or to the metadata
 * has 3 live voters (1 below 3 nodes), no learners and exactly one leader in its newest term.
 */
export function meshProblems (statuses: StatusReport[]): string[] {
  const problems: string[] = []
  const live = new Set(statuses.map(s => s.peerId))
  const nodeOf = (member: string): string => member.slice(0, member.lastIndexOf('/'))
  for (const status of statuses) {
    if (!status.joined) {
      problems.push(`${status.peerId} has not registered`)
    }
  }
  const groupIds = new Set<string>(['meta'])
  for (const status of statuses) {
    for (const group of status.groups) {
      groupIds.add(group.id)
    }
    for (const group of status.mesh) {
      groupIds.add(group.id)
    }
  }
  // groups founded by nodes that are gone, and that nobody live serves, are no concern
  for (const id of groupIds) {
    const replicas = statuses.flatMap(s => s.groups.filter(g => g.id === id).map(g => ({ node: s.peerId, group: g })))
    if (replicas.length === 0) {
      const recorded = statuses.flatMap(s => s.mesh.filter(g => g.id === id))
      if (recorded.some(g => g.voters.some(v => live.has(nodeOf(v))))) {
        problems.push(`group ${id} is served by no live node`)
      }
      continue
    }
    const term = Math.max(...replicas.map(r => r.group.term))
    const leaders = replicas.filter(r => r.group.role === 'leader' && r.group.term === term)
    if (leaders.length !== 1) {
      problems.push(`group ${id} has ${leaders.length} leaders in term ${term}`)
      continue
    }
    const { voters, learners } = leaders[0].group
    // 1 voter below 3 live nodes; then 3 for a data group, up to 5 for the metadata group
    let target = 1
    if (live.size >= 3) {
      target = id === 'meta' ? Math.min(5, live.size) : 3
    }
    if (voters.length !== target || learners.length !== 0 || voters.some(v => !live.has(nodeOf(v)))) {
      problems.push(`group ${id}: voters ${voters.map(nodeOf).join(',')}, learners ${learners.length}; expected ${target} live voters`)
    }
    if (id === 'meta') {
      const metaNodes = new Set([...voters, ...learners].map(nodeOf))
      for (const node of live) {
        if (!metaNodes.has(node)) {
          problems.push(`${node} is not in the metadata group`)
        }
      }
    }
  }
  return problems
}

/** Polls `statuses()` until the mesh has settled; throws with what is still wrong */
export async function settle (statuses: () => Promise<StatusReport[]>, withinMs: number): Promise<StatusReport[]> {
  const deadline = Date.now() + withinMs
  let problems: string[] = []
  while (Date.now() < deadline) {
    let current: StatusReport[]
    try {
      current = await statuses()
    } catch (err) {
      problems = [`status: ${(err as Error).message}`]
      await new Promise(resolve => setTimeout(resolve, 250))
      continue
    }
    problems = meshProblems(current)
    if (problems.length === 0) {
      return current
    }
    await new Promise(resolve => setTimeout(resolve, 250))
  }
  throw new Error(`the mesh did not settle within ${withinMs} ms: ${problems.join('; ')}`)
}
