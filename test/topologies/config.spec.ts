/**
 * Topology files: the shipped ones load; a bad file is refused with one line that names the field;
 * the runner exits 2 for it without a stack trace.
 */

import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'aegir/chai'
import { loadTopology, parseTopology, TopologyError } from '../../scripts/topology-config.ts'
import { checkAgainstSchema, SchemaKeywordError, SchemaMismatchError } from '../../scripts/topology-schema.ts'
import { runTopology } from './run-script.ts'

/** A valid topology to break one field at a time */
function base (): Record<string, any> {
  return {
    name: 'unit',
    nodes: 5,
    mode: 'processes',
    duration: 30,
    workload: { type: 'bank', accounts: 50 },
    faults: [{ type: 'kill', at: 5, nodes: [1], for: 3 }]
  }
}

function refusal (topology: unknown): string {
  try {
    parseTopology(topology)
  } catch (err) {
    expect(err).to.be.an.instanceOf(TopologyError)
    return (err as Error).message
  }
  throw new Error('the topology was accepted')
}

describe('topology files', () => {
  it('every shipped topology loads', async () => {
    const files = (await readdir('topologies')).filter(f => f.endsWith('.json') && f !== 'schema.json')
    expect(files).to.include.members(['smoke-3.json', 'kill-owner-5.json', 'partition-7.json', 'mmo-10.json', 'scale-50.json'])
    for (const file of files) {
      const topology = loadTopology(join('topologies', file))
      expect(`${topology.name}.json`).to.equal(file)
    }
  })

  it('fills in the schema\'s defaults', () => {
    const topology = parseTopology(base())
    expect(topology.bootstrap).to.equal('seed')
    expect(topology.storage).to.equal('memory')
    expect(topology.clusterKey).to.equal('none')
    expect(topology.seed).to.equal(1)
    expect(topology.settle).to.deep.equal({ timeout: 60, final: 30 })
    expect(topology.check.timeoutMs).to.equal(60_000)
    expect(topology.workload).to.include({ type: 'bank', accounts: 50, workers: 4, crossNode: 0.1, consistency: 'medium' })
    const mmo = parseTopology({ ...base(), workload: { type: 'mmo', mix: { trade: 0 } } })
    expect(mmo.workload).to.deep.include({ mix: { move: 70, pickup: 12, drop: 8, trade: 0 } })
    expect(mmo.workload).to.deep.include({ levels: { move: 'low', pickup: 'medium', drop: 'medium', trade: 'exact' } })
  })

  it('names the field of every mistake', () => {
    const cases: Array<[(t: Record<string, any>) => void, RegExp]> = [
      [t => { delete t.nodes }, /^nodes: is required$/],
      [t => { t.nodes = 0 }, /^nodes: must be at least 1 \(got 0\)$/],
      [t => { t.nodes = 2.5 }, /^nodes: must be an integer \(got 2\.5\)$/],
      [t => { t.mode = 'proc' }, /^mode: must be one of "in-process", "processes" \(got "proc"\)$/],
      [t => { t.bootstrap = 'star' }, /^bootstrap: must be one of "seed", "chain", "ring", "full"/],
      [t => { t.nodez = 3 }, /^nodez: unknown field \(did you mean "nodes"\?\); known: /],
      [t => { t.clusterKey = 'abc' }, /^clusterKey: must match/],
      [t => { t.duration = 0 }, /^duration: must be more than 0 \(got 0\)$/],
      [t => { t.workload = { accounts: 5 } }, /^workload\.type: is required: one of "bank", "mmo"$/],
      [t => { t.workload.type = 'chess' }, /^workload\.type: must be one of "bank", "mmo" \(got "chess"\)$/],
      [t => { t.workload.acounts = 5 }, /^workload\.acounts: unknown field \(did you mean "accounts"\?\)/],
      [t => { t.workload.accounts = '50' }, /^workload\.accounts: must be an integer \(got "50"\)$/],
      [t => { t.workload.accounts = 3 }, /^workload\.accounts: must be at least the node count, 5/],
      [t => { t.workload.consistency = 'strong' }, /^workload\.consistency: must be one of "none", "low", "medium", "high", "exact" \(got "strong"\)$/],
      [t => { t.workload = { type: 'mmo', levels: { trade: 'serializable' } } }, /^workload\.levels\.trade: must be one of/],
      [t => { t.workload = { type: 'mmo', mix: { move: 0, pickup: 0, drop: 0, trade: 0 } } }, /^workload\.mix: gives every action weight 0/],
      [t => { t.faults[0].type = 'reboot' }, /^faults\[0\]\.type: must be one of "kill", "pause", "partition", "restart-all" \(got "reboot"\)$/],
      [t => { delete t.faults[0].at }, /^faults\[0\]\.at: is required$/],
      [t => { t.faults[0].at = 'soon' }, /^faults\[0\]\.at: must be a number, or an array \(got "soon"\)$/],
      [t => { t.faults[0].at = [1, 2, 3] }, /^faults\[0\]\.at: must have exactly 2 items \(got 3\)$/],
      [t => { t.faults[0].at = [20, 10] }, /^faults\[0\]\.at: the range \[20, 10\] ends before it starts$/],
      [t => { t.faults[0].at = 30 }, /^faults\[0\]\.at: 30 s is not inside the run \(duration 30 s\)$/],
      [t => { t.faults[0].nodes = [1, 7] }, /^faults\[0\]\.nodes\[1\]: node 7 does not exist \(the mesh has nodes 0-4\)$/],
      [t => { t.faults[0].nodes = [1, 1] }, /^faults\[0\]\.nodes\[1\]: repeats 1: items must be unique$/],
      [t => { t.faults[0].nodes = 'leader' }, /^faults\[0\]\.nodes: must be an array, or an object with "random", or "owner" \(got "leader"\)$/],
      [t => { t.faults[0].nodes = { random: 9 } }, /^faults\[0\]\.nodes\.random: asks for 9 nodes; the mesh has 5$/],
      [t => { t.faults[0] = { type: 'pause', at: 5, nodes: [1] } }, /^faults\[0\]\.for: is required$/],
      [t => { t.faults[0] = { type: 'partition', at: 5, nodes: [0, 1, 2, 3, 4], for: 2 } }, /^faults\[0\]\.nodes: cuts off 5 of 5 nodes/],
      [t => { t.mode = 'in-process' }, /^faults\[0\]\.type: "kill" needs "mode": "processes"/],
      [t => { t.check = { nodes: 6 } }, /^check\.nodes: must be at most the node count, 5 \(got 6\)$/],
      [t => { t.faults[0] = { type: 'restart-all', at: 5, for: 2 } }, /^faults\[0\]\.type: "restart-all" needs "storage": "disk"/],
      [t => { t.storage = 'disk'; t.faults[0] = { type: 'restart-all', at: 5 } }, /^faults\[0\]\.for: is required$/],
      [t => { t.storage = 'disk'; t.faults[0] = { type: 'restart-all', at: 5, for: 2, nodes: [1] } }, /^faults\[0\]\.nodes: unknown field/],
      [t => { t.storage = 'disk'; t.mode = 'in-process'; t.faults[0] = { type: 'restart-all', at: 5, for: 2 } }, /^faults\[0\]\.type: "restart-all" needs "mode": "processes"/]
    ]
    for (const [breakIt, expected] of cases) {
      const topology = base()
      breakIt(topology)
      expect(refusal(topology)).to.match(expected)
    }
    expect(refusal([])).to.match(/^\(top level\): must be an object \(got an array of 0\)$/)
  })

  it('accepts partitions in-process, and kill, pause and restart-all (on disk) in processes', () => {
    parseTopology({ ...base(), mode: 'in-process', faults: [{ type: 'partition', at: 1, nodes: { random: 2 }, for: 5 }] })
    parseTopology({ ...base(), faults: [{ type: 'pause', at: [1, 5], nodes: 'owner', for: 2 }, { type: 'kill', at: 3, nodes: [4] }] })
    parseTopology({ ...base(), storage: 'disk', faults: [{ type: 'restart-all', at: [5, 10], for: 0 }] })
  })

  it('the failover tests\' topologies load', async () => {
    for (const file of (await readdir('test/failover/topologies')).filter(f => f.endsWith('.json'))) {
      const topology = loadTopology(join('test/failover/topologies', file))
      expect(`${topology.name}.json`).to.equal(`failover-${file}`)
      expect(topology.nodes).to.equal(5)
      expect(topology.storage).to.equal('disk')
    }
  })

  it('refuses unreadable files and bad JSON with the file named', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hoard-topology-'))
    try {
      expect(() => loadTopology(join(dir, 'missing.json'))).to.throw(TopologyError, /missing\.json: no such file$/)
      await writeFile(join(dir, 'broken.json'), '{ "name": "x", }')
      expect(() => loadTopology(join(dir, 'broken.json'))).to.throw(TopologyError, /broken\.json: not valid JSON: /)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('the schema interpreter refuses keywords it does not implement', () => {
    expect(() => { checkAgainstSchema(1, { type: 'integer', multipleOf: 2 }) }).to.throw(SchemaKeywordError, /"multipleOf"/)
    expect(() => { checkAgainstSchema({ a: 1 }, { type: 'object', additionalProperties: { type: 'string' } }) }).to.throw(SchemaKeywordError)
    const err = (() => {
      try {
        checkAgainstSchema({ list: [1, 'x'] }, { type: 'object', properties: { list: { type: 'array', items: { type: 'number' } } } })
      } catch (e) {
        return e as SchemaMismatchError
      }
    })()
    expect(err).to.be.an.instanceOf(SchemaMismatchError)
    expect(err?.field).to.equal('list[1]')
  })

  describe('the runner', function () {
    this.timeout(60_000)
    let dir: string

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'hoard-topology-'))
    })

    after(async () => {
      await rm(dir, { recursive: true, force: true })
    })

    it('exits 2 with one line naming the field for a bad file, and starts nothing', async () => {
      const file = join(dir, 'bad.json')
      await writeFile(file, JSON.stringify({ ...base(), mode: 'in-process' }))
      const exit = await runTopology([file, '--out', join(dir, 'report')])
      expect(exit.code).to.equal(2)
      const lines = exit.stderr.trimEnd().split('\n')
      expect(lines).to.have.lengthOf(1, exit.stderr)
      expect(lines[0]).to.match(/^topology: .*bad\.json: faults\[0\]\.type: "kill" needs "mode": "processes"/)
      expect(exit.stderr).to.not.match(/^\s+at /m)
      expect(exit.stdout).to.equal('')
    })

    it('exits 2 for a bad flag', async () => {
      const exit = await runTopology(['topologies/smoke-3.json', '--duration', 'soon'])
      expect(exit.code).to.equal(2)
      expect(exit.stderr.trimEnd().split('\n')).to.have.lengthOf(1)
      expect(exit.stderr).to.match(/^topology: .*--duration.*must be a positive number of seconds/)
    })
  })
})
