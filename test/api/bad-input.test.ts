import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import type { AddressInfo } from 'node:net'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createApp } from '../../server/src/app.ts'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { DEFAULT_RULE_SET } from '../../server/src/domain/class-rules.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { signIn, signInAs, type Caller, type Session } from '../support/session.ts'
import { tileAt } from '../support/tiles.ts'
import { TEST_PASSWORD, createTestUser, uniqueUsername } from '../support/users.ts'

/**
 * Malformed requests, generated from a table of the write routes (and the uploads and tile paths) × a table of
 * mutations, each chosen by a seeded generator, so every run sends the same requests. Each request is sent by a
 * caller allowed to use the route (a few by anonymous or another role), so it reaches the route's checks; every
 * answer must be a 4xx `{error: {code, message}}` in Chinese, and after each route's batch the rows of the
 * tables a write could touch (and their versions) are what they were before it.
 */

const SEED = 20261206
const CJK = /[\u4e00-\u9fff]/
/** Words of an internal error that must never reach an officer (database, GEOS, JavaScript, zod's fallback). */
const LEAKED_INTERNALS =
  /Exception|TypeError|RangeError|SyntaxError|ERROR:|violates|relation "|column "|syntax error|Invalid input|expected \w+, received|Cannot read|“(null|undefined|NaN|\[object Object\])”/
const SQL = "'; DROP TABLE parcel;--"
const CALLERS: Caller[] = ['anonymous', 'farmland', 'environment', 'land', 'approver', 'admin']

/** mulberry32: a small seeded generator, so the chosen mutations are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = seeded(SEED)
function pick<T>(items: readonly T[], n: number): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }
  return copy.slice(0, n)
}

/** JSON text placed as is where a value stands (numbers JSON can carry but JavaScript cannot: 1e400, deep nesting). */
class RawJson {
  constructor(readonly text: string) {}
}
const raw = (text: string) => new RawJson(text)

/** JSON text of a value holding RawJson pieces. */
function toJsonText(value: unknown): string {
  const pieces: string[] = []
  const text = JSON.stringify(value, (_k, v) => {
    if (v instanceof RawJson) {
      pieces.push(v.text)
      return `@@RAW${pieces.length - 1}@@`
    }
    return v
  })
  return text.replace(/"@@RAW(\d+)@@"/g, (_m, i) => pieces[Number(i)])
}

const NESTED_ARRAYS = '['.repeat(10_000) + ']'.repeat(10_000)
const NESTED_OBJECTS = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: records of 赫山区 made straight in the database, so each route's checks see a real record.

let db: Database
let app: ReturnType<typeof createApp>
let server: http.Server
const sessions = {} as Record<Caller | 'ownAccount', Session>
const startedAt = new Date()
const tag = `FZ${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()
let made = 0
const fresh = (prefix: string) => `${prefix}${tag}${++made}`

interface Fixtures {
  spots: [number, number][]
  plotDraft: number
  plotForReview: number
  plotWithPollutant: { id: number; pollutantId: number }
  plotListed: number
  zoneDraft: number
  enterprise: number
  proposal: number
  pointBasic: { id: number; code: string }
  pointProduce: { id: number; code: string }
  parcel: { id: number; version: number; historyId: number }
  parcelPair: { id: number; version: number }[]
  splitParcel: { id: number; version: number; at: [number, number] }
  precheck: number
  report: number
  user: number
  target: number
  classList: { listId: number; parcelId: number }
  job: number
  parcelTile: { z: number; x: number; y: number }
}
const fx = {} as Fixtures

function square([lon, lat]: [number, number], east = 0) {
  const d = 0.0004
  const x = lon + east * d
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, lat],
        [x + d, lat],
        [x + d, lat + d],
        [x, lat + d],
        [x, lat],
      ],
    ],
  }
}

async function makePlot(status: string, reviewStatus = 'draft'): Promise<number> {
  const code = fresh('QX-')
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO contaminated_plot (adcode, code, name, status, geom, review_status)
    VALUES ('430903', $1, '坏输入测试地块 ' || $1, $2, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 4490)), $4) RETURNING id`,
    [code, status, JSON.stringify(square(fx.spots[made % fx.spots.length])), reviewStatus],
  )
  return Number(r.id)
}

async function makeParcel(at: [number, number], east = 0): Promise<{ id: number; version: number; historyId: number }> {
  const {
    rows: [p],
  } = await db.query(
    `
    INSERT INTO farmland_parcel (adcode, code, dlbm, geom, updated_by)
    VALUES ('430903', $1, '0101', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)), 'gengdi') RETURNING id, version`,
    [`430903-${fresh('')}`, JSON.stringify(square(at, east))],
  )
  const {
    rows: [h],
  } = await db.query(
    `
    INSERT INTO change_history (adcode, entity, entity_id, action, actor, before, after)
    SELECT '430903', 'farmland_parcel', id, 'create', 'gengdi', NULL,
           jsonb_build_object('id', id, 'code', code, 'dlbm', dlbm, 'version', version, 'class', class, 'geometry', ST_AsGeoJSON(geom, 8)::jsonb)
    FROM farmland_parcel WHERE id = $1 RETURNING id`,
    [p.id],
  )
  return { id: Number(p.id), version: p.version, historyId: Number(h.id) }
}

async function makePoint(type: 'basic' | 'produce', at: [number, number]): Promise<{ id: number; code: string }> {
  const code = `430903-${fresh('')}`
  const {
    rows: [m],
  } = await db.query(
    `
    INSERT INTO monitoring_point (adcode, code, name, level, point_type, land_use, geom, created_by)
    VALUES ('430903', $1, '坏输入测试点位', 'county', $2, '0101', ST_SetSRID(ST_MakePoint($3, $4), 4490), 'test') RETURNING id`,
    [code, type, at[0], at[1]],
  )
  return { id: Number(m.id), code }
}

