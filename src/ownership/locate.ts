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
