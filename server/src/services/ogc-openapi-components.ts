import { CRS84, DEFAULT_LIMIT, MAX_LIMIT, SUPPORTED_CRS } from '../domain/ogc.ts'

/* The shared parts of the OGC API document: its parameters, schemas and error responses (components). */

export const ref = (kind: 'schemas' | 'parameters' | 'responses', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
})

export const crsParameter = (name: string, description: string, crs: readonly string[] = SUPPORTED_CRS) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string', format: 'uri', enum: [...crs], default: CRS84 },
  style: 'form',
  explode: false,
})

const formatParameter = (formats: string[], description: string) => ({
  name: 'f',
  in: 'query',
  required: false,
  description,
  schema: { type: 'string', enum: formats },
  style: 'form',
  explode: false,
})

export const PARAMETERS = {
  limit: {
    name: 'limit',
    in: 'query',
    required: false,
    description: `每页要素数，1 到 ${MAX_LIMIT}，默认 ${DEFAULT_LIMIT}；超过 ${MAX_LIMIT} 按 ${MAX_LIMIT} 返回`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
    style: 'form',
    explode: false,
  },
  bbox: {
    name: 'bbox',
    in: 'query',
    required: false,
    description: '只返回与该矩形相交的要素：最小经度,最小纬度,最大经度,最大纬度（坐标系见 bbox-crs）',
    schema: { type: 'array', minItems: 4, maxItems: 4, items: { type: 'number' } },
    style: 'form',
    explode: false,
  },
  bboxCrs: crsParameter('bbox-crs', 'bbox 所用坐标系，默认 CRS84（经度在前）；EPSG:4490 时纬度在前'),
  cursor: {
    name: 'cursor',
    in: 'query',
    required: false,
    description: '翻页位置，由上一页 rel="next" 链接给出，请勿自行编写',
    schema: { type: 'string', maxLength: 64 },
    style: 'form',
    explode: false,
  },
  datetime: {
    name: 'datetime',
    in: 'query',
    required: false,
    description: '按日期筛选：一个时刻，或以“/”分隔的时段（“..”表示不限），RFC 3339 格式；仅对有日期的数据集有效',
    schema: { type: 'string' },
    style: 'form',
    explode: false,
  },
  filter: {
    name: 'filter',
    in: 'query',
    required: false,
    description: '按属性和空间条件筛选，CQL2 文本（OGC 21-065）；可用的属性见该数据集的 queryables',
    schema: { type: 'string' },
    style: 'form',
    explode: false,
  },
  filterLang: {
    name: 'filter-lang',
    in: 'query',
    required: false,
    description: 'filter 的语言：cql2-text（CQL2 文本）；cql-text 为其旧称，同样接受',
    schema: { type: 'string', enum: ['cql2-text', 'cql-text'], default: 'cql2-text' },
    style: 'form',
    explode: false,
  },
  filterCrs: crsParameter('filter-crs', 'filter 中几何所用坐标系，默认 CRS84（经度在前）'),
  key: {
    name: 'key',
    in: 'query',
    required: false,
    description: '数据共享密钥（也可放在请求头 X-API-Key 中）；公开数据集不需要',
    schema: { type: 'string' },
    style: 'form',
    explode: false,
  },
  fData: formatParameter(
    ['json', 'geojson', 'html'],
    '返回格式：json 或 geojson（默认）、html（网页）；不给时按 Accept 请求头',
  ),
  fDocument: formatParameter(['json', 'html'], '返回格式：json（默认）或 html（网页）；不给时按 Accept 请求头'),
  featureId: {
    name: 'featureId',
    in: 'path',
    required: true,
    description: '要素编号（items 中各要素的 id）',
    schema: { type: 'string' },
  },
}

const LINK = {
  type: 'object',
  required: ['href', 'rel'],
  properties: {
    href: { type: 'string', format: 'uri' },
    rel: { type: 'string' },
    type: { type: 'string' },
    title: { type: 'string' },
    hreflang: { type: 'string' },
  },
}

