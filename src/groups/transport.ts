import type { GroupCommand } from './commands.ts'
import type { RaftMessage } from '../consensus/messages.ts'

/** A consensus message of one of the node's groups */
export type GroupMessage = RaftMessage<GroupCommand>

/** A node asks to join the mesh (sent to any member; forwarded to the metadata group's leader) */
export interface JoinRequest {
  readonly type: 'join'
  readonly node: string
  readonly incarnation: string
  /** The data group this incarnation founded */
  readonly group: string
  readonly addrs: readonly string[]
}

/** A data group's leader reports the group's membership (to the metadata group's leader) */
export interface GroupReport {
  readonly type: 'group-report'
  readonly group: string
  readonly founder: string
  readonly voters: readonly string[]
  readonly learners: readonly string[]
  readonly leader: string
  readonly term: number
}

export type NodeRequest = JoinRequest | GroupReport

/**
 * `ok`: done. `redirect`: ask `leader` (a node id) instead, the metadata group's leader as this
 * node knows it. `retry`: nobody here can answer now (no leader known); try again later.
 */
export interface NodeResponse {
  readonly status: 'ok' | 'redirect' | 'retry'
  readonly leader?: string
  readonly reason?: string
}

/**
 * How a node reaches other nodes. Implemented over libp2p streams (`src/net`) and by the
 * simulator (`src/sim`). Consensus messages are best effort: they may be lost, delayed,
 * duplicated or reordered, never corrupted. Requests get one response or fail.
 */
export interface NodeTransport {
  send(toNode: string, message: GroupMessage): void
  request(toNode: string, request: NodeRequest, options: { signal?: AbortSignal, timeoutMs: number }): Promise<NodeResponse>
}

/** What a node offers its transport: where incoming messages and requests go */
export interface NodeEndpoint {
  receive(fromNode: string, message: GroupMessage): void
  handle(fromNode: string, request: NodeRequest): Promise<NodeResponse>
}
