import type { LatencySummary } from './histogram.ts'

/** The outcome of one configuration: one system, mode and concurrency */
export interface PhaseResult {
  system: string
  mode: string
  concurrency: number
  /** Operations started and completed inside the measured window */
  operations: number
  opsPerSec: number
  latency: LatencySummary
  /** Peak RSS of this process during the phase */
  peakRssBytes: number
  /** Transfers, warm-up included, that would have overdrawn and moved nothing */
  declined: number
  /** Optimistic conflicts retried, warm-up included (where the system reports them) */
  conflicts: number
}

interface Column {
  title: string
  align: 'left' | 'right'
  cell(result: PhaseResult): string
}

export function toMb (bytes: number): number {
  return Math.round(bytes / (1024 * 1024) * 10) / 10
}

function formatInteger (value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

function formatUs (valueUs: number): string {
  return valueUs < 100 ? valueUs.toFixed(1) : formatInteger(valueUs)
}

const COLUMNS: Column[] = [
  { title: 'system', align: 'left', cell: r => r.system },
  { title: 'mode', align: 'left', cell: r => r.mode },
  { title: 'conc', align: 'right', cell: r => String(r.concurrency) },
  { title: 'transfers/s', align: 'right', cell: r => formatInteger(r.opsPerSec) },
  { title: 'p50 µs', align: 'right', cell: r => formatUs(r.latency.p50Us) },
  { title: 'p99 µs', align: 'right', cell: r => formatUs(r.latency.p99Us) },
  { title: 'p999 µs', align: 'right', cell: r => formatUs(r.latency.p999Us) },
  { title: 'max µs', align: 'right', cell: r => formatUs(r.latency.maxUs) },
  { title: 'peak RSS MB', align: 'right', cell: r => toMb(r.peakRssBytes).toFixed(1) },
  { title: 'declined', align: 'right', cell: r => formatInteger(r.declined) },
  { title: 'conflicts', align: 'right', cell: r => formatInteger(r.conflicts) }
]

/** One line per phase, columns aligned */
export function formatTable (results: PhaseResult[]): string[] {
  const rows = [COLUMNS.map(column => column.title), ...results.map(result => COLUMNS.map(column => column.cell(result)))]
  const widths = COLUMNS.map((_, index) => Math.max(...rows.map(row => row[index].length)))
  const format = (row: string[]): string => row
    .map((cell, index) => COLUMNS[index].align === 'left' ? cell.padEnd(widths[index]) : cell.padStart(widths[index]))
    .join('  ')
    .trimEnd()
  const lines = rows.map(format)
  lines.splice(1, 0, widths.map(width => '-'.repeat(width)).join('  '))
  return lines
}

/** Finds the phase of one system, mode and concurrency, if it ran */
export function findPhase (results: PhaseResult[], system: string, mode: string, concurrency: number): PhaseResult | undefined {
  return results.find(r => r.system === system && r.mode === mode && r.concurrency === concurrency)
}

/** `a / b` rounded to two decimals, or null when either side did not run */
export function ratio (a: PhaseResult | undefined, b: PhaseResult | undefined): number | null {
  if (a == null || b == null || b.opsPerSec === 0) {
    return null
  }
  return Math.round(a.opsPerSec / b.opsPerSec * 100) / 100
}

export function formatRatio (value: number | null): string {
  return value == null ? 'n/a' : `${value.toFixed(2)}x`
}
