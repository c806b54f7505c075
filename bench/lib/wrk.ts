import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { HttpResult } from './http.ts'

/** One request of a wrk run: each connection's thread sends the list in turn. */
export interface WrkRequest {
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
}

/** The `wrk` executable (Debian package `wrk`), or null when it is not installed. */
export function findWrk(): string | null {
  if (process.env.BENCH_LOAD === 'autocannon') return null
  try {
    return execFileSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8', timeout: 5_000 }).trim() || null
  } catch {
    return null
  }
}

/** A Lua string literal of any text: printable ASCII as it is, every other byte as a decimal escape (`\ddd`). */
function luaString(text: string): string {
  let out = '"'
  for (const byte of Buffer.from(text, 'utf8')) {
    const isPlain = byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c
    out += isPlain ? String.fromCharCode(byte) : `\\${String(byte).padStart(3, '0')}`
  }
  return `${out}"`
}

/**
 * The wrk script: every request formatted once at the start of each thread; `request()` hands them out in turn,
 * and `done()` prints one JSON line with the counts and the latency percentiles (µs, HdrHistogram).
 */
function script(requests: WrkRequest[]): string {
  const entries = requests.map((r) => {
    const headers = Object.entries(r.headers)
      .map(([k, v]) => `[${luaString(k)}] = ${luaString(v)}`)
      .join(', ')
    const body = r.body === undefined ? 'nil' : luaString(r.body)
    return `  wrk.format(${luaString(r.method)}, ${luaString(r.path)}, { ${headers} }, ${body}),`
  })
  return [
    'local requests, n, i = nil, 0, 0',
    'function init(args)',
    '  requests = {',
    ...entries,
    '  }',
    '  n = #requests',
    // threads start at different places of the list, so they do not ask for the same request at the same moment
    '  i = math.random(n) - 1',
    'end',
    'function request()',
    '  i = i % n + 1',
    '  return requests[i]',
    'end',
    'function done(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write(string.format(\'WRK_RESULT {"requests":%d,"duration_us":%d,"status":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d}\\n\',',
    '    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,',
    '    latency:percentile(50), latency:percentile(95), latency:percentile(99)))',
    'end',
    '',
  ].join('\n')
}

/**
 * wrk (a C load generator, as pgbench is a C client) over a list of requests for a fixed time, in one thread with
 * `connections` keep-alive connections. It costs the machine a fraction of the CPU of a Node load generator, which
 * on a 2-core machine would otherwise take from the server it measures. wrk counts answers that are not 2xx or 3xx
 * (`non2xx`); the bench sends no request that may be answered 3xx. 204s are not told apart (status204 is 0).
 */
export async function runWrk(o: {
  bin: string
  url: string
  requests: WrkRequest[]
  connections: number
  seconds: number
}): Promise<HttpResult & { latencyP95Ms: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-bench-wrk-'))
  const file = path.join(dir, 'requests.lua')
  fs.writeFileSync(file, script(o.requests))
  const args = ['-t1', `-c${o.connections}`, `-d${o.seconds}s`, '--timeout', '30s', '-s', file, o.url]
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(o.bin, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
      const timer = setTimeout(() => child.kill('SIGKILL'), (o.seconds + 60) * 1000)
      child.on('error', reject)
      child.on('close', (code) => {
        clearTimeout(timer)
        if (code === 0) resolve(stdout)
        else reject(new Error(`wrk 退出码 / exit code ${code}: ${stderr.trim() || stdout.trim()}`))
      })
    })
    const line = out.split('\n').find((l) => l.startsWith('WRK_RESULT '))
    if (!line) throw new Error(`wrk 未给出结果 / wrk printed no result: ${out.trim().slice(0, 500)}`)
    const r = JSON.parse(line.slice('WRK_RESULT '.length)) as Record<string, number>
    const seconds = r.duration_us / 1e6
    const errors = r.connect + r.read + r.write
    return {
      rps: seconds > 0 ? r.requests / seconds : 0,
      requests: r.requests,
      seconds,
      status2xx: r.requests - r.status,
      status204: 0,
      statusCodes: { '2xx/3xx': r.requests - r.status, other: r.status },
      non2xx: r.status,
      errors,
      timeouts: r.timeout,
      latencyP50Ms: r.p50_us / 1000,
      latencyP95Ms: r.p95_us / 1000,
      latencyP99Ms: r.p99_us / 1000,
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
