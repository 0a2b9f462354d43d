/**
 * `npm run bench:local`: bank transfers on one embedded hoard node (in memory and with a data
 * directory) and, in the same run on the same machine, on a private redis-server (a Lua script and
 * WATCH/MULTI/EXEC), at concurrency 1 and 64. Prints a table, the hoard/Redis ratios, and as its
 * last line one JSON object with the headline figures.
 */
import { cpus } from 'node:os'
import { Command, InvalidArgumentError, Option } from 'commander'
import { HoardBank } from './bench/bank-hoard.ts'
import { RedisBank } from './bench/bank-redis.ts'
import { accountKeys, checkConservation, TransferGenerator } from './bench/bank.ts'
import { runClosedLoop } from './bench/closed-loop.ts'
import { ensureRedisServerInstalled, redisServerVersion, startRedisServer } from './bench/redis-server.ts'
import { findPhase, formatRatio, formatTable, ratio, toMb } from './bench/report.ts'
import { PeakRssSampler } from './bench/rss-sampler.ts'
import { Teardown } from './bench/teardown.ts'
import type { HoardStorageMode } from './bench/bank-hoard.ts'
import type { RedisTransferMode } from './bench/bank-redis.ts'
import type { BankConfig, BankSystem } from './bench/bank.ts'
import type { PhaseResult } from './bench/report.ts'

type SystemName = 'hoard' | 'redis'

interface BenchOptions {
  durationMs: number
  warmupMs: number
  accounts: number
  initialBalance: number
  maxAmount: number
  seed: number
  luaConnections: number
  only?: SystemName
}

/** The issue asks for these two; the JSON's headline figures are defined on them */
const LOW_CONCURRENCY = 1
const HIGH_CONCURRENCY = 64
const CONCURRENCIES = [LOW_CONCURRENCY, HIGH_CONCURRENCY]
const REDIS_MODES: RedisTransferMode[] = ['lua', 'multi']

function parseInteger (minimum: number) {
  return (raw: string): number => {
    const value = Number(raw)
    if (!Number.isSafeInteger(value) || value < minimum) {
      throw new InvalidArgumentError(`expected an integer >= ${minimum}`)
    }
    return value
  }
}

function parseOptions (): BenchOptions {
  const program = new Command()
    .name('bench:local')
    .description('Bank transfers on one embedded hoard node and on a local redis-server, side by side')
    .option('--duration-ms <ms>', 'measured time per configuration', parseInteger(1), 5_000)
    .option('--warmup-ms <ms>', 'unmeasured warm-up per configuration', parseInteger(0), 1_000)
    .option('--accounts <n>', 'number of accounts', parseInteger(2), 10_000)
    .option('--initial-balance <n>', 'starting balance of every account', parseInteger(1), 1_000_000)
    .option('--max-amount <n>', 'transfers move 1..n', parseInteger(1), 100)
    .option('--seed <n>', 'seed of the transfer sequence (the same for every configuration)', parseInteger(0), 1)
    .option('--lua-connections <n>', 'ioredis connections for the Lua runs (capped at the concurrency); WATCH runs use one per in-flight transfer', parseInteger(1), 8)
    .addOption(new Option('--only <system>', 'run one system only').choices(['hoard', 'redis']))
    .showHelpAfterError()
  program.parse()
  return program.opts<BenchOptions>()
}

// a CLI: its output is the product, so it writes to stdout directly
const log = (line: string): void => { process.stdout.write(`${line}\n`) }

async function runPhase (bank: BankSystem, config: BankConfig, concurrency: number, options: BenchOptions): Promise<PhaseResult> {
  log(`> ${bank.system} ${bank.mode}, concurrency ${concurrency}: warm-up ${options.warmupMs} ms, measuring ${options.durationMs} ms`)
  // the same seed for every phase: every system gets the same sequence of transfers
  const transfers = new TransferGenerator(config, options.seed)
  const sampler = new PeakRssSampler()
  let declined = 0
  sampler.start()
  const loop = await runClosedLoop({
    concurrency,
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
    operation: async worker => {
      if (await bank.transfer(worker, transfers.next()) === 'declined') {
        declined++
      }
    },
    onYield: () => { sampler.sample() }
  })
  const peakRssBytes = sampler.stop()
  const total = await checkConservation(bank, config)
  const result: PhaseResult = {
    system: bank.system,
    mode: bank.mode,
    concurrency,
    operations: loop.operations,
    opsPerSec: loop.opsPerSec,
    latency: loop.latency,
    peakRssBytes,
    declined,
    conflicts: bank.conflicts()
  }
  log(`  ${Math.round(result.opsPerSec).toLocaleString('en-US')} transfers/s, p50 ${result.latency.p50Us.toFixed(1)} µs, p99 ${result.latency.p99Us.toFixed(1)} µs; balances conserved (sum ${total.toLocaleString('en-US')})`)
  return result
}

