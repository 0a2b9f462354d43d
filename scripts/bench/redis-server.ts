import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import type { ChildProcess } from 'node:child_process'

export interface RedisServer {
  readonly host: string
  readonly port: number
  readonly pid: number
  /** Peak RSS of the server process so far (Linux: VmHWM), undefined where unknown */
  peakRssBytes(): number | undefined
  /** SIGTERM, then SIGKILL if it has not exited within `timeoutMs` */
  stop(timeoutMs?: number): Promise<void>
}

export interface StartRedisServerOptions {
  /** Default `redis-server` on PATH */
  binary?: string
  startTimeoutMs?: number
  log?(line: string): void
}

const HOST = '127.0.0.1'

/** `redis-server` could not be found, installed, or started */
export class RedisServerError extends Error {
  override readonly name = 'RedisServerError'
  constructor (message = 'redis-server failed') { super(message) }
}

function isInstalled (binary: string): boolean {
  const probe = spawnSync(binary, ['--version'], { stdio: 'ignore' })
  return probe.error == null && probe.status === 0
}

function aptGet (args: string[], log: (line: string) => void): boolean {
  log(`$ apt-get ${args.join(' ')}`)
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  })
  return result.error == null && result.status === 0
}

/** The first line of `redis-server --version` */
export function redisServerVersion (binary = 'redis-server'): string {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' })
  return probe.stdout.trim().split('\n')[0] ?? binary
}

/**
 * Makes sure `redis-server` is on PATH, installing Debian's package if it is missing. Installing
 * needs root; otherwise it fails with the command to run by hand.
 */
export function ensureRedisServerInstalled (log: (line: string) => void, binary = 'redis-server'): void {
  if (isInstalled(binary)) {
    return
  }
  log(`${binary} not found: installing Debian's redis-server package`)
  if (process.getuid?.() !== 0) {
    throw new RedisServerError(`${binary} is missing and this is not root: run \`sudo apt-get install -y redis-server\` and try again`)
  }
  // the package lists may be missing or stale on a fresh machine: refresh once and retry
  if (!aptGet(['install', '-y', 'redis-server'], log) &&
    !(aptGet(['update'], log) && aptGet(['install', '-y', 'redis-server'], log))) {
    throw new RedisServerError('apt-get could not install redis-server')
  }
  if (!isInstalled(binary)) {
    throw new RedisServerError(`${binary} is still not on PATH after installing redis-server`)
  }
}

/** A port that was free a moment ago (the server may lose a race for it: the caller retries) */
async function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, HOST, () => {
      const address = server.address()
      server.close(() => {
        if (address == null || typeof address === 'string') {
          reject(new RedisServerError('could not find a free port'))
        } else {
          resolve(address.port)
        }
      })
    })
  })
}

function readPeakRssBytes (pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match == null ? undefined : Number(match[1]) * 1024
  } catch {
    return undefined
  }
}

async function waitForReady (child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = ''
    const cleanup = (): void => {
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      child.off('exit', onExit)
      child.off('error', onError)
    }
    const fail = (reason: string): void => {
      cleanup()
      reject(new RedisServerError(`redis-server on port ${port} ${reason}\n${output.trim()}`))
    }
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8')
      if (output.includes('Ready to accept connections')) {
        cleanup()
        resolve()
      }
    }
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => { fail(`exited (code ${code}, signal ${signal}) before it was ready`) }
    const onError = (err: Error): void => { fail(`could not be started: ${err.message}`) }
    const timer = setTimeout(() => { fail(`was not ready within ${timeoutMs} ms`) }, timeoutMs)
    child.stdout?.on('data', onData)
    child.once('exit', onExit)
    child.once('error', onError)
  })
}

async function startOnce (binary: string, startTimeoutMs: number): Promise<RedisServer> {
  const port = await freePort()
  const child = spawn(binary, [
    '--bind', HOST,
    '--port', String(port),
    // an in-memory baseline: no RDB snapshots, no append-only file
    '--save', '',
    '--appendonly', 'no',
    '--dir', tmpdir(),
    '--daemonize', 'no',
    '--protected-mode', 'yes',
    '--loglevel', 'notice'
  ], { stdio: ['ignore', 'pipe', 'pipe'] })

  // last resort if this process exits without stopping the server (an uncaught error, process.exit)
  const killOnExit = (): void => { child.kill('SIGKILL') }
  process.once('exit', killOnExit)

  try {
    await waitForReady(child, port, startTimeoutMs)
  } catch (err) {
    child.kill('SIGKILL')
    process.off('exit', killOnExit)
    throw err
  }
  // keep draining the pipes so a chatty server never blocks on a full pipe
  child.stdout?.resume()
  child.stderr?.resume()

  const pid = child.pid
  if (pid == null) {
    throw new RedisServerError('redis-server has no pid')
  }
  let stopped: Promise<void> | undefined

  return {
    host: HOST,
    port,
    pid,
    peakRssBytes: () => readPeakRssBytes(pid),
    stop: async (timeoutMs = 5_000) => {
      stopped ??= new Promise<void>((resolve) => {
        process.off('exit', killOnExit)
        if (child.exitCode != null || child.signalCode != null) {
          resolve()
          return
        }
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve()
        })
        child.kill('SIGTERM')
      })
      await stopped
    }
  }
}

/** Starts a private, non-persistent `redis-server` on a free loopback port */
export async function startRedisServer (options: StartRedisServerOptions = {}): Promise<RedisServer> {
  const binary = options.binary ?? 'redis-server'
  const startTimeoutMs = options.startTimeoutMs ?? 10_000
  const attempts = 3
  for (let attempt = 1; ; attempt++) {
    try {
      const server = await startOnce(binary, startTimeoutMs)
      options.log?.(`redis-server ${server.host}:${server.port} (pid ${server.pid}) started, no persistence`)
      return server
    } catch (err) {
      // another process may have taken the free port between the probe and the bind
      if (attempt >= attempts || !(err instanceof RedisServerError) || !/Address already in use/.test(err.message)) {
        throw err
      }
    }
  }
}
