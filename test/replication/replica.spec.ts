import { expect } from 'aegir/chai'
import fc from 'fast-check'
import { InvalidFrameError } from '../../src/errors.ts'
import { GroupStateMachine } from '../../src/groups/state-machine.ts'
import { decodeReplicaMessage, encodeReplicaMessage } from '../../src/replication/codec.ts'
import { ReadReplica } from '../../src/replication/replica.ts'
import type { GroupEntry } from '../../src/groups/commands.ts'
import type { ReplicaMessage } from '../../src/replication/codec.ts'
import type { WriteSet } from '../../src/txn/directory.ts'

const GROUP = 'g1'
const bytes = (n: number): Uint8Array => Uint8Array.of(n)

function entry (index: number, sets: WriteSet[]): GroupEntry {
  return { term: 1, index, kind: 'command', command: { type: 'writes', sets } }
}

/**
 * A group's log: entry 1 creates keys a and b; entry i > 1 (at timestamp 10 i) moves one unit
 * from a to b in one task, so a + b is 20 in every whole state
 */
function log (length: number): GroupEntry[] {
  const entries = [entry(1, [{ ts: 10, writes: new Map([['a', bytes(10)], ['b', bytes(10)]]), creates: [{ key: 'a', epoch: { counter: 1, term: 1 } }, { key: 'b', epoch: { counter: 1, term: 1 } }] }])]
  for (let i = 2; i <= length; i++) {
    entries.push(entry(i, [{ ts: 10 * i, writes: new Map([['a', bytes(10 - (i - 1) % 10)], ['b', bytes(10 + (i - 1) % 10)]]) }]))
  }
  return entries
}

function message (first: number, entries: GroupEntry[], closed?: { ts: number, index: number }): ReplicaMessage {
  return { group: GROUP, term: 1, first, entries, closedTs: closed?.ts ?? 0, closedIndex: closed?.index ?? 0, snapshotIndex: 0, sentMs: 0 }
}

function valueAt (replica: ReadReplica, key: string, ts: number): number | 'unknown' | 'too-old' | undefined {
  const read = replica.read(key, ts)
  return read.kind === 'value' ? read.value?.[0] : read.kind
}

describe('read replica', () => {
  it('serves a read only once a closed timestamp covers it and the log is applied through its index', () => {
    const entries = log(5)
    const replica = new ReadReplica(GROUP)
    replica.receive(message(1, entries.slice(0, 3)))
    expect(replica.applied).to.equal(3)
    // entries alone say nothing about later commits at or below a timestamp
    expect(valueAt(replica, 'a', 30)).to.equal('unknown')
    // closed at 50 needs index 5: not applied yet
    replica.receive(message(4, [], { ts: 50, index: 5 }))
    expect(replica.servesAt(30)).to.equal(false)
    expect(replica.gap).to.equal(4)
    replica.receive(message(4, entries.slice(3, 5)))
    expect(replica.servesAt(50)).to.equal(true)
    expect(replica.servesAt(51)).to.equal(false)
    expect(valueAt(replica, 'a', 50)).to.equal(6)
    expect(valueAt(replica, 'a', 30)).to.equal(8)
    expect(valueAt(replica, 'a', 51)).to.equal('unknown')
  })

  it('a key the group does not own here is "not here", never absent', () => {
    const replica = new ReadReplica(GROUP)
    replica.receive(message(1, log(2), { ts: 20, index: 2 }))
    expect(valueAt(replica, 'a', 20)).to.equal(9)
    expect(valueAt(replica, 'elsewhere', 20)).to.equal('unknown')
    // a key owned at an epoch below the one the reader expects has not arrived here yet
    expect(replica.read('a', 20, { counter: 2, term: 1 }).kind).to.equal('unknown')
  })

  it('a replica built from a snapshot answers too-old below the snapshot\'s versions, and does not call a key it has no record of absent', () => {
    const leader = new GroupStateMachine()
    const entries = log(6)
    leader.commitTo(6, i => entries[i - 1])
    const snapshot = leader.encodeSnapshot()
    const replica = new ReadReplica(GROUP)
    replica.receive({ ...message(7, [], { ts: 60, index: 6 }), snapshot: snapshot.data, snapshotIndex: snapshot.index })
    expect(replica.based).to.equal(true)
    expect(valueAt(replica, 'a', 60)).to.equal(5)
    expect(valueAt(replica, 'a', 30), 'a version the snapshot does not hold').to.equal('too-old')
  })

  it('property: messages lost, duplicated and reordered, with fetches of what is missing, never give a read that is not the log\'s state at its timestamp', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 40 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }))), (length, schedule) => {
      const entries = log(length)
      // the truth: the state after each index
      const truth = new GroupStateMachine()
      const states: Array<Map<string, number>> = [new Map()]
      for (let i = 1; i <= length; i++) {
        truth.commitTo(i, j => entries[j - 1])
        states.push(new Map(['a', 'b'].map(key => [key, truth.store.latest(key)?.value?.[0] ?? -1])))
      }
      // the publisher's messages: one per entry with the closed timestamp of its commit
      const published = entries.map((e, i) => message(e.index, [e], { ts: 10 * (i + 1), index: e.index }))
      const replica = new ReadReplica(GROUP)
      for (const [pick, copies, action] of schedule) {
        if (action === 2) {
          // a fetch answer: everything from the replica's gap on
          const gap = replica.gap
          if (gap != null && gap <= length) {
            replica.receive(message(gap, entries.slice(gap - 1)))
          }
          continue
        }
        const m = published[pick % published.length]
        for (let c = 0; c < copies; c++) {
          replica.receive(m)
        }
        for (let ts = 10; ts <= 10 * length + 5; ts += 5) {
          const a = replica.read('a', ts)
          const b = replica.read('b', ts)
          if (a.kind === 'value' && b.kind === 'value') {
            const index = Math.min(length, Math.floor(ts / 10))
            expect(a.value?.[0]).to.equal(states[index].get('a'))
            expect(b.value?.[0]).to.equal(states[index].get('b'))
            expect((a.value?.[0] ?? 0) + (b.value?.[0] ?? 0)).to.equal(20)
          } else {
            expect(replica.servesAt(ts), `unknown at ${ts} although caught up`).to.equal(false)
          }
        }
      }
    }), { numRuns: 300 })
  })

  it('codec: round trip, and malformed messages are refused', () => {
    const entries = log(3)
    const decoded = decodeReplicaMessage(encodeReplicaMessage(message(1, entries, { ts: 30, index: 3 })))
    expect(decoded.entries.map(e => e.index)).to.deep.equal([1, 2, 3])
    expect(decoded.closedTs).to.equal(30)
    // entries must carry consecutive indexes from `first`
    expect(() => decodeReplicaMessage(encodeReplicaMessage(message(2, entries)))).to.throw(InvalidFrameError)
    expect(() => decodeReplicaMessage(Uint8Array.of(0xff, 0xff, 0xff))).to.throw(InvalidFrameError)
    expect(() => decodeReplicaMessage(encodeReplicaMessage({ ...message(1, []), group: '' }))).to.throw(InvalidFrameError)
    expect(() => decodeReplicaMessage(encodeReplicaMessage({ ...message(1, []), snapshotIndex: 4 }))).to.throw(InvalidFrameError)
  })
})
