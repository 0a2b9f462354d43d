/**
 * `npm run bench:mesh`: transfers between accounts owned by different nodes, on a mesh of 3 hoard
 * nodes, one per process, on loopback (in one process every node's work would share one event
 * loop). In memory, then again with data directories.
 *
 * Node 2 runs every transfer; each takes one account node 0 created and one node 1 created, both
 * never touched before, so every transfer reads both accounts from their owners and pulls both into
 * node 2's group: two handoffs, from two groups. Accounts are used once; each phase creates its
 * pool first (outside the measured window), sized from the rate its warm-up reached. Node 0
 * founded the mesh, so it is the home of every key's slot (where node 2 looks keys up).
 *
 * Also measured, as the floor: the libp2p round trip on an open stream between nodes 2 and 0
 * (64 bytes echoed, as scripts/net-bench.ts does) and a hoard request on the transport's
 * persistent stream (a lookup at the home); and a cold DHT lookup of a master record node 1
 * published (node 2 drops its own copy first, as scripts/dht-lookup.ts does; nodes do not publish
 * records for their objects yet).
 *
 * The last line is one JSON object: concurrency 64, in memory.
 */

import { fork } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { defaultLogger } from '@libp2p/logger'
import { peerIdFromString } from '@libp2p/peer-id'
import { Command, InvalidArgumentError } from 'commander'
import { Key } from 'interface-datastore'
import { toString as uint8ArrayToString } from 'uint8arrays/to-string'
import { systemClock } from '../src/clock/clock.ts'
import { createNode } from '../src/node.ts'
import { dhtKeyForObjectKey } from '../src/ownership/master-record.ts'
import { MasterRecords } from '../src/ownership/records.ts'
import { LatencyHistogram } from './bench/histogram.ts'
import { Teardown } from './bench/teardown.ts'
import type { LatencySummary } from './bench/histogram.ts'
import type { HoardTransport } from '../src/net/transport.ts'
import type { NodeCore } from '../src/node-core.ts'
import type { HoardNode } from '../src/node.ts'
import type { Datastore } from 'interface-datastore'
import type { ChildProcess } from 'node:child_process'

const ECHO_PROTOCOL = '/hoard-bench/echo/1.0.0'
const NODES = 3
/** Runs the transfers; accounts come from the other two */
const DRIVER = 2
const OWNERS = [0, 1]
/** The JSON's headline figures are those of this concurrency, in memory */
const HEADLINE_CONCURRENCY = 64
const INITIAL_BALANCE = 1_000_000
/**
 * Accounts created per task, and such tasks in flight, while a pool is made: each creation on node
 * 1 is a claim at node 0 (the home of every slot), and a node handles at most 64 requests per
 * stream at once (more are answered "busy" and retried after a backoff)
 */
const CREATE_BATCH = 50
const CREATE_PARALLEL = 1

type Order =
  | { op: 'start', bootstrap: string[], dataDir?: string }
  | { op: 'settled' }
  | { op: 'create', prefix: string, from: number, to: number }
  | { op: 'transfers', prefixes: string[], from: number, to: number, concurrency: number, warmupMs: number, durationMs: number }
  | { op: 'check', prefixes: string[], ranges: Array<[number, number]> }
  | { op: 'rtt', peer: string, rounds: number }
  | { op: 'requests', peer: string, rounds: number }
  | { op: 'publish', keys: string[] }
  | { op: 'lookups', keys: string[] }
  | { op: 'stop' }

interface PhaseFigures {
  transfers: number
  failed: number
  /** attempts beyond the first, over the measured transfers (conflicts, busy or unavailable owners) */
  retries: number
  handoffs: number
  elapsedMs: number
  /** true when the pool ran out before the measured window ended */
  cutShort: boolean
  latency: LatencySummary
}

interface Reply {
  ok: boolean
  error?: string
  address?: string
  peerId?: string
  settled?: boolean
  phase?: PhaseFigures
  /** transfers done in the warm-up, and its length */
  warmup?: { transfers: number, elapsedMs: number }
  /** the first pair no transfer took */
  next?: number
  samplesMs?: number[]
  found?: number
  problems?: string[]
}

/** A line the driver sends while it measures (not a reply) */
interface Progress { progress: string }

