/**
 * The mmo: players in a grid world (a torus of square regions). Each region is hosted by one node
 * (region r by node r mod nodes), which drives the players standing in it: they move (often, at
 * the `low` level), pick up items lying on the region's ground (`medium`), drop them again
 * (`medium`), and trade an item for gold with another player nearby (`exact`). A player who steps
 * over a region border is handed to the node hosting the next region, whose first task on it pulls
 * the player's object over: ownership follows the players.
 *
 * Invariants: the players' gold adds up; every item is in exactly one place (one region's ground
 * or one player's inventory); every player exists and stands inside the world.
 */

import { decodeJson, encodeJson, firstFew, randomInt, runSetupTask } from './workload.ts'
import type { DriverInit, InvariantCheck, Operation, Workload, WorkloadDriver, WorkloadNode } from './workload.ts'
import type { Consistency } from '../txn/options.ts'

export type MmoAction = 'move' | 'pickup' | 'drop' | 'trade'

export interface MmoOptions {
  /** Cells per side of a region */
  regionSize: number
  playersPerRegion: number
  /** Items on each region's ground at the start */
  itemsPerRegion: number
  initialGold: number
  /** Relative weights of the actions */
  mix: Record<MmoAction, number>
  /** Consistency level of each action */
  levels: Record<MmoAction, Consistency>
}

export const MMO_DEFAULTS: MmoOptions = {
  regionSize: 8,
  playersPerRegion: 20,
  itemsPerRegion: 20,
  initialGold: 100,
  mix: { move: 70, pickup: 12, drop: 8, trade: 10 },
  levels: { move: 'low', pickup: 'medium', drop: 'medium', trade: 'exact' }
}

export interface Player {
  x: number
  y: number
  gold: number
  items: string[]
}

export interface GroundItem {
  id: string
  x: number
  y: number
}

/** A region's ground: the items lying on it */
export interface Ground {
  items: GroundItem[]
}

const ACTIONS: MmoAction[] = ['move', 'pickup', 'drop', 'trade']
/** Setup creates this many objects per task */
const SETUP_BATCH = 100
/** Items within this many cells (in x and in y) can be picked up */
const REACH = 1
/** Most gold one trade costs */
const MAX_PRICE = 20

export function playerKey (player: string): string {
  return `mmo/player/${player}`
}

export function groundKey (region: number): string {
  return `mmo/ground/${region}`
}

export class MmoWorkload implements Workload {
  readonly name = 'mmo'
  readonly options: MmoOptions
  /** Regions across and down; the world is `columns * regionSize` by `rows * regionSize` cells */
  readonly columns: number
  readonly rows: number

  constructor (nodes: number, options: Partial<MmoOptions> = {}) {
    this.options = {
      ...MMO_DEFAULTS,
      ...options,
      mix: { ...MMO_DEFAULTS.mix, ...options.mix },
      levels: { ...MMO_DEFAULTS.levels, ...options.levels }
    }
    this.columns = Math.ceil(Math.sqrt(nodes))
    this.rows = Math.ceil(nodes / this.columns)
  }

  get regions (): number {
    return this.columns * this.rows
  }

  get width (): number {
    return this.columns * this.options.regionSize
  }

  get height (): number {
    return this.rows * this.options.regionSize
  }

  regionAt (x: number, y: number): number {
    const size = this.options.regionSize
    return Math.floor(y / size) * this.columns + Math.floor(x / size)
  }

  hostOf (region: number, nodes: number): number {
    return region % nodes
  }

  regionsOf (index: number, nodes: number): number[] {
    return Array.from({ length: this.regions }, (_, r) => r).filter(r => this.hostOf(r, nodes) === index)
  }

  players (): string[] {
    return Array.from({ length: this.regions * this.options.playersPerRegion }, (_, i) => `p${i}`)
  }

  items (): string[] {
    return Array.from({ length: this.regions * this.options.itemsPerRegion }, (_, i) => `item-${i}`)
  }

  keys (): string[] {
    return [
      ...Array.from({ length: this.regions }, (_, r) => groundKey(r)),
      ...this.players().map(playerKey)
    ]
  }

