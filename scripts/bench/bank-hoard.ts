import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createNode } from '../../src/index.ts'
import { decodeBalance, encodeBalance } from './balance-codec.ts'
import type { BankConfig, BankSystem, Transfer, TransferOutcome } from './bank.ts'
import type { HoardNode } from '../../src/index.ts'

/** Where the node keeps its data */
export type HoardStorageMode = 'memory' | 'persist'

export interface HoardBankInit {
  mode: HoardStorageMode
}

/** Accounts written per seeding task: keeps each task's write set modest */
const SEED_KEYS_PER_TASK = 500

/** An account the bench seeded is missing: a lost write */
export class MissingAccountError extends Error {
  override readonly name = 'MissingAccountError'
  constructor (message = 'Account missing') { super(message) }
}

/**
 * The bank on one embedded hoard node, in memory or with a temporary data directory that `close`
 * removes. Every transfer is one `medium` task: two snapshot reads, two buffered writes.
 */
export class HoardBank implements BankSystem {
  readonly system = 'hoard'
  readonly mode: HoardStorageMode
  private readonly node: HoardNode
  private readonly keys: string[]
  private readonly dataDir?: string

  private constructor (mode: HoardStorageMode, node: HoardNode, keys: string[], dataDir?: string) {
    this.mode = mode
    this.node = node
    this.keys = keys
    this.dataDir = dataDir
  }

  /** Starts a node (no listeners: embedded only) and seeds every account */
  static async open (init: HoardBankInit, keys: string[], config: BankConfig): Promise<HoardBank> {
    const dataDir = init.mode === 'persist' ? await mkdtemp(join(tmpdir(), 'hoard-bench-')) : undefined
    let node: HoardNode | undefined
    try {
      node = await createNode({ listen: [], dataDir })
      const balance = encodeBalance(config.initialBalance)
      for (let start = 0; start < keys.length; start += SEED_KEYS_PER_TASK) {
        const chunk = keys.slice(start, start + SEED_KEYS_PER_TASK)
        await node.run(async tx => {
          for (const key of chunk) {
            // a copy per key: the store may keep the array it is given
            tx.put(key, balance.slice())
          }
        }, { consistency: 'medium' })
      }
      return new HoardBank(init.mode, node, keys, dataDir)
    } catch (err) {
      await node?.stop()
      if (dataDir != null) {
        await rm(dataDir, { recursive: true, force: true })
      }
      throw err
    }
  }

  /** The temporary data directory (persist mode), so a caller can remove it on Ctrl-C */
  get directory (): string | undefined {
    return this.dataDir
  }

  async transfer (_worker: number, { fromKey, toKey, amount }: Transfer): Promise<TransferOutcome> {
    let outcome: TransferOutcome = 'declined'
    await this.node.run(async tx => {
      const fromBytes = await tx.get(fromKey)
      const toBytes = await tx.get(toKey)
      if (fromBytes == null || toBytes == null) {
        throw new MissingAccountError(`${fromBytes == null ? fromKey : toKey} is missing`)
      }
      const from = decodeBalance(fromBytes)
      // the task may run more than once: its outcome is whatever its last (committed) attempt decided
      if (from < amount) {
        outcome = 'declined'
        return
      }
      tx.put(fromKey, encodeBalance(from - amount))
      tx.put(toKey, encodeBalance(decodeBalance(toBytes) + amount))
      outcome = 'moved'
    }, { consistency: 'medium' })
    return outcome
  }

  async totalBalance (): Promise<number> {
    let total = 0
    // one task, so one snapshot: a consistent sum even if something were still running
    await this.node.run(async tx => {
      total = 0
      for (const key of this.keys) {
        const bytes = await tx.get(key)
        if (bytes == null) {
          throw new MissingAccountError(`${key} is missing`)
        }
        total += decodeBalance(bytes)
      }
    }, { consistency: 'medium' })
    return total
  }

  conflicts (): number {
    // hoard retries conflicts inside `run`; the bench does not see them
    return 0
  }

  async close (): Promise<void> {
    try {
      await this.node.stop()
    } finally {
      if (this.dataDir != null) {
        await rm(this.dataDir, { recursive: true, force: true })
      }
    }
  }
}
