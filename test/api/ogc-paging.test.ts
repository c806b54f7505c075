import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signIn, type Session } from '../support/session.ts'
import { BOTH_TEST_COUNTIES, createTestUser } from '../support/users.ts'

/**
 * `next` and `prev` links of /ogc items pages: forwards and backwards on the same key (no OFFSET), the same pages in
 * both directions, with a filter kept, for public and internal collections.
 */
let db: Database
let app: ReturnType<typeof createTestApp>
let staff: Session

interface Page {
  ids: string[]
  next: string | null
  prev: string | null
}

const local = (href: string) => href.replace(/^http:\/\/[^/]+/, '')

async function read(url: string, agent: (u: string) => request.Test): Promise<Page> {
  const res = await agent(url).expect(200)
  const link = (rel: string) => res.body.links.find((l: { rel: string }) => l.rel === rel)?.href ?? null
  return {
    ids: res.body.features.map((f: { id: string | number }) => String(f.id)),
    next: link('next') && local(link('next')),
    prev: link('prev') && local(link('prev')),
  }
}

/** Every page forwards by next links, then backwards by prev links from the last; both lists of pages. */
async function both(first: string, agent: (u: string) => request.Test) {
  const forward: Page[] = [await read(first, agent)]
  while (forward.at(-1)!.next) forward.push(await read(forward.at(-1)!.next!, agent))
  const backward: Page[] = [forward.at(-1)!]
  while (backward.at(-1)!.prev) backward.push(await read(backward.at(-1)!.prev!, agent))
  return { forward, backward: backward.reverse() }
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  const user = await createTestUser(db, { role: 'farmland', scopes: BOTH_TEST_COUNTIES })
  staff = await signIn(app, user.username, user.password)
})
afterAll(() => db.close())

describe('next and prev links', () => {
  const anyone = (u: string) => request(app).get(u)

  for (const [collection, limit] of [
    ['townships', 7],
    ['counties', 1],
    ['plots', 2],
  ] as const)
    it(`when ${collection} are paged forwards and then back by prev links, then the same pages come back in order`, async () => {
      const { forward, backward } = await both(`/ogc/collections/${collection}/items?limit=${limit}`, anyone)
      expect(forward.length).toBeGreaterThan(1)
      expect(backward.map((p) => p.ids)).toEqual(forward.map((p) => p.ids))
      expect(forward[0].prev).toBeNull()
      const all = forward.flatMap((p) => p.ids)
      expect(new Set(all).size).toBe(all.length)
      // a page reached backwards links forwards to the page after it
      if (backward.length > 2) expect((await read(backward[1].next!, anyone)).ids).toEqual(forward[2].ids)
    })

  it('when an internal collection is paged with a filter, then prev links keep the filter and the reader’s counties', async () => {
    const agent = (u: string) => staff.agent.get(u)
    const filter = encodeURIComponent("dlbm IN ('0101', '0102', '0103')")
    const { forward, backward } = await both(
      `/ogc/collections/farmland-parcels/items?limit=250&filter=${filter}`,
      agent,
    )
    expect(forward.length).toBeGreaterThan(2)
    expect(backward.map((p) => p.ids)).toEqual(forward.map((p) => p.ids))
    expect(backward.every((p) => p.prev === null || p.prev.includes('filter='))).toBe(true)
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM farmland_parcel WHERE adcode = ANY($1) AND dlbm IN ('0101', '0102', '0103')`,
      [BOTH_TEST_COUNTIES],
    )
    expect(forward.flatMap((p) => p.ids)).toHaveLength(rows[0].n)
  })

  it('when a prev cursor is malformed, then it is refused in words', async () => {
    const res = await request(app).get('/ogc/collections/plots/items?cursor=--430903.1').expect(400)
    expect(res.body.error.message).toContain('cursor')
  })
})
