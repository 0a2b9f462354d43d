import { TypedEventEmitter } from '@libp2p/interface'
import { MemoryRaftStorage } from '../consensus/storage.ts'
import { nodeOf } from '../consensus/types.ts'
import { CorruptDataError } from '../errors.ts'
import { DiskCheckpointStore, NoCheckpoints } from '../store/checkpoint.ts'
import { DiskRaftStorage, groupPrefix } from '../store/disk-raft-storage.ts'
import { keysWithPrefix } from '../store/kv.ts'
import { decodeEntry, encodeEntry } from './commands.ts'
import { Group } from './group.ts'
import { META_GROUP_ID } from './meta.ts'
import type { GroupCommand } from './commands.ts'
import type { GroupMessage, NodeTransport } from './transport.ts'
import type { Clock } from '../clock/clock.ts'
import type { HybridLogicalClock } from '../clock/hlc.ts'
import type { RaftTiming } from '../consensus/raft.ts'
import type { MemberId, Membership } from '../consensus/types.ts'
import type { KvStore } from '../store/kv.ts'
import type { ComponentLogger, Logger } from '@libp2p/interface'

export type GroupKind = 'meta' | 'data'

export interface LocalGroupsComponents {
  clock: Clock
  hlc: HybridLogicalClock
  logger: ComponentLogger
  random(): number
  transport: NodeTransport
  /** Persistent state; omitted: memory only */
  kv?: KvStore
}

export interface LocalGroupsInit {
  nodeId: string
  /** This node's member id in every group (node/incarnation) */
  member: MemberId
  raft?: Partial<RaftTiming>
  checkpointIntervalMs?: number
  /** Most groups this node takes part in; contacts for further groups are ignored (default 1,024) */
  maxGroups?: number
}

export interface GroupEventDetail {
  group: Group
  kind: GroupKind
}

export interface LocalGroupsEvents {
  /** A group was founded, adopted (first contact) or reopened from disk; it is started */
  'group:add': CustomEvent<GroupEventDetail>
  /** This node left a group; its state is deleted */
  'group:remove': CustomEvent<GroupEventDetail>
}

const REGISTRY_PREFIX = 'n/group/'

export function groupKind (id: string): GroupKind {
  return id === META_GROUP_ID ? 'meta' : 'data'
}

/**
 * The groups this node is a member of: founded here, adopted when their leader first contacts
 * this member, or reopened from disk at a restart. Routes consensus messages to them and drops a
 * group (deleting its state) once this member has been removed from it.
 */
export class LocalGroups extends TypedEventEmitter<LocalGroupsEvents> {
  private readonly groups = new Map<string, Group>()
  /** groups being opened, with the messages that arrived meanwhile */
  private readonly opening = new Map<string, GroupMessage[]>()
  private readonly components: LocalGroupsComponents
  private readonly init: LocalGroupsInit
  private readonly log: Logger
  private readonly maxGroups: number
  private running = false

  constructor (components: LocalGroupsComponents, init: LocalGroupsInit) {
    super()
    this.components = components
    this.init = init
    this.maxGroups = init.maxGroups ?? 1_024
    this.log = components.logger.forComponent('hoard:groups')
  }

  get (id: string): Group | undefined {
    return this.groups.get(id)
  }

  all (): IterableIterator<Group> {
    return this.groups.values()
  }

  get size (): number {
    return this.groups.size
  }

  /** Reopen every group recorded on disk (started with `start`) */
  async open (): Promise<void> {
    const kv = this.components.kv
    if (kv == null) {
      return
    }
    for await (const [key, value] of kv.range(REGISTRY_PREFIX, `${REGISTRY_PREFIX}\uffff`)) {
      const id = key.slice(REGISTRY_PREFIX.length)
      const group = await this.build(id, decodeRegistration(value).founders)
      this.groups.set(id, group)
    }
  }

  start (): void {
    this.running = true
    for (const group of this.groups.values()) {
      this.startGroup(group)
    }
  }

  async stop (): Promise<void> {
    this.running = false
    for (const group of this.groups.values()) {
      await group.stop()
    }
  }

  halt (): void {
    this.running = false
    for (const group of this.groups.values()) {
      group.halt()
    }
  }

