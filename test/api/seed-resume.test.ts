import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { loadConfig } from '../../server/src/config.ts'
import { prepareDatabase } from '../../server/src/start.ts'
import { readCountyFeatures } from '../../server/src/services/sample-data.service.ts'

const PARCELS_PER_COUNTY = 12
const KILL_AFTER_COUNTIES = 3
/** Loading 27 counties (killed, then resumed) took 95 s on a quiet 2-core machine in embedded mode. */
const RESUME_TIMEOUT_MS = 420_000

/** What the killed start showed: counties it logged, and what the server answered while they were loading. */
interface KilledStart {
  loaded: number
  /** `GET /api/sample-load` asked as soon as the server said it had started. */
  progress: { isLoading: boolean; loaded: number; total: number } | null
  /** Counties logged before the server said it had started. */
  loadedBeforeStarted: number
}

/**
 * Starts the server as `npm start` would (without the client build) and kills it with SIGKILL as soon as it has
 * logged `counties` counties loaded; as soon as it says it has started, asks how far the sample load has come.
 */
function startAndKill(env: NodeJS.ProcessEnv, counties: number): Promise<KilledStart> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: {
        ...process.env,
        ...env,
        PORT: '0',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        SAMPLE_PARCELS_PER_COUNTY: String(PARCELS_PER_COUNTY),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const seen: KilledStart = { loaded: 0, progress: null, loadedBeforeStarted: -1 }
    let asked: Promise<void> = Promise.resolve()
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      seen.loaded = (output.match(/已加载 /g) ?? []).length
      const started = output.match(/已启动：(http:\/\/localhost:\d+)/)
      if (started && seen.loadedBeforeStarted < 0) {
        seen.loadedBeforeStarted = seen.loaded
        asked = fetch(`${started[1]}/api/sample-load`)
          .then((r) => r.json())
          .then((body) => {
            seen.progress = body
          })
      }
      if (seen.loaded >= counties) child.kill('SIGKILL')
    })
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? asked.then(() => resolve(seen), reject)
        : reject(new Error(`启动进程未被中断就退出了：\n${output}`)),
    )
  })
}

describe('an interrupted first start', () => {
  const mode = inject('databaseMode')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-resume-'))
  const dbName = `soil_resume_${process.pid}`
  let serverUrl: string | undefined

  beforeAll(async () => {
    if (mode !== 'server') return
    const admin = new pg.Client({ connectionString: inject('databaseUrl') })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`)
    await admin.query(`CREATE DATABASE ${dbName}`)
    await admin.end()
    const url = new URL(inject('databaseUrl'))
    url.pathname = `/${dbName}`
    serverUrl = url.toString()
  })
  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true })
    if (!serverUrl) return
    const admin = new pg.Client({ connectionString: inject('databaseUrl') })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
  })

  it(
    'when the server has started, then it answers while the sample counties load; killed after 3 counties, the next start ends with every county of the sample',
    async () => {
      const env = serverUrl ? { DATABASE_URL: serverUrl } : { DATA_DIR: dataDir, DATABASE_URL: '' }
      const killed = await startAndKill(env, KILL_AFTER_COUNTIES)
      expect(killed.loaded).toBeGreaterThanOrEqual(KILL_AFTER_COUNTIES)
      // the server answered before the sample counties were loaded, and said how far the load had come
      expect(killed.loadedBeforeStarted).toBe(0)
      expect(killed.progress).toMatchObject({ isLoading: true, total: 27 })
      expect(killed.progress!.loaded).toBeLessThan(KILL_AFTER_COUNTIES)

      const config = {
        ...loadConfig({ port: 0 }),
        databaseUrl: serverUrl,
        dataDir,
        seedOnStart: true,
        sampleParcelsPerCounty: PARCELS_PER_COUNTY,
      }
      const logged: string[] = []
      const db = await prepareDatabase(config, (msg) => logged.push(msg))
      try {
        const {
          rows: [r],
        } = await db.query(`SELECT (SELECT count(*)::int FROM county) AS counties,
        (SELECT count(DISTINCT adcode)::int FROM farmland_parcel) AS with_parcels,
        (SELECT completed_at IS NOT NULL FROM sample_data_load) AS is_complete`)
        const all = readCountyFeatures().length
        expect(all).toBe(27)
        expect(r).toEqual({ counties: all, with_parcels: all, is_complete: true })
        expect(logged.join('\n')).toMatch(/继续加载其余区县/)
      } finally {
        await db.close()
      }

      const again = await prepareDatabase(config, () => {})
      try {
        const {
          rows: [r],
        } = await again.query('SELECT count(*)::int AS n FROM county')
        expect(r.n).toBe(27)
      } finally {
        await again.close()
      }
    },
    RESUME_TIMEOUT_MS,
  )
})
