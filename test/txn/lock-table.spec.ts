import { expect } from 'aegir/chai'
import { LockTable } from '../../src/txn/lock-table.ts'
import type { TaskPriority } from '../../src/clock/priority.ts'
import type { LockOwner, Waiter } from '../../src/txn/lock-table.ts'

class Owner implements LockOwner {
  readonly priority: TaskPriority
  heldKeys: string[] | undefined
  waits: Waiter[] | undefined
  wounded = false
  committing = false
  private readonly table: LockTable

  constructor (table: LockTable, ts: number) {
    this.table = table
    this.priority = { ts, node: 'n' }
  }

  wound (): void {
    if (this.committing) {
      return
    }
    this.wounded = true
    this.table.releaseAll(this, new Error('wounded'))
  }
}

describe('lock table (wound-wait)', () => {
  it('grants a free key at once and shares read intents', () => {
    const table = new LockTable()
    const a = new Owner(table, 1)
    const b = new Owner(table, 2)
    expect(table.acquire(a, 'k', 'read')).to.be.undefined()
    expect(table.acquire(b, 'k', 'read')).to.be.undefined()
    expect(table.isHeld(a, 'k', 'read')).to.be.true()
    expect(table.isHeld(b, 'k', 'read')).to.be.true()
  })

  it('an older requester wounds a younger holder and takes the key', () => {
    const table = new LockTable()
    const young = new Owner(table, 2)
    const old = new Owner(table, 1)
    table.acquire(young, 'k', 'write')
    expect(table.acquire(old, 'k', 'write')).to.be.undefined()
    expect(young.wounded).to.be.true()
    expect(table.writerOf('k')).to.equal(old)
  })

  it('a younger requester waits for an older holder, without wounding it', async () => {
    const table = new LockTable()
    const old = new Owner(table, 1)
    const young = new Owner(table, 2)
    table.acquire(old, 'k', 'write')
    const wait = table.acquire(young, 'k', 'write')
    expect(wait).to.be.a('promise')
    expect(old.wounded).to.be.false()
    table.releaseAll(old)
    await wait
    expect(table.writerOf('k')).to.equal(young)
  })

  it('an older task waits for a younger holder whose commit is already appended', async () => {
    const table = new LockTable()
    const young = new Owner(table, 2)
    young.committing = true
    const old = new Owner(table, 1)
    table.acquire(young, 'k', 'write')
    const wait = table.acquire(old, 'k', 'write')
    expect(wait).to.be.a('promise')
    table.releaseAll(young)
    await wait
    expect(table.writerOf('k')).to.equal(old)
  })

  it('grants waiters oldest first', async () => {
    const table = new LockTable()
    const holder = new Owner(table, 1)
    table.acquire(holder, 'k', 'write')
    const order: number[] = []
    const waiters = [5, 3, 4].map(async ts => {
      const owner = new Owner(table, ts)
      await table.acquire(owner, 'k', 'write')
      order.push(ts)
      table.releaseAll(owner)
    })
    table.releaseAll(holder)
    await Promise.all(waiters)
    expect(order).to.deep.equal([3, 4, 5])
  })

  it('a writer waits for readers; an older writer wounds younger readers', () => {
    const table = new LockTable()
    const reader = new Owner(table, 5)
    table.acquire(reader, 'k', 'read')
    const writer = new Owner(table, 1)
    expect(table.acquire(writer, 'k', 'write')).to.be.undefined()
    expect(reader.wounded).to.be.true()
  })

  it('upgrades a sole reader to writer', () => {
    const table = new LockTable()
    const a = new Owner(table, 1)
    table.acquire(a, 'k', 'read')
    expect(table.acquire(a, 'k', 'write')).to.be.undefined()
    expect(table.writerOf('k')).to.equal(a)
    table.releaseAll(a)
    expect(table.size).to.equal(0)
  })

  it('a wounded waiter releases what it holds and its waits fail', async () => {
    const table = new LockTable()
    const oldest = new Owner(table, 1)
    const middle = new Owner(table, 2)
    const youngest = new Owner(table, 3)
    table.acquire(oldest, 'a', 'write')
    table.acquire(youngest, 'b', 'write')
    // the youngest waits for the oldest on a
    const youngestWait = table.acquire(youngest, 'a', 'write')
    // the middle one wants b: it wounds the youngest, whose wait on a fails
    expect(table.acquire(middle, 'b', 'write')).to.be.undefined()
    await expect(youngestWait).to.eventually.be.rejectedWith('wounded')
    expect(table.writerOf('b')).to.equal(middle)
  })

  it('forgets keys with no holder and no waiter (bounded memory)', async () => {
    const table = new LockTable()
    for (let i = 0; i < 100; i++) {
      const owner = new Owner(table, i)
      table.acquire(owner, `k${i % 7}`, i % 2 === 0 ? 'write' : 'read')
      table.releaseAll(owner)
    }
    expect(table.size).to.equal(0)
  })
})
