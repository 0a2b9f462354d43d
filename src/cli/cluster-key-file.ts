import { readFile } from 'node:fs/promises'
import { InvalidOptionError } from '../errors.ts'
import { parseClusterKey } from '../net/cluster-key.ts'

/** Reads and checks a swarm key file named on the command line (`--cluster-key <file>`) */
export async function readClusterKey (path: string): Promise<string> {
  let text: string

  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    throw new InvalidOptionError(`Cannot read cluster key file ${path}: ${err instanceof Error ? err.message : String(err)}`)
  }

  try {
    parseClusterKey(text)
  } catch (err) {
    throw new InvalidOptionError(`Cluster key file ${path} is not valid: ${err instanceof Error ? err.message : String(err)}`)
  }

  return text
}
