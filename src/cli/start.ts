/**
 * `hoard start`: runs a node until SIGINT or SIGTERM, printing its peer id and the addresses other
 * peers can bootstrap from, and logging peers as they connect and disconnect.
 */

import { resolve } from 'node:path'
import { logger } from '@libp2p/logger'
import { Option } from 'commander'
import { BootstrapError } from '../errors.ts'
import { DEFAULT_BOOTSTRAP_TIMEOUT_MS, getBootstrapDialer } from '../net/bootstrap.ts'
import { DEFAULT_LISTEN } from '../net/libp2p.ts'
import { readClusterKey } from './cluster-key-file.ts'
import { collectBootstrapMultiaddr, collectMultiaddr, parseMilliseconds } from './options.ts'
import type { CliIo } from './io.ts'
import type { HoardEvents } from '../node.ts'
import type { Libp2p, PeerId, TypedEventTarget } from '@libp2p/interface'
import type { Command } from 'commander'

const log = logger('hoard:cli')

/** How long a node may take to stop cleanly before the command gives up on it */
const STOP_TIMEOUT_MS = 10_000
/** How often `hoard start` checks whether the node has registered in the mesh */
const REGISTRATION_POLL_MS = 100

/** What `hoard start` passes to `createNode` (a subset of `HoardInit` from src/node.ts) */
export interface StartNodeInit {
  listen?: string[]
  announce?: string[]
  bootstrap?: string[]
  dataDir?: string
  clusterKey?: Uint8Array | string
  memberDeadMs?: number
}

/** What `hoard start` needs of a running node (`HoardNode` from src/node.ts provides it) */
export interface StartedNode extends Pick<TypedEventTarget<HoardEvents>, 'addEventListener' | 'removeEventListener'> {
  peerId: string
  multiaddrs: string[]
  libp2p: Libp2p
  /** `joined`: has the node registered itself in the mesh's metadata */
  status(): { joined: boolean, groups: Array<{ id: string }> }
  stop(): Promise<void>
}

export type CreateNode = (init: StartNodeInit) => Promise<StartedNode>

export interface StartOptions {
  listen?: string[]
  announce?: string[]
  bootstrap?: string[]
  data?: string
  clusterKey?: string
  bootstrapTimeout: number
  memberDead?: number
  json: boolean
}

/** Adds `start` to the program */
export function registerStart (program: Command, createNode: CreateNode, io: CliIo): void {
  program
    .command('start')
    .description('start a hoard node and run it until SIGINT or SIGTERM')
    // no commander default: it would be handed to the parser as `previous`, and a given address
    // would be added to the default instead of replacing it
    .addOption(new Option('-l, --listen <multiaddr...>', `address(es) to listen on (default: ${DEFAULT_LISTEN.join(' ')})`)
      .argParser(collectMultiaddr))
    .addOption(new Option('-b, --bootstrap <multiaddr...>', 'peer(s) to join the mesh through, each ending in /p2p/<peer id> as another node\'s `hoard start` prints it')
      .argParser(collectBootstrapMultiaddr))
    .addOption(new Option('-a, --announce <multiaddr...>', 'address(es) to advertise to peers instead of the listen addresses (e.g. behind NAT)')
      .argParser(collectMultiaddr))
    .addOption(new Option('-d, --data <dir>', 'keep the peer key and all state in this directory (default: in memory, a new identity at every start)'))
    .addOption(new Option('-k, --cluster-key <file>', 'swarm key file (from `hoard keygen`) that every node of the cluster holds; peers without it cannot connect'))
    .addOption(new Option('--bootstrap-timeout <ms>', 'exit with an error if no bootstrap peer answers within this time')
      .argParser(parseMilliseconds)
      .default(DEFAULT_BOOTSTRAP_TIMEOUT_MS))
    .addOption(new Option('--member-dead <ms>', 'replace a group member (and mark a node dead) once it has been silent this long (default: 5000)')
      .argParser(parseMilliseconds))
    .addOption(new Option('--json', 'print events as JSON objects, one per line, for scripts').default(false))
    .addHelpText('after', `
Events printed: started, peer connected/disconnected, joined (a bootstrap peer answered),
registered (the mesh's metadata records this node), group joined/left, group role changes.

Examples:
  hoard start
      a node in memory on a free loopback port
  hoard keygen --out cluster.key
  hoard start --listen /ip4/0.0.0.0/tcp/4001 --data ./data/a --cluster-key cluster.key
  hoard start --listen /ip4/0.0.0.0/tcp/4002 --data ./data/b --cluster-key cluster.key \\
      --bootstrap /ip4/10.0.0.1/tcp/4001/p2p/<peer id printed by the first node>

Exit codes: 0 stopped cleanly on SIGINT or SIGTERM, 1 failed (e.g. no bootstrap peer answered),
2 bad flags.`)
    .action(async (options: StartOptions) => {
      process.exitCode = await runStart(options, createNode, io)
    })
}

