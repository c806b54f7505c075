import type {
  WaterSourceImportResult,
  WaterSourcePublicationResult,
  WaterSourceZoneList,
} from '../../../contracts/water-source.ts'
import type { Database } from '../db/database.ts'
import { AppError, type Problem } from '../domain/errors.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import {
  mapFields,
  readZoneValues,
  SOURCE_TYPE,
  ZONE_LEVEL,
  type MappedField,
  type ZoneLevel,
} from '../domain/water-source.ts'
import { centralMeridianNear } from '../domain/crs-detect.ts'
import { describeInvalidity } from '../domain/outline-checks.ts'
import { findCountyLongitudes } from '../repos/precheck-upload.repo.ts'
import {
  checkZoneGeometries,
  listZones,
  replaceZones,
  setZonesPublished,
  type ZoneToWrite,
} from '../repos/water-source.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { describeLayerFile, readLayerFeatures, type DbfEncoding } from './layer-file.ts'
import { runHeavyUpload, type UploadGuardSettings } from './upload-guard.ts'

/** 饮用水水源保护区 import and display; every value a local setting (R 待核实), not a standard. */
export interface WaterSourceSettings {
  maxBytes: number
  /** Most features one file may hold. */
  maxFeatures: number
  /** Monitoring points within this distance of a zone are listed in its info (WATER_SOURCE_NEAR_M). */
  nearM: number
  uploadGuard: UploadGuardSettings
}

export interface WaterSourceImportOptions {
  adcode: string
  fields: Partial<Record<MappedField, string>>
  encoding?: DbfEncoding
  centralMeridian?: number
}

/** Longest edge of a projected outline before it is transformed to CGCS2000 longitude/latitude, m. */
const SEGMENT_M = 50
/** Area of a zone outside the county below which it is not mentioned (edge tracing), m². */
const OUTSIDE_NOTE_M2 = 1

const place = (lon: number | null, lat: number | null): { location?: [number, number] } =>
  lon === null || lat === null ? {} : { location: [lon, lat] }

async function countyName(db: Database, adcode: string): Promise<string> {
  const { rows } = await db.query<{ name: string }>('SELECT name FROM county WHERE adcode = $1::char(6)', [adcode])
  if (!rows[0]) throw new AppError('NOT_FOUND', `没有区县代码为 ${adcode} 的区县`, { field: 'adcode' })
  return rows[0].name
}

/** The zones of the counties of the caller's scope (or of one of them). */
export async function listWaterSourceZones(
  db: Database,
  ctx: AuthContext,
  adcode: string | undefined,
  settings: WaterSourceSettings,
): Promise<WaterSourceZoneList> {
  if (adcode) assertCountyInScope(ctx, adcode, await countyName(db, adcode))
  const rows = await listZones(db, adcode ? [adcode] : scopeAdcodes(ctx))
  return {
    nearM: settings.nearM,
    zones: rows.map((r) => ({
      id: r.id,
      adcode: r.adcode,
      county: r.county,
      sourceName: r.source_name,
      sourceType: r.source_type,
      sourceTypeName: SOURCE_TYPE[r.source_type],
      level: r.level,
      levelName: ZONE_LEVEL[r.level],
      approvalNo: r.approval_no,
      isPublished: r.is_published,
      areaM2: r.area_m2,
      fileName: r.file_name,
      importedBy: r.imported_by,
      importedAt: new Date(r.imported_at).toISOString(),
      bbox: r.bbox,
    })),
  }
}

/** Publishes (发布) or withdraws (撤回) all zones of a county of the caller's scope. */
export async function publishWaterSourceZones(
  db: Database,
  ctx: AuthContext,
  adcode: string,
  published: boolean,
): Promise<WaterSourcePublicationResult> {
  const name = await countyName(db, adcode)
  assertCountyInScope(ctx, adcode, name)
  const zones = await setZonesPublished(db, adcode, published)
  if (zones === 0)
    throw new AppError('CONFLICT', `${name}还没有导入饮用水水源保护区，无可${published ? '发布' : '撤回'}的内容`, {
      reason: 'NO_ZONES',
    })
  return { adcode, published, zones }
}

/**
 * Replaces a county's 饮用水水源保护区 with those of a file (GeoJSON or zipped Shapefile, CGCS2000 longitude/latitude
 * or 3°/6° Gauss-Krüger): the values are read through the field mapping, the geometries checked set-wise in PostGIS
 * (validity, the county), and only a file without a refused feature is written, in one statement. A refusal lists
 * every feature at fault with its reason and place. The new zones are not published.
 */
