import { Redis } from 'ioredis'
import type { BankConfig, BankSystem, Transfer, TransferOutcome } from './bank.ts'

/** How a transfer is made atomic in Redis */
export type RedisTransferMode = 'lua' | 'multi'

export interface RedisBankInit {
  host: string
  port: number
  mode: RedisTransferMode
  /** Connections to open; `multi` needs one per in-flight transfer (WATCH is per connection) */
  connections: number
  /** `multi`: give up on a transfer after this many conflicting attempts */
  maxAttempts?: number
}

/**
 * Reads both balances, refuses to overdraw, writes both: atomic because Redis runs a script alone.
 * Returns 1 if it moved the amount, 0 if it declined. Lua 5.1 formats these integer-valued numbers
 * without a fraction (%.14g), so balances stay integer strings.
 */
export const TRANSFER_SCRIPT = `
local from = tonumber(redis.call('GET', KEYS[1]))
local to = tonumber(redis.call('GET', KEYS[2]))
local amount = tonumber(ARGV[1])
if from == nil or to == nil then
  return redis.error_reply('missing account')
end
if from < amount then
  return 0
end
redis.call('SET', KEYS[1], from - amount)
redis.call('SET', KEYS[2], to + amount)
return 1
`

/** MGET and MSET in chunks this large, so that no single command blocks the server for long */
const CHUNK_KEYS = 1_000

/** A balance read back from Redis is not an integer string: something else wrote the key */
export class RedisBalanceError extends Error {
  override readonly name = 'RedisBalanceError'
  constructor (message = 'Not a balance') { super(message) }
}

/** A WATCH/MULTI/EXEC transfer lost to concurrent writers `maxAttempts` times in a row */
export class RedisRetriesExhaustedError extends Error {
  override readonly name = 'RedisRetriesExhaustedError'
  constructor (message = 'Transfer retries exhausted') { super(message) }
}

function parseBalance (key: string, raw: string | null): number {
  const balance = raw == null ? Number.NaN : Number(raw)
  if (!Number.isSafeInteger(balance)) {
    throw new RedisBalanceError(`${key} holds ${JSON.stringify(raw)}, not a balance`)
  }
  return balance
}

async function connect (host: string, port: number): Promise<Redis> {
  const client = new Redis({
    host,
    port,
    lazyConnect: true,
    // a bench against a dead server must fail, not reconnect and queue forever
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false
  })
  await client.connect()
  return client
}

/** Sets every account to its initial balance, dropping anything else in the database */
export async function seedRedisAccounts (client: Redis, keys: string[], config: BankConfig): Promise<void> {
  await client.flushdb()
  const balance = String(config.initialBalance)
  for (let start = 0; start < keys.length; start += CHUNK_KEYS) {
    const args = keys.slice(start, start + CHUNK_KEYS).flatMap(key => [key, balance])
    await client.mset(...args)
  }
}

export async function sumRedisBalances (client: Redis, keys: string[]): Promise<number> {
  let total = 0
  for (let start = 0; start < keys.length; start += CHUNK_KEYS) {
    const chunk = keys.slice(start, start + CHUNK_KEYS)
    const values = await client.mget(...chunk)
    for (let index = 0; index < chunk.length; index++) {
      total += parseBalance(chunk[index], values[index])
    }
  }
  return total
}

/**
 * The bank on a Redis server, either with a Lua script (EVALSHA) or optimistically with
 * WATCH/MULTI/EXEC, retried when EXEC returns null (a watched key changed).
 */
export class RedisBank implements BankSystem {
  readonly system = 'redis'
  readonly mode: RedisTransferMode
  private readonly clients: Redis[]
  private readonly keys: string[]
  private readonly scriptSha: string
  private readonly maxAttempts: number
  private conflictCount = 0

  private constructor (mode: RedisTransferMode, clients: Redis[], keys: string[], scriptSha: string, maxAttempts: number) {
    this.mode = mode
    this.clients = clients
    this.keys = keys
    this.scriptSha = scriptSha
    this.maxAttempts = maxAttempts
  }

  /** Connects, seeds every account and loads the script */
  static async open (init: RedisBankInit, keys: string[], config: BankConfig): Promise<RedisBank> {
    if (!Number.isInteger(init.connections) || init.connections < 1) {
      throw new RangeError(`connections must be a positive integer, got ${init.connections}`)
    }
    const clients: Redis[] = []
    try {
      for (let i = 0; i < init.connections; i++) {
        clients.push(await connect(init.host, init.port))
      }
      await seedRedisAccounts(clients[0], keys, config)
      const sha = await clients[0].script('LOAD', TRANSFER_SCRIPT)
      if (typeof sha !== 'string') {
        throw new TypeError('SCRIPT LOAD did not return a sha')
      }
      return new RedisBank(init.mode, clients, keys, sha, init.maxAttempts ?? 1_000)
    } catch (err) {
      clients.forEach(client => client.disconnect())
      throw err
    }
  }

  async transfer (worker: number, transfer: Transfer): Promise<TransferOutcome> {
    const client = this.clients[worker % this.clients.length]
    return this.mode === 'lua' ? this.transferLua(client, transfer) : this.transferMulti(client, transfer)
  }

  private async transferLua (client: Redis, { fromKey, toKey, amount }: Transfer): Promise<TransferOutcome> {
    const moved = await client.evalsha(this.scriptSha, 2, fromKey, toKey, amount)
    return moved === 1 ? 'moved' : 'declined'
  }

  private async transferMulti (client: Redis, { fromKey, toKey, amount }: Transfer): Promise<TransferOutcome> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      // WATCH and the reads travel in one round trip: the server runs WATCH first, so the reads
      // are covered by it
      const replies = await client.pipeline().watch(fromKey, toKey).mget(fromKey, toKey).exec()
      const readReply = replies?.[1]
      if (readReply == null || readReply[0] != null) {
        throw readReply?.[0] ?? new RedisBalanceError('WATCH/MGET returned no reply')
      }
      const [fromRaw, toRaw] = readReply[1] as Array<string | null>
      const from = parseBalance(fromKey, fromRaw)
      const to = parseBalance(toKey, toRaw)
      if (from < amount) {
        await client.unwatch()
        return 'declined'
      }
      const results = await client.multi().set(fromKey, String(from - amount)).set(toKey, String(to + amount)).exec()
      if (results == null) {
        // EXEC returned null: a watched key changed since WATCH; read again
        this.conflictCount++
        continue
      }
      for (const [err] of results) {
        if (err != null) {
          throw err
        }
      }
      return 'moved'
    }
    throw new RedisRetriesExhaustedError(`transfer ${fromKey} -> ${toKey} conflicted ${this.maxAttempts} times`)
  }

  async totalBalance (): Promise<number> {
    return sumRedisBalances(this.clients[0], this.keys)
  }

  conflicts (): number {
    return this.conflictCount
  }

  async close (): Promise<void> {
    await Promise.all(this.clients.map(async client => { await client.quit() }))
  }
}
