/** Where the CLI writes what the user reads: a line at a time, so that output is never interleaved */
export interface CliIo {
  /** Results and events */
  out(line: string): void
  /** Errors and warnings, one line each */
  err(line: string): void
}

export const processIo: CliIo = {
  out: (line) => { process.stdout.write(`${line}\n`) },
  err: (line) => { process.stderr.write(`${line}\n`) }
}
