import fs from 'node:fs'
import path from 'node:path'
import semver from 'semver'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../..')
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'))

interface LockedPackage {
  version?: string
  engines?: Record<string, unknown> | string[]
}

describe('Node engines', () => {
  const declared: string = readJson('package.json').engines.node
  const oldest = semver.minVersion(declared)!.version
  const locked = Object.entries(readJson('package-lock.json').packages as Record<string, LockedPackage>).filter(
    ([name]) => name !== '',
  )

  it('when package.json declares a Node range, then it is a valid range with a lowest version', () => {
    expect(semver.validRange(declared)).not.toBeNull()
    expect(oldest).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('when a locked package declares the Node it needs, then the oldest Node package.json allows satisfies it', () => {
    const refusing = locked
      .map(([name, p]) => ({
        name: name.replace(/^.*node_modules\//, ''),
        version: p.version,
        node: Array.isArray(p.engines) ? undefined : p.engines?.node,
      }))
      .filter(
        (p): p is { name: string; version: string; node: string } =>
          typeof p.node === 'string' && !semver.satisfies(oldest, p.node),
      )
      .map((p) => `${p.name}@${p.version} needs node ${p.node}`)
    expect(refusing).toEqual([])
  })

  it('when the tests run, then the Node running them is one package.json allows', () => {
    expect(semver.satisfies(process.version, declared)).toBe(true)
  })
})
