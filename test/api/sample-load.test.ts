import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/src/app.ts'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import type { SampleLoadProgress } from '../../server/src/services/sample-data.service.ts'
import { connectTestDatabase } from '../support/connect.ts'

let db: Database
beforeAll(() => {
  db = connectTestDatabase()
})
afterAll(() => db.close())

describe('GET /api/sample-load (the notice of a first start)', () => {
  it('when the counties load behind the server, then anyone reads how far it has come, and only that', async () => {
    const progress: SampleLoadProgress = { isLoading: true, loaded: 3, total: 27 }
    const app = createApp({ db, config: loadConfig({ port: 0 }), sampleLoad: progress })
    const first = await request(app).get('/api/sample-load').expect(200)
    expect(first.body).toEqual({ isLoading: true, loaded: 3, total: 27 })
    expect(first.headers['cache-control']).toBe('no-store')
    Object.assign(progress, { loaded: 27, isLoading: false })
    expect((await request(app).get('/api/sample-load').expect(200)).body).toEqual({
      isLoading: false,
      loaded: 27,
      total: 27,
    })
  })

  it('when nothing is loading (a later start, or tests), then it says so', async () => {
    const app = createApp({ db, config: loadConfig({ port: 0 }) })
    expect((await request(app).get('/api/sample-load').expect(200)).body).toEqual({
      isLoading: false,
      loaded: 0,
      total: 0,
    })
  })
})
