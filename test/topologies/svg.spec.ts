/**
 * The report's picture: a standalone SVG with a throughput line, a p99 line that breaks where no
 * task completed, a band per fault, and text escaped.
 */

import { expect } from 'aegir/chai'
import { axisMax, escapeXml, niceCeiling, renderChart, ticks } from '../../scripts/topology-svg.ts'
import type { ChartInput } from '../../scripts/topology-svg.ts'

function chart (overrides: Partial<ChartInput> = {}): string {
  return renderChart({
    title: 'kill-owner-5: 5 nodes <processes> & "bank"',
    subtitle: 'seed 1',
    durationS: 10,
    points: Array.from({ length: 10 }, (_, t) => ({ t, tasks: 100 + t * 10, failures: t === 4 ? 7 : 0, p99Ms: t === 5 ? null : 2 + t })),
    faults: [
      { type: 'kill', label: 'kill n2', fromS: 3, toS: 6 },
      { type: 'partition', label: 'partition n3,n4', fromS: 7.5, toS: null }
    ],
    ...overrides
  })
}

/** Tags opened and closed in order (the SVG uses no CDATA, comments or processing instructions) */
function wellFormed (svg: string): boolean {
  const stack: string[] = []
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match
    if (selfClosing === '/') {
      continue
    }
    if (closing === '/') {
      if (stack.pop() !== name) {
        return false
      }
    } else {
      stack.push(name)
    }
  }
  return stack.length === 0
}

describe('topology report picture', () => {
  it('is one well-formed SVG document with both panels, the lines and a band per fault', () => {
    const svg = chart()
    expect(svg).to.match(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+" viewBox="/)
    expect(svg.trimEnd()).to.match(/<\/svg>$/)
    expect(wellFormed(svg)).to.be.true()
    expect(svg).to.include('tasks / s')
    expect(svg).to.include('p99 latency (ms)')
    expect(svg.match(/<path class="tasks"/g)).to.have.lengthOf(1)
    expect(svg.match(/<path class="failures"/g)).to.have.lengthOf(1)
    // the p99 line breaks at the second with no completed task: two runs
    expect(svg.match(/<path class="p99"/g)).to.have.lengthOf(2)
    expect(svg.match(/<g class="fault">/g)).to.have.lengthOf(2)
    expect(svg).to.include('>kill n2<')
    expect(svg).to.include('>partition n3,n4<')
    expect(svg).to.not.match(/NaN|undefined|Infinity/)
  })

  it('escapes text', () => {
    const svg = chart()
    expect(svg).to.include('kill-owner-5: 5 nodes &lt;processes&gt; &amp; &quot;bank&quot;')
    expect(escapeXml('a<b>&"\'')).to.equal('a&lt;b&gt;&amp;&quot;&apos;')
  })

  it('draws an empty run (no point, no fault) without NaN', () => {
    const svg = chart({ points: [], faults: [] })
    expect(wellFormed(svg)).to.be.true()
    expect(svg).to.not.match(/NaN|undefined|Infinity/)
    expect(svg).to.not.include('class="p99"')
    expect(svg).to.not.include('class="fault"')
  })

  it('marks where the workload stopped when tasks completed after it', () => {
    const svg = chart({ durationS: 8 })
    expect(svg).to.include('class="end"')
    expect(chart()).to.not.include('class="end"')
  })

  it('picks round axis values', () => {
    expect(niceCeiling(0.3)).to.equal(0.5)
    expect(niceCeiling(7)).to.equal(10)
    expect(niceCeiling(1_234)).to.equal(2_000)
    expect(axisMax(260)).to.equal(300)
    expect(axisMax(1)).to.equal(1)
    expect(ticks(300)).to.deep.equal([0, 100, 200, 300])
    expect(ticks(22, 10)).to.deep.equal([0, 5, 10, 15, 20])
  })
})
