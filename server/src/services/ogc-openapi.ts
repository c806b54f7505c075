import { SUPPORTED_CRS } from '../domain/ogc.ts'
import { isQueryable, queryablesOf } from '../domain/ogc-queryables.ts'
import { PARAMETERS, RESPONSES, SCHEMAS, crsParameter, html, ref } from './ogc-openapi-components.ts'

/** The media type of the OpenAPI 3.0 document (OGC 17-069r4 §7.3, requirement /req/oas30/oas-definition-1). */
export const OPENAPI_MEDIA_TYPE = 'application/vnd.oai.openapi+json;version=3.0'

/** A collection as the document describes it. */
export interface DocumentedCollection {
  id: string
  title: string
  description: string
  access: 'public' | 'internal'
}

/** An OpenAPI 3.0 document as plain data. */
export interface OpenApiDocument {
  openapi: string
  info: { title: string; version: string; description: string }
  servers: { url: string; description: string }[]
  tags: { name: string; description: string }[]
  paths: Record<string, Record<string, unknown>>
  components: Record<string, Record<string, unknown>>
  security: Record<string, string[]>[]
}

const errors = { '400': ref('responses', 'badRequest'), '401': ref('responses', 'unauthorized') }

const ok = (description: string, type: string, schema: string) => ({
  '200': { description, content: { [type]: { schema: ref('schemas', schema) }, ...html } },
})

const withGeoJson = (description: string, schema: string) => ({
  '200': {
    description,
    content: {
      'application/geo+json': { schema: ref('schemas', schema) },
      'application/json': { schema: ref('schemas', schema) },
      ...html,
    },
  },
})

/** The parameters of an items request other than a property's name (a property so named is left out). */
const RESERVED = new Set([
  'limit',
  'bbox',
  'bbox-crs',
  'crs',
  'cursor',
  'datetime',
  'filter',
  'filter-lang',
  'filter-crs',
  'key',
  'f',
])

/**
 * A query parameter for each queryable property of collection `id` (OGC 19-079r2 Part 3, property filters: equality
 * on the property). Listed on the items path, so that GDAL's OAPIF driver sends its `-where` to the server.
 */
function propertyParameters(id: string) {
  return (queryablesOf(id)?.properties ?? [])
    .filter(isQueryable)
    .filter((p) => !RESERVED.has(p.name))
    .map((p) => ({
      name: p.name,
      in: 'query',
      required: false,
      description: `按“${p.title}”筛选（等于）：${p.description}`,
      schema: {
        type: p.type,
        ...(p.format ? { format: p.format } : {}),
        ...(p.enum ? { enum: [...p.enum] } : {}),
      },
      style: 'form',
      explode: false,
    }))
}

/** Who may read an internal collection: a key issued for it (header or query), or a signed-in staff member. */
const INTERNAL_SECURITY = [{ apiKeyHeader: [] }, { apiKeyQuery: [] }]

function collectionPaths(c: DocumentedCollection): Record<string, Record<string, unknown>> {
  const crs = ref('parameters', 'crs')
  const access = c.access === 'public' ? '公开，无须密钥' : '内部：须持有为该数据集签发的数据共享密钥，或已登录本系统'
  const common = {
    tags: [c.id],
    ...(c.access === 'internal' ? { security: INTERNAL_SECURITY } : {}),
  }
  const notFound = { '404': ref('responses', 'notFound') }
  const base = `/collections/${c.id}`
  return {
    [base]: {
      get: {
        ...common,
        operationId: `describe.${c.id}`,
        summary: `数据集说明：${c.title}`,
        description: `${c.description}。${access}`,
        parameters: [ref('parameters', 'fDocument'), ref('parameters', 'key')],
        responses: {
          ...ok('数据集的说明、范围、坐标系和链接', 'application/json', 'collection'),
          ...errors,
          ...notFound,
        },
      },
    },
    [`${base}/items`]: {
      get: {
        ...common,
        operationId: `items.${c.id}`,
        summary: `要素：${c.title}`,
        description: `按页返回要素（GeoJSON），下一页见 rel="next" 链接。${access}`,
        parameters: [
          ...[
            'limit',
            'bbox',
            'bboxCrs',
            'crs',
            'cursor',
            'datetime',
            'filter',
            'filterLang',
            'filterCrs',
            'key',
            'fData',
          ].map((p) => ref('parameters', p)),
          ...propertyParameters(c.id),
        ],
        responses: { ...withGeoJson('一页要素', 'featureCollection'), ...errors, ...notFound },
      },
    },
    [`${base}/items/{featureId}`]: {
      get: {
        ...common,
        operationId: `item.${c.id}`,
        summary: `单个要素：${c.title}`,
        description: `按编号返回一个要素。${access}`,
        parameters: [ref('parameters', 'featureId'), crs, ref('parameters', 'key'), ref('parameters', 'fData')],
        responses: { ...withGeoJson('一个要素', 'feature'), ...errors, ...notFound },
      },
    },
    [`${base}/queryables`]: {
      get: {
        ...common,
        operationId: `queryables.${c.id}`,
        summary: `可筛选属性：${c.title}`,
        description: `filter 中可用的属性及其含义、类型。${access}`,
        parameters: [ref('parameters', 'fDocument'), ref('parameters', 'key')],
        responses: {
          '200': {
            description: '可筛选属性（JSON Schema）',
            content: { 'application/schema+json': { schema: ref('schemas', 'queryables') }, ...html },
          },
          ...errors,
          ...notFound,
        },
      },
    },
  }
}

