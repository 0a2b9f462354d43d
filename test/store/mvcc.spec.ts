import { expect } from 'aegir/chai'
import { InvalidKeyError, InvalidValueError, ValueTooLargeError } from '../../src/errors.ts'
import { assertValidKey, assertValidValue, defaultLimits } from '../../src/store/limits.ts'
import { MvccStore, TOO_OLD } from '../../src/store/mvcc.ts'

const bytes = (n: number): Uint8Array => Uint8Array.of(n)

describe('MVCC store', () => {
  it('reads the newest version at or below the snapshot', () => {
    const store = new MvccStore()
    store.install('k', bytes(1), 10, 1)
    store.install('k', bytes(2), 20, 2)
    store.install('k', undefined, 30, 3)
    expect(store.readAt('k', 5)).to.be.undefined()
    expect(store.readAt('k', 10)).to.have.property('value').that.deep.equals(bytes(1))
    expect(store.readAt('k', 25)).to.have.property('value').that.deep.equals(bytes(2))
    expect(store.readAt('k', 35)).to.have.property('value', undefined)
    expect(store.latest('k')?.ts).to.equal(30)
  })

  it('refuses a version at or below the newest (one committer per key)', () => {
    const store = new MvccStore()
    store.install('k', bytes(1), 10, 1)
    expect(() => { store.install('k', bytes(2), 10, 2) }).to.throw(/MVCC invariant/)
  })

  it('rolls back versions above an index', () => {
    const store = new MvccStore()
    store.install('a', bytes(1), 10, 1)
    store.install('a', bytes(2), 20, 5)
    store.install('b', bytes(3), 21, 5)
    store.rollbackAfter(4, ['a', 'b'])
    expect(store.latest('a')?.value).to.deep.equal(bytes(1))
    expect(store.latest('b')).to.be.undefined()
    // a new version can follow the cut one
    store.install('a', bytes(4), 15, 5)
    expect(store.latest('a')?.value).to.deep.equal(bytes(4))
  })

  it('collects versions no snapshot can see, but keeps what the low-water snapshot and commits need', () => {
    const store = new MvccStore()
    store.install('k', bytes(1), 10, 1)
    store.install('k', bytes(2), 20, 2)
    store.install('k', bytes(3), 30, 3)
    store.committedIndex = 3
    expect(store.collect(25)).to.equal(1)
    expect(store.readAt('k', 25)).to.have.property('value').that.deep.equals(bytes(2))
    expect(store.readAt('k', 15)).to.equal(TOO_OLD)
    expect(store.readAt('k', 35)).to.have.property('value').that.deep.equals(bytes(3))
  })

  it('never collects the newest committed version below speculative ones', () => {
    const store = new MvccStore()
    store.install('k', bytes(1), 10, 1)
    store.install('k', bytes(2), 20, 2)
    store.install('k', bytes(3), 30, 3)
    store.committedIndex = 1
    store.collect(100)
    // versions at 2 and 3 are speculative: if they are rolled back, version 1 must still be there
    store.rollbackAfter(1, ['k'])
    expect(store.latest('k')?.value).to.deep.equal(bytes(1))
  })

  it('removes a key whose only visible version is a collected tombstone', () => {
    const store = new MvccStore()
    store.install('k', bytes(1), 10, 1)
    store.install('k', undefined, 20, 2)
    store.committedIndex = 2
    store.collect(100)
    expect(store.latest('k')).to.be.undefined()
    expect(store.size).to.equal(0)
  })

  it('keeps collecting a key after a rollback', () => {
    const store = new MvccStore()
    store.install('k', bytes(1), 10, 1)
    store.install('k', bytes(2), 20, 2)
    store.committedIndex = 2
    store.collect(100)
    store.install('k', bytes(3), 30, 3)
    store.install('k', bytes(4), 40, 4)
    store.rollbackAfter(3, ['k'])
    store.install('k', bytes(5), 50, 4)
    store.committedIndex = 4
    store.collect(100)
    expect(store.readAt('k', 45)).to.equal(TOO_OLD)
  })

  it('bounds version chains, telling readers of a cut version to retry', () => {
    const store = new MvccStore({ maxVersionsPerKey: 4 })
    for (let i = 1; i <= 10; i++) {
      store.install('k', bytes(i), i * 10, i)
      store.committedIndex = i
    }
    expect(store.readAt('k', 100)).to.have.property('value').that.deep.equals(bytes(10))
    expect(store.readAt('k', 15)).to.equal(TOO_OLD)
  })
})

describe('key and value limits', () => {
  it('accepts ordinary keys', () => {
    expect(() => { assertValidKey('player/42', defaultLimits) }).to.not.throw()
    expect(() => { assertValidKey('x'.repeat(1024), defaultLimits) }).to.not.throw()
  })

  it('rejects keys that are not non-empty, well-formed strings of at most 1 KiB', () => {
    for (const key of [undefined, null, 42, {}, '', 'x'.repeat(1025), 'é'.repeat(513), '\uD800']) {
      expect(() => { assertValidKey(key, defaultLimits) }).to.throw(InvalidKeyError)
    }
  })

  it('rejects values that are not Uint8Arrays or are too large', () => {
    for (const value of [undefined, null, 'text', [1, 2], new ArrayBuffer(2)]) {
      expect(() => { assertValidValue(value, defaultLimits) }).to.throw(InvalidValueError)
    }
    expect(() => { assertValidValue(new Uint8Array(defaultLimits.maxValueBytes + 1), defaultLimits) }).to.throw(ValueTooLargeError)
    expect(() => { assertValidValue(new Uint8Array(defaultLimits.maxValueBytes), defaultLimits) }).to.not.throw()
  })
})
