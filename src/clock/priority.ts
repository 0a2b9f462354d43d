import { formatTimestamp } from './hlc.ts'
import type { Timestamp } from './hlc.ts'

/**
 * A task's priority: its HLC reading at its first attempt with the node id as tie-break, so
 * priorities are unique and totally ordered across the mesh. Lower is older, and older wins in
 * wound-wait.
 */
export interface TaskPriority {
  readonly ts: Timestamp
  readonly node: string
}

/** Negative when `a` is older than `b`, positive when younger, 0 only for the same task */
export function comparePriority (a: TaskPriority, b: TaskPriority): number {
  if (a.ts !== b.ts) {
    return a.ts < b.ts ? -1 : 1
  }
  if (a.node === b.node) {
    return 0
  }
  return a.node < b.node ? -1 : 1
}

export function isOlder (a: TaskPriority, b: TaskPriority): boolean {
  return comparePriority(a, b) < 0
}

export function formatPriority (p: TaskPriority): string {
  return `${formatTimestamp(p.ts)}@${p.node}`
}
