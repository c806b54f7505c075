import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { signInAs, type Session } from '../support/session.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let officer: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  officer = await signInAs(app, 'land')
})
afterAll(() => db.close())

let made = 0
const unique = (prefix: string) =>
  `${prefix}-S${process.pid.toString(36)}${Date.now().toString(36)}${++made}`.toUpperCase()

/**
 * Spots of 赫山区 about 2 km apart, 1 km from any monitoring point and 600 m from any feature of the sample data,
 * taken from the far side of the county (the pre-check API tests take theirs nearest the centre).
 */
async function spot(): Promise<[number, number]> {
  return freeSpot(db, { spacing: 0.02, inside: 0.01, clearOfFarmland: 0.006, clearOfPoints: 0.012 })
}

/** A jagged ring of `n` vertices around a point (radius alternating 240 m / 300 m): a zone far above 256 vertices. */
function jaggedZone([lon, lat]: [number, number], n: number) {
  const ring: [number, number][] = []
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n
    const r = i % 2 ? 0.0027 : 0.0022
    ring.push([lon + (r * Math.cos(a)) / Math.cos((lat * Math.PI) / 180), lat + r * Math.sin(a)])
  }
  ring.push(ring[0])
  return { type: 'Polygon', coordinates: [ring] }
}
function square([lon, lat]: [number, number], half = 0.0006) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
      ],
    ],
  }
}

