import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { DEFAULT_RULE_SET } from '../../server/src/domain/class-rules.ts'
import { PLOT_TRANSITIONS } from '../../server/src/domain/plot-lifecycle.ts'
import { rolesWith, type Capability } from '../../server/src/domain/rights.ts'
import { TILE_LAYERS } from '../../server/src/tiles/layers.ts'
import { buildRedevelopmentTemplate } from '../../server/src/services/redevelopment.service.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { signInAs, type Caller, type Session } from '../support/session.ts'
import { tileAt } from '../support/tiles.ts'
import { createTestUser, uniqueUsername } from '../support/users.ts'
import { squareRing, writeDltbShapefileZip } from '../support/dltb-fixture.ts'
import { pngOf } from '../support/png.ts'

/**
 * Who may call what. Every internal route of the app has a row here: a new route without a declared right fails
 * the last test of this file. Who is allowed comes from the rights table (server/src/domain/rights.ts), the
 * lifecycle and the review workflow; each row still makes the call over HTTP, so a route that stops checking
 * its right answers a refused caller with success and fails here. Each call is one that succeeds for an allowed
 * caller (valid body, a record of 赫山区, the scope of every sample account); calls that change state get a fresh
 * record per caller, so the order of the calls does not matter.
 */

const CALLERS: Caller[] = ['anonymous', 'farmland', 'environment', 'land', 'approver', 'admin']
type Expected = Record<Caller, number>

/** Any signed-in staff role. */
const STAFF: Expected = { anonymous: 401, farmland: 200, environment: 200, land: 200, approver: 200, admin: 200 }
/** Only the roles named, with the status of success. */
function only(roles: readonly Caller[], ok = 200): Expected {
  return Object.fromEntries(CALLERS.map((c) => [c, c === 'anonymous' ? 401 : roles.includes(c) ? ok : 403])) as Expected
}
/** Only the roles that hold `capability` in the rights table, with the status of success. */
function right(capability: Capability, ok = 200): Expected {
  return only(rolesWith(capability), ok)
}
/** Only the roles holding the capability that takes a step of a plot's lifecycle. */
function step(action: keyof typeof PLOT_TRANSITIONS, ok = 200): Expected {
  return right(PLOT_TRANSITIONS[action].by, ok)
}

interface Call {
  url: string
  body?: Record<string, unknown>
  /** A file sent as multipart form field `file` instead of a JSON body. */
  file?: { name: string; bytes: Buffer }
  /** Text fields sent with the file. */
  fields?: Record<string, string>
}
interface Row {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** The Express route path, as in the router. */
  route: string
  /** What the row checks, for the test name. */
  what: string
  call: () => Promise<Call>
  expected: Expected
}

let db: Database
let app: ReturnType<typeof createTestApp>
const sessions = {} as Record<Caller, Session>
const startedAt = new Date()
let sample: { parcelId: number; plotId: number; tile: { z: number; x: number; y: number } }

let made = 0
/** A data sharing key of 赫山区 stored as the service stores one (its hash only). */
async function freshOgcKey(): Promise<number> {
  made++
  const {
    rows: [r],
  } = await db.query(
    `INSERT INTO ogc_access_key (key_hash, key_prefix, holder, holder_kind, collections, adcodes, expires_at, created_by)
     VALUES ($1, 'sk_test', '权限测试', 'system', '{farmland-parcels}', '{430903}', now() + interval '1 day', 'admin')
     RETURNING id`,
    [`${process.pid.toString(36)}${Date.now().toString(36)}${made}`.padEnd(43, 'x').slice(0, 43)],
  )
  return Number(r.id)
}
let targetYears = 0
async function freshPlot(reviewStatus: string): Promise<number> {
  made++
  const code = `QX-T${process.pid.toString(36)}${Date.now().toString(36)}${made}`.toUpperCase()
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO contaminated_plot (adcode, code, name, status, geom, review_status)
    SELECT '430903', $1, '权限测试地块 ' || $1, 'suspected', ST_Multi(ST_MakeEnvelope(ST_X(c) - 0.0003, ST_Y(c) - 0.0003, ST_X(c) + 0.0003, ST_Y(c) + 0.0003, 4490)), $2
    FROM (SELECT ST_PointOnSurface(geom) AS c FROM farmland_parcel WHERE adcode = '430903' ORDER BY id LIMIT 1) p
    RETURNING id`,
    [code, reviewStatus],
  )
  return Number(r.id)
}

async function freshZone(reviewStatus: string): Promise<number> {
  made++
  const code = `QX-GK-T${process.pid.toString(36)}${Date.now().toString(36)}${made}`.toUpperCase()
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO control_zone (adcode, code, name, review_status, geom)
    SELECT '430903', $1, '权限测试管控区 ' || $1, $2, ST_Multi(ST_MakeEnvelope(ST_X(c) - 0.001, ST_Y(c) - 0.001, ST_X(c) + 0.001, ST_Y(c) + 0.001, 4490))
    FROM (SELECT ST_PointOnSurface(geom) AS c FROM farmland_parcel WHERE adcode = '430903' ORDER BY id LIMIT 1) p
    RETURNING id`,
    [code, reviewStatus],
  )
  return Number(r.id)
}

/** A plot of ours moved to a lifecycle state, with one measured pollutant and one added negative use. */
async function freshPlotIn(status: string): Promise<{ id: number; pollutantId: number }> {
  const id = await freshPlot('draft')
  await db.query(`UPDATE contaminated_plot SET status = $2 WHERE id = $1`, [id, status])
  const {
    rows: [p],
  } = await db.query(
    `
    INSERT INTO plot_pollutant (adcode, plot_id, substance, value_mg_kg, sampled_on, created_by) VALUES ('430903', $1, 'Pb', 520, DATE '2026-01-10', 'huanjing') RETURNING id`,
    [id],
  )
  await db.query(
    `INSERT INTO plot_negative_use (adcode, plot_id, use_code, basis, reason, created_by) VALUES ('430903', $1, 'B', '生态环境主管部门增列', '权限测试', 'huanjing')`,
    [id],
  )
  return { id, pollutantId: Number(p.id) }
}

/** A stored document of a fresh plot of 赫山区, at version 1. */
async function freshDocument(): Promise<number> {
  const plotId = await freshPlot('draft')
  const {
    rows: [d],
  } = await db.query(
    `INSERT INTO stored_document (adcode, owner_kind, owner_id, kind, title, file_name, media_type, size_bytes, sha256, store, uploaded_by, updated_by)
     VALUES ('430903', 'plot', $1, 'investigation_report', '权限测试报告', 'r.pdf', 'application/pdf', 3, repeat('a', 64), 'database', 'huanjing', 'huanjing')
     RETURNING id`,
    [plotId],
  )
  await db.query(`INSERT INTO stored_document_content (adcode, document_id, bytes) VALUES ('430903', $1, 'abc')`, [
    d.id,
  ])
  return Number(d.id)
}

let strictParcelId = 0
/** A 严格管控类 parcel of 赫山区 of this file (made once). */
async function strictParcel(): Promise<number> {
  if (strictParcelId) return strictParcelId
  const {
    rows: [p],
  } = await db.query(
    `INSERT INTO farmland_parcel (adcode, code, dlbm, class, geom)
     VALUES ('430903', '430903-QXJZ${process.pid}', '0101', 'strict', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)))
     RETURNING id`,
    [JSON.stringify(squareAt(await parcelSpot()))],
  )
  strictParcelId = Number(p.id)
  return strictParcelId
}

/** A draft 特定农产品禁止生产区域 of 赫山区 over one strict parcel (a fresh one per call: edits change it). */
async function freshBanZone(): Promise<number> {
  const parcelId = await strictParcel()
  const {
    rows: [z],
  } = await db.query(
    `INSERT INTO ban_zone (adcode, code, name, geom, created_by)
     SELECT '430903', 'JZ430903-Q' || nextval('ban_zone_id_seq'), '权限测试禁止生产区域', geom, 'gengdi'
     FROM farmland_parcel WHERE id = $1
     RETURNING id`,
    [parcelId],
  )
  await db.query(`INSERT INTO ban_zone_parcel (adcode, zone_id, parcel_id) VALUES ('430903', $1, $2)`, [z.id, parcelId])
  return Number(z.id)
}

/** A draft control zone of 赫山区 with an outline only (a fresh one per call: edits change it). */
async function freshDraftZone(): Promise<number> {
  return freshZone('draft')
}

let creditCodes = 0
/** A credit code no enterprise has (18 characters of the GB 32100 alphabet). */
function freshCreditCode(): string {
  creditCodes++
  return (
    `91430903QX${(process.pid % 1000).toString().padStart(3, '0')}${(Date.now() % 100000).toString().padStart(5, '0')}`.slice(
      0,
      13,
    ) + String(creditCodes).padStart(5, '0')
  )
}

/** An operating enterprise of 赫山区 of our own, straight in the database. */
async function freshEnterprise(): Promise<number> {
  const {
    rows: [e],
  } = await db.query(
    `
    INSERT INTO supervised_enterprise (adcode, credit_code, name, industry, status, geom)
    VALUES ('430903', $1, '权限测试化工有限公司', 'chemical', 'operating', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490))) RETURNING id`,
    [freshCreditCode(), JSON.stringify(squareAt(await parcelSpot()))],
  )
  return Number(e.id)
}

/** A pending suspected-plot proposal of a closed enterprise of ours. */
async function freshProposal(): Promise<number> {
  const enterpriseId = await freshEnterprise()
  await db.query(`UPDATE supervised_enterprise SET status = 'closed' WHERE id = $1`, [enterpriseId])
  const {
    rows: [p],
  } = await db.query(
    `
    INSERT INTO plot_proposal (adcode, enterprise_id, enterprise_status, geom, created_by)
    SELECT adcode, id, status, geom, 'huanjing' FROM supervised_enterprise WHERE id = $1 RETURNING id`,
    [enterpriseId],
  )
  return Number(p.id)
}

/** A published suspected plot of 赫山区, so the next version of its 疑似污染地块名单 has something new. */
async function freshPublishedSuspectedPlot(): Promise<void> {
  const id = await freshPlot('published')
  await db.query(
    `INSERT INTO published_plot (adcode, id, version, code, name, status, geom)
    SELECT adcode, id, 1, code, name, status, geom FROM contaminated_plot WHERE id = $1`,
    [id],
  )
}