async function makeFixtures(): Promise<void> {
  fx.spots = []
  for (let i = 0; i < 40; i++) fx.spots.push(await freeSpot(db, { spacing: 0.002 }))
  fx.plotDraft = await makePlot('suspected')
  fx.plotForReview = await makePlot('suspected')
  const withPollutant = await makePlot('preliminary_investigation')
  const {
    rows: [pp],
  } = await db.query(
    `
    INSERT INTO plot_pollutant (adcode, plot_id, substance, value_mg_kg, sampled_on, created_by) VALUES ('430903', $1, 'Pb', 520, DATE '2026-01-10', 'huanjing') RETURNING id`,
    [withPollutant],
  )
  fx.plotWithPollutant = { id: withPollutant, pollutantId: Number(pp.id) }
  fx.plotListed = await makePlot('listed')
  await db.query(
    `INSERT INTO plot_negative_use (adcode, plot_id, use_code, basis, reason, created_by) VALUES ('430903', $1, 'B', '生态环境主管部门增列', '坏输入测试', 'huanjing')`,
    [fx.plotListed],
  )
  const {
    rows: [z],
  } = await db.query(
    `
    INSERT INTO control_zone (adcode, code, name, review_status, geom)
    VALUES ('430903', $1, '坏输入测试管控区', 'draft', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490))) RETURNING id`,
    [fresh('QX-GK-'), JSON.stringify(square(fx.spots[1]))],
  )
  fx.zoneDraft = Number(z.id)
  const creditCode = (n: number) =>
    `91430903FZ${String(process.pid % 100000).padStart(5, '0')}${String(n).padStart(3, '0')}`
  const {
    rows: [e],
  } = await db.query(
    `
    INSERT INTO supervised_enterprise (adcode, credit_code, name, industry, status, geom)
    VALUES ('430903', $1, '坏输入测试化工有限公司', 'chemical', 'operating', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490))) RETURNING id`,
    [creditCode(1), JSON.stringify(square(fx.spots[2]))],
  )
  fx.enterprise = Number(e.id)
  const {
    rows: [closed],
  } = await db.query(
    `
    INSERT INTO supervised_enterprise (adcode, credit_code, name, industry, status, geom)
    VALUES ('430903', $1, '坏输入测试电镀有限公司', 'electroplating', 'closed', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490))) RETURNING id`,
    [creditCode(2), JSON.stringify(square(fx.spots[3]))],
  )
  const {
    rows: [pr],
  } = await db.query(
    `
    INSERT INTO plot_proposal (adcode, enterprise_id, enterprise_status, geom, created_by)
    SELECT adcode, id, status, geom, 'huanjing' FROM supervised_enterprise WHERE id = $1 RETURNING id`,
    [closed.id],
  )
  fx.proposal = Number(pr.id)
  fx.pointBasic = await makePoint('basic', fx.spots[4])
  fx.pointProduce = await makePoint('produce', fx.spots[5])
  fx.parcel = await makeParcel(fx.spots[6])
  fx.parcelPair = [await makeParcel(fx.spots[7], 0), await makeParcel(fx.spots[7], 1)]
  fx.splitParcel = { ...(await makeParcel(fx.spots[8])), at: fx.spots[8] }
  const {
    rows: [c],
  } = await db.query(
    `
    WITH n AS (INSERT INTO precheck_counter AS c (adcode, year, last) VALUES ('430903', 2002, 1)
               ON CONFLICT (adcode, year) DO UPDATE SET last = c.last + 1 RETURNING year, last)
    INSERT INTO precheck (adcode, year, seq, number, planned_use, land_class, verdict, reasons, data_version, geom, checked_by, checked_by_name)
    SELECT '430903', n.year, n.last, '准入核查〔2002〕' || lpad(n.last::text, 4, '0') || '号', 'M1', 'second', 'allowed', '[]', '{"features": {}}',
           ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)), 'ziyuan', '坏输入测试'
    FROM n RETURNING id`,
    [JSON.stringify(square(fx.spots[9]))],
  )
  fx.precheck = Number(c.id)
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO public_report (adcode, description, contact, photo, photo_type, geom, client_hash)
    VALUES ('430903', '坏输入测试：河边有刺鼻气味的废水排放', NULL, NULL, NULL, ST_SetSRID(ST_MakePoint($1, $2), 4490), 'bad-input') RETURNING id`,
    fx.spots[10],
  )
  fx.report = Number(r.id)
  fx.user = (await createTestUser(db, { role: 'land', scopes: ['430903'], username: uniqueUsername('fz') })).id
  const {
    rows: [t],
  } =
    await db.query(`INSERT INTO indicator_target (jurisdiction, indicator, year, target_pct, comparator, source, confidence)
    VALUES ('430903', 'farmland', 2097, 90, 'at_least', '坏输入测试规划', 'R') RETURNING id`)
  fx.target = Number(t.id)
  await db.query(
    `INSERT INTO class_rule_set (version, name, rules) SELECT $1, '坏输入测试规则', rules FROM class_rule_set WHERE is_default ON CONFLICT DO NOTHING`,
    [tag],
  )
  const {
    rows: [l],
  } = await db.query(
    `
    INSERT INTO class_list (adcode, title, rule_set_version, is_complete, parcel_count, created_by)
    VALUES ('430903', '坏输入测试清单', $1, true, 1, 'gengdi') RETURNING id`,
    [tag],
  )
  await db.query(
    `
    INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, soil_grade, sample_count, basis)
    VALUES ('430903', $1, $2, 'priority', 'samples', 'A', 1, '{"summary": "坏输入测试"}')`,
    [l.id, fx.parcel.id],
  )
  fx.classList = { listId: Number(l.id), parcelId: fx.parcel.id }
  const {
    rows: [j],
  } = await db.query(
    `
    INSERT INTO classification_job (adcode, list_id, status, total, done, started_by) VALUES ('430903', $1, 'done', 1, 1, 'gengdi') RETURNING id`,
    [l.id],
  )
  fx.job = Number(j.id)
  fx.parcelTile = tileAt(fx.spots[6][0], fx.spots[6][1], 15)
}

/** Removes the fixtures; the pre-check record stays (records are immutable; it is numbered in year 2002, apart from real ones). */
async function removeFixtures(): Promise<void> {
  if (!fx.classList) return
  await db.query(`DELETE FROM classification_job WHERE list_id = $1`, [fx.classList.listId])
  await db.query(`DELETE FROM class_list WHERE rule_set_version = $1`, [tag])
  await db.query(`DELETE FROM class_rule_set WHERE version = $1`, [tag])
  await db.query(`DELETE FROM indicator_target WHERE id = $1`, [fx.target])
  await db.query(`DELETE FROM public_report WHERE client_hash = 'bad-input'`)
  await db.query(`DELETE FROM monitoring_result WHERE point_id IN ($1, $2)`, [fx.pointBasic.id, fx.pointProduce.id])
  await db.query(`DELETE FROM monitoring_point WHERE id IN ($1, $2)`, [fx.pointBasic.id, fx.pointProduce.id])
  await db.query(`DELETE FROM plot_proposal WHERE id = $1`, [fx.proposal])
  await db.query(`DELETE FROM supervised_enterprise WHERE name LIKE '坏输入测试%'`)
  await db.query(`DELETE FROM control_zone WHERE id = $1`, [fx.zoneDraft])
  await db.query(`DELETE FROM contaminated_plot WHERE code LIKE $1`, [`QX-${tag}%`])
  await db.query(`DELETE FROM farmland_parcel WHERE adcode = '430903' AND code LIKE $1`, [`430903-${tag}%`])
  await removeLeakedRows()
  await db.query(`SELECT refresh_farmland_overview('430903')`)
}

/**
 * Rows a request that should have been refused wrote anyway (its case and its batch's count check fail): removed
 * by their marker text where possible, so other files do not meet them; what cannot be removed is named.
 */
async function removeLeakedRows(): Promise<void> {
  const statements = [
    [`DELETE FROM farmland_parcel WHERE adcode = '430903' AND NOT is_generated AND created_at >= $1`, [startedAt]],
    [`DELETE FROM monitoring_result WHERE crop LIKE '坏输入%'`, []],
    [
      `DELETE FROM monitoring_point WHERE adcode = '430903' AND (name LIKE '坏输入%' OR soil_type LIKE '坏输入%' OR planned_basis::text LIKE '%坏输入%')`,
      [],
    ],
    [`DELETE FROM control_zone WHERE adcode = '430903' AND name LIKE '坏输入%'`, []],
    [`DELETE FROM supervised_enterprise WHERE adcode = '430903' AND name LIKE '坏输入%'`, []],
    [`DELETE FROM public_report WHERE description LIKE '坏输入%'`, []],
    [`DELETE FROM indicator_target WHERE source LIKE '坏输入%'`, []],
    [`DELETE FROM class_rule_set WHERE name LIKE '坏输入%' AND NOT is_default`, []],
  ] as const
  for (const [sql, params] of statements) {
    await db
      .query(sql, [...params])
      .catch((err: Error) => console.warn(`清理误写入的数据未成功：${sql}：${err.message}`))
  }
}

/** Rows (and versions) of every table a write route could change, in one query. */
async function snapshot(): Promise<Record<string, string>> {
  const {
    rows: [r],
  } = await db.query(`SELECT
    (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM farmland_parcel) AS parcel,
    (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM contaminated_plot) AS plot,
    (SELECT count(*) FROM plot_pollutant)::text AS plot_pollutant,
    (SELECT count(*) FROM plot_negative_use)::text AS plot_negative_use,
    (SELECT count(*) FROM plot_event)::text AS plot_event,
    (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM control_zone) AS control_zone,
    (SELECT count(*) FROM control_zone_plot)::text AS control_zone_plot,
    (SELECT count(*) FROM control_zone_sign)::text AS control_zone_sign,
    (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM supervised_enterprise) AS enterprise,
    (SELECT count(*) || '/' || count(*) FILTER (WHERE status = 'pending') FROM plot_proposal) AS plot_proposal,
    (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM monitoring_point) AS monitoring_point,
    (SELECT count(*) FROM monitoring_result)::text AS monitoring_result,
    (SELECT count(*) FROM monitoring_import)::text AS monitoring_import,
    (SELECT count(*) FROM registry_import)::text AS registry_import,
    (SELECT count(*) || '/' || coalesce(max(id), 0) FROM change_history) AS change_history,
    (SELECT count(*) || '/' || count(*) FILTER (WHERE status = 'handled') || '/' || coalesce(sum(version), 0) FROM public_report) AS public_report,
    (SELECT count(*) FROM public_report_event)::text AS public_report_event,
    (SELECT count(*) FROM enterprise_inspection)::text AS enterprise_inspection,
    (SELECT count(*) FROM precheck)::text AS precheck,
    (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM app_user) AS app_user,
    (SELECT count(*) FROM app_user_scope)::text AS app_user_scope,
    (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM indicator_target) AS indicator_target,
    (SELECT count(*) FROM class_rule_set)::text AS class_rule_set,
    (SELECT count(*) || '/' || count(*) FILTER (WHERE status IN ('queued', 'running')) FROM classification_job) AS classification_job,
    (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM class_list) AS class_list,
    (SELECT count(*) FROM class_list_entry)::text AS class_list_entry,
    (SELECT count(*) FROM registry_list_version)::text AS registry_list_version,
    (SELECT count(*) FROM published_plot)::text AS published_plot,
    (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM stored_document) AS stored_document,
    (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM plot_redevelopment) AS plot_redevelopment,
    (SELECT count(*) || '/' || count(revoked_at) FROM ogc_access_key) AS ogc_access_key`)
  return r
}

// ---------------------------------------------------------------------------------------------------------------
// The mutations: values a field of each kind must refuse.

type Kind =
  | 'text'
  | 'enum'
  | 'number'
  | 'amount'
  | 'int'
  | 'bool'
  | 'date'
  | 'adcode'
  | 'id'
  | 'polygon'
  | 'line'
  | 'array'
  | 'object'
interface Mutation {
  what: string
  value: () => unknown
}
const m = (what: string, value: unknown | (() => unknown)): Mutation => ({
  what,
  value: typeof value === 'function' ? (value as () => unknown) : () => value,
})

const ANCHOR: [number, number] = [112.37, 28.56]
const ring = (pts: [number, number][]) => pts.map(([x, y]) => [ANCHOR[0] + x, ANCHOR[1] + y])
const SQUARE = ring([
  [0, 0],
  [0.0004, 0],
  [0.0004, 0.0004],
  [0, 0.0004],
  [0, 0],
])

let manyVertices: string | undefined
/** A closed zig-zag outline of 100,000 vertices, as compact JSON text (about 1.7 MB, under the 2 MB body limit). */
function hundredThousandVertices(kind: 'Polygon' | 'LineString'): RawJson {
  manyVertices ??= Array.from(
    { length: 100_000 },
    (_, i) => `[${(112 + i / 1e5).toFixed(5)},${i % 2 ? '28.1' : '28.2'}]`,
  ).join(',')
  return kind === 'Polygon'
    ? raw(`{"type":"Polygon","coordinates":[[${manyVertices},[112.00000,28.2]]]}`)
    : raw(`{"type":"LineString","coordinates":[${manyVertices}]}`)
}

const POLYGON: Mutation[] = [
  m('WKT text instead of GeoJSON', 'POLYGON((112 28, 112.1 28, 112.1 28.1, 112 28))'),
  m('an empty object', {}),
  m('a Polygon without coordinates', { type: 'Polygon' }),
  m('an unknown geometry type', { type: 'Hexagon', coordinates: [SQUARE] }),
  m('a Point', { type: 'Point', coordinates: ANCHOR }),
  m('a Feature instead of a geometry', {
    type: 'Feature',
    properties: {},
    geometry: { type: 'Polygon', coordinates: [SQUARE] },
  }),
  m('an unclosed ring', { type: 'Polygon', coordinates: [SQUARE.slice(0, 4)] }),
  m('a ring of 3 points', { type: 'Polygon', coordinates: [[SQUARE[0], SQUARE[1], SQUARE[0]]] }),
  m('coordinates as strings', { type: 'Polygon', coordinates: [SQUARE.map(([x, y]) => [String(x), String(y)])] }),
  m('null coordinates', {
    type: 'Polygon',
    coordinates: [
      [
        [null, null],
        [null, null],
        [null, null],
        [null, null],
      ],
    ],
  }),
  m('1e308 coordinates', {
    type: 'Polygon',
    coordinates: [
      [
        [1e308, 1e308],
        [-1e308, 1e308],
        [-1e308, -1e308],
        [1e308, 1e308],
      ],
    ],
  }),
  m('1e400 coordinates (Infinity once parsed)', {
    type: 'Polygon',
    coordinates: [
      [
        [raw('1e400'), 28],
        [raw('-1e400'), 28],
        [112, raw('1e400')],
        [raw('1e400'), 28],
      ],
    ],
  }),
  m('"NaN" coordinates', {
    type: 'Polygon',
    coordinates: [
      [
        ['NaN', 'NaN'],
        ['Infinity', 28],
        [112, '-Infinity'],
        ['NaN', 'NaN'],
      ],
    ],
  }),
  m('a self-crossing bow-tie', {
    type: 'Polygon',
    coordinates: [
      ring([
        [0, 0],
        [0.0004, 0.0004],
        [0.0004, 0],
        [0, 0.0004],
        [0, 0],
      ]),
    ],
  }),
  m('a square in the Gulf of Guinea (0°, 0°)', {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [0.001, 0],
        [0.001, 0.001],
        [0, 0.001],
        [0, 0],
      ],
    ],
  }),
  m('coordinates as an object', { type: 'Polygon', coordinates: { ring: SQUARE } }),
  m('10,000 nested arrays as coordinates', { type: 'Polygon', coordinates: raw(NESTED_ARRAYS) }),
  m('a 100,000-vertex outline', () => hundredThousandVertices('Polygon')),
  m('a GeometryCollection', { type: 'GeometryCollection', geometries: [{ type: 'Polygon', coordinates: [SQUARE] }] }),
]

const LINE: Mutation[] = [
  m('a Polygon instead of a line', { type: 'Polygon', coordinates: [SQUARE] }),
  m('one point only', { type: 'LineString', coordinates: [ANCHOR] }),
  m('1e400 coordinates', {
    type: 'LineString',
    coordinates: [
      [raw('1e400'), 28],
      [112, raw('-1e400')],
    ],
  }),
  m('"NaN" coordinates', {
    type: 'LineString',
    coordinates: [
      ['NaN', 28],
      [112, 'NaN'],
    ],
  }),
  m('null coordinates', {
    type: 'LineString',
    coordinates: [
      [null, null],
      [null, null],
    ],
  }),
  m('10,000 nested arrays', { type: 'LineString', coordinates: raw(NESTED_ARRAYS) }),
  m('a 100,000-vertex line', () => hundredThousandVertices('LineString')),
  m('a string', 'LINESTRING(112 28, 113 29)'),
]

const KIND_MUTATIONS: Record<Kind, Mutation[]> = {
  text: [
    m('a number', 12345),
    m('an object', { a: 1 }),
    m('an array', ['甲']),
    m('true', true),
    m('100,001 characters', () => '字'.repeat(100_001)),
  ],
  enum: [
    m('an SQL fragment', SQL),
    m('an empty string', ''),
    m('an unknown code', 'NOT A CODE!'),
    m('a number', 7),
    m('an array', ['x']),
  ],
  number: [
    m('"NaN"', 'NaN'),
    m('"Infinity"', 'Infinity'),
    m('1e400 (Infinity once parsed)', raw('1e400')),
    m('-1e400', raw('-1e400')),
    m('1e308', 1e308),
    m('-1e308', -1e308),
    m('an object', {}),
    m('an SQL fragment', SQL),
  ],
  amount: [
    m('"NaN"', 'NaN'),
    m('"1e308"', '1e308'),
    m('1e400 (Infinity once parsed)', raw('1e400')),
    m('-1e308', -1e308),
    m('an SQL fragment', SQL),
    m('an object', {}),
    m('an array', [1]),
  ],
  int: [
    m('1.5', 1.5),
    m('-1', -1),
    m('1e21', 1e21),
    m('2^31 (past a 32-bit column)', 2 ** 31),
    m('2^53 − 1', Number.MAX_SAFE_INTEGER),
    m('"1"', '1'),
    m('1e400 (Infinity once parsed)', raw('1e400')),
    m('true', true),
    m('an SQL fragment', SQL),
  ],
  bool: [m('"true"', 'true'), m('1', 1), m('"是"', '是'), m('an object', {})],
  date: [
    m('month 13', '2024-13-01'),
    m('30 February', '2024-02-30'),
    m('no dashes', '20240101'),
    m('a number', 20240101),
    m('an SQL fragment', SQL),
    m('year 0000', '0000-01-01'),
    m('year 9999', '9999-12-31'),
  ],
  adcode: [
    m('an SQL fragment', SQL),
    m('5 digits', '43090'),
    m('a number', 430903),
    m('full-width digits', '４３０９０３'),
    m('an unknown county', '999999'),
  ],
  id: [
    m('-1', -1),
    m('0', 0),
    m('1.5', 1.5),
    m('"1"', '1'),
    m('1e21', 1e21),
    m('an SQL fragment', SQL),
    m('2^31 (past a 32-bit column)', 2 ** 31),
    m('2^53 − 1', Number.MAX_SAFE_INTEGER),
  ],
  polygon: POLYGON,
  line: LINE,
  array: [
    m('a string', 'x'),
    m('an object', {}),
    m('10,000 nested arrays', raw(NESTED_ARRAYS)),
    m('[null]', [null]),
    m('one text of 100,001 characters', () => ['字'.repeat(100_001)]),
    m('100,000 items', () => raw(`[${Array(100_000).fill('1').join(',')}]`)),
  ],
  object: [m('a string', 'x'), m('an array', []), m('a number', 1), m('10,000 nested objects', raw(NESTED_OBJECTS))],
}
/** How many of a kind's mutations each field gets besides the pinned ones (geometry: all of them). */
const PER_FIELD: Partial<Record<Kind, number>> = { polygon: 99, line: 99 }
/** Mutations every field of the kind gets: each once found a route that accepted it. */
const PINNED: Partial<Record<Kind, string[]>> = {
  number: ['1e308'],
  adcode: ['an unknown county'],
  text: ['100,001 characters'],
  array: ['one text of 100,001 characters'],
  int: ['2^31 (past a 32-bit column)'],
  id: ['2^31 (past a 32-bit column)'],
  enum: ['an unknown code'],
}

const CONTROL: Mutation[] = [
  m('a NUL character', '坏输入\u0000测试'),
  m('U+0001', '坏输入\u0001测试'),
  m('the non-character U+FFFE', '坏输入\uFFFE测试'),
  m('a lone surrogate', '坏输入\uD800测试'),
]

// ---------------------------------------------------------------------------------------------------------------
// The requests.

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'
interface FileUpload {
  field: string
  name: string
  bytes: Buffer
  contentType?: string
}
interface Req {
  caller: Caller | 'ownAccount'
  method: Method
  url: string
  /** A JSON value (may hold RawJson), or the body text as is. */
  json?: unknown
  text?: string | Buffer
  contentType?: string
  headers?: Record<string, string>
  form?: { fields?: Record<string, string>; files?: FileUpload[] }
  noCsrf?: boolean
  /** Sent over a socket with this exact path (no URL normalisation on the way). */
  rawPath?: boolean
}
interface Case {
  name: string
  build: () => Req | Promise<Req>
  /** The status when the caller may not use the route; otherwise any 4xx past the role check. */
  refusedAs?: 401 | 403
  /** Another answer that refuses the input, for routes that answer a check as a result (e.g. 200 {ok: false}). */
  isRefusedOtherwise?: (a: Answer) => boolean
}

interface Target {
  method: Method
  route: string
  /** Who may call it (so the request reaches its checks). */
  caller: Caller | 'ownAccount'
  /** Who may not (one case each); none for public routes. */
  refused?: Caller
  url: () => string
  /** A valid body; each case changes one thing. Undefined: the route reads no body. */
  body?: () => Record<string, unknown>
  /** Field paths (dots) and their kinds; `!` = required, `~` = an empty text means not given. */
  fields?: Record<string, `${Kind}${'' | '!' | '~'}`>
  /** URL variants with a malformed path part or query. */
  badUrls?: [string, () => string][]
  /** The route accepts an empty object as a whole body. */
  isEmptyBodyValid?: boolean
  /** A dry-run check: problems of the input come back as 200 {ok: false, problems} (each worded in Chinese). */
  answersProblems?: boolean
}

function setPath(
  obj: Record<string, unknown>,
  dotted: string,
  value: unknown,
  remove = false,
): Record<string, unknown> {
  const copy = structuredClone(obj)
  const keys = dotted.split('.')
  let at: any = copy
  for (const k of keys.slice(0, -1)) at = at[k]
  if (remove) delete at[keys[keys.length - 1]]
  else at[keys[keys.length - 1]] = value
  return copy
}

const BAD_IDS: [string, string][] = [
  ['an SQL fragment', encodeURIComponent("1'; DROP TABLE parcel;--")],
  ['-1', '-1'],
  ['1.5', '1.5'],
  ['20 digits', '99999999999999999999'],
  ['%00', '%00'],
  ['%2e%2e', '%2e%2e'],
  ['0', '0'],
  ['a 15-digit id no record has', '999999999999999'],
  ['a broken escape %E4%B8', '%E4%B8'],
  ['1e3', '1e3'],
  ['a Chinese character', encodeURIComponent('中')],
]

const giantBody = () => toJsonText({ padding: 'x'.repeat(3 * 1024 * 1024) })
let gzipBomb: Buffer | undefined
const WHOLE_BODY: { what: string; isParserRefusal: boolean; req: () => Partial<Req> }[] = [
  { what: 'an empty object', isParserRefusal: false, req: () => ({ json: {} }) },
  { what: 'a JSON array', isParserRefusal: false, req: () => ({ text: '[]' }) },
  { what: 'a JSON string', isParserRefusal: true, req: () => ({ text: '"文本"' }) },
  { what: 'JSON null', isParserRefusal: true, req: () => ({ text: 'null' }) },
  { what: 'cut-off JSON', isParserRefusal: true, req: () => ({ text: '{"name": [1, 2' }) },
  { what: 'an SQL fragment instead of JSON', isParserRefusal: true, req: () => ({ text: SQL }) },
  { what: '10,000 nested arrays', isParserRefusal: false, req: () => ({ text: NESTED_ARRAYS }) },
  { what: '10,000 nested objects', isParserRefusal: false, req: () => ({ text: NESTED_OBJECTS }) },
  { what: 'a 3 MB body', isParserRefusal: true, req: () => ({ text: giantBody() }) },
  {
    what: 'a gzip bomb (20 MB of spaces)',
    isParserRefusal: true,
    req: () => ({
      text: (gzipBomb ??= zlib.gzipSync(
        Buffer.concat([Buffer.from('{"a":"'), Buffer.alloc(20 * 1024 * 1024, 0x20), Buffer.from('"}')]),
      )),
      headers: { 'Content-Encoding': 'gzip' },
    }),
  },
  {
    what: 'a gzip header over plain text',
    isParserRefusal: true,
    req: () => ({ text: '{"a": 1}', headers: { 'Content-Encoding': 'gzip' } }),
  },
  {
    what: 'JSON declared as UTF-16',
    isParserRefusal: true,
    req: () => ({ text: '{}', contentType: 'application/json; charset=utf-16' }),
  },
  {
    what: 'a form-encoded body',
    isParserRefusal: false,
    req: () => ({ text: 'name=x&version=1', contentType: 'application/x-www-form-urlencoded' }),
  },
]

/** A dry-run check's answer that refuses the change: 200 {ok: false} with each problem worded in Chinese. */
const isProblemAnswer = (a: Answer) =>
  a.status === 200 &&
  a.body?.ok === false &&
  a.body.problems.length > 0 &&
  a.body.problems.every(
    (p: { message?: string }) => CJK.test(p.message ?? '') && !LEAKED_INTERNALS.test(p.message ?? ''),
  )

function casesOf(t: Target): Case[] {
  const base = (): Req => ({ caller: t.caller, method: t.method, url: t.url(), json: t.body?.() })
  const out: Case[] = []
  const push = (c: Case) =>
    out.push(t.answersProblems && !c.refusedAs ? { ...c, isRefusedOtherwise: isProblemAnswer } : c)
  const wholeBody = WHOLE_BODY.filter((w) => (t.body ? !(t.isEmptyBodyValid && !w.isParserRefusal) : w.isParserRefusal))
  const always = wholeBody.filter((w) => w.what === 'an empty object' || w.what === 'a JSON array')
  for (const w of [
    ...always,
    ...pick(
      wholeBody.filter((x) => !always.includes(x)),
      5,
    ),
  ]) {
    push({ name: `the whole body is ${w.what}`, build: () => ({ ...base(), json: undefined, ...w.req() }) })
  }
  for (const [path, spec] of Object.entries(t.fields ?? {})) {
    const kind = spec.replace(/[!~]$/, '') as Kind
    const mutations = KIND_MUTATIONS[kind].filter((mu) => !(spec.endsWith('~') && mu.what === 'an empty string'))
    const pinned = mutations.filter((mu) => PINNED[kind]?.includes(mu.what))
    const chosen = [
      ...pinned,
      ...pick(
        mutations.filter((mu) => !pinned.includes(mu)),
        PER_FIELD[kind] ?? 2,
      ),
    ]
    for (const mu of chosen) {
      if (t.method === 'PATCH' && mu.what.includes('100,000')) continue
      push({ name: `${path} is ${mu.what}`, build: () => ({ ...base(), json: setPath(t.body!(), path, mu.value()) }) })
    }
    if (spec === 'text!')
      push({ name: `${path} is only spaces`, build: () => ({ ...base(), json: setPath(t.body!(), path, ' \t ') }) })
    if (spec.endsWith('!')) {
      push({
        name: `${path} is missing`,
        build: () => ({ ...base(), json: setPath(t.body!(), path, undefined, true) }),
      })
      if (kind !== 'text' || random() < 0.5)
        push({ name: `${path} is null`, build: () => ({ ...base(), json: setPath(t.body!(), path, null) }) })
    }
  }
  const textFields = Object.entries(t.fields ?? {})
    .filter(([, s]) => s.startsWith('text'))
    .map(([p]) => p)
  if (textFields.length) {
    const [field] = pick(textFields, 1)
    for (const mu of CONTROL)
      push({
        name: `${field} holds ${mu.what}`,
        build: () => ({ ...base(), json: setPath(t.body!(), field, mu.value()) }),
      })
  }
  for (const [what, url] of t.badUrls ?? [])
    push({ name: `the URL has ${what}`, build: () => ({ ...base(), url: url() }) })
  if (t.refused)
    out.push({
      name: `the caller is ${t.refused}`,
      refusedAs: t.refused === 'anonymous' ? 401 : 403,
      build: () => ({ ...base(), caller: t.refused! }),
    })
  if (t.caller !== 'anonymous')
    out.push({ name: 'the CSRF token is missing', refusedAs: 403, build: () => ({ ...base(), noCsrf: true }) })
  return out
}

/** Path variants with each of a few malformed ids in place of `:name` (seeded choice of three). */
function badIds(pattern: string, name: string, fill: () => Record<string, string | number>): [string, () => string][] {
  return pick(BAD_IDS, 3).map(([what, bad]) => [
    `${what} as :${name}`,
    () => {
      const values = { ...fill(), [name]: bad }
      return pattern.replace(/:(\w+)/g, (_m, k) => String(values[k]))
    },
  ])
}

const fixedUsername = 'fz-nobody-account'
const validPassword = 'Fuzz-2026-pass'

const TARGETS: Target[] = [
  // 图斑编辑
  {
    method: 'POST',
    route: '/api/parcels/check',
    caller: 'farmland',
    refused: 'environment',
    url: () => '/api/parcels/check',
    answersProblems: true,
    body: () => ({ changes: [{ op: 'create', geometry: square(fx.spots[11]), attributes: { dlbm: '0101' } }] }),
    fields: {
      changes: 'array!',
      'changes.0.op': 'enum!',
      'changes.0.geometry': 'polygon!',
      'changes.0.attributes': 'object!',
      'changes.0.attributes.dlbm': 'enum!',
      'changes.0.attributes.kcxs': 'number',
      'changes.0.attributes.bz': 'text',
    },
  },
  {
    method: 'POST',
    route: '/api/parcels/changes',
    caller: 'farmland',
    refused: 'anonymous',
    url: () => '/api/parcels/changes',
    body: () => ({
      reason: '坏输入测试',
      changes: [{ op: 'update', id: fx.parcel.id, version: fx.parcel.version, attributes: { dlbm: '0103' } }],
    }),
    fields: {
      reason: 'text',
      changes: 'array!',
      'changes.0.op': 'enum!',
      'changes.0.id': 'id!',
      'changes.0.version': 'int!',
      'changes.0.geometry': 'polygon',
      'changes.0.attributes': 'object',
      'changes.0.attributes.dlbm': 'enum',
      'changes.0.attributes.townshipCode': 'enum~',
      'changes.0.attributes.qsxz': 'enum~',
      'changes.0.attributes.gdpdjb': 'enum~',
      'changes.0.attributes.zldwmc': 'text',
      'changes.0.attributes.kcxs': 'number',
      'changes.0.classMode': 'enum',
    },
  },
  {
    method: 'POST',
    route: '/api/parcels/split/preview',
    caller: 'farmland',
    url: () => '/api/parcels/split/preview',
    body: () => ({
      id: fx.splitParcel.id,
      version: fx.splitParcel.version,
      line: {
        type: 'LineString',
        coordinates: [
          [fx.splitParcel.at[0] + 0.0002, fx.splitParcel.at[1] - 0.0001],
          [fx.splitParcel.at[0] + 0.0002, fx.splitParcel.at[1] + 0.0005],
        ],
      },
    }),
    fields: { id: 'id!', version: 'int!', line: 'line!' },
  },
  {
    method: 'POST',
    route: '/api/parcels/split',
    caller: 'farmland',
    refused: 'land',
    url: () => '/api/parcels/split',
    body: () => ({
      id: fx.splitParcel.id,
      version: fx.splitParcel.version,
      reason: '坏输入测试',
      classMode: 'recompute',
      line: {
        type: 'LineString',
        coordinates: [
          [fx.splitParcel.at[0] + 0.0002, fx.splitParcel.at[1] - 0.0001],
          [fx.splitParcel.at[0] + 0.0002, fx.splitParcel.at[1] + 0.0005],
        ],
      },
    }),
    fields: { id: 'id!', version: 'int!', line: 'line!', reason: 'text!', classMode: 'enum!', classReason: 'text' },
  },
  {
    method: 'POST',
    route: '/api/parcels/merge/preview',
    caller: 'farmland',
    url: () => '/api/parcels/merge/preview',
    body: () => ({ parcels: fx.parcelPair }),
    fields: { parcels: 'array!', 'parcels.0.id': 'id!', 'parcels.1.version': 'int!' },
  },
  {
    method: 'POST',
    route: '/api/parcels/merge',
    caller: 'farmland',
    refused: 'approver',
    url: () => '/api/parcels/merge',
    body: () => ({ parcels: fx.parcelPair, reason: '坏输入测试', classMode: 'recompute' }),
    fields: {
      parcels: 'array!',
      'parcels.0.id': 'id!',
      'parcels.0.version': 'int!',
      reason: 'text!',
      classMode: 'enum!',
      classReason: 'text',
      attributesFrom: 'id',
    },
  },
  {
    method: 'POST',
    route: '/api/parcels/:id/restore',
    caller: 'farmland',
    url: () => `/api/parcels/${fx.parcel.id}/restore`,
    body: () => ({ historyId: fx.parcel.historyId, version: fx.parcel.version, reason: '坏输入测试' }),
    fields: { historyId: 'id!', version: 'int', reason: 'text!' },
    badUrls: badIds('/api/parcels/:id/restore', 'id', () => ({ id: fx.parcel.id })),
  },
  // 污染地块
  {
    method: 'POST',
    route: '/api/plots',
    caller: 'environment',
    refused: 'farmland',
    url: () => '/api/plots',
    body: () => ({ name: '坏输入测试新建地块', formerIndustry: 'chemical', geometry: square(fx.spots[12]) }),
    fields: {
      name: 'text!',
      formerIndustry: 'enum!',
      geometry: 'polygon!',
      address: 'text',
      landUser: 'text',
      contact: 'text',
      plannedLandClass: 'enum',
      adcode: 'adcode',
    },
  },
  {
    method: 'PATCH',
    route: '/api/plots/:id',
    caller: 'environment',
    url: () => `/api/plots/${fx.plotDraft}`,
    body: () => ({ version: 1, name: '坏输入测试改名' }),
    fields: {
      version: 'int!',
      name: 'text',
      formerIndustry: 'enum',
      geometry: 'polygon',
      contact: 'text',
      adcode: 'adcode',
    },
    badUrls: badIds('/api/plots/:id', 'id', () => ({ id: fx.plotDraft })),
  },
  {
    method: 'POST',
    route: '/api/plots/:id/transitions',
    caller: 'environment',
    refused: 'anonymous',
    url: () => `/api/plots/${fx.plotDraft}/transitions`,
    body: () => ({ action: 'start_preliminary', version: 1 }),
    fields: { action: 'enum!', version: 'int!', riskLevel: 'enum~', document: 'object', reason: 'text' },
  },
  {
    method: 'POST',
    route: '/api/plots/:id/pollutants',
    caller: 'environment',
    url: () => `/api/plots/${fx.plotDraft}/pollutants`,
    body: () => ({ version: 1, substance: 'Cd', valueMgKg: 12, sampledOn: '2026-01-10' }),
    fields: {
      version: 'int!',
      substance: 'enum!',
      valueMgKg: 'number!',
      sampledOn: 'date!',
      depthM: 'number',
      note: 'text',
    },
    badUrls: badIds('/api/plots/:id/pollutants', 'id', () => ({ id: fx.plotDraft })),
  },
  {
    method: 'DELETE',
    route: '/api/plots/:id/pollutants/:pid',
    caller: 'environment',
    refused: 'approver',
    url: () => `/api/plots/${fx.plotWithPollutant.id}/pollutants/${fx.plotWithPollutant.pollutantId}?version=1`,
    body: () => ({ reason: '录入错误' }),
    fields: { reason: 'text' },
    isEmptyBodyValid: true,
    badUrls: [
      ...badIds('/api/plots/:id/pollutants/:pid?version=1', 'pid', () => ({ id: fx.plotWithPollutant.id })),
      ['no version', () => `/api/plots/${fx.plotWithPollutant.id}/pollutants/${fx.plotWithPollutant.pollutantId}`],
      [
        'an SQL fragment as version',
        () =>
          `/api/plots/${fx.plotWithPollutant.id}/pollutants/${fx.plotWithPollutant.pollutantId}?version=${encodeURIComponent(SQL)}`,
      ],
      [
        'two versions',
        () =>
          `/api/plots/${fx.plotWithPollutant.id}/pollutants/${fx.plotWithPollutant.pollutantId}?version=1&version=2`,
      ],
      [
        'version[]=1',
        () => `/api/plots/${fx.plotWithPollutant.id}/pollutants/${fx.plotWithPollutant.pollutantId}?version[]=1`,
      ],
    ],
  },
  {
    method: 'POST',
    route: '/api/plots/:id/negative-uses',
    caller: 'environment',
    url: () => `/api/plots/${fx.plotDraft}/negative-uses`,
    body: () => ({ version: 1, useCode: 'M', reason: '坏输入测试' }),
    fields: { version: 'int!', useCode: 'enum!', reason: 'text' },
  },
  {
    method: 'DELETE',
    route: '/api/plots/:id/negative-uses/:useCode',
    caller: 'environment',
    url: () => `/api/plots/${fx.plotListed}/negative-uses/B`,
    body: () => ({ version: 1, reason: '规划调整' }),
    fields: { version: 'int!', reason: 'text' },
    badUrls: [
      ['an SQL fragment as :useCode', () => `/api/plots/${fx.plotListed}/negative-uses/${encodeURIComponent(SQL)}`],
      ['%00 as :useCode', () => `/api/plots/${fx.plotListed}/negative-uses/%00`],
      ['an unknown :useCode', () => `/api/plots/${fx.plotListed}/negative-uses/Q9`],
      ...badIds('/api/plots/:id/negative-uses/B', 'id', () => ({})),
    ],
  },
  {
    method: 'PATCH',
    route: '/api/plots/:id/redevelopment',
    caller: 'environment',
    refused: 'farmland',
    url: () => `/api/plots/${fx.plotListed}/redevelopment`,
    body: () => ({ version: null, plannedUse: 'B1', usedOn: '2026-03-01', targetsMet: true }),
    fields: { plannedUse: 'text!', usedOn: 'date!', targetsMet: 'bool' },
    badUrls: badIds('/api/plots/:id/redevelopment', 'id', () => ({})),
  },
  // 管控区域、重点监管单位
  {
    method: 'POST',
    route: '/api/control-zones',
    caller: 'environment',
    refused: 'land',
    url: () => '/api/control-zones',
    body: () => ({
      name: '坏输入测试管控区域',
      geometry: square(fx.spots[13]),
      signs: [{ label: '警示标识牌', lon: fx.spots[13][0], lat: fx.spots[13][1] }],
      monitorSoil: true,
      monitorSurfaceWater: false,
      monitorGroundwater: false,
      monitorAir: false,
    }),
    fields: {
      name: 'text!',
      geometry: 'polygon!',
      monitorSoil: 'bool!',
      plotIds: 'array',
      signs: 'array',
      'signs.0.label': 'text!',
      'signs.0.lon': 'number!',
      'signs.0.lat': 'number!',
      announcementDate: 'date',
      announcementNo: 'text',
      announcementText: 'text',
      adcode: 'adcode',
    },
  },
  {
    method: 'PATCH',
    route: '/api/control-zones/:id',
    caller: 'environment',
    url: () => `/api/control-zones/${fx.zoneDraft}`,
    body: () => ({ version: 1, announcementNo: '坏输入测试公告' }),
    fields: {
      version: 'int!',
      announcementNo: 'text',
      announcementDate: 'date',
      geometry: 'polygon',
      signs: 'array',
      monitorAir: 'bool',
    },
    badUrls: badIds('/api/control-zones/:id', 'id', () => ({})),
  },
  {
    method: 'POST',
    route: '/api/enterprises',
    caller: 'environment',
    url: () => '/api/enterprises',
    body: () => ({
      name: '坏输入测试电镀有限公司',
      creditCode: '91430903FZ9999999X',
      industry: 'electroplating',
      status: 'operating',
      geometry: square(fx.spots[14]),
    }),
    fields: {
      name: 'text!',
      creditCode: 'enum!',
      industry: 'enum!',
      status: 'enum!',
      geometry: 'polygon!',
      adcode: 'adcode',
    },
  },
  {
    method: 'PATCH',
    route: '/api/enterprises/:id',
    caller: 'environment',
    refused: 'farmland',
    url: () => `/api/enterprises/${fx.enterprise}`,
    body: () => ({ version: 1, status: 'closed' }),
    fields: {
      version: 'int!',
      status: 'enum',
      name: 'text',
      creditCode: 'enum',
      industry: 'enum',
      geometry: 'polygon',
      adcode: 'adcode',
      reason: 'text',
    },
    badUrls: badIds('/api/enterprises/:id', 'id', () => ({})),
  },
  {
    method: 'POST',
    route: '/api/plot-proposals/:id/confirm',
    caller: 'environment',
    url: () => `/api/plot-proposals/${fx.proposal}/confirm`,
    body: () => ({ name: '坏输入测试确认地块' }),
    fields: { name: 'text' },
    isEmptyBodyValid: true,
    badUrls: badIds('/api/plot-proposals/:id/confirm', 'id', () => ({})),
  },
  {
    method: 'POST',
    route: '/api/plot-proposals/:id/dismiss',
    caller: 'environment',
    refused: 'anonymous',
    url: () => `/api/plot-proposals/${fx.proposal}/dismiss`,
    body: () => ({ reason: '坏输入测试：已核实为非生产区域' }),
    fields: { reason: 'text!' },
  },
  {
    method: 'POST',
    route: '/api/registry-lists/:list/:jurisdiction/publish',
    caller: 'environment',
    url: () => '/api/registry-lists/suspected/430903/publish',
    body: () => ({ expectedVersion: 999_999 }),
    fields: { expectedVersion: 'int!' },
    badUrls: [
      ['an SQL fragment as :list', () => `/api/registry-lists/${encodeURIComponent(SQL)}/430903/publish`],
      ['an unknown :list', () => '/api/registry-lists/__proto__/430903/publish'],
      ['%2e%2e as :jurisdiction', () => '/api/registry-lists/suspected/%2e%2e/publish'],
      ['an SQL fragment as :jurisdiction', () => `/api/registry-lists/suspected/${encodeURIComponent(SQL)}/publish`],
    ],
  },
  // 审核
  {
    method: 'POST',
    route: '/api/reviews/:kind/:id/:action',
    caller: 'environment',
    url: () => `/api/reviews/plot/${fx.plotForReview}/submit`,
    body: () => ({ reason: '坏输入测试' }),
    fields: { reason: 'text', version: 'int' },
    isEmptyBodyValid: true,
    badUrls: [
      ['an unknown :kind', () => `/api/reviews/parcel/${fx.plotForReview}/submit`],
      ['an SQL fragment as :action', () => `/api/reviews/plot/${fx.plotForReview}/${encodeURIComponent(SQL)}`],
      ['__proto__ as :kind', () => `/api/reviews/__proto__/${fx.plotForReview}/submit`],
      ['constructor as :action', () => `/api/reviews/plot/${fx.plotForReview}/constructor`],
      ...badIds('/api/reviews/plot/:id/submit', 'id', () => ({})),
    ],
  },
  // 监测点位
  {
    method: 'POST',
    route: '/api/monitoring/points',
    caller: 'environment',
    refused: 'approver',
    url: () => '/api/monitoring/points',
    body: () => ({
      code: `430903-${tag}N`,
      name: '坏输入测试新点位',
      level: 'county',
      type: 'basic',
      lon: fx.spots[15][0],
      lat: fx.spots[15][1],
    }),
    fields: {
      code: 'enum!',
      name: 'text!',
      level: 'enum!',
      type: 'enum!',
      status: 'enum',
      lon: 'number!',
      lat: 'number!',
      landUse: 'enum',
      soilType: 'text',
      adcode: 'adcode',
    },
  },
  {
    method: 'PATCH',
    route: '/api/monitoring/points/:id',
    caller: 'environment',
    url: () => `/api/monitoring/points/${fx.pointBasic.id}`,
    body: () => ({ version: 1, status: 'retired' }),
    fields: { version: 'int!', name: 'text', level: 'enum', type: 'enum', status: 'enum' },
    badUrls: badIds('/api/monitoring/points/:id', 'id', () => ({})),
  },
  {
    method: 'POST',
    route: '/api/monitoring/points/:id/results',
    caller: 'environment',
    refused: 'land',
    url: () => `/api/monitoring/points/${fx.pointProduce.id}/results`,
    body: () => ({ sampledOn: '2024-09-01', medium: 'crop', crop: '稻谷', values: { cd: 0.1 } }),
    fields: {
      sampledOn: 'date!',
      medium: 'enum',
      crop: 'text',
      ph: 'amount',
      organicMatterGKg: 'amount',
      ploughDepthCm: 'amount',
      values: 'object',
      'values.cd': 'amount',
      'values.pb': 'amount',
    },
    badUrls: badIds('/api/monitoring/points/:id/results', 'id', () => ({})),
  },
  {
    method: 'POST',
    route: '/api/coverage/gaps',
    caller: 'environment',
    url: () => '/api/coverage/gaps',
    body: () => ({ adcode: '430903', k: 2, spacingKm: 10 }),
    fields: { adcode: 'adcode!', k: 'int!', spacingKm: 'enum!' },
  },
  {
    method: 'POST',
    route: '/api/coverage/gaps/accept',
    caller: 'environment',
    refused: 'farmland',
    url: () => '/api/coverage/gaps/accept',
    body: () => ({
      adcode: '430903',
      lon: fx.spots[16][0],
      lat: fx.spots[16][1],
      level: 'county',
      type: 'basic',
      basis: { spacingKm: 10, rank: 1, gainM2: 1000 },
    }),
    fields: {
      adcode: 'adcode!',
      lon: 'number!',
      lat: 'number!',
      level: 'enum!',
      type: 'enum!',
      basis: 'object!',
      'basis.spacingKm': 'enum!',
      'basis.gainM2': 'number!',
      'basis.rank': 'int!',
      'basis.ranAt': 'text',
      'basis.note': 'text',
    },
  },
  // 用地准入核查
  {
    method: 'POST',
    route: '/api/precheck',
    caller: 'land',
    refused: 'environment',
    url: () => '/api/precheck',
    body: () => ({ geometry: square(fx.spots[17]), plannedUse: 'M1' }),
    fields: { geometry: 'polygon!', plannedUse: 'enum!', name: 'text', reference: 'text' },
  },
  {
    method: 'POST',
    route: '/api/precheck/:id/rerun',
    caller: 'land',
    refused: 'anonymous',
    url: () => `/api/precheck/${fx.precheck}/rerun`,
    badUrls: badIds('/api/precheck/:id/rerun', 'id', () => ({})),
  },
  // 举报处理
  {
    method: 'POST',
    route: '/api/reports/:id/handle',
    caller: 'environment',
    refused: 'land',
    url: () => `/api/reports/${fx.report}/handle`,
    body: () => ({ note: '坏输入测试：已现场核查' }),
    fields: { note: 'text!' },
    badUrls: badIds('/api/reports/:id/handle', 'id', () => ({})),
  },
  ...(
    [
      ['assign', { department: '土壤生态环境科', assignee: 'huanjing' }, { department: 'text!', assignee: 'text' }],
      ['notes', { note: '坏输入测试：内部备注' }, { note: 'text!' }],
      ['reply', { reply: '坏输入测试：已受理，正在核查。' }, { reply: 'text!' }],
      ['status', { status: 'verifying' }, { status: 'enum!' }],
      [
        'to-plot',
        { name: '坏输入测试举报地块', formerIndustry: 'chemical' },
        { name: 'text!', formerIndustry: 'enum!' },
      ],
      ['to-inspection', { enterpriseId: 1 }, { enterpriseId: 'id!' }],
    ] as const
  ).map(([step, body, fields]): Target => ({
    method: 'POST',
    route: `/api/reports/:id/${step}`,
    caller: 'environment',
    refused: 'land',
    url: () => `/api/reports/${fx.report}/${step}`,
    body: () => ({ version: 1, ...body }),
    fields: { version: 'int!', ...fields },
    badUrls: badIds(`/api/reports/:id/${step}`, 'id', () => ({})),
  })),
  // 分类
  {
    method: 'POST',
    route: '/api/classification/rule-sets',
    caller: 'admin',
    refused: 'farmland',
    url: () => '/api/classification/rule-sets',
    body: () => {
      const { version: _v, name: _n, ...rules } = DEFAULT_RULE_SET
      return { version: `${tag}-rs`, name: '坏输入测试规则集', rules }
    },
    fields: {
      version: 'enum!',
      name: 'text!',
      isDefault: 'bool',
      rules: 'object!',
      'rules.matrix': 'object!',
      'rules.cropSeriousRatio': 'number!',
      'rules.aggregation': 'enum!',
      'rules.interpolation.maxDistanceM': 'number!',
      'rules.interpolation.power': 'number!',
      'rules.notes': 'array',
    },
  },
  {
    method: 'POST',
    route: '/api/classification/jobs',
    caller: 'farmland',
    refused: 'admin',
    url: () => '/api/classification/jobs',
    body: () => ({ adcode: '430903', ruleSetVersion: 'no-such-rule-set' }),
    fields: { adcode: 'adcode!', ruleSetVersion: 'text' },
  },
  {
    method: 'POST',
    route: '/api/classification/jobs/:id/cancel',
    caller: 'farmland',
    url: () => `/api/classification/jobs/${fx.job}/cancel`,
    badUrls: badIds('/api/classification/jobs/:id/cancel', 'id', () => ({})),
  },
  {
    method: 'POST',
    route: '/api/class-lists/:id/entries/:parcelId/override',
    caller: 'farmland',
    refused: 'environment',
    url: () => `/api/class-lists/${fx.classList.listId}/entries/${fx.classList.parcelId}/override`,
    body: () => ({ class: 'safe_use', reason: '坏输入测试' }),
    fields: { class: 'enum!', reason: 'text!' },
    badUrls: badIds('/api/class-lists/:id/entries/:parcelId/override', 'parcelId', () => ({ id: fx.classList.listId })),
  },
  // 安全利用率目标
  {
    method: 'POST',
    route: '/api/indicators/targets',
    caller: 'admin',
    refused: 'environment',
    url: () => '/api/indicators/targets',
    body: () => ({
      jurisdiction: '430903',
      indicator: 'plot',
      year: 2098,
      targetPct: 92,
      comparator: 'at_least',
      source: '坏输入测试规划',
    }),
    fields: {
      jurisdiction: 'adcode!',
      indicator: 'enum!',
      year: 'int!',
      targetPct: 'number!',
      comparator: 'enum!',
      source: 'text!',
    },
  },
  {
    method: 'PATCH',
    route: '/api/indicators/targets/:id',
    caller: 'admin',
    url: () => `/api/indicators/targets/${fx.target}`,
    body: () => ({ targetPct: 93, comparator: 'about', source: '坏输入测试规划（修订）', version: 1 }),
    fields: { targetPct: 'number!', comparator: 'enum!', source: 'text!', version: 'int!' },
    badUrls: badIds('/api/indicators/targets/:id', 'id', () => ({})),
  },
  // 土壤样点评价
  {
    method: 'POST',
    route: '/api/assess/soil-sample',
    caller: 'farmland',
    refused: 'anonymous',
    url: () => '/api/assess/soil-sample',
    body: () => ({ landUse: '水田', rotation: false, ph: 6.2, values: { Cd: 0.45 } }),
    fields: {
      landUse: 'enum!',
      rotation: 'bool',
      ph: 'number',
      values: 'object!',
      'values.Cd': 'number',
      'values.Pb': 'number',
    },
  },
  // 用户与登录
  {
    method: 'POST',
    route: '/api/admin/users',
    caller: 'admin',
    refused: 'land',
    url: () => '/api/admin/users',
    body: () => ({
      username: `fz-${tag.toLowerCase()}`.slice(0, 30),
      displayName: '坏输入测试',
      department: '',
      role: 'land',
      scopes: ['430903'],
      password: validPassword,
    }),
    fields: {
      username: 'enum!',
      displayName: 'text!',
      department: 'text',
      role: 'enum!',
      scopes: 'array!',
      'scopes.0': 'adcode!',
      password: 'text!',
    },
  },
  {
    method: 'PATCH',
    route: '/api/admin/users/:id',
    caller: 'admin',
    url: () => `/api/admin/users/${fx.user}`,
    body: () => ({ displayName: '改名', department: '', role: 'land', scopes: ['430903'], isActive: true, version: 1 }),
    fields: { displayName: 'text!', role: 'enum!', scopes: 'array!', isActive: 'bool!', version: 'int!' },
    badUrls: badIds('/api/admin/users/:id', 'id', () => ({})),
  },
  {
    method: 'POST',
    route: '/api/admin/users/:id/password',
    caller: 'admin',
    refused: 'environment',
    url: () => `/api/admin/users/${fx.user}/password`,
    body: () => ({ password: 'short' }),
    fields: { password: 'text!' },
    badUrls: badIds('/api/admin/users/:id/password', 'id', () => ({})),
  },
  {
    method: 'POST',
    route: '/api/admin/users/:id/unlock',
    caller: 'admin',
    url: () => `/api/admin/users/${fx.user}/unlock`,
    badUrls: badIds('/api/admin/users/:id/unlock', 'id', () => ({})),
  },
  // 数据共享密钥
  {
    method: 'POST',
    route: '/api/admin/ogc-keys',
    caller: 'admin',
    refused: 'environment',
    url: () => '/api/admin/ogc-keys',
    body: () => ({
      holder: '坏输入测试',
      holderKind: 'system',
      collections: ['farmland-parcels'],
      adcodes: ['430903'],
      expiresOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      note: '',
    }),
    fields: {
      holder: 'text!',
      holderKind: 'enum!',
      collections: 'array!',
      'collections.0': 'enum!',
      adcodes: 'array!',
      'adcodes.0': 'adcode!',
      expiresOn: 'date!',
      note: 'text',
    },
  },
  {
    method: 'POST',
    route: '/api/admin/ogc-keys/:id/revoke',
    caller: 'admin',
    url: () => '/api/admin/ogc-keys/0/revoke',
    badUrls: badIds('/api/admin/ogc-keys/:id/revoke', 'id', () => ({})),
  },
  {
    method: 'POST',
    route: '/api/auth/login',
    caller: 'anonymous',
    url: () => '/api/auth/login',
    body: () => ({ username: fixedUsername, password: validPassword }),
    fields: { username: 'text!', password: 'text!' },
  },
  {
    method: 'POST',
    route: '/api/auth/password',
    caller: 'ownAccount',
    refused: 'anonymous',
    url: () => '/api/auth/password',
    body: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'short' }),
    fields: { currentPassword: 'text!', newPassword: 'text!' },
  },
  { method: 'POST', route: '/api/auth/logout', caller: 'anonymous', url: () => '/api/auth/logout' },
]

// ---------------------------------------------------------------------------------------------------------------
// Uploads: files built here (generated test data).

const IMPORT_HEADER = '\uFEFF点位编号,采样日期,介质,作物,镉'
const csv = (rows: string[]) => Buffer.from([IMPORT_HEADER, ...rows].join('\r\n') + '\r\n', 'utf8')

async function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip()
  for (const [name, content] of Object.entries(files)) zip.file(name, content)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } })
}

/** An .xlsx (Office Open XML) with one sheet of `rows` rows, written by hand so it can be made as big as a bomb needs. */
async function xlsxWithRows(rows: number, cell: (r: number) => string): Promise<Buffer> {
  const body = Array.from(
    { length: rows },
    (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${cell(i + 1)}</t></is></c></row>`,
  ).join('')
  return zipOf({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="监测结果" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`,
  })
}

async function workbookOf(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const sheet = wb.addWorksheet('监测结果')
  sheet.addRow(['点位编号', '采样日期', '介质', '作物', '镉'])
  for (const r of rows) sheet.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const importUrl = (mode = 'all') => `/api/monitoring/import?mode=${mode}`
const upload = (url: string, caller: Caller, files: FileUpload[], fields?: Record<string, string>): Req => ({
  caller,
  method: 'POST',
  url,
  form: { files, fields },
})
const importFile = (name: string, bytes: Buffer, mode = 'all', contentType?: string) =>
  upload(importUrl(mode), 'environment', [{ field: 'file', name, bytes, contentType }])

const IMPORT_CASES: Case[] = [
  {
    name: 'a CSV whose point code is an SQL fragment',
    build: () => importFile('监测结果.csv', csv([`"${SQL}",2024-09-01,农产品,稻谷,0.1`])),
  },
  {
    name: 'a CSV with "NaN", "Infinity" and 1e308 values',
    build: () =>
      importFile(
        '监测结果.csv',
        csv([
          `${fx.pointProduce.code},2024-09-01,农产品,稻谷,NaN`,
          `${fx.pointProduce.code},2024-09-02,农产品,稻谷,Infinity`,
          `${fx.pointProduce.code},2024-09-03,农产品,稻谷,1e308`,
        ]),
        'valid-only',
      ),
  },
  {
    name: 'a CSV with impossible and far dates',
    build: () =>
      importFile(
        '监测结果.csv',
        csv([
          `${fx.pointProduce.code},2024-02-30,农产品,稻谷,0.1`,
          `${fx.pointProduce.code},9999-12-31,农产品,稻谷,0.1`,
          `${fx.pointProduce.code},0001-01-01,农产品,稻谷,0.1`,
        ]),
        'valid-only',
      ),
  },
  {
    name: 'a CSV with a NUL byte in a cell',
    build: () => importFile('监测结果.csv', csv([`${fx.pointProduce.code},2024-09-01,农产品,稻\u0000谷,0.1`])),
  },
  {
    name: 'a CSV with U+0001 and U+FFFE in cells',
    build: () => importFile('监测结果.csv', csv([`${fx.pointProduce.code},2024-09-01,农产品,稻\u0001谷,0.1\uFFFE`])),
  },
  {
    name: 'a CSV in GBK',
    build: () =>
      importFile('监测结果.csv', Buffer.from([0xb5, 0xe3, 0xce, 0xbb, 0xb1, 0xe0, 0xba, 0xc5, 0x0d, 0x0a, 0xb5, 0xe3])),
  },
  { name: 'an empty CSV', build: () => importFile('监测结果.csv', Buffer.alloc(0)) },
  { name: 'a CSV of only a header', build: () => importFile('监测结果.csv', csv([])) },
  {
    name: 'a CSV with an unclosed quote',
    build: () => importFile('监测结果.csv', csv([`"${fx.pointProduce.code},2024-09-01,农产品,稻谷,0.1`])),
  },
  {
    name: 'a CSV of 6,000 rows (over the row limit)',
    build: () =>
      importFile(
        '监测结果.csv',
        csv(Array.from({ length: 6000 }, (_, i) => `${fx.pointProduce.code},2024-09-01,农产品,稻谷,0.${i}`)),
      ),
  },
  {
    name: 'a CSV with one 1 MB cell',
    build: () =>
      importFile('监测结果.csv', csv([`${fx.pointProduce.code},2024-09-01,农产品,${'稻'.repeat(350_000)},0.1`])),
  },
  { name: 'a text file named .xlsx', build: () => importFile('监测结果.xlsx', Buffer.from('这不是 Excel 文件')) },
  {
    name: 'a zip that is no workbook, named .xlsx',
    build: async () => importFile('监测结果.xlsx', await zipOf({ 'readme.txt': '不是工作簿' })),
  },
  {
    name: 'a workbook with an SQL fragment and 1e308',
    build: async () => importFile('监测结果.xlsx', await workbookOf([[SQL, '2024-09-01', '农产品', '稻谷', 1e308]])),
  },
  {
    name: 'a workbook with wrong types (a date as number, a value as text)',
    build: async () =>
      importFile(
        '监测结果.xlsx',
        await workbookOf([[fx.pointProduce.code, 20240901, '农产品', '稻谷', '很多']]),
        'valid-only',
      ),
  },
  {
    name: 'an executable named .exe',
    build: () => importFile('监测结果.exe', Buffer.from('MZ\x90\x00\x03\x00\x00\x00')),
  },
  {
    name: 'a file name with path tricks',
    build: () => importFile('../../etc/passwd', csv([`${fx.pointProduce.code},2024-09-01,农产品,稻谷,0.1`])),
  },
  {
    name: 'an unknown import mode',
    build: () => ({
      ...importFile('监测结果.csv', csv([`${fx.pointProduce.code},2024-09-01,农产品,稻谷,0.1`])),
      url: importUrl(encodeURIComponent(SQL)),
    }),
  },
  {
    name: 'no file',
    build: () => ({ caller: 'environment', method: 'POST', url: importUrl(), form: { fields: { note: '无文件' } } }),
  },
  {
    name: 'two files',
    build: () =>
      upload(importUrl(), 'environment', [
        { field: 'file', name: 'a.csv', bytes: csv([]) },
        { field: 'file', name: 'b.csv', bytes: csv([]) },
      ]),
  },
  {
    name: 'the file under another field name',
    build: () => upload(importUrl(), 'environment', [{ field: 'upload', name: 'a.csv', bytes: csv([]) }]),
  },
  { name: 'a file over 5 MB', build: () => importFile('监测结果.csv', Buffer.alloc(5 * 1024 * 1024 + 10, 0x31)) },
  {
    name: 'a JSON body instead of a form',
    build: () => ({ caller: 'environment', method: 'POST', url: importUrl(), json: { file: 'x' } }),
  },
  {
    name: 'a broken multipart body',
    build: () => ({
      caller: 'environment',
      method: 'POST',
      url: importUrl(),
      text: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc',
      contentType: 'multipart/form-data; boundary=xyz',
    }),
  },
  {
    name: 'a spreadsheet bomb (one sheet of 400,000 rows, zipped)',
    build: async () => importFile('监测结果.xlsx', await xlsxWithRows(400_000, (r) => (r === 1 ? '点位编号' : 'X'))),
  },
  {
    name: 'a zip bomb named .xlsx (64 MB of zeros)',
    build: async () =>
      importFile('监测结果.xlsx', await zipOf({ 'xl/worksheets/sheet1.xml': Buffer.alloc(64 * 1024 * 1024, 0x30) })),
  },
]

