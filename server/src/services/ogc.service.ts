import type { Database } from '../db/database.ts'
import type { CoverageSettings } from '../domain/coverage.ts'
import { AppError } from '../domain/errors.ts'
import {
  CGCS2000,
  epsgCrsUri,
  isFirstAxisNorth,
  outputSridOf,
  SUPPORTED_CRS,
  type ItemsQuery,
  type OutputCrs,
  type SupportedCrs,
} from '../domain/ogc.ts'
import { CLASS_LABEL } from '../domain/classify-farmland.ts'
import { gaussKrugerSrid } from '../domain/gap-analysis.ts'
import { industryNameOf, labelOf, ENTERPRISE_STATUS } from '../domain/labels.ts'
import { LAND_CLASSES, landClassOf } from '../domain/land-class.ts'
import {
  INTERNAL_COLLECTIONS,
  mayReadInternal,
  readableAdcodes,
  type InternalCollectionId,
  type OgcReader,
} from '../domain/ogc-access.ts'
import { toPublicControlZone, toPublicPlot, type Bbox, type PublicCounty } from '../domain/public-fields.ts'
import {
  listCountyCentroids,
  pageCountyOutlines,
  pageInternal,
  pagePublishedPlots,
  pagePublishedZones,
  pageInternalFeatures,
  pageTownshipOutlines,
  writesWholeFeatures,
  type PageParams,
} from '../repos/ogc.repo.ts'
import { listPublicCounties } from './public.service.ts'

/** One page of features as GeoJSON Feature texts (geometry written by PostGIS), and where the next page starts. */
export interface FeaturePage {
  /** Each Feature's GeoJSON as UTF-8 bytes. */
  features: Buffer[]
  /** The cursor of the next page; null on the last page. */
  next: string | null
  /** The cursor of the page before (it starts with `-`); null on the first page. */
  prev: string | null
}

interface Collection {
  id: string
  title: string
  description: string
  /** `internal`: listed and served only to a key issued for it or a signed-in staff member, within their counties. */
  access: 'public' | 'internal'
  /** A page of `query.limit` features after `query.cursor`, or the one feature `featureId`, of the reader's counties. */
  page(query: ItemsQuery, featureId: string | null, reader: OgcReader): Promise<FeaturePage>
}

/** A Feature's text: the id, PostGIS's geometry text as it is, and the public properties (never a row passed through). */
function featureText(id: number | string, geometry: string, properties: object): string {
  return `{"type":"Feature","id":${JSON.stringify(id)},"geometry":${geometry},"properties":${JSON.stringify(properties)}}`
}

const withoutBbox = <T extends { bbox: Bbox }>({ bbox: _bbox, ...rest }: T) => rest

/** The cursor `<county code>.<id>` of a collection kept per county; the first page starts before every county. */
function parseCountyCursor(cursor: string | null): PageParams['after'] {
  if (cursor === null) return { adcode: '', id: 0 }
  const m = /^(\d{6})\.(\d{1,15})$/.exec(cursor)
  if (!m)
    throw new AppError('VALIDATION', '参数 cursor 无效，请从上一页的 next 链接翻页', {
      reason: 'INVALID_PARAMETER',
      field: 'cursor',
    })
  return { adcode: m[1], id: Number(m[2]) }
}

function parseNumericId(featureId: string): number | null {
  return /^\d{1,15}$/.test(featureId) ? Number(featureId) : null
}

/**
 * The page's rows (one more than the page is read, to know whether a page lies beyond it) in key order, and the
 * cursors of the pages after and before it. Read backwards (`query.backward`), the rows come last first.
 */
