import { expect } from 'aegir/chai'
import { SimDisk, SimRaftStorage } from '../../src/sim/disk.ts'
import { drainMicrotasks } from '../../src/sim/microtasks.ts'
import { SimProcess } from '../../src/sim/process.ts'
import { SeededRandom } from '../../src/sim/random.ts'
import { Scheduler } from '../../src/sim/scheduler.ts'
import type { Entry } from '../../src/consensus/types.ts'

function entry (index: number): Entry<string> {
  return { term: 1, index, kind: 'command', command: `c${index}` }
}

async function drain (scheduler: Scheduler, untilMs = Number.POSITIVE_INFINITY): Promise<void> {
  while (scheduler.step(untilMs)) {
    await drainMicrotasks()
  }
}

describe('SimDisk', () => {
  it('completes operations in order, after a delay', async () => {
    const scheduler = new Scheduler()
    const process = new SimProcess(scheduler, 'p')
    const storage = new SimRaftStorage(new SimDisk<string>(new SeededRandom(1)), process, () => scheduler.nowMs)
    const done: string[] = []
    void storage.append([entry(1)], false).then(() => done.push('append'))
    void storage.saveHardState({ term: 1, leaseEnd: 0 }).then(() => done.push('hard state'))
    await drainMicrotasks()
    expect(done).to.deep.equal([])
    await drain(scheduler)
    expect(done).to.deep.equal(['append', 'hard state'])
    expect(scheduler.nowMs).to.be.above(0)
  })

  it('never loses a synced write, and a power loss loses only a suffix of the unsynced ones', async () => {
    for (let seed = 0; seed < 50; seed++) {
      const scheduler = new Scheduler()
      const process = new SimProcess(scheduler, 'p')
      const disk = new SimDisk<string>(new SeededRandom(seed))
      const storage = new SimRaftStorage(disk, process, () => scheduler.nowMs)
      void storage.append([entry(1), entry(2)], true)
      await drain(scheduler)
      for (let i = 3; i <= 8; i++) {
        void storage.append([entry(i)], false)
      }
      await drain(scheduler, scheduler.nowMs + 0.3)
      disk.crash('power', scheduler.nowMs)
      const { entries } = await storage.load()
      expect(entries.length).to.be.at.least(2)
      expect(entries.map(e => e.index)).to.deep.equal(Array.from({ length: entries.length }, (_, i) => i + 1))
    }
  })

  it('keeps completed writes through a process crash, and loses every unsynced one with power-all', async () => {
    const scheduler = new Scheduler()
    const process = new SimProcess(scheduler, 'p')
    const disk = new SimDisk<string>(new SeededRandom(3))
    const storage = new SimRaftStorage(disk, process, () => scheduler.nowMs)
    void storage.append([entry(1)], false)
    await drain(scheduler)
    disk.crash('process', scheduler.nowMs)
    expect((await storage.load()).entries).to.have.lengthOf(1)

    void storage.append([entry(2)], false)
    await drain(scheduler)
    disk.crash('power-all', scheduler.nowMs)
    expect((await storage.load()).entries).to.have.lengthOf(1)
  })

  it('forgets everything when wiped', async () => {
    const scheduler = new Scheduler()
    const process = new SimProcess(scheduler, 'p')
    const disk = new SimDisk<string>(new SeededRandom(3))
    const storage = new SimRaftStorage(disk, process, () => scheduler.nowMs)
    void storage.saveHardState({ term: 4, leaseEnd: 0 })
    await drain(scheduler)
    disk.wipe()
    const loaded = await storage.load()
    expect(loaded.hardState).to.be.undefined()
    expect(loaded.entries).to.deep.equal([])
  })
})
