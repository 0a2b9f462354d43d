/**
 * Every error hoard raises on purpose is one of these classes. Callers test `err.name` (stable
 * across releases) or use `instanceof`.
 */

/** A key is not a non-empty string of at most `maxKeyBytes` UTF-8 bytes, or uses a reserved prefix */
export class InvalidKeyError extends Error {
  override readonly name = 'InvalidKeyError'
  constructor (message = 'Invalid key') { super(message) }
}

/** A value is not a Uint8Array */
export class InvalidValueError extends Error {
  override readonly name = 'InvalidValueError'
  constructor (message = 'Values must be Uint8Arrays') { super(message) }
}

/** A value is larger than `maxValueBytes` */
export class ValueTooLargeError extends Error {
  override readonly name = 'ValueTooLargeError'
  constructor (message = 'Value too large') { super(message) }
}

/** An option passed to hoard is out of range or of the wrong type */
export class InvalidOptionError extends Error {
  override readonly name = 'InvalidOptionError'
  constructor (message = 'Invalid option') { super(message) }
}

/** The task handle was used after its attempt ended (after `run` settled, or after a retry began) */
export class TaskEndedError extends Error {
  override readonly name = 'TaskEndedError'
  constructor (message = 'The task has ended; its handle can no longer be used') { super(message) }
}

/**
 * An attempt of a task was rolled back: by a conflict (first committer wins), a wound from an older
 * task, or a failed validation. `run` retries these on its own; one reaches the caller only as the
 * `cause` of a `RetriesExhaustedError`.
 */
export class TaskAbortedError extends Error {
  override readonly name = 'TaskAbortedError'
  /** why the attempt was rolled back */
  readonly reason: AbortReason
  readonly key?: string
  constructor (reason: AbortReason, message: string, key?: string) {
    // Without a stack trace: these are made on the hot path (every conflict and wound, several
    // per retried attempt) and capturing a trace, async frames included, cost more than the
    // attempt itself. The trace would show only hoard's internals; the message says what happened.
    const stackTraceLimit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    super(message)
    Error.stackTraceLimit = stackTraceLimit
    this.reason = reason
    this.key = key
  }
}

/**
 * conflict: first committer wins, or a snapshot too old; wounded: an older task took an intent;
 * validation: an `exact` task's read changed; deposed: the group's leader changed and speculative
 * versions were cut; unavailable: the group could not commit at that moment (no lease)
 */
export type AbortReason = 'conflict' | 'wounded' | 'validation' | 'deposed' | 'unavailable'

/** A task was retried as often as its options allow, or until its deadline; `cause` is the last abort */
export class RetriesExhaustedError extends Error {
  override readonly name = 'RetriesExhaustedError'
  readonly attempts: number
  constructor (attempts: number, cause: Error, message?: string) {
    super(message ?? `Task gave up after ${attempts} attempt(s): ${cause.message}`, { cause })
    this.attempts = attempts
  }
}

/** A task ran past its `timeoutMs` */
export class TaskTimeoutError extends Error {
  override readonly name = 'TaskTimeoutError'
  constructor (message = 'Task timed out') { super(message) }
}

/** The caller's AbortSignal fired */
export class AbortError extends Error {
  override readonly name = 'AbortError'
  constructor (message = 'The operation was aborted') { super(message) }
}

/** A `high` level task's critical-attribute check found a value the caller's predicate does not accept */
export class CriticalCheckFailedError extends Error {
  override readonly name = 'CriticalCheckFailedError'
  readonly key: string
  constructor (key: string, message?: string) {
    super(message ?? `Critical check failed for key "${key}": the master's value is not acceptable`)
    this.key = key
  }
}

/** A commit was lost: its group's committed log holds an entry of another term at its index */
export class CommitLostError extends Error {
  override readonly name = 'CommitLostError'
  constructor (message = 'The commit was lost') { super(message) }
}

/**
 * The outcome of a commit could not be learned before the deadline (or the node stopped while a
 * durable task waited for it); ask again later with its token
 */
export class CommitInDoubtError extends Error {
  override readonly name = 'CommitInDoubtError'
  /** The commit's token, in `group:term:index:position` form, when known */
  readonly token?: string
  constructor (message = 'The outcome of the commit is not known yet', token?: string, cause?: Error) {
    super(message, { cause })
    this.token = token
  }
}

/** A commit token string could not be parsed */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError'
  constructor (message = 'Invalid commit token') { super(message) }
}

/** A remote timestamp is further ahead of this node's clock than the maximum offset allows */
export class ClockOffsetError extends Error {
  override readonly name = 'ClockOffsetError'
  constructor (message = 'Remote clock is beyond the maximum offset') { super(message) }
}