const documentUpload = (name: string, bytes: Buffer, fields: Record<string, string> = {}): Req =>
  upload('/api/documents', 'environment', [{ field: 'file', name, bytes }], {
    owner: 'plot',
    ownerId: String(fx.plotListed),
    kind: 'investigation_report',
    ...fields,
  })
const redevelopmentImport = (name: string, bytes: Buffer, mode = 'all') =>
  upload(`/api/redevelopment/import?mode=${mode}`, 'environment', [{ field: 'file', name, bytes }])
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n')

const DOCUMENT_CASES: Case[] = [
  { name: 'a text file named .pdf', build: () => documentUpload('报告.pdf', Buffer.from('不是 PDF')) },
  { name: 'an executable named .exe', build: () => documentUpload('报告.exe', Buffer.from('MZ\x90\x00')) },
  { name: 'a file with no extension', build: () => documentUpload('报告', PDF) },
  { name: 'an empty file', build: () => documentUpload('报告.pdf', Buffer.alloc(0)) },
  {
    name: 'a zip bomb named .docx',
    build: async () =>
      documentUpload('报告.docx', await zipOf({ 'word/document.xml': Buffer.alloc(64 * 1024 * 1024, 0x30) })),
  },
  { name: 'an SQL fragment as ownerId', build: () => documentUpload('报告.pdf', PDF, { ownerId: SQL }) },
  { name: 'an unknown owner', build: () => documentUpload('报告.pdf', PDF, { owner: 'parcel' }) },
  { name: 'a kind of another record', build: () => documentUpload('报告.pdf', PDF, { kind: 'enterprise_file' }) },
  { name: 'an unknown kind', build: () => documentUpload('报告.pdf', PDF, { kind: SQL }) },
  { name: 'a plot that does not exist', build: () => documentUpload('报告.pdf', PDF, { ownerId: '99999999999' }) },
  { name: 'a title of NUL characters', build: () => documentUpload('报告.pdf', PDF, { title: '坏\u0000输入' }) },
  {
    name: 'the file in another field',
    build: () =>
      upload('/api/documents', 'environment', [{ field: 'upload', name: 'a.pdf', bytes: PDF }], {
        owner: 'plot',
        ownerId: String(fx.plotListed),
        kind: 'investigation_report',
      }),
  },
  {
    name: 'no file',
    build: () =>
      upload('/api/documents', 'environment', [], {
        owner: 'plot',
        ownerId: String(fx.plotListed),
        kind: 'investigation_report',
      }),
  },
  {
    name: 'a JSON body instead of a form',
    build: () => ({ caller: 'environment', method: 'POST', url: '/api/documents', json: { file: 'x' } }),
  },
  {
    name: 'by a farmland officer',
    build: () => ({ ...documentUpload('报告.pdf', PDF), caller: 'farmland' }),
    refusedAs: 403,
  },
  { name: 'a CSV for the redevelopment import', build: () => redevelopmentImport('a.csv', Buffer.from('地块编号\n')) },
  {
    name: 'a redevelopment sheet whose plot code is an SQL fragment',
    build: async () => {
      const wb = new ExcelJS.Workbook()
      const sheet = wb.addWorksheet('再开发利用')
      sheet.addRow(['地块编号', '规划用途代码', '开发利用日期', '是否达到目标'])
      sheet.addRow([SQL, 'B1', '2026-03-01', '是'])
      return redevelopmentImport('a.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), 'valid-only')
    },
  },
  {
    name: 'a zip bomb named .xlsx for the redevelopment import',
    build: async () =>
      redevelopmentImport('a.xlsx', await zipOf({ 'xl/worksheets/sheet1.xml': Buffer.alloc(64 * 1024 * 1024, 0x30) })),
  },
  {
    name: 'a redevelopment spreadsheet of 400,000 rows',
    build: async () => redevelopmentImport('a.xlsx', await xlsxWithRows(400_000, (r) => (r === 1 ? '地块编号' : 'X'))),
  },
]

const parseUpload = (name: string, bytes: Buffer | string, fields?: Record<string, string>): Req =>
  upload(
    '/api/precheck/parse-upload',
    'land',
    [{ field: 'file', name, bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8') }],
    fields,
  )
const featureOf = (geometry: unknown) =>
  toJsonText({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry }] })
const kmlOf = (coords: string, head = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>${head}<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>地块</name><Polygon><outerBoundaryIs><LinearRing><coordinates>${coords}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>`
const BILLION_LAUGHS =
  '<!DOCTYPE kml [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>'

const PRECHECK_UPLOAD_CASES: Case[] = [
  {
    name: 'a GeoJSON cut off in the middle',
    build: () =>
      parseUpload(
        '地块.geojson',
        '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[112.3',
      ),
  },
  {
    name: 'a GeoJSON with 1e400 coordinates',
    build: () =>
      parseUpload(
        '地块.geojson',
        featureOf({
          type: 'Polygon',
          coordinates: [
            [
              [raw('1e400'), 28],
              [112, raw('-1e400')],
              [112.1, 28.1],
              [raw('1e400'), 28],
            ],
          ],
        }),
      ),
  },
  {
    name: 'a GeoJSON with "NaN" and null coordinates',
    build: () =>
      parseUpload(
        '地块.geojson',
        featureOf({
          type: 'Polygon',
          coordinates: [
            [
              ['NaN', 28],
              [null, 28.1],
              [112.1, 'Infinity'],
              ['NaN', 28],
            ],
          ],
        }),
      ),
  },
  {
    name: 'a GeoJSON with 1e308 coordinates',
    build: () =>
      parseUpload(
        '地块.geojson',
        featureOf({
          type: 'Polygon',
          coordinates: [
            [
              [1e308, 1e308],
              [-1e308, 1e308],
              [-1e308, -1e308],
              [1e308, 1e308],
            ],
          ],
        }),
      ),
  },
  {
    name: 'a GeoJSON with an unclosed ring',
    build: () => parseUpload('地块.geojson', featureOf({ type: 'Polygon', coordinates: [SQUARE.slice(0, 4)] })),
  },
  {
    name: 'a GeoJSON of 100,000 vertices',
    build: () => parseUpload('地块.geojson', featureOf(hundredThousandVertices('Polygon'))),
  },
  {
    name: 'a GeoJSON of 10,000 nested arrays',
    build: () => parseUpload('地块.geojson', featureOf({ type: 'Polygon', coordinates: raw(NESTED_ARRAYS) })),
  },
  {
    name: 'a GeoJSON of only points',
    build: () => parseUpload('地块.geojson', featureOf({ type: 'Point', coordinates: ANCHOR })),
  },
  {
    name: 'a GeoJSON with a NUL byte and U+FFFE in a property',
    build: () =>
      parseUpload(
        '地块.geojson',
        toJsonText({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { name: '地\u0000块\uFFFE' },
              geometry: { type: 'Polygon', coordinates: [[SQUARE[0], SQUARE[1], SQUARE[0]]] },
            },
          ],
        }),
      ),
  },
  { name: 'a JSON array named .geojson', build: () => parseUpload('地块.geojson', '[1, 2, 3]') },
  { name: 'an SQL fragment named .geojson', build: () => parseUpload('地块.geojson', SQL) },
  {
    name: 'binary noise named .geojson',
    build: () =>
      parseUpload('地块.geojson', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))),
  },
  { name: 'a KML that is not XML', build: () => parseUpload('地块.kml', '<kml><Document><Placemark>') },
  { name: 'a KML with letters as coordinates', build: () => parseUpload('地块.kml', kmlOf('a,b,0 c,d,0 e,f,0 a,b,0')) },
  {
    name: 'a KML with 1e400 coordinates',
    build: () => parseUpload('地块.kml', kmlOf('1e400,28,0 112,1e400,0 112.1,28.1,0 1e400,28,0')),
  },
  {
    name: 'a KML with an entity expansion (billion laughs, 100,000 copies)',
    build: () =>
      parseUpload(
        '地块.kml',
        kmlOf('112,28,0 112.1,28,0 112.1,28.1,0 112,28,0')
          .replace('<kml', `${BILLION_LAUGHS}<kml`)
          .replace('<name>地块</name>', '<name>&e;</name>'),
      ),
  },
  {
    name: 'a KML with an external entity (file:///etc/passwd)',
    isRefusedOtherwise: (a) => a.status === 200 && !/root:/.test(JSON.stringify(a.body)),
    build: () =>
      parseUpload(
        '地块.kml',
        kmlOf('112,28,0 112.1,28,0 112.1,28.1,0 112,28,0')
          .replace('<kml', '<!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]><kml')
          .replace('<name>地块</name>', '<name>&x;</name>'),
      ),
  },
  { name: 'a KMZ that is not a zip', build: () => parseUpload('地块.kmz', 'PK 这不是压缩包') },
  { name: 'a KMZ without doc.kml', build: async () => parseUpload('地块.kmz', await zipOf({ 'readme.txt': '无' })) },
  {
    name: 'a KMZ bomb (64 MB of zeros)',
    build: async () => parseUpload('地块.kmz', await zipOf({ 'doc.kml': Buffer.alloc(64 * 1024 * 1024, 0x30) })),
  },
  {
    name: 'a zipped Shapefile of noise',
    build: async () =>
      parseUpload(
        '地块.zip',
        await zipOf({ 'a.shp': Buffer.from('not a shapefile'), 'a.shx': Buffer.from('x'), 'a.dbf': Buffer.from('y') }),
      ),
  },
  {
    name: 'a zipped Shapefile with a truncated header',
    build: async () =>
      parseUpload(
        '地块.zip',
        await zipOf({
          'a.shp': Buffer.from([0, 0, 0x27, 0x0a, 0, 0, 0, 0]),
          'a.shx': Buffer.alloc(100),
          'a.dbf': Buffer.alloc(32),
        }),
      ),
  },
  {
    name: 'a zip with path traversal names',
    build: async () =>
      parseUpload(
        '地块.zip',
        await zipOf({
          '../../../../tmp/evil.shp': Buffer.alloc(100),
          '../../../../tmp/evil.shx': Buffer.alloc(100),
          '../../../../tmp/evil.dbf': Buffer.alloc(32),
        }),
      ),
  },
  {
    name: 'a zip bomb (64 MB of zeros as .shp)',
    build: async () =>
      parseUpload(
        '地块.zip',
        await zipOf({
          'a.shp': Buffer.alloc(64 * 1024 * 1024, 0),
          'a.shx': Buffer.alloc(100),
          'a.dbf': Buffer.alloc(32),
        }),
      ),
  },
  {
    name: 'a zip of 200 files',
    build: async () =>
      parseUpload(
        '地块.zip',
        await zipOf(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f${i}.txt`, 'x']))),
      ),
  },
  {
    name: 'a zip inside a zip',
    build: async () =>
      parseUpload('地块.zip', await zipOf({ 'inner.zip': await zipOf({ 'a.shp': Buffer.alloc(10) }) })),
  },
  {
    name: 'a DXF of noise',
    build: () => parseUpload('地块.dxf', '0\nSECTION\n2\nENTITIES\n0\nLWPOLYLINE\n90\nabc\n10\nNaN\n20\n1e400\n'),
  },
  {
    name: 'a DXF polyline of 100,000 vertices',
    build: () =>
      parseUpload(
        '地块.dxf',
        `0\nSECTION\n2\nENTITIES\n0\nLWPOLYLINE\n8\nDK\n90\n100000\n70\n1\n${Array.from({ length: 100_000 }, (_, i) => `10\n${(112 + i / 1e5).toFixed(5)}\n20\n${i % 2 ? '28.1' : '28.2'}\n`).join('')}0\nENDSEC\n0\nEOF\n`,
      ),
  },
  {
    name: 'a KML ring of 100,000 vertices',
    build: () =>
      parseUpload(
        '地块.kml',
        kmlOf(
          Array.from({ length: 100_000 }, (_, i) => `${(112 + i / 1e5).toFixed(5)},${i % 2 ? '28.1' : '28.2'},0`).join(
            ' ',
          ) + ' 112.00000,28.2,0',
        ),
      ),
  },
  {
    name: 'a DXF with no closed polyline',
    build: () =>
      parseUpload(
        '地块.dxf',
        '0\nSECTION\n2\nENTITIES\n0\nLINE\n8\n0\n10\n0\n20\n0\n11\n1\n21\n1\n0\nENDSEC\n0\nEOF\n',
      ),
  },
  { name: 'a GeoPackage of text', build: () => parseUpload('地块.gpkg', '这不是 GeoPackage') },
  {
    name: 'a GeoPackage with an SQLite header and noise',
    build: () => parseUpload('地块.gpkg', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0xab)])),
  },
  { name: 'a .shp alone', build: () => parseUpload('地块.shp', Buffer.alloc(100)) },
  { name: 'an unsupported extension', build: () => parseUpload('地块.docx', 'x') },
  { name: 'a file with no extension', build: () => parseUpload('地块', 'x') },
  { name: 'an empty file', build: () => parseUpload('地块.geojson', Buffer.alloc(0)) },
  {
    name: 'a central meridian that is an SQL fragment',
    build: () =>
      parseUpload('地块.geojson', featureOf({ type: 'Polygon', coordinates: [SQUARE] }), { centralMeridian: SQL }),
  },
  {
    name: 'a central meridian of 1e308',
    build: () =>
      parseUpload('地块.geojson', featureOf({ type: 'Polygon', coordinates: [SQUARE] }), { centralMeridian: '1e308' }),
  },
  { name: 'a file over 10 MB', build: () => parseUpload('地块.geojson', Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)) },
  {
    name: 'no file',
    build: () => ({
      caller: 'land',
      method: 'POST',
      url: '/api/precheck/parse-upload',
      form: { fields: { centralMeridian: '111' } },
    }),
  },
  {
    // environment officers upload the site of a 选址核查; farmland officers run neither check
    name: 'the upload by a farmland officer',
    refusedAs: 403,
    build: () => ({
      ...parseUpload('地块.geojson', featureOf({ type: 'Polygon', coordinates: [SQUARE] })),
      caller: 'farmland',
    }),
  },
]

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
const reportForm = (fields: Record<string, string>, photo?: FileUpload): Req => ({
  caller: 'anonymous',
  method: 'POST',
  url: '/api/public/reports',
  form: {
    fields: {
      lon: String(fx.spots[18][0]),
      lat: String(fx.spots[18][1]),
      description: '坏输入测试：河边有刺鼻气味的废水排放',
      ...fields,
    },
    files: photo ? [photo] : [],
  },
})
const REPORT_CASES: Case[] = [
  {
    name: 'a text file sent as image/jpeg named .jpg',
    build: () =>
      reportForm(
        {},
        { field: 'photo', name: '现场.jpg', bytes: Buffer.from('这不是照片，只是文字'), contentType: 'image/jpeg' },
      ),
  },
  {
    name: 'an HTML page named .png',
    build: () =>
      reportForm(
        {},
        {
          field: 'photo',
          name: '现场.png',
          bytes: Buffer.from('<html><script>alert(1)</script></html>'),
          contentType: 'image/png',
        },
      ),
  },
  {
    name: 'an SVG with a script',
    build: () =>
      reportForm(
        {},
        {
          field: 'photo',
          name: '现场.svg',
          bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
          contentType: 'image/svg+xml',
        },
      ),
  },
  {
    name: 'a JPEG start marker followed by noise, under a PNG name',
    build: () =>
      reportForm(
        { lon: 'NaN' },
        {
          field: 'photo',
          name: '现场.png',
          bytes: Buffer.from([0xff, 0xd8, 0xff, 0x00, 1, 2, 3]),
          contentType: 'image/png',
        },
      ),
  },
  {
    name: 'a photo over 5 MB',
    build: () =>
      reportForm(
        {},
        {
          field: 'photo',
          name: '现场.png',
          bytes: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]),
          contentType: 'image/png',
        },
      ),
  },
  {
    name: 'two photos',
    build: () => ({
      ...reportForm({}),
      form: {
        ...reportForm({}).form,
        files: [
          { field: 'photo', name: 'a.png', bytes: PNG },
          { field: 'photo', name: 'b.png', bytes: PNG },
        ],
      },
    }),
  },
  { name: 'a longitude of "NaN"', build: () => reportForm({ lon: 'NaN' }) },
  { name: 'a longitude of "Infinity"', build: () => reportForm({ lon: 'Infinity' }) },
  { name: 'a latitude of 1e308', build: () => reportForm({ lat: '1e308' }) },
  { name: 'a latitude of 91', build: () => reportForm({ lat: '91' }) },
  { name: 'a longitude that is an SQL fragment', build: () => reportForm({ lon: SQL }) },
  { name: 'a place in the sea (0°, 0°)', build: () => reportForm({ lon: '0', lat: '0' }) },
  {
    name: 'a description with a NUL character',
    build: () => reportForm({ description: '坏输入测试：河边有刺鼻气味\u0000的废水排放' }),
  },
  {
    name: 'a description with U+0001',
    build: () => reportForm({ description: '坏输入测试：河边有刺鼻气味\u0001的废水排放' }),
  },
  {
    name: 'a description with U+FFFE',
    build: () => reportForm({ description: '坏输入测试：河边有刺鼻气味\uFFFE的废水排放' }),
  },
  { name: 'a description of 3 characters', build: () => reportForm({ description: '有臭味' }) },
  { name: 'a description over the limit', build: () => reportForm({ description: '污'.repeat(2001) }) },
  {
    name: 'a description over the field size limit (40 KB)',
    build: () => reportForm({ description: '污'.repeat(14_000) }),
  },
  { name: 'a contact of 101 characters', build: () => reportForm({ contact: '1'.repeat(101) }) },
  {
    name: 'no description',
    build: () => ({
      caller: 'anonymous',
      method: 'POST',
      url: '/api/public/reports',
      form: { fields: { lon: String(fx.spots[18][0]), lat: String(fx.spots[18][1]) } },
    }),
  },
  {
    name: 'a JSON body with numbers for the place',
    build: () => ({
      caller: 'anonymous',
      method: 'POST',
      url: '/api/public/reports',
      json: { lon: 1e308, lat: raw('1e400'), description: ['坏输入'] },
    }),
  },
  {
    name: '20 extra fields',
    build: () => reportForm(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`extra${i}`, 'x']))),
  },
  { name: 'a report without a CSRF token', refusedAs: 403, build: () => ({ ...reportForm({}), noCsrf: true }) },
]

