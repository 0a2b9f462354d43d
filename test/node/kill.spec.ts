import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { expect } from 'aegir/chai'
import { INITIAL_BALANCE, checkPrefix } from '../fixtures/bank.ts'
import { startCore } from '../fixtures/core.ts'
import type { Done } from '../fixtures/bank.ts'

const ACCOUNTS = 6
const worker = join(process.cwd(), 'test/fixtures/transfer-worker.ts')

/** Start the worker, let it report `lines` transfers, kill -9 it; return what it reported */
async function runAndKill (dataDir: string, firstId: number, lines: number): Promise<Done[]> {
  const child = spawn(process.execPath, ['--experimental-transform-types', '--no-warnings', worker, dataDir, String(ACCOUNTS), String(firstId)], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const exited = new Promise<number | null>(resolve => child.on('exit', (_code, signal) => { resolve(signal == null ? _code : -1) }))
  const done: Done[] = []
  const reader = createInterface({ input: child.stdout })
  let ready = false
  // read to the end of the pipe: lines the child wrote before it died are transfers it completed
  for await (const line of reader) {
    if (line === 'ready') {
      ready = true
      continue
    }
    done.push(JSON.parse(line))
    if (done.length === lines) {
      child.kill('SIGKILL')
    }
  }
  await exited
  expect(ready, 'the worker started').to.be.true()
  return done
}

describe('kill -9 mid-workload', function () {
  this.timeout(180_000)
  let dir: string

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoard-kill-'))
  })

  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('recovers a prefix of the reported transfers, every durable one included, over several kills', async () => {
    let before = Array.from({ length: ACCOUNTS }, () => INITIAL_BALANCE)
    let firstId = 0
    let kept = 0
    let reported = 0
    for (let round = 0; round < 3; round++) {
      const done = await runAndKill(dir, firstId, 300 + round * 200)
      reported += done.length
      const core = await startCore({ dataDir: dir, nodeId: 'kill-test-node' })
      try {
        // ids are handed out in order across 8 workers: the ones in flight at the kill are the
      // unreported ids up to 8 past the highest reported one
        const reportedIds = new Set(done.map(d => d.id))
        const highest = Math.max(firstId, ...done.map(d => d.id))
        const unreported: number[] = []
        for (let id = firstId; id <= highest + 8; id++) {
          if (!reportedIds.has(id)) {
            unreported.push(id)
          }
        }
        const { survivors, balances } = await checkPrefix(core, ACCOUNTS, done, before, unreported)
        kept += survivors.length
        expect(balances.reduce((a, b) => a + b, 0)).to.equal(ACCOUNTS * INITIAL_BALANCE)
        before = balances
        firstId += 1_000_000
      } finally {
        await core.stop()
      }
    }
    expect(kept, `kept ${kept} of ${reported} reported transfers`).to.be.greaterThan(0)
  })
})
