import { expect } from 'aegir/chai'
import { GroupStateMachine } from '../../src/groups/state-machine.ts'
import type { GroupEntry } from '../../src/groups/commands.ts'
import type { WriteSet } from '../../src/txn/directory.ts'

const KEY = 'acct/5'
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

function entry (index: number, sets: WriteSet[]): GroupEntry {
  return { term: 1, index, kind: 'command', command: { type: 'writes', sets } }
}

/** The log of a group that creates a key, then in one batch writes it and hands it out */
function log (): GroupEntry[] {
  return [
    entry(1, [{ ts: 10, writes: new Map([[KEY, bytes('v1')]]), creates: [{ key: KEY, epoch: { counter: 1, term: 1 } }] }]),
    entry(2, [
      { ts: 20, writes: new Map([[KEY, bytes('v2')]]) },
      { ts: 30, writes: new Map(), moves: [{ kind: 'out', key: KEY, epoch: { counter: 2, term: 1 }, group: 'g2', carried: { value: bytes('v2'), ts: 20, floor: 30 } }] }
    ])
  ]
}

describe('group state machine', () => {
  it('a follower applying a batch that writes a key and then hands it out keeps no version of it', () => {
    const follower = new GroupStateMachine()
    const entries = log()
    follower.commitTo(2, i => entries[i - 1])
    expect(follower.ownership.state(KEY)?.state).to.equal('out')
    expect(follower.store.latest(KEY), 'a version of a key handed out').to.equal(undefined)
    // what a checkpoint would write: the key is gone
    expect(follower.takeDirty().get(KEY)).to.equal(undefined)
  })

  it('the leader, which applied the batch speculatively, ends in the same state at commit', () => {
    const leader = new GroupStateMachine()
    const entries = log()
    for (const e of entries) {
      for (const set of e.command?.sets ?? []) {
        leader.applySpeculative(e.index, set)
      }
    }
    // speculative: the versions stay (a rollback may need them) but no reader may use them
    expect(leader.store.record(KEY)?.handedOut).to.equal(true)
    leader.commitTo(2, i => entries[i - 1])
    expect(leader.ownership.state(KEY)?.state).to.equal('out')
    expect(leader.store.latest(KEY)).to.equal(undefined)
  })

  it('a rolled back handoff-out makes the key readable again', () => {
    const leader = new GroupStateMachine()
    const entries = log()
    leader.commitTo(1, i => entries[i - 1])
    for (const set of entries[1].command?.sets ?? []) {
      leader.applySpeculative(2, set)
    }
    expect(leader.store.record(KEY)?.handedOut).to.equal(true)
    leader.rollback(2, [entries[1]])
    expect(leader.ownership.state(KEY)?.state).to.equal('owned')
    expect(leader.store.record(KEY)?.handedOut).to.equal(false)
    expect(new TextDecoder().decode(leader.store.latest(KEY)?.value)).to.equal('v1')
  })

  it('a leader committing an arrival checkpoints the arrived version, not a speculative write of the key above it', () => {
    const leader = new GroupStateMachine()
    const arrival = entry(1, [{ ts: 10, writes: new Map(), moves: [{ kind: 'in', key: KEY, epoch: { counter: 2, term: 1 }, group: 'g0', carried: { value: bytes('carried'), ts: 5, floor: 10 } }] }])
    const write = entry(2, [{ ts: 20, writes: new Map([[KEY, bytes('speculative')]]) }])
    for (const e of [arrival, write]) {
      for (const set of e.command?.sets ?? []) {
        leader.applySpeculative(e.index, set)
      }
    }
    leader.commitTo(1, i => [arrival, write][i - 1])
    const dirty = leader.takeDirty().get(KEY)
    expect(dirty?.index, 'the checkpoint holds nothing above the committed index').to.equal(1)
    expect(new TextDecoder().decode(dirty?.value)).to.equal('carried')
  })
})