const TILE_CASES: Case[] = [
  ...[
    '/tiles/../../etc/passwd',
    '/tiles/%2e%2e/%2e%2e/etc/passwd',
    '/tiles/..%2f..%2fetc%2fpasswd',
    '/tiles/county/../../../etc/passwd.pbf',
    '/tiles/parcels/99/1/1.pbf',
    '/tiles/parcels/-1/0/0.pbf',
    '/tiles/county/-1/0/0.pbf',
    '/tiles/county/99/1/1.pbf',
    '/tiles/county/%2e%2e/0/0.pbf',
    '/tiles/county/25/0/0.pbf',
    '/tiles/county/24/16777216/0.pbf',
    '/tiles/county/99999999999/0/0.pbf',
    '/tiles/county/1e3/0/0.pbf',
    '/tiles/county/0x1/0/0.pbf',
    '/tiles/county/1.5/0/0.pbf',
    '/tiles/county/0/0/0%00.pbf',
    '/tiles/%00.json',
    '/tiles/county%00.json',
    `/tiles/${encodeURIComponent(SQL)}/0/0/0.pbf`,
    `/tiles/county/${'9'.repeat(400)}/0/0.pbf`,
    '/tiles/county/5/%E4%B8/0.pbf',
    '/tiles/__proto__.json',
    '/tiles/constructor/0/0/0.pbf',
  ].map((url): Case => ({
    name: `GET ${url}`,
    build: () => ({ caller: 'anonymous', method: 'GET', url, rawPath: true }),
  })),
  ...[
    '/tiles/parcel/99/1/1.pbf',
    '/tiles/parcel/15/-1/0.pbf',
    '/tiles/parcel/15/32768/0.pbf',
    '/tiles/parcel/4294967296/0/0.pbf',
    '/tiles/parcel/15/1e4/1.pbf',
  ].map((url): Case => ({ name: `GET ${url} signed in`, build: () => ({ caller: 'farmland', method: 'GET', url }) })),
  {
    name: 'GET an internal tile anonymously',
    refusedAs: 401,
    build: () => ({
      caller: 'anonymous',
      method: 'GET',
      url: `/tiles/parcel/${fx.parcelTile.z}/${fx.parcelTile.x}/${fx.parcelTile.y}.pbf`,
    }),
  },
]