/** Opens a fresh bank, runs one phase, and closes it; Ctrl-C closes it too */
async function runFreshPhase (teardown: Teardown, open: () => Promise<BankSystem>, config: BankConfig, concurrency: number, options: BenchOptions): Promise<PhaseResult> {
  const bank = await open()
  const release = teardown.add(async () => { await bank.close() })
  try {
    return await runPhase(bank, config, concurrency, options)
  } finally {
    release()
    await bank.close()
  }
}

async function runHoard (teardown: Teardown, mode: HoardStorageMode, keys: string[], config: BankConfig, options: BenchOptions): Promise<PhaseResult[]> {
  const results: PhaseResult[] = []
  for (const concurrency of CONCURRENCIES) {
    results.push(await runFreshPhase(teardown, async () => HoardBank.open({ mode }, keys, config), config, concurrency, options))
  }
  return results
}

interface RedisRun {
  results: PhaseResult[]
  serverPeakRssBytes?: number
}

async function runRedis (teardown: Teardown, keys: string[], config: BankConfig, options: BenchOptions): Promise<RedisRun> {
  const server = await startRedisServer({ log })
  const release = teardown.add(async () => { await server.stop() })
  try {
    const results: PhaseResult[] = []
    for (const mode of REDIS_MODES) {
      for (const concurrency of CONCURRENCIES) {
        // WATCH state is per connection: each in-flight WATCH transfer needs its own
        const connections = mode === 'multi' ? concurrency : Math.min(concurrency, options.luaConnections)
        const open = async (): Promise<BankSystem> => RedisBank.open({ host: server.host, port: server.port, mode, connections }, keys, config)
        results.push(await runFreshPhase(teardown, open, config, concurrency, options))
      }
    }
    return { results, serverPeakRssBytes: server.peakRssBytes() }
  } finally {
    release()
    await server.stop()
  }
}

async function main (): Promise<void> {
  const options = parseOptions()
  const teardown = new Teardown()
  teardown.exitOnSignals()
  const wants = (system: SystemName): boolean => options.only == null || options.only === system
  const config: BankConfig = { accounts: options.accounts, initialBalance: options.initialBalance, maxAmount: options.maxAmount }
  const keys = accountKeys(config)

  log(`bench:local: ${config.accounts.toLocaleString('en-US')} accounts of ${config.initialBalance.toLocaleString('en-US')}, transfers of 1..${config.maxAmount}, ` +
    `warm-up ${options.warmupMs} ms + ${options.durationMs} ms per configuration, seed ${options.seed}`)
  log(`node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}`)

  // before any measuring, so a missing package fails the run in seconds, not after the hoard phases
  if (wants('redis')) {
    ensureRedisServerInstalled(log)
    log(redisServerVersion())
  }

  const results: PhaseResult[] = []
  try {
    // Order: hoard in memory, then Redis, then hoard with persistence. The in-memory phases come
    // first so that their peak RSS (rss_mb) carries nothing left over from other phases, and Redis
    // right after them so that the headline ratios compare phases close in time on a shared machine.
    if (wants('hoard')) {
      results.push(...await runHoard(teardown, 'memory', keys, config, options))
    }
    let redisServerPeakRssBytes: number | undefined
    if (wants('redis')) {
      const redis = await runRedis(teardown, keys, config, options)
      results.push(...redis.results)
      redisServerPeakRssBytes = redis.serverPeakRssBytes
    }
    if (wants('hoard')) {
      results.push(...await runHoard(teardown, 'persist', keys, config, options))
    }
    report(results, redisServerPeakRssBytes, options)
  } catch (err) {
    await teardown.runAll()
    throw err
  }
}

