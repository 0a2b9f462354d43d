/**
 * Checks a JSON value against topologies/schema.json: a small interpreter of the JSON Schema
 * keywords that file uses, so the schema stays the one contract and every error names the field
 * (`faults[1].nodes`) in one line. It fills in `default` values as it goes. A keyword it does not
 * know is a programming error (the schema grew past it), not a user's mistake: it throws
 * `SchemaKeywordError`, and the unit tests run the shipped schema through it.
 */

/** A JSON Schema object (the subset below) */
export type Schema = Record<string, unknown>

/** A value that does not match the schema; `field` is its path, e.g. `faults[1].nodes` */
export class SchemaMismatchError extends Error {
  override readonly name = 'SchemaMismatchError'
  readonly field: string

  constructor (field: string, message: string) {
    super(`${field === '' ? '(top level)' : field}: ${message}`)
    this.field = field
  }
}

/** The schema uses a keyword this interpreter does not implement */
export class SchemaKeywordError extends Error {
  override readonly name = 'SchemaKeywordError'

  constructor (keyword: string, at: string) {
    super(`the schema uses "${keyword}" at ${at === '' ? 'its top level' : at}, which scripts/topology-schema.ts does not implement`)
  }
}

/** Keywords that only annotate */
const ANNOTATIONS = new Set(['$schema', '$id', '$defs', 'title', 'description', 'default', 'examples'])
const ASSERTIONS = new Set(['type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems', 'uniqueItems', 'minimum', 'maximum', 'exclusiveMinimum', 'pattern', 'oneOf', 'anyOf', '$ref'])

/**
 * Checks `value` against `schema` (whose `$ref`s point into `root`), filling in defaults. Throws
 * the first mismatch as a `SchemaMismatchError`.
 */
export function checkAgainstSchema (value: unknown, schema: Schema, root: Schema = schema, field = ''): void {
  const mismatch = firstMismatch(value, schema, root, field)
  if (mismatch != null) {
    throw mismatch
  }
}

function firstMismatch (value: unknown, schema: Schema, root: Schema, field: string): SchemaMismatchError | undefined {
  for (const keyword of Object.keys(schema)) {
    if (!ANNOTATIONS.has(keyword) && !ASSERTIONS.has(keyword)) {
      throw new SchemaKeywordError(keyword, field)
    }
  }
  const fail = (message: string): SchemaMismatchError => new SchemaMismatchError(field, message)

  if (typeof schema.$ref === 'string') {
    const mismatch = firstMismatch(value, resolveRef(schema.$ref, root), root, field)
    if (mismatch != null) {
      return mismatch
    }
  }
  if (schema.type != null && !matchesType(value, schema.type as string)) {
    return fail(`must be ${article(schema.type as string)} (got ${describe(value)})`)
  }
  if ('const' in schema && !sameJson(value, schema.const)) {
    return fail(`must be ${JSON.stringify(schema.const)} (got ${describe(value)})`)
  }
  if (Array.isArray(schema.enum) && !schema.enum.some(option => sameJson(value, option))) {
    return fail(`must be one of ${schema.enum.map(option => JSON.stringify(option)).join(', ')} (got ${describe(value)})`)
  }
  const mismatch = scalarMismatch(value, schema, field) ??
    (Array.isArray(value) ? arrayMismatch(value, schema, root, field) : undefined) ??
    (isObject(value) ? objectMismatch(value, schema, root, field) : undefined)
  if (mismatch != null) {
    return mismatch
  }
  if (Array.isArray(schema.oneOf)) {
    const mismatch = alternativesMismatch(value, schema.oneOf as Schema[], root, field, 'one')
    if (mismatch != null) {
      return mismatch
    }
  }
  if (Array.isArray(schema.anyOf)) {
    return alternativesMismatch(value, schema.anyOf as Schema[], root, field, 'any')
  }
  return undefined
}