export const SCHEMAS = {
  link: LINK,
  landingPage: {
    type: 'object',
    required: ['links'],
    properties: {
      title: { type: 'string' },
      description: { type: 'string' },
      links: { type: 'array', items: ref('schemas', 'link') },
    },
  },
  confClasses: {
    type: 'object',
    required: ['conformsTo'],
    properties: { conformsTo: { type: 'array', items: { type: 'string', format: 'uri' } } },
  },
  extent: {
    type: 'object',
    properties: {
      spatial: {
        type: 'object',
        properties: {
          bbox: {
            type: 'array',
            minItems: 1,
            items: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
          },
          crs: { type: 'string', format: 'uri', default: CRS84 },
        },
      },
    },
  },
  collection: {
    type: 'object',
    required: ['id', 'links'],
    properties: {
      id: { type: 'string' },
      title: { type: 'string' },
      description: { type: 'string' },
      links: { type: 'array', items: ref('schemas', 'link') },
      extent: ref('schemas', 'extent'),
      itemType: { type: 'string', default: 'feature' },
      crs: { type: 'array', items: { type: 'string', format: 'uri' } },
      storageCrs: { type: 'string', format: 'uri' },
    },
  },
  collections: {
    type: 'object',
    required: ['links', 'collections'],
    properties: {
      links: { type: 'array', items: ref('schemas', 'link') },
      collections: { type: 'array', items: ref('schemas', 'collection') },
    },
  },
  geometry: {
    type: 'object',
    nullable: true,
    required: ['type'],
    description: 'GeoJSON 几何（RFC 7946），由 PostGIS 写出',
    properties: {
      type: {
        type: 'string',
        enum: ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'],
      },
      coordinates: { type: 'array', items: {} },
    },
  },
  feature: {
    type: 'object',
    required: ['type', 'geometry', 'properties'],
    properties: {
      type: { type: 'string', enum: ['Feature'] },
      id: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
      geometry: ref('schemas', 'geometry'),
      properties: { type: 'object', nullable: true },
      links: { type: 'array', items: ref('schemas', 'link') },
    },
  },
  featureCollection: {
    type: 'object',
    required: ['type', 'features'],
    properties: {
      type: { type: 'string', enum: ['FeatureCollection'] },
      features: { type: 'array', items: ref('schemas', 'feature') },
      links: { type: 'array', items: ref('schemas', 'link') },
      timeStamp: { type: 'string', format: 'date-time' },
      numberReturned: { type: 'integer', minimum: 0 },
    },
  },
  queryables: {
    type: 'object',
    description: '可用于筛选的属性，JSON Schema（OGC 19-079r2 第 3 部分）',
    required: ['type', 'properties'],
    properties: {
      $schema: { type: 'string' },
      $id: { type: 'string' },
      type: { type: 'string', enum: ['object'] },
      title: { type: 'string' },
      properties: { type: 'object', additionalProperties: { type: 'object' } },
    },
  },
  problem: {
    type: 'object',
    required: ['error'],
    description: '出错说明：code 为错误类别，message 为中文说明，details.problems 列出每一处问题及所在参数',
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string' },
          message: { type: 'string' },
          details: {
            type: 'object',
            properties: {
              problems: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['code', 'message'],
                  properties: {
                    code: { type: 'string' },
                    message: { type: 'string' },
                    field: { type: 'string' },
                    index: { type: 'integer' },
                    location: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
}

export const html = { 'text/html': { schema: { type: 'string' } } }

const problemResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('schemas', 'problem') } },
})

export const RESPONSES = {
  badRequest: problemResponse('参数有误，说明中指出是哪个参数'),
  unauthorized: problemResponse('数据共享密钥无效、已过期或已吊销'),
  notFound: problemResponse('没有这个数据集或要素（无权读取的内部数据集也如此回答）'),
}
