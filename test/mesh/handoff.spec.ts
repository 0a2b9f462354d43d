/**
 * Moving ownership between real nodes: `createNode` instances in one process over libp2p TCP on
 * loopback, running the bank-and-items workload through the public API only (test/ownership/
 * handoff.spec.ts runs it in the simulator). Accounts are created from different nodes, so they
 * start in different groups; every transfer then pulls its two accounts into its node's group.
 */

import { expect } from 'aegir/chai'
import { createNode } from '../../src/node.ts'
import { SeededRandom } from '../../src/sim/random.ts'
import { accountOwners, bankProblems, fullRead, handoffsIn, NAMED_ERRORS, openAccounts, ownershipProblems, runTransfers } from '../fixtures/bank-public.ts'
import { settle } from './fixtures.ts'
import type { HoardNode } from '../../src/node.ts'
import type { Account } from '../fixtures/bank-public.ts'

const ITEMS = 3

interface Scenario {
  nodes: number
  accounts: number
  seed: number
  rounds: number
  perNode: number
}

describe('moving ownership between nodes over libp2p: bank and items', function () {
  this.timeout(180_000)

  const nodes: HoardNode[] = []

  afterEach(async () => {
    await Promise.all(nodes.splice(0).map(async node => node.stop()))
  })

  async function startMesh (count: number): Promise<HoardNode[]> {
    const first = await createNode({ memberDeadMs: 5_000 })
    nodes.push(first)
    for (let i = 1; i < count; i++) {
      nodes.push(await createNode({ bootstrap: first.multiaddrs, memberDeadMs: 5_000 }))
    }
    await settle(async () => nodes.map(node => node.status()), 60_000)
    return nodes
  }

  async function runScenario ({ nodes: count, accounts, seed, rounds, perNode }: Scenario): Promise<void> {
    const mesh = await startMesh(count)
    await openAccounts(mesh, accounts, ITEMS)
    // created from every node: the accounts start in as many groups as there are nodes
    const startGroups = new Set([...accountOwners(mesh, accounts).values()].map(owners => owners.map(owner => owner.split('@')[0]).join()))
    expect(startGroups.size, 'groups owning accounts at the start').to.equal(count)
    expect(ownershipProblems(mesh, accounts)).to.deep.equal([])

    // full reads on every node while the transfers run: each must show a whole bank
    const transfersDone = new AbortController()
    const snapshotProblems: string[] = []
    const readFailures: string[] = []
    let reads = 0
    const readers = mesh.map(async (node, k) => {
      while (!transfersDone.signal.aborted) {
        try {
          const all = await fullRead(node, accounts)
          reads++
          snapshotProblems.push(...bankProblems(all, accounts, ITEMS).map(p => `snapshot on node ${k}: ${p}`))
        } catch (err) {
          readFailures.push(`node ${k}: ${(err as Error).name}: ${(err as Error).message}`)
        }
      }
    })
    const outcome = await runTransfers(mesh, new SeededRandom(seed), accounts, rounds, perNode)
    transfersDone.abort()
    await Promise.all(readers)

    const failed = [...outcome.failed.values()].reduce((sum, n) => sum + n, 0)
    const failures = [...outcome.failed].map(([name, n]) => `${name} ×${n}`).join(', ')
    expect(outcome.unnamed, 'transfers that failed with an error hoard does not name').to.deep.equal([])
    expect(outcome.committed, `transfers committed (failed: ${failures})`).to.be.at.least(0.8 * (outcome.committed + failed))
    expect(snapshotProblems, 'snapshots that showed part of a transfer').to.deep.equal([])
    expect(readFailures.filter(f => !NAMED_ERRORS.has(f.split(':')[1].trim())), 'full reads that failed with an unnamed error').to.deep.equal([])
    expect(reads, `full reads done (failed: ${readFailures.slice(0, 3).join('; ')})`).to.be.greaterThan(count)
    expect(handoffsIn(mesh), 'handoffs that happened').to.be.greaterThan(accounts)

    // once every handoff has settled, exactly one group owns each account
    await until(() => ownershipProblems(mesh, accounts).length === 0, 10_000).catch(() => {})
    expect(ownershipProblems(mesh, accounts)).to.deep.equal([])

    // every node reads the same bank, and it is whole
    const finals = await sameEverywhere(mesh, accounts)
    expect(bankProblems(finals, accounts, ITEMS)).to.deep.equal([])
  }

  it('3 nodes: gold and items conserved, one owner per key, every snapshot whole, the same bank read from every node', async () => {
    await runScenario({ nodes: 3, accounts: 12, seed: 41, rounds: 10, perNode: 6 })
  })

  it('5 nodes: gold and items conserved, one owner per key, every snapshot whole, the same bank read from every node', async () => {
    await runScenario({ nodes: 5, accounts: 15, seed: 42, rounds: 8, perNode: 4 })
  })
})

/**
 * Full reads on every node until they agree (a read at a snapshot a moment older than the last
 * commit may miss it; they agree once every clock has passed it); throws with what differs
 */
async function sameEverywhere (nodes: HoardNode[], accounts: number, withinMs = 5_000): Promise<Account[]> {
  const deadline = Date.now() + withinMs
  for (;;) {
    const views = await Promise.all(nodes.map(async node => fullRead(node, accounts)))
    const texts = views.map(view => JSON.stringify(view))
    if (texts.every(text => text === texts[0])) {
      return views[0]
    }
    if (Date.now() > deadline) {
      throw new Error(`nodes read different banks:\n${texts.map((text, k) => `node ${k}: ${text}`).join('\n')}`)
    }
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

async function until (condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`not within ${timeoutMs} ms`)
    }
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}
