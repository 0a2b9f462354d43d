/**
 * Network figures on loopback, every node in its own process (in one process, every node's work
 * shares one event loop and a round trip becomes the sum of all of it).
 *
 * Run: `npm run net-bench [-- rounds]` (default 2,000 round trips, 1,000 tasks)
 *
 * Round trips between two processes: 64 bytes echoed on an open libp2p stream; a hoard request on
 * the transport's persistent request stream (what the node uses); and, for comparison, a new stream
 * per request (open, negotiate the protocol, write, read, close).
 *
 * Commits in a 3-member group across 3 processes (a mesh of `createNode` nodes): the time from
 * `runTask` returning to `receipt.committed()` resolving (a majority has the entry), the time a
 * `durable` task takes from call to return, and a local `runTask` for reference.
 *
 * Cold DHT lookups on 10 nodes are measured by scripts/dht-lookup.ts.
 */

import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { pbStream } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import { createHoardLibp2p } from '../src/net/libp2p.ts'
import { KeyOutcome, RpcFrame, RpcStatus } from '../src/net/pb/rpc.ts'
import { placeholderDhtRecords } from '../src/net/record-placeholder.ts'
import { hoardTransport } from '../src/net/transport.ts'
import { createNode } from '../src/node.ts'
import type { NodeEndpoint } from '../src/groups/transport.ts'
import type { HoardLibp2p } from '../src/net/libp2p.ts'
import type { HoardTransport } from '../src/net/transport.ts'
import type { HoardNode } from '../src/node.ts'
import type { ChildProcess } from 'node:child_process'

const ECHO_PROTOCOL = '/hoard-bench/echo/1.0.0'
const ONE_SHOT_PROTOCOL = '/hoard-bench/one-shot/1.0.0'

type Command =
  | { op: 'start-peer' }
  | { op: 'start-node', bootstrap: string[] }
  | { op: 'settled', nodes: number }
  | { op: 'commits', tasks: number }
  | { op: 'stop' }

interface Reply { ok: boolean, address?: string, settled?: boolean, samples?: Record<string, number[]>, error?: string }

type BenchLibp2p = HoardLibp2p<{ transport: HoardTransport }>

if (process.argv[2] === 'child') {
  await child()
} else {
  await parent(Number(process.argv[2] ?? 2_000))
}

/** One process: a bare peer (echo, one-shot and the transport) or a whole node */
async function child (): Promise<void> {
  let peer: BenchLibp2p | undefined
  let node: HoardNode | undefined
  const send = (reply: Reply): void => { process.send?.(reply) }

  process.on('message', (command: Command) => {
    void (async (): Promise<Reply> => {
      switch (command.op) {
        case 'start-peer': {
          peer = await benchPeer()
          return { ok: true, address: peer.getMultiaddrs()[0].toString() }
        }
        case 'start-node': {
          node = await createNode({ bootstrap: command.bootstrap })
          return { ok: true, address: node.multiaddrs[0] }
        }
        case 'settled': {
          const status = node?.status()
          const settled = status != null && status.joined &&
            status.groups.length === command.nodes + 1 &&
            status.groups.every(g => g.voters.length === Math.min(3, command.nodes) && g.learners.length === 0 && g.leader != null)
          return { ok: true, settled }
        }
        case 'commits':
          return { ok: true, samples: await commits(node as HoardNode, command.tasks) }
        default:
          await node?.stop()
          await peer?.stop()
          setImmediate(() => process.exit(0))
          return { ok: true }
      }
    })().then(send, (err: Error) => { send({ ok: false, error: err.stack ?? err.message }) })
  })
}

/** A libp2p node with the hoard transport (answering every request `ok`) and two bench protocols */
async function benchPeer (): Promise<BenchLibp2p> {
  const libp2p = await createHoardLibp2p<{ transport: HoardTransport }>({
    dhtRecords: placeholderDhtRecords,
    services: { transport: hoardTransport() }
  })
  const endpoint: NodeEndpoint = {
    receive: () => {},
    handle: async () => ({ status: 'ok' })
  }
  libp2p.services.transport.attach(endpoint)
  await libp2p.handle(ECHO_PROTOCOL, (stream) => {
    stream.addEventListener('message', (evt) => { stream.send(evt.data) })
    stream.addEventListener('remoteCloseWrite', () => { void stream.close() })
  })
  await libp2p.handle(ONE_SHOT_PROTOCOL, async (stream) => {
    const pb = pbStream(stream)
    const frame = await pb.read(RpcFrame)
    await pb.write({ id: frame.id, response: { status: RpcStatus.OK, outcome: KeyOutcome.NONE, claims: [], lookups: [] } }, RpcFrame)
    await stream.close()
  })
  return libp2p
}

async function commits (node: HoardNode, tasks: number): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = { local: [], majority: [], durable: [] }
  const value = new Uint8Array(64)
  // warm up: JIT, streams, batching
  for (let i = 0; i < 100; i++) {
    await (await node.runTask(tx => { tx.put(`warm/${i % 10}`, value) })).committed()
  }
  for (let i = 0; i < tasks; i++) {
    const started = performance.now()
    const receipt = await node.runTask(tx => { tx.put(`bench/${i % 100}`, value) })
    const returned = performance.now()
    await receipt.committed()
    samples.local.push(returned - started)
    samples.majority.push(performance.now() - returned)
  }
  for (let i = 0; i < tasks; i++) {
    const started = performance.now()
    await node.runTask(tx => { tx.put(`durable/${i % 100}`, value) }, { durable: true })
    samples.durable.push(performance.now() - started)
  }
  return samples
}