/** Read routes with a malformed path part or query (any staff role may read; the farmland officer asks). */
const READ_CASES: Case[] = [
  '/api/search?q=',
  `/api/search?q=${'检'.repeat(51)}`,
  '/api/search?q=a&q=b',
  '/api/search?q[$ne]=1',
  `/api/features/${encodeURIComponent(SQL)}/1`,
  '/api/features/parcel/99999999999999999999',
  '/api/features/__proto__/1',
  '/api/features/no-such-layer/1',
  '/api/parcels?bbox=NaN,NaN,NaN,NaN',
  '/api/parcels?bbox=1e400,0,1,1',
  '/api/parcels?bbox=112,28,113',
  `/api/parcels?bbox=${encodeURIComponent(SQL)}`,
  '/api/parcels',
  '/api/parcels/-1',
  '/api/parcels/1e3/history',
  '/api/parcels/999999999999999',
  '/api/parcels/deleted?adcode=43090',
  '/api/plots/%00',
  '/api/plots?status=not-a-status',
  `/api/plots?adcode=${encodeURIComponent(SQL)}`,
  '/api/plots?list=__proto__',
  '/api/history/parcel/1',
  '/api/history/plot/-1',
  '/api/reviews?status=nope',
  '/api/class-lists/1/changes?limit=1e400',
  '/api/class-lists/1/changes?limit=-1',
  '/api/class-lists/1/changes?offset=abc',
  '/api/class-lists/1/changes?limit=100000',
  '/api/classification/jobs?adcode=4309030',
  '/api/statistics/farmland?adcode=%E4%B8',
  '/api/control-zones?adcode=x',
  '/api/enterprises?status=bankrupt',
  '/api/plot-proposals?status=pending,nope',
  '/api/registry-lists/nope/430903/versions',
  '/api/registry-lists/suspected/430903/versions/1e3',
  '/api/registry-lists/suspected/430903/versions/9999999999',
  '/api/monitoring/points?level=galactic',
  '/api/monitoring/points/1.5',
  `/api/monitoring/points?q=${'点'.repeat(101)}`,
  '/api/coverage/townships',
  '/api/coverage/uncovered?adcode=999999',
  `/api/coverage/points?adcode=${encodeURIComponent(SQL)}`,
  '/api/indicators/farmland?year=99999',
  '/api/indicators/farmland/rows?adcode=430903&year=2025&term=Z',
  '/api/indicators/plots/rows?adcode=430903&year=20xx&term=total',
  '/api/indicators/black-soil',
  '/api/indicators/export.csv?year=-1',
  '/api/reports?status=deleted',
  '/api/reports/abc/photo',
  '/api/class-lists/-1/export.csv',
  '/api/class-lists/1.5/export.gpkg',
  '/api/monitoring/import-template.exe',
]
  .map((url): Case => ({
    name: `GET ${url}`,
    build: () => ({
      caller: url.startsWith('/api/reports') ? 'environment' : url.startsWith('/api/precheck') ? 'land' : 'farmland',
      method: 'GET',
      url,
    }),
  }))
  .concat(
    [
      '/api/precheck?from=2024-13-01',
      '/api/precheck?from=2025-01-02&to=2025-01-01',
      '/api/precheck?verdict=maybe',
      '/api/precheck/-1/report.pdf',
      '/api/precheck/1e3/features',
    ].map((url): Case => ({ name: `GET ${url}`, build: () => ({ caller: 'land', method: 'GET', url }) })),
    [
      `/api/public/registry-lists/${encodeURIComponent(SQL)}/430903/feed.json`,
      '/api/public/registry-lists/suspected/4309/feed.json',
      `/api/public/search?q=${'检'.repeat(101)}`,
      '/api/public/plots?adcode=%00',
      '/api/public/control-zones?adcode=x',
    ].map((url): Case => ({ name: `GET ${url} (public)`, build: () => ({ caller: 'anonymous', method: 'GET', url }) })),
  )

