import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let farmland: Session
let land: Session
let anonymous: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  farmland = await signInAs(app, 'farmland')
  land = await signInAs(app, 'land')
  anonymous = await signInAs(app, 'anonymous')
})
afterAll(() => db.close())

function assess(s: Session, body: unknown) {
  return s.agent
    .post('/api/assess/soil-sample')
    .set('X-CSRF-Token', s.csrfToken)
    .send(body as object)
}

const PADDY = { landUse: '水田', rotation: false, ph: 6.2 }

describe('POST /api/assess/soil-sample', () => {
  it('when a paddy sample has Cd above screening but below intervention, then it is grade B with the 表1 row and ratio', async () => {
    const res = await assess(farmland, { ...PADDY, values: { Cd: 0.45, Pb: 50 } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.grade).toBe('B')
    const cd = res.body.items.find((i: any) => i.element === 'Cd')
    expect(cd).toMatchObject({
      value: 0.45,
      screeningValue: 0.4,
      interventionValue: 2,
      exceedsScreening: true,
      exceedsIntervention: false,
      basis: 'GB 15618-2018 表1 镉 水田 5.5<pH≤6.5',
    })
    expect(cd.ratio).toBeCloseTo(1.125, 10)
    const pb = res.body.items.find((i: any) => i.element === 'Pb')
    expect(pb).toMatchObject({ screeningValue: 100, interventionValue: 500, exceedsScreening: false })
    expect(res.body.reasons.map((r: any) => r.code)).toContain('ABOVE_SCREENING')
  })

  it('when Cd is above the intervention value, then the grade is C', async () => {
    const res = await assess(land, { ...PADDY, values: { Cd: 2.5 } })
    expect(res.status).toBe(200)
    expect(res.body.grade).toBe('C')
    expect(res.body.items[0]).toMatchObject({ exceedsIntervention: true, interventionValue: 2 })
  })

  it('when every measured metal is within screening, then the grade is A', async () => {
    const res = await assess(farmland, {
      ...PADDY,
      values: { Cd: 0.4, Hg: 0.5, As: 30, Pb: 100, Cr: 250, Cu: 50, Ni: 70, Zn: 200 },
    })
    expect(res.status).toBe(200)
    expect(res.body.grade).toBe('A')
    expect(res.body.items).toHaveLength(8)
  })

  it('when Cu exceeds screening but the five metals do not, then the grade stays A and the Cu line says so', async () => {
    const res = await assess(farmland, { ...PADDY, values: { Cd: 0.2, Cu: 60 } })
    expect(res.body.grade).toBe('A')
    expect(res.body.items.find((i: any) => i.element === 'Cu')).toMatchObject({
      exceedsScreening: true,
      interventionValue: null,
      screeningValue: 50,
    })
  })

  it('when the land is rotated paddy–upland, then the stricter screening value applies', async () => {
    const res = await assess(farmland, { ...PADDY, rotation: true, values: { Cd: 0.35 } })
    expect(res.body.grade).toBe('B')
    expect(res.body.items[0].screeningValue).toBe(0.3)
    expect(res.body.items[0].basis).toContain('水旱轮作')
  })

  it('when pH is null or left out, then the answer is 待复核 with the reason, not a default pH', async () => {
    for (const body of [
      { ...PADDY, ph: null, values: { Cd: 0.1 } },
      { landUse: '旱地', values: { Cd: 0.1 } },
    ]) {
      const res = await assess(farmland, body)
      expect(res.status).toBe(200)
      expect(res.body.grade).toBe('待复核')
      expect(res.body.reasons[0].code).toBe('PH_MISSING')
      expect(res.body.reasons[0].message).toContain('pH')
    }
  })

  it.each([
    ['a negative value', { ...PADDY, values: { Cd: -0.1 } }, 'values.Cd', '镉（Cd）含量不能为负数'],
    ['an unknown element', { ...PADDY, values: { Cd: 0.1, Fe: 3 } }, 'values', '未知元素：Fe'],
    ['a value that is not a number', { ...PADDY, values: { Pb: '12' } }, 'values.Pb', '铅（Pb）含量应为数字'],
    ['pH above 14', { ...PADDY, ph: 14.5, values: { Cd: 0.1 } }, 'ph', '土壤 pH（ph）应在 0–14 之间'],
    ['pH below 0', { ...PADDY, ph: -1, values: { Cd: 0.1 } }, 'ph', '土壤 pH（ph）应在 0–14 之间'],
    ['pH as text', { ...PADDY, ph: '6.2', values: { Cd: 0.1 } }, 'ph', '土壤 pH（ph）应为数字'],
    [
      'an unknown land use',
      { ...PADDY, landUse: '林地', values: { Cd: 0.1 } },
      'landUse',
      '土地利用类型（landUse）应为',
    ],
    ['rotation as text', { ...PADDY, rotation: 'yes', values: { Cd: 0.1 } }, 'rotation', '水旱轮作（rotation）'],
    ['no values object', { ...PADDY }, 'values', '元素含量（values）'],
  ])('when the body has %s, then 400 names the field in Chinese', async (_what, body, field, message) => {
    const res = await assess(farmland, body)
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION')
    expect(res.body.error.message).toContain(message)
    expect(res.body.error.details.problems.map((d: any) => d.field)).toContain(field)
  })

  it('when nobody is signed in, then 401', async () => {
    const res = await assess(anonymous, { ...PADDY, values: { Cd: 0.1 } })
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('UNAUTHENTICATED')
  })
})
