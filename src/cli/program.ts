/**
 * The `hoard` command: its commands, and how every failure becomes one line on stderr and a
 * non-zero exit code (2 for a usage error, 1 for anything else), never a stack trace. Set
 * `DEBUG=hoard:cli` to see the stack of an unexpected error.
 */

import { logger } from '@libp2p/logger'
import { Command, CommanderError } from 'commander'
import * as hoardErrors from '../errors.ts'
import { registerKeygen } from './keygen.ts'
import { registerStart } from './start.ts'
import { registerStatus } from './status.ts'
import type { CliIo } from './io.ts'
import type { CreateNode } from './start.ts'

const log = logger('hoard:cli')

/** Exit code of a usage error (a bad flag or value), as most Unix tools use */
export const EXIT_USAGE = 2
/** Exit code of any other failure */
export const EXIT_FAILURE = 1

export interface CliInit {
  /** Starts a node; `createNode` from src/node.ts */
  createNode: CreateNode
  io: CliIo
}

/** The `hoard` command with its sub-commands; errors throw (`exitOverride`) instead of exiting */
export function createProgram (init: CliInit): Command {
  const program = new Command('hoard')
    .description('hoard: a peer-to-peer transactional object store for MMO game servers')
    .addHelpText('after', '\nRun `hoard <command> --help` for the flags of a command.')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => { init.io.out(text.trimEnd()) },
      writeErr: (text) => { init.io.err(text.trimEnd()) },
      outputError: (text, write) => { write(`hoard: ${oneLine(text.replace(/^error: /, ''))}\n`) }
    })

  // registered through `program.command()`, so they inherit exitOverride and configureOutput
  registerStart(program, init.createNode, init.io)
  registerStatus(program, init.io)
  registerKeygen(program, init.io)

  return program
}

/**
 * Runs the command line `argv` (as `process.argv`: node, script, arguments). Resolves to the exit
 * code; a command that ran sets it through `process.exitCode` (0 if it does not).
 */
export async function runCli (argv: string[], init: CliInit): Promise<number> {
  const program = createProgram(init)

  try {
    await program.parseAsync(argv)
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has printed the message (or the help) already
      return err.code.startsWith('commander.help') || err.code === 'commander.version'
        ? err.exitCode
        : EXIT_USAGE
    }

    log.error('command failed - %e', err)
    init.io.err(`hoard: ${describe(err)}`)
    return EXIT_FAILURE
  }
}

/** One line for any error: hoard's own errors are written to be read as they are */
function describe (err: unknown): string {
  if (!(err instanceof Error)) {
    return oneLine(String(err))
  }

  const plain = err.name === 'Error' || isHoardError(err)
  return oneLine(plain ? err.message : `${err.name}: ${err.message}`)
}

function isHoardError (err: Error): boolean {
  return Object.values(hoardErrors).some(ErrorClass => typeof ErrorClass === 'function' && err instanceof ErrorClass)
}

function oneLine (text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ')
}
