/**
 * The node's durable key-value store, as the groups use it: ordered string keys, byte values,
 * atomic batches applied in the order they are issued. LevelDB (`DiskStore`) in a real node; a
 * simulated disk with crash semantics in the simulator; memory in tests.
 */
export type KvOp =
  | { type: 'put', key: string, value: Uint8Array }
  | { type: 'del', key: string }

export interface KvStore {
  /** Apply `ops` as one atomic batch after every batch issued before it; synced if `sync` */
  write(ops: KvOp[], sync: boolean): Promise<void>
  get(key: string): Promise<Uint8Array | undefined>
  /** Entries with keys in [gte, lt), in key order */
  range(gte: string, lt: string): AsyncIterable<[string, Uint8Array]>
}

/** A `KvStore` in memory that forgets nothing (for tests) */
export class MemoryKvStore implements KvStore {
  private readonly data = new Map<string, Uint8Array>()

  async write (ops: KvOp[]): Promise<void> {
    for (const op of ops) {
      if (op.type === 'put') {
        this.data.set(op.key, op.value)
      } else {
        this.data.delete(op.key)
      }
    }
  }

  async get (key: string): Promise<Uint8Array | undefined> {
    return this.data.get(key)
  }

  async * range (gte: string, lt: string): AsyncGenerator<[string, Uint8Array]> {
    const keys = [...this.data.keys()].filter(key => key >= gte && key < lt).sort()
    for (const key of keys) {
      const value = this.data.get(key)
      if (value != null) {
        yield [key, value]
      }
    }
  }
}

/** Every key under `prefix`, for deleting a group's state */
export async function keysWithPrefix (kv: KvStore, prefix: string): Promise<string[]> {
  const keys: string[] = []
  for await (const [key] of kv.range(prefix, `${prefix}\uffff`)) {
    keys.push(key)
  }
  return keys
}
