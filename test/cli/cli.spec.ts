import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'aegir/chai'
import { parseClusterKey } from '../../src/net/cluster-key.ts'
import type { ChildProcess } from 'node:child_process'

// the pinned Node 24 (libp2p 3 needs 22 or newer; the machines' own node is 20)
const NODE = existsSync(join(process.cwd(), 'node_modules/.bin/node'))
  ? join(process.cwd(), 'node_modules/.bin/node')
  : process.execPath
const BIN = join(process.cwd(), 'src/cli/bin.ts')
const NODE_FLAGS = ['--experimental-transform-types', '--no-warnings=ExperimentalWarning']

interface Exit {
  code: number | null
  stdout: string
  stderr: string
}

/** One-line error output: a single line, prefixed, without a stack trace */
function expectOneLineError (stderr: string): void {
  const lines = stderr.trimEnd().split('\n')

  expect(lines).to.have.lengthOf(1, `expected one line, got:\n${stderr}`)
  expect(lines[0]).to.match(/^hoard: /)
  expect(stderr).to.not.match(/^\s+at /m)
}

describe('hoard command', function () {
  this.timeout(120_000)

  const children: ChildProcess[] = []
  let dir: string

  function start (args: string[]): ChildProcess {
    const child = spawn(NODE, [...NODE_FLAGS, BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    return child
  }

  async function run (args: string[]): Promise<Exit> {
    return exited(start(args))
  }

  async function exited (child: ChildProcess): Promise<Exit> {
    let stdout = ''
    let stderr = ''
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })

    return new Promise((resolve, reject) => {
      child.on('error', reject)
      child.on('close', (code) => { resolve({ code, stdout, stderr }) })
    })
  }

  /** Reads `--json` events from a running `hoard start` until one matches */
  async function nextEvent (child: ChildProcess, event: string): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      let buffered = ''
      const onData = (chunk: string): void => {
        buffered += chunk
        const lines = buffered.split('\n')
        buffered = lines.pop() ?? ''

        for (const line of lines) {
          const parsed: Record<string, unknown> = JSON.parse(line)

          if (parsed.event === event) {
            child.stdout?.off('data', onData)
            resolve(parsed)
            return
          }
        }
      }
      child.stdout?.setEncoding('utf8').on('data', onData)
      child.on('close', (code) => { reject(new Error(`hoard exited with ${code} before "${event}"`)) })
    })
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoard-cli-'))
  })

  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode == null && child.signalCode == null) {
        child.kill('SIGKILL')
      }
    }

    await rm(dir, { recursive: true, force: true })
  })

  it('--help lists every command', async () => {
    const { code, stdout } = await run(['--help'])

    expect(code).to.equal(0)
    expect(stdout).to.include('start')
    expect(stdout).to.include('status')
    expect(stdout).to.include('keygen')
  })

  it('start --help documents every flag', async () => {
    const { code, stdout } = await run(['start', '--help'])

    expect(code).to.equal(0)
    for (const flag of ['--listen <multiaddr...>', '--bootstrap <multiaddr...>', '--announce <multiaddr...>', '--data <dir>', '--cluster-key <file>', '--bootstrap-timeout <ms>', '--member-dead <ms>', '--json', '--help']) {
      expect(stdout).to.include(flag)
    }
  })

  it('status --help documents every flag', async () => {
    const { code, stdout } = await run(['status', '--help'])

    expect(code).to.equal(0)
    for (const flag of ['--node <multiaddr...>', '--cluster-key <file>', '--timeout <ms>', '--json', '--help']) {
      expect(stdout).to.include(flag)
    }
  })

  it('keygen --help documents every flag', async () => {
    const { code, stdout } = await run(['keygen', '--help'])

    expect(code).to.equal(0)
    for (const flag of ['--out <file>', '--force', '--help']) {
      expect(stdout).to.include(flag)
    }
  })

  const usageErrors: Array<[string, string[]]> = [
    ['an unknown flag', ['start', '--lisen', '/ip4/127.0.0.1/tcp/0']],
    ['an unknown command', ['begin']],
    ['a malformed multiaddr', ['start', '--listen', 'localhost:4001']],
    ['a bootstrap address without a peer id', ['start', '--bootstrap', '/ip4/127.0.0.1/tcp/4001']],
    ['a flag without its value', ['start', '--data']],
    ['a bad timeout', ['start', '--bootstrap-timeout', 'soon']],
    ['a bad member-dead time', ['start', '--member-dead', '0']],
    ['status without a node', ['status']],
    ['status of an address without a peer id', ['status', '--node', '/ip4/127.0.0.1/tcp/4001']]
  ]

  for (const [what, args] of usageErrors) {
    it(`exits 2 with one line for ${what}`, async () => {
      const { code, stderr } = await run(args)

      expect(code).to.equal(2)
      expectOneLineError(stderr)
    })
  }

  it('exits 1 with one line for a missing cluster key file', async () => {
    const { code, stderr } = await run(['start', '--cluster-key', join(dir, 'absent.key')])

    expect(code).to.equal(1)
    expectOneLineError(stderr)
    expect(stderr).to.include('absent.key')
  })

  it('exits 1 with one line for a cluster key file that is not a swarm key', async () => {
    const file = join(dir, 'bad.key')
    await writeFile(file, 'hello\n')
    const { code, stderr } = await run(['start', '--cluster-key', file])

    expect(code).to.equal(1)
    expectOneLineError(stderr)
    expect(stderr).to.include('bad.key')
  })

  it('keygen writes a valid key readable by its owner only, and will not overwrite it without --force', async () => {
    const file = join(dir, 'cluster.key')
    const first = await run(['keygen', '--out', file])

    expect(first.code).to.equal(0)
    expect(parseClusterKey(await readFile(file, 'utf8'))).to.have.lengthOf(32)
    expect((await stat(file)).mode & 0o777).to.equal(0o600)

    const before = await readFile(file, 'utf8')
    const again = await run(['keygen', '--out', file])

    expect(again.code).to.equal(1)
    expectOneLineError(again.stderr)
    expect(await readFile(file, 'utf8')).to.equal(before)

    const forced = await run(['keygen', '--out', file, '--force'])

    expect(forced.code).to.equal(0)
    expect(await readFile(file, 'utf8')).to.not.equal(before)
  })

  it('keygen --out - prints the key', async () => {
    const { code, stdout } = await run(['keygen', '--out', '-'])

    expect(code).to.equal(0)
    expect(parseClusterKey(stdout)).to.have.lengthOf(32)
  })

  it('start prints the peer id and its multiaddrs, one per line', async () => {
    const child = start(['start'])
    const output = exited(child)
    let stdout = ''
    await new Promise<void>((resolve, reject) => {
      child.on('close', () => { reject(new Error(`hoard exited before printing an address:\n${stdout}`)) })
      child.stdout?.on('data', (chunk: string) => {
        stdout += chunk
        if (/^\/ip4\/.*$/m.test(stdout)) {
          resolve()
        }
      })
    })
    child.kill('SIGINT')
    const { code } = await output
    const peerId = /^peer id: (\S+)$/m.exec(stdout)?.[1]

    expect(code).to.equal(0)
    expect(peerId).to.be.a('string')
    expect(stdout).to.match(new RegExp(`^/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/${peerId}$`, 'm'))
  })

  it('starts two nodes with a cluster key, joins one through the other, keeps the peer id of a data directory, and stops on SIGINT and SIGTERM', async () => {
    const key = join(dir, 'cluster.key')
    expect((await run(['keygen', '--out', key])).code).to.equal(0)

    const first = start(['start', '--json', '--data', join(dir, 'a'), '--cluster-key', key])
    const started = await nextEvent(first, 'started')
    const bootstrap = (started.multiaddrs as string[])[0]

    const second = start(['start', '--json', '--cluster-key', key, '--bootstrap', bootstrap])
    const connected = nextEvent(first, 'peer:connect')
    const secondStarted = await nextEvent(second, 'started')
    await nextEvent(second, 'joined')

    expect((await connected).peerId).to.equal(secondStarted.peerId)

    second.kill('SIGINT')
    first.kill('SIGTERM')
    const [firstExit, secondExit] = await Promise.all([exited(first), exited(second)])

    expect(secondExit.code).to.equal(0)
    expect(firstExit.code).to.equal(0)

    const restarted = start(['start', '--json', '--data', join(dir, 'a'), '--cluster-key', key])
    const again = await nextEvent(restarted, 'started')
    restarted.kill('SIGTERM')

    expect(again.peerId).to.equal(started.peerId)
    expect((await exited(restarted)).code).to.equal(0)
  })

  it('status asks a node with a cluster key only with that key, and says so without it', async () => {
    const key = join(dir, 'cluster.key')
    expect((await run(['keygen', '--out', key])).code).to.equal(0)
    const node = start(['start', '--json', '--cluster-key', key])
    const address = ((await nextEvent(node, 'started')).multiaddrs as string[])[0]
    await nextEvent(node, 'registered')

    const [withKey, withoutKey] = await Promise.all([
      run(['status', '--json', '--cluster-key', key, '--node', address]),
      run(['status', '--timeout', '5000', '--node', address])
    ])
    node.kill('SIGTERM')
    await exited(node)

    expect(withKey.code, withKey.stderr).to.equal(0)
    expect(JSON.parse(withKey.stdout)).to.deep.include({ joined: true })
    expect(withoutKey.code).to.equal(1)
    expectOneLineError(withoutKey.stderr)
    expect(withoutKey.stderr).to.include(address)
  })

  it('exits 1 with one line naming the peer when no bootstrap peer answers', async () => {
    // a well-formed peer id on a port nobody listens on
    const absent = '/ip4/127.0.0.1/tcp/1/p2p/12D3KooWP7BM9Edko4C7vD2TquGHxbNR88AL4EiNi1EDbTDwueVn'
    const { code, stderr } = await run(['start', '--bootstrap', absent, '--bootstrap-timeout', '300'])

    expect(code).to.equal(1)
    expectOneLineError(stderr)
    expect(stderr).to.include(absent)
  })
})