/** The last published version of 赫山区's 疑似污染地块名单 (one is written when there is none). */
async function suspectedListVersion(): Promise<number> {
  const {
    rows: [v],
  } = await db.query(
    `SELECT max(version) AS v FROM registry_list_version WHERE list_code = 'suspected' AND jurisdiction = '430903'`,
  )
  if (v.v !== null) return Number(v.v)
  await db.query(`INSERT INTO registry_list_version (list_code, jurisdiction, version, published_by, entries, announcement)
    VALUES ('suspected', '430903', 1, 'huanjing', '[]', '{"previousVersion":0,"added":[],"kept":[],"removed":[],"counts":{"added":0,"kept":0,"removed":0,"total":0}}')`)
  return 1
}

/** A report of 赫山区 with a (PNG-signed) photo, not yet handled. */
async function freshReport(): Promise<number> {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO public_report (adcode, description, contact, photo, photo_type, geom, client_hash)
    SELECT '430903', '权限测试：河边有刺鼻气味的废水排放', '13900000000', $1, 'image/png', ST_PointOnSurface(geom), 'rights-matrix'
    FROM farmland_parcel WHERE adcode = '430903' ORDER BY id LIMIT 1
    RETURNING id`,
    [png],
  )
  return Number(r.id)
}

let ledgerYears = 0
/** A year of 赫山区's safe-use ledger no other call uses (2040 on), optionally with a row of the sample parcel. */
async function freshLedgerYear(withRow: boolean): Promise<{ year: number; rowId: number | null }> {
  const year = 2040 + ledgerYears++
  if (!withRow) return { year, rowId: null }
  const {
    rows: [r],
  } = await db.query(
    `INSERT INTO safe_use_account (adcode, year, parcel_id, parcel_code, township_code, dlbm, pollution_degree,
                                   degree_reason, area_m2, created_by)
     SELECT adcode, $1, id, code, township_code, dlbm, 'severe', '权限测试', area_m2, 'rights-matrix'
     FROM farmland_parcel WHERE id = $2 RETURNING id`,
    [year, sample.parcelId],
  )
  return { year, rowId: Number(r.id) }
}

/** A filled safe-use ledger template naming the sample parcel. */
async function ledgerXlsx(): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const {
    rows: [p],
  } = await db.query(`SELECT code FROM farmland_parcel WHERE id = $1`, [sample.parcelId])
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('安全利用台账')
  sheet.addRow(['图斑编号', '污染程度', '污染程度调整理由', '措施'])
  sheet.addRow([p.code, '重度', '权限测试', '休耕'])
  return Buffer.from(await book.xlsx.writeBuffer())
}

const EXPORT_RULE_SET = `rights-matrix-${process.pid}`
let exportListId: number | undefined
/** A finished class list of 赫山区 with two entries, made once (exports only read it). */
async function exportList(): Promise<number> {
  if (exportListId !== undefined) return exportListId
  await db.query(
    `INSERT INTO class_rule_set (version, name, rules) VALUES ($1, '权限测试规则', '{}') ON CONFLICT DO NOTHING`,
    [EXPORT_RULE_SET],
  )
  const {
    rows: [l],
  } = await db.query(
    `
    INSERT INTO class_list (adcode, title, rule_set_version, is_complete, parcel_count, created_by)
    VALUES ('430903', '权限测试清单', $1, true, 2, 'gengdi') RETURNING id`,
    [EXPORT_RULE_SET],
  )
  await db.query(
    `
    INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, soil_grade, sample_count, basis)
    SELECT '430903', $1, id, 'priority', 'samples', 'A', 1, '{"summary": "权限测试"}'
    FROM farmland_parcel WHERE adcode = '430903' ORDER BY id LIMIT 2`,
    [l.id],
  )
  exportListId = Number(l.id)
  return exportListId
}

let packageListId: number | undefined

/** A published class list of 赫山区 with one entry, so that an upload package can be made (removed with the export list). */
async function publishedPackageList(): Promise<number> {
  if (packageListId !== undefined) return packageListId
  await exportList()
  const {
    rows: [l],
  } = await db.query(
    `INSERT INTO class_list (adcode, title, rule_set_version, review_status, is_complete, parcel_count, created_by,
       published_version, published_at)
     VALUES ('430903', '权限测试上报清单', $1, 'published', true, 1, 'gengdi', 1, now()) RETURNING id`,
    [EXPORT_RULE_SET],
  )
  await db.query(
    `INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, soil_grade, sample_count, basis)
     SELECT '430903', $1, id, 'priority', 'samples', 'A', 1, '{"summary": "权限测试"}'
     FROM farmland_parcel WHERE adcode = '430903' ORDER BY id LIMIT 1`,
    [l.id],
  )
  packageListId = Number(l.id)
  return packageListId
}

/** A complete draft class list of 赫山区 with one entry (a fresh one per call: overrides and submits change it). */
async function freshClassList(): Promise<{ listId: number; parcelId: number }> {
  await exportList()
  const {
    rows: [l],
  } = await db.query(
    `
    INSERT INTO class_list (adcode, title, rule_set_version, is_complete, parcel_count, created_by)
    VALUES ('430903', '权限测试草稿清单', $1, true, 1, 'gengdi') RETURNING id`,
    [EXPORT_RULE_SET],
  )
  await db.query(
    `
    INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, soil_grade, sample_count, basis)
    VALUES ('430903', $1, $2, 'priority', 'samples', 'A', 1, '{"summary": "权限测试"}')`,
    [l.id, sample.parcelId],
  )
  return { listId: Number(l.id), parcelId: sample.parcelId }
}

/**
 * Waits until 赫山区 has no queued or running classification job (one per county at a time); queued jobs this
 * file made for callers that were refused are ended first.
 */
async function awaitNoActiveJob(): Promise<void> {
  await db.query(
    `UPDATE classification_job j SET status = 'cancelled', finished_at = now() FROM class_list l
    WHERE l.adcode = j.adcode AND l.id = j.list_id AND l.rule_set_version = $1 AND j.status = 'queued'`,
    [EXPORT_RULE_SET],
  )
  for (let i = 0; i < 600; i++) {
    const { rows } = await db.query(
      `SELECT 1 FROM classification_job WHERE adcode = '430903' AND status IN ('queued', 'running')`,
    )
    if (!rows.length) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('赫山区的分类任务 60 秒内未结束')
}

/** A classification job of 赫山区 in `status`, with no runner behind it (a queued one is cancelled at once). */
async function freshJob(status: 'queued' | 'done'): Promise<number> {
  if (status === 'queued') await awaitNoActiveJob()
  const { listId } = await freshClassList()
  const {
    rows: [j],
  } = await db.query(
    `
    INSERT INTO classification_job (adcode, list_id, status, total, done, started_by) VALUES ('430903', $1, $2, 1, 0, 'gengdi') RETURNING id`,
    [listId, status],
  )
  return Number(j.id)
}

/** A farmland-free spot of 赫山区 per call (rectangles of 40 m drawn there never touch each other). */
function parcelSpot(): Promise<[number, number]> {
  return freeSpot(db, { spacing: 0.002 })
}

/** A closed square of about 40 m at a spot (GeoJSON Polygon). */
function squareAt([lon, lat]: [number, number], east = 0) {
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

/** A monitoring point of 赫山区 of ours (a fresh one per call: edits and results change it). */
async function freshMonitoringPoint(type: 'basic' | 'produce'): Promise<{ id: number; code: string }> {
  made++
  const code = `430903-QX${process.pid.toString(36)}${Date.now().toString(36)}${made}`.toUpperCase()
  const [lon, lat] = await parcelSpot()
  const {
    rows: [m],
  } = await db.query(
    `
    INSERT INTO monitoring_point (adcode, code, name, level, point_type, land_use, geom, created_by)
    VALUES ('430903', $1, '权限测试点位', 'county', $2, '0101', ST_SetSRID(ST_MakePoint($3, $4), 4490), 'test') RETURNING id`,
    [code, type, lon, lat],
  )
  return { id: Number(m.id), code }
}

/** A transfer of one crop result of a fresh 农产品产地 point as the import template's CSV. */
async function monitoringCsv(): Promise<Buffer> {
  const { code } = await freshMonitoringPoint('produce')
  return Buffer.from(`\uFEFF点位编号,采样日期,介质,作物,镉\r\n${code},2024-09-01,农产品,稻谷,0.1\r\n`, 'utf8')
}

/** A one-row sheet of a bulk registry import (a dry run reports its rows and writes nothing). */
function registryImportCsv(kind: 'enterprises' | 'plots' | 'points' | 'plot-results'): Buffer {
  const sheets = {
    enterprises: '单位名称,统一社会信用代码,行业,状态,经度,纬度\r\n测试厂,91350100M000100Y43,化工,在产,112.35,28.57',
    plots: '地块编号,地块名称,名录,原行业\r\n430903-DK999999,测试,疑似污染地块,化工',
    points: '点位编号,点位名称,级别,类型,经度,纬度\r\n430903-JC-RIGHTS,测试,县控,基础点位,112.35,28.57',
    'plot-results': '地块编号,样品编号,采样日期,污染物,检测值,单位\r\n430903-DK999999,S1,2024-05-01,镉,1,mg/kg',
  }
  return Buffer.from(`\uFEFF${sheets[kind]}\r\n`, 'utf8')
}

/** A recorded land-supply check of 赫山区 over a free spot (numbered in year 2001, apart from real numbers). */
/** A checked 三调 import of 赫山区 with no features (a row as the dry run leaves it). */
async function freshLandImport(): Promise<number> {
  const { rows } = await db.query(
    `INSERT INTO land_import (adcode, kind, file_name, file_format, layer_name, crs_reason, crs_epsg, field_map,
       farmland_codes, settings, status, created_by)
     VALUES ('430903', 'dltb', 'DLTB.zip', 'shapefile', 'DLTB', '按 .prj', 4525, '{}', '{0101}', '{}', 'checked', 'test')
     RETURNING id`,
  )
  return Number(rows[0].id)
}

/** A one-feature DLTB layer of 赫山区 (EPSG:4525), zipped as a 三调 export. */
async function dltbZip(): Promise<Buffer> {
  const feature = { properties: { BSM: '1', DLBM: '0101', TBMJ: 2500 }, rings: [squareRing(37_630_000, 3_157_000, 50)] }
  return Buffer.from(await writeDltbShapefileZip([feature], { epsg: 4525 }))
}

async function freshPrecheck(): Promise<number> {
  const {
    rows: [r],
  } = await db.query(
    `
    WITH n AS (INSERT INTO precheck_counter AS c (adcode, year, last) VALUES ('430903', 2001, 1)
               ON CONFLICT (adcode, year) DO UPDATE SET last = c.last + 1 RETURNING year, last)
    INSERT INTO precheck (adcode, year, seq, number, planned_use, land_class, verdict, reasons, data_version, geom, checked_by, checked_by_name)
    SELECT '430903', n.year, n.last, '准入核查〔2001〕' || lpad(n.last::text, 4, '0') || '号', 'M1', 'second', 'allowed', '[]', '{"features": {}}',
           ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)), 'ziyuan', '权限测试'
    FROM n RETURNING id`,
    [JSON.stringify(squareAt(await parcelSpot()))],
  )
  return Number(r.id)
}

async function freshSitingCheck(): Promise<number> {
  const {
    rows: [r],
  } = await db.query(
    `
    WITH n AS (INSERT INTO precheck_counter AS c (adcode, year, last) VALUES ('430903', 2001, 1)
               ON CONFLICT (adcode, year) DO UPDATE SET last = c.last + 1 RETURNING year, last)
    INSERT INTO siting_check (adcode, year, seq, number, project_name, industry, is_controlled_industry, verdict, reasons, monitoring, rules, geom, checked_by, checked_by_name)
    SELECT '430903', n.year, n.last, '选址核查〔2001〕' || lpad(n.last::text, 4, '0') || '号', '权限测试项目', 'chemical', true, 'clear', '[]', '[]', '{}',
           ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)), 'huanjing', '权限测试'
    FROM n RETURNING id`,
    [JSON.stringify(squareAt(await parcelSpot()))],
  )
  return Number(r.id)
}

/** A parcel of our own in 赫山区 (a fresh one per call: edits change it), made straight in the database with its history. */
async function freshParcel(
  at?: [number, number],
  east = 0,
): Promise<{ id: number; code: string; version: number; historyId: number }> {
  made++
  const code = `430903-QX${process.pid.toString(36)}${made}`
  const {
    rows: [p],
  } = await db.query(
    `
    INSERT INTO farmland_parcel (adcode, code, dlbm, geom, updated_by)
    VALUES ('430903', $1, '0101', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)), 'gengdi') RETURNING id, version`,
    [code, JSON.stringify(squareAt(at ?? (await parcelSpot()), east))],
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
  return { id: Number(p.id), code, version: p.version, historyId: Number(h.id) }
}

async function freshParcelPair(): Promise<{ id: number; version: number }[]> {
  const at = await parcelSpot()
  return [await freshParcel(at, 0), await freshParcel(at, 1)]
}

async function freshUser(): Promise<{ id: number }> {
  return createTestUser(db, { role: 'land', scopes: ['430903'] })
}

const ROWS: Row[] = [
  {
    method: 'GET',
    route: '/api/counties',
    what: 'counties of the scope',
    expected: STAFF,
    call: async () => ({ url: '/api/counties' }),
  },
  {
    method: 'GET',
    route: '/api/search',
    what: 'search',
    expected: STAFF,
    call: async () => ({ url: `/api/search?q=${encodeURIComponent('赫山')}` }),
  },
  {
    method: 'GET',
    route: '/api/attribute-table/:layer',
    what: 'the attribute table of the parcels of 赫山区',
    expected: STAFF,
    call: async () => ({ url: '/api/attribute-table/parcel?adcode=430903&limit=5' }),
  },
  {
    method: 'GET',
    route: '/api/attribute-table/:layer/options',
    what: 'the filter lists of the parcel attribute table',
    expected: STAFF,
    call: async () => ({ url: '/api/attribute-table/parcel/options' }),
  },
  {
    method: 'GET',
    route: '/api/features/:layer/:id',
    what: 'a parcel of 赫山区',
    expected: STAFF,
    call: async () => ({ url: `/api/features/parcel/${sample.parcelId}` }),
  },
  {
    method: 'GET',
    route: '/api/reviews',
    what: 'the review queue',
    expected: STAFF,
    call: async () => ({ url: '/api/reviews' }),
  },
  {
    method: 'POST',
    route: '/api/reviews/:kind/:id/:action',
    what: 'submit a draft plot',
    expected: right('plot.edit'),
    call: async () => ({ url: `/api/reviews/plot/${await freshPlot('draft')}/submit`, body: {} }),
  },
  {
    method: 'POST',
    route: '/api/reviews/:kind/:id/:action',
    what: 'approve a submitted control zone',
    expected: right('review.approve'),
    call: async () => ({ url: `/api/reviews/control-zone/${await freshZone('submitted')}/approve`, body: {} }),
  },
  {
    method: 'POST',
    route: '/api/reviews/:kind/:id/:action',
    what: 'return an approved plot',
    expected: right('review.approve'),
    call: async () => ({
      url: `/api/reviews/plot/${await freshPlot('approved')}/return`,
      body: { reason: '核实边界' },
    }),
  },
  {
    method: 'POST',
    route: '/api/reviews/:kind/:id/:action',
    what: 'reopen a published plot',
    expected: right('plot.edit'),
    call: async () => ({
      url: `/api/reviews/plot/${await freshPlot('published')}/reopen`,
      body: { reason: '补充资料' },
    }),
  },
  {
    method: 'GET',
    route: '/api/history/:kind/:id',
    what: 'history of a plot',
    expected: STAFF,
    call: async () => ({ url: `/api/history/plot/${sample.plotId}` }),
  },
  {
    method: 'GET',
    route: '/api/admin/users',
    what: 'list users',
    expected: right('user.manage'),
    call: async () => ({ url: '/api/admin/users' }),
  },
  {
    method: 'GET',
    route: '/api/admin/scopes',
    what: 'grantable scopes',
    expected: right('user.manage'),
    call: async () => ({ url: '/api/admin/scopes' }),
  },
  {
    method: 'POST',
    route: '/api/admin/users',
    what: 'create a user',
    expected: right('user.manage', 201),
    call: async () => ({
      url: '/api/admin/users',
      body: {
        username: uniqueUsername('qx'),
        displayName: '权限测试',
        department: '',
        role: 'land',
        scopes: ['430903'],
        password: 'Rights-2026-pw',
      },
    }),
  },
  {
    method: 'PATCH',
    route: '/api/admin/users/:id',
    what: 'edit a user',
    expected: right('user.manage'),
    call: async () => ({
      url: `/api/admin/users/${(await freshUser()).id}`,
      body: { displayName: '改名', department: '', role: 'land', scopes: ['430903'], isActive: true, version: 1 },
    }),
  },
  {
    method: 'POST',
    route: '/api/admin/users/:id/password',
    what: 'reset a password',
    expected: right('user.manage'),
    call: async () => ({
      url: `/api/admin/users/${(await freshUser()).id}/password`,
      body: { password: 'Reset-2026-pw' },
    }),
  },
  {
    method: 'POST',
    route: '/api/admin/users/:id/unlock',
    what: 'unlock a user',
    expected: right('user.manage'),
    call: async () => ({ url: `/api/admin/users/${(await freshUser()).id}/unlock`, body: {} }),
  },
  {
    method: 'GET',
    route: '/api/admin/ogc-keys',
    what: 'list the data sharing keys',
    expected: right('ogcKey.manage'),
    call: async () => ({ url: '/api/admin/ogc-keys' }),
  },
  {
    method: 'POST',
    route: '/api/admin/ogc-keys',
    what: 'issue a data sharing key',
    expected: right('ogcKey.manage', 201),
    call: async () => ({
      url: '/api/admin/ogc-keys',
      body: {
        holder: '权限测试',
        holderKind: 'system',
        collections: ['farmland-parcels'],
        adcodes: ['430903'],
        expiresOn: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      },
    }),
  },
  {
    method: 'POST',
    route: '/api/admin/ogc-keys/:id/revoke',
    what: 'revoke a data sharing key',
    expected: right('ogcKey.manage'),
    call: async () => ({ url: `/api/admin/ogc-keys/${await freshOgcKey()}/revoke`, body: {} }),
  },
  {
    method: 'GET',
    route: '/api/admin/ogc-keys/uses',
    what: 'use log of the data sharing keys',
    expected: right('ogcKey.manage'),
    call: async () => ({ url: '/api/admin/ogc-keys/uses' }),
  },
  {
    method: 'GET',
    route: '/api/admin/ogc-keys/:id/uses',
    what: 'use log of one data sharing key',
    expected: right('ogcKey.manage'),
    call: async () => ({ url: `/api/admin/ogc-keys/${await freshOgcKey()}/uses` }),
  },
  {
    method: 'GET',
    route: '/api/sharing/catalogue',
    what: 'the resource sharing catalogue',
    expected: STAFF,
    call: async () => ({ url: '/api/sharing/catalogue' }),
  },
  {
    method: 'GET',
    route: '/api/map/versions',
    what: 'versions of the staff map layers',
    expected: STAFF,
    call: async () => ({ url: '/api/map/versions' }),
  },
  {
    method: 'GET',
    route: '/tiles/:layer.json',
    what: 'TileJSON of the parcel layer',
    expected: STAFF,
    call: async () => ({ url: '/tiles/parcel.json' }),
  },
  {
    method: 'GET',
    route: '/tiles/:layer/:z/:x/:y.pbf',
    what: 'a parcel tile of 赫山区',
    expected: STAFF,
    call: async () => ({ url: `/tiles/parcel/${sample.tile.z}/${sample.tile.x}/${sample.tile.y}.pbf` }),
  },
  {
    method: 'GET',
    route: '/api/reports',
    what: 'the report queue',
    expected: right('report.handle'),
    call: async () => ({ url: '/api/reports' }),
  },
  {
    method: 'GET',
    route: '/api/reports/:id/photo',
    what: 'a report photo',
    expected: right('report.handle'),
    call: async () => ({ url: `/api/reports/${await freshReport()}/photo` }),
  },
  {
    method: 'POST',
    route: '/api/reports/:id/handle',
    what: 'handle a report',
    expected: right('report.handle'),
    call: async () => ({ url: `/api/reports/${await freshReport()}/handle`, body: { note: '已现场核查' } }),
  },
  {
    method: 'GET',
    route: '/api/reports/:id/history',
    what: 'the history of a report',
    expected: right('report.handle'),
    call: async () => ({ url: `/api/reports/${await freshReport()}/history` }),
  },
  {
    method: 'GET',
    route: '/api/reports/:id/nearby-enterprises',
    what: 'the supervised enterprises near a report',
    expected: right('report.handle'),
    call: async () => ({ url: `/api/reports/${await freshReport()}/nearby-enterprises` }),
  },
  ...(
    [
      ['assign', { department: '土壤生态环境科' }],
      ['notes', { note: '权限测试：内部备注' }],
      ['reply', { reply: '已受理，正在安排现场核查。' }],
      ['status', { status: 'verifying' }],
    ] as const
  ).map(([step, body]): Row => ({
    method: 'POST',
    route: `/api/reports/:id/${step}`,
    what: `a report's ${step} step`,
    expected: right('report.handle'),
    call: async () => ({ url: `/api/reports/${await freshReport()}/${step}`, body: { version: 1, ...body } }),
  })),
  {
    method: 'POST',
    route: '/api/reports/:id/to-plot',
    what: 'turn a report into a suspected plot (needs the plot right too)',
    expected: right('plot.edit', 201),
    call: async () => ({
      url: `/api/reports/${await freshReport()}/to-plot`,
      body: { version: 1, name: '权限测试举报地块', formerIndustry: 'chemical' },
    }),
  },
  {
    method: 'POST',
    route: '/api/reports/:id/to-inspection',
    what: 'turn a report into an inspection of an enterprise near it (needs the enterprise right too)',
    expected: right('enterprise.edit', 201),
    call: async () => {
      const id = await freshReport()
      const {
        rows: [e],
      } = await db.query(
        `INSERT INTO supervised_enterprise (adcode, credit_code, name, industry, status, geom)
         SELECT '430903', $2, '权限测试举报附近单位', 'chemical', 'operating', ST_Multi(ST_Buffer(geom, 0.0002, 'quad_segs=1'))
         FROM public_report WHERE id = $1 RETURNING id`,
        [id, freshCreditCode()],
      )
      return { url: `/api/reports/${id}/to-inspection`, body: { version: 1, enterpriseId: Number(e.id) } }
    },
  },
  ...['csv', 'xlsx', 'geojson', 'shp.zip', 'gpkg'].map((format): Row => ({
    method: 'GET',
    route: `/api/class-lists/:id/export.${format}`,
    what: `export a class list of 赫山区 as ${format}`,
    expected: STAFF,
    call: async () => ({ url: `/api/class-lists/${await exportList()}/export.${format}` }),
  })),
  {
    method: 'GET',
    route: '/api/exports/platform-package',
    what: 'the upload package of 赫山区 for the national platform',
    expected: STAFF,
    call: async () => {
      await publishedPackageList()
      return { url: '/api/exports/platform-package?adcode=430903&target=national' }
    },
  },
  {
    method: 'GET',
    route: '/api/exports/platform-package/counties',
    what: 'what the upload packages of the counties of the scope would hold',
    expected: STAFF,
    call: async () => ({ url: '/api/exports/platform-package/counties' }),
  },
  {
    method: 'POST',
    route: '/api/assess/soil-sample',
    what: 'assess a soil sample',
    expected: STAFF,
    call: async () => ({
      url: '/api/assess/soil-sample',
      body: { landUse: '水田', rotation: false, ph: 6.2, values: { Cd: 0.45 } },
    }),
  },
  {
    method: 'GET',
    route: '/api/classification/rule-sets',
    what: 'classification rule sets',
    expected: STAFF,
    call: async () => ({ url: '/api/classification/rule-sets' }),
  },
  {
    method: 'POST',
    route: '/api/classification/rule-sets',
    what: 'store a rule set',
    expected: right('classification.rules', 201),
    call: async () => {
      made++
      const { version: _v, name: _n, ...rules } = DEFAULT_RULE_SET
      return {
        url: '/api/classification/rule-sets',
        body: { version: `matrix-${process.pid}-${Date.now().toString(36)}-${made}`, name: '权限测试规则集', rules },
      }
    },
  },
  {
    method: 'POST',
    route: '/api/classification/jobs',
    what: 'start a classification of 赫山区',
    expected: right('classification.run', 202),
    call: async () => {
      await awaitNoActiveJob()
      return { url: '/api/classification/jobs', body: { adcode: '430903' } }
    },
  },
  {
    method: 'POST',
    route: '/api/classification/jobs/:id/cancel',
    what: 'cancel a queued classification',
    expected: right('classification.run'),
    call: async () => ({ url: `/api/classification/jobs/${await freshJob('queued')}/cancel`, body: {} }),
  },
  {
    method: 'GET',
    route: '/api/classification/jobs',
    what: 'classification jobs of 赫山区',
    expected: STAFF,
    call: async () => ({ url: '/api/classification/jobs?adcode=430903' }),
  },
  {
    method: 'GET',
    route: '/api/classification/jobs/:id',
    what: 'a classification job',
    expected: STAFF,
    call: async () => ({ url: `/api/classification/jobs/${await freshJob('done')}` }),
  },
  {
    method: 'GET',
    route: '/api/class-lists',
    what: 'class lists of 赫山区',
    expected: STAFF,
    call: async () => ({ url: '/api/class-lists?adcode=430903' }),
  },
  {
    method: 'GET',
    route: '/api/class-lists/:id/summary',
    what: 'summary of a class list',
    expected: STAFF,
    call: async () => ({ url: `/api/class-lists/${await exportList()}/summary` }),
  },
  {
    method: 'GET',
    route: '/api/class-lists/:id/changes',
    what: 'class changes of a list',
    expected: STAFF,
    call: async () => ({ url: `/api/class-lists/${await exportList()}/changes?limit=10` }),
  },
  {
    method: 'GET',
    route: '/api/class-lists/:id/entries/:parcelId',
    what: 'one entry of a class list',
    expected: STAFF,
    call: async () => ({ url: `/api/class-lists/${await exportList()}/entries/${sample.parcelId}` }),
  },
  {
    method: 'POST',
    route: '/api/class-lists/:id/entries/:parcelId/override',
    what: 'override a class',
    expected: right('classification.run'),
    call: async () => {
      const l = await freshClassList()
      return {
        url: `/api/class-lists/${l.listId}/entries/${l.parcelId}/override`,
        body: { class: 'safe_use', reason: '现场核实' },
      }
    },
  },
  {
    method: 'POST',
    route: '/api/reviews/:kind/:id/:action',
    what: 'submit a complete class list',
    expected: right('classification.run'),
    call: async () => ({
      url: `/api/reviews/class-list/${(await freshClassList()).listId}/submit`,
      body: { reason: '权限测试清单只列一个图斑，优先保护类面积因此减少' },
    }),
  },
  {
    method: 'GET',
    route: '/api/statistics/farmland',
    what: 'farmland statistics of the scope',
    expected: STAFF,
    call: async () => ({ url: '/api/statistics/farmland' }),
  },
  {
    method: 'GET',
    route: '/api/plots',
    what: 'plots of the scope',
    expected: STAFF,
    call: async () => ({ url: '/api/plots?list=suspected' }),
  },
  {
    method: 'GET',
    route: '/api/plots/:id',
    what: 'a plot profile',
    expected: STAFF,
    call: async () => ({ url: `/api/plots/${sample.plotId}` }),
  },
  {
    method: 'POST',
    route: '/api/plots',
    what: 'create a suspected plot',
    expected: right('plot.edit', 201),
    call: async () => ({
      url: '/api/plots',
      body: { name: '权限测试新建地块', formerIndustry: 'chemical', geometry: squareAt(await parcelSpot()) },
    }),
  },
  {
    method: 'PATCH',
    route: '/api/plots/:id',
    what: "change a plot's facts",
    expected: right('plot.edit'),
    call: async () => ({ url: `/api/plots/${await freshPlot('draft')}`, body: { version: 1, name: '权限测试改名' } }),
  },
  {
    method: 'POST',
    route: '/api/plots/:id/transitions',
    what: 'start the preliminary investigation',
    expected: step('start_preliminary'),
    call: async () => ({
      url: `/api/plots/${await freshPlot('draft')}/transitions`,
      body: { action: 'start_preliminary', version: 1 },
    }),
  },
  {
    method: 'POST',
    route: '/api/plots/:id/transitions',
    what: 'reject a removal',
    expected: step('reject_removal'),
    call: async () => ({
      url: `/api/plots/${(await freshPlotIn('removal_applied')).id}/transitions`,
      body: { action: 'reject_removal', version: 1, reason: '权限测试' },
    }),
  },
  {
    method: 'POST',
    route: '/api/plots/:id/pollutants',
    what: 'add a measured pollutant',
    expected: right('plot.edit', 201),
    call: async () => ({
      url: `/api/plots/${await freshPlot('draft')}/pollutants`,
      body: { version: 1, substance: 'Cd', valueMgKg: 12, sampledOn: '2026-01-10' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/plots/:id/pollutants/:pid',
    what: 'remove a measured pollutant',
    expected: right('plot.edit'),
    call: async () => {
      const p = await freshPlotIn('preliminary_investigation')
      return { url: `/api/plots/${p.id}/pollutants/${p.pollutantId}?version=1`, body: { reason: '录入错误' } }
    },
  },
  {
    method: 'POST',
    route: '/api/plots/:id/negative-uses',
    what: 'add a forbidden use',
    expected: right('plot.edit', 201),
    call: async () => ({
      url: `/api/plots/${await freshPlot('draft')}/negative-uses`,
      body: { version: 1, useCode: 'M', reason: '权限测试' },
    }),
  },
  {
    method: 'GET',
    route: '/api/documents',
    what: "a plot's stored documents",
    expected: right('document.read'),
    call: async () => ({ url: `/api/documents?owner=plot&ownerId=${sample.plotId}` }),
  },
  {
    method: 'POST',
    route: '/api/documents',
    what: 'upload a report to a plot',
    expected: right('plot.transition', 201),
    call: async () => ({
      url: '/api/documents',
      file: { name: '调查报告.pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') },
      fields: { owner: 'plot', ownerId: String(await freshPlot('draft')), kind: 'investigation_report' },
    }),
  },
  {
    method: 'GET',
    route: '/api/documents/:id/file',
    what: 'download a stored document',
    expected: right('document.read'),
    call: async () => ({ url: `/api/documents/${await freshDocument()}/file` }),
  },
  {
    method: 'PATCH',
    route: '/api/documents/:id',
    what: 'mark a stored document internal',
    expected: right('plot.edit'),
    call: async () => ({ url: `/api/documents/${await freshDocument()}`, body: { version: 1, isPublic: false } }),
  },
  {
    method: 'GET',
    route: '/api/plots/:id/redevelopment',
    what: "a plot's redevelopment record",
    expected: STAFF,
    call: async () => ({ url: `/api/plots/${sample.plotId}/redevelopment` }),
  },
  {
    method: 'PATCH',
    route: '/api/plots/:id/redevelopment',
    what: 'record the redevelopment of a listed plot',
    expected: right('plot.edit'),
    call: async () => ({
      url: `/api/plots/${(await freshPlotIn('listed')).id}/redevelopment`,
      body: { version: null, plannedUse: 'B1', usedOn: '2026-03-01', targetsMet: true },
    }),
  },
  {
    method: 'GET',
    route: '/api/redevelopment/import-template.xlsx',
    what: 'the redevelopment import template',
    expected: STAFF,
    call: async () => ({ url: '/api/redevelopment/import-template.xlsx' }),
  },
  {
    method: 'GET',
    route: '/api/redevelopment/export.xlsx',
    what: 'the redevelopment records of the scope',
    expected: STAFF,
    call: async () => ({ url: '/api/redevelopment/export.xlsx' }),
  },
  {
    method: 'POST',
    route: '/api/redevelopment/import',
    what: 'dry-run a redevelopment import',
    expected: right('plot.edit'),
    call: async () => ({
      url: '/api/redevelopment/import?mode=all&dryRun=true',
      file: {
        name: '再开发利用.xlsx',
        bytes: await buildRedevelopmentTemplate([['430903-NONE', '', 'B1', '2026-03-01', '是', '', '']], false),
      },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/plots/:id/negative-uses/:useCode',
    what: 'remove an added forbidden use',
    expected: right('plot.edit'),
    call: async () => ({
      url: `/api/plots/${(await freshPlotIn('listed')).id}/negative-uses/B`,
      body: { version: 1, reason: '规划调整' },
    }),
  },
  {
    method: 'GET',
    route: '/api/reference/gb36600',
    what: 'GB 36600 values',
    expected: STAFF,
    call: async () => ({ url: '/api/reference/gb36600' }),
  },
  {
    method: 'GET',
    route: '/api/reference/gb50137',
    what: 'GB 50137 codes',
    expected: STAFF,
    call: async () => ({ url: '/api/reference/gb50137' }),
  },
  {
    method: 'GET',
    route: '/api/reference/land-use-2023',
    what: 'the 2023 用地用海分类 codes',
    expected: STAFF,
    call: async () => ({ url: '/api/reference/land-use-2023' }),
  },
  {
    method: 'GET',
    route: '/api/priority-areas',
    what: '优先保护类耕地集中区域 of 赫山区',
    expected: STAFF,
    call: async () => ({ url: '/api/priority-areas?adcode=430903' }),
  },
  {
    method: 'GET',
    route: '/api/water-source-zones',
    what: '饮用水水源保护区 of 赫山区',
    expected: STAFF,
    call: async () => ({ url: '/api/water-source-zones?adcode=430903' }),
  },
  {
    method: 'POST',
    route: '/api/water-source-zones/import',
    what: 'import the 饮用水水源保护区 of 赫山区 from a file',
    expected: right('waterSource.edit'),
    call: async () => ({
      url: '/api/water-source-zones/import',
      file: {
        name: '水源保护区.geojson',
        bytes: Buffer.from(
          JSON.stringify({
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                properties: { 水源地名称: '权限测试水源地', 水源类型: '河流型', 保护区级别: '一级保护区' },
                geometry: squareAt(await parcelSpot()),
              },
            ],
          }),
        ),
      },
      fields: { adcode: '430903' },
    }),
  },
  {
    method: 'POST',
    route: '/api/water-source-zones/publication',
    what: 'publish the 饮用水水源保护区 of 赫山区',
    expected: right('waterSource.edit'),
    call: async () => {
      const spot = await parcelSpot()
      await db.query(
        `INSERT INTO water_source_zone (adcode, source_name, source_type, level, geom, file_name, feature_index, imported_by)
         VALUES ('430903', '权限测试水源地', 'river', 'level2', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)), 't.geojson', 1, 't')`,
        [JSON.stringify(squareAt(spot))],
      )
      return { url: '/api/water-source-zones/publication', body: { adcode: '430903', published: true } }
    },
  },
  {
    method: 'GET',
    route: '/api/parcels/codes',
    what: 'the parcel code lists',
    expected: STAFF,
    call: async () => ({ url: '/api/parcels/codes' }),
  },
  {
    method: 'GET',
    route: '/api/parcels',
    what: 'parcels of a small box of 赫山区',
    expected: STAFF,
    call: async () => {
      const [x, y] = await parcelSpot()
      return { url: `/api/parcels?bbox=${x - 0.01},${y - 0.01},${x + 0.01},${y + 0.01}` }
    },
  },
  {
    method: 'GET',
    route: '/api/parcels/:id',
    what: 'a parcel for editing',
    expected: STAFF,
    call: async () => ({ url: `/api/parcels/${sample.parcelId}` }),
  },
  {
    method: 'GET',
    route: '/api/parcels/:id/history',
    what: 'history of a parcel',
    expected: STAFF,
    call: async () => ({ url: `/api/parcels/${sample.parcelId}/history` }),
  },
  {
    method: 'GET',
    route: '/api/parcels/deleted',
    what: 'recently removed parcels',
    expected: STAFF,
    call: async () => ({ url: '/api/parcels/deleted' }),
  },
  {
    method: 'POST',
    route: '/api/parcels/check',
    what: 'check a new parcel (dry run)',
    expected: right('parcel.edit'),
    call: async () => ({
      url: '/api/parcels/check',
      body: { changes: [{ op: 'create', geometry: squareAt(await parcelSpot()), attributes: { dlbm: '0101' } }] },
    }),
  },
  {
    method: 'POST',
    route: '/api/parcels/changes',
    what: 'change the land code of a parcel',
    expected: right('parcel.edit'),
    call: async () => {
      const p = await freshParcel()
      return {
        url: '/api/parcels/changes',
        body: {
          reason: '权限测试',
          changes: [{ op: 'update', id: p.id, version: p.version, attributes: { dlbm: '0103' } }],
        },
      }
    },
  },
  {
    method: 'POST',
    route: '/api/parcels/split/preview',
    what: 'preview a split',
    expected: right('parcel.edit'),
    call: async () => {
      const at = await parcelSpot()
      const p = await freshParcel(at)
      return {
        url: '/api/parcels/split/preview',
        body: {
          id: p.id,
          version: p.version,
          line: {
            type: 'LineString',
            coordinates: [
              [at[0] + 0.0002, at[1] - 0.0001],
              [at[0] + 0.0002, at[1] + 0.0005],
            ],
          },
        },
      }
    },
  },
  {
    method: 'POST',
    route: '/api/parcels/split',
    what: 'split a parcel',
    expected: right('parcel.edit'),
    call: async () => {
      const at = await parcelSpot()
      const p = await freshParcel(at)
      return {
        url: '/api/parcels/split',
        body: {
          id: p.id,
          version: p.version,
          reason: '权限测试',
          classMode: 'recompute',
          line: {
            type: 'LineString',
            coordinates: [
              [at[0] + 0.0002, at[1] - 0.0001],
              [at[0] + 0.0002, at[1] + 0.0005],
            ],
          },
        },
      }
    },
  },
  {
    method: 'POST',
    route: '/api/parcels/merge/preview',
    what: 'preview a merge',
    expected: right('parcel.edit'),
    call: async () => ({ url: '/api/parcels/merge/preview', body: { parcels: await freshParcelPair() } }),
  },
  {
    method: 'POST',
    route: '/api/parcels/merge',
    what: 'merge two parcels',
    expected: right('parcel.edit'),
    call: async () => ({
      url: '/api/parcels/merge',
      body: { parcels: await freshParcelPair(), reason: '权限测试', classMode: 'recompute' },
    }),
  },
  {
    method: 'POST',
    route: '/api/parcels/:id/restore',
    what: 'restore a parcel version',
    expected: right('parcel.edit'),
    call: async () => {
      const p = await freshParcel()
      return {
        url: `/api/parcels/${p.id}/restore`,
        body: { historyId: p.historyId, version: p.version, reason: '权限测试' },
      }
    },
  },
  {
    method: 'GET',
    route: '/api/control-zones',
    what: 'control zones of the scope',
    expected: STAFF,
    call: async () => ({ url: '/api/control-zones' }),
  },
  {
    method: 'GET',
    route: '/api/control-zones/:id',
    what: 'a control zone',
    expected: STAFF,
    call: async () => ({ url: `/api/control-zones/${await freshDraftZone()}` }),
  },
  {
    method: 'POST',
    route: '/api/control-zones',
    what: 'draw a control zone',
    expected: right('controlZone.edit', 201),
    call: async () => ({
      url: '/api/control-zones',
      body: {
        name: '权限测试管控区域',
        geometry: squareAt(await parcelSpot()),
        monitorSoil: true,
        monitorSurfaceWater: false,
        monitorGroundwater: false,
        monitorAir: false,
      },
    }),
  },
  {
    method: 'PATCH',
    route: '/api/control-zones/:id',
    what: 'edit a draft control zone',
    expected: right('controlZone.edit'),
    call: async () => ({
      url: `/api/control-zones/${await freshDraftZone()}`,
      body: { version: 1, announcementNo: '权限测试公告' },
    }),
  },
  {
    method: 'GET',
    route: '/api/ban-zones',
    what: '禁止生产区域 of the scope',
    expected: STAFF,
    call: async () => ({ url: '/api/ban-zones' }),
  },
  {
    method: 'GET',
    route: '/api/ban-zones/strict-parcels',
    what: 'the 严格管控类 parcels of 赫山区 to choose from',
    expected: STAFF,
    call: async () => ({ url: '/api/ban-zones/strict-parcels?adcode=430903' }),
  },
  {
    method: 'GET',
    route: '/api/ban-zones/:id',
    what: 'a 禁止生产区域',
    expected: STAFF,
    call: async () => ({ url: `/api/ban-zones/${await freshBanZone()}` }),
  },
  {
    method: 'POST',
    route: '/api/ban-zones',
    what: 'propose a 禁止生产区域',
    expected: right('classification.run', 201),
    call: async () => ({
      url: '/api/ban-zones',
      body: { adcode: '430903', name: '权限测试禁止生产区域', parcelIds: [await strictParcel()] },
    }),
  },
  {
    method: 'PATCH',
    route: '/api/ban-zones/:id',
    what: 'edit a draft 禁止生产区域',
    expected: right('classification.run'),
    call: async () => ({ url: `/api/ban-zones/${await freshBanZone()}`, body: { version: 1, products: ['水稻'] } }),
  },
  {
    method: 'GET',
    route: '/api/enterprises',
    what: 'supervised enterprises of the scope',
    expected: STAFF,
    call: async () => ({ url: '/api/enterprises?status=operating' }),
  },
  {
    method: 'GET',
    route: '/api/enterprises/:id',
    what: 'a supervised enterprise',
    expected: STAFF,
    call: async () => ({ url: `/api/enterprises/${await freshEnterprise()}` }),
  },
  {
    method: 'POST',
    route: '/api/enterprises',
    what: 'register a supervised enterprise',
    expected: right('enterprise.edit', 201),
    call: async () => ({
      url: '/api/enterprises',
      body: {
        name: '权限测试电镀有限公司',
        creditCode: freshCreditCode(),
        industry: 'electroplating',
        status: 'operating',
        geometry: squareAt(await parcelSpot()),
      },
    }),
  },
  {
    method: 'PATCH',
    route: '/api/enterprises/:id',
    what: 'close an enterprise (proposes its site)',
    expected: right('enterprise.edit'),
    call: async () => ({ url: `/api/enterprises/${await freshEnterprise()}`, body: { version: 1, status: 'closed' } }),
  },
  {
    method: 'GET',
    route: '/api/plot-proposals',
    what: 'pending site proposals',
    expected: STAFF,
    call: async () => ({ url: '/api/plot-proposals?status=pending' }),
  },
  {
    method: 'POST',
    route: '/api/plot-proposals/:id/confirm',
    what: 'confirm a site as a suspected plot',
    expected: right('enterprise.edit'),
    call: async () => ({ url: `/api/plot-proposals/${await freshProposal()}/confirm`, body: {} }),
  },
  {
    method: 'POST',
    route: '/api/plot-proposals/:id/dismiss',
    what: 'dismiss a site proposal',
    expected: right('enterprise.edit'),
    call: async () => ({
      url: `/api/plot-proposals/${await freshProposal()}/dismiss`,
      body: { reason: '权限测试：已核实为非生产区域' },
    }),
  },
  {
    method: 'GET',
    route: '/api/registry-lists',
    what: 'the lists of the scope',
    expected: STAFF,
    call: async () => ({ url: '/api/registry-lists' }),
  },
  {
    method: 'GET',
    route: '/api/registry-lists/:list/:jurisdiction/preview',
    what: 'preview the next suspected list of 赫山区',
    expected: STAFF,
    call: async () => ({ url: '/api/registry-lists/suspected/430903/preview' }),
  },
  {
    method: 'POST',
    route: '/api/registry-lists/:list/:jurisdiction/publish',
    what: 'publish the suspected list of 赫山区',
    expected: right('list.publish', 201),
    call: async () => {
      await freshPublishedSuspectedPlot()
      return {
        url: '/api/registry-lists/suspected/430903/publish',
        body: { expectedVersion: await suspectedListVersion() },
      }
    },
  },
  {
    method: 'GET',
    route: '/api/registry-lists/:list/:jurisdiction/versions',
    what: 'published versions of a list',
    expected: STAFF,
    call: async () => ({ url: '/api/registry-lists/suspected/430903/versions' }),
  },
  {
    method: 'GET',
    route: '/api/registry-lists/:list/:jurisdiction/versions/:version',
    what: 'one published version',
    expected: STAFF,
    call: async () => ({ url: `/api/registry-lists/suspected/430903/versions/${await suspectedListVersion()}` }),
  },
  {
    method: 'GET',
    route: '/api/registry-lists/:list/:jurisdiction/versions/:version/announcement.csv',
    what: 'the announcement CSV of a version',
    expected: STAFF,
    call: async () => ({
      url: `/api/registry-lists/suspected/430903/versions/${await suspectedListVersion()}/announcement.csv`,
    }),
  },
  {
    method: 'POST',
    route: '/api/precheck',
    what: 'a land-supply check of a plot of 赫山区',
    expected: right('precheck.run', 201),
    call: async () => ({ url: '/api/precheck', body: { geometry: squareAt(await parcelSpot()), plannedUse: 'M1' } }),
  },
  {
    method: 'GET',
    route: '/api/precheck',
    what: 'the list of land-supply checks',
    expected: right('precheck.read'),
    call: async () => ({ url: '/api/precheck' }),
  },
  {
    method: 'GET',
    route: '/api/precheck/:id',
    what: 'a land-supply check of 赫山区',
    expected: right('precheck.read'),
    call: async () => ({ url: `/api/precheck/${await freshPrecheck()}` }),
  },
  {
    method: 'GET',
    route: '/api/precheck/:id/report.pdf',
    what: 'the PDF report of a land-supply check of 赫山区',
    expected: right('precheck.read'),
    call: async () => ({ url: `/api/precheck/${await freshPrecheck()}/report.pdf` }),
  },
  {
    method: 'GET',
    route: '/api/precheck/:id/features',
    what: 'the features a land-supply check of 赫山区 read, as GeoJSON',
    expected: right('precheck.read'),
    call: async () => ({ url: `/api/precheck/${await freshPrecheck()}/features` }),
  },
  {
    method: 'POST',
    route: '/api/precheck/parse-upload',
    what: 'read an uploaded plot or site outline (saves nothing): the pre-check and the siting check read files here',
    expected: only([...new Set([...rolesWith('precheck.run'), ...rolesWith('siting.run')])]),
    call: async () => ({
      url: '/api/precheck/parse-upload',
      file: { name: 'plot.geojson', bytes: Buffer.from(JSON.stringify(squareAt(await parcelSpot()))) },
    }),
  },
  {
    method: 'GET',
    route: '/api/reference/siting-industries',
    what: 'the industries and distances of the siting check',
    expected: STAFF,
    call: async () => ({ url: '/api/reference/siting-industries' }),
  },
  {
    method: 'POST',
    route: '/api/siting-checks',
    what: 'a siting check of a new enterprise in 赫山区',
    expected: right('siting.run', 201),
    call: async () => ({
      url: '/api/siting-checks',
      body: { geometry: squareAt(await parcelSpot()), industry: 'chemical', projectName: '权限测试项目' },
    }),
  },
  {
    method: 'GET',
    route: '/api/siting-checks',
    what: 'the list of siting checks',
    expected: right('siting.read'),
    call: async () => ({ url: '/api/siting-checks' }),
  },
  {
    method: 'GET',
    route: '/api/siting-checks/:id',
    what: 'a siting check of 赫山区',
    expected: right('siting.read'),
    call: async () => ({ url: `/api/siting-checks/${await freshSitingCheck()}` }),
  },
  {
    method: 'GET',
    route: '/api/siting-checks/:id/report.pdf',
    what: 'the PDF report of a siting check of 赫山区',
    expected: right('siting.read'),
    call: async () => ({ url: `/api/siting-checks/${await freshSitingCheck()}/report.pdf` }),
  },
  {
    method: 'POST',
    route: '/api/map-prints',
    what: 'print the map view as an A4 PDF (saves nothing)',
    expected: STAFF,
    call: async () => ({
      url: '/api/map-prints',
      file: { name: 'map.png', bytes: pngOf(1636, 809) },
      fields: {
        sheet: JSON.stringify({
          paper: 'A4',
          orientation: 'landscape',
          title: '赫山区 权限测试图',
          unit: '权限测试单位',
          date: '2026-01-05',
          bbox: [112.3, 28.45, 112.5, 28.55],
          legend: [{ label: '区县界线', color: '#37474f', kind: 'line' }],
        }),
      },
    }),
  },
  {
    method: 'POST',
    route: '/api/admin/units/preview',
    what: 'preview a file of county and township boundaries (saves nothing)',
    expected: right('adminUnits.import'),
    call: async () => ({
      url: '/api/admin/units/preview',
      file: {
        name: '行政区.geojson',
        bytes: Buffer.from(
          JSON.stringify({
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                properties: { XZQDM: '430924', XZQMC: '权限测试县' },
                geometry: {
                  type: 'Polygon',
                  coordinates: [
                    [
                      [110.5, 27.5],
                      [110.6, 27.5],
                      [110.6, 27.6],
                      [110.5, 27.5],
                    ],
                  ],
                },
              },
            ],
          }),
        ),
      },
    }),
  },
  {
    method: 'POST',
    route: '/api/admin/units/apply',
    what: 'apply a preview of administrative units (none of that id: 404)',
    expected: right('adminUnits.import', 404),
    call: async () => ({
      url: '/api/admin/units/apply',
      body: { previewId: 'no-such-preview', cityCode: '430900', city: '益阳市' },
    }),
  },
  {
    method: 'POST',
    route: '/api/land-imports/inspect',
    what: 'read an uploaded 三调 layer and show what was detected (saves nothing)',
    expected: right('land.import'),
    call: async () => ({
      url: '/api/land-imports/inspect',
      file: { name: 'DLTB.zip', bytes: await dltbZip() },
      fields: { adcode: '430903' },
    }),
  },
  {
    method: 'POST',
    route: '/api/land-imports',
    what: 'read and check a 三调 layer of 赫山区 (the dry run)',
    expected: right('land.import', 201),
    call: async () => ({
      url: '/api/land-imports',
      file: { name: 'DLTB.zip', bytes: await dltbZip() },
      fields: { adcode: '430903' },
    }),
  },
  {
    method: 'GET',
    route: '/api/land-imports',
    what: 'the 三调 imports of the scope',
    expected: right('land.import'),
    call: async () => ({ url: '/api/land-imports' }),
  },
  {
    method: 'GET',
    route: '/api/land-imports/:id',
    what: 'the report of a 三调 import of 赫山区',
    expected: right('land.import'),
    call: async () => ({ url: `/api/land-imports/${await freshLandImport()}` }),
  },
  {
    method: 'GET',
    route: '/api/land-imports/:id/status',
    what: 'the state of a 三调 import',
    expected: right('land.import'),
    call: async () => ({ url: `/api/land-imports/${await freshLandImport()}/status` }),
  },
  {
    method: 'GET',
    route: '/api/land-imports/:id/report.xlsx',
    what: 'the report of a 三调 import as XLSX',
    expected: right('land.import'),
    call: async () => ({ url: `/api/land-imports/${await freshLandImport()}/report.xlsx` }),
  },
  {
    method: 'GET',
    route: '/api/land-imports/:id/features/:seq',
    what: 'locate a feature of a 三调 import (none there: 404)',
    expected: right('land.import', 404),
    call: async () => ({ url: `/api/land-imports/${await freshLandImport()}/features/1` }),
  },
  {
    method: 'POST',
    route: '/api/land-imports/:id/apply',
    what: 'apply a 三调 import (赫山区 has parcels: 409)',
    expected: right('land.import', 409),
    call: async () => ({ url: `/api/land-imports/${await freshLandImport()}/apply`, body: { mode: 'valid' } }),
  },
  {
    method: 'POST',
    route: '/api/land-imports/:id/cancel',
    what: 'cancel the apply of a 三调 import (none running: 409)',
    expected: right('land.import', 409),
    call: async () => ({ url: `/api/land-imports/${await freshLandImport()}/cancel` }),
  },
  {
    method: 'GET',
    route: '/api/land-updates/retired',
    what: 'the parcels retired by annual updates in the scope',
    expected: right('land.import'),
    call: async () => ({ url: '/api/land-updates/retired' }),
  },
  {
    method: 'POST',
    route: '/api/land-updates/retired/:id/restore',
    what: 'restore a retired parcel (none of that id: 404)',
    expected: right('land.import', 404),
    call: async () => ({ url: '/api/land-updates/retired/999999999/restore' }),
  },
  {
    method: 'POST',
    route: '/api/land-updates/:importId',
    what: 'plan the annual update of 赫山区 from a checked import',
    expected: right('land.import', 201),
    call: async () => ({ url: `/api/land-updates/${await freshLandImport()}` }),
  },
  {
    method: 'GET',
    route: '/api/land-updates/:importId',
    what: 'the change preview of an annual update (none planned: 404)',
    expected: right('land.import', 404),
    call: async () => ({ url: `/api/land-updates/${await freshLandImport()}` }),
  },
  {
    method: 'GET',
    route: '/api/land-updates/:importId/features',
    what: 'the changed parcels of an annual update on the map (none planned: 404)',
    expected: right('land.import', 404),
    call: async () => ({ url: `/api/land-updates/${await freshLandImport()}/features` }),
  },
  {
    method: 'POST',
    route: '/api/land-updates/:importId/decisions',
    what: 'decide conflicts of an annual update (none planned: 404)',
    expected: right('land.import', 404),
    call: async () => ({ url: `/api/land-updates/${await freshLandImport()}/decisions`, body: { decision: 'ours' } }),
  },
  {
    method: 'POST',
    route: '/api/land-updates/:importId/apply',
    what: 'apply an annual update (none planned: 404)',
    expected: right('land.import', 404),
    call: async () => ({ url: `/api/land-updates/${await freshLandImport()}/apply` }),
  },
  {
    method: 'GET',
    route: '/api/land-updates/:importId/status',
    what: 'the state of an annual update (none planned: 404)',
    expected: right('land.import', 404),
    call: async () => ({ url: `/api/land-updates/${await freshLandImport()}/status` }),
  },
  {
    method: 'POST',
    route: '/api/land-updates/:importId/cancel',
    what: 'cancel an annual update (none planned: 404)',
    expected: right('land.import', 404),
    call: async () => ({ url: `/api/land-updates/${await freshLandImport()}/cancel` }),
  },
  {
    method: 'GET',
    route: '/api/basic-farmland/disagreements',
    what: '永久基本农田 against the classes of 赫山区',
    expected: STAFF,
    call: async () => ({ url: '/api/basic-farmland/disagreements?adcode=430903' }),
  },
  {
    method: 'POST',
    route: '/api/precheck/:id/rerun',
    what: 're-run a land-supply check',
    expected: right('precheck.run', 201),
    call: async () => ({ url: `/api/precheck/${await freshPrecheck()}/rerun` }),
  },
  {
    method: 'GET',
    route: '/api/monitoring/points',
    what: 'monitoring points of the scope',
    expected: STAFF,
    call: async () => ({ url: '/api/monitoring/points' }),
  },
  {
    method: 'GET',
    route: '/api/monitoring/points/:id',
    what: 'a monitoring point of 赫山区 with its results',
    expected: STAFF,
    call: async () => ({ url: `/api/monitoring/points/${(await freshMonitoringPoint('basic')).id}` }),
  },
  {
    method: 'POST',
    route: '/api/monitoring/points',
    what: 'register a monitoring point',
    expected: right('monitoring.edit', 201),
    call: async () => {
      const [lon, lat] = await parcelSpot()
      made++
      return {
        url: '/api/monitoring/points',
        body: {
          code: `430903-QXN${process.pid}${Date.now().toString(36)}${made}`,
          name: '权限测试新点位',
          level: 'county',
          type: 'basic',
          lon,
          lat,
        },
      }
    },
  },
  {
    method: 'PATCH',
    route: '/api/monitoring/points/:id',
    what: 'retire a monitoring point',
    expected: right('monitoring.edit'),
    call: async () => ({
      url: `/api/monitoring/points/${(await freshMonitoringPoint('basic')).id}`,
      body: { version: 1, status: 'retired' },
    }),
  },
  {
    method: 'POST',
    route: '/api/monitoring/points/:id/results',
    what: 'enter a crop result at a 农产品产地 point',
    expected: right('monitoring.enterResults', 201),
    call: async () => ({
      url: `/api/monitoring/points/${(await freshMonitoringPoint('produce')).id}/results`,
      body: { sampledOn: '2024-09-01', medium: 'crop', crop: '稻谷', values: { cd: 0.1 } },
    }),
  },
  {
    method: 'POST',
    route: '/api/monitoring/points/:id/results',
    what: 'enter a soil result at a 基础点位 (not 农产品产地)',
    expected: right('monitoring.enterAllResults', 201),
    call: async () => ({
      url: `/api/monitoring/points/${(await freshMonitoringPoint('basic')).id}/results`,
      body: { sampledOn: '2024-09-01', medium: 'soil', ph: 6.2, values: { cd: 0.2 } },
    }),
  },
  ...(['xlsx', 'csv'] as const).map((format): Row => ({
    method: 'GET',
    route: `/api/monitoring/import-template.${format}`,
    what: `the results import template as ${format}`,
    expected: STAFF,
    call: async () => ({ url: `/api/monitoring/import-template.${format}` }),
  })),
  {
    method: 'POST',
    route: '/api/monitoring/import',
    what: 'import a crop result of a 农产品产地 point',
    expected: right('monitoring.import', 201),
    call: async () => ({
      url: '/api/monitoring/import?mode=all',
      file: { name: '监测结果.csv', bytes: await monitoringCsv() },
    }),
  },
  ...(
    [
      ['enterprises', 'enterprise.edit'],
      ['plots', 'plot.edit'],
      ['points', 'monitoring.edit'],
      ['plot-results', 'plot.edit'],
    ] as const
  ).flatMap(([kind, capability]): Row[] => [
    {
      method: 'GET',
      route: '/api/registry-import/:kind/template.xlsx',
      what: `the ${kind} bulk import template`,
      expected: right(capability),
      call: async () => ({ url: `/api/registry-import/${kind}/template.xlsx` }),
    },
    {
      method: 'POST',
      route: '/api/registry-import/:kind',
      what: `a dry run of a ${kind} bulk import (writes nothing)`,
      expected: right(capability),
      call: async () => ({
        url: `/api/registry-import/${kind}?mode=all&dryRun=true`,
        file: { name: '导入.csv', bytes: registryImportCsv(kind) },
      }),
    },
  ]),
  ...(
    [
      ['/api/safe-use-ledger', 'the safe-use ledger of 赫山区'],
      ['/api/safe-use-ledger/class-checks', 'where the ledger and the published classes disagree'],
      ['/api/safe-use-ledger/measures', 'the measure vocabulary'],
      ['/api/safe-use-ledger/template.xlsx', 'the safe-use ledger template'],
      ['/api/safe-use-ledger/export.xlsx', 'the safe-use ledger as the province collects it'],
    ] as const
  ).map(([route, what]): Row => ({
    method: 'GET',
    route,
    what,
    expected: right('safeUse.view'),
    call: async () => ({ url: `${route}?adcode=430903&year=2025` }),
  })),
  {
    method: 'POST',
    route: '/api/safe-use-ledger/rows',
    what: 'add a parcel to a year of the safe-use ledger',
    expected: right('safeUse.edit', 201),
    call: async () => {
      const { year } = await freshLedgerYear(false)
      const {
        rows: [p],
      } = await db.query(`SELECT code FROM farmland_parcel WHERE id = $1`, [sample.parcelId])
      return {
        url: '/api/safe-use-ledger/rows',
        body: {
          adcode: '430903',
          year,
          parcelCode: p.code,
          degree: 'severe',
          degreeReason: '权限测试',
          measures: ['休耕'],
          produce: 'none',
        },
      }
    },
  },
  {
    method: 'PATCH',
    route: '/api/safe-use-ledger/rows/:id',
    what: 'change a row of the safe-use ledger',
    expected: right('safeUse.edit'),
    call: async () => {
      const { rowId } = await freshLedgerYear(true)
      return {
        url: `/api/safe-use-ledger/rows/${rowId}`,
        body: { degree: 'severe', degreeReason: '权限测试', measures: ['休耕'], produce: 'none', version: 1 },
      }
    },
  },
  {
    method: 'DELETE',
    route: '/api/safe-use-ledger/rows/:id',
    what: 'delete a row of the safe-use ledger',
    expected: right('safeUse.edit'),
    call: async () => ({ url: `/api/safe-use-ledger/rows/${(await freshLedgerYear(true)).rowId}?version=1` }),
  },
  {
    method: 'POST',
    route: '/api/safe-use-ledger/apply-measure',
    what: 'apply a measure to a parcel selected on the map',
    expected: right('safeUse.edit'),
    call: async () => ({
      url: '/api/safe-use-ledger/apply-measure',
      body: {
        adcode: '430903',
        year: (await freshLedgerYear(true)).year,
        parcelIds: [sample.parcelId],
        measure: '休耕',
      },
    }),
  },
  {
    method: 'POST',
    route: '/api/safe-use-ledger/import',
    what: 'a dry run of a safe-use ledger import (writes nothing)',
    expected: right('safeUse.edit'),
    call: async () => ({
      url: `/api/safe-use-ledger/import?adcode=430903&year=${(await freshLedgerYear(false)).year}&mode=all&dryRun=true`,
      file: { name: '台账.xlsx', bytes: await ledgerXlsx() },
    }),
  },
  // targets of 赫山区 for years before 2020, which no figure of the sample (2020, 2025) reads; one per call, removed afterwards
  {
    method: 'GET',
    route: '/api/indicators/farmland',
    what: '受污染耕地安全利用率 of the scope',
    expected: STAFF,
    call: async () => ({ url: '/api/indicators/farmland?year=2025' }),
  },
  {
    method: 'GET',
    route: '/api/indicators/farmland/rows',
    what: 'the parcels behind E of 赫山区',
    expected: STAFF,
    call: async () => ({ url: '/api/indicators/farmland/rows?adcode=430903&year=2025&term=E' }),
  },
  {
    method: 'GET',
    route: '/api/indicators/plots',
    what: '污染地块安全利用率 of the scope',
    expected: STAFF,
    call: async () => ({ url: '/api/indicators/plots?year=2025' }),
  },
  {
    method: 'GET',
    route: '/api/indicators/plots/rows',
    what: 'the redeveloped plots of 赫山区',
    expected: STAFF,
    call: async () => ({ url: '/api/indicators/plots/rows?adcode=430903&year=2025&term=total' }),
  },
  // no sample account's scope holds a 黑土区 county: past the role check every staff role gets 404 naming the county
  {
    method: 'GET',
    route: '/api/indicators/black-soil',
    what: 'the 黑土区 indicator asked for 赫山区',
    expected: { ...STAFF, farmland: 404, environment: 404, land: 404, approver: 404, admin: 404 },
    call: async () => ({ url: '/api/indicators/black-soil?adcode=430903' }),
  },
  ...(['csv', 'xlsx'] as const).map((format): Row => ({
    method: 'GET',
    route: `/api/indicators/export.${format}`,
    what: `the indicator table as ${format}`,
    expected: STAFF,
    call: async () => ({ url: `/api/indicators/export.${format}?year=2025` }),
  })),
  {
    method: 'GET',
    route: '/api/indicators/targets',
    what: 'the indicator targets',
    expected: STAFF,
    call: async () => ({ url: '/api/indicators/targets' }),
  },
  {
    method: 'POST',
    route: '/api/indicators/targets',
    what: 'set a target of 赫山区',
    expected: right('indicator.targets', 201),
    call: async () => ({
      url: '/api/indicators/targets',
      body: {
        jurisdiction: '430903',
        indicator: 'plot',
        year: 2000 + ++targetYears,
        targetPct: 92,
        comparator: 'at_least',
        source: '权限测试规划',
      },
    }),
  },
  {
    method: 'PATCH',
    route: '/api/indicators/targets/:id',
    what: 'change a target of 赫山区',
    expected: right('indicator.targets'),
    call: async () => {
      const {
        rows: [t],
      } = await db.query(
        `INSERT INTO indicator_target (jurisdiction, indicator, year, target_pct, comparator, source, confidence)
        VALUES ('430903', 'farmland', $1, 90, 'at_least', '权限测试规划', 'R') RETURNING id`,
        [2000 + ++targetYears],
      )
      return {
        url: `/api/indicators/targets/${t.id}`,
        body: { targetPct: 93, comparator: 'about', source: '权限测试规划（修订）', version: 1 },
      }
    },
  },
  {
    method: 'GET',
    route: '/api/coverage',
    what: 'monitoring coverage of the scope',
    expected: STAFF,
    call: async () => ({ url: '/api/coverage' }),
  },
  {
    method: 'GET',
    route: '/api/coverage/townships',
    what: 'coverage of the townships of 赫山区',
    expected: STAFF,
    call: async () => ({ url: '/api/coverage/townships?adcode=430903' }),
  },
  {
    method: 'GET',
    route: '/api/coverage/uncovered',
    what: 'uncovered farmland of 赫山区 (GeoJSON)',
    expected: STAFF,
    call: async () => ({ url: '/api/coverage/uncovered?adcode=430903' }),
  },
  {
    method: 'GET',
    route: '/api/coverage/points',
    what: 'active and planned points of 赫山区 (GeoJSON)',
    expected: STAFF,
    call: async () => ({ url: '/api/coverage/points?adcode=430903' }),
  },
  {
    method: 'POST',
    route: '/api/coverage/gaps',
    what: 'gap analysis of 赫山区 (saves nothing)',
    expected: STAFF,
    call: async () => ({ url: '/api/coverage/gaps', body: { adcode: '430903', k: 2, spacingKm: 10 } }),
  },
  {
    method: 'POST',
    route: '/api/coverage/gaps/accept',
    what: 'accept a gap proposal of 赫山区 as a planned point',
    expected: right('coverage.plan', 201),
    call: async () => {
      const [lon, lat] = await parcelSpot()
      return {
        url: '/api/coverage/gaps/accept',
        body: {
          adcode: '430903',
          lon,
          lat,
          level: 'county',
          type: 'basic',
          basis: { spacingKm: 10, rank: 1, gainM2: 1000 },
        },
      }
    },
  },
]