interface Options {
  concurrency: number[]
  disk: boolean
  durationMs: number
  warmupMs: number
  rttRounds: number
  lookups: number
}

function parseOptions (): Options {
  const integer = (minimum: number) => (raw: string): number => {
    const value = Number(raw)
    if (!Number.isSafeInteger(value) || value < minimum) {
      throw new InvalidArgumentError(`expected an integer >= ${minimum}`)
    }
    return value
  }
  return new Command()
    .name('bench:mesh')
    .description('Transfers between accounts owned by different nodes: 3 node processes on loopback')
    .option('--concurrency <list>', 'comma-separated concurrencies to run', (raw: string) => raw.split(',').map(part => integer(1)(part.trim())), [1, HEADLINE_CONCURRENCY])
    .option('--no-disk', 'skip the run with data directories')
    .option('--duration-ms <ms>', 'measured time per concurrency', integer(100), 5_000)
    .option('--warmup-ms <ms>', 'warm-up per concurrency (also sizes the account pool)', integer(100), 1_000)
    .option('--rtt-rounds <n>', 'round trips on an open stream', integer(10), 2_000)
    .option('--lookups <n>', 'cold DHT lookups', integer(1), 30)
    .showHelpAfterError()
    .parse()
    .opts<Options>()
}

// ---- a node process ----

const encode = (n: number): Uint8Array => new TextEncoder().encode(String(n))
const decode = (bytes?: Uint8Array): number => bytes == null ? Number.NaN : Number(new TextDecoder().decode(bytes))
const accountKey = (prefix: string, i: number): string => `${prefix}/${i}`

async function child (): Promise<void> {
  let node: HoardNode | undefined
  const send = (message: Reply | Progress): void => { process.send?.(message) }
  // an orphan (the parent died without stopping it) goes too
  process.on('disconnect', () => { process.exit(1) })

  process.on('message', (order: Order) => {
    void (async (): Promise<Reply> => {
      switch (order.op) {
        case 'start':
          node = await createNode({ bootstrap: order.bootstrap, dataDir: order.dataDir })
          await node.libp2p.handle(ECHO_PROTOCOL, (stream) => {
            stream.addEventListener('message', (evt) => { stream.send(evt.data) })
            stream.addEventListener('remoteCloseWrite', () => { void stream.close() })
          })
          return { ok: true, address: node.multiaddrs[0], peerId: node.peerId }
        case 'settled': {
          const status = node?.status()
          const settled = status != null && status.joined && status.groups.length === NODES + 1 &&
            status.groups.every(g => g.voters.length === NODES && g.learners.length === 0 && g.leader != null)
          return { ok: true, settled }
        }
        case 'create':
          await createAccounts(need(node), order.prefix, order.from, order.to)
          return { ok: true }
        case 'transfers':
          return { ok: true, ...await transfers(need(node), order, line => { send({ progress: line }) }) }
        case 'check':
          return { ok: true, problems: await check(need(node), order.prefixes, order.ranges) }
        case 'rtt':
          return { ok: true, samplesMs: await roundTrips(need(node), order.peer, order.rounds) }
        case 'requests':
          return { ok: true, samplesMs: await requests(need(node), order.peer, order.rounds) }
        case 'publish':
          await publish(need(node), order.keys)
          return { ok: true }
        case 'lookups':
          return { ok: true, ...await coldLookups(need(node), order.keys) }
        default:
          await node?.stop()
          setImmediate(() => process.exit(0))
          return { ok: true }
      }
    })().then(send, (err: Error) => { send({ ok: false, error: err.stack ?? err.message }) })
  })
}

function need (node: HoardNode | undefined): HoardNode {
  if (node == null) {
    throw new Error('the node is not started')
  }
  return node
}

/** The node's core: the bench counts handoffs, which the public API does not report */
function coreOf (node: HoardNode): NodeCore {
  return (node as unknown as { core: NodeCore }).core
}

