import { InvalidOptionError, RemoteTaskError } from '../errors.ts'
import type { TaskReceipt } from './runner.ts'
import type { Tx } from './transaction.ts'
import type { NodeResponse, NodeTransport, SubmitRequest } from '../groups/transport.ts'

/** A task that can be run by name on any node: arguments and result are bytes the caller encodes */
export type RegisteredTask = (tx: Tx, args: Uint8Array) => Promise<Uint8Array | undefined> | Uint8Array | undefined

export interface SubmitOptions {
  /** Run on the node holding the master of this key (a hint: the task is correct anywhere) */
  near: string
  /** The task's deadline, at the node that runs it (default 10 s) */
  timeoutMs?: number
  signal?: AbortSignal
}

export interface TaskRegistryComponents {
  nodeId: string
  transport: NodeTransport
  /** Run a task here and return its receipt */
  runTask(fn: (tx: Tx) => Promise<Uint8Array | undefined>, options: { timeoutMs: number, signal?: AbortSignal }): Promise<TaskReceipt<Uint8Array | undefined>>
  /** The node that leads the group owning `key`, as far as this node can tell */
  ownerNodeOf(key: string): Promise<string | undefined>
}

const DEFAULT_TIMEOUT_MS = 10_000
const MAX_NAME_CHARS = 256
/** The network may take this much beyond the task's own deadline before the caller gives up */
const NETWORK_SLACK_MS = 2_000

/**
 * Tasks near their data (DESIGN.md, "Tasks near their data"): every node registers the same tasks
 * by name; `submit` sends one to the node holding the master of a key, which runs it there (its
 * objects are local, no handoff) and answers with the result once its commit is in the committed
 * log. Sent once: a request that timed out may have run, so it is reported, never run again here.
 */
export class TaskRegistry {
  private readonly components: TaskRegistryComponents
  private readonly tasks = new Map<string, RegisteredTask>()

  constructor (components: TaskRegistryComponents) {
    this.components = components
  }

  register (name: string, fn: RegisteredTask): void {
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_CHARS) {
      throw new InvalidOptionError(`A task name must be a string of 1 to ${MAX_NAME_CHARS} characters`)
    }
    if (typeof fn !== 'function') {
      throw new InvalidOptionError(`register("${name}") needs a task function`)
    }
    if (this.tasks.has(name)) {
      throw new InvalidOptionError(`A task is already registered as "${name}"`)
    }
    this.tasks.set(name, fn)
  }

  async submit (name: string, args: Uint8Array, options: SubmitOptions): Promise<Uint8Array | undefined> {
    if (!(args instanceof Uint8Array)) {
      throw new InvalidOptionError('submit takes its arguments as a Uint8Array')
    }
    if (typeof options?.near !== 'string') {
      throw new InvalidOptionError('submit needs { near: key }: the key whose master the task should run next to')
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
      throw new InvalidOptionError('timeoutMs must be a positive whole number of milliseconds')
    }
    const target = await this.components.ownerNodeOf(options.near).catch(() => undefined)
    if (target == null || target === this.components.nodeId) {
      return this.runHere(name, args, timeoutMs, options.signal)
    }
    const request: SubmitRequest = { type: 'submit', name, args, near: options.near, timeoutMs }
    const response = await this.components.transport.request(target, request, { timeoutMs: timeoutMs + NETWORK_SLACK_MS, signal: options.signal })
    if (response.status === 'retry') {
      // turned away before it ran (the node is starting, stopping or busy): run it here instead
      return this.runHere(name, args, timeoutMs, options.signal)
    }
    return this.result(name, target, response)
  }

  /** A task submitted by another node */
  async handle (request: SubmitRequest): Promise<NodeResponse> {
    try {
      const value = await this.runHere(request.name, request.args, request.timeoutMs)
      return { status: 'ok', outcome: 'committed', value }
    } catch (err) {
      const error = err as Error
      return { status: 'refused', reason: `${error.name}: ${error.message}` }
    }
  }

  private async runHere (name: string, args: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<Uint8Array | undefined> {
    const fn = this.tasks.get(name)
    if (fn == null) {
      throw new RemoteTaskError(name, this.components.nodeId, `No task is registered as "${name}" on ${this.components.nodeId}`)
    }
    const receipt = await this.components.runTask(async tx => fn(tx, args), { timeoutMs, signal })
    // the result leaves only once the commit is decided: nothing derived from a speculative entry leaves the node
    await receipt.committed()
    return receipt.result
  }

  private result (name: string, node: string, response: NodeResponse): Uint8Array | undefined {
    if (response.status === 'ok') {
      return response.value ?? undefined
    }
    const reason = response.reason ?? response.status
    const separator = reason.indexOf(': ')
    const remoteName = separator > 0 && /^[A-Za-z]+Error$/.test(reason.slice(0, separator)) ? reason.slice(0, separator) : undefined
    throw new RemoteTaskError(name, node, `Task "${name}" failed on ${node}: ${reason}`, remoteName)
  }
}
