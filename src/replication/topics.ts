/**
 * How read replication reaches the network: one publish/subscribe topic per group. Implemented
 * over gossipsub by `createNode` (src/net/replica-topics.ts); absent in the simulator, where nodes
 * read remote objects at their owners only.
 */
export interface ReplicaTopics {
  /** Start receiving the group's messages (delivered to the handler given to `createNode`'s adapter) */
  subscribe(group: string): void
  unsubscribe(group: string): void
  /** Someone listens to the group's topic: a leader publishes nothing when nobody does */
  hasSubscribers(group: string): boolean
  /** Best effort: a message lost here is fetched by the replicas that miss it */
  publish(group: string, message: Uint8Array): void
}

/** The topic a group's committed entries and closed timestamps are published on */
export function replicaTopic (group: string): string {
  return `/hoard/replica/1.0.0/${group}`
}

/** The group a replica topic is for, or undefined for any other topic */
export function groupOfTopic (topic: string): string | undefined {
  const prefix = '/hoard/replica/1.0.0/'
  return topic.startsWith(prefix) && topic.length > prefix.length ? topic.slice(prefix.length) : undefined
}
