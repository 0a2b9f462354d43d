import { nodeOf } from '../consensus/types.ts'
import type { FaultContext } from './faults.ts'
import type { Raft } from '../consensus/raft.ts'

/**
 * What the groups layer does for a real group, reduced to the simulator's needs: drive the
 * membership towards the wanted nodes (`ctx.desired`), one change at a time, through the ready
 * leader. A node that came back without its disk runs a new member, which is swapped in for the
 * old one in a single change; a wanted node that is idle starts a fresh member to be added.
 */
export function controlMembership (ctx: FaultContext): void {
  const leader = ctx.cluster.readyLeader()
  const raft = leader?.raft
  if (leader == null || raft == null) {
    return
  }
  if (!removeOrReplace(ctx, raft, leader.member)) {
    addWanted(ctx, raft, leader.member)
  }
}

/**
 * Returns true when a member needs replacing or removing (whether or not the change could start).
 * Replacements come first: removing a healthy member while another has lost its memory can leave
 * the lost one needed for every quorum, and the group halted for good.
 */
function removeOrReplace (ctx: FaultContext, raft: Raft<string>, leaderMember: string): boolean {
  const membership = raft.currentMembership
  const members = [...membership.voters, ...membership.learners]
  for (const member of members) {
    const node = ctx.cluster.node(nodeOf(member))
    if (ctx.desired.has(node.name) && node.member !== member && node.raft != null) {
      // a new incarnation of this node is running: swap it in for the one that lost its memory
      if (raft.changeMembership({ add: node.member, remove: member })) {
        ctx.cluster.note(`membership change: replace ${member} by ${node.member}`, leaderMember)
      }
      return true
    }
  }
  const lost = members.filter(member => ctx.cluster.node(nodeOf(member)).member !== member)
  // a member that lost its memory and is no longer wanted goes first; while one that is wanted
  // waits for its node to come back, no healthy member is removed
  const removable = lost.length > 0 ? lost : members
  for (const member of removable) {
    if (!ctx.desired.has(nodeOf(member))) {
      if (raft.changeMembership({ remove: member })) {
        ctx.cluster.note(`membership change: remove ${member}`, leaderMember)
      }
      return true
    }
  }
  return false
}

function addWanted (ctx: FaultContext, raft: Raft<string>, leaderMember: string): void {
  const membership = raft.currentMembership
  const members = [...membership.voters, ...membership.learners]
  for (const name of ctx.desired) {
    if (members.some(member => nodeOf(member) === name)) {
      continue
    }
    const node = ctx.cluster.node(name)
    if (node.crashed) {
      continue
    }
    if (node.raft == null || node.raft.currentMembership.voters.length > 0) {
      // idle, or still running a member that was removed earlier: a fresh incarnation joins
      ctx.cluster.spawnNewIncarnation(name)
    }
    if (raft.changeMembership({ add: node.member })) {
      ctx.cluster.note(`membership change: add ${node.member}`, leaderMember)
    }
    return
  }
}
