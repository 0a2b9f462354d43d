import { expect } from 'aegir/chai'
import { HybridLogicalClock, packTimestamp, timestampLogical, timestampWallMs } from '../../src/clock/hlc.ts'
import { comparePriority, isOlder } from '../../src/clock/priority.ts'
import { ClockOffsetError, ClockUnavailableError, InvalidOptionError } from '../../src/errors.ts'
import { ManualClock } from '../fixtures/manual-clock.ts'
import type { PersistedUpperBound } from '../../src/clock/hlc.ts'

function memoryBound (windowMs = 200): PersistedUpperBound & { saved: number, saves: number, hold?: Promise<void> } {
  const bound = {
    windowMs,
    saved: 0,
    saves: 0,
    hold: undefined as Promise<void> | undefined,
    async load () { return bound.saved },
    async save (value: number) {
      await bound.hold
      bound.saved = value
      bound.saves++
    }
  }
  return bound
}

describe('hybrid logical clock', () => {
  it('issues strictly increasing readings that track the wall clock', () => {
    const clock = new ManualClock()
    const hlc = new HybridLogicalClock(clock)
    const a = hlc.now()
    const b = hlc.now()
    expect(b).to.be.greaterThan(a)
    expect(timestampWallMs(a)).to.equal(clock.wall)
    expect(timestampLogical(b)).to.equal(1)
    clock.advance(5)
    const c = hlc.now()
    expect(timestampWallMs(c)).to.equal(clock.wall)
    expect(timestampLogical(c)).to.equal(0)
  })

  it('keeps increasing when the wall clock goes back', () => {
    const clock = new ManualClock()
    const hlc = new HybridLogicalClock(clock)
    const before = hlc.now()
    clock.wall -= 10_000
    const after = hlc.now()
    expect(after).to.be.greaterThan(before)
    expect(timestampWallMs(after)).to.equal(timestampWallMs(before))
  })

  it('carries into the next millisecond when the logical counter is exhausted', () => {
    const clock = new ManualClock()
    const hlc = new HybridLogicalClock(clock)
    let last = hlc.now()
    for (let i = 0; i < 5000; i++) {
      const next = hlc.now()
      expect(next).to.equal(last + 1)
      last = next
    }
    expect(timestampWallMs(last)).to.equal(clock.wall + 1)
  })

  it('moves past remote readings within the maximum offset', () => {
    const clock = new ManualClock()
    const hlc = new HybridLogicalClock(clock, { maxOffsetMs: 500 })
    const remote = packTimestamp(clock.wall + 400, 7)
    hlc.update(remote)
    expect(hlc.now()).to.be.greaterThan(remote)
  })

  it('refuses remote readings beyond the maximum offset and does not move', () => {
    const clock = new ManualClock()
    const hlc = new HybridLogicalClock(clock, { maxOffsetMs: 500 })
    const before = hlc.now()
    expect(() => { hlc.update(packTimestamp(clock.wall + 501, 0)) }).to.throw(ClockOffsetError)
    expect(timestampWallMs(hlc.now())).to.equal(timestampWallMs(before))
  })

  it('rejects a non-positive maximum offset', () => {
    expect(() => new HybridLogicalClock(new ManualClock(), { maxOffsetMs: 0 })).to.throw(InvalidOptionError)
  })

  it('never repeats a reading across a restart, even with the wall clock set back', async () => {
    const clock = new ManualClock()
    const bound = memoryBound()
    const first = new HybridLogicalClock(clock, { upperBound: bound })
    await first.start()
    let highest = 0
    for (let i = 0; i < 100; i++) {
      clock.advance(10)
      highest = first.now()
      // the disk keeps up with the renewals of the persisted bound
      await first.flush()
    }
    await first.flush()
    // the node restarts and its wall clock was set back an hour
    clock.wall -= 3_600_000
    const second = new HybridLogicalClock(clock, { upperBound: bound })
    await second.start()
    expect(second.now()).to.be.greaterThan(highest)
  })

  it('a restarted node starts within the bound\'s window of real time, inside the maximum offset', async () => {
    const clock = new ManualClock()
    const bound = memoryBound()
    const first = new HybridLogicalClock(clock, { upperBound: bound, maxOffsetMs: 500 })
    await first.start()
    first.now()
    await first.flush()
    clock.advance(1)
    const second = new HybridLogicalClock(clock, { upperBound: bound, maxOffsetMs: 500 })
    await second.start()
    const aheadMs = timestampWallMs(second.now()) - clock.wall
    expect(aheadMs).to.be.at.most(200)
    expect(aheadMs).to.be.lessThan(500)
  })

  it('refuses a bound window as wide as the maximum offset', () => {
    expect(() => new HybridLogicalClock(new ManualClock(), { upperBound: memoryBound(500), maxOffsetMs: 500 })).to.throw(InvalidOptionError)
  })

  it('renews its persisted bound before readings reach it', async () => {
    const clock = new ManualClock()
    const bound = memoryBound(200)
    const hlc = new HybridLogicalClock(clock, { upperBound: bound })
    await hlc.start()
    const savesAtStart = bound.saves
    for (let i = 0; i < 30; i++) {
      clock.advance(20)
      hlc.now()
      await hlc.flush()
    }
    expect(bound.saves).to.be.greaterThan(savesAtStart)
    expect(bound.saved).to.be.greaterThan(clock.wall)
  })

  it('refuses to issue readings above a bound that could not be persisted in time', async () => {
    const clock = new ManualClock()
    const bound = memoryBound(200)
    const hlc = new HybridLogicalClock(clock, { upperBound: bound })
    await hlc.start()
    let release: () => void = () => {}
    bound.hold = new Promise<void>(resolve => { release = resolve })
    clock.advance(120)
    hlc.now() // starts a renewal that the disk holds up
    clock.advance(120)
    expect(() => hlc.now()).to.throw(ClockUnavailableError)
    release()
    await hlc.flush()
    expect(hlc.now()).to.be.a('number')
  })
})

describe('task priorities', () => {
  it('orders by timestamp, then node id, and are equal only for the same task', () => {
    expect(comparePriority({ ts: 1, node: 'b' }, { ts: 2, node: 'a' })).to.be.lessThan(0)
    expect(comparePriority({ ts: 2, node: 'a' }, { ts: 2, node: 'b' })).to.be.lessThan(0)
    expect(comparePriority({ ts: 2, node: 'b' }, { ts: 2, node: 'a' })).to.be.greaterThan(0)
    expect(comparePriority({ ts: 2, node: 'a' }, { ts: 2, node: 'a' })).to.equal(0)
    expect(isOlder({ ts: 1, node: 'z' }, { ts: 1, node: 'a' })).to.be.false()
  })
})
