import { expect } from 'aegir/chai'
import { MvccStore } from '../../src/store/mvcc.ts'
import { LockTable } from '../../src/txn/lock-table.ts'
import { gate, num, startCore, val } from '../fixtures/core.ts'
import type { TaskPriority } from '../../src/clock/priority.ts'
import type { NodeCore } from '../../src/node-core.ts'
import type { KeyLock, LockOwner, Waiter } from '../../src/txn/lock-table.ts'

/**
 * The hot path keeps one record per key (versions and intents) and lets a task hold on to the
 * records it touched. These tests pin what that must not break.
 */

function bytes (n: number): Uint8Array {
  return Uint8Array.of(n)
}

class Owner implements LockOwner {
  readonly priority: TaskPriority
  heldLocks: KeyLock[] | undefined
  waits: Waiter[] | undefined
  private readonly table: LockTable

  constructor (table: LockTable, ts: number) {
    this.table = table
    this.priority = { ts, node: 'n' }
  }

  wound (): void {
    this.table.releaseAll(this, new Error('wounded'))
  }
}

describe('key records (versions and intents in one place)', () => {
  it('keeps a record with intents through collection, rollback, drop and clear, and removes it once free', () => {
    const store = new MvccStore()
    const table = new LockTable(store)
    const owner = new Owner(table, 1)
    store.install('k', undefined, 10, 1)
    store.committedIndex = 1
    const record = store.record('k')
    expect(record).to.not.be.undefined()
    expect(table.acquire(owner, 'k', 'write')).to.be.undefined()
    // the collected tombstone leaves no version, but the intent keeps the record
    store.collect(100)
    store.drop('k')
    store.clear()
    expect(store.record('k')).to.equal(record)
    expect(store.latest('k')).to.be.undefined()
    expect(table.writerOf('k')).to.equal(owner)
    table.releaseAll(owner)
    expect(table.size).to.equal(0)
    expect(store.record('k')).to.be.undefined()
    expect(record?.detached).to.be.true()
  })

  it('keeps the record of a key with versions when its intents are released', () => {
    const store = new MvccStore()
    const table = new LockTable(store)
    const owner = new Owner(table, 1)
    store.install('k', bytes(1), 10, 1)
    const record = store.record('k')
    table.acquire(owner, 'k', 'write')
    table.releaseAll(owner)
    expect(store.record('k')).to.equal(record)
    expect(record?.detached).to.be.false()
    // the intents live on the record itself
    const next = new Owner(table, 2)
    table.acquire(next, 'k', 'write')
    expect(record?.writer).to.equal(next)
  })

  it('revisits a key whose older versions cannot be collected yet (speculative newest)', () => {
    const store = new MvccStore()
    store.install('k', bytes(1), 10, 1)
    store.committedIndex = 1
    store.install('k', bytes(2), 20, 2)
    // version 2 is not committed: version 1 is the newest committed one and stays
    expect(store.collect(100)).to.equal(0)
    expect(store.readAt('k', 15)).to.have.property('value').that.deep.equals(bytes(1))
    store.committedIndex = 2
    expect(store.collect(100)).to.equal(1)
    expect(store.latest('k')?.older).to.be.undefined()
  })

  it('keeps between maxVersionsPerKey and half again as many versions of a hot key, never fewer', () => {
    const store = new MvccStore({ maxVersionsPerKey: 8 })
    const lengths: number[] = []
    for (let i = 1; i <= 100; i++) {
      store.install('k', bytes(i), i * 10, i)
      store.committedIndex = i
      let length = 0
      for (let version = store.latest('k'); version != null; version = version.older) {
        length++
      }
      lengths.push(length)
    }
    expect(Math.max(...lengths)).to.be.at.most(11)
    expect(Math.min(...lengths.slice(8))).to.be.at.least(8)
    // a snapshot within the newest 8 versions still reads
    expect(store.readAt('k', 935)).to.have.property('value').that.deep.equals(bytes(93))
  })

  it('a record installed on after it was removed from its store goes to the live record', () => {
    const store = new MvccStore()
    store.install('k', undefined, 10, 1)
    store.committedIndex = 1
    const stale = store.record('k')
    store.collect(100)
    expect(stale?.detached).to.be.true()
    store.install('k', bytes(5), 20, 2)
    if (stale != null) {
      store.installOn(stale, bytes(6), 30, 3)
    }
    expect(store.latest('k')?.value).to.deep.equal(bytes(6))
    expect(store.latest('k')?.older?.value).to.deep.equal(bytes(5))
  })
})

describe('tasks holding records', () => {
  let core: NodeCore

  beforeEach(async () => {
    core = await startCore({ gcIntervalMs: 2 })
  })

  afterEach(async () => {
    await core.stop()
  })

  it('a task whose record of a key was removed meanwhile still loses first-committer-wins', async () => {
    await core.run(tx => { tx.put('k', num(1)) })
    await core.run(tx => { tx.delete('k') })
    const held = gate()
    let attempts = 0
    const slow = core.runTask(async tx => {
      attempts++
      // reads the tombstone: the attempt now holds k's record, without an intent on it
      const before = val(await tx.get('k'))
      if (attempts === 1) {
        await held.wait
      }
      tx.put('k', num(before + 1))
    })
    // let collection remove the tombstone (and with it the record the slow task holds) ...
    await new Promise(resolve => setTimeout(resolve, 30))
    // ... and another task create the key again, after the slow task's snapshot
    await core.run(tx => { tx.put('k', num(5)) })
    held.open()
    const receipt = await slow
    expect(receipt.attempts).to.equal(2)
    // no lost update: the retry read 5
    expect(val(await core.run(async tx => tx.get('k')))).to.equal(6)
  })

  it('copies a Buffer on put and returns plain arrays that share nothing with the store', async () => {
    const buffer = Buffer.from([1, 2, 3])
    await core.run(tx => { tx.put('b', buffer) })
    // Buffer#slice is a view: a copy made with it would change here
    buffer.fill(9)
    const read = await core.run(async tx => tx.get('b'))
    expect(read).to.deep.equal(Uint8Array.of(1, 2, 3))
    expect(Buffer.isBuffer(read)).to.be.false()
    read?.fill(7)
    expect(await core.run(async tx => tx.get('b'))).to.deep.equal(Uint8Array.of(1, 2, 3))
  })
})