  initialActors (index: number, nodes: number): string[] {
    const { playersPerRegion } = this.options
    return this.regionsOf(index, nodes).flatMap(r => Array.from({ length: playersPerRegion }, (_, k) => `p${r * playersPerRegion + k}`))
  }

  driver (node: WorkloadNode, init: DriverInit): WorkloadDriver {
    return new MmoDriver(this, node, init)
  }

  check (state: ReadonlyMap<string, Uint8Array | undefined>): InvariantCheck[] {
    const problems: string[] = []
    const places = new Map<string, string[]>()
    const put = (item: string, where: string): void => { places.set(item, [...(places.get(item) ?? []), where]) }
    checkGroundsOf(this, state, put, problems)
    let gold = 0
    for (const id of this.players()) {
      const player = safeDecode<Player>(state.get(playerKey(id)))
      if (player == null) {
        problems.push(`${playerKey(id)} is missing or not JSON`)
        continue
      }
      gold += player.gold
      if (player.gold < 0) {
        problems.push(`${id} has ${player.gold} gold`)
      }
      if (!(player.x >= 0 && player.x < this.width && player.y >= 0 && player.y < this.height)) {
        problems.push(`${id} stands at (${player.x}, ${player.y}), outside the world`)
      }
      for (const item of player.items) {
        put(item, id)
      }
    }
    const itemProblems: string[] = []
    for (const item of this.items()) {
      const where = places.get(item) ?? []
      if (where.length !== 1) {
        itemProblems.push(where.length === 0 ? `${item} is nowhere` : `${item} is in ${where.length} places (${where.join(', ')})`)
      }
      places.delete(item)
    }
    for (const [item, where] of places) {
      itemProblems.push(`${item} was never created but is in ${where.join(', ')}`)
    }
    const expected = this.players().length * this.options.initialGold
    return [
      {
        name: 'conservation',
        ok: gold === expected,
        detail: `players' gold ${gold} of ${expected} expected${gold === expected ? '' : ` (${gold > expected ? '+' : ''}${gold - expected})`}`
      },
      {
        name: 'items-unique',
        ok: itemProblems.length === 0,
        detail: itemProblems.length === 0 ? `${this.items().length} items, each in exactly one place` : firstFew(itemProblems)
      },
      {
        name: 'world-intact',
        ok: problems.length === 0,
        detail: problems.length === 0 ? `${this.players().length} players and ${this.regions} grounds, all in the world` : firstFew(problems)
      }
    ]
  }
}

/** Lists where each item on a ground lies; notes grounds missing and items outside their region */
function checkGroundsOf (world: MmoWorkload, state: ReadonlyMap<string, Uint8Array | undefined>, put: (item: string, where: string) => void, problems: string[]): void {
  for (let r = 0; r < world.regions; r++) {
    const ground = safeDecode<Ground>(state.get(groundKey(r)))
    if (ground == null) {
      problems.push(`${groundKey(r)} is missing or not JSON`)
      continue
    }
    for (const item of ground.items) {
      put(item.id, `ground ${r}`)
      if (world.regionAt(item.x, item.y) !== r) {
        problems.push(`${item.id} lies at (${item.x}, ${item.y}) on the ground of region ${r}, outside it`)
      }
    }
  }
}

class MmoDriver implements WorkloadDriver {
  private readonly world: MmoWorkload
  private readonly node: WorkloadNode
  private readonly init: DriverInit
  /** the players this node drives, as an array for cheap random picks */
  private readonly driven: string[] = []
  private readonly drivenSet = new Set<string>()
  private readonly totalWeight: number

  constructor (world: MmoWorkload, node: WorkloadNode, init: DriverInit) {
    this.world = world
    this.node = node
    this.init = init
    this.totalWeight = ACTIONS.reduce((sum, action) => sum + world.options.mix[action], 0)
  }

