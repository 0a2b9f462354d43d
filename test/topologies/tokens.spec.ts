/**
 * The runner's judgement of commit tokens (invariant 5): it fails on a token committed on one node
 * and lost on another, on a token still undecided, and when no token was checked at all.
 */

import { expect } from 'aegir/chai'
import { TokenLedger } from '../../scripts/topology-tokens.ts'
import type { TokenAnswer } from '../../scripts/topology-probe.ts'

const committed: TokenAnswer = { outcome: 'committed' }
const lost: TokenAnswer = { outcome: 'lost' }
const inDoubt: TokenAnswer = { outcome: 'in-doubt', detail: 'a follower in term 3' }

function ledger (...tokens: string[]): TokenLedger {
  const l = new TokenLedger()
  tokens.forEach((token, k) => { l.record(k % 2, token, k) })
  return l
}

describe('topology token check', () => {
  it('holds when every token has one outcome on every node asked', () => {
    const l = ledger('g:1:1:0', 'g:1:2:0', 'g:2:2:0')
    const { result, figures } = l.judge(l.all(), new Map([[0, [committed, lost, committed]], [3, [committed, lost, committed]]]))
    expect(result.ok, result.detail).to.be.true()
    expect(figures).to.include({ checked: 3, committed: 2, lost: 1, conflicting: 0, undecided: 0 })
    expect(result.detail).to.include('2 committed, 1 lost')
  })

  it('fails on a token committed on one node and lost on another', () => {
    const l = ledger('g:1:1:0', 'g:1:2:0')
    const { result, figures } = l.judge(l.all(), new Map([[0, [committed, committed]], [1, [committed, lost]]]))
    expect(result.ok).to.be.false()
    expect(figures.conflicting).to.equal(1)
    expect(result.detail).to.include('g:1:2:0').and.include('n0 committed, n1 lost')
  })

  it('fails on a token still in doubt, or not answered, on any node', () => {
    const l = ledger('g:1:1:0', 'g:1:2:0')
    const doubt = l.judge(l.all(), new Map([[0, [committed, lost]], [1, [committed, inDoubt]]]))
    expect(doubt.result.ok).to.be.false()
    expect(doubt.figures.undecided).to.equal(1)
    expect(doubt.result.detail).to.include('still undecided').and.include('a follower in term 3')
    const missing = l.judge(l.all(), new Map([[0, [committed]]]))
    expect(missing.result.ok).to.be.false()
  })

  it('fails when no token was checked', () => {
    const l = ledger()
    const { result } = l.judge([], new Map([[0, []]]))
    expect(result.ok).to.be.false()
    expect(result.detail).to.include('no task returned a commit token')
  })
})
