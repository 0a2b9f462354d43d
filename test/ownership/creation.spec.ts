import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'aegir/chai'
import { InvalidKeyError } from '../../src/errors.ts'
import { slotOf } from '../../src/groups/meta.ts'
import { parseMinted } from '../../src/ownership/keys.ts'
import { SimMesh } from '../../src/sim/mesh.ts'
import { startCore } from '../fixtures/core.ts'
import { growMesh, logAgreementProblems, settleMembership } from '../fixtures/mesh.ts'
import type { NodeCore } from '../../src/node-core.ts'

const text = (value: string): Uint8Array => new TextEncoder().encode(value)
const read = (bytes: Uint8Array | undefined): string | undefined => bytes == null ? undefined : new TextDecoder().decode(bytes)

interface Outcome { saw: string, created: boolean, attempts: number }

/** Every node at once: read the key, and create it with its own name if absent */
async function createEverywhere (mesh: SimMesh, key: string): Promise<Outcome[]> {
  const tasks = mesh.cores().map(async core => {
    const receipt = await core.runTask(async tx => {
      const seen = read(await tx.get(key))
      if (seen != null) {
        return { saw: seen, created: false }
      }
      tx.put(key, text(core.nodeId))
      return { saw: core.nodeId, created: true }
    }, { timeoutMs: 20_000 })
    return { ...receipt.result, attempts: receipt.attempts }
  })
  return mesh.settle(Promise.all(tasks), 60_000)
}

/** The creation records of `key` held by the leaders of groups (one is expected: its home's) */
function creationRecords (mesh: SimMesh, key: string): Array<{ group: string, owner: string }> {
  const records: Array<{ group: string, owner: string }> = []
  for (const core of mesh.cores()) {
    for (const group of core.groups.all()) {
      const record = group.raft.isReady ? group.state.ownership.creation(key) : undefined
      if (record != null) {
        records.push({ group: group.id, owner: record.owner })
      }
    }
  }
  return records
}

/** Write both halves of a pair together, `times` times */
async function writePairs (core: NodeCore, times: number): Promise<void> {
  for (let i = 1; i <= times; i++) {
    await core.run(tx => { tx.put('pair/x', text(String(i))); tx.put('pair/y', text(String(i))) })
  }
}

/** Read both halves of the pair in one task, `times` times */
async function readPairs (core: NodeCore, times: number): Promise<string[]> {
  const seen: string[] = []
  for (let i = 0; i < times; i++) {
    seen.push(await core.run(async tx => `${read(await tx.get('pair/x'))}=${read(await tx.get('pair/y'))}`))
  }
  return seen
}

