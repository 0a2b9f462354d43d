import { expect } from 'aegir/chai'
import { SCHEDULES } from '../../src/sim/faults.ts'
import { runSeed } from '../../src/sim/run-seed.ts'

/** How many seeded schedules CI runs; `npm run sim -- --seeds N` runs more */
const SEEDS = 500

describe('seeded fault schedules', function () {
  this.timeout(120_000)

  it(`${SEEDS} schedules pass the invariant checker`, async () => {
    const failures: string[] = []
    const kinds = new Set<string>()
    let checks = 0
    for (let seed = 0; seed < SEEDS; seed++) {
      const result = await runSeed({ seed })
      kinds.add(result.schedule)
      checks += result.checks
      if (!result.ok) {
        failures.push(`seed ${seed} (${result.schedule}): ${[...result.violations.map(v => `${v.invariant}: ${v.message}`), ...result.errors].slice(0, 2).join('; ')} -- replay: npm run sim -- --seed ${seed} --trace`)
      }
    }
    expect(failures).to.deep.equal([])
    // every kind of schedule ran (a kind's runs may carry a variant suffix)
    const ran = [...kinds]
    expect(SCHEDULES.filter(kind => !ran.some(name => name.startsWith(kind.name))).map(kind => kind.name)).to.deep.equal([])
    expect(checks).to.be.above(SEEDS * 1000)
  })

  it('replays a seed exactly', async () => {
    const first = await runSeed({ seed: 77, trace: true })
    const second = await runSeed({ seed: 77, trace: true })
    expect(second.trace).to.deep.equal(first.trace)
    expect(second.checks).to.equal(first.checks)
  })
})
