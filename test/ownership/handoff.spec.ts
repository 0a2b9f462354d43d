import { expect } from 'aegir/chai'
import { SimMesh } from '../../src/sim/mesh.ts'
import { PERFECT_LINK } from '../../src/sim/network.ts'
import { SeededRandom } from '../../src/sim/random.ts'
import { OwnershipHistory, bankProblems, fullRead, openAccounts, ownershipProblems, runTransfers } from '../fixtures/bank-items.ts'
import { growMesh, logAgreementProblems, settleMembership } from '../fixtures/mesh.ts'
import type { LinkProfile } from '../../src/sim/network.ts'

const ACCOUNTS = 12
const ITEMS = 3

interface Scenario {
  name: string
  nodes: number
  seed: number
  link?: LinkProfile
  /** nodes read other groups' objects through read replicas (reads then span replicas and owners) */
  readReplicas?: boolean
  /** faults injected while the transfers run */
  faults?(mesh: SimMesh): Promise<void>
}

async function runScenario ({ nodes, seed, link, faults, readReplicas }: Scenario): Promise<void> {
  const mesh = new SimMesh({ seed, nodes, link, memberDeadMs: 2_000, readReplicas })
  await growMesh(mesh, nodes)
  await settleMembership(mesh, 30_000)
  await mesh.settle(openAccounts(mesh.cores(), ACCOUNTS, ITEMS))
  const random = new SeededRandom(seed * 7)
  const snapshots: string[] = []
  // full reads from every node while transfers run: each must show a whole bank
  const reading = (async () => {
    for (let i = 0; i < 6; i++) {
      for (const core of mesh.cores()) {
        const all = await mesh.unlessCrashed(core, fullRead(core, ACCOUNTS)).catch((err: Error) => { snapshots.push(`read failed: ${err.message}`); return undefined })
        if (all != null) {
          snapshots.push(...bankProblems(all, ACCOUNTS, ITEMS).map(p => `snapshot on ${core.nodeId}: ${p}`))
        }
      }
    }
  })()
  const transfers = runTransfers(() => mesh.cores(), random, ACCOUNTS, 8, 4, (core, task) => mesh.unlessCrashed(core, task))
  const faulting = faults?.(mesh) ?? Promise.resolve()
  // the committed history of ownership, read from every member's log as it commits
  const history = new OwnershipHistory()
  const watch = { running: true }
  const watching = (async () => {
    while (watch.running) {
      history.scan(mesh.cores())
      await mesh.sleep(20)
    }
  })()
  const [outcome] = await mesh.settle(Promise.all([transfers, reading, faulting]), 600_000)
  watch.running = false
  await mesh.settle(watching)
  history.scan(mesh.cores())
  await settleMembership(mesh, 60_000)

  expect(mesh.errors, 'errors logged or thrown by nodes').to.deep.equal([])
  expect(snapshots.filter(s => !s.startsWith('read failed')), 'snapshots that showed part of a task').to.deep.equal([])
  // every task ended: committed, or failed as a whole; under faults some may give up
  expect(outcome.done, `transfers done (failed: ${outcome.failed.slice(0, 3).join('; ')})`).to.be.greaterThan(0)
  const final = await mesh.settle(fullRead(mesh.cores()[0], ACCOUNTS))
  expect(bankProblems(final, ACCOUNTS, ITEMS)).to.deep.equal([])
  expect(ownershipProblems(mesh.cores())).to.deep.equal([])
  expect(logAgreementProblems(mesh)).to.deep.equal([])
  expect(history.problems, 'a key taken by two groups at one epoch').to.deep.equal([])
  expect(history.entries, 'ownership entries seen in the logs').to.be.greaterThan(ACCOUNTS)
  const handoffs = mesh.cores().reduce((sum, core) => sum + core.handoffs.stats.in, 0)
  expect(handoffs, 'handoffs that happened').to.be.greaterThan(ACCOUNTS)
  if (readReplicas === true) {
    const served = mesh.cores().reduce((sum, core) => sum + (core.replicas?.stats.served ?? 0), 0)
    expect(served, 'reads served by read replicas').to.be.greaterThan(0)
  }
}

const LOSSY: LinkProfile = { dropRate: 0.03, duplicateRate: 0.03, minDelayMs: 0.5, maxDelayMs: 3, delaySpikeRate: 0.05, maxExtraDelayMs: 30 }
const HARSH: LinkProfile = { dropRate: 0.05, duplicateRate: 0.05, minDelayMs: 0.5, maxDelayMs: 5, delaySpikeRate: 0.1, maxExtraDelayMs: 50 }