  async setup (): Promise<number> {
    const { playersPerRegion, itemsPerRegion, initialGold, regionSize } = this.world.options
    const random = this.init.random
    let created = 0
    for (const r of this.world.regionsOf(this.init.index, this.init.nodes)) {
      const left = (r % this.world.columns) * regionSize
      const top = Math.floor(r / this.world.columns) * regionSize
      const spot = (): { x: number, y: number } => ({ x: left + randomInt(random, regionSize), y: top + randomInt(random, regionSize) })
      const items = Array.from({ length: itemsPerRegion }, (_, k) => ({ id: `item-${r * itemsPerRegion + k}`, ...spot() }))
      await runSetupTask(this.node, tx => { tx.put(groundKey(r), encodeJson({ items } satisfies Ground)) })
      created++
      for (let start = 0; start < playersPerRegion; start += SETUP_BATCH) {
        const end = Math.min(playersPerRegion, start + SETUP_BATCH)
        const players = Array.from({ length: end - start }, (_, k) => ({ id: `p${r * playersPerRegion + start + k}`, ...spot() }))
        await runSetupTask(this.node, tx => {
          for (const { id, x, y } of players) {
            tx.put(playerKey(id), encodeJson({ x, y, gold: initialGold, items: [] } satisfies Player))
          }
        })
        created += players.length
      }
    }
    this.adopt(this.world.initialActors(this.init.index, this.init.nodes))
    return created
  }

  adopt (actors: string[]): void {
    for (const actor of actors) {
      if (!this.drivenSet.has(actor)) {
        this.drivenSet.add(actor)
        this.driven.push(actor)
      }
    }
  }

  actors (): string[] {
    return [...this.driven]
  }

  next (): Operation | undefined {
    if (this.driven.length === 0) {
      return undefined
    }
    let roll = this.init.random() * this.totalWeight
    let action: MmoAction = 'move'
    for (const candidate of ACTIONS) {
      roll -= this.world.options.mix[candidate]
      if (roll < 0) {
        action = candidate
        break
      }
    }
    const player = this.pick()
    switch (action) {
      case 'move': return { kind: action, run: this.move(player) }
      case 'pickup': return { kind: action, run: async () => { await this.pickup(player) } }
      case 'drop': return { kind: action, run: this.drop(player) }
      default: return { kind: action, run: this.trade(player, this.pick()) }
    }
  }

  private pick (): string {
    return this.driven[randomInt(this.init.random, this.driven.length)]
  }

  /** One step in a random direction; across a border the player goes to the next region's node */
  private move (id: string): () => Promise<void> {
    const random = this.init.random
    const direction = randomInt(random, 8)
    const dx = [-1, 0, 1, -1, 1, -1, 0, 1][direction]
    const dy = [-1, -1, -1, 0, 0, 1, 1, 1][direction]
    const { width, height } = this.world
    return async () => this.follow(id, await this.node.run(async tx => {
      const player = this.read<Player>(id, await tx.get(playerKey(id)))
      if (!this.drives(player)) {
        return player
      }
      const moved = { ...player, x: (player.x + dx + width) % width, y: (player.y + dy + height) % height }
      tx.put(playerKey(id), encodeJson(moved))
      return moved
    }, this.options('move')))
  }

  /** The nearest item within reach goes from the ground into the player's inventory */
  private async pickup (id: string): Promise<void> {
    const where = await this.node.run(async tx => {
      const player = this.read<Player>(id, await tx.get(playerKey(id)))
      if (!this.drives(player)) {
        return player
      }
      const region = this.world.regionAt(player.x, player.y)
      const ground = this.read<Ground>(groundKey(region), await tx.get(groundKey(region)))
      let nearest: GroundItem | undefined
      for (const item of ground.items) {
        if (Math.abs(item.x - player.x) <= REACH && Math.abs(item.y - player.y) <= REACH &&
          (nearest == null || distance(item, player) < distance(nearest, player))) {
          nearest = item
        }
      }
      if (nearest != null) {
        tx.put(groundKey(region), encodeJson({ items: ground.items.filter(item => item !== nearest) } satisfies Ground))
        tx.put(playerKey(id), encodeJson({ ...player, items: [...player.items, nearest.id] } satisfies Player))
      }
      return player
    }, this.options('pickup'))
    this.follow(id, where)
  }