function scalarMismatch (value: unknown, schema: Schema, field: string): SchemaMismatchError | undefined {
  const fail = (message: string): SchemaMismatchError => new SchemaMismatchError(field, message)
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) {
      return fail(`must be at least ${schema.minimum} (got ${value})`)
    }
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) {
      return fail(`must be more than ${schema.exclusiveMinimum} (got ${value})`)
    }
    if (typeof schema.maximum === 'number' && value > schema.maximum) {
      return fail(`must be at most ${schema.maximum} (got ${value})`)
    }
  }
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    return fail(`must match /${schema.pattern}/ (got ${describe(value)})`)
  }
  return undefined
}

function arrayMismatch (value: unknown[], schema: Schema, root: Schema, field: string): SchemaMismatchError | undefined {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
    return new SchemaMismatchError(field, schema.minItems === schema.maxItems
      ? `must have exactly ${schema.minItems} items (got ${value.length})`
      : `must have at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'} (got ${value.length})`)
  }
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
    return new SchemaMismatchError(field, schema.minItems === schema.maxItems
      ? `must have exactly ${schema.maxItems} items (got ${value.length})`
      : `must have at most ${schema.maxItems} items (got ${value.length})`)
  }
  if (schema.uniqueItems === true) {
    const seen = new Set<string>()
    for (const [i, item] of value.entries()) {
      const json = JSON.stringify(item)
      if (seen.has(json)) {
        return new SchemaMismatchError(`${field}[${i}]`, `repeats ${json}: items must be unique`)
      }
      seen.add(json)
    }
  }
  if (isObject(schema.items)) {
    for (const [i, item] of value.entries()) {
      const mismatch = firstMismatch(item, schema.items, root, `${field}[${i}]`)
      if (mismatch != null) {
        return mismatch
      }
    }
  }
  return undefined
}

function objectMismatch (value: Record<string, unknown>, schema: Schema, root: Schema, field: string): SchemaMismatchError | undefined {
  const properties = isObject(schema.properties) ? schema.properties as Record<string, Schema> : {}
  for (const name of Array.isArray(schema.required) ? schema.required as string[] : []) {
    if (!(name in value)) {
      return new SchemaMismatchError(join(field, name), 'is required')
    }
  }
  if (schema.additionalProperties === false) {
    const known = Object.keys(properties)
    for (const name of Object.keys(value)) {
      if (!(name in properties)) {
        const near = closest(name, known)
        return new SchemaMismatchError(join(field, name), `unknown field${near == null ? '' : ` (did you mean "${near}"?)`}; known: ${known.join(', ')}`)
      }
    }
  } else if (schema.additionalProperties != null) {
    throw new SchemaKeywordError('additionalProperties (other than false)', field)
  }
  for (const [name, propertySchema] of Object.entries(properties)) {
    if (!(name in value)) {
      const fallback = defaultOf(propertySchema, root)
      if (fallback !== undefined) {
        value[name] = structuredClone(fallback)
      } else {
        continue
      }
    }
    const mismatch = firstMismatch(value[name], propertySchema, root, join(field, name))
    if (mismatch != null) {
      return mismatch
    }
  }
  return undefined
}

/**
 * oneOf / anyOf. Alternatives told apart by a `type` constant (`{"type": "kill", ...}`) are chosen
 * by it, so the error is about the chosen one; otherwise those whose JSON type fits are tried.
 */
function alternativesMismatch (value: unknown, alternatives: Schema[], root: Schema, field: string, how: 'one' | 'any'): SchemaMismatchError | undefined {
  const resolved = alternatives.map(alternative => typeof alternative.$ref === 'string' ? resolveRef(alternative.$ref, root) : alternative)
  const tags = resolved.map(alternative => ((alternative.properties as Record<string, Schema> | undefined)?.type?.const))
  if (tags.every(tag => typeof tag === 'string')) {
    if (!isObject(value)) {
      return new SchemaMismatchError(field, `must be an object (got ${describe(value)})`)
    }
    const chosen = tags.indexOf(value.type as string)
    if (chosen < 0) {
      return new SchemaMismatchError(join(field, 'type'), value.type === undefined
        ? `is required: one of ${tags.map(tag => JSON.stringify(tag)).join(', ')}`
        : `must be one of ${tags.map(tag => JSON.stringify(tag)).join(', ')} (got ${describe(value.type)})`)
    }
    return firstMismatch(value, resolved[chosen], root, field)
  }
  // a failed attempt must not leave defaults behind: try on copies, keep the one that passed
  const outcomes = resolved.map(alternative => {
    const copy = structuredClone(value)
    return { copy, mismatch: firstMismatch(copy, alternative, root, field) }
  })
  const passed = outcomes.filter(outcome => outcome.mismatch == null)
  if (passed.length === 1 || (how === 'any' && passed.length > 1)) {
    copyInto(value, passed[0].copy)
    return undefined
  }
  if (passed.length > 1) {
    return new SchemaMismatchError(field, `matches ${passed.length} of the alternatives; it must match exactly one`)
  }
  // report the alternative of the value's own kind, if only one has it
  const sameKind = resolved.map((alternative, i) => ({ alternative, i })).filter(({ alternative }) => kindFits(value, alternative))
  if (sameKind.length === 1) {
    return outcomes[sameKind[0].i].mismatch
  }
  return new SchemaMismatchError(field, `must be ${resolved.map(alternative => expectation(alternative)).join(', or ')} (got ${describe(value)})`)
}

