import { expect } from 'aegir/chai'
import { AbortError, CriticalCheckFailedError, InvalidKeyError, InvalidOptionError, InvalidValueError, RetriesExhaustedError, TaskAbortedError, TaskEndedError, TaskTimeoutError, ValueTooLargeError } from '../../src/errors.ts'
import { formatToken } from '../../src/txn/token.ts'
import { gate, num, startCore, val } from '../fixtures/core.ts'
import type { NodeCore } from '../../src/node-core.ts'
import type { Tx } from '../../src/txn/transaction.ts'

describe('tasks on one node', () => {
  let core: NodeCore

  beforeEach(async () => {
    core = await startCore()
  })

  afterEach(async () => {
    await core.stop()
  })

  it('writes, reads its own writes, deletes', async () => {
    await core.run(async tx => {
      expect(await tx.get('a')).to.be.undefined()
      tx.put('a', num(1))
      expect(val(await tx.get('a'))).to.equal(1)
      tx.delete('a')
      expect(await tx.get('a')).to.be.undefined()
      tx.put('b', num(2))
    })
    expect(await core.run(async tx => tx.get('a'))).to.be.undefined()
    expect(val(await core.run(async tx => tx.get('b')))).to.equal(2)
  })

  it('copies values: the caller may reuse its array, and mutating what get returns changes nothing', async () => {
    const bytes = num(7)
    await core.run(tx => { tx.put('k', bytes) })
    bytes.fill(0)
    const read = await core.run(async tx => tx.get('k'))
    expect(val(read)).to.equal(7)
    read?.fill(0)
    expect(val(await core.run(async tx => tx.get('k')))).to.equal(7)
  })

  it('reads a snapshot: commits after it began are invisible to it', async () => {
    await core.run(tx => { tx.put('x', num(1)); tx.put('y', num(1)) })
    const reader = gate()
    const readDone = core.run(async tx => {
      const x = val(await tx.get('x'))
      await reader.wait
      const y = val(await tx.get('y'))
      return [x, y]
    }, { maxAttempts: 1 })
    await core.run(tx => { tx.put('x', num(2)); tx.put('y', num(2)) })
    reader.open()
    expect(await readDone).to.deep.equal([1, 1])
  })

  it('first committer wins: a later writer of a key committed after its snapshot retries', async () => {
    await core.run(tx => { tx.put('x', num(1)) })
    const held = gate()
    let attempts = 0
    const slow = core.runTask(async tx => {
      attempts++
      const x = val(await tx.get('x'))
      if (attempts === 1) {
        await held.wait
      }
      tx.put('x', num(x + 10))
    })
    await core.run(async tx => { tx.put('x', num(val(await tx.get('x')) + 1)) })
    held.open()
    const receipt = await slow
    expect(receipt.attempts).to.equal(2)
    // no lost update: both increments are there
    expect(val(await core.run(async tx => tx.get('x')))).to.equal(12)
  })

  it('an older task wounds a younger holder, which retries after it', async () => {
    const oldGate = gate()
    const youngGate = gate()
    const woundSeen: boolean[] = []
    const old = core.runTask(async tx => {
      await oldGate.wait
      tx.put('k', num(1))
    })
    const young = core.runTask(async tx => {
      tx.put('k', num(2))
      await youngGate.wait
      // a wounded attempt learns it at its next operation; its signal tells it at once
      woundSeen.push(tx.signal.aborted)
      await tx.get('other')
    })
    await new Promise(resolve => setTimeout(resolve, 5))
    oldGate.open()
    const oldReceipt = await old
    youngGate.open()
    const youngReceipt = await young
    expect(oldReceipt.attempts).to.equal(1)
    expect(youngReceipt.attempts).to.equal(2)
    expect(woundSeen).to.deep.equal([true, false])
    // the old task committed first
    const order = (r: typeof oldReceipt): number => (r.token?.index ?? 0) * 1e6 + (r.token?.position ?? 0)
    expect(order(oldReceipt)).to.be.lessThan(order(youngReceipt))
    expect(val(await core.run(async tx => tx.get('k')))).to.equal(2)
  })

  it('a younger task waits for an older holder and is not allowed to wound it', async () => {
    const oldGate = gate()
    let youngWrote = false
    const old = core.runTask(async tx => {
      tx.put('k', num(1))
      await oldGate.wait
    })
    await new Promise(resolve => setTimeout(resolve, 1))
    const young = core.runTask(async tx => {
      tx.put('k', num(2))
      // the write's intent is pending until the old task commits; the next read of another key waits for it
      await tx.get('other')
      youngWrote = true
    })
    await new Promise(resolve => setTimeout(resolve, 20))
    expect(youngWrote).to.be.false()
    oldGate.open()
    expect((await old).attempts).to.equal(1)
    await young
    expect(youngWrote).to.be.true()
    expect(val(await core.run(async tx => tx.get('k')))).to.equal(2)
  })

  it('a task that throws discards its writes and the error reaches the caller unchanged', async () => {
    class GameError extends Error {}
    const thrown = new GameError('not enough gold')
    await expect(core.run(tx => {
      tx.put('k', num(1))
      throw thrown
    })).to.eventually.be.rejected().and.equal(thrown)
    expect(await core.run(async tx => tx.get('k'))).to.be.undefined()
  })

  it('the handle fails with TaskEndedError after the task ended', async () => {
    let kept: Tx | undefined
    await core.run(tx => { kept = tx })
    expect(() => { kept?.put('k', num(1)) }).to.throw(TaskEndedError)
    await expect(kept?.get('k')).to.eventually.be.rejectedWith(TaskEndedError)
    expect(await core.run(async tx => tx.get('k'))).to.be.undefined()
  })

  it('an aborted signal aborts the task and discards its writes', async () => {
    const controller = new AbortController()
    const held = gate()
    const task = core.run(async tx => {
      tx.put('k', num(1))
      await held.wait
    }, { signal: controller.signal })
    controller.abort()
    await expect(task).to.eventually.be.rejectedWith(AbortError)
    held.open()
    expect(await core.run(async tx => tx.get('k'))).to.be.undefined()
    await expect(core.run(() => 1, { signal: controller.signal })).to.eventually.be.rejectedWith(AbortError)
  })

  it('a task past its deadline fails with TaskTimeoutError even if its function never returns', async () => {
    const task = core.run(async tx => {
      tx.put('k', num(1))
      await new Promise(() => {})
    }, { timeoutMs: 50 })
    await expect(task).to.eventually.be.rejectedWith(TaskTimeoutError)
    expect(await core.run(async tx => tx.get('k'))).to.be.undefined()
  })

  it('gives up with RetriesExhaustedError carrying the abort as its cause', async () => {
    await core.run(tx => { tx.put('x', num(1)) })
    const held = gate()
    const task = core.run(async tx => {
      await tx.get('x')
      await held.wait
      tx.put('x', num(3))
    }, { maxAttempts: 1 })
    await core.run(tx => { tx.put('x', num(2)) })
    held.open()
    const err = await task.then(() => undefined, (e: Error) => e)
    expect(err).to.be.an.instanceOf(RetriesExhaustedError)
    expect((err as RetriesExhaustedError).attempts).to.equal(1)
    expect((err as RetriesExhaustedError).cause).to.be.an.instanceOf(TaskAbortedError).with.property('reason', 'conflict')
    expect(val(await core.run(async tx => tx.get('x')))).to.equal(2)
  })

  it('bad keys and values fail the task with a named error and change nothing', async () => {
    await core.run(tx => { tx.put('k', num(1)) })
    const attempts: Array<() => void> = []
    const bad: Array<[(tx: Tx) => unknown, new (...args: any[]) => Error]> = [
      [tx => { tx.put('', num(2)) }, InvalidKeyError],
      [tx => { tx.put('x'.repeat(1025), num(2)) }, InvalidKeyError],
      // @ts-expect-error not a string
      [tx => { tx.put(42, num(2)) }, InvalidKeyError],
      // @ts-expect-error not a string
      [async tx => tx.get(undefined), InvalidKeyError],
      [tx => { tx.delete('') }, InvalidKeyError],
      // @ts-expect-error not bytes
      [tx => { tx.put('v', 'text') }, InvalidValueError],
      // @ts-expect-error not bytes
      [tx => { tx.put('v', [1, 2, 3]) }, InvalidValueError],
      [tx => { tx.put('v', new Uint8Array(1024 * 1024 + 1)) }, ValueTooLargeError]
    ]
    for (const [body, errorClass] of bad) {
      await expect(core.run(async tx => {
        tx.put('k', num(99))
        await body(tx)
      })).to.eventually.be.rejectedWith(errorClass)
      attempts.push(() => {})
    }
    expect(attempts).to.have.lengthOf(bad.length)
    expect(val(await core.run(async tx => tx.get('k')))).to.equal(1)
    expect(await core.run(async tx => tx.get('v'))).to.be.undefined()
  })

  it('rejects bad options with InvalidOptionError', async () => {
    for (const options of [
      { consistency: 'strong' },
      { timeoutMs: -1 },
      { maxAttempts: 1.5 },
      { durable: 'yes' },
      { expect: { k: num(1) } },
      { consistency: 'high', expect: { k: 'text' } },
      { accept: 42 }
    ]) {
      // @ts-expect-error deliberately malformed
      await expect(core.run(() => 1, options)).to.eventually.be.rejectedWith(InvalidOptionError)
    }
    // @ts-expect-error not a function
    await expect(core.run(42)).to.eventually.be.rejectedWith(TypeError)
  })

  describe('consistency levels', () => {
    /** Two doctors on call: each goes off call if the other is on. Under SI both can (write skew). */
    async function onCall (consistency: 'medium' | 'exact'): Promise<number> {
      await core.run(tx => { tx.put('alice', num(1)); tx.put('bob', num(1)) })
      const bothRead = gate()
      let reads = 0
      const goOffCall = async (me: string, other: string): Promise<void> => {
        await core.run(async tx => {
          const mine = val(await tx.get(me))
          const theirs = val(await tx.get(other))
          if (tx.attempt === 1 && ++reads === 2) {
            bothRead.open()
          }
          if (tx.attempt === 1) {
            await bothRead.wait
          }
          if (mine + theirs >= 2) {
            tx.put(me, num(0))
          }
        }, { consistency })
      }
      await Promise.all([goOffCall('alice', 'bob'), goOffCall('bob', 'alice')])
      return core.run(async tx => val(await tx.get('alice')) + val(await tx.get('bob')))
    }

    it('medium (snapshot isolation) allows write skew', async () => {
      expect(await onCall('medium')).to.equal(0)
    })

    it('exact is serializable: no write skew', async () => {
      expect(await onCall('exact')).to.equal(1)
    })

    it('high commits when the master still holds the expected value', async () => {
      await core.run(tx => { tx.put('shop/sword', num(100)) })
      const bought = await core.run(async tx => {
        tx.put('player/gold', num(0))
        return true
      }, { consistency: 'high', expect: { 'shop/sword': num(100) } })
      expect(bought).to.be.true()
    })

    it('high fails with CriticalCheckFailedError, without retrying, when the value changed', async () => {
      await core.run(tx => { tx.put('shop/sword', num(120)) })
      let attempts = 0
      await expect(core.run(tx => {
        attempts++
        tx.put('player/gold', num(0))
      }, { consistency: 'high', expect: { 'shop/sword': num(100) } })).to.eventually.be.rejectedWith(CriticalCheckFailedError)
      expect(attempts).to.equal(1)
      expect(await core.run(async tx => tx.get('player/gold'))).to.be.undefined()
    })

    it('high uses the caller\'s predicate', async () => {
      await core.run(tx => { tx.put('shop/sword', num(90)) })
      const atMost = (_key: string, expected: Uint8Array | undefined, current: Uint8Array | undefined): boolean => val(current) <= val(expected)
      await core.run(tx => { tx.put('player/gold', num(10)) }, { consistency: 'high', expect: { 'shop/sword': num(100) }, accept: atMost })
      await core.run(tx => { tx.put('shop/sword', num(110)) })
      await expect(core.run(tx => { tx.put('player/gold', num(0)) }, { consistency: 'high', expect: { 'shop/sword': num(100) }, accept: atMost }))
        .to.eventually.be.rejectedWith(CriticalCheckFailedError)
    })

    it('none, low and medium commit like any task on one node', async () => {
      for (const consistency of ['none', 'low', 'medium'] as const) {
        await core.run(tx => { tx.put(`level/${consistency}`, num(1)) }, { consistency })
        expect(val(await core.run(async tx => tx.get(`level/${consistency}`)))).to.equal(1)
      }
    })
  })

  describe('commit tokens', () => {
    it('a receipt carries the token, whose commit settles', async () => {
      const receipt = await core.runTask(tx => { tx.put('k', num(1)); return 'ok' })
      expect(receipt.result).to.equal('ok')
      expect(receipt.token).to.include({ group: core.dataGroup.id })
      await receipt.committed()
      expect(core.commitStatus(receipt.token ?? '')).to.equal('committed')
      expect(core.commitStatus(formatToken(receipt.token!))).to.equal('committed')
    })

    it('a read-only task has no token', async () => {
      const receipt = await core.runTask(async tx => tx.get('k'))
      expect(receipt.token).to.be.undefined()
      await receipt.committed()
    })

    it('a durable task returns only once committed', async () => {
      const receipt = await core.runTask(tx => { tx.put('k', num(1)) }, { durable: true })
      expect(core.commitStatus(receipt.token!)).to.equal('committed')
    })

    it('tasks in one tick share a log entry at different positions', async () => {
      const receipts = await Promise.all([1, 2, 3].map(async i => core.runTask(tx => { tx.put(`k${i}`, num(i)) })))
      const indexes = new Set(receipts.map(r => r.token?.index))
      const positions = receipts.map(r => `${r.token?.index}:${r.token?.position}`)
      expect(new Set(positions).size).to.equal(3)
      expect(indexes.size).to.be.lessThan(3)
    })

    it('readAfter waits for the token and then runs', async () => {
      const receipt = await core.runTask(tx => { tx.put('k', num(5)) })
      const value = await core.run(async tx => val(await tx.get('k')), { readAfter: formatToken(receipt.token!) })
      expect(value).to.equal(5)
    })
  })
})
