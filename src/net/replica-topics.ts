import { groupOfTopic, replicaTopic } from '../replication/topics.ts'
import type { ReplicaTopics } from '../replication/topics.ts'
import type { GossipSub } from '@libp2p/gossipsub'
import type { Logger } from '@libp2p/interface'

/**
 * Read-replica topics over gossipsub: one topic per group; messages go unsigned (Noise and the
 * cluster key already authenticate peers, and every message carries its own index and closed
 * timestamp, so no two payloads are alike). `onMessage` gets the payloads of subscribed topics.
 */
export function gossipsubReplicaTopics (pubsub: GossipSub, onMessage: (bytes: Uint8Array) => void, log: Logger): ReplicaTopics & { close(): void } {
  const listener = (evt: CustomEvent<{ topic: string, data: Uint8Array }>): void => {
    if (groupOfTopic(evt.detail.topic) != null) {
      onMessage(evt.detail.data)
    }
  }
  pubsub.addEventListener('message', listener)
  return {
    subscribe: group => { pubsub.subscribe(replicaTopic(group)) },
    unsubscribe: group => { pubsub.unsubscribe(replicaTopic(group)) },
    hasSubscribers: group => pubsub.getSubscribers(replicaTopic(group)).length > 0,
    publish: (group, message) => {
      pubsub.publish(replicaTopic(group), message).catch((err: Error) => {
        // nobody reachable subscribes (yet): the replicas fetch what they missed
        log('publishing to %s failed: %s', group, err.message)
      })
    },
    close: () => { pubsub.removeEventListener('message', listener) }
  }
}
