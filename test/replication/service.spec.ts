import { defaultLogger } from '@libp2p/logger'
import { expect } from 'aegir/chai'
import { packTimestamp } from '../../src/clock/hlc.ts'
import { ReplicaService } from '../../src/replication/service.ts'
import { ManualClock } from '../fixtures/manual-clock.ts'
import type { LocalGroups } from '../../src/groups/local-groups.ts'
import type { NodeRequest, NodeResponse, NodeTransport } from '../../src/groups/transport.ts'
import type { ReplicaTopics } from '../../src/replication/topics.ts'

/** A reader whose fetches are answered by `answer`, counting subscriptions and fetches */
function reader (answer: (request: NodeRequest) => NodeResponse, openAfterReads?: number): { service: ReplicaService, clock: ManualClock, subscribed: Set<string>, fetches: NodeRequest[] } {
  const clock = new ManualClock()
  const subscribed = new Set<string>()
  const fetches: NodeRequest[] = []
  const topics: ReplicaTopics = {
    subscribe: group => { subscribed.add(group) },
    unsubscribe: group => { subscribed.delete(group) },
    hasSubscribers: () => false,
    publish: () => {}
  }
  const transport = {
    request: async (_to: string, request: NodeRequest) => {
      fetches.push(request)
      return answer(request)
    }
  } as unknown as NodeTransport
  const service = new ReplicaService({
    clock,
    // this node is a member of no group
    groups: { get: () => undefined } as unknown as LocalGroups,
    topics,
    transport,
    memberOf: () => 'owner',
    logger: defaultLogger().forComponent('test:replica')
  }, { openAfterReads })
  service.start()
  return { service, clock, subscribed, fetches }
}

const settle = async (): Promise<void> => { await new Promise(resolve => setImmediate(resolve)) }

describe('read replica service', () => {
  it('opens a replica on a group\'s second read within 10 s, not on a lone read', async () => {
    const { service, clock, subscribed, fetches } = reader(() => ({ status: 'retry', reason: 'not yet' }))
    const ts = packTimestamp(clock.wallMs(), 0)
    expect((await service.read('g1', 'k', ts)).kind).to.equal('unknown')
    expect(subscribed.size, 'subscribed after one read').to.equal(0)
    clock.advance(11_000)
    // a read more than 10 s after the last one starts the count again
    expect((await service.read('g1', 'k', ts)).kind).to.equal('unknown')
    expect(subscribed.size).to.equal(0)
    expect((await service.read('g1', 'k', ts)).kind).to.equal('unknown')
    expect([...subscribed]).to.deep.equal(['g1'])
    await settle()
    expect(fetches.map(f => f.type)).to.deep.equal(['replica-fetch'])
    service.stop()
  })

  it('a group whose snapshot is refused (too large) is read at its owner for 60 s, then may be replicated again', async () => {
    const { service, clock, subscribed, fetches } = reader(() => ({ status: 'refused', reason: 'too large' }), 1)
    const ts = packTimestamp(clock.wallMs(), 0)
    await service.read('big', 'k', ts)
    await settle()
    await settle()
    expect(fetches).to.have.lengthOf(1)
    expect(subscribed.size, 'dropped after the refusal').to.equal(0)
    expect(service.status()).to.deep.equal([])
    // no fetch again and again: reads go to the owner
    for (let i = 0; i < 20; i++) {
      clock.advance(1_000)
      expect((await service.read('big', 'k', ts)).kind).to.equal('unknown')
      await settle()
    }
    expect(fetches).to.have.lengthOf(1)
    clock.advance(41_000)
    await service.read('big', 'k', ts)
    await settle()
    expect(fetches).to.have.lengthOf(2)
    service.stop()
  })

  it('a failing fetch is retried ever less often', async () => {
    const { service, clock, fetches } = reader(() => ({ status: 'retry', reason: 'busy' }), 1)
    await service.read('g2', 'k', packTimestamp(clock.wallMs(), 0))
    for (let i = 0; i < 100; i++) {
      await settle()
      clock.advance(100)
    }
    await settle()
    // 10 s of failures: 100 ms, 200, 400, ... capped at 5 s, not one every 100 ms
    expect(fetches.length).to.be.within(5, 9)
    service.stop()
  })
})
