/**
 * Gathers requests about single keys that go to the same place (claims at one home group for one
 * owner, lookups at one home at one snapshot) within one turn of the event loop, and sends them as
 * one request. A task that creates or reads many keys makes all its requests in one turn, so it
 * pays one round trip per destination instead of one per key, and the other side handles them in
 * one step (one log entry for many creations).
 */

import { TaskAbortedError } from '../errors.ts'
import type { Clock } from '../clock/clock.ts'

interface Batch<A> {
  /** Everyone waiting for each key's answer (two tasks may ask about the same key) */
  waiters: Map<string, Array<PromiseWithResolvers<A>>>
}

export interface KeyBatcherInit<A> {
  clock: Clock
  /** Most keys in one request; a full batch goes at once */
  maxKeys: number
  /** Sends one batch to `destination`; resolves with an answer per key (a key left out fails) */
  send(destination: string, keys: string[]): Promise<ReadonlyMap<string, A>>
}

export class KeyBatcher<A> {
  private readonly init: KeyBatcherInit<A>
  private readonly open = new Map<string, Batch<A>>()

  constructor (init: KeyBatcherInit<A>) {
    this.init = init
  }

  /** The answer for `key`, asked of `destination` together with the other keys asked this turn */
  async ask (destination: string, key: string): Promise<A> {
    let batch = this.open.get(destination)
    if (batch == null) {
      const opened: Batch<A> = batch = { waiters: new Map() }
      this.open.set(destination, opened)
      this.init.clock.setTimer(() => { this.flush(destination, opened) }, 0)
    }
    const waiter = Promise.withResolvers<A>()
    const waiters = batch.waiters.get(key)
    if (waiters == null) {
      batch.waiters.set(key, [waiter])
    } else {
      waiters.push(waiter)
    }
    if (batch.waiters.size >= this.init.maxKeys) {
      this.flush(destination, batch)
    }
    return waiter.promise
  }

  private flush (destination: string, batch: Batch<A>): void {
    if (this.open.get(destination) !== batch) {
      // already sent when it filled up
      return
    }
    this.open.delete(destination)
    this.init.send(destination, [...batch.waiters.keys()]).then(answers => {
      for (const [key, waiters] of batch.waiters) {
        const answer = answers.get(key)
        for (const waiter of waiters) {
          if (answer === undefined) {
            waiter.reject(new TaskAbortedError('unavailable', `No answer for "${key}" from ${destination}`, key))
          } else {
            waiter.resolve(answer)
          }
        }
      }
    }, (err: Error) => {
      for (const waiters of batch.waiters.values()) {
        for (const waiter of waiters) {
          waiter.reject(err)
        }
      }
    })
  }
}
