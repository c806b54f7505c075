import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../..')
const QUERIES = path.join(ROOT, 'sql/queries')

function filesUnder(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : filesUnder(full, ext)
    return ext.test(e.name) ? [full] : []
  })
}

/** Every query file as its sqlFile name: `registry/list-zones`. */
const queryNames = new Set(
  filesUnder(QUERIES, /\.sql$/).map((f) =>
    path
      .relative(QUERIES, f)
      .replace(/\.sql$/, '')
      .split(path.sep)
      .join('/'),
  ),
)
const queryDirs = new Set([...queryNames].map((n) => n.split('/')[0]))

/** The code that runs queries: the server, the benchmarks, the scripts and the tests. */
const sources = ['server', 'bench', 'scripts', 'test']
  .flatMap((d) => filesUnder(path.join(ROOT, d), /\.tsx?$/))
  .map((file) => ({ file: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8') }))

/**
 * A source file's helpers that prefix a folder to a name, `const q = (…, name) => … sqlFile(`registry/${name}`)`, as
 * [helper, folder]; the helpers are called `q(db, 'list-zones', …)` or `q('list-zones')`.
 */
function prefixHelpers(text: string): [string, string][] {
  return [...text.matchAll(/const (\w+) = [^\n]*(?:\n {2,}[^\n]*)?sqlFile\(`([a-z0-9-]+)\/\$\{\w+\}`\)/g)].map((m) => [
    m[1],
    m[2],
  ])
}

/** The query names a file that runs queries names: whole names as literals, and names given to a folder helper. */
function namesIn(text: string): { whole: Set<string>; viaHelper: Set<string> } {
  // a file that runs queries, or one that names the statement another runs (a layer definition's `pageSql: '…'`)
  const runsQueries = text.includes('sqlFile') || /\w+Sql: '/.test(text)
  const whole = new Set(
    runsQueries
      ? [...text.matchAll(/['`]([a-z0-9-]+\/[a-z0-9/-]+)['`]/g)]
          .map((m) => m[1])
          .filter((n) => queryDirs.has(n.split('/')[0]))
      : [],
  )
  const viaHelper = new Set<string>()
  for (const [helper, folder] of prefixHelpers(text)) {
    const call = new RegExp(`\\b${helper}(?:<[^()]*?>)?\\((?:\\s*\\w+\\s*,)?([^,)]*)`, 'g')
    for (const [, name] of text.matchAll(call))
      for (const [, lit] of name.matchAll(/'([a-z0-9-]+)'/g)) viaHelper.add(`${folder}/${lit}`)
  }
  return { whole, viaHelper }
}

describe('sql/queries', () => {
  it('when code names a query file, then the file exists', () => {
    const missing = sources.flatMap(({ file, text }) => {
      const { whole, viaHelper } = namesIn(text)
      return [...whole, ...viaHelper].filter((n) => !queryNames.has(n)).map((n) => `${file}: ${n}.sql`)
    })
    expect(missing).toEqual([])
  })

  it('when a query file is in sql/queries, then some code names it', () => {
    const named = new Set(
      sources.flatMap(({ text }) => {
        const { whole, viaHelper } = namesIn(text)
        return [...whole, ...viaHelper]
      }),
    )
    expect([...queryNames].filter((n) => !named.has(n)).sort()).toEqual([])
  })

  it('when the folder helpers are read, then the registry, monitoring, precheck, coverage and classification helpers are found', () => {
    const folders = new Set(sources.flatMap(({ text }) => prefixHelpers(text).map(([, folder]) => folder)))
    expect([...folders].sort()).toEqual(
      expect.arrayContaining(['classification', 'coverage', 'monitoring', 'precheck', 'registry']),
    )
  })
})
