import { createHash } from 'node:crypto'
import JSZip from 'jszip'
import type { Database } from '../db/database.ts'
import type { ExportValue } from '../domain/class-list-export.ts'
import { AppError } from '../domain/errors.ts'
import {
  FIELD_MAP_NOTE,
  mappedFields,
  type FieldMapSetting,
  type MappedField,
} from '../domain/platform-package-field-map.ts'
import {
  PACKAGE_DATASETS,
  PACKAGE_DATASET_IDS,
  packageLayerName,
  type PackageDatasetId,
  type PackageField,
} from '../domain/platform-package-layers.ts'
import {
  CGCS2000_EPSG,
  PACKAGE_CRS,
  SHAPEFILE_ENCODING,
  dbfColumnsSql,
  toPackageRecord,
} from '../domain/platform-package-writer.ts'
import {
  PLATFORM_TARGETS,
  PLATFORM_TARGET_CODES,
  beijingTime,
  packageFileName,
  packageVersion,
  type PackageCounty,
  type PlatformTarget,
} from '../domain/platform-package.ts'
import { toPublicPlot } from '../domain/public-fields.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { findClassListHeader, listClassListEntries } from '../repos/export.repo.ts'
import {
  findPackageCounty,
  findPublishedClassList,
  listCountyReadiness,
  listPackagePlots,
  listPackageResults,
} from '../repos/platform-package.repo.ts'
import type { PlatformPackageCounties, PlatformPackageManifest } from '../../../contracts/platform-package.ts'
import type { AuthContext } from './auth.service.ts'
import type { ExportFile } from './export.service.ts'
import { convertGeoJson } from './gdal.ts'

/** The field-mapping setting and where it came from (the file an administrator keeps, or the defaults). */
export interface PlatformPackageSettings {
  fieldMap: FieldMapSetting
  /** The settings file, or null for this system's defaults. */
  fieldMapFile: string | null
}

const TEMPLATE_NOTE =
  '全国土壤环境信息化管理平台及省级子平台的数据交换模板未向本系统公开，字段名按本系统默认（拼音首字母或三调式短名），可由管理员在字段对照设置中调整；上传前请与平台的接收要求核对。'
const SCOPE_NOTE =
  '只含已审定发布的数据：最新发布的分类清单、已发布的名单名录地块（按其发布时的信息）、在用及已撤销监测点位的监测结果；草稿、待审核、退回的记录和规划点位均不在其中。'

