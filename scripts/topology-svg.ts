/**
 * The picture of a run, as a standalone SVG written by hand: tasks per second (and failures) over
 * time above, p99 latency below, on one time axis, with each fault drawn as a shaded band across
 * both panels from when it struck to when it ended.
 */

export interface ChartPoint {
  /** Second of the run */
  t: number
  tasks: number
  failures: number
  p99Ms: number | null
}

export interface ChartFault {
  type: 'kill' | 'pause' | 'partition'
  label: string
  fromS: number
  /** null: still in force at the end */
  toS: number | null
}

export interface ChartInput {
  title: string
  subtitle?: string
  durationS: number
  points: ChartPoint[]
  faults: ChartFault[]
}

const WIDTH = 960
const HEIGHT = 560
const LEFT = 70
const RIGHT = 24
const PANEL_HEIGHT = 180
const THROUGHPUT_TOP = 92
const LATENCY_TOP = THROUGHPUT_TOP + PANEL_HEIGHT + 56
const PLOT_WIDTH = WIDTH - LEFT - RIGHT

const COLORS = {
  tasks: '#2563eb',
  failures: '#dc2626',
  p99: '#d97706',
  grid: '#e5e7eb',
  axis: '#6b7280',
  text: '#111827',
  fault: { kill: '#ef4444', pause: '#f59e0b', partition: '#8b5cf6' }
}

export function renderChart (input: ChartInput): string {
  const end = Math.max(1, input.durationS, ...input.points.map(p => p.t + 1), ...input.faults.map(f => f.toS ?? 0))
  const x = (seconds: number): number => LEFT + (Math.min(Math.max(seconds, 0), end) / end) * PLOT_WIDTH
  const taskMax = axisMax(Math.max(1, ...input.points.map(p => Math.max(p.tasks, p.failures))))
  const latencyMax = axisMax(Math.max(1, ...input.points.map(p => p.p99Ms ?? 0)))
  const parts: string[] = []

  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`)
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`)
  parts.push(`<text x="${LEFT}" y="28" font-size="18" font-weight="600" fill="${COLORS.text}">${escapeXml(input.title)}</text>`)
  if (input.subtitle != null) {
    parts.push(`<text x="${LEFT}" y="48" fill="${COLORS.axis}">${escapeXml(input.subtitle)}</text>`)
  }
  parts.push(legend())

  // faults first, under the lines
  for (const [i, fault] of input.faults.entries()) {
    const from = x(fault.fromS)
    const to = Math.max(from + 2, x(fault.toS ?? end))
    const color = COLORS.fault[fault.type]
    const top = THROUGHPUT_TOP
    const bottom = LATENCY_TOP + PANEL_HEIGHT
    parts.push(`<g class="fault"><rect x="${fmt(from)}" y="${top}" width="${fmt(to - from)}" height="${bottom - top}" fill="${color}" fill-opacity="0.12"/>`)
    parts.push(`<line x1="${fmt(from)}" y1="${top}" x2="${fmt(from)}" y2="${bottom}" stroke="${color}" stroke-width="1.5" stroke-dasharray="4 3"/>`)
    // labels stagger over three rows so that faults close in time stay readable
    parts.push(`<text x="${fmt(from + 3)}" y="${top + 12 + (i % 3) * 13}" fill="${color}" font-size="11">${escapeXml(fault.label)}</text></g>`)
  }

  parts.push(panel(THROUGHPUT_TOP, taskMax, 'tasks / s', end, x))
  parts.push(panel(LATENCY_TOP, latencyMax, 'p99 latency (ms)', end, x))
  if (input.durationS < end) {
    // what completes after this was in flight when the workload stopped
    const stop = x(input.durationS)
    parts.push(`<line class="end" x1="${fmt(stop)}" y1="${THROUGHPUT_TOP}" x2="${fmt(stop)}" y2="${LATENCY_TOP + PANEL_HEIGHT}" stroke="${COLORS.axis}" stroke-dasharray="2 3"/>`)
    parts.push(`<text x="${fmt(stop + 3)}" y="${LATENCY_TOP + PANEL_HEIGHT - 6}" fill="${COLORS.axis}" font-size="11">stop</text>`)
  }

  const ordered = [...input.points].sort((a, b) => a.t - b.t)
  const at = (p: ChartPoint): number => x(p.t + 0.5)
  const yTasks = (value: number): number => THROUGHPUT_TOP + PANEL_HEIGHT - (value / taskMax) * PANEL_HEIGHT
  const yLatency = (value: number): number => LATENCY_TOP + PANEL_HEIGHT - (Math.min(value, latencyMax) / latencyMax) * PANEL_HEIGHT
  parts.push(polyline(ordered.map(p => [at(p), yTasks(p.tasks)]), COLORS.tasks, 'tasks'))
  if (ordered.some(p => p.failures > 0)) {
    parts.push(polyline(ordered.map(p => [at(p), yTasks(p.failures)]), COLORS.failures, 'failures'))
  }
  // a second with no completed task has no p99: the line breaks there
  const runs: Array<Array<[number, number]>> = [[]]
  for (const p of ordered) {
    if (p.p99Ms == null) {
      runs.push([])
    } else {
      runs[runs.length - 1].push([at(p), yLatency(p.p99Ms)])
    }
  }
  for (const run of runs.filter(r => r.length > 0)) {
    parts.push(run.length === 1
      ? `<circle class="p99" cx="${fmt(run[0][0])}" cy="${fmt(run[0][1])}" r="2" fill="${COLORS.p99}"/>`
      : polyline(run, COLORS.p99, 'p99'))
  }

  // the time axis, under the lower panel
  const axisY = LATENCY_TOP + PANEL_HEIGHT
  for (const tick of ticks(end, 10)) {
    parts.push(`<text x="${fmt(x(tick))}" y="${axisY + 16}" text-anchor="middle" fill="${COLORS.axis}">${tick}</text>`)
  }
  parts.push(`<text x="${LEFT + PLOT_WIDTH / 2}" y="${axisY + 34}" text-anchor="middle" fill="${COLORS.axis}">seconds since the workload started</text>`)
  parts.push('</svg>')
  return parts.join('\n') + '\n'
}