const scenarios: Scenario[] = [
  { name: '3 nodes', nodes: 3, seed: 31 },
  { name: '5 nodes', nodes: 5, seed: 32 },
  { name: '7 nodes over a lossy, duplicating, reordering network', nodes: 7, seed: 33, link: LOSSY },
  {
    name: '5 nodes, a node crashes and restarts with its data mid-workload, before it is declared dead',
    nodes: 5,
    seed: 34,
    faults: async mesh => {
      await mesh.sleep(300)
      mesh.crash('n3')
      await mesh.sleep(1_000)
      await mesh.restart('n3', ['n1'])
    }
  },
  {
    name: '5 nodes, a node crashes, is declared dead and replaced, and restarts with its data: it rejoins and leads its group again',
    nodes: 5,
    seed: 36,
    faults: async mesh => {
      await mesh.sleep(300)
      mesh.crash('n3')
      await mesh.sleep(3_000)
      await mesh.restart('n3', ['n1'])
    }
  },
  {
    name: '5 nodes, an owner of accounts crashes for good mid-workload: its groups elect new leaders and its objects stay readable and writable',
    nodes: 5,
    seed: 38,
    faults: async mesh => {
      await mesh.sleep(300)
      mesh.crash('n2')
    }
  },
  {
    name: '5 nodes, one cut off past being declared dead, then healed',
    nodes: 5,
    seed: 37,
    faults: async mesh => {
      await mesh.sleep(200)
      mesh.partition(['n4'])
      await mesh.sleep(2_500)
      mesh.heal()
    }
  },
  {
    name: '5 nodes, one cut off and healed mid-workload, before it is declared dead',
    nodes: 5,
    seed: 35,
    faults: async mesh => {
      await mesh.sleep(200)
      mesh.partition(['n4'])
      await mesh.sleep(1_500)
      mesh.heal()
    }
  },
  { name: '7 nodes with read replicas over a lossy, duplicating, reordering network', nodes: 7, seed: 41, link: LOSSY, readReplicas: true },
  {
    name: '7 nodes with read replicas, an owner crashes for good mid-workload',
    nodes: 7,
    seed: 42,
    readReplicas: true,
    faults: async mesh => {
      await mesh.sleep(300)
      mesh.crash('n2')
    }
  },
  {
    name: '7 nodes with read replicas over a lossy network, one cut off and healed, one crashed and restarted',
    nodes: 7,
    seed: 43,
    link: LOSSY,
    readReplicas: true,
    faults: async mesh => {
      await mesh.sleep(200)
      mesh.partition(['n5'])
      await mesh.sleep(1_000)
      mesh.heal()
      mesh.crash('n3')
      await mesh.sleep(800)
      await mesh.restart('n3', ['n1'])
    }
  },
  {
    // found by a sweep of seeded schedules: a leader committing a key's arrival put a speculative
    // write of the key above it into the checkpoint, and the restarted node found its checkpoint
    // corrupt (a version above the checkpoint's index)
    name: '7 nodes with read replicas, a harsher network once the accounts are open, a node crashed and restarted (seed 243)',
    nodes: 7,
    seed: 243,
    readReplicas: true,
    faults: harshSchedule(243, 'crash and restart')
  },
  {
    // found by the same sweep: an account handed on more times than a read follows redirects in one
    // attempt could never be read from a node holding an old forwarding pointer (every attempt
    // started there again); reads now start where the last redirect pointed
    name: '7 nodes, a harsher network once the accounts are open, one cut off and healed (seed 205)',
    nodes: 7,
    seed: 205,
    faults: harshSchedule(205, 'cut off and heal')
  }
]

/**
 * Seeded random fault schedules: once the accounts are open the network turns harsh (5% loss and
 * duplication, delay spikes) and one node is crashed and restarted, cut off and healed, crashed for
 * good, paused and resumed, or crashed while another is cut off; read replicas on or off. More
 * seeds: `BANK_SEEDS=200 npx aegir test -t node -f test/ownership/handoff.spec.ts --grep seeded`.
 */
const FAULT_KINDS = ['crash and restart', 'cut off and heal', 'crash for good', 'pause and resume', 'crash one, cut off another'] as const
type FaultKind = typeof FAULT_KINDS[number]

/** Once the accounts are open: a harsh network, and one fault of `kind` at seeded times */
function harshSchedule (seed: number, kind: FaultKind): (mesh: SimMesh) => Promise<void> {
  return async mesh => {
    const random = new SeededRandom(seed)
    mesh.network.setProfile(HARSH)
    await mesh.sleep(100 + random.between(0, 400))
    const victim = `n${2 + Math.floor(random.between(0, 4))}`
    switch (kind) {
      case 'crash and restart':
        mesh.crash(victim)
        await mesh.sleep(random.between(200, 2500))
        await mesh.restart(victim, ['n1'])
        break
      case 'cut off and heal':
        mesh.partition([victim])
        await mesh.sleep(random.between(200, 2500))
        mesh.heal()
        break
      case 'crash for good':
        mesh.crash(victim)
        break
      case 'pause and resume':
        mesh.pause(victim)
        await mesh.sleep(random.between(200, 3000))
        mesh.resume(victim)
        break
      case 'crash one, cut off another': {
        const other = victim === 'n2' ? 'n3' : 'n2'
        mesh.crash(victim)
        await mesh.sleep(random.between(100, 800))
        mesh.partition([other])
        await mesh.sleep(random.between(200, 2500))
        mesh.heal()
        await mesh.restart(victim, ['n1'])
        break
      }
      default:
        throw new Error(`no fault schedule ${String(kind)}`)
    }
    await mesh.sleep(3_000)
    mesh.network.setProfile(PERFECT_LINK)
  }
}

function seededScenario (seed: number): Scenario {
  const kind = FAULT_KINDS[seed % FAULT_KINDS.length]
  const readReplicas = seed % 2 === 0
  return {
    name: `seeded schedule ${seed}: ${6 + (seed % 2)} nodes, ${kind}, read replicas ${readReplicas ? 'on' : 'off'}`,
    nodes: 6 + (seed % 2),
    seed,
    readReplicas,
    faults: harshSchedule(seed, kind)
  }
}

const SEEDED = Number(process.env.BANK_SEEDS ?? 10)

describe('moving ownership between nodes: bank and items (simulated mesh)', function () {
  this.timeout(600_000)

  for (const scenario of [...scenarios, ...Array.from({ length: SEEDED }, (_, i) => seededScenario(1_000 + i))]) {
    it(`${scenario.name}: gold and items conserved, one owner per key, every snapshot whole`, async () => {
      await runScenario(scenario)
    })
  }
})
