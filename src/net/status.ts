/**
 * `/hoard/status/1.0.0`: what `hoard status` asks a running node. The asker opens a stream and
 * writes an empty `StatusRequest`; the node answers with one `StatusResponse` (its groups, the
 * members and data groups its metadata replica records, task counters) and closes the stream.
 *
 * A protocol rather than reading the data directory: the directory's LevelDB is locked by the
 * running node, holds only what has been checkpointed, and knows nothing of roles, leaders or
 * peers; and an operator can ask a node on another host. Only peers that can connect can ask, so
 * a cluster key keeps outsiders from it as from everything else.
 */

import { pbStream } from '@libp2p/utils'
import { InvalidFrameError } from '../errors.ts'
import { StatusRequest, StatusResponse } from './pb/status.ts'
import type { AbortOptions, ComponentLogger, Logger, Startable, Stream, StreamHandler, StreamHandlerOptions } from '@libp2p/interface'

export const STATUS_PROTOCOL = '/hoard/status/1.0.0'

/** A status lists every member and group of the mesh: large meshes need room */
export const MAX_STATUS_BYTES = 8 * 1024 * 1024
/** The asker sends nothing but an empty request */
const MAX_STATUS_REQUEST_BYTES = 1024
const DEFAULT_STATUS_TIMEOUT_MS = 5_000

export interface StatusMemberReport {
  node: string
  incarnation: string
  dead: boolean
  /** The data group this incarnation founded */
  group: string
  addrs: string[]
}

/** A group this node is a member of, as its replica shows it */
export interface StatusGroupReport {
  id: string
  role: string
  term: number
  leader?: string
  voters: string[]
  learners: string[]
  commitIndex: number
  lastIndex: number
  objects: number
}

/** A data group as the metadata records it */
export interface StatusMeshGroupReport {
  id: string
  founder: string
  voters: string[]
  learners: string[]
  leader?: string
  term: number
}

export interface StatusReport {
  peerId: string
  incarnation: string
  multiaddrs: string[]
  peers: string[]
  /** Has the node registered itself in the metadata */
  joined: boolean
  members: StatusMemberReport[]
  groups: StatusGroupReport[]
  mesh: StatusMeshGroupReport[]
  tasks: { started: number, committed: number, failed: number, retries: number, active: number }
}

export interface StatusServiceComponents {
  logger: ComponentLogger
  registrar: {
    handle(protocol: string, handler: StreamHandler, options?: StreamHandlerOptions): Promise<void>
    unhandle(protocol: string, options?: AbortOptions): Promise<void>
  }
}

export interface StatusServiceInit {
  /** Limit on answering one asker (default 5 s) */
  timeoutMs?: number
}

export class StatusService implements Startable {
  private readonly components: StatusServiceComponents
  private readonly log: Logger
  private readonly timeoutMs: number
  private source?: () => StatusReport

  constructor (components: StatusServiceComponents, init: StatusServiceInit = {}) {
    this.components = components
    this.log = components.logger.forComponent('hoard:net:status')
    this.timeoutMs = init.timeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS
  }

  readonly [Symbol.toStringTag] = 'hoard:status'

  async start (): Promise<void> {
    await this.components.registrar.handle(STATUS_PROTOCOL, (stream) => { void this.answer(stream) }, { maxInboundStreams: 4, maxOutboundStreams: 4 })
  }

  async stop (): Promise<void> {
    await this.components.registrar.unhandle(STATUS_PROTOCOL)
  }

  /** Where the status comes from (the node, once it is built) */
  setSource (source: (() => StatusReport) | undefined): void {
    this.source = source
  }

  private async answer (stream: Stream): Promise<void> {
    const signal = AbortSignal.timeout(this.timeoutMs)
    try {
      const pb = pbStream(stream, { maxDataLength: MAX_STATUS_REQUEST_BYTES })
      await pb.read(StatusRequest, { signal })
      const source = this.source
      if (source == null) {
        // not ready: say nothing rather than something misleading; the asker sees the stream close
        throw new Error('the node is starting')
      }
      await pb.write(source(), StatusResponse, { signal })
      await stream.close({ signal })
    } catch (err) {
      this.log('status request failed - %e', err)
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }
}

/** A libp2p service factory: `createHoardLibp2p({ services: { status: statusService() } })` */
export function statusService (init: StatusServiceInit = {}): (components: StatusServiceComponents) => StatusService {
  return (components) => new StatusService(components, init)
}

/** Asks a node for its status over an open stream (see `fetchStatus` in status-client.ts) */
export async function readStatus (stream: Stream, options: AbortOptions = {}): Promise<StatusReport> {
  const pb = pbStream(stream, { maxDataLength: MAX_STATUS_BYTES, maxBufferSize: MAX_STATUS_BYTES + 16 })
  await pb.write({}, StatusRequest, options)
  let response: StatusResponse
  try {
    response = await pb.read(StatusResponse, options)
  } catch (err) {
    if (err instanceof Error && (err.name === 'UnexpectedEOFError' || err.name === 'StreamResetError')) {
      throw new InvalidFrameError('The node closed the stream without a status (is it still starting?)', { cause: err })
    }
    throw err
  }
  await stream.close(options)
  return checkReport(response)
}

function checkReport (report: StatusResponse): StatusReport {
  const numbers = [
    ...report.groups.flatMap(g => [g.term, g.commitIndex, g.lastIndex, g.objects]),
    ...report.mesh.map(g => g.term)
  ]
  if (numbers.some(n => !Number.isSafeInteger(n) || n < 0)) {
    throw new InvalidFrameError('The status carries a number out of range')
  }
  return {
    ...report,
    tasks: report.tasks ?? { started: 0, committed: 0, failed: 0, retries: 0, active: 0 }
  }
}
