import { nodeOf } from '../consensus/types.ts'
import { META_GROUP_ID, META_PREFIX, SLOTS_KEY, Slots, decodeGroupInfo, decodeNodeInfo, groupKey } from './meta.ts'
import type { Group } from './group.ts'
import type { LocalGroups } from './local-groups.ts'
import type { GroupInfo, NodeInfo } from './meta.ts'

const NODE_PREFIX = `${META_PREFIX}node/`
const GROUP_PREFIX = `${META_PREFIX}group/`

/**
 * The metadata group as this node's replica of it shows it (possibly behind; a cache that is
 * corrected by refusals naming newer state). Decoded records are cached until the replica changes.
 */
export class MetaView {
  private readonly groups: LocalGroups
  private cachedAt = -1
  private cachedNodes = new Map<string, NodeInfo>()
  private slotsAt = -1
  private cachedSlots?: Slots

  constructor (groups: LocalGroups) {
    this.groups = groups
  }

  get group (): Group | undefined {
    return this.groups.get(META_GROUP_ID)
  }

  /** Registered nodes and their current incarnations */
  nodes (): Map<string, NodeInfo> {
    const group = this.group
    if (group == null) {
      return new Map()
    }
    if (group.state.storeIndex !== this.cachedAt) {
      const nodes = new Map<string, NodeInfo>()
      for (const [key, version] of group.store.entries()) {
        if (key.startsWith(NODE_PREFIX) && version.value != null) {
          nodes.set(key.slice(NODE_PREFIX.length), decodeNodeInfo(version.value))
        }
      }
      this.cachedNodes = nodes
      this.cachedAt = group.state.storeIndex
    }
    return this.cachedNodes
  }

  /** How many data groups each node is a member of, as the metadata records them */
  memberships (): Map<string, number> {
    const counts = new Map<string, number>()
    const group = this.group
    if (group == null) {
      return counts
    }
    for (const [key, version] of group.store.entries()) {
      if (key.startsWith(GROUP_PREFIX) && version.value != null) {
        const info = decodeGroupInfo(version.value)
        for (const member of [...info.voters, ...info.learners]) {
          const node = nodeOf(member)
          counts.set(node, (counts.get(node) ?? 0) + 1)
        }
      }
    }
    return counts
  }

  groupInfo (id: string): GroupInfo | undefined {
    const value = this.group?.store.latest(groupKey(id))?.value
    return value == null ? undefined : decodeGroupInfo(value)
  }

  slots (): Slots | undefined {
    const group = this.group
    if (group == null) {
      return undefined
    }
    // every new key asks for its home: decode the table only when the metadata changed
    if (group.state.storeIndex !== this.slotsAt) {
      const value = group.store.latest(SLOTS_KEY)?.value
      this.cachedSlots = value == null ? undefined : Slots.decode(value)
      this.slotsAt = group.state.storeIndex
    }
    return this.cachedSlots
  }

  /** The node leading the metadata group, as this replica last heard */
  leaderNode (): string | undefined {
    const leader = this.group?.raft.leader
    return leader == null ? undefined : nodeOf(leader)
  }

  /** Is `member` the current incarnation of a live, registered node? */
  isCurrent (member: string): 'current' | 'superseded' | 'dead' | 'unknown' {
    const node = nodeOf(member)
    const info = this.nodes().get(node)
    if (info == null) {
      return 'unknown'
    }
    if (member !== `${node}/${info.incarnation}`) {
      return 'superseded'
    }
    return info.dead ? 'dead' : 'current'
  }
}