/** Whether `value` is of the JSON type `schema` wants (a constant fits nothing: its message is the list) */
function kindFits (value: unknown, schema: Schema): boolean {
  if ('const' in schema) {
    return false
  }
  return typeof schema.type === 'string' && matchesType(value, schema.type === 'integer' ? 'number' : schema.type)
}

function expectation (schema: Schema): string {
  if ('const' in schema) {
    return JSON.stringify(schema.const)
  }
  if (schema.type === 'object' && Array.isArray(schema.required) && schema.required.length > 0) {
    return `an object with ${(schema.required as string[]).map(name => `"${name}"`).join(', ')}`
  }
  return typeof schema.type === 'string' ? article(schema.type) : 'something else'
}

function copyInto (target: unknown, source: unknown): void {
  if (isObject(target) && isObject(source)) {
    Object.assign(target, source)
  }
}

function defaultOf (schema: Schema, root: Schema): unknown {
  if ('default' in schema) {
    return schema.default
  }
  if (typeof schema.$ref === 'string') {
    return defaultOf(resolveRef(schema.$ref, root), root)
  }
  return undefined
}

function resolveRef (ref: string, root: Schema): Schema {
  const match = /^#\/\$defs\/([A-Za-z0-9_-]+)$/.exec(ref)
  const target = match == null ? undefined : (root.$defs as Record<string, Schema> | undefined)?.[match[1]]
  if (target == null) {
    throw new SchemaKeywordError(`$ref ${ref}`, '')
  }
  return target
}

function matchesType (value: unknown, type: string): boolean {
  switch (type) {
    case 'object': return isObject(value)
    case 'array': return Array.isArray(value)
    case 'string': return typeof value === 'string'
    case 'number': return typeof value === 'number' && Number.isFinite(value)
    case 'integer': return Number.isInteger(value)
    case 'boolean': return typeof value === 'boolean'
    case 'null': return value === null
    default: throw new SchemaKeywordError(`type ${type}`, '')
  }
}

function isObject (value: unknown): value is Record<string, unknown> {
  return value != null && typeof value === 'object' && !Array.isArray(value)
}

function sameJson (a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function article (type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}

/** A value as an error message shows it: `"kil"`, `2.5`, `an array`, `an object` */
function describe (value: unknown): string {
  if (value === undefined) {
    return 'nothing'
  }
  if (Array.isArray(value)) {
    return `an array of ${value.length}`
  }
  if (isObject(value)) {
    return 'an object'
  }
  const json = JSON.stringify(value)
  return json.length > 40 ? `${json.slice(0, 37)}...` : json
}

function join (field: string, name: string): string {
  return field === '' ? name : `${field}.${name}`
}

/** The known name within edit distance 2 of `name`, if there is one */
function closest (name: string, known: string[]): string | undefined {
  let best: { word: string, distance: number } | undefined
  for (const word of known) {
    const distance = editDistance(name.toLowerCase(), word.toLowerCase())
    if (distance <= 2 && (best == null || distance < best.distance)) {
      best = { word, distance }
    }
  }
  return best?.word
}

function editDistance (a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]
}
