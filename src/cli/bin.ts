#!/usr/bin/env node
/**
 * Entry point of the `hoard` command. Runs from source with
 * `node --experimental-transform-types src/cli/bin.ts <command>` (what `npm start` does), or from
 * `dist/` once built.
 */

import { createNode } from '../node.ts'
import { processIo } from './io.ts'
import { runCli } from './program.ts'

const exitCode = await runCli(process.argv, { createNode, io: processIo })

// libp2p may leave timers behind after stopping; the command is done, so end the process now
process.exit(exitCode)
