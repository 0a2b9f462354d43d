/**
 * The bank: accounts holding gold and items; transfers move gold (and sometimes an item) from one
 * account to another in one task, and Jepsen-style full reads take every account in one snapshot
 * and check that the gold adds up and that every item is in exactly one inventory.
 *
 * Node i creates an equal share of the accounts (its own range). A transfer takes its first account
 * from the node's range and its second from the same range, or, for a `crossNode` share of them,
 * from anywhere: writing an account another node owns pulls it over (a handoff).
 */

import { decodeJson, encodeJson, firstFew, randomInt, readAll, runSetupTask } from './workload.ts'
import type { DriverInit, InvariantCheck, Operation, Workload, WorkloadDriver, WorkloadNode } from './workload.ts'
import type { Consistency } from '../txn/options.ts'

export interface BankOptions {
  accounts: number
  initialGold: number
  itemsPerAccount: number
  /** Share of transfers whose second account is anywhere in the mesh */
  crossNode: number
  /** Share of transfers that also move an item */
  itemShare: number
  /** Seconds between one node's full reads during the run; 0: none */
  fullReadEvery: number
  /** Deadline of a full read (it reads every account, most of them from other nodes) */
  fullReadTimeoutMs: number
  /** Level of the transfers */
  consistency: Consistency
}

export const BANK_DEFAULTS: BankOptions = {
  accounts: 100,
  initialGold: 1_000,
  itemsPerAccount: 1,
  crossNode: 0.1,
  itemShare: 0.2,
  fullReadEvery: 1,
  fullReadTimeoutMs: 10_000,
  consistency: 'medium'
}

/** An account as stored */
export interface Account {
  gold: number
  items: string[]
}

/** Accounts created per setup task: bounded, so that one task stays well inside its deadline */
const SETUP_BATCH = 500
/** Most gold one transfer moves */
const MAX_AMOUNT = 10

export function accountKey (account: number): string {
  return `bank/account/${account}`
}

export function itemId (item: number): string {
  return `item-${item}`
}

export class BankWorkload implements Workload {
  readonly name = 'bank'
  readonly options: BankOptions

  constructor (options: Partial<BankOptions> = {}) {
    this.options = { ...BANK_DEFAULTS, ...options }
  }

  keys (): string[] {
    return Array.from({ length: this.options.accounts }, (_, i) => accountKey(i))
  }

  initialActors (): string[] {
    return []
  }

  /** Accounts [from, to) that node `index` of `nodes` creates and mostly uses */
  range (index: number, nodes: number): { from: number, to: number } {
    const { accounts } = this.options
    return { from: Math.floor(index * accounts / nodes), to: Math.floor((index + 1) * accounts / nodes) }
  }

  driver (node: WorkloadNode, init: DriverInit): WorkloadDriver {
    return new BankDriver(this, node, init)
  }

  check (state: ReadonlyMap<string, Uint8Array | undefined>): InvariantCheck[] {
    const { accounts, initialGold, itemsPerAccount } = this.options
    const problems: string[] = []
    let total = 0
    const holders = new Map<string, string[]>()
    for (let i = 0; i < accounts; i++) {
      const key = accountKey(i)
      let account: Account | undefined
      try {
        account = decodeJson<Account>(state.get(key))
      } catch {
        problems.push(`${key} is not JSON`)
        continue
      }
      if (account == null) {
        problems.push(`${key} is missing`)
        continue
      }
      total += account.gold
      if (account.gold < 0) {
        problems.push(`${key} has ${account.gold} gold`)
      }
      for (const item of account.items) {
        holders.set(item, [...(holders.get(item) ?? []), key])
      }
    }
    const expected = accounts * initialGold
    const itemProblems: string[] = []
    for (let j = 0; j < accounts * itemsPerAccount; j++) {
      const where = holders.get(itemId(j)) ?? []
      if (where.length !== 1) {
        itemProblems.push(where.length === 0 ? `${itemId(j)} is in no inventory` : `${itemId(j)} is in ${where.length} (${where.join(', ')})`)
      }
      holders.delete(itemId(j))
    }
    for (const [item, where] of holders) {
      itemProblems.push(`${item} was never created but is in ${where.join(', ')}`)
    }
    return [
      {
        name: 'conservation',
        ok: problems.length === 0 && total === expected,
        detail: problems.length > 0
          ? firstFew(problems)
          : `total gold ${total} of ${expected} expected${total === expected ? '' : ` (${total > expected ? '+' : ''}${total - expected})`}`
      },
      {
        name: 'items-unique',
        ok: itemProblems.length === 0,
        detail: itemProblems.length === 0 ? `${accounts * itemsPerAccount} items, each in exactly one inventory` : firstFew(itemProblems)
      }
    ]
  }
}

