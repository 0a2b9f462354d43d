/**
 * `hoard status`: asks a running node (over `/hoard/status/1.0.0`) for its groups, the mesh's
 * members and data groups as its metadata replica records them, and its task counters.
 */

import { Option } from 'commander'
import { StatusClient } from '../net/status-client.ts'
import { readClusterKey } from './cluster-key-file.ts'
import { collectBootstrapMultiaddr, parseMilliseconds } from './options.ts'
import type { CliIo } from './io.ts'
import type { StatusReport } from '../net/status.ts'
import type { Command } from 'commander'

const DEFAULT_STATUS_TIMEOUT_MS = 10_000

export interface StatusOptions {
  node: string[]
  clusterKey?: string
  timeout: number
  json: boolean
}

/** Adds `status` to the program */
export function registerStatus (program: Command, io: CliIo): void {
  program
    .command('status')
    .description('show a running node\'s groups (role, term, leader, voters, learners, objects), the mesh\'s members and data groups')
    .addOption(new Option('-n, --node <multiaddr...>', 'the node(s) to ask, each ending in /p2p/<peer id> as `hoard start` prints it')
      .argParser(collectBootstrapMultiaddr)
      .makeOptionMandatory())
    .addOption(new Option('-k, --cluster-key <file>', 'the cluster\'s swarm key file, if the mesh uses one (without it the node refuses the connection)'))
    .addOption(new Option('--timeout <ms>', 'give up on a node that has not answered within this time')
      .argParser(parseMilliseconds)
      .default(DEFAULT_STATUS_TIMEOUT_MS))
    .addOption(new Option('--json', 'print each node\'s status as one JSON object per line').default(false))
    .addHelpText('after', `
Examples:
  hoard status --node /ip4/127.0.0.1/tcp/4001/p2p/<peer id>
  hoard status --cluster-key cluster.key --node <multiaddr> <multiaddr> --json

Exit codes: 0 every node answered, 1 a node could not be reached or did not answer, 2 bad flags.`)
    .action(async (options: StatusOptions) => {
      process.exitCode = await runStatus(options, io)
    })
}

/** Asks each node in turn; resolves to the exit code */
export async function runStatus (options: StatusOptions, io: CliIo): Promise<number> {
  const clusterKey = options.clusterKey == null ? undefined : await readClusterKey(options.clusterKey)
  const client = await StatusClient.create({ clusterKey })
  let failed = 0
  try {
    for (const address of options.node) {
      try {
        const report = await client.fetch(address, { timeoutMs: options.timeout })
        if (options.json) {
          io.out(JSON.stringify(report))
        } else {
          io.out(formatStatus(report))
        }
      } catch (err) {
        failed++
        io.err(`hoard: ${err instanceof Error ? err.message : String(err)}`)
      }
    }
  } finally {
    await client.stop()
  }
  return failed === 0 ? 0 : 1
}

/** A node's status as text, for people */
export function formatStatus (report: StatusReport): string {
  const lines = [
    `node:         ${report.peerId}`,
    `incarnation:  ${report.incarnation}`,
    `joined:       ${report.joined ? 'yes' : 'not yet (still joining the mesh)'}`,
    `peers:        ${report.peers.length} connected`,
    `tasks:        ${report.tasks.started} started, ${report.tasks.committed} committed, ${report.tasks.failed} failed, ${report.tasks.retries} retries, ${report.tasks.active} active`,
    'addresses:',
    ...report.multiaddrs.map(a => `  ${a}`),
    '',
    `members (${report.members.length}, as the metadata records them):`
  ]
  for (const member of [...report.members].sort((a, b) => a.node.localeCompare(b.node))) {
    lines.push(`  ${member.node}  incarnation ${member.incarnation}  ${member.dead ? 'DEAD' : 'live'}  founded ${member.group}`)
  }
  lines.push('', `groups on this node (${report.groups.length}):`)
  for (const group of [...report.groups].sort((a, b) => a.id.localeCompare(b.id))) {
    lines.push(
      `  ${group.id}`,
      `    role ${group.role}, term ${group.term}, leader ${group.leader ?? 'none known'}`,
      `    commit index ${group.commitIndex} of ${group.lastIndex}, ${group.objects} object(s)`,
      `    voters (${group.voters.length}): ${list(group.voters)}`,
      `    learners (${group.learners.length}): ${list(group.learners)}`
    )
  }
  lines.push('', `data groups in the mesh (${report.mesh.length}, as their leaders last reported them):`)
  for (const group of [...report.mesh].sort((a, b) => a.id.localeCompare(b.id))) {
    lines.push(
      `  ${group.id}`,
      `    leader ${group.leader ?? 'none reported'}, term ${group.term}`,
      `    voters (${group.voters.length}): ${list(group.voters)}`,
      `    learners (${group.learners.length}): ${list(group.learners)}`
    )
  }
  return lines.join('\n')
}

function list (items: readonly string[]): string {
  return items.length === 0 ? '-' : items.join(', ')
}
