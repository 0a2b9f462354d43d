/**
 * Run seeded fault schedules against the Raft core, with the invariant checker after each.
 * `npm run sim -- --seeds 20000` runs seeds 0..19999 on every core; `--from 9000` starts
 * elsewhere; `npm run sim -- --seed 1234 --trace` replays one seed exactly, with its whole trace.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { Command, InvalidArgumentError } from 'commander'
import { runSeed } from '../src/sim/run-seed.ts'
import type { SeedSummary, WorkerReply, WorkerRequest } from './sim-worker.ts'
import type { UnsafeSwitches } from '../src/consensus/raft.ts'
import type { SeedRunResult } from '../src/sim/run-seed.ts'

function integer (value: string): number {
  const parsed = Number(value)
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    throw new InvalidArgumentError('expected a non-negative integer')
  }
  return parsed
}

interface Options {
  seeds: number
  from: number
  seed?: number
  trace: boolean
  workers: number
  schedule?: string
  chunk: number
  showFailures: number
  unsafe?: UnsafeSwitches
}

const SWITCHES: Array<keyof UnsafeSwitches> = ['ignoreLogUpToDate', 'voteTwicePerTerm', 'commitPreviousTerms', 'acceptStaleTerms', 'skipPrevCheck', 'replyBeforePersist', 'ignoreLeaseWait', 'sendConfigBeforeDurable', 'ackUnsynced', 'leaseBeforeReady', 'leadOnAfterTransfer', 'sameTermVoteIgnoresLease']

function switches (value: string): UnsafeSwitches {
  const unsafe: UnsafeSwitches = {}
  for (const name of value.split(',').map(s => s.trim()).filter(s => s !== '')) {
    if (!SWITCHES.includes(name as keyof UnsafeSwitches)) {
      throw new InvalidArgumentError(`unknown rule ${name}; known: ${SWITCHES.join(', ')}`)
    }
    unsafe[name as keyof UnsafeSwitches] = true
  }
  return unsafe
}

const program = new Command()
  .name('sim')
  .description('Run seeded fault schedules against the Raft core and check every invariant')
  .option('--seeds <n>', 'how many seeds to run', integer, 100)
  .option('--from <s>', 'first seed', integer, 0)
  .option('--seed <s>', 'run this one seed (in this process)', integer)
  .option('--trace', 'print the whole trace of messages, faults and events (with --seed)', false)
  .option('--workers <n>', 'worker threads', integer, availableParallelism())
  .option('--schedule <name>', 'run this schedule kind whatever the seed picks')
  .option('--chunk <n>', 'seeds handed to a worker at a time', integer, 25)
  .option('--show-failures <n>', 'failures to replay with a trace', integer, 3)
  .option('--unsafe <rules>', 'switch rules of the safety argument off (comma-separated), to find seeds that expose them', switches)
  .parse()

const options = program.opts<Options>()

function replayCommand (seed: number): string {
  const unsafe = Object.keys(options.unsafe ?? {})
  return `npm run sim -- --seed ${seed}${options.schedule != null ? ` --schedule ${options.schedule}` : ''}${unsafe.length > 0 ? ` --unsafe ${unsafe.join(',')}` : ''} --trace`
}

function describeFailure (result: Pick<SeedRunResult, 'seed' | 'schedule' | 'violations' | 'errors'>): string {
  const lines = [`FAILED seed ${result.seed} (${result.schedule})`]
  for (const v of result.violations.slice(0, 5)) {
    lines.push(`  ${v.invariant} at ${v.atMs.toFixed(3)} ms on ${v.member ?? '-'}: ${v.message}`)
  }
  for (const e of result.errors.slice(0, 3)) {
    lines.push(`  ${e.split('\n').slice(0, 6).join('\n    ')}`)
  }
  lines.push(`  replay: ${replayCommand(result.seed)}`)
  return lines.join('\n')
}

/** The faults, and the last events before the first violation: enough to start reading */
function traceExcerpt (trace: string[], tail: number): string {
  const firstViolation = trace.findIndex(line => line.includes('VIOLATION') || line.startsWith('ERROR'))
  const violationTime = firstViolation === -1 ? undefined : trace[firstViolation].trim().split(/\s+/)[0]
  let end = trace.length
  if (violationTime != null) {
    const at = trace.findIndex(line => line.trim().startsWith(violationTime))
    end = at === -1 ? trace.length : Math.min(trace.length, at + 5)
  }
  const faults = trace.slice(0, end - tail).filter(line => /CRASHED|restarts|paused|resumed|cut|heal|membership|transfer|pause of|is leader|faults stop|schedule/.test(line) && !line.includes('(cut)'))
  return [
    '  --- faults and leaders before the excerpt ---',
    ...faults,
    `  --- last ${tail} lines before the violation ---`,
    ...trace.slice(Math.max(0, end - tail), end),
    ...trace.filter(line => line.includes('VIOLATION') || line.startsWith('ERROR'))
  ].join('\n')
}

