type TeardownStep = () => Promise<void> | void

/**
 * Teardown steps (stop a server, remove a temp directory) that must run however the bench ends:
 * normally, on an error, or on Ctrl-C. Each step removes itself once its resource is released
 * the ordinary way.
 */
export class Teardown {
  private readonly steps = new Map<symbol, TeardownStep>()

  /** Registers a step; call the returned function once the resource was released normally */
  add (step: TeardownStep): () => void {
    const id = Symbol('teardown')
    this.steps.set(id, step)
    return () => { this.steps.delete(id) }
  }

  /** Runs every remaining step, newest first, each at most once; a failing step does not stop the rest */
  async runAll (): Promise<void> {
    const steps = [...this.steps.values()].reverse()
    this.steps.clear()
    for (const step of steps) {
      try {
        await step()
      } catch (err) {
        process.stderr.write(`teardown step failed: ${String(err)}\n`)
      }
    }
  }

  /** On SIGINT/SIGTERM: run the teardown, then exit with the conventional 128 + signal number */
  exitOnSignals (): void {
    const onSignal = (signal: NodeJS.Signals, exitCode: number): void => {
      process.stderr.write(`\n${signal}: cleaning up\n`)
      void this.runAll().finally(() => process.exit(exitCode))
    }
    process.once('SIGINT', () => { onSignal('SIGINT', 130) })
    process.once('SIGTERM', () => { onSignal('SIGTERM', 143) })
  }
}