class BankDriver implements WorkloadDriver {
  private readonly workload: BankWorkload
  private readonly node: WorkloadNode
  private readonly init: DriverInit
  private readonly from: number
  private readonly to: number
  private nextFullReadMs = 0

  constructor (workload: BankWorkload, node: WorkloadNode, init: DriverInit) {
    this.workload = workload
    this.node = node
    this.init = init
    const range = workload.range(init.index, init.nodes)
    this.from = range.from
    this.to = range.to
  }

  async setup (): Promise<number> {
    const { initialGold, itemsPerAccount } = this.workload.options
    for (let start = this.from; start < this.to; start += SETUP_BATCH) {
      const end = Math.min(this.to, start + SETUP_BATCH)
      await runSetupTask(this.node, tx => {
        for (let i = start; i < end; i++) {
          const items = Array.from({ length: itemsPerAccount }, (_, k) => itemId(i * itemsPerAccount + k))
          tx.put(accountKey(i), encodeJson({ gold: initialGold, items } satisfies Account))
        }
      })
    }
    return this.to - this.from
  }

  next (worker: number): Operation {
    const { fullReadEvery } = this.workload.options
    if (worker === 0 && fullReadEvery > 0 && Date.now() >= this.nextFullReadMs) {
      this.nextFullReadMs = Date.now() + fullReadEvery * 1_000
      return { kind: 'full-read', run: async () => { await this.fullRead() } }
    }
    return { kind: 'transfer', run: this.transfer() }
  }

  adopt (): void {}

  actors (): string[] {
    return []
  }

  /** A transfer, its choices drawn now (so that retries of the task repeat them) */
  private transfer (): () => Promise<void> {
    const { accounts, crossNode, itemShare, consistency } = this.workload.options
    const random = this.init.random
    const own = this.to - this.from
    const a = own > 0 ? this.from + randomInt(random, own) : randomInt(random, accounts)
    let b = random() < crossNode || own < 2 ? randomInt(random, accounts) : this.from + randomInt(random, own)
    if (b === a) {
      b = (b + 1) % accounts
    }
    const wanted = 1 + randomInt(random, MAX_AMOUNT)
    const withItem = random() < itemShare
    const pick = random()
    return async () => this.node.run(async tx => {
      const [source, target] = await Promise.all([tx.get(accountKey(a)), tx.get(accountKey(b))])
      const from = decodeJson<Account>(source)
      const to = decodeJson<Account>(target)
      if (from == null || to == null) {
        throw new Error(`account ${from == null ? a : b} is missing`)
      }
      const amount = Math.min(from.gold, wanted)
      const item = withItem && from.items.length > 0 ? from.items[Math.floor(pick * from.items.length)] : undefined
      if (amount === 0 && item == null) {
        return
      }
      tx.put(accountKey(a), encodeJson({ gold: from.gold - amount, items: item == null ? from.items : from.items.filter(i => i !== item) } satisfies Account))
      tx.put(accountKey(b), encodeJson({ gold: to.gold + amount, items: item == null ? to.items : [...to.items, item] } satisfies Account))
    }, this.taskOptions(consistency))
  }

  /** Every account in one snapshot: the total and the items must be right at every snapshot */
  private async fullRead (): Promise<void> {
    const state = await readAll(this.node, this.workload.keys(), { timeoutMs: this.workload.options.fullReadTimeoutMs })
    for (const check of this.workload.check(state)) {
      if (!check.ok) {
        this.init.onAnomaly?.({ name: check.name, detail: `full read on node ${this.init.index}: ${check.detail}` })
      }
    }
  }

  private taskOptions (consistency: Consistency): { consistency: Consistency, timeoutMs?: number, maxAttempts?: number } {
    return { consistency, timeoutMs: this.init.taskTimeoutMs, maxAttempts: this.init.maxAttempts }
  }
}
