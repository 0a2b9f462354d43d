/**
 * The runner's terminal output: log lines (phases, faults, notices) and a status line. On a
 * terminal the status line updates in place, under the log lines; otherwise (CI, a pipe) each
 * status is a plain line of its own, at most one every `plainEveryMs` (about a second), and the
 * same status again only every ten seconds.
 */

/** A plain status line that has not changed is printed again after this long */
const REPEAT_MS = 10_000

export interface ProgressInit {
  stream: NodeJS.WritableStream & { isTTY?: boolean, columns?: number }
  /** Force plain lines even on a terminal */
  plain?: boolean
  plainEveryMs?: number
}

export class Progress {
  readonly tty: boolean
  private readonly stream: ProgressInit['stream']
  private readonly plainEveryMs: number
  private current = ''
  private lastPlainMs = 0
  private lastPlain = ''

  constructor (init: ProgressInit) {
    this.stream = init.stream
    this.tty = init.stream.isTTY === true && init.plain !== true
    this.plainEveryMs = init.plainEveryMs ?? 900
  }

  /** A line that stays (a phase, a fault, a notice) */
  line (text: string): void {
    if (this.tty) {
      this.stream.write(`\r\x1b[2K${text}\n${this.current}`)
    } else {
      this.stream.write(`${text}\n`)
    }
  }

  /** The status line: replaced in place on a terminal, a plain line (rate-limited) otherwise */
  status (text: string, force = false): void {
    if (this.tty) {
      const width = this.stream.columns ?? 120
      this.current = text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text
      this.stream.write(`\r\x1b[2K${this.current}`)
      return
    }
    const now = Date.now()
    // a status that has not changed is repeated only now and then
    const due = text === this.lastPlain ? REPEAT_MS : this.plainEveryMs
    if (force || now - this.lastPlainMs >= due) {
      this.lastPlainMs = now
      this.lastPlain = text
      this.stream.write(`${text}\n`)
    }
  }

  /** Ends the status line (it stays on screen) */
  done (): void {
    if (this.tty && this.current !== '') {
      this.stream.write('\n')
    }
    this.current = ''
  }
}
