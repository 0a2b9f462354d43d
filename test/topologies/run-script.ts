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
}

/** Runs `npm run topology -- <args>` (the script itself) and resolves once it has exited */
export async function runTopology (args: string[], timeoutMs = 120_000): Promise<Exit> {
  const child = spawn(NODE, [...NODE_FLAGS, RUNNER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  const timer = setTimeout(() => { child.kill('SIGINT') }, timeoutMs)
  try {
    return await new Promise(resolve => { child.on('close', code => { resolve({ code, stdout, stderr }) }) })
  } finally {
    clearTimeout(timer)
  }
}