async function runOne (seed: number): Promise<number> {
  const result = await runSeed({ seed, trace: true, schedule: options.schedule, unsafe: options.unsafe })
  if (options.trace) {
    process.stdout.write(result.trace.join('\n') + '\n')
  }
  process.stdout.write(`seed ${seed} (${result.schedule}): ${result.ok ? 'ok' : 'FAILED'}; ${result.checks} checks; ${result.stats.events} events, ${result.stats.messages} messages, ${result.stats.leaders} leaders elected; proposals committed ${result.stats.proposals.committed}, lost ${result.stats.proposals.lost}; ${result.stats.reads} lease reads\n`)
  if (!result.ok) {
    process.stdout.write(describeFailure(result) + '\n')
    if (!options.trace) {
      process.stdout.write(traceExcerpt(result.trace, 150) + '\n')
    }
    return 1
  }
  return 0
}

async function runMany (): Promise<number> {
  const first = options.from
  const end = options.from + options.seeds
  let next = first
  let done = 0
  let checks = 0
  const failures: SeedSummary[] = []
  const startedAt = performance.now()
  const interactive = process.stdout.isTTY
  let lastPrint = 0

  const progress = (final: boolean): void => {
    const now = performance.now()
    if (!final && now - lastPrint < (interactive ? 200 : 5000)) {
      return
    }
    lastPrint = now
    const seconds = (now - startedAt) / 1000
    const line = `schedules ${done}/${options.seeds}  ${(done / Math.max(seconds, 1e-3)).toFixed(1)}/s  checks ${checks.toLocaleString('en-US')}  failures ${failures.length}  ${seconds.toFixed(1)} s`
    process.stdout.write(interactive ? `\r${line}\u001b[K${final ? '\n' : ''}` : `${line}\n`)
  }

  const workerCount = Math.max(1, Math.min(options.workers, Math.ceil(options.seeds / options.chunk)))
  await Promise.all(Array.from({ length: workerCount }, async () => {
    const worker = new Worker(new URL('./sim-worker.ts', import.meta.url), { execArgv: process.execArgv })
    const handOut = (): void => {
      if (next >= end) {
        void worker.terminate()
        return
      }
      const request: WorkerRequest = { from: next, count: Math.min(options.chunk, end - next), schedule: options.schedule, unsafe: options.unsafe }
      next += request.count
      worker.postMessage(request)
    }
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'seed') {
          done++
          checks += reply.summary.checks
          if (!reply.summary.ok) {
            failures.push(reply.summary)
            process.stdout.write(`${interactive ? '\r\u001b[K' : ''}${describeFailure(reply.summary)}\n`)
          }
          progress(false)
        } else {
          handOut()
        }
      })
      worker.on('error', reject)
      worker.on('exit', () => { resolve() })
      handOut()
    })
  }))
  progress(true)
  const seconds = (performance.now() - startedAt) / 1000
  process.stdout.write(`${done} schedules run, ${checks.toLocaleString('en-US')} checks run, ${failures.length} failed, in ${seconds.toFixed(1)} s (${(done / seconds).toFixed(1)} schedules/s, ${workerCount} workers)\n`)
  if (failures.length > 0) {
    failures.sort((a, b) => a.seed - b.seed)
    process.stdout.write(`failing seeds: ${failures.map(f => f.seed).join(' ')}\n`)
    for (const failure of failures.slice(0, options.showFailures)) {
      const replay = await runSeed({ seed: failure.seed, trace: true, schedule: options.schedule, unsafe: options.unsafe })
      process.stdout.write(`\n${describeFailure(replay)}\n${traceExcerpt(replay.trace, 80)}\n`)
    }
    return 1
  }
  return 0
}

process.exitCode = options.seed != null ? await runOne(options.seed) : await runMany()
