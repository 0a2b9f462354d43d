/**
 * Real meshes: `hoard start` processes on loopback, joined through a bootstrap list, checked with
 * the status protocol that `hoard status` uses.
 */

import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'aegir/chai'
import { StatusClient } from '../../src/net/status-client.ts'
import { HoardProcess, settle } from './fixtures.ts'
import type { StatusReport } from '../../src/net/status.ts'

/** Short enough that a killed node is replaced within seconds, well above elections (210-300 ms) */
const MEMBER_DEAD_MS = 1_500
const NODE = existsSync(join(process.cwd(), 'node_modules/.bin/node')) ? join(process.cwd(), 'node_modules/.bin/node') : process.execPath

describe('meshes of hoard processes', function () {
  this.timeout(120_000)

  const processes: HoardProcess[] = []
  let client: StatusClient

  before(async () => {
    client = await StatusClient.create()
  })

  after(async () => {
    await client?.stop()
  })

  afterEach(async () => {
    // SIGKILL: a clean stop is not what these tests are about, and it saves seconds
    await Promise.all(processes.splice(0).map(async p => p.kill('SIGKILL')))
  })

  /** The first process founds the mesh; the rest join through it, all started at once */
  async function startMesh (count: number): Promise<HoardProcess[]> {
    const first = await HoardProcess.start(['--member-dead', String(MEMBER_DEAD_MS)])
    processes.push(first)
    const rest = await Promise.all(Array.from({ length: count - 1 }, async () => HoardProcess.start(['--member-dead', String(MEMBER_DEAD_MS), '--bootstrap', first.multiaddr])))
    processes.push(...rest)
    return [first, ...rest]
  }

  async function statuses (of: HoardProcess[]): Promise<StatusReport[]> {
    return Promise.all(of.map(async p => client.fetch(p.multiaddr, { timeoutMs: 3_000 })))
  }

  /** What every settled mesh must show, and what `hoard start` logged */
  function checkSettled (mesh: HoardProcess[], settled: StatusReport[]): void {
    const meta = settled.flatMap(s => s.groups.filter(g => g.id === 'meta' && g.role === 'leader'))
    expect(meta).to.have.lengthOf(1)
    expect(meta[0].voters).to.have.lengthOf(Math.min(5, mesh.length))
    for (const status of settled) {
      // every node knows every member, and every member's data group
      expect(status.members.filter(m => !m.dead).map(m => m.node).sort()).to.deep.equal(mesh.map(p => p.peerId).sort())
      expect(status.mesh.filter(g => mesh.some(p => g.founder === p.peerId))).to.have.lengthOf(mesh.length)
    }
    for (const p of mesh) {
      expect(p.events.map(e => e.event)).to.include.members(['started', 'registered', 'group:join'])
      expect(p.stderr.filter(line => /error/i.test(line)), `stderr of ${p.peerId}`).to.deep.equal([])
    }
  }

  async function run (args: string[]): Promise<{ code: number | null, stdout: string, stderr: string }> {
    const child = spawn(NODE, ['--experimental-transform-types', '--no-warnings=ExperimentalWarning', join(process.cwd(), 'src/cli/bin.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
    return new Promise(resolve => { child.on('close', code => { resolve({ code, stdout, stderr }) }) })
  }

  it('3 processes: the metadata group and every data group reach 3 members with one leader each; hoard status shows them', async () => {
    const mesh = await startMesh(3)
    checkSettled(mesh, await settle(async () => statuses(mesh), 45_000))

    const [text, json, missing] = await Promise.all([
      run(['status', '--node', mesh[1].multiaddr]),
      run(['status', '--json', '--node', ...mesh.map(p => p.multiaddr)]),
      // a peer id at a port nobody listens on
      run(['status', '--timeout', '3000', '--node', mesh[0].multiaddr.replace(/\/tcp\/\d+\//, '/tcp/1/')])
    ])
    expect(text.code, text.stderr).to.equal(0)
    expect(text.stdout).to.include(`node:         ${mesh[1].peerId}`)
    expect(text.stdout).to.include('groups on this node (4):')
    expect(text.stdout).to.include('data groups in the mesh (3')
    expect(text.stdout).to.match(/role leader, term \d+/)
    expect(json.code, json.stderr).to.equal(0)
    const reports = json.stdout.trim().split('\n').map(line => JSON.parse(line))
    expect(reports.map(r => r.peerId)).to.deep.equal(mesh.map(p => p.peerId))
    expect(missing.code).to.equal(1)
    expect(missing.stderr.trim().split('\n')).to.have.lengthOf(1)
    expect(missing.stderr).to.match(/^hoard: Cannot get the status of \/ip4\/127\.0\.0\.1\/tcp\/1\//)
  })

  it('5 processes settle; a follower killed with SIGKILL is replaced by a new process and every group is back to 3 live members', async () => {
    const mesh = await startMesh(5)
    const before = await settle(async () => statuses(mesh), 45_000)
    checkSettled(mesh, before)

    const metaLeader = before.find(s => s.groups.some(g => g.id === 'meta' && g.role === 'leader'))?.peerId
    const victim = mesh.find(p => p.peerId !== metaLeader && p !== mesh[0]) as HoardProcess
    const victimGroup = before[0].mesh.find(g => g.founder === victim.peerId)?.id
    expect(victimGroup).to.be.a('string')
    await victim.kill('SIGKILL')
    const survivors = mesh.filter(p => p !== victim)
    const newcomer = await HoardProcess.start(['--member-dead', String(MEMBER_DEAD_MS), '--bootstrap', ...survivors.map(p => p.multiaddr)])
    processes.push(newcomer)
    const after = await settle(async () => statuses([...survivors, newcomer]), 60_000)

    // the victim's own group lives on, led by a live node, with 3 live voters
    const led = after.flatMap(s => s.groups.filter(g => g.id === victimGroup && g.role === 'leader'))
    expect(led).to.have.lengthOf(1)
    expect(led[0].voters.some(v => v.startsWith(victim.peerId))).to.be.false()
    // the metadata records it dead, and the newcomer as a member
    expect(after[0].members.find(m => m.node === victim.peerId)?.dead).to.be.true()
    expect(after[0].members.find(m => m.node === newcomer.peerId)?.dead).to.be.false()
  })
})
