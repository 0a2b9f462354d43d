/**
 * When is a mesh settled? Judged from the statuses of its running nodes: every node registered;
 * every group anyone knows of, and that a live node serves, has exactly one leader in its newest
 * term, its target of live voters (1 below 3 nodes; then 3 for a data group, up to 5 for the
 * metadata group) and no learner left over; every live node holds the metadata (as a voter, or as
 * one of its learners beyond 5 voters, which the membership manager keeps by design).
 *
 * test/mesh/fixtures.ts has the same judgement for the mesh tests, but it wants the metadata group
 * without learners, which a mesh of more than 5 nodes never reaches.
 */

import type { StatusReport } from '../src/net/status.ts'

type Status = Pick<StatusReport, 'peerId' | 'joined' | 'groups' | 'mesh'>

/** The most voters of the metadata group (src/groups/membership.ts) */
const META_VOTERS = 5

export function settleProblems (statuses: Status[]): string[] {
  const problems: string[] = []
  const live = new Set(statuses.map(s => s.peerId))
  for (const status of statuses) {
    if (!status.joined) {
      problems.push(`${status.peerId} has not registered`)
    }
  }
  const groupIds = new Set<string>(['meta'])
  for (const status of statuses) {
    for (const group of [...status.groups, ...status.mesh]) {
      groupIds.add(group.id)
    }
  }
  for (const id of groupIds) {
    problems.push(...groupProblems(id, statuses, live))
  }
  return problems
}

function groupProblems (id: string, statuses: Status[], live: Set<string>): string[] {
  const replicas = statuses.flatMap(s => s.groups.filter(g => g.id === id))
  if (replicas.length === 0) {
    // a group whose members are all gone is no concern; one recorded with live voters is
    const recorded = statuses.flatMap(s => s.mesh.filter(g => g.id === id))
    return recorded.some(g => g.voters.some(v => live.has(nodeOf(v)))) ? [`group ${id} is served by no live node`] : []
  }
  const term = Math.max(...replicas.map(g => g.term))
  const leaders = replicas.filter(g => g.role === 'leader' && g.term === term)
  if (leaders.length !== 1) {
    return [`group ${id} has ${leaders.length} leaders in term ${term}`]
  }
  const { voters, learners } = leaders[0]
  const meta = id === 'meta'
  let target = 1
  if (live.size >= 3) {
    target = meta ? Math.min(META_VOTERS, live.size) : 3
  }
  const problems: string[] = []
  const liveVoters = voters.filter(v => live.has(nodeOf(v)))
  // the metadata keeps every live node beyond its voters as a learner
  const learnersWanted = meta ? Math.max(0, live.size - target) : 0
  if (liveVoters.length !== target || voters.length !== target || learners.length !== learnersWanted) {
    problems.push(`group ${short(id)}: ${liveVoters.length} live of ${voters.length} voters (want ${target}), ${learners.length} learners (want ${learnersWanted})`)
  }
  if (meta) {
    const holders = new Set([...voters, ...learners].map(nodeOf))
    for (const node of live) {
      if (!holders.has(node)) {
        problems.push(`${node} does not hold the metadata`)
      }
    }
  }
  return problems
}

function nodeOf (member: string): string {
  return member.slice(0, member.lastIndexOf('/'))
}

/** `12D3KooW…xyz.tag`: a group id short enough for a status line */
function short (id: string): string {
  return id.length > 24 ? `${id.slice(0, 8)}…${id.slice(-14)}` : id
}
