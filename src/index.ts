/**
 * @packageDocumentation
 *
 * hoard: a peer-to-peer, transactional object store for MMO game servers. Every node is the same
 * program; game code runs short transactional tasks against objects that live somewhere in the
 * mesh.
 *
 * @example
 *
 * ```ts
 * import { createNode } from 'hoard'
 *
 * const node = await createNode({ dataDir: './data' })
 * const gold = await node.run(async tx => {
 *   const bytes = await tx.get('player/1/gold')
 *   const value = bytes == null ? 0 : Number(new TextDecoder().decode(bytes))
 *   tx.put('player/1/gold', new TextEncoder().encode(String(value + 10)))
 *   return value + 10
 * })
 * await node.stop()
 * ```
 */

export { createNode } from './node.ts'
export type { HoardInit, HoardNode, HoardEvents, NodeStatus, PeerEventDetail, GroupEventDetail, GroupRoleEventDetail } from './node.ts'
export type { StatusReport, StatusMemberReport, StatusGroupReport, StatusMeshGroupReport } from './net/status.ts'
export type { TransportStats } from './net/transport.ts'
export type { TaskLostDetail, ClockFenceEventDetail } from './node-core.ts'
export type { Tx } from './txn/transaction.ts'
export type { TaskFunction, TaskReceipt, TaskRunnerStats } from './txn/runner.ts'
export type { RegisteredTask, SubmitOptions } from './txn/registry.ts'
export type { RunOptions, Consistency, AcceptPredicate, TaskDefaults } from './txn/options.ts'
export { CONSISTENCY_LEVELS } from './txn/options.ts'
export type { CommitToken } from './txn/token.ts'
export { formatToken, parseToken } from './txn/token.ts'
export type { CommitStatus } from './groups/commit-tracker.ts'
export type { Limits } from './store/limits.ts'
export { DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES } from './store/limits.ts'
export type { RaftTiming } from './consensus/raft.ts'
export {
  AbortError,
  BootstrapError,
  ClockOffsetError,
  ClockUnavailableError,
  CommitInDoubtError,
  CommitLostError,
  CorruptDataError,
  CriticalCheckFailedError,
  FrameTooLargeError,
  InvalidFrameError,
  InvalidKeyError,
  InvalidOptionError,
  InvalidTokenError,
  InvalidValueError,
  NotLeaderError,
  NotStartedError,
  OwnedElsewhereError,
  PeerUnreachableError,
  RemoteTaskError,
  RequestFailedError,
  RequestTimeoutError,
  RetriesExhaustedError,
  TaskAbortedError,
  TaskEndedError,
  TaskTimeoutError,
  ValueTooLargeError
} from './errors.ts'
export type { AbortReason } from './errors.ts'
