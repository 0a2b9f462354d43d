import { expect } from 'aegir/chai'
import { systemClock } from '../../src/clock/clock.ts'
import { PeerUnreachableError } from '../../src/errors.ts'
import { OwnershipService } from '../../src/ownership/service.ts'
import type { NodeRequest, NodeResponse } from '../../src/groups/transport.ts'
import type { OwnershipComponents } from '../../src/ownership/service.ts'

const HOME = 'home-group'
const HOME_LEADER = 'nodeH'

/**
 * An ownership service of a node whose own group holds nothing, in a mesh whose slots are all
 * homed in HOME (led by HOME_LEADER): a read of an unknown key is a lookup at HOME_LEADER, answered
 * with `answers` in turn
 */
function serviceAnswering (answers: NodeResponse[], transport?: Pick<OwnershipComponents['transport'], 'request'>, leaderOfHome = (): string => HOME_LEADER): { service: OwnershipService, asked: NodeRequest[] } {
  const asked: NodeRequest[] = []
  const components = {
    clock: systemClock,
    hlc: { update: () => {}, peek: () => 1, now: () => 1, available: true },
    groups: { get: () => undefined },
    view: { slots: () => ({ homeOf: () => HOME }), groupInfo: () => ({ leader: `${leaderOfHome()}/aaaaaaaa` }), leaderNode: () => undefined },
    transport: transport ?? {
      request: async (to: string, request: NodeRequest): Promise<NodeResponse> => {
        expect(to).to.equal(HOME_LEADER)
        asked.push(request)
        return answers[Math.min(asked.length, answers.length) - 1]
      }
    },
    logger: () => {},
    ownGroup: () => ({ id: 'own-group', ownership: { state: () => undefined } }),
    handoffs: {}
  } as unknown as OwnershipComponents
  return { service: new OwnershipService(components, { nodeId: 'nodeA' }), asked }
}

describe('requests to other nodes told to retry', () => {
  it('are asked again after a short pause, and the answer that follows counts', async () => {
    const { service, asked } = serviceAnswering([
      { status: 'retry', reason: 'busy' },
      { status: 'retry', reason: 'the lease does not cover the timestamp yet' },
      { status: 'ok', outcome: 'absent' }
    ])

    await expect(service.readMissing('player/1', 5)).to.eventually.be.undefined()
    expect(asked).to.have.lengthOf(3)
    expect(asked.every(request => request.type === 'lookup')).to.be.true()
  })

  it('give up after a bounded number of tries, failing the attempt as unavailable', async () => {
    const { service, asked } = serviceAnswering([{ status: 'retry', reason: 'busy' }])
    const started = performance.now()

    await expect(service.readMissing('player/1', 5)).to.eventually.be.rejected()
      .with.property('name', 'TaskAbortedError')
    expect(asked).to.have.lengthOf(5)
    // four pauses, well inside a request's deadline
    expect(performance.now() - started).to.be.below(2_000)
  })

  it('go to the new leader when the one asked is down and a successor is known', async () => {
    let leader = HOME_LEADER
    const askedOf: string[] = []
    const transport = {
      request: async (to: string): Promise<NodeResponse> => {
        askedOf.push(to)
        if (to === HOME_LEADER) {
          // the metadata learns of the successor meanwhile
          leader = 'nodeH2'
          throw new PeerUnreachableError(to, 'connection refused')
        }
        return { status: 'ok', outcome: 'absent' }
      }
    }
    const { service } = serviceAnswering([], transport, () => leader)

    await expect(service.readMissing('player/1', 5)).to.eventually.be.undefined()
    expect(askedOf).to.deep.equal([HOME_LEADER, 'nodeH2'])
  })

  it('fail the attempt when the one asked is down and no successor is known', async () => {
    const transport = {
      request: async (to: string): Promise<NodeResponse> => { throw new PeerUnreachableError(to, 'connection refused') }
    }
    const { service } = serviceAnswering([], transport)

    await expect(service.readMissing('player/1', 5)).to.eventually.be.rejected()
      .with.property('name', 'TaskAbortedError')
  })
})