async function publishZone(geometry: unknown): Promise<{ id: number; code: string }> {
  const code = unique('GK')
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO control_zone (adcode, code, name, review_status, geom, announcement_no, published_version)
    VALUES ('430903', $1, '分块测试管控区域 ' || $1, 'published', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)), '赫环公告〔2026〕8号', 1) RETURNING id`,
    [code, JSON.stringify(geometry)],
  )
  await db.query(
    `INSERT INTO published_control_zone (adcode, id, version, code, name, announcement_no, monitor_soil, monitor_surface_water, monitor_groundwater, monitor_air, geom)
    SELECT adcode, id, 1, code, name, announcement_no, true, false, false, false, geom FROM control_zone WHERE id = $1`,
    [r.id],
  )
  return { id: Number(r.id), code }
}

/** The pieces of a published zone: how many, most vertices in one, their total area and the zone's. */
async function pieces(id: number) {
  const {
    rows: [r],
  } = await db.query(
    `SELECT count(s.*)::int AS n, max(ST_NPoints(s.geom))::int AS most,
      coalesce(sum(ST_Area(s.geom::geography)), 0) AS pieces_m2, (SELECT area_m2 FROM published_control_zone WHERE adcode = '430903' AND id = $1) AS zone_m2
    FROM published_control_zone_sub s WHERE s.adcode = '430903' AND s.id = $1`,
    [id],
  )
  return {
    n: r.n as number,
    most: r.most as number | null,
    piecesM2: Number(r.pieces_m2),
    zoneM2: r.zone_m2 === null ? null : Number(r.zone_m2),
  }
}

describe('用地准入核查: published control zones cut into pieces for the overlays', () => {
  it('when a zone of 4,000 vertices is published, then it is kept as pieces of at most 256 vertices that cover it exactly', async () => {
    const zone = await publishZone(jaggedZone(await spot(), 4000))
    const p = await pieces(zone.id)
    expect(p.n).toBeGreaterThan(10)
    expect(p.most).toBeLessThanOrEqual(257)
    expect(p.piecesM2).toBeCloseTo(p.zoneM2!, 0)
  })

  it('when a plot lies across the edge of a large zone, then the overlap is that of the whole zone and the check is refused', async () => {
    const at = await spot()
    const zone = await publishZone(jaggedZone(at, 4000))
    const plot = square([at[0] + 0.0025 / Math.cos((at[1] * Math.PI) / 180), at[1]])
    const {
      rows: [e],
    } = await db.query(
      `SELECT ST_Area(ST_Intersection(z.geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4490))::geography) AS m2
      FROM published_control_zone z WHERE z.adcode = '430903' AND z.id = $1`,
      [zone.id, JSON.stringify(plot)],
    )
    const expected = Number(e.m2)
    expect(expected).toBeGreaterThan(1000)
    const res = await officer.agent
      .post('/api/precheck')
      .set('X-CSRF-Token', officer.csrfToken)
      .send({ geometry: plot, plannedUse: 'R2' })
    expect(res.status).toBe(201)
    expect(res.body.verdict).toBe('refused')
    const reason = res.body.reasons.find(
      (r: { featureType: string; featureId: number }) => r.featureType === 'control-zone' && r.featureId === zone.id,
    )
    expect(reason).toBeDefined()
    expect(Math.abs(reason.overlapM2 - expected)).toBeLessThan(0.5)
  })

  it('when a zone is published again with another outline, then its pieces follow; when it is withdrawn, they go', async () => {
    const at = await spot()
    const zone = await publishZone(jaggedZone(at, 1000))
    const before = await pieces(zone.id)
    const moved = jaggedZone([at[0] + 0.001, at[1]], 3000)
    // the publication upserts the published row (sql/queries/review/publish-control-zones.sql)
    await db.query(
      `INSERT INTO published_control_zone AS pz (adcode, id, version, code, name, monitor_soil, monitor_surface_water, monitor_groundwater, monitor_air, geom)
      SELECT adcode, id, 2, code, name, true, false, false, false, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)) FROM control_zone WHERE adcode = '430903' AND id = $1
      ON CONFLICT (adcode, id) DO UPDATE SET version = EXCLUDED.version, geom = EXCLUDED.geom`,
      [zone.id, JSON.stringify(moved)],
    )
    const after = await pieces(zone.id)
    expect(after.n).toBeGreaterThan(before.n)
    expect(after.piecesM2).toBeCloseTo(after.zoneM2!, 0)
    const {
      rows: [diff],
    } = await db.query(
      `SELECT ST_Area(ST_SymDifference(ST_Union(s.geom), ST_SetSRID(ST_GeomFromGeoJSON($2), 4490))::geography) AS m2
      FROM published_control_zone_sub s WHERE s.adcode = '430903' AND s.id = $1`,
      [zone.id, JSON.stringify(moved)],
    )
    expect(Number(diff.m2)).toBeLessThan(1)
    // a change of other fields leaves the pieces as they are
    await db.query(`UPDATE published_control_zone SET name = name || '（改）' WHERE adcode = '430903' AND id = $1`, [
      zone.id,
    ])
    expect((await pieces(zone.id)).n).toBe(after.n)
    await db.query(`DELETE FROM published_control_zone WHERE adcode = '430903' AND id = $1`, [zone.id])
    expect((await pieces(zone.id)).n).toBe(0)
  })
})

describe('county pieces (migration 021)', () => {
  /** Area in m² of the county's outline not covered by its pieces plus that of the pieces outside it, and the largest piece. */
  const compare = (q: (text: string, values: unknown[]) => Promise<{ rows: any[] }>, adcode: string) =>
    q(
      `
    SELECT ST_Area(ST_SymDifference(c.geom, (SELECT ST_Union(s.geom) FROM county_sub s WHERE s.adcode = c.adcode))::geography) AS diff_m2,
           (SELECT max(ST_NPoints(s.geom)) FROM county_sub s WHERE s.adcode = c.adcode) AS max_points,
           (SELECT count(*) FROM county_sub s WHERE s.adcode = c.adcode)::int AS pieces
    FROM county c WHERE c.adcode = $1`,
      [adcode],
    ).then((r) => r.rows[0])

  it('when the sample counties are loaded, then each is kept as pieces of at most 256 vertices that cover it exactly', async () => {
    for (const adcode of ['430903', '220322']) {
      const r = await compare((t, v) => db.query(t, v), adcode)
      expect(r.pieces).toBeGreaterThan(1)
      expect(r.max_points).toBeLessThanOrEqual(256)
      expect(Number(r.diff_m2)).toBeLessThan(1)
    }
  })

  it('when a county is added, its outline changed and then removed, then its pieces follow (in a transaction rolled back)', async () => {
    const client = await db.pool.connect()
    try {
      await client.query('BEGIN')
      const ring = (n: number, r: number) =>
        `POLYGON((${Array.from({ length: n + 1 }, (_, i) => {
          const a = (2 * Math.PI * (i % n)) / n
          return `${(112 + r * Math.cos(a)).toFixed(6)} ${(28 + r * Math.sin(a)).toFixed(6)}`
        }).join(',')}))`
      await client.query(
        `INSERT INTO county (adcode, name, city_code, city, province, geom, source)
        VALUES ('990101', '测试县', '990100', '测试市', '测试省', ST_Multi(ST_GeomFromText($1, 4490)), 'test (generated)')`,
        [ring(1200, 0.2)],
      )
      const added = await compare((t, v) => client.query(t, v), '990101')
      expect(added.pieces).toBeGreaterThan(4)
      expect(Number(added.diff_m2)).toBeLessThan(1)
      await client.query(`UPDATE county SET geom = ST_Multi(ST_GeomFromText($1, 4490)) WHERE adcode = '990101'`, [
        ring(100, 0.1),
      ])
      const changed = await compare((t, v) => client.query(t, v), '990101')
      expect(changed.pieces).toBe(1)
      expect(Number(changed.diff_m2)).toBeLessThan(1)
      await client.query(`DELETE FROM county WHERE adcode = '990101'`)
      expect((await client.query(`SELECT count(*)::int AS n FROM county_sub WHERE adcode = '990101'`)).rows[0].n).toBe(
        0,
      )
    } finally {
      await client.query('ROLLBACK')
      client.release()
    }
  })
})