function report (results: PhaseResult[], redisServerPeakRssBytes: number | undefined, options: BenchOptions): void {
  const hoard = (concurrency: number, mode: HoardStorageMode = 'memory'): PhaseResult | undefined => findPhase(results, 'hoard', mode, concurrency)
  const redis = (mode: RedisTransferMode, concurrency: number): PhaseResult | undefined => findPhase(results, 'redis', mode, concurrency)
  const hoardPhases = results.filter(r => r.system === 'hoard' && r.mode === 'memory')
  const round = (value: number | undefined): number | null => value == null ? null : Math.round(value)
  const roundUs = (value: number | undefined): number | null => value == null ? null : Math.round(value * 10) / 10

  log('')
  log('Rows in the order they ran. Latency is per transfer, from its start to its end (at concurrency 64 it includes queueing in this process).')
  formatTable(results).forEach(log)
  log('')
  for (const concurrency of CONCURRENCIES) {
    log(`hoard memory / redis lua,   concurrency ${String(concurrency).padStart(2)}: ${formatRatio(ratio(hoard(concurrency), redis('lua', concurrency)))}`)
    log(`hoard memory / redis multi, concurrency ${String(concurrency).padStart(2)}: ${formatRatio(ratio(hoard(concurrency), redis('multi', concurrency)))}`)
  }
  if (redisServerPeakRssBytes != null) {
    log(`redis-server peak RSS: ${toMb(redisServerPeakRssBytes).toFixed(1)} MB (a separate process; the table's RSS is this Node process)`)
  }
  log(`JSON below: *_tps and ratio_* at concurrency ${HIGH_CONCURRENCY} with hoard in memory; hoard_p99_us at concurrency ${LOW_CONCURRENCY} in memory; ` +
    'rss_mb is the peak RSS of this process during the in-memory hoard phases; null where a configuration did not run')

  const summary = {
    hoard_tps: round(hoard(HIGH_CONCURRENCY)?.opsPerSec),
    hoard_p99_us: roundUs(hoard(LOW_CONCURRENCY)?.latency.p99Us),
    redis_lua_tps: round(redis('lua', HIGH_CONCURRENCY)?.opsPerSec),
    redis_multi_tps: round(redis('multi', HIGH_CONCURRENCY)?.opsPerSec),
    ratio_vs_lua: ratio(hoard(HIGH_CONCURRENCY), redis('lua', HIGH_CONCURRENCY)),
    ratio_vs_multi: ratio(hoard(HIGH_CONCURRENCY), redis('multi', HIGH_CONCURRENCY)),
    rss_mb: hoardPhases.length === 0 ? null : toMb(Math.max(...hoardPhases.map(r => r.peakRssBytes))),
    hoard_tps_c1: round(hoard(LOW_CONCURRENCY)?.opsPerSec),
    hoard_p50_us: roundUs(hoard(LOW_CONCURRENCY)?.latency.p50Us),
    hoard_p999_us: roundUs(hoard(LOW_CONCURRENCY)?.latency.p999Us),
    hoard_p99_us_c64: roundUs(hoard(HIGH_CONCURRENCY)?.latency.p99Us),
    hoard_persist_tps: round(hoard(HIGH_CONCURRENCY, 'persist')?.opsPerSec),
    hoard_persist_tps_c1: round(hoard(LOW_CONCURRENCY, 'persist')?.opsPerSec),
    hoard_persist_p99_us: roundUs(hoard(LOW_CONCURRENCY, 'persist')?.latency.p99Us),
    redis_lua_tps_c1: round(redis('lua', LOW_CONCURRENCY)?.opsPerSec),
    redis_lua_p99_us: roundUs(redis('lua', LOW_CONCURRENCY)?.latency.p99Us),
    redis_multi_tps_c1: round(redis('multi', LOW_CONCURRENCY)?.opsPerSec),
    ratio_vs_lua_c1: ratio(hoard(LOW_CONCURRENCY), redis('lua', LOW_CONCURRENCY)),
    ratio_vs_multi_c1: ratio(hoard(LOW_CONCURRENCY), redis('multi', LOW_CONCURRENCY)),
    rss_mb_max: results.length === 0 ? null : toMb(Math.max(...results.map(r => r.peakRssBytes))),
    redis_server_rss_mb: redisServerPeakRssBytes == null ? null : toMb(redisServerPeakRssBytes),
    accounts: options.accounts,
    duration_ms: options.durationMs
  }
  // the last line of output, for machines: nothing may be printed after it
  log(JSON.stringify(summary))
}

await main()
