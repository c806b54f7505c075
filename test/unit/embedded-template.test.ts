import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { markTemplate, useTemplate } from '../../server/src/db/embedded-template.ts'

const made: string[] = []
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-template-'))
  made.push(dir)
  return dir
}
afterEach(() => made.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

/** A stand-in database folder: what matters here is which files are copied when. */
function fakeCluster(): string {
  const dir = tmp()
  fs.writeFileSync(path.join(dir, 'PG_VERSION'), '17\n')
  fs.mkdirSync(path.join(dir, 'base', '1'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'base', '1', '1259'), 'relation')
  return dir
}

describe('the empty database a first start copies', () => {
  it('is copied into an empty data folder when it holds the current migrations, without its marker', () => {
    const template = fakeCluster()
    markTemplate(template)
    const data = tmp()
    expect(useTemplate(data, template)).toBe(true)
    expect(fs.readFileSync(path.join(data, 'base', '1', '1259'), 'utf8')).toBe('relation')
    expect(fs.readdirSync(data).sort()).toEqual(['PG_VERSION', 'base'])
  })

  it('is not used for a folder that already holds a database', () => {
    const template = fakeCluster()
    markTemplate(template)
    const data = fakeCluster()
    fs.rmSync(path.join(data, 'base'), { recursive: true })
    expect(useTemplate(data, template)).toBe(false)
    expect(fs.existsSync(path.join(data, 'base'))).toBe(false)
  })

  it('is not used when made for other migrations, or unmarked', () => {
    const template = fakeCluster()
    fs.writeFileSync(path.join(template, 'soil-template.json'), JSON.stringify({ migrations: 'older' }))
    expect(useTemplate(tmp(), template)).toBe(false)
    expect(useTemplate(tmp(), fakeCluster())).toBe(false)
  })
})
