/**
 * `hoard keygen`: writes a new cluster key as a libp2p swarm key file, readable by its owner only.
 * Every node of a cluster is started with the same file (`hoard start --cluster-key <file>`).
 */

import { chmod, writeFile } from 'node:fs/promises'
import { Option } from 'commander'
import { InvalidOptionError } from '../errors.ts'
import { generateClusterKey } from '../net/cluster-key.ts'
import type { CliIo } from './io.ts'
import type { Command } from 'commander'

/** Default output file */
export const DEFAULT_CLUSTER_KEY_FILE = 'cluster.key'

export interface KeygenOptions {
  out: string
  force: boolean
}

/** Adds `keygen` to the program */
export function registerKeygen (program: Command, io: CliIo): void {
  program
    .command('keygen')
    .description('write a new cluster key (a libp2p swarm key file) for `hoard start --cluster-key`')
    .addOption(new Option('-o, --out <file>', 'file to write, or - for standard output').default(DEFAULT_CLUSTER_KEY_FILE))
    .addOption(new Option('-f, --force', 'overwrite the file if it exists').default(false))
    .action(async (options: KeygenOptions) => {
      await runKeygen(options, io)
    })
}

export async function runKeygen (options: KeygenOptions, io: CliIo): Promise<void> {
  const key = generateClusterKey()

  if (options.out === '-') {
    io.out(key.trimEnd())
    return
  }

  try {
    // 'wx' refuses to replace an existing key: overwriting one by accident locks every node that
    // holds the old key out of the cluster
    await writeFile(options.out, key, { mode: 0o600, flag: options.force ? 'w' : 'wx' })
    // `mode` applies only to a new file; an overwritten one keeps its old, maybe looser, mode
    await chmod(options.out, 0o600)
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'EEXIST') {
      throw new InvalidOptionError(`${options.out} already exists; pass --force to overwrite it`)
    }

    throw new InvalidOptionError(`Cannot write ${options.out}: ${err instanceof Error ? err.message : String(err)}`)
  }

  io.out(`wrote a new cluster key to ${options.out}; start every node with --cluster-key ${options.out} and keep it secret`)
}