// ---------------------------------------------------------------------------------------------------------------
// Sending and recording.

interface Answer {
  status: number
  body: any
  ms: number
}
/** The summary the closing note reads, and the server's log of any 5xx (to find its cause). */
const RESULTS_DIR = path.resolve(import.meta.dirname, '..', '..', 'test-results')
const record: { name: string; status: number; ms: number; message?: string; isRefusedAsResult?: boolean }[] = []

function rawGet(urlPath: string): Promise<{ status: number; body: any }> {
  const { port } = server.address() as AddressInfo
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method: 'GET' }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let body: unknown = text
        try {
          body = JSON.parse(text)
        } catch {
          /* not JSON: the assertion on body.error says so */
        }
        resolve({ status: res.statusCode ?? 0, body })
      })
    })
    req.on('error', reject)
    req.end()
  })
}

async function send(r: Req): Promise<Answer> {
  const started = performance.now()
  if (r.rawPath) {
    const res = await rawGet(r.url)
    return { ...res, ms: performance.now() - started }
  }
  const s = sessions[r.caller]
  let req =
    r.method === 'GET'
      ? s.agent.get(r.url)
      : r.method === 'POST'
        ? s.agent.post(r.url)
        : r.method === 'PATCH'
          ? s.agent.patch(r.url)
          : s.agent.delete(r.url)
  if (r.method !== 'GET' && !r.noCsrf) req = req.set('X-CSRF-Token', s.csrfToken)
  for (const [k, v] of Object.entries(r.headers ?? {})) req = req.set(k, v)
  if (r.form) {
    for (const [k, v] of Object.entries(r.form.fields ?? {})) req = req.field(k, v)
    for (const f of r.form.files ?? [])
      req = req.attach(f.field, f.bytes, { filename: f.name, contentType: f.contentType })
  } else if (r.text !== undefined) {
    req = req.set('Content-Type', r.contentType ?? 'application/json').send(r.text as string)
  } else if (r.json !== undefined) {
    req = req.set('Content-Type', 'application/json').send(toJsonText(r.json))
  }
  const res = await req.ok(() => true)
  return { status: res.status, body: res.body, ms: performance.now() - started }
}

