import { expect } from 'aegir/chai'
import { SimClock } from '../../src/sim/clock.ts'
import { SimProcess } from '../../src/sim/process.ts'
import { Scheduler } from '../../src/sim/scheduler.ts'

describe('Scheduler', () => {
  it('runs callbacks in time order, and in insertion order at equal times', () => {
    const scheduler = new Scheduler()
    const order: string[] = []
    scheduler.at(5, () => order.push('b'))
    scheduler.at(1, () => order.push('a'))
    scheduler.at(5, () => order.push('c'))
    while (scheduler.step(100)) { /* run */ }
    expect(order).to.deep.equal(['a', 'b', 'c'])
    expect(scheduler.nowMs).to.equal(5)
  })

  it('does not run cancelled callbacks, nor past the horizon', () => {
    const scheduler = new Scheduler()
    const order: string[] = []
    const cancelled = scheduler.at(1, () => order.push('cancelled'))
    scheduler.at(2, () => order.push('due'))
    scheduler.at(20, () => order.push('later'))
    cancelled.cancel()
    while (scheduler.step(10)) { /* run */ }
    expect(order).to.deep.equal(['due'])
    expect(scheduler.peekMs()).to.equal(20)
  })

  it('never schedules in the past', () => {
    const scheduler = new Scheduler()
    scheduler.at(10, () => {})
    scheduler.step(10)
    let ranAt = -1
    scheduler.at(3, () => { ranAt = scheduler.nowMs })
    scheduler.step(100)
    expect(ranAt).to.equal(10)
  })
})

describe('SimProcess', () => {
  it('drops what a crashed process had scheduled', () => {
    const scheduler = new Scheduler()
    const process = new SimProcess(scheduler, 'p')
    const ran: string[] = []
    process.after(5, () => ran.push('before crash'))
    process.crash()
    process.restart()
    process.after(5, () => ran.push('after restart'))
    while (scheduler.step(100)) { /* run */ }
    expect(ran).to.deep.equal(['after restart'])
  })

  it('holds back what comes due while paused, then runs it in order at resume', () => {
    const scheduler = new Scheduler()
    const process = new SimProcess(scheduler, 'p')
    const ran: Array<[string, number]> = []
    process.after(1, () => ran.push(['timer', scheduler.nowMs]))
    process.pause()
    scheduler.at(2, () => { process.deliver(() => ran.push(['message', scheduler.nowMs])) })
    scheduler.at(10, () => { process.resume() })
    while (scheduler.step(100)) { /* run */ }
    expect(ran).to.deep.equal([['timer', 10], ['message', 10]])
  })
})

describe('SimClock', () => {
  it('reads true time through its rate and offset, and fires timers by its own clock', () => {
    const scheduler = new Scheduler()
    const process = new SimProcess(scheduler, 'p')
    const clock = new SimClock(scheduler, process, { rate: 1.01, wallOffsetMs: -500, monotonicOriginMs: 100 })
    const start = clock.monotonicMs()
    let elapsedMs = 0
    clock.setTimer(() => { elapsedMs = clock.monotonicMs() - start }, 200)
    while (scheduler.step(1000)) { /* run */ }
    // a fast clock fires after less true time, but never before its own deadline
    expect(elapsedMs).to.be.at.least(200)
    expect(scheduler.nowMs).to.be.below(200)
  })
})