/**
 * The OpenAPI 3.0 document of the OGC API - Features service at `serviceUrl` (OGC 17-069r4 §7.3 and conformance class
 * OpenAPI 3.0): the landing page, conformance, the collections and, for each collection given, its description,
 * items, single feature and queryables. Give only the collections the reader may read: an internal collection named
 * in the document is already a disclosure. `outputCrs`: the CRSs features may be asked in (`crs`).
 */
export function buildOgcOpenApi(
  serviceUrl: string,
  collections: readonly DocumentedCollection[],
  outputCrs: readonly string[] = SUPPORTED_CRS,
): OpenApiDocument {
  const docParams = [ref('parameters', 'fDocument'), ref('parameters', 'key')]
  const service = (operationId: string, summary: string, description: string, schema: string) => ({
    get: {
      tags: ['service'],
      operationId,
      summary,
      description,
      parameters: docParams,
      responses: { ...ok(summary, 'application/json', schema), ...errors },
    },
  })
  return {
    openapi: '3.0.3',
    info: {
      title: '土壤环境一张图 · 数据共享服务（OGC API - Features）',
      version: '1.0.0',
      description:
        '按 OGC API - Features 标准（OGC 17-069r4 第 1 部分、18-058r1 第 2 部分）提供的图层。公开数据集任何人可读；' +
        '内部数据集须持有系统管理员签发的数据共享密钥（请求头 X-API-Key 或参数 key），或已登录本系统，且只返回所辖区县的数据。' +
        'QGIS、ArcGIS Pro 以“OGC API - Features / WFS 3”方式添加本服务地址即可。',
    },
    servers: [{ url: serviceUrl, description: '本服务' }],
    tags: [
      { name: 'service', description: '服务说明：首页、遵循的标准、数据集列表、本文档' },
      ...collections.map((c) => ({ name: c.id, description: c.title })),
    ],
    paths: {
      '/': service('landingPage', '服务首页', '服务名称、说明和各资源的链接', 'landingPage'),
      '/conformance': service('conformance', '遵循的标准', '本服务遵循的 OGC API 一致性类别', 'confClasses'),
      '/api': {
        get: {
          tags: ['service'],
          operationId: 'openapi',
          summary: '接口说明（本文档）',
          description: 'OpenAPI 3.0 文档；f=html 为网页',
          parameters: docParams,
          responses: {
            '200': {
              description: 'OpenAPI 3.0 文档',
              content: { [OPENAPI_MEDIA_TYPE]: { schema: { type: 'object' } }, ...html },
            },
            ...errors,
          },
        },
      },
      '/collections': service('collections', '数据集列表', '可读取的数据集及其链接', 'collections'),
      ...Object.assign({}, ...collections.map(collectionPaths)),
    },
    components: {
      schemas: SCHEMAS,
      parameters: {
        ...PARAMETERS,
        crs: crsParameter(
          'crs',
          '返回坐标所用坐标系，默认 CRS84（经度在前）；EPSG:4490 时纬度在前；区县的 3 度带高斯-克吕格投影时北坐标在前（米）',
          outputCrs,
        ),
      },
      responses: RESPONSES,
      securitySchemes: {
        apiKeyHeader: {
          type: 'apiKey',
          in: 'header',
          name: 'X-API-Key',
          description: '数据共享密钥，放在请求头（QGIS“HTTP 头”认证，GDAL 用 GDAL_HTTP_HEADERS）',
        },
        apiKeyQuery: { type: 'apiKey', in: 'query', name: 'key', description: '数据共享密钥，作为参数 key' },
      },
    },
    security: [{}, { apiKeyHeader: [] }, { apiKeyQuery: [] }],
  }
}