async function expectRefused(c: Case, label: string): Promise<void> {
  const r = await c.build()
  const a = await send(r)
  record.push({
    name: label,
    status: a.status,
    ms: Math.round(a.ms),
    message: String(a.body?.error?.message ?? a.body?.problems?.[0]?.message ?? '').slice(0, 200),
  })
  const shown = JSON.stringify(a.body)?.slice(0, 300)
  if (c.isRefusedOtherwise?.(a)) {
    record[record.length - 1].isRefusedAsResult = true
    return
  }
  expect(a.status, shown).toBeGreaterThanOrEqual(400)
  expect(a.status, shown).toBeLessThan(500)
  expect(a.body?.error?.code, shown).toEqual(expect.any(String))
  expect(a.body.error.message, shown).toMatch(CJK)
  expect(a.body.error.message, shown).not.toMatch(LEAKED_INTERNALS)
  if (c.refusedAs) expect(a.status, shown).toBe(c.refusedAs)
  else if (r.caller !== 'anonymous')
    expect(
      ['UNAUTHENTICATED', 'FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED', 'CSRF'],
      `${shown}: the request did not reach the route's checks`,
    ).not.toContain(a.body.error.code)
}

/** One batch: the table rows before, the cases, the rows after. */
const registryImport = (kind: string, sheet: string, outlines?: FileUpload, mode = 'all') =>
  upload(`/api/registry-import/${kind}?mode=${mode}`, 'environment', [
    { field: 'file', name: '导入.csv', bytes: Buffer.from(`\uFEFF${sheet}\r\n`, 'utf8') },
    ...(outlines ? [outlines] : []),
  ])

