import { expect } from 'aegir/chai'
import fc from 'fast-check'
import { num, startCore, val } from '../fixtures/core.ts'
import type { NodeCore } from '../../src/node-core.ts'
import type { TaskReceipt } from '../../src/txn/runner.ts'

interface Transfer { from: number, to: number, amount: number }
interface Moved { moved: number, sawFrom: number, sawTo: number }

const INITIAL = 100

const plans = fc.integer({ min: 2, max: 6 }).chain(accounts => fc.record({
  accounts: fc.constant(accounts),
  transfers: fc.array(
    fc.record({ from: fc.nat(accounts - 1), to: fc.nat(accounts - 1), amount: fc.integer({ min: 1, max: 150 }) })
      .filter(t => t.from !== t.to),
    { minLength: 1, maxLength: 25 }
  ),
  readers: fc.integer({ min: 0, max: 4 })
}))

describe('concurrent transfers on one node (property)', function () {
  this.timeout(120_000)
  let core: NodeCore
  let run = 0

  before(async () => {
    core = await startCore()
  })

  after(async () => {
    await core.stop()
  })

  it('conserve gold, lose and double nothing, never deadlock, let the oldest win, and read only whole tasks', async () => {
    await fc.assert(fc.asyncProperty(fc.scheduler(), plans, async (s, plan) => {
      const prefix = `run${++run}`
      const key = (i: number): string => `${prefix}/acct/${i}`
      await core.run(tx => {
        for (let i = 0; i < plan.accounts; i++) {
          tx.put(key(i), num(INITIAL))
        }
      })
      const total = INITIAL * plan.accounts
      // every interleaving point is a promise the scheduler releases in an order it picks
      const step = async (label: string): Promise<void> => { await s.schedule(Promise.resolve(label), label) }

      const transfers = plan.transfers.map(async ({ from, to, amount }: Transfer, id: number): Promise<TaskReceipt<Moved>> => core.runTask(async tx => {
        await step(`t${id} start`)
        const a = val(await tx.get(key(from)))
        await step(`t${id} read from`)
        const b = val(await tx.get(key(to)))
        await step(`t${id} read to`)
        const moved = Math.min(a, amount)
        tx.put(key(from), num(a - moved))
        await step(`t${id} wrote from`)
        tx.put(key(to), num(b + moved))
        tx.put(`${prefix}/ledger/${id}`, num(moved))
        return { moved, sawFrom: a, sawTo: b }
      }))

      const sums: number[] = []
      const readers = Array.from({ length: plan.readers }, async (_, r) => core.run(async tx => {
        let sum = 0
        for (let i = 0; i < plan.accounts; i++) {
          await step(`r${r} ${i}`)
          sum += val(await tx.get(key(i)))
        }
        sums.push(sum)
      }))

      // no deadlock: everything finishes
      const receipts = await s.waitFor(Promise.all(transfers))
      await s.waitFor(Promise.all(readers))

      // snapshot reads never see part of a task
      expect(sums.every(sum => sum === total), `reader sums ${sums.join(',')} of ${total}`).to.be.true()

      // the oldest task (started first) wins within two attempts: one lost race, then it holds its write set
      expect(receipts[0].attempts).to.be.at.most(2)

      const final = await core.run(async tx => {
        const balances: number[] = []
        const ledger: number[] = []
        for (let i = 0; i < plan.accounts; i++) {
          balances.push(val(await tx.get(key(i))))
        }
        for (let id = 0; id < plan.transfers.length; id++) {
          const entry = await tx.get(`${prefix}/ledger/${id}`)
          ledger.push(entry == null ? -1 : val(entry))
        }
        return { balances, ledger }
      })
      // conservation
      expect(final.balances.reduce((a, b) => a + b, 0)).to.equal(total)
      // every task applied exactly once: its ledger entry holds what it returned
      expect(final.ledger).to.deep.equal(receipts.map(r => r.result.moved))

      // the committed history is serial in token order, and each task read the state its place in it gives
      const replay = Array.from({ length: plan.accounts }, () => INITIAL)
      const order = receipts
        .map((receipt, id) => ({ receipt, transfer: plan.transfers[id] }))
        .sort((x, y) => (x.receipt.token?.index ?? 0) - (y.receipt.token?.index ?? 0) || (x.receipt.token?.position ?? 0) - (y.receipt.token?.position ?? 0))
      for (const { receipt, transfer } of order) {
        expect(receipt.result.sawFrom).to.equal(replay[transfer.from])
        expect(receipt.result.sawTo).to.equal(replay[transfer.to])
        replay[transfer.from] -= receipt.result.moved
        replay[transfer.to] += receipt.result.moved
      }
      expect(final.balances).to.deep.equal(replay)
    }), { numRuns: 150 })
  })
})
