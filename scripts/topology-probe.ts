/**
 * What a node of a topology run is asked beyond its workload: a probe write (is the mesh writable
 * here, and how long did it take to become so) and the outcome of commit tokens (invariant 5: is
 * each committed or lost, as this node learns it from its group's committed log).
 */

import type { HoardNode } from '../src/node.ts'

/** What one node learned of one token */
export type TokenOutcome = 'committed' | 'lost' | 'in-doubt' | 'error'

export interface TokenAnswer {
  outcome: TokenOutcome
  /** The error's name and message when the outcome is `error` */
  detail?: string
}

export interface ProbeResult {
  ok: boolean
  /** Epoch milliseconds when the write committed locally (ok), or when the probe gave up */
  atMs: number
  /** Tasks tried, the successful one included */
  tasks: number
  /** The last failure's name and message */
  error?: string
  /** Each failed task: milliseconds after the probe started, and its error (the first few) */
  failures?: Array<{ atMs: number, error: string }>
}

export interface ProbeOptions {
  /** Deadline of each probe task (short, so a task stuck on a dead leader is replaced soon) */
  taskTimeoutMs: number
  /** Give up after this long */
  deadlineMs: number
  /** Return only once a majority has the write persisted (default: once committed locally) */
  durable?: boolean
  signal?: AbortSignal
}

/** Tokens asked at once: enough to overlap round trips to group leaders, few enough to be polite */
const TOKEN_CONCURRENCY = 32
/** Failed probe tasks whose errors are kept */
const MAX_FAILURES_KEPT = 20
/** A probe task that failed is followed by the next after this long */
const PROBE_PAUSE_MS = 10

const encoder = new TextEncoder()

/**
 * Writes `keys` (each rewritten with the value it holds, or created as `value` when absent) in one
 * task, again and again until one commits or the deadline passes. Rewriting what a key holds keeps
 * a workload's invariants (the bank's total) intact while still taking the key's master copy here.
 */
export async function probeWrite (node: Pick<HoardNode, 'run'>, keys: string[], value: string, options: ProbeOptions): Promise<ProbeResult> {
  const started = Date.now()
  const deadline = started + options.deadlineMs
  const failures: Array<{ atMs: number, error: string }> = []
  let tasks = 0
  let error: string | undefined
  while (Date.now() < deadline && options.signal?.aborted !== true) {
    tasks++
    try {
      await node.run(async tx => {
        const values = await Promise.all(keys.map(async key => tx.get(key)))
        keys.forEach((key, k) => { tx.put(key, values[k] ?? encoder.encode(value)) })
      }, { timeoutMs: Math.min(options.taskTimeoutMs, Math.max(1, deadline - Date.now())), durable: options.durable === true })
      return { ok: true, atMs: Date.now(), tasks, failures }
    } catch (err) {
      const cause = (err as Error).cause as Error | undefined
      error = `${(err as Error).name}: ${(err as Error).message}${cause == null ? '' : ` (cause: ${cause.name}: ${cause.message})`}`
      if (failures.length < MAX_FAILURES_KEPT) {
        failures.push({ atMs: Date.now() - started, error })
      }
      await new Promise(resolve => setTimeout(resolve, PROBE_PAUSE_MS))
    }
  }
  return { ok: false, atMs: Date.now(), tasks, error, failures }
}

/**
 * Asks the node the outcome of each token: `whenCommitted` answers from the token's group's
 * committed log (here, if this node is a member, else at its leader). Lost and in doubt are the
 * named errors; anything else is reported as it is.
 */
export async function tokenOutcomes (node: Pick<HoardNode, 'whenCommitted' | 'commitStatus' | 'status'>, tokens: string[], timeoutMs: number): Promise<TokenAnswer[]> {
  const answers: TokenAnswer[] = new Array(tokens.length)
  let next = 0
  const asker = async (): Promise<void> => {
    while (next < tokens.length) {
      const k = next++
      try {
        await node.whenCommitted(tokens[k], { timeoutMs })
        answers[k] = { outcome: 'committed' }
      } catch (err) {
        const { name, message } = err as Error
        if (name === 'CommitLostError') {
          answers[k] = { outcome: 'lost' }
        } else if (name === 'CommitInDoubtError') {
          answers[k] = { outcome: 'in-doubt', detail: localView(node, tokens[k]) }
        } else {
          answers[k] = { outcome: 'error', detail: `${name}: ${message}; ${localView(node, tokens[k])}` }
        }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(TOKEN_CONCURRENCY, tokens.length) }, asker))
  return answers
}

/** What the node knows of the token's group, to tell why an outcome stayed unknown */
function localView (node: Pick<HoardNode, 'commitStatus' | 'status'>, token: string): string {
  const groupId = token.slice(0, token.indexOf(':'))
  const group = node.status().groups.find(g => g.id === groupId)
  if (group == null) {
    const known = node.status().mesh.find(g => g.id === groupId)
    return `not a member; the metadata names leader ${known?.leader ?? 'none'} in term ${known?.term ?? '?'}`
  }
  let local: string
  try {
    local = node.commitStatus(token)
  } catch (err) {
    local = (err as Error).name
  }
  const recorded = node.status().mesh.find(g => g.id === groupId)
  const self = node.status().peerId
  let listed = 'not in the metadata'
  if (recorded != null) {
    listed = [...recorded.voters, ...recorded.learners].some(m => m.startsWith(`${self}/`))
      ? 'a member per the metadata'
      : `not a member per the metadata (voters ${recorded.voters.map(v => v.slice(-14)).join(', ')})`
  }
  return `a ${group.role} in term ${group.term} (leader ${group.leader ?? 'unknown'}), commit index ${group.commitIndex}, last index ${group.lastIndex}, ${listed}: ${local} here`
}
