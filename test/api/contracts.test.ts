import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { CountiesResponse } from '../../contracts/map.ts'
import { ErrorBody } from '../../contracts/problems.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { readContract } from '../support/contract.ts'
import { signInAs, type Session } from '../support/session.ts'

/** Real answers checked against the schemas of contracts/, which the client takes its types from. */
let db: Database
let app: ReturnType<typeof createTestApp>
let staff: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  staff = await signInAs(app, 'environment')
})
afterAll(() => db.close())

describe('contracts', () => {
  it('when the counties are asked for, then the answer matches CountiesResponse', async () => {
    const res = await staff.agent.get('/api/counties')
    expect(res.status).toBe(200)
    const body = readContract(CountiesResponse, res.body)
    expect(body.counties.map((c) => c.adcode)).toContain('430903')
  })

  it('when a request is refused, then the answer matches ErrorBody with at least one problem', async () => {
    const res = await staff.agent.get('/api/search').query({ q: '' })
    expect(res.status).toBe(400)
    const body = readContract(ErrorBody, res.body)
    expect(body.error.details?.problems.length).toBeGreaterThan(0)
  })

  it('when an answer lacks a field of its contract, then readContract names the path', () => {
    expect(() => readContract(CountiesResponse, { counties: [{ adcode: '430903' }], bbox: null })).toThrow(
      /counties\.0\.name/,
    )
  })
})
