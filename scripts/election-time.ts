/**
 * Leader election time after a leader crash, in the simulator with a 1 ms network delay:
 * `npm run election-time -- --seeds 1000`. Prints the median, 99th percentile and maximum, and
 * how they compare with the heartbeat interval.
 */
import { Command, InvalidArgumentError } from 'commander'
import { DEFAULT_TIMING } from '../src/consensus/raft.ts'
import { measureElection } from '../src/sim/election-time.ts'

function integer (value: string): number {
  const parsed = Number(value)
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    throw new InvalidArgumentError('expected a non-negative integer')
  }
  return parsed
}

const options = new Command()
  .name('election-time')
  .description('Measure leader election time after a leader crash in the simulator')
  .option('--seeds <n>', 'how many seeds', integer, 1000)
  .option('--from <s>', 'first seed', integer, 0)
  .option('--delay <ms>', 'one-way network delay', Number, 1)
  .parse()
  .opts<{ seeds: number, from: number, delay: number }>()

function quantile (sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

const elected: number[] = []
const ready: number[] = []
let failed = 0
for (let seed = options.from; seed < options.from + options.seeds; seed++) {
  const result = await measureElection(seed, {}, options.delay)
  if (!result.ok) {
    failed++
    process.stdout.write(`seed ${seed}: no new leader, or a violation\n`)
    continue
  }
  elected.push(result.electedMs)
  ready.push(result.readyMs)
}
elected.sort((a, b) => a - b)
ready.sort((a, b) => a - b)
const hb = DEFAULT_TIMING.heartbeatMs
const line = (name: string, values: number[]): string => {
  const median = quantile(values, 0.5)
  return `${name}: median ${median.toFixed(1)} ms (${(median / hb).toFixed(2)}x heartbeat), p99 ${quantile(values, 0.99).toFixed(1)} ms, max ${values[values.length - 1].toFixed(1)} ms`
}
process.stdout.write(`${elected.length} elections (${failed} failed), heartbeat ${hb} ms, lease ${DEFAULT_TIMING.leaseMs} ms, election timeout ${DEFAULT_TIMING.electionTimeoutMinMs}-${DEFAULT_TIMING.electionTimeoutMaxMs} ms, one-way delay ${options.delay} ms\n`)
process.stdout.write(`${line('crash -> new leader elected', elected)}\n`)
process.stdout.write(`${line('crash -> new leader ready (first entry committed)', ready)}\n`)
process.exitCode = failed > 0 ? 1 : 0
