import crypto from 'node:crypto'
import type { Geometry } from 'geojson'
import type { Database } from '../db/database.ts'
import {
  CODE_FIELDS,
  NAME_FIELDS,
  PROVINCE_OF_CODE,
  UNIT_PROBLEM,
  defaultField,
  judgeUnitMeasures,
  mapUnits,
  normaliseUnitCode,
  type AdminUnitCheckSettings,
  type RawUnit,
  type UnitProblem,
} from '../domain/admin-units.ts'
import { AppError } from '../domain/errors.ts'
import { scopeWithin } from '../domain/roles.ts'
import {
  findRecordsOutside,
  insertUnitHistory,
  insertUnitImport,
  measureUnits,
  replaceTownships,
  upsertCounty,
  type FeatureToMeasure,
  type MeasuredUnit,
  type RecordsOutside,
  type TownshipChange,
} from '../repos/admin-units.repo.ts'
import { readUnitLayers, type UnitLayer } from './admin-units-file.ts'
import type { DbfEncoding } from './layer-file.ts'
import type { UploadGuardSettings } from './upload-guard.ts'

/** Settings of the import of administrative units (config.adminUnits; R 待核实, a choice of this system). */
export interface AdminUnitSettings extends AdminUnitCheckSettings {
  maxBytes: number
  /** Features one file may hold. */
  maxFeatures: number
  /** Above this many vertices in all, the preview map gets simplified outlines (the apply keeps them whole). */
  previewMaxVertices: number
  /** How long a preview can be applied, minutes. */
  previewMinutes: number
  /** Area of a stored polygon record outside the new county outline that is still counted as inside, m². */
  recordOutsideToleranceM2: number
  uploadGuard: UploadGuardSettings
}

/** Who acts. */
export interface UnitActor {
  user: { id: number; username: string; scopes: readonly string[] }
}

export interface PreviewOptions {
  /** Layers to load (default: every polygon layer). */
  layers?: string[]
  codeField?: string
  nameField?: string
  /** The county to load when the file holds several. */
  adcode?: string
  centralMeridian?: number
  /** The text encoding of a Shapefile's .dbf, when the administrator chose one. */
  encoding?: DbfEncoding
}

interface LayerSummary {
  name: string
  fields: string[]
  geometryType: string
  featureCount: number
  encoding: { encoding: string; how: string; reason: string } | null
  isSelected: boolean
  codeField: string | null
  nameField: string | null
  crs:
    | { ok: true; epsg: number; name: string; label: string; how: string; reason: string; warnings: string[] }
    | { ok: false; code: string; message: string }
  /** A few decoded names, so the officer sees the text reads right. */
  sampleNames: string[]
}

/** What a preview holds to be applied later. */
interface StoredPreview {
  userId: number
  expiresAt: number
  adcode: string
  countyName: string | null
  countyGeojson: string
  townships: { code: string; name: string; geojson: string }[]
  fileName: string
}

/** The history's action for each change of a township. */
const ACTION_OF_CHANGE = { added: 'create', replaced: 'update', removed: 'delete' } as const

const PREVIEWS_KEPT = 20
/** Longest edge of a projected outline before its transformation to longitude/latitude, m. */
const MAX_EDGE_M = 50
const previews = new Map<string, StoredPreview>()

function keepPreview(p: StoredPreview): string {
  const now = Date.now()
  for (const [id, old] of previews) if (old.expiresAt < now) previews.delete(id)
  while (previews.size >= PREVIEWS_KEPT) previews.delete(previews.keys().next().value!)
  const id = crypto.randomBytes(12).toString('base64url')
  previews.set(id, p)
  return id
}

const isPolygonText = (g: string | null) => g !== null && /^\{\s*"type"\s*:\s*"(Multi)?Polygon"/.test(g)

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim())

function vertexCount(features: FeatureToMeasure[]): number {
  return features.reduce((n, f) => n + (f.geojson.match(/\],\[/g)?.length ?? 0), 0)
}

