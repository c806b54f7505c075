import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures')

/** Whether this run rewrites the expected outputs (`REGEN=1 npx vitest run …`) instead of comparing with them. */
const isRegen = process.env.REGEN === '1'

/** The case folders of one golden suite, `test/fixtures/<suite>/<case>/`, in name order. */
export function goldenCases(suite: string): { name: string; dir: string }[] {
  const root = path.join(FIXTURES, suite)
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ name: entry.name, dir: path.join(root, entry.name) }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * Compares `actual` with the case's `out.json`; with REGEN=1 writes it there instead. A case without `out.json`
 * fails, so a new input is never passed unseen.
 */
export function expectGolden(dir: string, actual: unknown): void {
  const outFile = path.join(dir, 'out.json')
  const text = `${JSON.stringify(actual, null, 2)}\n`
  if (isRegen) {
    writeFileSync(outFile, text)
    return
  }
  if (!existsSync(outFile)) throw new Error(`${outFile} is missing: run the test with REGEN=1 and review the new file`)
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(outFile, 'utf8')))
}