function panel (top: number, max: number, label: string, end: number, x: (s: number) => number): string {
  const parts: string[] = []
  const bottom = top + PANEL_HEIGHT
  for (const tick of ticks(max)) {
    const y = bottom - (tick / max) * PANEL_HEIGHT
    parts.push(`<line x1="${LEFT}" y1="${fmt(y)}" x2="${LEFT + PLOT_WIDTH}" y2="${fmt(y)}" stroke="${COLORS.grid}"/>`)
    parts.push(`<text x="${LEFT - 6}" y="${fmt(y + 4)}" text-anchor="end" fill="${COLORS.axis}">${formatTick(tick)}</text>`)
  }
  for (const tick of ticks(end, 10)) {
    parts.push(`<line x1="${fmt(x(tick))}" y1="${bottom}" x2="${fmt(x(tick))}" y2="${bottom + 4}" stroke="${COLORS.axis}"/>`)
  }
  parts.push(`<line x1="${LEFT}" y1="${bottom}" x2="${LEFT + PLOT_WIDTH}" y2="${bottom}" stroke="${COLORS.axis}"/>`)
  parts.push(`<line x1="${LEFT}" y1="${top}" x2="${LEFT}" y2="${bottom}" stroke="${COLORS.axis}"/>`)
  parts.push(`<text x="${LEFT}" y="${top - 8}" font-weight="600" fill="${COLORS.text}">${escapeXml(label)}</text>`)
  return parts.join('\n')
}

function legend (): string {
  const items: Array<[string, string]> = [
    ['tasks/s', COLORS.tasks], ['failures/s', COLORS.failures], ['p99', COLORS.p99],
    ['kill', COLORS.fault.kill], ['pause', COLORS.fault.pause], ['partition', COLORS.fault.partition]
  ]
  let left = LEFT
  const parts: string[] = []
  for (const [label, color] of items) {
    parts.push(`<rect x="${left}" y="60" width="12" height="12" fill="${color}" fill-opacity="${['kill', 'pause', 'partition'].includes(label) ? 0.35 : 1}"/>`)
    parts.push(`<text x="${left + 16}" y="70" fill="${COLORS.axis}">${label}</text>`)
    left += 24 + label.length * 7
  }
  return parts.join('\n')
}

function polyline (points: Array<[number, number]>, color: string, name: string): string {
  if (points.length === 0) {
    return ''
  }
  const d = points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${fmt(px)},${fmt(py)}`).join(' ')
  return `<path class="${name}" d="${d}" fill="none" stroke="${color}" stroke-width="1.8" stroke-linejoin="round"/>`
}

/** The smallest 1, 2 or 5 times a power of ten at or above `value` */
export function niceCeiling (value: number): number {
  if (!(value > 0)) {
    return 1
  }
  const power = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value) {
      return step * power
    }
  }
  return 10 * power
}

/** The top of a value axis: `value` rounded up to a whole number of ticks */
export function axisMax (value: number): number {
  const step = niceCeiling(value / 5)
  return Math.ceil(value / step - 1e-9) * step
}

/** Round tick values from 0 to `max`, about `count` of them */
export function ticks (max: number, count = 5): number[] {
  const step = niceCeiling(max / count)
  const values: number[] = []
  for (let value = 0; value <= max + step * 1e-9; value += step) {
    values.push(Number(value.toPrecision(12)))
  }
  return values
}

function formatTick (value: number): string {
  return value >= 10_000 ? `${value / 1_000}k` : String(value)
}

function fmt (value: number): string {
  return Number.isFinite(value) ? value.toFixed(1) : '0'
}

export function escapeXml (text: string): string {
  return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string)
}