/** The county of the preview as the form will show it. */
function describeCounty(
  adcode: string,
  m: Awaited<ReturnType<typeof measureUnits>>,
  units: MeasuredUnit[],
): { adcode: string; name: string | null; province: string; cityCode: string; city: string | null; isNew: boolean } {
  const own = units.find((u) => u.level === 'county')
  return {
    adcode,
    name: own?.name ?? m.existing?.name ?? null,
    province: PROVINCE_OF_CODE[adcode.slice(0, 2)],
    cityCode: m.existing?.cityCode ?? m.sameCity?.cityCode ?? `${adcode.slice(0, 4)}00`,
    city: m.existing?.city ?? m.sameCity?.city ?? null,
    isNew: m.existing === null,
  }
}

/** 行政区管理: administrative units loaded from a file, previewed and then applied in one transaction. */
export class AdminUnitsService {
  constructor(
    private readonly db: Database,
    private readonly settings: AdminUnitSettings,
  ) {}

  /**
   * Reads the file, maps its fields, detects each layer's CRS, checks the codes and the outlines (townships inside
   * their county, not overlapping, gaps) and what replacing the county would leave outside. Writes nothing.
   */
  async preview(actor: UnitActor, fileName: string, bytes: Uint8Array, options: PreviewOptions) {
    const layers = await readUnitLayers(fileName, bytes, {
      guard: this.settings.uploadGuard,
      layers: options.layers,
      encoding: options.encoding,
      centralMeridian: options.centralMeridian,
    })
    if (layers.length === 0) throw new AppError('VALIDATION', `“${fileName}”中没有图层`, { reason: 'NO_LAYER' })
    const unknownLayer = options.layers?.find((n) => !layers.some((l) => l.name === n))
    if (unknownLayer)
      throw new AppError(
        'VALIDATION',
        `文件中没有名为“${unknownLayer}”的图层；图层有：${layers.map((l) => l.name).join('、')}`,
        {
          reason: 'UNKNOWN_LAYER',
          field: 'layers',
        },
      )
    const problems: UnitProblem[] = []
    const raw: RawUnit[] = []
    const source: { layer: UnitLayer; geometry: string }[] = []
    const summaries: LayerSummary[] = layers.map((l) => {
      const isSelected = l.features !== null || (options.layers ? options.layers.includes(l.name) : l.isPolygon)
      const sample = l.features?.slice(0, 3) ?? []
      const codeField =
        options.codeField && l.fields.includes(options.codeField)
          ? options.codeField
          : defaultField(l.fields, CODE_FIELDS)
      const nameField =
        options.nameField && l.fields.includes(options.nameField)
          ? options.nameField
          : defaultField(l.fields, NAME_FIELDS)
      return {
        name: l.name,
        fields: l.fields,
        geometryType: l.geometryType,
        featureCount: l.featureCount,
        encoding: l.encoding && { encoding: l.encoding.encoding, how: l.encoding.how, reason: l.encoding.reason },
        isSelected,
        codeField: codeField ?? null,
        nameField: nameField ?? null,
        crs: l.crs.ok
          ? { ok: true, ...l.crs.crs, reason: l.crsReason, warnings: l.crs.warnings }
          : { ok: false, code: l.crs.code, message: l.crs.message },
        sampleNames: nameField ? sample.map((f) => text(f.properties[nameField])) : [],
      }
    })
    for (const [i, l] of layers.entries()) {
      const s = summaries[i]
      if (!s.isSelected) continue
      if (!l.crs.ok || !l.features) {
        if (l.crs.ok) continue
        throw new AppError('GEOMETRY_CHECK', `图层“${l.name}”：${l.crs.message}`, {
          reason: l.crs.code,
          layers: summaries,
        })
      }
      if (!s.codeField || !s.nameField) {
        throw new AppError(
          'VALIDATION',
          `图层“${l.name}”中找不到${!s.codeField ? '代码' : '名称'}字段（默认找 ${(!s.codeField ? CODE_FIELDS : NAME_FIELDS).join('、')}）；请选择代码和名称所在的字段；图层字段有：${l.fields.join('、') || '（无）'}`,
          { reason: 'FIELD_NOT_FOUND', field: !s.codeField ? 'codeField' : 'nameField', layers: summaries },
        )
      }
      for (const f of l.features) {
        raw.push({
          layer: l.name,
          index: f.index,
          code: text(f.properties[s.codeField]),
          name: text(f.properties[s.nameField]),
          isPolygon: isPolygonText(f.geometry),
        })
        source.push({ layer: l, geometry: f.geometry ?? 'null' })
      }
    }
    if (raw.length === 0)
      throw new AppError('VALIDATION', '所选图层中没有要素，请选择行政区（面）图层', {
        reason: 'NO_FEATURE',
        layers: summaries,
      })
    if (raw.length > this.settings.maxFeatures)
      throw new AppError(
        'VALIDATION',
        `所选图层共有 ${raw.length} 个要素，超过上限 ${this.settings.maxFeatures} 个；请只选择区县和乡镇图层`,
        { reason: 'TOO_MANY_FEATURES', layers: summaries },
      )
    const mapped = mapUnits(raw, options.adcode)
    problems.push(...mapped.problems)
    if (!mapped.adcode) {
      throw new AppError(
        'VALIDATION',
        mapped.countiesFound.length
          ? `文件中有 ${mapped.countiesFound.length} 个区县（${mapped.countiesFound.join('、')}），请选择本次导入哪一个`
          : '文件中没有代码有效的区县或乡镇，请核对代码字段',
        {
          reason: mapped.countiesFound.length ? 'CHOOSE_COUNTY' : 'NO_UNIT',
          field: mapped.countiesFound.length ? 'adcode' : 'codeField',
          countiesFound: mapped.countiesFound,
          layers: summaries,
          preview: { problems },
        },
      )
    }
    const adcode = mapped.adcode
    if (!scopeWithin(adcode, actor.user.scopes))
      problems.push({
        code: UNIT_PROBLEM.OUT_OF_SCOPE,
        severity: 'error',
        message: `区县 ${adcode} 不在您的管辖范围（${actor.user.scopes.join('、')}）内，不能导入`,
      })
    const keyOf = (u: RawUnit) => `${u.layer}\u0000${u.index}`
    const sourceOf = new Map(raw.map((u, i) => [keyOf(u), source[i]]))
    const features: FeatureToMeasure[] = mapped.units.map((u) => {
      const { layer, geometry } = sourceOf.get(keyOf(u))!
      const n = normaliseUnitCode(u.code)
      return {
        level: u.level,
        unitCode: u.unitCode,
        name: u.name,
        isVillageName: n.ok && n.cut === 'village',
        layer: u.layer,
        index: u.index,
        geojson: geometry,
        epsg: layer.crs.ok ? layer.crs.crs.epsg : 4490,
      }
    })
    const simplify = vertexCount(features) > this.settings.previewMaxVertices ? 0.0002 : 0
    const m = await measureUnits(this.db, adcode, features, simplify, MAX_EDGE_M)
    problems.push(...judgeUnitMeasures(m, this.settings))
    const county = describeCounty(adcode, m, m.units)
    const townships = m.units.filter((u) => u.level === 'township')
    const recordsOutside: RecordsOutside[] =
      !county.isNew && m.county.geojson
        ? await findRecordsOutside(this.db, adcode, m.county.geojson, this.settings.recordOutsideToleranceM2)
        : []
    if (!m.county.geojson)
      problems.push({ code: UNIT_PROBLEM.NO_UNIT, severity: 'error', message: '没有可用的区县或乡镇边界' })
    const errors = problems.filter((p) => p.severity === 'error').length
    const previewId =
      errors === 0 && m.county.geojson
        ? keepPreview({
            userId: actor.user.id,
            expiresAt: Date.now() + this.settings.previewMinutes * 60_000,
            adcode,
            countyName: county.name,
            countyGeojson: m.county.geojson,
            townships: townships.map((t) => ({ code: t.code, name: t.name, geojson: t.geojson })),
            fileName,
          })
        : null
    return {
      previewId,
      expiresInMinutes: previewId ? this.settings.previewMinutes : null,
      fileName,
      layers: summaries,
      countiesFound: mapped.countiesFound,
      county: { ...county, areaM2: m.county.areaM2, existing: m.existing },
      townships: townships.map((t) => ({ code: t.code, name: t.name, areaM2: t.areaM2, features: t.features })),
      removedTownships: m.leftOut,
      counts: {
        features: raw.length,
        townships: townships.length,
        errors,
        warnings: problems.filter((p) => p.severity === 'warning').length,
      },
      problems,
      recordsOutside,
      bbox: m.bbox,
      map: {
        type: 'FeatureCollection' as const,
        features: [
          ...(m.county.preview
            ? [
                {
                  type: 'Feature' as const,
                  properties: { level: 'county', code: adcode, name: county.name ?? adcode },
                  geometry: m.county.preview,
                },
              ]
            : []),
          ...townships.map((t) => ({
            type: 'Feature' as const,
            properties: { level: 'township', code: t.code, name: t.name },
            geometry: t.preview as Geometry,
          })),
        ],
      },
    }
  }