export async function importWaterSourceZones(
  db: Database,
  ctx: AuthContext,
  file: { fileName: string; bytes: Uint8Array },
  options: WaterSourceImportOptions,
  settings: WaterSourceSettings,
): Promise<WaterSourceImportResult> {
  const county = await countyName(db, options.adcode)
  assertCountyInScope(ctx, options.adcode, county)
  const [lon] = await findCountyLongitudes(db, [options.adcode])
  const layerOptions = {
    guard: settings.uploadGuard,
    encoding: options.encoding,
    meridianHints: [
      options.centralMeridian === undefined
        ? { county, centralMeridian: centralMeridianNear(lon.lon) }
        : { county: '填写的中央经线', centralMeridian: options.centralMeridian },
    ],
  }
  const { info, crs, features } = await runHeavyUpload(settings.uploadGuard, async () => {
    const info = await describeLayerFile(file, layerOptions)
    if (!info.crs.ok)
      throw new AppError('VALIDATION', `“${file.fileName}”的坐标系无法使用：${info.crs.message}`, {
        reason: info.crs.code,
      })
    const crs = info.crs.crs
    const features: { index: number; properties: Record<string, unknown>; geometry: string | null }[] = []
    for await (const batch of readLayerFeatures(file, layerOptions, 500)) {
      features.push(...batch.map((f, i) => ({ ...f, index: features.length + i + 1 })))
      if (features.length > settings.maxFeatures)
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `“${file.fileName}”超过 ${settings.maxFeatures} 个要素，请只导出饮用水水源保护区图层后上传`,
        )
    }
    return { info, crs, features }
  })
  const epsg = crs.epsg
  if (features.length === 0)
    throw new AppError('IMPORT_REJECTED', `“${file.fileName}”中没有要素`, { reason: 'NO_FEATURES' })
  const fields = mapFields(
    info.layer.fields.map((f) => f.name),
    options.fields,
  )
  const problems: Problem[] = []
  const withGeometry = features.filter((f) => {
    if (f.geometry !== null) return true
    problems.push({ code: 'NO_GEOMETRY', message: `第 ${f.index} 个要素没有图形`, index: f.index })
    return false
  })
  const checks = await checkZoneGeometries(
    db,
    options.adcode,
    withGeometry.map((f) => ({ index: f.index, geometry: f.geometry! })),
    epsg,
    SEGMENT_M,
  )
  const checkOf = new Map(checks.map((c) => [c.idx, c]))
  const zones: ZoneToWrite[] = []
  const warnings: string[] = []
  for (const f of withGeometry) {
    const where = `第 ${f.index} 个要素`
    const c = checkOf.get(f.index)!
    const at = place(c.lon, c.lat)
    const values = readZoneValues(f.properties, fields, where)
    if (!values.ok) problems.push({ code: values.code, message: values.message, index: f.index, ...at })
    if (!['POLYGON', 'MULTIPOLYGON'].includes(c.kind)) {
      problems.push({ code: 'NOT_POLYGON', message: `${where}不是面（读到 ${c.kind}）`, index: f.index, ...at })
      continue
    }
    if (!c.valid) {
      const [finding] = describeInvalidity(c, `${where}的边界`)
      problems.push({ code: finding.code, message: finding.message, index: f.index, ...at })
      continue
    }
    if (!c.meets_county) {
      problems.push({
        code: 'OUTSIDE_COUNTY',
        message: `${where}不在${county}境内（位置约 ${c.lon?.toFixed(6)}°E, ${c.lat?.toFixed(6)}°N），请核对坐标系或区县`,
        index: f.index,
        ...at,
      })
      continue
    }
    if (c.outside_m2 > OUTSIDE_NOTE_M2)
      warnings.push(`${where}有 ${Math.round(c.outside_m2)} 平方米在${county}境外，只保留境内部分`)
    if (values.ok) zones.push({ index: f.index, geometry: f.geometry!, ...values })
  }
  if (problems.length)
    throw new AppError(
      'IMPORT_REJECTED',
      `“${file.fileName}”有 ${new Set(problems.map((p) => p.index)).size} 个要素不能导入，未作任何修改；请改正后重新上传`,
      { problems },
    )
  const written = await db.transaction((tx) =>
    replaceZones(tx, options.adcode, zones, {
      epsg,
      segmentM: SEGMENT_M,
      fileName: file.fileName,
      username: ctx.user.username,
    }),
  )
  const byLevel: Record<ZoneLevel, number> = { level1: 0, level2: 0, quasi: 0 }
  for (const z of zones) byLevel[z.level]++
  return {
    adcode: options.adcode,
    fileName: file.fileName,
    fields: {
      name: fields.name ?? null,
      type: fields.type ?? null,
      level: fields.level ?? null,
      approvalNo: fields.approvalNo ?? null,
    },
    crs: `${crs.label}（${info.crsReason}）`,
    encoding: info.encoding ? `${info.encoding.encoding}（${info.encoding.reason}）` : null,
    removed: written.removed,
    added: written.added,
    byLevel,
    warnings,
  }
}
