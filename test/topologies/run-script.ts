import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

// the pinned Node 24 (libp2p 3 needs 22 or newer; the machines' own node is 20)
const NODE = existsSync(join(process.cwd(), 'node_modules/.bin/node'))
  ? join(process.cwd(), 'node_modules/.bin/node')
  : process.execPath
const RUNNER = join(process.cwd(), 'scripts/topology.ts')
const NODE_FLAGS = ['--experimental-transform-types', '--no-warnings=ExperimentalWarning']

export interface Exit {
  code: number | null
  stdout: string
  stderr: string
  /** Was it sent SIGINT because its output matched `interruptOn` */
  signalled: boolean
}

/**
 * Runs `npm run topology -- <args>` (the script itself) and resolves once it has exited; SIGINT
 * (Ctrl-C) at the timeout, or once its output matches `interruptOn`
 */
export async function runTopology (args: string[], timeoutMs = 120_000, interruptOn?: RegExp): Promise<Exit> {
  const child = spawn(NODE, [...NODE_FLAGS, RUNNER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  let signalled = false
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    if (interruptOn?.test(stdout) === true && !signalled) {
      signalled = true
      child.kill('SIGINT')
    }
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  const timer = setTimeout(() => { child.kill('SIGINT') }, timeoutMs)
  try {
    return await new Promise(resolve => { child.on('close', code => { resolve({ code, stdout, stderr, signalled }) }) })
  } finally {
    clearTimeout(timer)
  }
}