/** Accounts `from` to `to` - 1 under `prefix`, created here (owned by this node's group) */
async function createAccounts (node: HoardNode, prefix: string, from: number, to: number): Promise<void> {
  let next = from
  const worker = async (): Promise<void> => {
    while (next < to) {
      const start = next
      const end = Math.min(to, start + CREATE_BATCH)
      next = end
      await node.run(tx => {
        for (let i = start; i < end; i++) {
          tx.put(accountKey(prefix, i), encode(INITIAL_BALANCE))
        }
      }, { timeoutMs: 60_000 })
    }
  }
  await Promise.all(Array.from({ length: CREATE_PARALLEL }, worker))
}

/**
 * Closed loop of transfers, pair i moving 1 from `prefixes[0]/i` to `prefixes[1]/i`, each pair
 * once: a warm-up, then the measured window, until it ends or the pairs run out
 */
async function transfers (node: HoardNode, order: Extract<Order, { op: 'transfers' }>, progress: (line: string) => void): Promise<Pick<Reply, 'phase' | 'warmup' | 'next'>> {
  const [a, b] = order.prefixes
  const histogram = new LatencyHistogram()
  // every account of the pool is fresh: each one this node's group owns was handed to it in this run
  const own = coreOf(node).dataGroup.ownership
  const handedIn = (): number => {
    let count = 0
    for (let i = order.from; i < next; i++) {
      for (const prefix of order.prefixes) {
        count += own.ownedEpoch(accountKey(prefix, i)) == null ? 0 : 1
      }
    }
    return count
  }
  let next = order.from
  let failed = 0
  let retries = 0
  let warmupDone = 0
  const startMs = performance.now()
  const measureFromMs = startMs + order.warmupMs
  const endMs = measureFromMs + order.durationMs
  let cutShort = false

  const transfer = async (i: number): Promise<number> => {
    const receipt = await node.runTask(async tx => {
      // both reads at once: each goes to the account's owner
      const [from, to] = await Promise.all([tx.get(accountKey(a, i)), tx.get(accountKey(b, i))])
      tx.put(accountKey(a, i), encode(decode(from) - 1))
      tx.put(accountKey(b, i), encode(decode(to) + 1))
    }, { timeoutMs: 10_000 })
    return receipt.attempts
  }
  const worker = async (): Promise<void> => {
    for (;;) {
      const began = performance.now()
      if (began >= endMs) {
        return
      }
      if (next >= order.to) {
        cutShort = began < endMs
        return
      }
      const i = next++
      let attempts: number
      try {
        attempts = await transfer(i)
      } catch (err) {
        failed++
        if (failed <= 3) {
          progress(`  transfer ${i} failed: ${(err as Error).name}: ${(err as Error).message}`)
        }
        continue
      }
      if (began >= measureFromMs) {
        histogram.recordNs((performance.now() - began) * 1_000_000)
        retries += attempts - 1
      } else {
        warmupDone++
      }
    }
  }
  // a line a second: of the measured window, or of the warm-up when that is all there is
  const warmupOnly = order.durationMs === 0
  let lastReport = { atMs: warmupOnly ? startMs : measureFromMs, count: 0 }
  const reporter = setInterval(() => {
    const now = performance.now()
    if (now - lastReport.atMs < 1_000) {
      return
    }
    const count = warmupOnly ? warmupDone : histogram.count
    const since = warmupOnly ? startMs : measureFromMs
    progress(`  ${warmupOnly ? 'warm-up ' : ''}${((now - since) / 1_000).toFixed(0)} s: ${count} transfers, ${Math.round((count - lastReport.count) * 1_000 / (now - lastReport.atMs))}/s in the last second, ${handedIn()} handoffs`)
    lastReport = { atMs: now, count }
  }, 100)
  try {
    await Promise.all(Array.from({ length: order.concurrency }, worker))
  } finally {
    clearInterval(reporter)
  }
  // until the last transfer ended (as scripts/bench/closed-loop.ts counts)
  const elapsedMs = Math.max(1, performance.now() - measureFromMs)
  return {
    next,
    // until its last transfer ended: transfers started late in the warm-up end after it
    warmup: { transfers: warmupDone, elapsedMs: performance.now() - startMs },
    phase: {
      transfers: histogram.count,
      failed,
      retries,
      handoffs: handedIn(),
      elapsedMs,
      cutShort,
      latency: histogram.summary()
    }
  }
}