  /** A random item from the inventory onto the ground where the player stands */
  private drop (id: string): () => Promise<void> {
    const pick = this.init.random()
    return async () => this.follow(id, await this.node.run(async tx => {
      const player = this.read<Player>(id, await tx.get(playerKey(id)))
      if (!this.drives(player) || player.items.length === 0) {
        return player
      }
      const item = player.items[Math.floor(pick * player.items.length)]
      const region = this.world.regionAt(player.x, player.y)
      const ground = this.read<Ground>(groundKey(region), await tx.get(groundKey(region)))
      tx.put(groundKey(region), encodeJson({ items: [...ground.items, { id: item, x: player.x, y: player.y }] } satisfies Ground))
      tx.put(playerKey(id), encodeJson({ ...player, items: player.items.filter(i => i !== item) } satisfies Player))
      return player
    }, this.options('drop')))
  }

  /**
   * Two players this node drives: one sells an item for gold (or, when neither has an item, gives
   * a little gold): both change together or not at all
   */
  private trade (a: string, b: string): () => Promise<void> {
    const random = this.init.random
    const wantedPrice = 1 + randomInt(random, MAX_PRICE)
    const pick = random()
    const sellerFirst = random() < 0.5
    return async () => {
      if (a !== b) {
        await this.tradeTask(a, b, wantedPrice, pick, sellerFirst)
      }
    }
  }

  private async tradeTask (a: string, b: string, wantedPrice: number, pick: number, sellerFirst: boolean): Promise<void> {
    const [whereA, whereB] = await this.node.run(async tx => {
      const [bytesA, bytesB] = await Promise.all([tx.get(playerKey(a)), tx.get(playerKey(b))])
      const playerA = this.read<Player>(a, bytesA)
      const playerB = this.read<Player>(b, bytesB)
      if (!this.drives(playerA) || !this.drives(playerB)) {
        return [playerA, playerB]
      }
      let [seller, buyer] = sellerFirst ? [playerA, playerB] : [playerB, playerA]
      if (seller.items.length === 0) {
        [seller, buyer] = [buyer, seller]
      }
      const item = seller.items.length > 0 ? seller.items[Math.floor(pick * seller.items.length)] : undefined
      const price = Math.min(buyer.gold, item == null ? Math.ceil(wantedPrice / 4) : wantedPrice)
      if (item == null && price === 0) {
        return [playerA, playerB]
      }
      const sold: Player = { ...seller, gold: seller.gold + price, items: seller.items.filter(i => i !== item) }
      const bought: Player = { ...buyer, gold: buyer.gold - price, items: item == null ? buyer.items : [...buyer.items, item] }
      const sellerId = seller === playerA ? a : b
      tx.put(playerKey(sellerId), encodeJson(sold))
      tx.put(playerKey(sellerId === a ? b : a), encodeJson(bought))
      return [playerA, playerB]
    }, this.options('trade'))
    this.follow(a, whereA)
    this.follow(b, whereB)
  }

  private drives (player: Player): boolean {
    return this.world.hostOf(this.world.regionAt(player.x, player.y), this.init.nodes) === this.init.index
  }

  /** After a task: a player standing in another node's region is handed to that node */
  private follow (id: string, player: Player): void {
    const host = this.world.hostOf(this.world.regionAt(player.x, player.y), this.init.nodes)
    if (host === this.init.index || !this.drivenSet.delete(id)) {
      return
    }
    const at = this.driven.indexOf(id)
    this.driven[at] = this.driven[this.driven.length - 1]
    this.driven.pop()
    this.init.onHandover?.(id, host)
  }

  private read<T> (key: string, bytes: Uint8Array | undefined): T {
    const value = decodeJson<T>(bytes)
    if (value == null) {
      throw new Error(`${key} is missing`)
    }
    return value
  }

  private options (action: MmoAction): { consistency: Consistency, timeoutMs?: number, maxAttempts?: number } {
    return { consistency: this.world.options.levels[action], timeoutMs: this.init.taskTimeoutMs, maxAttempts: this.init.maxAttempts }
  }
}

function distance (a: { x: number, y: number }, b: { x: number, y: number }): number {
  return Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y))
}

function safeDecode<T> (bytes: Uint8Array | undefined): T | undefined {
  try {
    return decodeJson<T>(bytes)
  } catch {
    return undefined
  }
}