describe('creating keys', function () {
  this.timeout(180_000)

  describe('across nodes (simulated mesh)', () => {
    it('the same named key created at once from every node of 5: exactly one wins, every other task retries and reads its object', async () => {
      const mesh = new SimMesh({ seed: 21, nodes: 5 })
      await growMesh(mesh, 5)
      await settleMembership(mesh, 20_000)
      for (const key of ['castle/1', 'castle/2', 'dragon/7']) {
        const outcomes = await createEverywhere(mesh, key)
        const winners = outcomes.filter(o => o.created)
        expect(winners, `winners of ${key}`).to.have.lengthOf(1)
        expect(new Set(outcomes.map(o => o.saw)), `what every task of ${key} saw`).to.deep.equal(new Set([winners[0].saw]))
        const records = creationRecords(mesh, key)
        expect(records, `creation records of ${key}`).to.have.lengthOf(1)
        // the winner's object is there to read from any node
        for (const core of mesh.cores()) {
          expect(read(await mesh.settle(core.run(async tx => tx.get(key))))).to.equal(winners[0].saw)
        }
      }
      expect(mesh.errors).to.deep.equal([])
      expect(logAgreementProblems(mesh)).to.deep.equal([])
    })

    it('exactly one creation wins while members crash, restart and are replaced', async () => {
      const mesh = new SimMesh({ seed: 22, nodes: 6, memberDeadMs: 1_500 })
      await growMesh(mesh, 6)
      await settleMembership(mesh, 20_000)
      const keys = Array.from({ length: 6 }, (_, i) => `tower/${i}`)
      for (const [round, key] of keys.entries()) {
        // a node other than the first goes down during some rounds, and comes back with or without its data
        const victim = `n${2 + (round % 5)}`
        const crashes = round % 2 === 1
        if (crashes) {
          mesh.crash(victim)
        }
        const outcomes = await createEverywhere(mesh, key)
        const winners = outcomes.filter(o => o.created)
        expect(winners, `winners of ${key}`).to.have.lengthOf(1)
        expect(new Set(outcomes.map(o => o.saw))).to.deep.equal(new Set([winners[0].saw]))
        expect(creationRecords(mesh, key)).to.have.lengthOf(1)
        if (crashes) {
          await mesh.restart(victim, ['n1'], round % 4 === 1)
          await settleMembership(mesh, 30_000)
        }
      }
      expect(mesh.errors).to.deep.equal([])
      expect(logAgreementProblems(mesh)).to.deep.equal([])
    })

    it('a task creating many keys homed in another group claims them in one request, a reader looks them up in one; a racing creator of one of them still wins or loses whole', async () => {
      const mesh = new SimMesh({ seed: 24, nodes: 3 })
      await growMesh(mesh, 3)
      await settleMembership(mesh, 20_000)
      const [home, b, c] = mesh.cores()
      const kinds: string[] = []
      const handle = home.handle.bind(home)
      home.handle = async (from, request) => {
        kinds.push(request.type)
        return handle(from, request)
      }
      const keys = Array.from({ length: 300 }, (_, i) => `bulk/${i}`)
      const [bulk, single] = await mesh.settle(Promise.all([
        b.runTask(tx => { for (const key of keys) { tx.put(key, text('b')) } }, { timeoutMs: 20_000 }),
        c.runTask(tx => { tx.put('bulk/7', text('c')) }, { timeoutMs: 20_000 })
      ]), 60_000)
      expect(kinds.filter(kind => kind === 'claim' || kind === 'claims').length, 'claim requests at the home').to.be.at.most(2 * (bulk.attempts + single.attempts))
      expect(kinds).to.include('claims')
      for (const key of keys) {
        expect(creationRecords(mesh, key), `creation records of ${key}`).to.have.lengthOf(1)
      }
      // both tasks committed: whichever created bulk/7, the other moved it over and wrote it after
      const values = await mesh.settle(home.run(async tx => Promise.all(keys.map(async key => read(await tx.get(key)))), { readAfter: bulk.token }))
      expect(values.filter((value, i) => i !== 7 && value !== 'b')).to.deep.equal([])
      expect(values[7]).to.be.oneOf(['b', 'c'])
      // a reader of all of them from the third node looks them up at the home in one request
      kinds.length = 0
      const seen = await mesh.settle(c.runTask(async tx => Promise.all(keys.map(async key => read(await tx.get(key)))), { readAfter: bulk.token }))
      expect(seen.result).to.deep.equal(values)
      expect(kinds.filter(kind => kind === 'lookup' || kind === 'lookups').length, 'lookup requests at the home').to.be.at.most(2 * seen.attempts)
      expect(mesh.errors).to.deep.equal([])
      expect(logAgreementProblems(mesh)).to.deep.equal([])
    })

    it('reads a key owned by another node at the reader\'s snapshot; writing it moves it over', async () => {
      const mesh = new SimMesh({ seed: 23, nodes: 3 })
      await growMesh(mesh, 3)
      await settleMembership(mesh, 20_000)
      const [a, b] = mesh.cores()
      expect(await mesh.settle(a.run(async tx => tx.get('gem/1')))).to.be.undefined()
      // recency across nodes comes from the commit token (readAfter), not from the clocks
      const ruby = await mesh.settle(b.runTask(tx => { tx.put('gem/1', text('ruby')) }))
      expect(read(await mesh.settle(a.run(async tx => tx.get('gem/1'), { readAfter: ruby.token })))).to.equal('ruby')
      const glass = await mesh.settle(a.runTask(async tx => { tx.put('gem/1', text(`${read(await tx.get('gem/1')) ?? ''}+glass`)) }))
      expect(a.dataGroup.ownership.ownedEpoch('gem/1')?.counter, 'the key moved to a at a higher epoch').to.equal(2)
      expect(b.dataGroup.ownership.state('gem/1')).to.include({ state: 'out', to: a.dataGroup.id })
      expect(read(await mesh.settle(b.run(async tx => tx.get('gem/1'), { readAfter: glass.token })))).to.equal('ruby+glass')
      // a minted key of one node is owned by its group from the start; another can read it and take it
      const minted = b.newKey('item')
      const sword = await mesh.settle(b.runTask(tx => { tx.put(minted, text('sword')) }))
      expect(read(await mesh.settle(a.run(async tx => tx.get(minted), { readAfter: sword.token })))).to.equal('sword')
      const stick = await mesh.settle(a.runTask(tx => { tx.put(minted, text('stick')) }))
      expect(read(await mesh.settle(b.run(async tx => tx.get(minted), { readAfter: stick.token })))).to.equal('stick')
      expect(mesh.errors).to.deep.equal([])
    })

    it('a snapshot read at another node never sees part of a task', async () => {
      const mesh = new SimMesh({ seed: 24, nodes: 3 })
      await growMesh(mesh, 3)
      await settleMembership(mesh, 20_000)
      const [a, b] = mesh.cores()
      await mesh.settle(b.run(tx => { tx.put('pair/x', text('0')); tx.put('pair/y', text('0')) }))
      const [, seen] = await mesh.settle(Promise.all([writePairs(b, 20), readPairs(a, 20)]))
      for (const pair of seen) {
        const [x, y] = pair.split('=')
        expect(x, `a read of both halves saw ${pair}`).to.equal(y)
      }
    })
  })

  describe('on one node', () => {
    let core: NodeCore

    afterEach(async () => {
      await core?.stop()
    })

    it('mints unique keys its group owns from the start', async () => {
      core = await startCore()
      await core.run(() => {})
      const keys = Array.from({ length: 100 }, () => core.newKey('item'))
      expect(new Set(keys).size).to.equal(100)
      const parsed = parseMinted(keys[0])
      expect(parsed).to.include({ prefix: 'item', group: core.dataGroup.id })
      await core.run(tx => { tx.put(keys[0], text('sword')) })
      expect(read(await core.run(async tx => tx.get(keys[0])))).to.equal('sword')
      expect(() => core.newKey('')).to.throw(InvalidKeyError)
      expect(() => core.newKey('~sneaky')).to.throw(InvalidKeyError)
    })

    it('refuses named keys in the reserved prefixes', async () => {
      core = await startCore()
      await expect(core.run(tx => { tx.put('~m/forged', text('x')) })).to.eventually.be.rejectedWith(InvalidKeyError)
      await expect(core.run(tx => { tx.put('~meta/node/evil', text('x')) })).to.eventually.be.rejectedWith(InvalidKeyError)
      await expect(core.run(async tx => tx.get('~meta/slots'))).to.eventually.be.rejectedWith(InvalidKeyError)
    })

    it('records every creation in the home group, and ownership survives a restart from disk', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'hoard-creation-'))
      try {
        core = await startCore({ dataDir: dir, checkpointIntervalMs: 20 })
        await core.run(tx => {
          for (let i = 0; i < 50; i++) {
            tx.put(`player/${i}`, text(String(i)))
          }
        })
        const group = core.dataGroup
        for (let i = 0; i < 50; i++) {
          expect(group.state.ownership.creation(`player/${i}`)?.owner).to.equal(group.id)
          expect(group.state.ownership.ownedEpoch(`player/${i}`)).to.include({ counter: 1 })
        }
        // deleted keys keep their creation (tombstones keep epochs)
        await core.run(tx => { tx.delete('player/0') })
        await new Promise(resolve => setTimeout(resolve, 100))
        await core.stop()
        core = await startCore({ dataDir: dir })
        const restarted = core.dataGroup
        expect(restarted.id).to.equal(group.id)
        for (let i = 0; i < 50; i++) {
          expect(restarted.state.ownership.creation(`player/${i}`)?.owner, `creation of player/${i}`).to.equal(group.id)
          expect(restarted.state.ownership.ownedEpoch(`player/${i}`), `ownership of player/${i}`).to.include({ counter: 1 })
        }
        expect(await core.run(async tx => tx.get('player/0'))).to.be.undefined()
        await core.run(tx => { tx.put('player/0', text('back')) })
        expect(read(await core.run(async tx => tx.get('player/0')))).to.equal('back')
      } finally {
        await core?.stop()
        await rm(dir, { recursive: true, force: true })
      }
    })

    it('puts keys in 4,096 slots, spread evenly', () => {
      const counts = new Array(4096).fill(0)
      for (let i = 0; i < 409_600; i++) {
        counts[slotOf(`key/${i}`)]++
      }
      expect(Math.min(...counts)).to.be.greaterThan(50)
      expect(Math.max(...counts)).to.be.lessThan(160)
    })
  })

  it('a creation decided for a group whose create-in was lost with its leader is taken in by the group\'s next leader: the key is absent, then writable again', async function () {
    this.timeout(120_000)
    const mesh = new SimMesh({ seed: 61, nodes: 5, memberDeadMs: 2_000 })
    await growMesh(mesh, 5)
    await settleMembership(mesh, 30_000)
    const creator = mesh.node('n2').core as NodeCore
    const slots = creator.meta.slots()
    expect(slots).to.exist()
    let key = ''
    for (let i = 0; key === ''; i++) {
      const candidate = `lost-creation/${i}`
      if (slots?.homeOf(slotOf(candidate)) !== creator.dataGroup.id) {
        key = candidate
      }
    }
    // the claim commits at the home; the creating task returns on its speculative create-in, and
    // its node is cut off before that entry reaches anyone
    await mesh.settle(creator.runTask(tx => { tx.put(key, text('lost')) }))
    mesh.partition(['n2'])
    await mesh.runFor(4_000)
    const writer = mesh.node('n1').core as NodeCore
    expect(read(await mesh.settle(writer.run(async tx => tx.get(key), { timeoutMs: 10_000 })))).to.equal(undefined)
    await mesh.settle(writer.run(tx => { tx.put(key, text('written after')) }, { timeoutMs: 10_000 }), 20_000)
    expect(read(await mesh.settle(writer.run(async tx => tx.get(key))))).to.equal('written after')
    const adopted = mesh.cores().reduce((sum, core) => sum + core.handoffs.stats.adopted, 0)
    expect(adopted, 'creations taken in by a later leader').to.equal(1)
    mesh.heal()
    await settleMembership(mesh, 60_000)
    expect(read(await mesh.settle(creator.run(async tx => tx.get(key), { timeoutMs: 10_000 })))).to.equal('written after')
    expect(logAgreementProblems(mesh)).to.deep.equal([])
    expect(mesh.errors).to.deep.equal([])
  })
})
