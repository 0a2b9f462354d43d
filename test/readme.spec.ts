import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect } from 'aegir/chai'

describe('README', function () {
  this.timeout(30_000)

  it('the embedding example runs as written (against this checkout)', async () => {
    const readme = await readFile('README.md', 'utf8')
    const section = readme.slice(readme.indexOf('## Embed a node'))
    const match = /```ts\n([\s\S]*?)```/.exec(section)
    expect(match, 'a ts code block under "Embed a node"').to.not.be.null()
    const code = match?.[1] ?? ''
    expect(code.split('\n').length, 'the example stays about 20 lines').to.be.at.most(24)
    const dir = await mkdtemp(join(tmpdir(), 'hoard-readme-'))
    try {
      const source = code
        .replace("from 'hoard'", `from ${JSON.stringify(pathToFileURL(resolve('src/index.ts')).href)}`)
        .replace("'./data/node-1'", JSON.stringify(join(dir, 'node-1')))
        .replace(/console\.log\(/g, 'globalThis.readmeOutput = ((...args: unknown[]) => args)(')
      const file = join(dir, 'example.ts')
      await writeFile(file, source)
      await import(pathToFileURL(file).href)
      const output = (globalThis as { readmeOutput?: unknown[] }).readmeOutput
      expect(output?.[0]).to.equal('left:')
      expect(output?.[1]).to.equal(70)
      expect(output?.[3]).to.have.property('group').that.is.a('string')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
