/**
 * Measures master record puts and cold lookups on a mesh of hoard libp2p nodes on loopback, one
 * node per process (as in a real mesh: in one process, every node's handlers share one event loop
 * and a lookup's latency becomes the sum of all their work).
 *
 * Run: `npm exec -- node --experimental-transform-types --no-warnings=ExperimentalWarning scripts/dht-lookup.ts [nodes] [rounds]`
 *
 * Every node runs the master record policy and the epoch guard. Each round one node publishes a
 * record; another drops its own copy (so the lookup must find the record on other peers: a cold
 * lookup), looks it up, runs kad-dht's raw `get` for comparison, and looks up a key nobody
 * published (a miss). Prints median, p90 and max of each, measured inside the asking process.
 */

import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { defaultLogger } from '@libp2p/logger'
import { multiaddr } from '@multiformats/multiaddr'
import { MemoryDatastore } from 'datastore-core'
import { Key } from 'interface-datastore'
import { toString as uint8ArrayToString } from 'uint8arrays/to-string'
import { systemClock } from '../src/clock/clock.ts'
import { createHoardLibp2p } from '../src/net/libp2p.ts'
import { dhtKeyForObjectKey } from '../src/ownership/master-record.ts'
import { EpochGuardDatastore } from '../src/ownership/record-guard.ts'
import { masterRecordPolicy } from '../src/ownership/record-policy.ts'
import { MasterRecords } from '../src/ownership/records.ts'
import type { SingleKadDHT } from '@libp2p/kad-dht'
import type { ChildProcess } from 'node:child_process'

type Command =
  | { op: 'connect', addresses: string[] }
  | { op: 'publish', key: string }
  | { op: 'lookup', key: string }
  | { op: 'stop' }

interface Reply { ok: boolean, ms?: number, accepted?: number, found?: boolean, address?: string, error?: string }

if (process.argv[2] === 'child') {
  await child()
} else {
  await parent(Number(process.argv[2] ?? 10), Number(process.argv[3] ?? 50))
}

/** One node: answers the parent's commands over IPC */
async function child (): Promise<void> {
  const store = new MemoryDatastore()
  const libp2p = await createHoardLibp2p({
    dhtRecords: masterRecordPolicy,
    datastore: new EpochGuardDatastore({ logger: defaultLogger() }, { datastore: store })
  })
  const records = new MasterRecords({
    dht: libp2p.services.dht,
    privateKey: await generateKeyPair('Ed25519'),
    logger: defaultLogger(),
    clock: systemClock,
    random: Math.random
  })
  records.start()
  const send = (reply: Reply): void => { process.send?.(reply) }

  // a loaded host can time a handshake out: try again rather than give up the run
  const dialWithRetries = async (address: string, attempts = 5): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await libp2p.dial(multiaddr(address))
        return
      } catch (err) {
        if (attempt >= attempts) {
          throw err
        }
      }
    }
  }

  process.on('message', (command: Command) => {
    void (async (): Promise<Reply> => {
      if (command.op === 'connect') {
        const others = command.addresses.filter(a => !a.endsWith(libp2p.peerId.toString()))
        for (const address of others) {
          await dialWithRetries(address)
        }
        while ((libp2p.services.dht as unknown as SingleKadDHT).routingTable.size < others.length) {
          await new Promise(resolve => setTimeout(resolve, 20))
        }
        return { ok: true }
      }

      if (command.op === 'publish') {
        const started = performance.now()
        const result = await records.publish(command.key, { epoch: { counter: 1, term: 1 }, group: 'g' })
        return { ok: true, ms: performance.now() - started, accepted: result.acceptedPeers }
      }

      if (command.op === 'lookup') {
        const dhtKey = dhtKeyForObjectKey(command.key)
        await store.delete(new Key(`/dht/record/${uint8ArrayToString(dhtKey, 'base32')}`, false))
        const started = performance.now()
        const found = await records.lookup(command.key)
        return { ok: true, ms: performance.now() - started, found: found != null }
      }

      await records.stop()
      await libp2p.stop()
      setImmediate(() => process.exit(0))
      return { ok: true }
    })().then(send, (err: Error) => { send({ ok: false, error: err.stack ?? err.message }) })
  })

  send({ ok: true, address: libp2p.getMultiaddrs()[0].toString() })
}

async function parent (nodeCount: number, rounds: number): Promise<void> {
  const script = fileURLToPath(import.meta.url)
  const children: ChildProcess[] = []
  const pending = new Map<ChildProcess, Array<(reply: Reply) => void>>()

  const ask = async (to: ChildProcess, command?: Command): Promise<Reply> => {
    const reply = new Promise<Reply>(resolve => { pending.get(to)?.push(resolve) })
    if (command != null) {
      to.send(command)
    }
    const answer = await reply
    if (!answer.ok) {
      throw new Error(answer.error)
    }
    return answer
  }

  for (let i = 0; i < nodeCount; i++) {
    const proc = fork(script, ['child'], { execArgv: ['--experimental-transform-types', '--no-warnings=ExperimentalWarning'] })
    pending.set(proc, [])
    proc.on('message', (reply: Reply) => { pending.get(proc)?.shift()?.(reply) })
    proc.on('exit', code => {
      // a node that dies fails whatever was asked of it, rather than leave the run hanging
      for (const resolve of pending.get(proc)?.splice(0) ?? []) {
        resolve({ ok: false, error: `node ${i} exited with code ${String(code)}` })
      }
    })
    children.push(proc)
  }

  try {
    const addresses = (await Promise.all(children.map(async c => ask(c)))).map(reply => reply.address ?? '')
    // one node at a time: a burst of handshakes on a busy host times out
    for (const c of children) {
      await ask(c, { op: 'connect', addresses })
    }

    const samples = { put: [] as number[], hit: [] as number[], miss: [] as number[] }
    let accepted = 0

    for (let i = 0; i < rounds; i++) {
      const owner = i % nodeCount
      const asker = (owner + 1 + (i % (nodeCount - 1))) % nodeCount
      const put = await ask(children[owner], { op: 'publish', key: `zone/${i}/chest` })
      samples.put.push(put.ms ?? 0)
      accepted += put.accepted ?? 0

      const hit = await ask(children[asker], { op: 'lookup', key: `zone/${i}/chest` })
      if (hit.found !== true) {
        throw new Error(`lookup ${i} found nothing`)
      }
      samples.hit.push(hit.ms ?? 0)
      samples.miss.push((await ask(children[asker], { op: 'lookup', key: `absent/${i}` })).ms ?? 0)
    }

    process.stdout.write(`${nodeCount} nodes (one per process) on loopback, ${rounds} rounds, ${(accepted / rounds).toFixed(1)} peers accepted each put on average\n`)
    process.stdout.write(`${summary('put (publish)', samples.put)}\n`)
    process.stdout.write(`${summary('cold lookup (hit)', samples.hit)}\n`)
    process.stdout.write(`${summary('lookup (miss)', samples.miss)}\n`)
  } finally {
    await Promise.all(children.map(async c => ask(c, { op: 'stop' }).catch(() => { c.kill() })))
  }
}

function summary (what: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number): string => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1)

  return `${what.padEnd(18)} median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`
}
