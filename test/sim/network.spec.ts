import { expect } from 'aegir/chai'
import { PERFECT_LINK, SimNetwork } from '../../src/sim/network.ts'
import { SimProcess } from '../../src/sim/process.ts'
import { SeededRandom } from '../../src/sim/random.ts'
import { Scheduler } from '../../src/sim/scheduler.ts'
import type { LinkProfile } from '../../src/sim/network.ts'

function setup (profile: LinkProfile = PERFECT_LINK): { scheduler: Scheduler, network: SimNetwork<string>, inbox: Map<string, string[]>, processes: Map<string, SimProcess> } {
  const scheduler = new Scheduler()
  const network = new SimNetwork<string>(scheduler, new SeededRandom(1), profile)
  const inbox = new Map<string, string[]>()
  const processes = new Map<string, SimProcess>()
  for (const name of ['a', 'b']) {
    const process = new SimProcess(scheduler, name)
    processes.set(name, process)
    inbox.set(name, [])
    network.attach(name, process, message => { inbox.get(name)?.push(message) })
  }
  return { scheduler, network, inbox, processes }
}

function drain (scheduler: Scheduler): void {
  while (scheduler.step(Number.POSITIVE_INFINITY)) { /* run */ }
}

describe('SimNetwork', () => {
  it('delivers over a perfect link', () => {
    const { scheduler, network, inbox } = setup()
    network.send('a', 'b', 'hello')
    drain(scheduler)
    expect(inbox.get('b')).to.deep.equal(['hello'])
  })

  it('cuts one way only', () => {
    const { scheduler, network, inbox } = setup()
    network.cut('a', 'b')
    network.send('a', 'b', 'lost')
    network.send('b', 'a', 'kept')
    drain(scheduler)
    expect(inbox.get('b')).to.deep.equal([])
    expect(inbox.get('a')).to.deep.equal(['kept'])
  })

  it('loses what is in flight when the link is cut before it arrives', () => {
    const { scheduler, network, inbox } = setup()
    network.send('a', 'b', 'in flight')
    network.cut('a', 'b')
    drain(scheduler)
    expect(inbox.get('b')).to.deep.equal([])
  })

  it('drops, duplicates and reorders as its profile says', () => {
    const { scheduler, network, inbox } = setup({ dropRate: 0.2, duplicateRate: 0.2, minDelayMs: 0, maxDelayMs: 50, delaySpikeRate: 0, maxExtraDelayMs: 0 })
    const sent = Array.from({ length: 500 }, (_, i) => `m${i}`)
    for (const m of sent) {
      network.send('a', 'b', m)
    }
    drain(scheduler)
    const received = inbox.get('b') ?? []
    const distinct = new Set(received)
    expect(distinct.size).to.be.below(sent.length)
    expect(received.length).to.be.above(distinct.size)
    expect(received).to.not.deep.equal(sent.filter(m => distinct.has(m)))
  })

  it('delivers nothing to a crashed process', () => {
    const { scheduler, network, inbox, processes } = setup()
    processes.get('b')?.crash()
    network.send('a', 'b', 'to the dead')
    drain(scheduler)
    expect(inbox.get('b')).to.deep.equal([])
  })
})
