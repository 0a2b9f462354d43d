/**
 * CI's smoke run of a real mesh: `npm run topology -- topologies/smoke-3.json` (shortened) exits 0
 * and writes a report whose invariants hold and whose figures are there.
 */

import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'aegir/chai'
import { runTopology } from './run-script.ts'
import type { TopologyReport } from '../../scripts/topology-report.ts'

describe('topologies/smoke-3.json', function () {
  this.timeout(180_000)
  let dir: string

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoard-smoke-'))
  })

  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('runs 3 in-process nodes through the bank, exits 0, and reports every invariant holding', async () => {
    const out = join(dir, 'report')
    const exit = await runTopology(['topologies/smoke-3.json', '--duration', '4', '--out', out], 150_000)
    expect(exit.code, `${exit.stdout}\n${exit.stderr}`).to.equal(0)
    // not a terminal: plain lines, no cursor movement
    expect(exit.stdout).to.not.include('\x1b[')
    expect(exit.stdout).to.match(/smoke-3 +\d+\/4 s │ nodes 3\/3 up │ \d+ tasks\/s │ p99 /)
    expect(exit.stdout).to.include('smoke-3: passed')

    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as TopologyReport
    expect(report.topology.name).to.equal('smoke-3')
    expect(report.run.durationS).to.equal(4)
    expect(report.run.error).to.equal(undefined)
    expect(report.startup.settle?.ok).to.be.true()
    expect(report.startup.objects).to.equal(60)
    expect(report.invariants.map(i => i.name)).to.include.members(['conservation', 'items-unique', 'same-final-state', 'full-reads'])
    for (const invariant of report.invariants) {
      expect(invariant.ok, `${invariant.name}: ${invariant.detail}`).to.be.true()
    }
    expect(report.finalReads.map(r => r.node)).to.deep.equal([0, 1, 2])
    expect(report.totals?.tasks).to.be.greaterThan(0)
    expect(report.totals?.byKind.transfer).to.be.greaterThan(0)
    expect(report.series.length).to.be.at.least(4)
    expect(report.series[1].nodesUp).to.equal(3)
    expect(report.headline.invariantsFailed).to.equal(0)
    expect(report.memory?.afterSetup?.perNodeRssMB).to.be.a('number')
    expect((await stat(join(out, 'report.svg'))).size).to.be.greaterThan(1_000)
  })

  it('Ctrl-C in a long phase stops the run at once: exit 130, every node stopped, the report written', async () => {
    // 10,000 DHT lookups, a third from each node in turn: the run must not wait for them once interrupted
    const topology = JSON.parse(await readFile('topologies/smoke-3.json', 'utf8')) as Record<string, unknown>
    const file = join(dir, 'long-lookups.json')
    await writeFile(file, JSON.stringify({ ...topology, $schema: undefined, name: 'long-lookups', measure: { dhtLookups: 10_000 } }))
    const out = join(dir, 'interrupted')
    const exit = await runTopology([file, '--out', out], 150_000, /DHT lookups from node/)
    expect(exit.code, `${exit.stdout}\n${exit.stderr}`).to.equal(130)
    expect(exit.signalled, 'interrupted when the lookups began (not by the timeout)').to.be.true()
    expect(exit.stdout, 'lookups went on from the next node after Ctrl-C').to.not.include('DHT lookups from node 1')
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as TopologyReport
    expect(report.run.interrupted).to.be.true()
    expect(report.startup.settle?.ok).to.be.true()
    expect(report.dhtLookups, 'no lookup figures from an interrupted phase').to.equal(undefined)
  })
})
