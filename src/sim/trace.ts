import type { HistoryEvent } from './history.ts'
import type { RaftMessage } from '../consensus/messages.ts'
import type { Entry } from '../consensus/types.ts'

function entryText (entry: Entry<string>): string {
  if (entry.kind === 'command') {
    return `${entry.index}/${entry.term}:${entry.command ?? '?'}`
  }
  if (entry.kind === 'noop') {
    return `${entry.index}/${entry.term}:noop`
  }
  const learners = entry.config?.learners ?? []
  return `${entry.index}/${entry.term}:config(${entry.config?.voters.join(',') ?? ''}${learners.length > 0 ? ` +${learners.join(',')}` : ''})`
}

/** One line per Raft message, for traces */
export function formatMessage (m: RaftMessage<string>): string {
  switch (m.type) {
    case 'pre-vote': return `pre-vote t${m.term} last ${m.lastIndex}/${m.lastTerm}`
    case 'pre-vote-reply': return `pre-vote-reply t${m.term} ${m.granted ? 'granted' : 'refused'}`
    case 'request-vote': return `request-vote t${m.term} last ${m.lastIndex}/${m.lastTerm}${m.transfer ? ' transfer' : ''}`
    case 'vote-reply': return `vote-reply t${m.term} ${m.granted ? 'granted' : 'refused'}`
    case 'append': {
      const shown = m.entries.slice(0, 4).map(entryText).join(' ')
      const more = m.entries.length > 4 ? ` +${m.entries.length - 4} more` : ''
      return `append t${m.term} prev ${m.prevIndex}/${m.prevTerm} [${shown}${more}] commit ${m.commit} seq ${m.seq}`
    }
    case 'append-reply': return `append-reply t${m.term} ${m.success ? 'ok' : 'no'} ${m.index} seq ${m.seq}`
    case 'snapshot': return `snapshot t${m.term} at ${m.index}/${m.lastTerm} offset ${m.offset} ${m.data.byteLength}B${m.done ? ' done' : ''}`
    case 'snapshot-reply': return `snapshot-reply t${m.term} index ${m.index} offset ${m.offset}`
    default: return `timeout-now t${m.term}`
  }
}

/** One line per history event, for traces */
export function formatEvent (event: HistoryEvent): string {
  const who = event.member
  switch (event.type) {
    case 'role': return `${who} is ${event.role} in term ${event.term}${event.leader != null ? ` (leader ${event.leader})` : ''}`
    case 'log-append': return `${who} log + ${event.entries.map(e => `${e.index}/${e.term}:${e.id}`).join(' ')}`
    case 'log-truncate': return `${who} log truncated from ${event.index}`
    case 'log-compact': return `${who} log compacted through ${event.index}/${event.term}${event.discard ? ' (log discarded)' : ''}`
    case 'log-load': return `${who} starts with log ${event.snapshot != null ? `snapshot ${event.snapshot.index}/${event.snapshot.term} ` : ''}+${event.entries.length} entries (last ${event.entries.at(-1)?.index ?? event.snapshot?.index ?? 0})`
    case 'crash': return `${who} CRASHED`
    case 'commit': return `${who} commit -> ${event.index}`
    case 'apply': return `${who} apply ${event.index}/${event.term}:${event.id}`
    case 'state-load': return `${who} state machine loaded at ${event.index}`
    case 'propose': return `${who} proposes ${event.id} at ${event.index}/${event.term}`
    case 'read-begin': return `${who} read ${event.readId} begins`
    case 'read': return `${who} read ${event.readId} -> index ${event.index}`
    default: return `${who} ${event.text}`
  }
}

export function formatTime (atMs: number): string {
  return atMs.toFixed(3).padStart(10)
}