  /**
   * Applies a preview in one transaction: the county created or its outline replaced (every record keeps its
   * county code), its townships replaced by code, the change in the history; reports what now lies outside.
   */
  async apply(actor: UnitActor, input: { previewId: string; countyName?: string; cityCode: string; city: string }) {
    const p = previews.get(input.previewId)
    if (!p || p.expiresAt < Date.now() || p.userId !== actor.user.id)
      throw new AppError('NOT_FOUND', '预览已过期或不存在，请重新上传文件并预览后再导入', { reason: 'PREVIEW_EXPIRED' })
    if (!scopeWithin(p.adcode, actor.user.scopes))
      throw new AppError('OUT_OF_SCOPE', `区县 ${p.adcode} 不在您的管辖范围内，不能导入`)
    const name = input.countyName?.trim() || p.countyName
    if (!name)
      throw new AppError('VALIDATION', '文件中没有区县要素，请填写区县名称', {
        reason: 'COUNTY_NAME_REQUIRED',
        field: 'countyName',
      })
    if (input.cityCode.slice(0, 2) !== p.adcode.slice(0, 2))
      throw new AppError('VALIDATION', `地级市代码 ${input.cityCode} 与区县 ${p.adcode} 不在同一省`, {
        reason: 'CITY_CODE_MISMATCH',
        field: 'cityCode',
      })
    const province = PROVINCE_OF_CODE[p.adcode.slice(0, 2)]
    previews.delete(input.previewId)
    const result = await this.db
      .transaction(async (tx) => {
        const county = await upsertCounty(tx, {
          adcode: p.adcode,
          name,
          cityCode: input.cityCode,
          city: input.city.trim(),
          province,
          geojson: p.countyGeojson,
          source: `行政区文件导入：${p.fileName}`,
        })
        let changes: TownshipChange[] = []
        if (p.townships.length) {
          try {
            changes = await replaceTownships(tx, p.adcode, p.townships)
          } catch (err) {
            if ((err as { code?: string }).code !== '23503') throw err
            throw new AppError(
              'CONFLICT',
              '文件中没有的某个乡镇仍有图斑或监测点记录属于它（可能是预览之后新增的），未导入任何内容；请重新预览查看',
              { reason: UNIT_PROBLEM.TOWNSHIP_STILL_USED },
            )
          }
        }
        await insertUnitHistory(tx, p.adcode, actor.user.username, `行政区文件导入：${p.fileName}`, [
          {
            entity: 'county',
            action: county.before === null ? 'create' : 'update',
            code: p.adcode,
            before: county.before,
            after: { name, city_code: input.cityCode, city: input.city.trim(), province, area_m2: county.areaM2 },
          },
          ...changes.map((c) => ({
            entity: 'township' as const,
            action: ACTION_OF_CHANGE[c.change],
            code: c.code,
            before: c.beforeName === null ? null : { name: c.beforeName, area_m2: c.beforeAreaM2 },
            after: c.change === 'removed' ? null : { name: c.name, area_m2: c.areaM2 },
          })),
        ])
        const outside = county.before
          ? await findRecordsOutside(tx, p.adcode, p.countyGeojson, this.settings.recordOutsideToleranceM2)
          : []
        const count = (c: TownshipChange['change']) => changes.filter((x) => x.change === c).length
        const townships = { added: count('added'), replaced: count('replaced'), removed: count('removed') }
        const importId = await insertUnitImport(tx, {
          adcode: p.adcode,
          fileName: p.fileName,
          actor: actor.user.username,
          isNewCounty: county.before === null,
          ...townships,
          recordsOutside: outside,
        })
        return { importId, isNew: county.before === null, areaM2: county.areaM2, townships, outside }
      })
      .catch((err: unknown) => {
        previews.set(input.previewId, p)
        throw err
      })
    return {
      importId: result.importId,
      adcode: p.adcode,
      name,
      isNew: result.isNew,
      areaM2: result.areaM2,
      townships: result.townships,
      recordsOutside: result.outside,
    }
  }
}
