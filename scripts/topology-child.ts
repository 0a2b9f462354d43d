/**
 * One node of a `processes` topology: the runner forks this script, which says when its code is
 * loaded; the runner then sends it its `NodeInit` and drives it over IPC (scripts/topology-mesh.ts, `ChildNode`). Requests carry an id and get one
 * reply; the node's events (per-second figures, anomalies, handovers) flow back unasked. If the
 * runner goes away, so does the child.
 */

import { TopologyNode } from './topology-node.ts'
import type { NodeInit } from './topology-node.ts'

/** A request from the runner; `op` names a `NodeHandle` method (or `start`) */
export interface ChildRequest {
  id: number
  op: 'start' | 'setup' | 'startWorkload' | 'stopWorkload' | 'adopt' | 'partition' | 'summary' | 'readState' | 'dhtLookups' | 'probe' | 'tokenStatus' | 'read' | 'replicaLag' | 'stop'
  args: unknown[]
}

export type ChildMessage =
  | { id: number, ok: true, result: unknown }
  | { id: number, ok: false, error: string }
  | { event: 'ready' | 'stats' | 'anomaly' | 'handover' | 'token', args: unknown[] }

const send = (message: ChildMessage): void => { process.send?.(message) }
let node: TopologyNode | undefined

process.on('disconnect', () => {
  // the runner is gone: nobody will stop this node
  process.exit(1)
})

process.on('message', (request: ChildRequest) => {
  void handle(request).then(
    result => { send({ id: request.id, ok: true, result }) },
    (err: Error) => { send({ id: request.id, ok: false, error: `${err.name}: ${err.message}` }) }
  )
})

// the code is loaded (the slow part on a busy machine): the runner may start the node
send({ event: 'ready', args: [] })

async function handle (request: ChildRequest): Promise<unknown> {
  if (request.op === 'start') {
    node = await TopologyNode.start(request.args[0] as NodeInit, {
      stats: (...args) => { send({ event: 'stats', args }) },
      anomaly: (...args) => { send({ event: 'anomaly', args }) },
      handover: (...args) => { send({ event: 'handover', args }) },
      token: (...args) => { send({ event: 'token', args }) }
    })
    return { peerId: node.peerId, multiaddrs: node.multiaddrs }
  }
  if (node == null) {
    throw new Error(`${request.op} before start`)
  }
  if (request.op === 'stop') {
    await node.stop()
    setImmediate(() => process.exit(0))
    return undefined
  }
  const method = node[request.op] as (...args: unknown[]) => Promise<unknown>
  return method.apply(node, request.args) as Promise<unknown>
}