/** Every pair of the ranges moved at most 1, and in total nothing was made or lost */
async function check (node: HoardNode, prefixes: string[], ranges: Array<[number, number]>): Promise<string[]> {
  const problems: string[] = []
  let total = 0
  let count = 0
  for (const [from, to] of ranges) {
    count += to - from
    for (let start = from; start < to; start += 500) {
      const end = Math.min(to, start + 500)
      const balances = await node.run(async tx => Promise.all(
        Array.from({ length: end - start }, async (_, k) => Promise.all(prefixes.map(async prefix => decode(await tx.get(accountKey(prefix, start + k))))))
      ), { timeoutMs: 60_000 })
      for (const [k, [a, b]] of balances.entries()) {
        if (a + b !== 2 * INITIAL_BALANCE || (a !== INITIAL_BALANCE && a !== INITIAL_BALANCE - 1)) {
          problems.push(`pair ${start + k}: ${a} and ${b}`)
        }
        total += a + b
      }
    }
  }
  if (total !== 2 * INITIAL_BALANCE * count) {
    problems.push(`total ${total}, expected ${2 * INITIAL_BALANCE * count}`)
  }
  return problems.slice(0, 10)
}

/** 64 bytes echoed on an open stream, sequentially (scripts/net-bench.ts's floor) */
async function roundTrips (node: HoardNode, peer: string, rounds: number): Promise<number[]> {
  const stream = await node.libp2p.dialProtocol(peerIdFromString(peer), ECHO_PROTOCOL)
  const payload = new Uint8Array(64)
  const once = async (): Promise<void> => {
    const back = new Promise<void>(resolve => { stream.addEventListener('message', () => { resolve() }, { once: true }) })
    stream.send(payload)
    await back
  }
  for (let i = 0; i < Math.min(200, rounds); i++) {
    await once()
  }
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const started = performance.now()
    await once()
    samples.push(performance.now() - started)
  }
  await stream.close()
  return samples
}

/**
 * Hoard requests on the node transport's persistent stream, sequentially: a lookup of an absent
 * key at node 0, which homes its slot (the first step of reading an account another node owns)
 */
async function requests (node: HoardNode, peer: string, rounds: number): Promise<number[]> {
  const core = coreOf(node)
  // createNode's libp2p has the hoard transport; the public type does not say so
  const transport = (node.libp2p.services as unknown as { transport: HoardTransport }).transport
  let unanswered = 0
  // a round trip whatever the answer; a 'retry' (a leader change under way) is not counted
  const once = async (i: number): Promise<boolean> => {
    const response = await transport.request(peer, { type: 'lookup', key: `bench/absent/${i}`, at: core.hlc.now() }, { timeoutMs: 5_000 })
    if (response.status === 'ok' || response.status === 'redirect') {
      return true
    }
    if (++unanswered > rounds / 10) {
      throw new Error(`too many lookups answered ${response.status}: ${response.reason ?? ''}`)
    }
    await new Promise(resolve => setTimeout(resolve, 10))
    return false
  }
  for (let i = 0; i < Math.min(200, rounds); i++) {
    await once(i)
  }
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const started = performance.now()
    if (await once(i)) {
      samples.push(performance.now() - started)
    }
  }
  return samples
}

function masterRecords (node: HoardNode, privateKey: Awaited<ReturnType<typeof generateKeyPair>>): MasterRecords {
  return new MasterRecords({ dht: node.libp2p.services.dht, privateKey, logger: defaultLogger(), clock: systemClock, random: Math.random })
}

async function publish (node: HoardNode, keys: string[]): Promise<void> {
  const records = masterRecords(node, await generateKeyPair('Ed25519'))
  for (const key of keys) {
    await records.publish(key, { epoch: { counter: 1, term: 1 }, group: 'bench' })
  }
  await records.stop()
}

/** Each key looked up after dropping this node's own copy (the DHT's datastore is libp2p's) */
async function coldLookups (node: HoardNode, keys: string[]): Promise<{ samplesMs: number[], found: number }> {
  const records = masterRecords(node, await generateKeyPair('Ed25519'))
  const datastore = (node.libp2p as unknown as { components: { datastore: Datastore } }).components.datastore
  const samplesMs: number[] = []
  let found = 0
  for (const key of keys) {
    await datastore.delete(new Key(`/dht/record/${uint8ArrayToString(dhtKeyForObjectKey(key), 'base32')}`, false))
    const started = performance.now()
    const record = await records.lookup(key)
    samplesMs.push(performance.now() - started)
    found += record == null ? 0 : 1
  }
  await records.stop()
  return { samplesMs, found }
}

