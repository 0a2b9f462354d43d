import { nodeOf } from '../consensus/types.ts'
import { META_GROUP_ID, founderOf } from '../groups/meta.ts'
import type { LocalGroups } from '../groups/local-groups.ts'
import type { MetaView } from '../groups/meta-view.ts'

/**
 * The node that leads a group, as this node knows it: its own member's view if it belongs to the
 * group, else the metadata's record, else the group's founder. Only a guess: a node that is not
 * the leader answers with a redirect.
 */
export function leaderNodeOf (groups: LocalGroups, view: MetaView, group: string): string | undefined {
  const local = groups.get(group)
  if (local?.raft.leader != null) {
    return nodeOf(local.raft.leader)
  }
  const info = view.groupInfo(group)
  if (info?.leader != null) {
    return nodeOf(info.leader)
  }
  return group === META_GROUP_ID ? view.leaderNode() : founderOf(group)
}

/** Members asked, at most, when the leader as this node knows it does not answer */
const MAX_FALLBACKS = 5

/**
 * Whom to ask for a group's leader, in order: the leader as this node knows it (`leaderNodeOf`),
 * then the group's other members, whom to try when it does not answer. After a leader dies the
 * metadata names it until its successor has reported, but its old followers know the successor as
 * soon as it is elected, and any member redirects to the leader it follows. This node is first
 * when it leads the group itself.
 */
export function askOrderOf (groups: LocalGroups, view: MetaView, group: string, self: string): string[] {
  const first = leaderNodeOf(groups, view, group)
  const local = groups.get(group)
  const members = local != null ? [...local.raft.currentMembership.voters] : [...(view.groupInfo(group)?.voters ?? [])]
  // this node itself is asked when it leads the group (its requests to itself are answered
  // locally), never as a fallback: it has just said who it thinks leads
  const fallbacks = [...new Set(members.map(nodeOf))].filter(node => node !== self && node !== first)
  return [...(first == null ? [] : [first]), ...fallbacks].slice(0, 1 + MAX_FALLBACKS)
}