const REGISTRY_IMPORT_CASES: Case[] = [
  {
    name: 'enterprises with an SQL fragment as credit code and 1e308 as longitude',
    build: () =>
      registryImport(
        'enterprises',
        `单位名称,统一社会信用代码,行业,状态,经度,纬度\r\n"${SQL}","${SQL}",化工,在产,1e308,NaN`,
      ),
  },
  {
    name: 'enterprises of 其他 with a 1 MB 行业说明',
    build: () =>
      registryImport(
        'enterprises',
        `单位名称,统一社会信用代码,行业,行业说明,状态,经度,纬度\r\n厂,91350100M000100Y43,其他,${'化'.repeat(350_000)},在产,112.35,28.57`,
      ),
  },
  {
    name: 'plots with a text file named .zip as outlines',
    build: () =>
      registryImport('plots', `地块编号,地块名称,名录,原行业\r\n430903-DK999999,测,疑似污染地块,化工`, {
        field: 'outlines',
        name: '边界.zip',
        bytes: Buffer.from('不是压缩包'),
      }),
  },
  {
    name: 'plots with a zip of noise as outlines',
    build: async () =>
      registryImport('plots', `地块编号,地块名称,名录,原行业\r\n430903-DK999999,测,疑似污染地块,化工`, {
        field: 'outlines',
        name: '边界.zip',
        bytes: await zipOf({ '边界.shp': Buffer.from('noise'), '边界.dbf': Buffer.from('noise') }),
      }),
  },
  {
    name: 'points with Infinity as X and EPSG:99999',
    build: () =>
      registryImport(
        'points',
        `点位编号,点位名称,级别,类型,X坐标,Y坐标,带号或EPSG\r\n430903-JC-X,点,县控,基础点位,Infinity,37500000,EPSG:99999`,
      ),
  },
  {
    name: 'points with a code of an SQL fragment and 1e308 coordinates',
    build: () =>
      registryImport('points', `点位编号,点位名称,级别,类型,经度,纬度\r\n"${SQL}",点,县控,基础点位,1e308,-1e308`),
  },
  {
    name: 'laboratory results with NaN, -1 and a unit of mg/L',
    build: () =>
      registryImport(
        'plot-results',
        `地块编号,样品编号,采样日期,污染物,检测值,单位\r\n430903-DK0001,S1,2024-02-30,镉,NaN,mg/kg\r\n430903-DK0001,S1,2024-05-01,镉,-1,mg/L`,
        undefined,
        'valid-only',
      ),
  },
  {
    name: 'an outline file sent with laboratory results',
    build: () =>
      registryImport(
        'plot-results',
        `地块编号,样品编号,采样日期,污染物,检测值,单位\r\n430903-DK0001,S1,2024-05-01,镉,1,mg/kg`,
        { field: 'outlines', name: '边界.geojson', bytes: Buffer.from('{}') },
      ),
  },
  { name: 'an unknown kind', build: () => registryImport('parcels', '地块编号\r\n1') },
  { name: 'an unknown mode', build: () => registryImport('points', '点位编号\r\n1', undefined, 'everything') },
]

function batch(title: string, cases: Case[]): void {
  describe(title, () => {
    let before: Record<string, string>
    beforeAll(async () => {
      before = await snapshot()
    })
    it.each(cases.map((c) => ({ ...c, label: `${title}: ${c.name}` })))(
      'when $name, then 4xx in Chinese',
      async (c) => {
        await expectRefused(c, c.label)
      },
    )
    it('then no table row or version changed', async () => {
      expect(await snapshot()).toEqual(before)
    })
  })
}

beforeAll(async () => {
  db = connectTestDatabase()
  const defaults = loadConfig({ port: 0 })
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  const logger = pino(
    { level: 'error' },
    pino.destination({ dest: path.join(RESULTS_DIR, 'bad-input-server-errors.log'), sync: true, append: false }),
  )
  app = createApp({
    db,
    logger,
    config: {
      ...defaults,
      reports: { ...defaults.reports, perWindow: 100_000 },
      auth: { ...defaults.auth, loginAttemptsPerMinute: 100_000 },
    },
  })
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  for (const caller of CALLERS) sessions[caller] = await signInAs(app, caller)
  await makeFixtures()
  const own = await createTestUser(db, { role: 'farmland', scopes: ['430903'] })
  sessions.ownAccount = await signIn(app, own.username, own.password)
})

afterAll(async () => {
  const worst = record.reduce((a, b) => (b.ms > a.ms ? b : a), { name: '', status: 0, ms: 0 })
  const summary = {
    mode: inject('databaseMode'),
    tried: record.length,
    status4xx: record.filter((r) => r.status >= 400 && r.status < 500).length,
    status5xx: record.filter((r) => r.status >= 500).length,
    /** 200 {ok: false} of the dry-run parcel check, and answers that did not leak a file through an XML entity. */
    refusedAsResult: record.filter((r) => r.isRefusedAsResult).length,
    accepted: record.filter((r) => r.status < 400 && !r.isRefusedAsResult).length,
    longestMs: worst.ms,
    longestRequest: worst.name,
  }
  console.log(
    `bad input (${summary.mode}): tried ${summary.tried}, 4xx ${summary.status4xx}, 5xx ${summary.status5xx}, refused as a result ${summary.refusedAsResult}, accepted ${summary.accepted}, longest ${summary.longestMs} ms (${summary.longestRequest})`,
  )
  fs.writeFileSync(
    path.join(RESULTS_DIR, 'bad-input-summary.json'),
    JSON.stringify({ ...summary, requests: record }, null, 1),
  )
  await removeFixtures()
  await new Promise((resolve) => server.close(resolve))
  await db.close()
})

for (const t of TARGETS) batch(`${t.method} ${t.route}`, casesOf(t))
batch('POST /api/monitoring/import (uploads)', IMPORT_CASES)
batch('POST /api/registry-import/:kind (uploads)', REGISTRY_IMPORT_CASES)
batch('POST /api/documents and /api/redevelopment/import (uploads)', DOCUMENT_CASES)
batch('POST /api/precheck/parse-upload (uploads)', PRECHECK_UPLOAD_CASES)
batch('POST /api/public/reports (form and photo)', REPORT_CASES)
batch('GET /tiles (path tricks)', TILE_CASES)
batch('GET /api (malformed reads)', READ_CASES)