// ---- the parent: starts the meshes, runs the phases, reports ----

interface PhaseResult extends PhaseFigures {
  mode: string
  concurrency: number
}

// a CLI: its output is the product, so it writes to stdout directly
const log = (line: string): void => { process.stdout.write(`${line}\n`) }

async function parent (options: Options): Promise<void> {
  const script = fileURLToPath(import.meta.url)
  const teardown = new Teardown()
  teardown.exitOnSignals()
  const pending = new Map<ChildProcess, Array<(reply: Reply) => void>>()

  const spawnChild = (): ChildProcess => {
    const proc = fork(script, ['child'], { execArgv: ['--experimental-transform-types', '--no-warnings=ExperimentalWarning'] })
    pending.set(proc, [])
    proc.on('message', (message: Reply | Progress) => {
      if ('progress' in message) {
        log(message.progress)
        return
      }
      pending.get(proc)?.shift()?.(message)
    })
    proc.on('exit', code => {
      // a node that dies fails whatever was asked of it, rather than leave the run hanging
      for (const resolve of pending.get(proc)?.splice(0) ?? []) {
        resolve({ ok: false, error: `a node process exited with code ${String(code)}` })
      }
    })
    teardown.add(async () => { await stopChild(proc) })
    return proc
  }
  const stopChild = async (proc: ChildProcess): Promise<void> => {
    if (proc.exitCode != null || proc.signalCode != null) {
      return
    }
    const exited = new Promise<void>(resolve => { proc.once('exit', () => { resolve() }) })
    if (proc.connected) {
      proc.send({ op: 'stop' })
    }
    const timer = setTimeout(() => { proc.kill('SIGKILL') }, 5_000)
    await exited
    clearTimeout(timer)
  }
  const ask = async (to: ChildProcess, order: Order): Promise<Reply> => {
    const reply = new Promise<Reply>(resolve => { pending.get(to)?.push(resolve) })
    to.send(order)
    const answer = await reply
    if (!answer.ok) {
      throw new Error(answer.error)
    }
    return answer
  }

  /** Three nodes, node 0 founding the mesh; resolves once every group has 3 voters and a leader */
  const startMesh = async (dataDirs?: string[]): Promise<{ nodes: ChildProcess[], peers: string[] }> => {
    const nodes = Array.from({ length: NODES }, spawnChild)
    const first = await ask(nodes[0], { op: 'start', bootstrap: [], dataDir: dataDirs?.[0] })
    const peers = [first.peerId as string]
    for (let i = 1; i < NODES; i++) {
      peers.push((await ask(nodes[i], { op: 'start', bootstrap: [first.address as string], dataDir: dataDirs?.[i] })).peerId as string)
    }
    const deadline = Date.now() + 60_000
    while (!(await Promise.all(nodes.map(async n => (await ask(n, { op: 'settled' })).settled === true))).every(Boolean)) {
      if (Date.now() > deadline) {
        throw new Error('the 3-node mesh did not settle within 60 s')
      }
      await new Promise(resolve => setTimeout(resolve, 100))
    }
    return { nodes, peers }
  }

  let phaseCount = 0
  const runPhase = async (nodes: ChildProcess[], mode: string, concurrency: number): Promise<PhaseResult> => {
    const phase = phaseCount++
    const prefixes = OWNERS.map(owner => `bench/${phase}/n${owner}`)
    const create = async (from: number, to: number): Promise<void> => {
      const started = performance.now()
      await Promise.all(OWNERS.map(async (owner, k) => ask(nodes[owner], { op: 'create', prefix: prefixes[k], from, to })))
      log(`  created ${2 * (to - from)} accounts on nodes ${OWNERS.join(' and ')} in ${((performance.now() - started) / 1_000).toFixed(1)} s`)
    }
    // the warm-up's pool: if it runs out first, the warm-up is shorter and its rate still counts
    const warmupPairs = Math.max(300, concurrency * 20)
    log(`> ${mode}, concurrency ${concurrency}: warm-up ${options.warmupMs} ms`)
    await create(0, warmupPairs)
    const warm = await ask(nodes[DRIVER], { op: 'transfers', prefixes, from: 0, to: warmupPairs, concurrency, warmupMs: options.warmupMs, durationMs: 0 })
    const warmRate = (warm.warmup?.transfers ?? 0) / Math.max(0.001, (warm.warmup?.elapsedMs ?? 1) / 1_000)
    // the measured window's pool: twice what the warm-up's rate needs (a slow start underestimates it)
    const pairs = Math.max(Math.ceil(warmRate * 2 * options.durationMs / 1_000), Math.ceil(40 * options.durationMs / 1_000)) + 2 * concurrency
    log(`  warm-up: ${Math.round(warmRate)} transfers/s; measuring ${options.durationMs} ms`)
    await create(warmupPairs, warmupPairs + pairs)
    const measured = await ask(nodes[DRIVER], { op: 'transfers', prefixes, from: warmupPairs, to: warmupPairs + pairs, concurrency, warmupMs: 0, durationMs: options.durationMs })
    const figures = measured.phase as PhaseFigures
    const ranges: Array<[number, number]> = [[0, warm.next ?? 0], [warmupPairs, measured.next ?? warmupPairs]]
    const problems = (await ask(nodes[DRIVER], { op: 'check', prefixes, ranges })).problems ?? []
    if (problems.length > 0) {
      throw new Error(`${mode}, concurrency ${concurrency}: accounts do not add up: ${problems.join('; ')}`)
    }
    const result = { mode, concurrency, ...figures }
    const checked = ranges.reduce((sum, [from, to]) => sum + to - from, 0)
    log(`  ${formatRow(result)}${figures.cutShort ? ' (the pool ran out: the window was cut short)' : ''}`)
    log(`  the ${checked} pairs transfers took add up`)
    return result
  }

  const results: PhaseResult[] = []
  let rtt: number[] = []
  let requestRtt: number[] = []
  let lookup: { samplesMs: number[], found: number } = { samplesMs: [], found: 0 }
  try {
    log(`bench:mesh: ${NODES} node processes on loopback, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}; node ${DRIVER} transfers between accounts nodes ${OWNERS.join(' and ')} own (2 handoffs each)`)
    log('> in memory: starting 3 nodes')
    const mesh = await startMesh()
    log(`> round trips on an open libp2p stream, node ${DRIVER} to node 0 (${options.rttRounds}, sequential)`)
    rtt = (await ask(mesh.nodes[DRIVER], { op: 'rtt', peer: mesh.peers[0], rounds: options.rttRounds })).samplesMs ?? []
    log(`  p50 ${percentile(rtt, 0.5).toFixed(3)} ms, p99 ${percentile(rtt, 0.99).toFixed(3)} ms`)
    log(`> hoard requests (a lookup at the home of the key's slot), node ${DRIVER} to node 0 (${options.rttRounds}, sequential)`)
    requestRtt = (await ask(mesh.nodes[DRIVER], { op: 'requests', peer: mesh.peers[0], rounds: options.rttRounds })).samplesMs ?? []
    log(`  p50 ${percentile(requestRtt, 0.5).toFixed(3)} ms, p99 ${percentile(requestRtt, 0.99).toFixed(3)} ms`)
    log(`> cold DHT lookups: node 1 publishes ${options.lookups} master records, node ${DRIVER} drops its copy of each and looks it up`)
    const lookupKeys = Array.from({ length: options.lookups }, (_, i) => `bench/lookup/${i}`)
    await ask(mesh.nodes[1], { op: 'publish', keys: lookupKeys })
    const lookupReply = await ask(mesh.nodes[DRIVER], { op: 'lookups', keys: lookupKeys })
    lookup = { samplesMs: lookupReply.samplesMs ?? [], found: lookupReply.found ?? 0 }
    log(`  p50 ${percentile(lookup.samplesMs, 0.5).toFixed(2)} ms, found ${lookup.found} of ${lookupKeys.length}`)
    for (const concurrency of options.concurrency) {
      results.push(await runPhase(mesh.nodes, 'memory', concurrency))
    }
    await Promise.all(mesh.nodes.map(stopChild))
    if (options.disk) {
      await runDisk()
    }

    log('')
    log(formatHeader())
    for (const result of results) {
      log(formatRow(result))
    }
    log(`libp2p round trip on an open stream (the floor): p50 ${percentile(rtt, 0.5).toFixed(3)} ms, p99 ${percentile(rtt, 0.99).toFixed(3)} ms`)
    log(`hoard request round trip (a lookup, idle mesh): p50 ${percentile(requestRtt, 0.5).toFixed(3)} ms, p99 ${percentile(requestRtt, 0.99).toFixed(3)} ms`)
    log(`load average at the end: ${loadavg()[0].toFixed(1)}`)
    log(`cold DHT lookup (3 nodes): p50 ${percentile(lookup.samplesMs, 0.5).toFixed(2)} ms, p99 ${percentile(lookup.samplesMs, 0.99).toFixed(2)} ms`)
    const headline = results.find(r => r.mode === 'memory' && r.concurrency === HEADLINE_CONCURRENCY)
    log(JSON.stringify({
      cross_tps: headline == null ? null : Math.round(headline.transfers * 1_000 / headline.elapsedMs),
      cross_p50_ms: headline == null ? null : round3(headline.latency.p50Us / 1_000),
      cross_p99_ms: headline == null ? null : round3(headline.latency.p99Us / 1_000),
      lookup_p50_ms: lookup.found > 0 ? round3(percentile(lookup.samplesMs, 0.5)) : null,
      rtt_ms: round3(percentile(rtt, 0.5))
    }))
  } catch (err) {
    process.stderr.write(`bench:mesh failed: ${(err as Error).stack ?? String(err)}\n`)
    process.exitCode = 1
  } finally {
    await teardown.runAll()
  }

  async function runDisk (): Promise<void> {
    log('> with data directories: starting 3 nodes')
    const dataDirs = await Promise.all(Array.from({ length: NODES }, async () => mkdtemp(join(tmpdir(), 'hoard-bench-mesh-'))))
    const removeDirs = teardown.add(async () => { await Promise.all(dataDirs.map(async dir => rm(dir, { recursive: true, force: true }))) })
    const mesh = await startMesh(dataDirs)
    for (const concurrency of options.concurrency) {
      results.push(await runPhase(mesh.nodes, 'disk', concurrency))
    }
    await Promise.all(mesh.nodes.map(stopChild))
    await Promise.all(dataDirs.map(async dir => rm(dir, { recursive: true, force: true })))
    removeDirs()
  }
}