/** Routes open to anyone (each checks its own session needs, e.g. a password change). */
const PUBLIC_ROUTE = [
  /^GET \/api\/health$/,
  /^GET \/api\/session$/,
  // how many sample counties a first start has loaded: two counts, nothing of any county
  /^GET \/api\/sample-load$/,
  /^(GET|POST) \/api\/auth\//,
  /^(GET|POST) \/api\/public\//,
]
/** Tile layers anyone may read; every other layer is internal and needs a session. */
const PUBLIC_TILE_LAYERS = [
  'county',
  'township',
  'township-label',
  'county-label',
  'public-control-zone',
  'public-ban-zone',
  'public-plot',
  'public-plot-point',
  'public-water-source',
]

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  for (const caller of CALLERS) sessions[caller] = await signInAs(app, caller)
  const {
    rows: [p],
  } = await db.query(
    `SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM farmland_parcel WHERE adcode = '430903' ORDER BY id LIMIT 1`,
  )
  sample = { parcelId: Number(p.id), plotId: await freshPlot('draft'), tile: tileAt(p.lon, p.lat, 15) }
})
afterAll(async () => {
  await awaitNoActiveJob()
  await db.query(`DELETE FROM class_list WHERE rule_set_version = $1`, [EXPORT_RULE_SET])
  await db.query(`DELETE FROM class_rule_set WHERE version = $1`, [EXPORT_RULE_SET])
  await db.query(`DELETE FROM indicator_target WHERE jurisdiction = '430903' AND source LIKE '权限测试规划%'`)
  await db.query(`DELETE FROM farmland_parcel WHERE adcode = '430903' AND NOT is_generated AND created_at >= $1`, [
    startedAt,
  ])
  await db.query(`SELECT refresh_farmland_overview('430903')`)
  // the ledger years of freshLedgerYear (2040 on), so that the indicators' list of years stays the sample's
  await db.query(
    `DELETE FROM safe_use_measure m USING safe_use_account a
     WHERE m.adcode = a.adcode AND m.account_id = a.id AND a.adcode = '430903' AND a.year BETWEEN 2040 AND 2039 + $1`,
    [ledgerYears],
  )
  await db.query(`DELETE FROM safe_use_account WHERE adcode = '430903' AND year BETWEEN 2040 AND 2039 + $1`, [
    ledgerYears,
  ])
  await db.query(`DELETE FROM safe_use_ledger WHERE adcode = '430903' AND year BETWEEN 2040 AND 2039 + $1`, [
    ledgerYears,
  ])
  await db.query(
    `DELETE FROM monitoring_point WHERE adcode = '430903' AND status = 'planned' AND code LIKE '430903-GH%' AND created_at >= $1`,
    [startedAt],
  )
  await db.query(`DELETE FROM ban_zone WHERE adcode = '430903' AND name = '权限测试禁止生产区域'`)
  await db.query(`DELETE FROM farmland_parcel WHERE adcode = '430903' AND id = $1`, [strictParcelId])
  await db.close()
})