function paged<R>(
  rows: R[],
  query: Pick<ItemsQuery, 'limit' | 'cursor' | 'backward'>,
  cursorOf: (row: R) => string,
  text: (row: R) => string | Buffer,
): FeaturePage {
  const beyond = rows.length > query.limit
  const page = rows.slice(0, query.limit)
  if (query.backward) page.reverse()
  const first = page[0]
  const last = page[page.length - 1]
  return {
    features: page.map((row) => {
      const feature = text(row)
      return typeof feature === 'string' ? Buffer.from(feature) : feature
    }),
    next: query.backward ? (last ? cursorOf(last) : null) : beyond ? cursorOf(last) : null,
    prev: query.backward
      ? beyond
        ? `-${cursorOf(first)}`
        : null
      : query.cursor !== null && first
        ? `-${cursorOf(first)}`
        : null,
  }
}

const INTERNAL_DESCRIPTION: Record<InternalCollectionId, string> = {
  'farmland-parcels':
    '耕地图斑：编号、乡镇、地类编码、面积（亩）、已发布的类别（优先保护类、安全利用类、严格管控类）及划分依据摘要',
  'monitoring-points': '土壤环境监测点位：级别、类型、状态及最近一次采样（日期、介质、pH、含量 mg/kg）',
  'contaminated-plots': '污染地块（含未发布的）：编号、名称、状态、风险等级、原行业、审核状态',
  'class-list':
    '各区县最新发布的耕地土壤环境质量类别清单：清单编号、名称、发布版本和发布时间，每个图斑的编号、乡镇、地类、面积（亩）、类别、划分方法、土壤等级、主要污染物及划分依据摘要',
  'control-zones-internal': '管控区域（含未发布的）：编码、名称、审核状态、已发布版本、公告、监测要求及涉及的污染地块',
  enterprises: '土壤污染重点监管单位：统一社会信用代码、名称、行业、生产状态及厂区范围',
  'land-context': '第三次全国国土调查地类图斑（耕地图斑以外的）：标识码、地类编码、地类名称、图斑面积（平方米）',
  'basic-farmland': '永久基本农田图斑：标识码、图斑编号、地类编码、图斑面积（平方米）、坐落单位',
}

/** An enterprise's properties with the Chinese names of its industry and status. */
function withEnterpriseLabels(properties: Record<string, unknown>): Record<string, unknown> {
  return {
    ...properties,
    industry_name: industryNameOf(String(properties.industry), properties.industry_other as string | null),
    status_name: labelOf(ENTERPRISE_STATUS, properties.status as string),
  }
}

/** A 三调 feature's properties with the class the context base map draws it in (GB/T 21010-2017 first level). */
function withLandClass(properties: Record<string, unknown>): Record<string, unknown> {
  const landClass = landClassOf(String(properties.dlbm))
  return { ...properties, land_class: landClass, land_class_name: LAND_CLASSES.find((c) => c.key === landClass)!.name }
}

/**
 * The Chinese names the page statements that write whole Features put beside codes (jsonb, passed as a parameter):
 * the same tables the rest of the server labels with.
 */
export const FEATURE_LABELS = JSON.stringify({ class_label: CLASS_LABEL })

/** What the service adds to the row of an internal collection: Chinese names beside codes. */
const INTERNAL_PROPERTIES: Partial<
  Record<InternalCollectionId, (p: Record<string, unknown>) => Record<string, unknown>>
> = {
  enterprises: withEnterpriseLabels,
  'land-context': withLandClass,
}

/**
 * The collections of OGC API - Features open to anyone: exactly what the public page serves (published registry
 * plots with their negative lists, published control zones with their announcements, counties with the coverage of
 * their monitoring networks), built with the public page's own field lists.
 */
export class OgcService {
  readonly collections: readonly Collection[]

