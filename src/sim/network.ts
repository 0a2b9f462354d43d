import type { SimProcess } from './process.ts'
import type { SeededRandom } from './random.ts'
import type { Scheduler } from './scheduler.ts'

/** How a link misbehaves when it is up */
export interface LinkProfile {
  /** Probability that a message is lost */
  dropRate: number
  /** Probability that a message is delivered twice */
  duplicateRate: number
  minDelayMs: number
  maxDelayMs: number
  /** Probability that a message is held back by up to `maxExtraDelayMs` more (reorders it) */
  delaySpikeRate: number
  maxExtraDelayMs: number
}

export const PERFECT_LINK: LinkProfile = {
  dropRate: 0,
  duplicateRate: 0,
  minDelayMs: 1,
  maxDelayMs: 1,
  delaySpikeRate: 0,
  maxExtraDelayMs: 0
}

interface Endpoint<M> {
  readonly process: SimProcess
  receive(message: M): void
}

export type NetworkEvent = 'send' | 'drop' | 'cut' | 'duplicate' | 'deliver' | 'lost'

/**
 * A seeded, faulty network between named nodes: loss, duplication, variable delay (so
 * reordering), and partitions that may be one-way. A cut link loses whatever is sent while it is
 * cut and whatever would arrive while it is cut.
 */
export class SimNetwork<M> {
  private readonly scheduler: Scheduler
  private readonly random: SeededRandom
  private readonly endpoints = new Map<string, Endpoint<M>>()
  /** `from>to` of every link that is down */
  private readonly cuts = new Set<string>()
  private profile: LinkProfile
  /** `from>to` of links that misbehave in their own way */
  private readonly linkProfiles = new Map<string, LinkProfile>()
  private readonly observer?: (event: NetworkEvent, from: string, to: string, message: M) => void
  private _sent = 0
  private _delivered = 0

  constructor (scheduler: Scheduler, random: SeededRandom, profile: LinkProfile, observer?: (event: NetworkEvent, from: string, to: string, message: M) => void) {
    this.scheduler = scheduler
    this.random = random
    this.profile = profile
    this.observer = observer
  }

  get sent (): number { return this._sent }
  get delivered (): number { return this._delivered }

  /** Attach a node (again after a restart: the new program receives from now on) */
  attach (node: string, process: SimProcess, receive: (message: M) => void): void {
    this.endpoints.set(node, { process, receive })
  }

  setProfile (profile: LinkProfile): void {
    this.profile = profile
  }

  getProfile (): LinkProfile {
    return this.profile
  }

  /** One link (one way) behaves by `profile` instead of the network's; undefined: as the network again */
  setLinkProfile (from: string, to: string, profile: LinkProfile | undefined): void {
    if (profile == null) {
      this.linkProfiles.delete(`${from}>${to}`)
    } else {
      this.linkProfiles.set(`${from}>${to}`, profile)
    }
  }

  /** Cut the link from `from` to `to` (one way) */
  cut (from: string, to: string): void {
    this.cuts.add(`${from}>${to}`)
  }

  heal (from: string, to: string): void {
    this.cuts.delete(`${from}>${to}`)
  }

  isCut (from: string, to: string): boolean {
    return this.cuts.has(`${from}>${to}`)
  }

  /** Every link that is down, as `[from, to]` */
  cutLinks (): Array<[string, string]> {
    return [...this.cuts].map(link => link.split('>') as [string, string])
  }

  healAll (): void {
    this.cuts.clear()
  }

  send (from: string, to: string, message: M): void {
    this._sent++
    this.observer?.('send', from, to, message)
    if (this.isCut(from, to)) {
      this.observer?.('cut', from, to, message)
      return
    }
    const profile = this.linkProfiles.get(`${from}>${to}`) ?? this.profile
    if (this.random.chance(profile.dropRate)) {
      this.observer?.('drop', from, to, message)
      return
    }
    this.schedule(from, to, message, profile)
    if (this.random.chance(profile.duplicateRate)) {
      this.observer?.('duplicate', from, to, message)
      this.schedule(from, to, message, profile)
    }
  }

  private schedule (from: string, to: string, message: M, profile: LinkProfile): void {
    let delayMs = this.random.between(profile.minDelayMs, profile.maxDelayMs)
    if (profile.delaySpikeRate > 0 && this.random.chance(profile.delaySpikeRate)) {
      delayMs += this.random.between(0, profile.maxExtraDelayMs)
    }
    this.scheduler.after(delayMs, () => {
      const endpoint = this.endpoints.get(to)
      if (endpoint == null || this.isCut(from, to) || endpoint.process.state === 'crashed') {
        this.observer?.('lost', from, to, message)
        return
      }
      this._delivered++
      endpoint.process.deliver(() => {
        this.observer?.('deliver', from, to, message)
        endpoint.receive(message)
      })
    })
  }
}