const cases = ROWS.flatMap((row) =>
  CALLERS.map((caller) => ({
    row,
    caller,
    status: row.expected[caller],
    name: `${row.method} ${row.route} (${row.what})`,
  })),
)

describe('rights matrix', () => {
  it.each(cases)('when $caller calls $name, then $status', async ({ row, caller, status }) => {
    const s = sessions[caller]
    const { url, body, file, fields } = await row.call()
    const req =
      row.method === 'GET'
        ? s.agent.get(url)
        : row.method === 'POST'
          ? s.agent.post(url)
          : row.method === 'DELETE'
            ? s.agent.delete(url)
            : s.agent.patch(url)
    const res =
      row.method === 'GET'
        ? await req
        : file
          ? await Object.entries(fields ?? {})
              .reduce((r, [k, v]) => r.field(k, v), req.set('X-CSRF-Token', s.csrfToken))
              .attach('file', file.bytes, { filename: file.name })
          : await req.set('X-CSRF-Token', s.csrfToken).send(body ?? {})
    expect(res.status, JSON.stringify(res.body)).toBe(status)
    if (status === 401) expect(res.body.error.code).toBe('UNAUTHENTICATED')
    if (status === 403) expect(res.body.error.code).toBe('FORBIDDEN')
  })
})

interface RouteOnStack {
  method: string
  path: string
}