  /** Found a group with this member as its only voter */
  async found (id: string): Promise<Group> {
    const existing = this.groups.get(id)
    if (existing != null) {
      return existing
    }
    const founders = { voters: [this.init.member], learners: [] }
    const group = await this.build(id, founders)
    // the founding membership is in no log entry: Raft starts from it until a membership entry
    // exists, so it must survive a restart with the group
    await this.register(id, founders)
    this.groups.set(id, group)
    if (this.running) {
      this.startGroup(group)
    }
    return group
  }

  /** A consensus message from another node */
  receive (message: GroupMessage): void {
    const group = this.groups.get(message.group)
    if (group != null) {
      group.raft.receive(message)
      return
    }
    const queued = this.opening.get(message.group)
    if (queued != null) {
      if (queued.length < 1_000) {
        queued.push(message)
      }
      return
    }
    // first contact: a leader added this member to its group
    if (message.to !== this.init.member || !this.running || this.groups.size >= this.maxGroups || !isGroupId(message.group)) {
      return
    }
    this.adopt(message)
  }

  /** Leave a group: stop it and delete its state */
  async drop (id: string): Promise<void> {
    const group = this.groups.get(id)
    if (group == null) {
      return
    }
    this.groups.delete(id)
    group.halt()
    const kv = this.components.kv
    if (kv != null) {
      const keys = await keysWithPrefix(kv, groupPrefix(id))
      await kv.write([...keys.map(key => ({ type: 'del' as const, key })), { type: 'del', key: `${REGISTRY_PREFIX}${id}` }], true)
    }
    this.log('left group %s', id)
    this.safeDispatchEvent('group:remove', { detail: { group, kind: groupKind(id) } })
  }

  private adopt (first: GroupMessage): void {
    const id = first.group
    const queued = [first]
    this.opening.set(id, queued)
    void (async () => {
      try {
        const group = await this.build(id)
        await this.register(id)
        this.groups.set(id, group)
        this.log('joined group %s', id)
        if (this.running) {
          this.startGroup(group)
        }
        for (const message of queued) {
          group.raft.receive(message)
        }
      } catch (err) {
        this.log.error('could not open group %s: %s', id, (err as Error).message)
      } finally {
        this.opening.delete(id)
      }
    })()
  }

  private startGroup (group: Group): void {
    group.start()
    this.safeDispatchEvent('group:add', { detail: { group, kind: groupKind(group.id) } })
  }

  private async register (id: string, founders?: Membership): Promise<void> {
    await this.components.kv?.write([{ type: 'put', key: `${REGISTRY_PREFIX}${id}`, value: encodeRegistration({ kind: groupKind(id), founders }) }], true)
  }

  private async build (id: string, initialMembership?: Membership): Promise<Group> {
    const { clock, hlc, logger, random, transport, kv } = this.components
    return Group.open({
      clock,
      hlc,
      logger,
      random,
      transport: {
        send: (message) => {
          transport.send(nodeOf(message.to), message)
        }
      },
      raftStorage: kv == null ? new MemoryRaftStorage<GroupCommand>() : new DiskRaftStorage<GroupCommand>(kv, id, { encode: encodeEntry, decode: decodeEntry }),
      checkpoints: kv == null ? new NoCheckpoints() : new DiskCheckpointStore(kv, id)
    }, {
      id,
      member: this.init.member,
      initialMembership,
      timing: this.init.raft,
      checkpointIntervalMs: this.init.checkpointIntervalMs,
      // the membership manager raises these while it replaces a member
      maxVoters: groupKind(id) === 'meta' ? 5 : 3
    })
  }
}

interface Registration {
  kind: GroupKind
  founders?: Membership
}

function encodeRegistration (registration: Registration): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(registration))
}

function decodeRegistration (bytes: Uint8Array): Registration {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(bytes))
    const founders = parsed.founders
    if (founders != null && (!Array.isArray(founders.voters) || !Array.isArray(founders.learners))) {
      throw new Error('bad founders')
    }
    return { kind: parsed.kind, founders }
  } catch (err) {
    throw new CorruptDataError(`Undecodable group registration: ${(err as Error).message}`)
  }
}

/** Group ids are `meta` or `<node>.<tag>`: short, no separators used elsewhere */
function isGroupId (id: string): boolean {
  return id.length > 0 && id.length <= 128 && !id.includes('/') && !id.includes(':')
}
