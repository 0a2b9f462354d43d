import { createHoardLibp2p } from '../../src/net/libp2p.ts'
import { placeholderDhtRecords } from '../../src/net/record-placeholder.ts'
import { hoardTransport } from '../../src/net/transport.ts'
import type { GroupMessage, NodeEndpoint, NodeRequest, NodeResponse } from '../../src/groups/transport.ts'
import type { HoardLibp2p, HoardLibp2pInit } from '../../src/net/libp2p.ts'
import type { HoardTransport, HoardTransportInit } from '../../src/net/transport.ts'

export type TransportNode = HoardLibp2p<{ transport: HoardTransport }>

/** A libp2p node with the hoard transport (and nothing of the core) */
export async function transportNode (init: HoardTransportInit = {}, libp2p: Partial<HoardLibp2pInit> = {}): Promise<TransportNode> {
  return createHoardLibp2p<{ transport: HoardTransport }>({
    dhtRecords: placeholderDhtRecords,
    ...libp2p,
    services: { transport: hoardTransport(init) }
  })
}

/** An endpoint that records what the transport hands it, and answers requests with `handler` */
export class RecordingEndpoint implements NodeEndpoint {
  readonly received: Array<{ from: string, message: GroupMessage }> = []
  readonly handled: Array<{ from: string, request: NodeRequest }> = []
  handler: (from: string, request: NodeRequest) => Promise<NodeResponse> = async () => ({ status: 'ok' })

  receive (from: string, message: GroupMessage): void {
    this.received.push({ from, message })
  }

  async handle (from: string, request: NodeRequest): Promise<NodeResponse> {
    this.handled.push({ from, request })
    return this.handler(from, request)
  }
}

export async function until (condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`${what} did not hold within ${timeoutMs} ms`)
    }
    await new Promise(resolve => setTimeout(resolve, 10))
  }
}