/** Every route of the app, with the path of the router it is mounted on. */
function routesOf(stack: any[], prefix = ''): RouteOnStack[] {
  return stack.flatMap((layer): RouteOnStack[] => {
    if (layer.route) {
      if (typeof layer.route.path !== 'string') return []
      return Object.keys(layer.route.methods).map((m) => ({
        method: m === '_all' ? 'ALL' : m.toUpperCase(),
        path: prefix + layer.route.path,
      }))
    }
    if (!layer.handle?.stack) return []
    if (!layer.slash && typeof layer.rawPath !== 'string')
      throw new Error(`路由器挂载路径无法识别：${String(layer.rawPath)}`)
    return routesOf(layer.handle.stack, layer.slash ? prefix : prefix + layer.rawPath)
  })
}

describe('every internal route has a declared right', () => {
  it("when the app's routes are walked, then every /api and /tiles route is public or in the rights table", () => {
    const routes = routesOf((app as any).router.stack).filter(
      (r) => r.path.startsWith('/api/') || r.path.startsWith('/tiles/'),
    )
    expect(routes.length).toBeGreaterThan(ROWS.length / 2)
    const declared = new Set(ROWS.map((r) => `${r.method} ${r.route}`))
    const undeclared = routes
      .map((r) => `${r.method} ${r.path}`)
      .filter((key) => !declared.has(key) && !PUBLIC_ROUTE.some((p) => p.test(key)))
    expect(undeclared, '这些接口没有在权限表中声明，请在 ROWS 中为每种调用者写明应答').toEqual([])
  })

  it('when the rights table is read, then each of its routes exists in the app', () => {
    const routes = new Set(routesOf((app as any).router.stack).map((r) => `${r.method} ${r.path}`))
    for (const row of ROWS) expect(routes.has(`${row.method} ${row.route}`), `${row.method} ${row.route}`).toBe(true)
  })

  it('when the tile layers are listed, then the public ones are exactly those declared here, and every other one is refused without a session', async () => {
    expect(
      TILE_LAYERS.filter((l) => l.access === 'public')
        .map((l) => l.name)
        .sort(),
    ).toEqual([...PUBLIC_TILE_LAYERS].sort())
    for (const layer of TILE_LAYERS) {
      const res = await sessions.anonymous.agent.get(`/tiles/${layer.name}.json`)
      expect(res.status, layer.name).toBe(PUBLIC_TILE_LAYERS.includes(layer.name) ? 200 : 401)
    }
  })
})
