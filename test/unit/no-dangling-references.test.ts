import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SELF = path.relative(ROOT, import.meta.filename)

/** What a maintainer of this repository reads: sources, SQL, scripts, tests, docs and READMEs. */
const SCANNED = ['server', 'client', 'sql', 'scripts', 'bench', 'test', 'sample-data', 'docs', '.ci']
const SCANNED_ROOT_FILES = [
  'README.md',
  'package.json',
  'vite.config.ts',
  'vitest.config.ts',
  'eslint.config.js',
  'knip.json',
  'tsconfig.json',
]
const TEXT_FILE = /\.(ts|tsx|js|mjs|cjs|sql|md|json|css|html|sh|ya?ml)$|^run$/
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'test-results', 'fixtures'])

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return SKIPPED_DIRS.has(e.name) ? [] : filesUnder(full)
    return TEXT_FILE.test(e.name) ? [full] : []
  })
}

/** Texts outside this repository: notes the project was built from, and tracker issues by number. */
const OUTSIDE = [
  { what: 'a section of a domain reference that is not in this repository', pattern: /\bDOMAIN\b/ },
  { what: 'a brief that is not in this repository', pattern: /\b(DESIGN|PERF|STYLE|DOMAIN)\.md\b/ },
  { what: 'a tracker issue by number', pattern: /\bissues? #?\d+/i },
]
/**
 * Applied migrations are immutable (db/migrate.ts stops at start-up when an applied file's SHA-256 changes), so
 * these keep the wording they were applied with; docs/domain-notes.md says how to read it. New ones are checked.
 */
const IMMUTABLE_MIGRATIONS = new Set(
  [
    '011_parcel_editing.sql',
    '012_plot_lifecycle.sql',
    '013_zones_enterprises_lists.sql',
    '014_precheck.sql',
    '015_precheck_subdivide.sql',
    '016_precheck_data_version_indexes.sql',
    '017_monitoring_network.sql',
    '018_coverage.sql',
    '019_indicators.sql',
    '020_precheck_versions.sql',
    '021_precheck_county_pieces.sql',
    '022_coverage_version.sql',
  ].map((f) => path.join('sql', 'migrations', f)),
)

/** `../shared/` outside the client is a folder beside the repository; the client's own `shared/` is its code. */
const SHARED_OUTSIDE = /\.\.\/shared\//

function danglingIn(file: string, text: string): string[] {
  const isClient = file.startsWith(`client${path.sep}`)
  return text.split('\n').flatMap((line, i) => {
    const found = OUTSIDE.filter((o) => o.pattern.test(line)).map((o) => o.what)
    if (!isClient && SHARED_OUTSIDE.test(line)) found.push('a folder beside the repository')
    return found.map((what) => `${file}:${i + 1}: ${what}: ${line.trim().slice(0, 120)}`)
  })
}

describe('references', () => {
  const files = [
    ...SCANNED.flatMap((d) => filesUnder(path.join(ROOT, d))),
    ...SCANNED_ROOT_FILES.map((f) => path.join(ROOT, f)).filter(fs.existsSync),
  ]
    .map((f) => path.relative(ROOT, f))
    .filter((f) => f !== SELF && !IMMUTABLE_MIGRATIONS.has(f))

  it('when the repository is scanned, then the sources, SQL, docs and README are all read', () => {
    expect(files).toEqual(
      expect.arrayContaining(['README.md', path.join('server', 'src', 'app.ts'), path.join('docs', 'domain-notes.md')]),
    )
    expect(files.some((f) => f.endsWith('.sql'))).toBe(true)
    expect(files).toContain(path.join('sql', 'migrations', '001_extensions.sql'))
    expect(files.some((f) => f.endsWith('.tsx'))).toBe(true)
  })

  it('when a text cites a source, then the source is in this repository or is the standard itself', () => {
    const dangling = files.flatMap((f) => danglingIn(f, fs.readFileSync(path.join(ROOT, f), 'utf8')))
    expect(dangling).toEqual([])
  })

  it('when a line cites a brief, a domain section, a tracker issue or ../shared/, then it is found', () => {
    expect(danglingIn('server/src/x.ts', '/** DOMAIN §6.2 */')).toHaveLength(1)
    expect(danglingIn('README.md', 'see PERF.md')).toHaveLength(1)
    expect(danglingIn('sql/migrations/x.sql', '-- Control zones (issue 7).')).toHaveLength(1)
    expect(danglingIn('bench/run.ts', '(../shared/PERF.md)')).toHaveLength(2)
    expect(danglingIn('client/src/app/app.tsx', "import { x } from '../shared/api-client'")).toEqual([])
    expect(danglingIn('server/src/x.ts', '/** GB 15618-2018 表1; docs/domain-notes.md §6.2 */')).toEqual([])
  })
})