  constructor(
    private readonly db: Database,
    private readonly coverage: CoverageSettings,
  ) {
    this.collections = [
      {
        id: 'plots',
        title: '污染地块名录（公开）',
        description:
          '已发布的疑似污染地块名单、污染地块名录、建设用地土壤污染风险管控和修复名录及已移出名录的地块，含负面清单（不得用作的用途）',
        access: 'public',
        page: (query, featureId) => this.plots(query, featureId),
      },
      {
        id: 'control-zones',
        title: '管控区域（公开）',
        description: '已发布的土壤污染风险管控区域及其公告',
        access: 'public',
        page: (query, featureId) => this.zones(query, featureId),
      },
      {
        id: 'counties',
        title: '区县与监测点位覆盖（公开）',
        description: '区县界线及其土壤环境监测点位覆盖情况（仅计数）',
        access: 'public',
        page: (query, featureId) => this.counties(query, featureId),
      },
      {
        id: 'townships',
        title: '乡镇（街道）界线（公开）',
        description: '公开地图上的乡镇（街道）界线：乡镇代码、名称及所在区县',
        access: 'public',
        page: (query, featureId) => this.townships(query, featureId),
      },
      ...INTERNAL_COLLECTIONS.map(({ id, title }): Collection => ({
        id,
        title,
        description: INTERNAL_DESCRIPTION[id],
        access: 'internal',
        page: (query, featureId, reader) => this.internal(id, query, featureId, reader),
      })),
    ]
  }

  /** The collections `reader` may read: the public ones, and the internal ones of a key or a staff session. */
  visibleCollections(reader: OgcReader): Collection[] {
    return this.collections.filter((c) => c.access === 'public' || mayReadInternal(reader, c.id))
  }

  /** The collection `id` when `reader` may read it; an internal one the reader may not read is as unknown (404). */
  collection(id: string, reader: OgcReader): Collection {
    const visible = this.visibleCollections(reader)
    const found = visible.find((c) => c.id === id)
    if (!found) throw new AppError('NOT_FOUND', `没有名为“${id}”的数据集，可用：${visible.map((c) => c.id).join('、')}`)
    return found
  }

  /** The joint extent of the served counties, in CRS84. */
  async extent(): Promise<Bbox | null> {
    return (await listPublicCounties(this.db, this.coverage)).bbox
  }

  /**
   * The CRSs features are served in (Part 2 §6.2): CRS84, EPSG:4490 and the 3° Gauss-Krüger CRS of each county
   * served, its central meridian the multiple of 3° nearest the centroid of the county's outline.
   */
  async offeredCrs(): Promise<OutputCrs[]> {
    const srids = new Set((await listCountyCentroids(this.db)).map((c) => gaussKrugerSrid(c.lon)))
    return [...SUPPORTED_CRS, ...[...srids].sort((a, b) => a - b).map((srid) => epsgCrsUri(srid) as OutputCrs)]
  }

  /** The EPSG code features are written in; a Gauss-Krüger CRS of no county served is refused (Part 2 §6.2.1). */
  private async outputSrid(crs: OutputCrs): Promise<number> {
    const srid = outputSridOf(crs)
    if (srid === 4490) return srid
    const offered = await this.offeredCrs()
    if (offered.includes(crs)) return srid
    const message = `参数 crs 的坐标系“${crs}”不是本服务所含区县的高斯-克吕格投影，可用：${offered.join('、')}`
    throw new AppError('VALIDATION', message, { problems: [{ code: 'INVALID_PARAMETER', message, field: 'crs' }] })
  }

  private async params(query: ItemsQuery, featureId: string | null): Promise<PageParams> {
    return {
      after: featureId === null ? parseCountyCursor(query.cursor) : { adcode: '', id: 0 },
      rows: featureId === null ? query.limit + 1 : 1,
      bbox: featureId === null ? query.bbox : null,
      latitudeFirst: isFirstAxisNorth(query.crs),
      id: featureId === null ? null : (parseNumericId(featureId) ?? -1),
      srid: await this.outputSrid(query.crs),
      filter: featureId === null ? query.filter : null,
      backward: featureId === null && query.backward,
    }
  }

  private async plots(query: ItemsQuery, featureId: string | null): Promise<FeaturePage> {
    const rows = await pagePublishedPlots(this.db, await this.params(query, featureId))
    return paged(
      rows,
      query,
      (r) => `${r.adcode}.${r.id}`,
      (r) => featureText(Number(r.id), r.geometry, withoutBbox(toPublicPlot(r))),
    )
  }

