/**
 * Runs a local mesh described by a topology file: `npm run topology -- topologies/smoke-3.json`.
 *
 * Starts the nodes (in this process, or one process each), runs the workload while the fault
 * schedule strikes, shows live progress, checks the invariants at the end and writes a report
 * (report.json and report.svg) into `reports/<name>-<timestamp>/` or `--out`. Stops everything it
 * started, also on Ctrl-C (a second Ctrl-C kills the node processes at once).
 *
 * Exit status: 0 when every invariant holds; 1 when one fails or the run fails; 2 for a bad
 * topology file or flag (one line on stderr); 130 when interrupted.
 */

import { mkdirSync, rmSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { Command, CommanderError, InvalidArgumentError } from 'commander'
import { loadTopology, TopologyError } from './topology-config.ts'
import { Progress } from './topology-progress.ts'
import { summarize, writeReport } from './topology-report.ts'

const EXIT_OK = 0
const EXIT_FAILED = 1
const EXIT_USAGE = 2
const EXIT_INTERRUPTED = 130

interface Flags {
  duration?: number
  seed?: number
  out?: string
  keepData?: boolean
  plain?: boolean
}

async function main (argv: string[]): Promise<number> {
  const program = new Command('topology')
    .description('Run a local hoard mesh described by a topology file; check invariants; write a report')
    .argument('<file>', 'a topology file, e.g. topologies/smoke-3.json (schema: topologies/schema.json)')
    .option('--duration <seconds>', 'run the workload this long instead of the file\'s duration', positiveNumber)
    .option('--seed <n>', 'seed the workload and the random faults instead of the file\'s seed', seedNumber)
    .option('--out <dir>', 'write the report here (default: reports/<name>-<timestamp>/)')
    .option('--keep-data', 'keep the nodes\' data directories (storage: disk) after the run')
    .option('--plain', 'plain status lines even on a terminal')
    .exitOverride()
    .configureOutput({
      writeErr: text => { process.stderr.write(text) },
      outputError: (text, write) => { write(`topology: ${text.replace(/^error: /, '').trim()}\n`) }
    })

  let file: string
  let flags: Flags
  try {
    program.parse(argv)
    file = program.args[0]
    flags = program.opts<Flags>()
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE
    }
    throw err
  }

  let topology
  try {
    topology = loadTopology(file)
  } catch (err) {
    if (err instanceof TopologyError) {
      process.stderr.write(`topology: ${err.message}\n`)
      return EXIT_USAGE
    }
    throw err
  }
  if (flags.duration != null) {
    topology.duration = flags.duration
  }
  if (flags.seed != null) {
    topology.seed = flags.seed
  }

  const stamp = new Date().toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, '')
  const reportDir = flags.out ?? join('reports', `${topology.name}-${stamp}`)
  mkdirSync(reportDir, { recursive: true })

  // loaded only now: a bad file or flag is answered before hoard and libp2p are loaded
  const { TopologyRun } = await import('./topology-run.ts')
  const progress = new Progress({ stream: process.stdout, plain: flags.plain })
  const run = new TopologyRun(topology, { file, reportDir, progress })
  let interrupts = 0
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupts++
    if (interrupts === 1) {
      process.stderr.write(`\n${signal}: ending the run, stopping every node (again to kill them at once)\n`)
      run.stop()
    } else {
      run.killNow()
      process.exit(EXIT_INTERRUPTED)
    }
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  const report = await run.execute()
  if (topology.storage === 'disk' && flags.keepData !== true) {
    rmSync(join(reportDir, 'data'), { recursive: true, force: true })
  }
  const paths = writeReport(report, reportDir)
  const shown = (path: string): string => relative(process.cwd(), path).startsWith('..') ? resolve(path) : relative(process.cwd(), path)
  process.stdout.write(summarize(report, { json: shown(paths.json), svg: shown(paths.svg) }) + '\n')

  if (report.run.interrupted) {
    return EXIT_INTERRUPTED
  }
  return report.run.error != null || report.headline.invariantsFailed > 0 || report.invariants.length === 0 ? EXIT_FAILED : EXIT_OK
}

function positiveNumber (value: string): number {
  const number = Number(value)
  if (!Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError('must be a positive number of seconds')
  }
  return number
}

function seedNumber (value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0 || number > 0xFFFF_FFFF) {
    throw new InvalidArgumentError('must be an integer from 0 to 4294967295')
  }
  return number
}

try {
  process.exitCode = await main(process.argv)
} catch (err) {
  // a bug in the runner, not a finding about hoard: say so in one line, keep the stack for DEBUG
  process.stderr.write(`topology: the runner failed: ${(err as Error).message}\n`)
  if (process.env.DEBUG != null) {
    process.stderr.write(`${(err as Error).stack}\n`)
  }
  process.exitCode = EXIT_FAILED
}
// in-process nodes may leave timers behind after stopping: do not wait for them
process.exit(process.exitCode)
