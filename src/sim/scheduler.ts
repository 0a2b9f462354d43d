/** A handle on a scheduled callback */
export interface ScheduledEvent {
  cancel(): void
}

interface QueueItem {
  readonly atMs: number
  readonly seq: number
  fn?(): void
}

/**
 * Virtual time: a queue of callbacks ordered by (time, insertion order). Nothing here reads real
 * time, so a run is a pure function of its inputs. Time is "true" time; each simulated node reads
 * it through its own skewed, drifting clock.
 */
export class Scheduler {
  private heap: QueueItem[] = []
  private seq = 0
  private _nowMs = 0
  private _executed = 0

  get nowMs (): number {
    return this._nowMs
  }

  /** How many callbacks have run */
  get executed (): number {
    return this._executed
  }

  get pending (): number {
    return this.heap.length
  }

  /** Run `fn` at true time `atMs` (never before now) */
  at (atMs: number, fn: () => void): ScheduledEvent {
    const item: QueueItem = { atMs: Math.max(atMs, this._nowMs), seq: this.seq++, fn }
    this.push(item)
    return { cancel: () => { item.fn = undefined } }
  }

  after (delayMs: number, fn: () => void): ScheduledEvent {
    return this.at(this._nowMs + Math.max(0, delayMs), fn)
  }

  /** Time of the next live callback, or undefined when none is left */
  peekMs (): number | undefined {
    while (this.heap.length > 0 && this.heap[0].fn == null) {
      this.pop()
    }
    return this.heap[0]?.atMs
  }

  /**
   * Run the next callback if it is due at or before `untilMs`; returns false when there is none.
   * Time never moves past `untilMs` here; use `advanceTo` to move it there.
   */
  step (untilMs: number): boolean {
    const next = this.peekMs()
    if (next == null || next > untilMs) {
      return false
    }
    const item = this.pop()
    this._nowMs = item.atMs
    const fn = item.fn
    item.fn = undefined
    this._executed++
    fn?.()
    return true
  }

  advanceTo (timeMs: number): void {
    if (timeMs > this._nowMs) {
      this._nowMs = timeMs
    }
  }

  private push (item: QueueItem): void {
    const heap = this.heap
    heap.push(item)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(heap[i], heap[parent])) {
        break
      }
      const swap = heap[i]
      heap[i] = heap[parent]
      heap[parent] = swap
      i = parent
    }
  }

  private pop (): QueueItem {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop()
    if (heap.length > 0 && last != null) {
      heap[0] = last
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        const right = left + 1
        let smallest = i
        if (left < heap.length && before(heap[left], heap[smallest])) {
          smallest = left
        }
        if (right < heap.length && before(heap[right], heap[smallest])) {
          smallest = right
        }
        if (smallest === i) {
          break
        }
        const swap = heap[i]
        heap[i] = heap[smallest]
        heap[smallest] = swap
        i = smallest
      }
    }
    return top
  }
}

function before (a: QueueItem, b: QueueItem): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq)
}
