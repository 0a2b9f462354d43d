import { expect } from 'aegir/chai'
import { CLUSTER_KEY_BYTES, generateClusterKey, parseClusterKey, swarmKeyText, toSwarmKey } from '../../src/net/cluster-key.ts'

const HEX = 'dffb7e3135399a8b1612b2aaca1c36a3a8ac2cd0cca51ceeb2ced87d308cac6d'

describe('cluster key', () => {
  it('generates a swarm key file that parses back to 32 bytes', () => {
    const text = generateClusterKey()

    expect(text).to.match(/^\/key\/swarm\/psk\/1\.0\.0\/\n\/base16\/\n[0-9a-f]{64}\n$/)
    expect(parseClusterKey(text)).to.have.lengthOf(CLUSTER_KEY_BYTES)
  })

  it('generates a different key each time', () => {
    expect(generateClusterKey()).to.not.equal(generateClusterKey())
  })

  it('gives the same swarm key for the raw bytes, the text and the text as bytes', () => {
    const text = `/key/swarm/psk/1.0.0/\n/base16/\n${HEX}\n`
    const secret = parseClusterKey(text)

    expect(toSwarmKey(secret)).to.deep.equal(toSwarmKey(text))
    expect(toSwarmKey(new TextEncoder().encode(text))).to.deep.equal(toSwarmKey(text))
    expect(swarmKeyText(secret)).to.equal(text)
  })

  it('accepts CRLF line ends, surrounding whitespace and upper-case hex', () => {
    const text = `  /key/swarm/psk/1.0.0/\r\n/base16/\r\n${HEX.toUpperCase()}\r\n\r\n`

    expect(parseClusterKey(text)).to.deep.equal(parseClusterKey(`/key/swarm/psk/1.0.0/\n/base16/\n${HEX}`))
  })

  const bad: Array<[string, unknown]> = [
    ['31 bytes', new Uint8Array(31).fill(1)],
    ['33 bytes', new Uint8Array(33).fill(1)],
    ['an empty array', new Uint8Array(0)],
    ['32 zero bytes', new Uint8Array(32)],
    ['bytes that are not UTF-8', new Uint8Array(40).fill(0xff)],
    ['an empty string', ''],
    ['a bare hex string', HEX],
    ['a wrong header', `/key/swarm/psk/2.0.0/\n/base16/\n${HEX}`],
    ['a base64 key', '/key/swarm/psk/1.0.0/\n/base64/\n3/t+MTU5mosWErKqyhw2o6isLNDMpRzustDYfTCMrG0='],
    ['a short key', `/key/swarm/psk/1.0.0/\n/base16/\n${HEX.slice(2)}`],
    ['a non-hex key', `/key/swarm/psk/1.0.0/\n/base16/\n${HEX.slice(2)}zz`],
    ['an extra line', `/key/swarm/psk/1.0.0/\n/base16/\n${HEX}\nmore`],
    ['a zero key', `/key/swarm/psk/1.0.0/\n/base16/\n${'0'.repeat(64)}`],
    ['a number', 42],
    ['null', null]
  ]

  for (const [what, key] of bad) {
    it(`rejects ${what} with InvalidOptionError`, () => {
      // @ts-expect-error deliberately wrong types reach the check too
      expect(() => toSwarmKey(key)).to.throw().with.property('name', 'InvalidOptionError')
    })
  }
})
