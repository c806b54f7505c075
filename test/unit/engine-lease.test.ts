import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { leaseEngine } from '../support/engine-lease.ts'

const leaseModule = new URL('../support/engine-lease.ts', import.meta.url).href
const dirs: string[] = []
function lockDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-lease-test-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** Runs `code` (an ES module that may import the lease module as `lease`) in a node process of its own. */
function runNode(code: string, args: string[]) {
  const source = `import * as lease from ${JSON.stringify(leaseModule)}\n${code}`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', source, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const done = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, output })),
  )
  return { child, done, output: () => output }
}

describe('leaseEngine', () => {
  it('when two files lease at once, then they get different engines', async () => {
    const dir = lockDir()
    const [a, b] = await Promise.all([leaseEngine(dir, 2), leaseEngine(dir, 2)])
    expect(new Set([a.index, b.index])).toEqual(new Set([0, 1]))
    a.release()
    b.release()
  })

  it('when every engine is leased, then the next lease waits and gets the one released first', async () => {
    const dir = lockDir()
    const a = await leaseEngine(dir, 2)
    const b = await leaseEngine(dir, 2)
    let third: number | undefined
    const waiting = leaseEngine(dir, 2, { retryMs: 10 }).then((l) => ((third = l.index), l))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(third).toBeUndefined()
    b.release()
    const c = await waiting
    expect(c.index).toBe(b.index)
    a.release()
    c.release()
    // a released engine is leased again
    expect((await leaseEngine(dir, 2)).index).toBe(0)
  })

  it('when no engine comes free in time, then the lease fails with a message', async () => {
    const dir = lockDir()
    await leaseEngine(dir, 1)
    await expect(leaseEngine(dir, 1, { retryMs: 10, timeoutMs: 50 })).rejects.toThrow('等待空闲的测试数据库超时')
  })

  it('when the process holding an engine was killed, then the engine is taken over', async () => {
    const dir = lockDir()
    const holder = runNode(
      `await lease.leaseEngine(process.argv[1], 1); console.log('held'); setInterval(() => {}, 1000)`,
      [dir],
    )
    await expect.poll(holder.output, { timeout: 30_000 }).toContain('held')
    holder.child.kill('SIGKILL')
    await holder.done
    const taken = await leaseEngine(dir, 1, { retryMs: 10, timeoutMs: 10_000 })
    expect(taken.index).toBe(0)
  })

  it('when processes lease and release repeatedly side by side, then no engine is ever used by two at once', async () => {
    const dir = lockDir()
    const inUse = lockDir()
    // each holder marks the engine as in use with a file only one can create; a second would fail with EEXIST
    const code = `
      import fs from 'node:fs'
      const [dir, inUse] = process.argv.slice(1)
      for (let round = 0; round < 8; round++) {
        const l = await lease.leaseEngine(dir, 2, { retryMs: 5 })
        fs.writeFileSync(inUse + '/' + l.index, String(process.pid), { flag: 'wx' })
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 10))
        fs.rmSync(inUse + '/' + l.index)
        l.release()
      }`
    const runs = Array.from({ length: 4 }, () => runNode(code, [dir, inUse]))
    const results = await Promise.all(runs.map((r) => r.done))
    for (const r of results) expect(r, r.output).toMatchObject({ code: 0 })
    expect(fs.readdirSync(dir)).toEqual([])
  })
})