async function parent (rounds: number): Promise<void> {
  const script = fileURLToPath(import.meta.url)
  const children: ChildProcess[] = []
  const pending = new Map<ChildProcess, Array<(reply: Reply) => void>>()

  const spawnChild = (): ChildProcess => {
    const proc = fork(script, ['child'], { execArgv: ['--experimental-transform-types', '--no-warnings=ExperimentalWarning'] })
    pending.set(proc, [])
    proc.on('message', (reply: Reply) => { pending.get(proc)?.shift()?.(reply) })
    proc.on('exit', code => {
      for (const resolve of pending.get(proc)?.splice(0) ?? []) {
        resolve({ ok: false, error: `a child exited with code ${String(code)}` })
      }
    })
    children.push(proc)
    return proc
  }
  const ask = async (to: ChildProcess, command: Command): Promise<Reply> => {
    const reply = new Promise<Reply>(resolve => { pending.get(to)?.push(resolve) })
    to.send(command)
    const answer = await reply
    if (!answer.ok) {
      throw new Error(answer.error)
    }
    return answer
  }

  let local: BenchLibp2p | undefined
  try {
    // 1. round trips between two processes
    const remote = spawnChild()
    const address = (await ask(remote, { op: 'start-peer' })).address as string
    local = await benchPeer()
    const target = multiaddr(address)
    const peerId = target.getComponents().find(c => c.name === 'p2p')?.value as string
    await local.dial(target)

    const echo = await local.dialProtocol(target, ECHO_PROTOCOL)
    const payload = new Uint8Array(64)
    const echoOnce = async (): Promise<void> => {
      const back = new Promise<void>(resolve => { echo.addEventListener('message', () => { resolve() }, { once: true }) })
      echo.send(payload)
      await back
    }
    const transport = (local as BenchLibp2p).services.transport
    const request = { type: 'lookup', key: 'k', at: 1 } as const
    const newStream = async (): Promise<void> => {
      const stream = await (local as BenchLibp2p).dialProtocol(target, ONE_SHOT_PROTOCOL)
      const pb = pbStream(stream)
      await pb.write({ id: 1, request: { lookup: { key: 'k', at: 1 } } }, RpcFrame)
      await pb.read(RpcFrame)
      await stream.close()
    }
    const trips = {
      'echo, open stream': await time(rounds, echoOnce),
      'request, persistent stream': await time(rounds, async () => { await transport.request(peerId, request, { timeoutMs: 5_000 }) }),
      'request, stream per request': await time(rounds, newStream)
    }
    await echo.close()
    await local.stop()
    local = undefined
    await ask(remote, { op: 'stop' })

    // 2. commits in 3-member groups across 3 processes
    const nodes = [spawnChild(), spawnChild(), spawnChild()]
    const first = (await ask(nodes[0], { op: 'start-node', bootstrap: [] })).address as string
    await Promise.all(nodes.slice(1).map(async n => ask(n, { op: 'start-node', bootstrap: [first] })))
    const deadline = Date.now() + 30_000
    while (!(await Promise.all(nodes.map(async n => (await ask(n, { op: 'settled', nodes: 3 })).settled === true))).every(Boolean)) {
      if (Date.now() > deadline) {
        throw new Error('the 3-node mesh did not settle within 30 s')
      }
      await new Promise(resolve => setTimeout(resolve, 100))
    }
    const tasks = Math.max(100, Math.floor(rounds / 2))
    const samples = (await ask(nodes[0], { op: 'commits', tasks })).samples ?? {}

    process.stdout.write(`loopback, one node per process, Node ${process.version}\n\n`)
    process.stdout.write(`round trips (${rounds} each, sequential):\n`)
    for (const [what, values] of Object.entries(trips)) {
      process.stdout.write(`  ${summary(what, values)}\n`)
    }
    process.stdout.write(`\ncommits in a 3-member group across 3 processes (${tasks} tasks each, sequential, one 64-byte write):\n`)
    process.stdout.write(`  ${summary('runTask (local)', samples.local)}\n`)
    process.stdout.write(`  ${summary('return -> committed', samples.majority)}\n`)
    process.stdout.write(`  ${summary('durable task', samples.durable)}\n`)
  } finally {
    await local?.stop()
    await Promise.all(children.filter(c => c.connected).map(async c => ask(c, { op: 'stop' }).catch(() => { c.kill() })))
  }
}

async function time (rounds: number, fn: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < Math.min(200, rounds); i++) {
    await fn()
  }
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const started = performance.now()
    await fn()
    samples.push(performance.now() - started)
  }
  return samples
}

function summary (what: string, samples: number[] = []): string {
  if (samples.length === 0) {
    return `${what}: no samples`
  }
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number): string => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(3)
  return `${what.padEnd(28)} p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, max ${sorted[sorted.length - 1].toFixed(3)} ms`
}