/** The clock cannot issue readings: the persisted upper bound was not renewed in time */
export class ClockUnavailableError extends Error {
  override readonly name = 'ClockUnavailableError'
  constructor (message = 'The clock\'s persisted upper bound has not been renewed; refusing to issue timestamps') { super(message) }
}

/** The node is not running (not started yet, or stopped) */
export class NotStartedError extends Error {
  override readonly name = 'NotStartedError'
  constructor (message = 'The node is not running') { super(message) }
}

/** This node cannot commit for the group right now (not its leader, or its lease has lapsed) */
export class NotLeaderError extends Error {
  override readonly name = 'NotLeaderError'
  constructor (message = 'This node does not lead the group') { super(message) }
}

/** Stored data could not be decoded or breaks an invariant: refuse to serve rather than guess */
export class CorruptDataError extends Error {
  override readonly name = 'CorruptDataError'
  constructor (message = 'Stored data is corrupt') { super(message) }
}

/** No bootstrap peer was reached in time; the node keeps running and retrying (`unreachable` names them) */
export class BootstrapError extends Error {
  override readonly name = 'BootstrapError'
  readonly unreachable: string[]
  constructor (unreachable: string[] = [], message?: string) {
    super(message ?? `Could not reach any bootstrap peer: ${unreachable.length === 0 ? '(none given)' : unreachable.join(', ')}`)
    this.unreachable = unreachable
  }
}

/**
 * A master record (or a DHT record carrying one) is malformed, oversized, signed by another key than
 * its leader's, or stored under a key that is not its own: it is refused, never applied
 */
export class InvalidRecordError extends Error {
  override readonly name = 'InvalidRecordError'
  constructor (message = 'Invalid master record', options?: ErrorOptions) { super(message, options) }
}

/** A master record is older (a lower epoch) than the one already held for its key: it is refused */
export class StaleRecordError extends Error {
  override readonly name = 'StaleRecordError'
  constructor (message = 'A newer master record is already held for this key') { super(message) }
}

/**
 * A frame from a peer could not be decoded, broke a size limit, or carried an invalid field: it is
 * dropped and counted, and the stream it came on is reset
 */
export class InvalidFrameError extends Error {
  override readonly name = 'InvalidFrameError'
  constructor (message = 'Invalid frame', options?: ErrorOptions) { super(message, options) }
}

/** A message to send encodes to more bytes than a frame may carry: it is not sent */
export class FrameTooLargeError extends Error {
  override readonly name = 'FrameTooLargeError'
  constructor (message = 'Message too large for one frame') { super(message) }
}

/** No stream to the node could be opened (no address known, dial failed, or refused) */
export class PeerUnreachableError extends Error {
  override readonly name = 'PeerUnreachableError'
  readonly peer: string
  constructor (peer: string, message?: string, options?: ErrorOptions) {
    super(message ?? `Cannot reach node ${peer}`, options)
    this.peer = peer
  }
}

/** A request to another node got no response within its `timeoutMs` */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError'
  constructor (message = 'The request timed out') { super(message) }
}

/**
 * A request to another node failed without a usable answer: the stream closed before the
 * response, too many requests were in flight, or the node answered with an error (`reason`)
 */
export class RequestFailedError extends Error {
  override readonly name = 'RequestFailedError'
  constructor (message = 'The request failed', options?: ErrorOptions) { super(message, options) }
}

/**
 * A key another group owns could not be used here: an `exact` task read a key that is absent and
 * whose creation another group decides, or a write of a key another group owns lost a creation race.
 */
export class OwnedElsewhereError extends Error {
  override readonly name = 'OwnedElsewhereError'
  readonly key: string
  readonly owner: string
  constructor (key: string, owner: string, message?: string) {
    super(message ?? `"${key}" is owned by group ${owner}; a task can only write keys its own node's group owns`)
    this.key = key
    this.owner = owner
  }
}

/** A task submitted to another node (`node.submit`) failed there, or no task is registered there under its name */
export class RemoteTaskError extends Error {
  override readonly name = 'RemoteTaskError'
  /** The registered name of the task */
  readonly task: string
  /** The node that ran (or refused) it */
  readonly node: string
  /** The name of the error the task failed with there (e.g. `RetriesExhaustedError`), if any */
  readonly remoteName?: string
  constructor (task: string, node: string, message: string, remoteName?: string) {
    super(message)
    this.task = task
    this.node = node
    this.remoteName = remoteName
  }
}
