import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { PlotProfile } from '../../contracts/registry.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { readContract } from '../support/contract.ts'
import { freeSpot } from '../support/free-spot.ts'
import { type LonLat, polygon, rect } from '../support/map-input.ts'
import { signInAs, type Session } from '../support/session.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let officer: Session
const SUFFIX = Date.now().toString().slice(-6)

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  officer = await signInAs(app, 'environment')
})
afterAll(async () => {
  await db.query(`DELETE FROM contaminated_plot WHERE name LIKE $1`, [`%（其他行业 ${SUFFIX}）`])
  await db.close()
})

const post = (body: unknown) =>
  officer.agent
    .post('/api/plots')
    .set('X-CSRF-Token', officer.csrfToken)
    .send(body as object)
const patch = (id: number, body: unknown) =>
  officer.agent
    .patch(`/api/plots/${id}`)
    .set('X-CSRF-Token', officer.csrfToken)
    .send(body as object)

/** A 60 m square plot outline on a spot where nothing lies. */
async function outline() {
  const at: LonLat = await freeSpot(db)
  return polygon(rect(at, 60, 60))
}

async function countNamed(name: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM contaminated_plot WHERE name = $1`, [
    name,
  ])
  return rows[0].n
}

describe('原行业类别 其他 with the officer’s words for it', () => {
  it('when a new plot’s former industry is 其他 without a note, then it is refused in Chinese at 其他行业说明 and nothing is saved', async () => {
    const name = `原木材厂地块（其他行业 ${SUFFIX}）`
    const res = await post({ name, formerIndustry: 'other', formerIndustryNote: '  ', geometry: await outline() })
    expect(res.status).toBe(400)
    expect(res.body.error.details.problems).toEqual([
      expect.objectContaining({ code: 'INDUSTRY_NOTE_REQUIRED', field: 'formerIndustryNote' }),
    ])
    expect(res.body.error.message).toMatch(/其他行业说明/)
    expect(await countNamed(name)).toBe(0)
  })

  it('when the note is longer than 100 characters, then it is refused with its limit', async () => {
    const res = await post({
      name: `长说明地块（其他行业 ${SUFFIX}）`,
      formerIndustry: 'other',
      formerIndustryNote: '木'.repeat(101),
      geometry: await outline(),
    })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body.error)).toContain('其他行业说明最多 100 个字')
  })

  it('when a plot is made with 其他 and a note, then the note is stored and shown in the profile and the info panel; a listed industry clears it', async () => {
    const name = `原木材厂地块 2（其他行业 ${SUFFIX}）`
    const res = await post({
      name,
      formerIndustry: 'other',
      formerIndustryNote: ' 木材加工 ',
      geometry: await outline(),
    })
    expect(res.status).toBe(201)
    const plot = readContract(PlotProfile, res.body)
    expect(plot).toMatchObject({ formerIndustry: 'other', formerIndustryNote: '木材加工' })
    expect(plot.formerIndustryName).toBe('其他（木材加工）')
    const info = await officer.agent.get(`/api/features/contaminated-plot/${plot.id}`).expect(200)
    expect(info.body.fields).toContainEqual({ label: '原行业', value: '其他（木材加工）' })

    const listed = await patch(plot.id, { version: plot.version, formerIndustry: 'chemical' })
    expect(listed.status).toBe(200)
    expect(readContract(PlotProfile, listed.body)).toMatchObject({
      formerIndustryName: '化工',
      formerIndustryNote: null,
    })

    const bare = await patch(plot.id, { version: listed.body.version, formerIndustry: 'other' })
    expect(bare.status).toBe(400)
    expect(bare.body.error.details.problems[0].field).toBe('formerIndustryNote')
    const noted = await patch(plot.id, {
      version: listed.body.version,
      formerIndustry: 'other',
      formerIndustryNote: '砖瓦烧制',
    })
    expect(noted.status).toBe(200)
    expect(noted.body.formerIndustryName).toBe('其他（砖瓦烧制）')
  })
})