const COLUMNS = ['mode', 'conc', 'transfers/s', 'handoffs/s', 'p50 ms', 'p99 ms', 'p999 ms', 'max ms', 'retries/transfer', 'failed']
const WIDTHS = [6, 4, 11, 10, 7, 7, 8, 8, 16, 6]

function formatHeader (): string {
  return COLUMNS.map((title, i) => i === 0 ? title.padEnd(WIDTHS[i]) : title.padStart(WIDTHS[i])).join('  ')
}

function formatRow (r: PhaseResult): string {
  const perSec = (n: number): string => Math.round(n * 1_000 / r.elapsedMs).toLocaleString('en-US')
  const ms = (us: number): string => (us / 1_000).toFixed(2)
  const cells = [r.mode, String(r.concurrency), perSec(r.transfers), perSec(r.handoffs), ms(r.latency.p50Us), ms(r.latency.p99Us), ms(r.latency.p999Us), ms(r.latency.maxUs), r.transfers === 0 ? '-' : (r.retries / r.transfers).toFixed(2), String(r.failed)]
  return cells.map((cell, i) => i === 0 ? cell.padEnd(WIDTHS[i]) : cell.padStart(WIDTHS[i])).join('  ')
}

function percentile (samples: number[], p: number): number {
  if (samples.length === 0) {
    return Number.NaN
  }
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
}

function round3 (n: number): number {
  return Math.round(n * 1_000) / 1_000
}

// last: the functions above use constants declared after them
if (process.argv[2] === 'child') {
  await child()
} else {
  await parent(parseOptions())
}
