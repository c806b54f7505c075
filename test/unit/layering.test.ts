import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const SERVER = path.resolve(import.meta.dirname, '../../server/src')

/** The modules a file imports (relative specifiers, resolved against the server's source folder). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8')
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1])
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => path.relative(SERVER, path.resolve(path.dirname(file), s)))
}

function filesIn(folder: string): string[] {
  return fs
    .readdirSync(path.join(SERVER, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(SERVER, folder, f))
}

describe('layers of the server', () => {
  it.each(['domain', 'services', 'repos', 'db'])(
    'when the files of %s/ are read, then none imports from http/ (the arrow runs from http to them, never back)',
    (folder) => {
      const offending = filesIn(folder).flatMap((file) =>
        importsOf(file)
          .filter((m) => m.startsWith('http/'))
          .map((m) => `${path.relative(SERVER, file)} → ${m}`),
      )
      expect(offending).toEqual([])
    },
  )

  it('when the files of domain/ are read, then none imports from db/, repos/, services/ or routes/ (the domain is pure)', () => {
    const offending = filesIn('domain').flatMap((file) =>
      importsOf(file)
        .filter((m) => /^(db|repos|services|routes)\//.test(m))
        .map((m) => `${path.relative(SERVER, file)} → ${m}`),
    )
    expect(offending).toEqual([])
  })
})
