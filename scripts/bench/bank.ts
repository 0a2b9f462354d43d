import { createRandom, randomInt } from './random.ts'

/** The bank-transfer workload, shared by every system under test */
export interface BankConfig {
  accounts: number
  /** Every account starts with this balance */
  initialBalance: number
  /** Transfers move an integer amount in [1, maxAmount] */
  maxAmount: number
}

export interface Transfer {
  fromKey: string
  toKey: string
  amount: number
}

/** What a transfer did: a transfer that would overdraw its source moves nothing */
export type TransferOutcome = 'moved' | 'declined'

/** One system and mode under test, set up with every account at its initial balance */
export interface BankSystem {
  /** e.g. `hoard`, `redis` */
  readonly system: string
  /** e.g. `memory`, `persist`, `lua`, `multi` */
  readonly mode: string
  transfer(worker: number, transfer: Transfer): Promise<TransferOutcome>
  /** Sum of all balances; called only once no transfer is in flight */
  totalBalance(): Promise<number>
  /** Optimistic-concurrency conflicts retried so far (where the system reports them) */
  conflicts(): number
  close(): Promise<void>
}

/** The sum of balances changed: money was created or destroyed */
export class ConservationError extends Error {
  override readonly name = 'ConservationError'
  constructor (message = 'The sum of balances changed') { super(message) }
}

export function accountKey (index: number): string {
  return `account/${index}`
}

export function accountKeys (config: BankConfig): string[] {
  return Array.from({ length: config.accounts }, (_, index) => accountKey(index))
}

export function expectedTotal (config: BankConfig): number {
  return config.accounts * config.initialBalance
}

/** Picks two distinct random accounts and a random amount */
export class TransferGenerator {
  private readonly keys: string[]
  private readonly maxAmount: number
  private readonly random: () => number

  constructor (config: BankConfig, seed: number) {
    if (config.accounts < 2) {
      throw new RangeError('a transfer needs at least 2 accounts')
    }
    // precomputed so that the hot path allocates no key strings
    this.keys = accountKeys(config)
    this.maxAmount = config.maxAmount
    this.random = createRandom(seed)
  }

  next (): Transfer {
    const from = randomInt(this.random, this.keys.length)
    // draw from the other accounts-1 and skip `from`: distinct without rejection sampling
    let to = randomInt(this.random, this.keys.length - 1)
    if (to >= from) {
      to++
    }
    return {
      fromKey: this.keys[from],
      toKey: this.keys[to],
      amount: 1 + randomInt(this.random, this.maxAmount)
    }
  }
}

/** Fails loudly if the sum of balances is not what the accounts started with */
export async function checkConservation (bank: BankSystem, config: BankConfig): Promise<number> {
  const actual = await bank.totalBalance()
  const expected = expectedTotal(config)
  if (actual !== expected) {
    throw new ConservationError(`${bank.system} ${bank.mode}: sum of balances is ${actual}, expected ${expected} (difference ${actual - expected})`)
  }
  return actual
}
