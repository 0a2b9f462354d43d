import { expect } from 'aegir/chai'
import { InvalidOptionError, RemoteTaskError } from '../../src/errors.ts'
import { SimMesh } from '../../src/sim/mesh.ts'
import { growMesh, settleMembership } from '../fixtures/mesh.ts'
import type { NodeCore } from '../../src/node-core.ts'

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value))
const parse = <T>(bytes: Uint8Array | undefined): T => JSON.parse(new TextDecoder().decode(bytes)) as T

/** Every node registers the same tasks; each answers with the node that ran it */
function registerTasks (core: NodeCore): void {
  core.register('deposit', async (tx, args) => {
    const { key, amount } = parse<{ key: string, amount: number }>(args)
    const balance = parse<number>(await tx.get(key) ?? json(0)) + amount
    tx.put(key, json(balance))
    return json({ balance, ranOn: core.nodeId })
  })
  core.register('fail', () => {
    throw new Error('the quest is closed')
  })
}

describe('tasks near their data (simulated mesh)', function () {
  this.timeout(120_000)

  it('submit runs a registered task on the node holding the master of `near`, with no handoff, and returns its result once committed', async () => {
    const mesh = new SimMesh({ seed: 61, nodes: 3, memberDeadMs: 2_000 })
    await growMesh(mesh, 3)
    await settleMembership(mesh, 30_000)
    const [n1, n2, n3] = mesh.cores()
    for (const core of mesh.cores()) {
      registerTasks(core)
    }
    await mesh.settle(n2.run(tx => { tx.put('vault/n2', json(100)) }))
    const handoffsBefore = mesh.cores().reduce((sum, core) => sum + core.handoffs.stats.in, 0)

    const result = parse<{ balance: number, ranOn: string }>(await mesh.settle(n1.submit('deposit', json({ key: 'vault/n2', amount: 5 }), { near: 'vault/n2' })))
    expect(result).to.deep.equal({ balance: 105, ranOn: n2.nodeId })
    // from a third node too, and the key never moved
    const again = parse<{ balance: number, ranOn: string }>(await mesh.settle(n3.submit('deposit', json({ key: 'vault/n2', amount: 7 }), { near: 'vault/n2' })))
    expect(again).to.deep.equal({ balance: 112, ranOn: n2.nodeId })
    expect(mesh.cores().reduce((sum, core) => sum + core.handoffs.stats.in, 0)).to.equal(handoffsBefore)
    // committed before it returned: every node reads it
    for (const core of mesh.cores()) {
      expect(parse<number>(await mesh.settle(core.run(async tx => tx.get('vault/n2'))))).to.equal(112)
    }
    // near a key nobody owns yet: runs where it was submitted
    const local = parse<{ balance: number, ranOn: string }>(await mesh.settle(n3.submit('deposit', json({ key: 'vault/new', amount: 1 }), { near: 'vault/new' })))
    expect(local.ranOn).to.equal(n3.nodeId)
    expect(mesh.errors).to.deep.equal([])
  })

  it('a task that fails there, or is not registered there, fails here with RemoteTaskError naming the cause; bad arguments get InvalidOptionError', async () => {
    const mesh = new SimMesh({ seed: 62, nodes: 3, memberDeadMs: 2_000 })
    await growMesh(mesh, 3)
    await settleMembership(mesh, 30_000)
    const [n1, n2] = mesh.cores()
    registerTasks(n1)
    registerTasks(n2)
    await mesh.settle(n2.run(tx => { tx.put('vault/n2', json(1)) }))

    const failed = await mesh.settle(n1.submit('fail', new Uint8Array(0), { near: 'vault/n2' })).catch((err: Error) => err)
    expect(failed).to.be.instanceOf(RemoteTaskError)
    expect((failed as RemoteTaskError).node).to.equal(n2.nodeId)
    expect((failed as RemoteTaskError).message).to.include('the quest is closed')

    const unknown = await mesh.settle(n1.submit('no-such-task', new Uint8Array(0), { near: 'vault/n2' })).catch((err: Error) => err)
    expect(unknown).to.be.instanceOf(RemoteTaskError)
    expect((unknown as RemoteTaskError).message).to.include('no-such-task')

    await expect(n1.submit('deposit', 'not bytes' as unknown as Uint8Array, { near: 'vault/n2' })).to.eventually.be.rejectedWith(InvalidOptionError)
    await expect(n1.submit('deposit', new Uint8Array(0), {} as unknown as { near: string })).to.eventually.be.rejectedWith(InvalidOptionError)
    expect(() => { n1.register('deposit', () => undefined) }).to.throw(InvalidOptionError)
  })
})
