import { describe, expect, it } from 'vitest'
import { crsLabel, fieldTypeLabel } from '../../server/src/domain/sharing-catalogue.ts'

const epsg = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`

describe('crsLabel', () => {
  it.each([
    [
      'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
      '经纬度，经度在前（OGC:CRS84；QGIS、ArcGIS、GDAL 默认；数据本身为 CGCS2000）',
    ],
    [epsg(4490), 'CGCS2000 地理坐标（EPSG:4490，纬度在前）'],
    [epsg(4513), 'CGCS2000 3度带高斯-克吕格投影，第 25 带（中央经线 75°，坐标含带号，单位米；EPSG:4513）'],
    [epsg(4525), 'CGCS2000 3度带高斯-克吕格投影，第 37 带（中央经线 111°，坐标含带号，单位米；EPSG:4525）'],
    [epsg(4533), 'CGCS2000 3度带高斯-克吕格投影，第 45 带（中央经线 135°，坐标含带号，单位米；EPSG:4533）'],
    [epsg(4534), 'CGCS2000 3度带高斯-克吕格投影，中央经线 75°（坐标不含带号，单位米；EPSG:4534）'],
    [epsg(4545), 'CGCS2000 3度带高斯-克吕格投影，中央经线 108°（坐标不含带号，单位米；EPSG:4545）'],
    [epsg(4554), 'CGCS2000 3度带高斯-克吕格投影，中央经线 135°（坐标不含带号，单位米；EPSG:4554）'],
    [epsg(4491), 'CGCS2000 6度带高斯-克吕格投影，第 13 带（中央经线 75°，坐标含带号，单位米；EPSG:4491）'],
    [epsg(4502), 'CGCS2000 6度带高斯-克吕格投影，中央经线 75°（坐标不含带号，单位米；EPSG:4502）'],
    [epsg(4512), 'CGCS2000 6度带高斯-克吕格投影，中央经线 135°（坐标不含带号，单位米；EPSG:4512）'],
    [epsg(3857), 'EPSG:3857'],
    ['urn:unknown', 'urn:unknown'],
  ])('when the CRS is %s, then it reads “%s”', (uri, label) => {
    expect(crsLabel(uri)).toBe(label)
  })
})

describe('fieldTypeLabel', () => {
  it.each([
    ['string', '文本'],
    ['integer', '整数'],
    ['number', '数值'],
    ['boolean', '是/否'],
    ['date', '日期'],
    ['date-time', '日期时间'],
    ['array', '列表'],
    ['object', '结构化数据'],
    ['geometry', 'geometry'],
  ])('when the type is %s, then it reads %s', (type, label) => {
    expect(fieldTypeLabel(type)).toBe(label)
  })
})
