import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgis, type EmbeddedPostgis } from '../../server/src/db/embedded.ts'

/** Inodes of the sockets this process holds open. */
function ownSocketInodes(): Set<string> {
  const inodes = new Set<string>()
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/self/fd/${fd}`))
      if (m) inodes.add(m[1])
    } catch {
      /* the fd closed while listed */
    }
  }
  return inodes
}

/** TCP ports in LISTEN state held by sockets with these inodes (IPv4 and IPv6). */
function listeningTcpPorts(inodes: Set<string>): number[] {
  const ports: number[] = []
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(file)) continue
    for (const line of fs.readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/)
      const [, local, , state] = cols
      if (state === '0A' && inodes.has(cols[9])) ports.push(parseInt(local.split(':')[1], 16))
    }
  }
  return ports
}

async function connectsWithoutPassword(port: number): Promise<boolean> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    database: 'postgres',
    connectionTimeoutMillis: 3000,
  })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

describe('the embedded engine is reachable by this system only', () => {
  let dataDir: string
  let engine: EmbeddedPostgis
  let before: Set<string>

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-engine-'))
    before = ownSocketInodes()
    engine = await startEmbeddedPostgis(path.join(dataDir, 'data'))
  })
  afterAll(async () => {
    await engine?.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('when the engine has started, then no TCP port it opened accepts a connection without credentials', async () => {
    const opened = new Set([...ownSocketInodes()].filter((i) => !before.has(i)))
    const ports = listeningTcpPorts(opened)
    const open: number[] = []
    for (const port of ports) if (await connectsWithoutPassword(port)) open.push(port)
    expect(open).toEqual([])
    expect(ports).toEqual([])
  })

  it('when the engine has started, then it answers on a Unix socket in a folder only this user may enter', async () => {
    expect(new URL(engine.url).searchParams.get('host')).toBe(engine.socketDir)
    expect(fs.statSync(engine.socketDir).mode & 0o777).toBe(0o700)
    expect(fs.statSync(path.join(dataDir, 'data')).mode & 0o777).toBe(0o700)
    const client = new pg.Client({ connectionString: engine.url })
    await client.connect()
    const { rows } = await client.query<{ v: string }>('SELECT postgis_lib_version() AS v')
    await client.end()
    expect(rows[0].v).toMatch(/^3\./)
  })
})