/** One layer ready to write: its rows, how each becomes a feature and its geometry type. */
interface LayerRows<R> {
  dataset: PackageDatasetId
  fields: readonly PackageField<R>[]
  rows: (R & { geometry: string })[]
  geometryType: 'MULTIPOLYGON' | 'POINT'
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')

function fieldMapSourceText(settings: PlatformPackageSettings): string {
  return settings.fieldMapFile ? `管理员设置（${settings.fieldMapFile}）` : '本系统默认'
}

/** The county when it is in the caller's scope; else 404 (unknown) or 403 (outside the scope). */
async function scopedCounty(db: Database, ctx: AuthContext, adcode: string): Promise<PackageCounty> {
  const county = await findPackageCounty(db, adcode)
  if (!county) throw new AppError('NOT_FOUND', `本系统没有代码为 ${adcode} 的区县`, { field: 'adcode' })
  assertCountyInScope(ctx, county.adcode, county.name)
  return county
}

function noClassListMessage(county: Pick<PackageCounty, 'adcode' | 'name'>): string {
  return `${county.name}（${county.adcode}）还没有已发布的分类清单，不能生成上报数据包；请先完成分类清单的审定和发布后再导出`
}

/**
 * The layer as GeoJSON in CGCS2000 lon/lat, with one leading row of no geometry (`_ROW` 0) that the conversion
 * leaves out: it gives every column even when the layer has no rows.
 */
function layerGeoJson<R>(
  layer: LayerRows<R>,
  mapped: readonly MappedField[],
  county: PackageCounty,
  isDbf: boolean,
): string {
  const empty: Record<string, ExportValue> = {}
  for (const f of mapped) empty[f.name] = f.type === 'text' ? '' : f.type === 'integer' ? 0 : 0.5
  const features = [
    `{"type":"Feature","properties":${JSON.stringify({ ...empty, _ROW: 0 })},"geometry":null}`,
    ...layer.rows.map(
      (row) =>
        `{"type":"Feature","properties":${JSON.stringify({ ...toPackageRecord(layer.fields, mapped, row, county, { isDbf }), _ROW: 1 })},"geometry":${row.geometry}}`,
    ),
  ]
  return `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::${CGCS2000_EPSG}"}},"features":[\n${features.join(',\n')}\n]}\n`
}

/** OGR SQL for a GeoPackage: the columns' types without dBASE widths, the leading row left out. */
function gpkgColumnsSql(layerName: string, fields: readonly MappedField[]): string {
  const columns = fields.map((f) => {
    const type = f.type === 'text' ? 'character' : f.type === 'integer' ? 'integer' : 'float'
    return `CAST("${f.name}" AS ${type}) AS "${f.name}"`
  })
  return `SELECT ${columns.join(', ')} FROM "${layerName}" WHERE "_ROW" = 1`
}

interface PackageFile {
  name: string
  bytes: Uint8Array
  entry: PlatformPackageManifest['files'][number]
}

async function writeLayer<R>(
  layer: LayerRows<R>,
  county: PackageCounty,
  target: PlatformTarget,
  settings: PlatformPackageSettings,
  createdAt: Date,
): Promise<PackageFile[]> {
  const def = PACKAGE_DATASETS[layer.dataset]
  const mapped = mappedFields(layer.dataset, target, settings.fieldMap)
  const layerName = packageLayerName(layer.dataset, county.adcode)
  const common = {
    dataset: layer.dataset,
    title: def.title,
    layer: layerName,
    featureCount: layer.rows.length,
    crs: PACKAGE_CRS.code,
    fields: mapped,
  }
  const [gpkg] = await convertGeoJson(layerGeoJson(layer, mapped, county, false), {
    driver: 'GPKG',
    layerName,
    epsg: CGCS2000_EPSG,
    geometryType: layer.geometryType,
    sql: gpkgColumnsSql(layerName, mapped),
    layerCreationOptions: [`IDENTIFIER=${def.title}_${county.name}`, `DESCRIPTION=${def.description}`],
  })
  const shapeFiles = await convertGeoJson(layerGeoJson(layer, mapped, county, true), {
    driver: 'ESRI Shapefile',
    layerName,
    epsg: CGCS2000_EPSG,
    geometryType: layer.geometryType,
    sql: `${dbfColumnsSql(layerName, mapped)} WHERE "_ROW" = 1`,
    layerCreationOptions: [`ENCODING=${SHAPEFILE_ENCODING}`],
  })
  const zip = new JSZip()
  for (const f of shapeFiles) zip.file(f.name, f.bytes, { date: createdAt })
  const shpZip = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
  return [
    {
      name: `${layerName}.gpkg`,
      bytes: gpkg.bytes,
      entry: {
        ...common,
        file: `${layerName}.gpkg`,
        bytes: gpkg.bytes.length,
        sha256: sha256(gpkg.bytes),
        format: 'GPKG',
        encoding: 'UTF-8',
      },
    },
    {
      name: `${layerName}.shp.zip`,
      bytes: shpZip,
      entry: {
        ...common,
        file: `${layerName}.shp.zip`,
        bytes: shpZip.length,
        sha256: sha256(shpZip),
        format: 'ESRI Shapefile',
        encoding: SHAPEFILE_ENCODING,
        members: shapeFiles.map((f) => ({ file: f.name, bytes: f.bytes.length, sha256: sha256(f.bytes) })),
      },
    },
  ]
}

/** 清单.txt: the manifest in words, for the officer who opens the package. */
function listingText(manifest: PlatformPackageManifest): string {
  const lines = [
    `土壤环境上报数据包（${manifest.targetName}）`,
    '',
    `行政区：${manifest.county.province} ${manifest.county.city} ${manifest.county.name}（${manifest.county.adcode}）`,
    `数据包版本：${manifest.version}`,
    `分类清单：第 ${manifest.classList.id} 号“${manifest.classList.title}”，第 ${manifest.classList.publishedVersion} 次发布，发布时间 ${beijingTime(new Date(manifest.classList.publishedAt))}（北京时间）`,
    `生成时间：${manifest.createdAtBeijing}（北京时间），生成人：${manifest.createdBy}`,
    `坐标系：${manifest.crs.name}`,
    `数据范围：${manifest.scopeNote}`,
    `${manifest.fieldMapNote}（当前：${manifest.fieldMapSource}）`,
    `说明：${manifest.templateNote}`,
    '',
  ]
  for (const f of manifest.files) {
    lines.push(
      `文件 ${f.file}`,
      `  内容：${f.title}（图层 ${f.layer}），要素 ${f.featureCount} 个`,
      `  格式：${f.format === 'GPKG' ? 'GeoPackage' : 'Shapefile（zip 压缩）'}，字符编码 ${f.encoding}${f.format === 'GPKG' ? '' : '（见 .cpg）'}，坐标系 ${f.crs}`,
      `  SHA-256：${f.sha256}`,
    )
    for (const m of f.members ?? []) lines.push(`  └ ${m.file}  SHA-256：${m.sha256}`)
    lines.push('')
  }
  lines.push('字段对照（平台字段名 ← 本地字段名：中文名称 — 说明）：')
  for (const f of manifest.files.filter((x) => x.format === 'GPKG')) {
    lines.push(`【${f.title}】`)
    for (const field of f.fields) lines.push(`  ${field.name} ← ${field.source}：${field.title} — ${field.description}`)
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/**
 * 上报数据包: a county's latest published class list, its published plot lists and its monitoring results, each as
 * GeoPackage and zipped Shapefile, with manifest.json and 清单.txt. Without a published class list no package is
 * made (the platforms take the class list as the package's version), so the officer publishes first.
 */
export async function buildPlatformPackage(
  db: Database,
  ctx: AuthContext,
  query: { adcode: string; target: PlatformTarget },
  settings: PlatformPackageSettings,
  createdAt = new Date(),
): Promise<ExportFile> {
  const county = await scopedCounty(db, ctx, query.adcode)
  const published = await findPublishedClassList(db, county.adcode)
  if (!published) throw new AppError('CONFLICT', noClassListMessage(county), { reason: 'NO_PUBLISHED_CLASS_LIST' })
  const list = await findClassListHeader(db, published.id)
  if (!list) throw new AppError('CONFLICT', noClassListMessage(county), { reason: 'NO_PUBLISHED_CLASS_LIST' })
  const [entries, plots, results] = await Promise.all([
    listClassListEntries(db, county.adcode, list.id, true),
    listPackagePlots(db, county.adcode),
    listPackageResults(db, county.adcode),
  ])

  const write = <R>(layer: LayerRows<R>) => writeLayer(layer, county, query.target, settings, createdAt)
  const files = [
    ...(await write({
      dataset: 'class_list',
      fields: PACKAGE_DATASETS.class_list.fields,
      rows: entries.map((entry) => ({ entry, list, geometry: entry.geometry ?? 'null' })),
      geometryType: 'MULTIPOLYGON',
    })),
    ...(await write({
      dataset: 'plots',
      fields: PACKAGE_DATASETS.plots.fields,
      rows: plots.map((row) => ({ ...toPublicPlot(row), geometry: row.geometry })),
      geometryType: 'MULTIPOLYGON',
    })),
    ...(await write({
      dataset: 'monitoring',
      fields: PACKAGE_DATASETS.monitoring.fields,
      rows: results,
      geometryType: 'POINT',
    })),
  ]

  const manifest: PlatformPackageManifest = {
    format: 'soil-platform-package/1',
    target: query.target,
    targetName: PLATFORM_TARGETS[query.target].name,
    county: { adcode: county.adcode, name: county.name, city: county.city, province: county.province },
    version: packageVersion(county.adcode, published, createdAt),
    createdAt: createdAt.toISOString(),
    createdAtBeijing: beijingTime(createdAt),
    createdBy: `${ctx.user.displayName}（${ctx.user.username}）`,
    classList: {
      id: list.id,
      title: list.title,
      ruleSetVersion: list.ruleSetVersion,
      publishedVersion: published.publishedVersion,
      publishedAt: (list.publishedAt ?? createdAt).toISOString(),
      parcelCount: entries.length,
    },
    crs: { ...PACKAGE_CRS },
    fieldMapNote: FIELD_MAP_NOTE,
    fieldMapSource: fieldMapSourceText(settings),
    templateNote: TEMPLATE_NOTE,
    scopeNote: SCOPE_NOTE,
    files: files.map((f) => f.entry),
  }
  const zip = new JSZip()
  for (const f of files) zip.file(f.name, f.bytes, { date: createdAt })
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date: createdAt })
  zip.file('清单.txt', listingText(manifest), { date: createdAt })
  return {
    contentType: 'application/zip',
    fileName: packageFileName(county, query.target, createdAt),
    body: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
  }
}

/** The caller's counties with what a package of each would hold, and the field mapping of both platforms. */
export async function listPackageCounties(
  db: Database,
  ctx: AuthContext,
  settings: PlatformPackageSettings,
): Promise<PlatformPackageCounties> {
  const rows = await listCountyReadiness(db, scopeAdcodes(ctx))
  return {
    targets: PLATFORM_TARGET_CODES.map((code) => ({ code, name: PLATFORM_TARGETS[code].name })),
    counties: rows.map((r) => ({
      adcode: r.adcode,
      name: r.name,
      classList: r.list && {
        id: r.list.id,
        title: r.list.title,
        publishedAt: new Date(r.list.publishedAt).toISOString(),
        parcelCount: r.list.parcelCount,
      },
      plots: r.plots,
      results: r.results,
      refusal: r.list ? null : noClassListMessage(r),
    })),
    fieldMapNote: FIELD_MAP_NOTE,
    fieldMapSource: fieldMapSourceText(settings),
    layers: PACKAGE_DATASET_IDS.map((dataset) => {
      const national = mappedFields(dataset, 'national', settings.fieldMap)
      const provincial = mappedFields(dataset, 'provincial', settings.fieldMap)
      return {
        dataset,
        code: PACKAGE_DATASETS[dataset].code,
        title: PACKAGE_DATASETS[dataset].title,
        fields: national.map((f, i) => ({
          source: f.source,
          title: f.title,
          national: f.name,
          provincial: provincial[i].name,
        })),
      }
    }),
  }
}