/** Runs a node until it is told to stop; resolves to the process exit code */
export async function runStart (options: StartOptions, createNode: CreateNode, io: CliIo): Promise<number> {
  const print = options.json
    ? (event: string, fields: Record<string, unknown>, _text: string) => { io.out(JSON.stringify({ event, at: new Date().toISOString(), ...fields })) }
    : (_event: string, _fields: Record<string, unknown>, text: string) => { io.out(text) }

  const dataDir = options.data == null ? undefined : resolve(options.data)
  const clusterKey = options.clusterKey == null ? undefined : await readClusterKey(options.clusterKey)

  const node = await createNode({
    listen: options.listen ?? DEFAULT_LISTEN,
    announce: options.announce,
    bootstrap: options.bootstrap,
    dataDir,
    clusterKey,
    memberDeadMs: options.memberDead
  })

  const stopRequested = Promise.withResolvers<string>()
  let stopping = false
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // a second Ctrl-C means "now": do not wait for a node that hangs while stopping
      io.err(`hoard: ${signal} again, exiting without a clean stop`)
      process.exit(130)
    }

    stopRequested.resolve(signal)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  const onConnect = (evt: CustomEvent<PeerId>): void => {
    print('peer:connect', { peerId: evt.detail.toString() }, `${timestamp()} peer connected    ${evt.detail.toString()}`)
  }
  const onDisconnect = (evt: CustomEvent<PeerId>): void => {
    print('peer:disconnect', { peerId: evt.detail.toString() }, `${timestamp()} peer disconnected ${evt.detail.toString()}`)
  }

  const onGroupJoin = (evt: HoardEvents['group:join']): void => {
    print('group:join', { group: evt.detail.group }, `${timestamp()} joined group ${evt.detail.group}`)
  }
  const onGroupLeave = (evt: HoardEvents['group:leave']): void => {
    print('group:leave', { group: evt.detail.group }, `${timestamp()} left group  ${evt.detail.group}`)
  }
  const onGroupRole = (evt: HoardEvents['group:role']): void => {
    const { group, role, term, leader } = evt.detail
    print('group:role', { group, role, term, leader: leader ?? null }, `${timestamp()} group ${group}: ${role} in term ${term}${leader == null || role === 'leader' ? '' : `, leader ${leader}`}`)
  }
  const registered = new AbortController()

  try {
    printStarted(node, dataDir, options, print)
    node.libp2p.addEventListener('peer:connect', onConnect)
    node.libp2p.addEventListener('peer:disconnect', onDisconnect)
    node.addEventListener('group:join', onGroupJoin)
    node.addEventListener('group:leave', onGroupLeave)
    node.addEventListener('group:role', onGroupRole)
    for (const group of node.status().groups) {
      print('group:join', { group: group.id }, `${timestamp()} member of group ${group.id}`)
    }
    void watchRegistration(node, registered.signal, () => {
      print('registered', {}, `${timestamp()} registered in the mesh's metadata`)
    })

    if (options.bootstrap != null && options.bootstrap.length > 0) {
      const joined = await waitForBootstrap(node, options.bootstrapTimeout, stopRequested.promise)

      if (joined instanceof BootstrapError) {
        io.err(`hoard: ${joined.message}`)
        stopping = true
        await stopNode(node, io)
        return 1
      }

      if (joined) {
        print('joined', {}, `${timestamp()} joined the mesh`)
      }
    }

    const signal = await stopRequested.promise
    stopping = true
    print('stopping', { signal }, `${timestamp()} ${signal}: stopping`)
    const stopped = await stopNode(node, io)

    if (stopped) {
      print('stopped', {}, `${timestamp()} stopped`)
    }

    return stopped ? 0 : 1
  } finally {
    registered.abort()
    node.libp2p.removeEventListener('peer:connect', onConnect)
    node.libp2p.removeEventListener('peer:disconnect', onDisconnect)
    node.removeEventListener('group:join', onGroupJoin)
    node.removeEventListener('group:leave', onGroupLeave)
    node.removeEventListener('group:role', onGroupRole)
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

function printStarted (node: StartedNode, dataDir: string | undefined, options: StartOptions, print: (event: string, fields: Record<string, unknown>, text: string) => void): void {
  print('started', {
    peerId: node.peerId,
    multiaddrs: node.multiaddrs,
    dataDir: dataDir ?? null,
    clusterKey: options.clusterKey != null
  }, [
    `peer id: ${node.peerId}`,
    `data: ${dataDir ?? 'in memory (state and identity are lost when the node stops)'}`,
    `cluster key: ${options.clusterKey ?? 'none (any peer can connect)'}`,
    node.multiaddrs.length === 0
      ? 'not listening on any address'
      : 'multiaddrs (give one to other peers as --bootstrap):',
    ...node.multiaddrs
  ].join('\n'))
}

/**
 * Waits for the first bootstrap peer. True once joined, a `BootstrapError` if none answered in
 * time, false if a stop was requested first or the node has no bootstrap dialer to ask.
 */
async function waitForBootstrap (node: StartedNode, timeoutMs: number, stopRequested: Promise<string>): Promise<boolean | BootstrapError> {
  const dialer = getBootstrapDialer(node.libp2p)

  if (dialer == null) {
    log('the node has no bootstrap dialer; not waiting for bootstrap peers')
    return false
  }

  const cancel = new AbortController()

  try {
    return await Promise.race([
      dialer.joined({ signal: cancel.signal, timeoutMs }).then(() => true),
      stopRequested.then(() => false)
    ])
  } catch (err) {
    if (err instanceof BootstrapError) {
      return err
    }

    throw err
  } finally {
    cancel.abort()
  }
}

async function stopNode (node: StartedNode, io: CliIo): Promise<boolean> {
  const timedOut = Symbol('timed out')
  let timer: ReturnType<typeof setTimeout> | undefined

  try {
    const outcome = await Promise.race([
      node.stop(),
      new Promise<typeof timedOut>(resolve => { timer = setTimeout(resolve, STOP_TIMEOUT_MS, timedOut) })
    ])

    if (outcome === timedOut) {
      io.err(`hoard: the node did not stop within ${STOP_TIMEOUT_MS} ms; exiting anyway`)
      return false
    }

    return true
  } finally {
    clearTimeout(timer)
  }
}

/** Calls `onRegistered` once the node's metadata records it (the core has no event for it: polled) */
async function watchRegistration (node: StartedNode, signal: AbortSignal, onRegistered: () => void): Promise<void> {
  while (!signal.aborted) {
    if (node.status().joined) {
      onRegistered()
      return
    }
    await new Promise<void>(resolve => {
      const timer = setTimeout(resolve, REGISTRATION_POLL_MS)
      signal.addEventListener('abort', () => { clearTimeout(timer); resolve() }, { once: true })
    })
  }
}

function timestamp (): string {
  return new Date().toISOString()
}