  private async zones(query: ItemsQuery, featureId: string | null): Promise<FeaturePage> {
    const rows = await pagePublishedZones(this.db, await this.params(query, featureId))
    return paged(
      rows,
      query,
      (r) => `${r.adcode}.${r.id}`,
      (r) => featureText(Number(r.id), r.geometry, withoutBbox(toPublicControlZone(r))),
    )
  }

  private async internal(
    id: InternalCollectionId,
    query: ItemsQuery,
    featureId: string | null,
    reader: OgcReader,
  ): Promise<FeaturePage> {
    const params = await this.params(query, featureId)
    if (writesWholeFeatures(id)) {
      const features = await pageInternalFeatures(this.db, id, params, readableAdcodes(reader), FEATURE_LABELS)
      return paged(
        features,
        query,
        ([adcode, rowId]) => `${adcode.toString('latin1')}.${rowId.toString('latin1')}`,
        ([, , feature]) => feature,
      )
    }
    const rows = await pageInternal(this.db, id, params, readableAdcodes(reader))
    const described = INTERNAL_PROPERTIES[id] ?? ((properties) => properties)
    return paged(
      rows,
      query,
      (r) => `${r.adcode}.${r.id}`,
      ({ id: rowId, geometry, ...properties }) => featureText(Number(rowId), geometry, described(properties)),
    )
  }

  private async counties(query: ItemsQuery, featureId: string | null): Promise<FeaturePage> {
    const cursor = featureId === null ? query.cursor : null
    if (cursor !== null && !/^\d{6}$/.test(cursor))
      throw new AppError('VALIDATION', '参数 cursor 无效，请从上一页的 next 链接翻页', {
        reason: 'INVALID_PARAMETER',
        field: 'cursor',
      })
    const served = new Map<string, PublicCounty>(
      (await listPublicCounties(this.db, this.coverage)).counties.map((c) => [c.adcode, c]),
    )
    const rows = await pageCountyOutlines(this.db, {
      after: cursor ?? '',
      rows: featureId === null ? query.limit + 1 : 1,
      bbox: featureId === null ? query.bbox : null,
      latitudeFirst: isFirstAxisNorth(query.crs),
      code: featureId,
      srid: await this.outputSrid(query.crs),
      filter: featureId === null ? query.filter : null,
      backward: featureId === null && query.backward,
    })
    // outlines of counties the service does not serve are left out before paging
    return paged(
      rows.filter((r) => served.has(r.adcode)),
      { ...query, cursor },
      (r) => r.adcode,
      (r) => featureText(r.adcode, r.geometry, withoutBbox(served.get(r.adcode)!)),
    )
  }

  /** A page of the township outlines the public map draws, keyed by township code. */
  private async townships(query: ItemsQuery, featureId: string | null): Promise<FeaturePage> {
    const cursor = featureId === null ? query.cursor : null
    if (cursor !== null && !/^\d{9}$/.test(cursor))
      throw new AppError('VALIDATION', '参数 cursor 无效，请从上一页的 next 链接翻页', {
        reason: 'INVALID_PARAMETER',
        field: 'cursor',
      })
    const rows = await pageTownshipOutlines(this.db, {
      after: cursor ?? '',
      rows: featureId === null ? query.limit + 1 : 1,
      bbox: featureId === null ? query.bbox : null,
      latitudeFirst: isFirstAxisNorth(query.crs),
      code: featureId === null ? null : /^\d{9}$/.test(featureId) ? featureId : '',
      srid: await this.outputSrid(query.crs),
      filter: featureId === null ? query.filter : null,
      backward: featureId === null && query.backward,
    })
    return paged(
      rows,
      query,
      (r) => r.code,
      ({ geometry, ...properties }) => featureText(properties.code, geometry, properties),
    )
  }
}

/** The CRSs a collection offers and the one it is stored in (Part 2 §6.2). */
export const COLLECTION_CRS: { crs: readonly SupportedCrs[]; storageCrs: SupportedCrs } = {
  crs: SUPPORTED_CRS,
  storageCrs: CGCS2000,
}
