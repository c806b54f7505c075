import { describe, expect, it } from 'vitest'
import {
  acceptedCrsOf,
  centralMeridianNear,
  checkExtentFits,
  detectFromCrsName,
  detectFromPrj,
  detectFromRanges,
  gaussKrugerEpsg,
  legacyCrsName,
  type CrsResult,
  type Extent,
} from '../../server/src/domain/crs-detect.ts'

/** .prj texts as ArcGIS writes them: `projinfo EPSG:xxxx -o WKT1_ESRI` (PROJ 9.1), one line each. */
const GCS =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
function esriGk(name: string, fe: number, cm: number, gcs = GCS, projection = 'Gauss_Kruger', scale = 1): string {
  return `PROJCS["${name}",${gcs},PROJECTION["${projection}"],PARAMETER["False_Easting",${fe.toFixed(1)}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm.toFixed(1)}],PARAMETER["Scale_Factor",${scale === 1 ? '1.0' : scale}],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
}
const XIAN_GCS =
  'GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
const BEIJING_GCS =
  'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
const WGS84_GCS =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
/** `projinfo EPSG:4527 -o WKT1_GDAL` (QGIS and GDAL write this form). */
const OGC_4527 =
  'PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 39",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",117],PARAMETER["scale_factor",1],PARAMETER["false_easting",39500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4527"]]'

function epsgOf(result: CrsResult): number | string {
  return result.ok ? result.crs.epsg : result.code
}

describe('EPSG codes of the CGCS2000 families (EPSG database, PROJ 9)', () => {
  it.each([
    [4490, 'China Geodetic Coordinate System 2000'],
    [4491, 'CGCS2000 / Gauss-Kruger zone 13'],
    [4501, 'CGCS2000 / Gauss-Kruger zone 23'],
    [4502, 'CGCS2000 / Gauss-Kruger CM 75E'],
    [4509, 'CGCS2000 / Gauss-Kruger CM 117E'],
    [4512, 'CGCS2000 / Gauss-Kruger CM 135E'],
    [4513, 'CGCS2000 / 3-degree Gauss-Kruger zone 25'],
    [4527, 'CGCS2000 / 3-degree Gauss-Kruger zone 39'],
    [4533, 'CGCS2000 / 3-degree Gauss-Kruger zone 45'],
    [4534, 'CGCS2000 / 3-degree Gauss-Kruger CM 75E'],
    [4546, 'CGCS2000 / 3-degree Gauss-Kruger CM 111E'],
    [4554, 'CGCS2000 / 3-degree Gauss-Kruger CM 135E'],
  ])('when EPSG:%i is looked up, then its PROJ name is %s', (epsg, name) => {
    expect(acceptedCrsOf(epsg)?.name).toBe(name)
  })

  it.each([4489, 4555, 2383, 3857, 32649])(
    'when EPSG:%i is looked up, then it is not a CGCS2000 CRS the pre-check accepts',
    (epsg) => {
      expect(acceptedCrsOf(epsg)).toBeUndefined()
    },
  )

  it.each([
    [4610, 'Xian 1980'],
    [4214, 'Beijing 1954'],
    [2327, 'Xian 1980 / Gauss-Kruger zone 13'],
    [2348, 'Xian 1980 / Gauss-Kruger CM 135E'],
    [2363, 'Xian 1980 / 3-degree Gauss-Kruger zone 39'],
    [2383, 'Xian 1980 / 3-degree Gauss-Kruger CM 114E'],
    [2401, 'Beijing 1954 / 3-degree Gauss-Kruger zone 25'],
    [2436, 'Beijing 1954 / 3-degree Gauss-Kruger CM 117E'],
    [21413, 'Beijing 1954 / Gauss-Kruger zone 13'],
    [21463, 'Beijing 1954 / Gauss-Kruger CM 135E'],
  ])('when legacy EPSG:%i is looked up, then it is named %s', (epsg, name) => {
    expect(legacyCrsName(epsg)).toBe(name)
  })

  it('when a CGCS2000 code is looked up as legacy, then it is not', () => {
    expect(legacyCrsName(4527)).toBeUndefined()
    expect(legacyCrsName(2400)).toBeUndefined()
  })
})

describe('false easting and central meridian → EPSG (the robust .prj rule)', () => {
  it.each([
    [39_500_000, 117, false, 4527],
    [25_500_000, 75, false, 4513],
    [45_500_000, 135, false, 4533],
    [20_500_000, 117, false, 4498],
    [13_500_000, 75, false, 4491],
    [500_000, 111, false, 4546],
    [500_000, 75, false, 4534],
    [500_000, 135, false, 4554],
    [500_000, 117, true, 4509],
    [500_000, 114, true, 4547],
  ])('when FE is %i and CM %i° (6° name: %s), then the code is EPSG:%i', (fe, cm, six, epsg) => {
    expect(gaussKrugerEpsg(fe, cm, six)).toEqual({ epsg })
  })

  it.each([
    [39_500_000, 114, '带号 39（3 度带）的中央经线应为 117°'],
    [20_500_000, 120, '带号 20（6 度带）的中央经线应为 117°'],
    [500_000, 112, '中央经线 112° 不是 75°–135° 之间 3 的倍数'],
    [39_400_000, 117, '东伪偏移 39400000 米既不是 500000'],
    [50_500_000, 150, '带号 50 不在中国的 3 度带'],
    [24_500_000, 72, '带号 24 不在中国的 3 度带'],
  ])('when FE is %i and CM %i°, then it is refused: %s', (fe, cm, words) => {
    const result = gaussKrugerEpsg(fe, cm)
    expect('problem' in result && result.problem).toContain(words)
  })
})

describe('CRS from a .prj', () => {
  it.each([
    ['CGCS2000 geographic', GCS, 4490],
    ['3° zone 39 (prefixed)', esriGk('CGCS2000_3_Degree_GK_Zone_39', 39_500_000, 117), 4527],
    ['3° CM 111E (unprefixed)', esriGk('CGCS2000_3_Degree_GK_CM_111E', 500_000, 111), 4546],
    ['6° zone 20 (prefixed)', esriGk('CGCS2000_GK_Zone_20', 20_500_000, 117), 4498],
    ['6° CM 117E (unprefixed)', esriGk('CGCS2000_GK_CM_117E', 500_000, 117), 4509],
    ['OGC WKT from GDAL/QGIS (Transverse_Mercator)', OGC_4527, 4527],
    ['a custom name with the right parameters', esriGk('赫山区2000坐标', 38_500_000, 114), 4526],
    ['WGS 84 geographic', WGS84_GCS, 4326],
    ['a byte-order mark and a line break', `\uFEFF${GCS}\r\n`, 4490],
  ])('when the .prj is %s, then the CRS is found from it', (_what, prj, epsg) => {
    const result = detectFromPrj(prj)
    expect(epsgOf(result)).toBe(epsg)
    expect(result.ok && result.crs.how).toBe('prj')
  })

  it('when the .prj is WGS 84, then a warning says it is used as CGCS2000', () => {
    const result = detectFromPrj(WGS84_GCS)
    expect(result.ok && result.warnings.join()).toContain('按 CGCS2000 经纬度使用')
  })

  it.each([
    ['Xian 1980 geographic', XIAN_GCS, 'GCS_Xian_1980', '西安 1980 坐标系'],
    [
      'Xian 1980 3° zone 39',
      esriGk('Xian_1980_3_Degree_GK_Zone_39', 39_500_000, 117, XIAN_GCS),
      'Xian_1980_3_Degree_GK_Zone_39',
      '西安 1980 坐标系',
    ],
    [
      'Xian 1980 3° CM 114E',
      esriGk('Xian_1980_3_Degree_GK_CM_114E', 500_000, 114, XIAN_GCS),
      'Xian_1980_3_Degree_GK_CM_114E',
      '西安 1980 坐标系',
    ],
    ['Beijing 1954 geographic', BEIJING_GCS, 'GCS_Beijing_1954', '北京 1954 坐标系'],
    [
      'Beijing 1954 3° CM 117E',
      esriGk('Beijing_1954_3_Degree_GK_CM_117E', 500_000, 117, BEIJING_GCS),
      'Beijing_1954_3_Degree_GK_CM_117E',
      '北京 1954 坐标系',
    ],
  ])('when the .prj is %s, then LEGACY_CRS names the CRS found', (_what, prj, name, datum) => {
    const result = detectFromPrj(prj)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.code).toBe('LEGACY_CRS')
      expect(result.message).toContain(`“${name}”`)
      expect(result.message).toContain(datum)
      expect(result.message).toContain('CGCS2000')
    }
  })

  it.each([
    [
      'WGS 84 UTM 49N',
      esriGk('WGS_1984_UTM_Zone_49N', 500_000, 111, WGS84_GCS, 'Transverse_Mercator', 0.9996),
      'WGS_1984_UTM_Zone_49N',
      'UTM',
    ],
    [
      'another datum',
      'GEOGCS["GCS_Tokyo",DATUM["D_Tokyo",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
      'GCS_Tokyo',
      'D_Tokyo',
    ],
    [
      'a Lambert projection',
      esriGk('CGCS2000_Lambert', 500_000, 111, GCS, 'Lambert_Conformal_Conic'),
      'CGCS2000_Lambert',
      'Lambert_Conformal_Conic',
    ],
    [
      'a zone whose meridian is wrong',
      esriGk('CGCS2000_3_Degree_GK_Zone_39', 39_500_000, 114),
      'CGCS2000_3_Degree_GK_Zone_39',
      '中央经线应为 117°',
    ],
    [
      'a scale factor of 0.9996',
      esriGk('CGCS2000_TM', 500_000, 111, GCS, 'Transverse_Mercator', 0.9996),
      'CGCS2000_TM',
      '比例因子 0.9996',
    ],
    [
      'feet',
      esriGk('CGCS2000_3_Degree_GK_CM_111E', 500_000, 111).replace('UNIT["Meter",1.0]', 'UNIT["Foot",0.3048]'),
      'CGCS2000_3_Degree_GK_CM_111E',
      '长度单位不是米',
    ],
    ['not WKT', 'hello world', 'hello world', '不是可识别的 WKT'],
    ['empty', '  ', '（.prj 为空）', '空的'],
  ])('when the .prj is %s, then UNKNOWN_CRS names the CRS found', (_what, prj, name, why) => {
    const result = detectFromPrj(prj)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.code).toBe('UNKNOWN_CRS')
      expect(result.message).toContain(`“${name}”`)
      expect(result.message).toContain(why)
    }
  })
})

describe('CRS from a GeoJSON crs member', () => {
  it.each([
    ['EPSG:4490', 4490],
    ['urn:ogc:def:crs:EPSG::4527', 4527],
    ['EPSG:4546', 4546],
    ['urn:ogc:def:crs:OGC:1.3:CRS84', 4326],
    ['EPSG:4326', 4326],
  ])('when the crs is %s, then it is EPSG:%i', (name, epsg) => {
    expect(epsgOf(detectFromCrsName(name))).toBe(epsg)
  })

  it.each([
    ['EPSG:2363', 'LEGACY_CRS', 'Xian 1980 / 3-degree Gauss-Kruger zone 39'],
    ['urn:ogc:def:crs:EPSG::4214', 'LEGACY_CRS', 'Beijing 1954'],
    ['EPSG:3857', 'UNKNOWN_CRS', 'EPSG:3857'],
    ['+proj=longlat', 'UNKNOWN_CRS', '+proj=longlat'],
  ])('when the crs is %s, then %s names %s', (name, code, found) => {
    const result = detectFromCrsName(name)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.code).toBe(code)
      expect(result.message).toContain(found)
    }
  })
})

const box = (minX: number, minY: number, maxX: number, maxY: number): Extent => ({ minX, minY, maxX, maxY })

describe('CRS from the coordinate ranges', () => {
  it.each([
    ['longitude and latitude in 赫山区', box(112.3, 28.5, 112.32, 28.52), 4490],
    ['3° zone 38 eastings', box(38_432_100, 3_155_000, 38_432_900, 3_155_700), 4526],
    ['3° zone 39 eastings', box(39_500_000, 3_000_000, 39_500_100, 3_000_100), 4527],
    ['6° zone 19 eastings', box(19_620_000, 3_155_000, 19_620_500, 3_155_400), 4497],
    ['6° zone 21 eastings (梨树县)', box(21_350_000, 4_790_000, 21_350_500, 4_790_400), 4499],
  ])('when the coordinates are %s, then the CRS is EPSG:%i found by ranges', (_what, extent, epsg) => {
    const result = detectFromRanges(extent)
    expect(epsgOf(result)).toBe(epsg)
    expect(result.ok && result.crs.how).toBe('ranges')
    expect(result.ok && result.warnings.join()).toContain('西安 1980 或北京 1954')
  })

  it('when the eastings are unprefixed and a central meridian is given, then that 3° CM code is used', () => {
    const result = detectFromRanges(box(631_000, 3_155_000, 631_800, 3_155_700), {
      centralMeridian: 111,
      counties: [{ county: '梨树县', centralMeridian: 123 }],
    })
    expect(epsgOf(result)).toBe(4546)
    expect(result.ok && result.warnings[0]).toContain('按填写的中央经线 111°E')
  })

  it("when the eastings are unprefixed and the caller's one county lies at 111°E, then CM 111E is assumed with a warning naming the county", () => {
    const result = detectFromRanges(box(631_000, 3_155_000, 631_800, 3_155_700), {
      counties: [{ county: '赫山区', centralMeridian: 111 }],
    })
    expect(epsgOf(result)).toBe(4546)
    expect(result.ok && result.warnings[0]).toContain('按赫山区所在的 3 度带中央经线 111°E 换算')
  })

  it("when the eastings are unprefixed and the caller's counties lie on two meridians, then the .prj or a meridian is asked for", () => {
    const result = detectFromRanges(box(631_000, 3_155_000, 631_800, 3_155_700), {
      counties: [
        { county: '赫山区', centralMeridian: 111 },
        { county: '梨树县', centralMeridian: 123 },
      ],
    })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.code).toBe('CENTRAL_MERIDIAN_REQUIRED')
      expect(result.message).toContain('111°E、123°E')
      expect(result.message).toContain('.prj')
    }
  })

  it('when the eastings are unprefixed and nothing hints at a meridian, then CENTRAL_MERIDIAN_REQUIRED', () => {
    expect(epsgOf(detectFromRanges(box(631_000, 3_155_000, 631_800, 3_155_700)))).toBe('CENTRAL_MERIDIAN_REQUIRED')
  })

  it('when the given central meridian is not a multiple of 3, then it is refused', () => {
    expect(epsgOf(detectFromRanges(box(631_000, 3_155_000, 631_800, 3_155_700), { centralMeridian: 112 }))).toBe(
      'UNKNOWN_CRS',
    )
  })

  it.each([
    ['latitude first', box(28.5, 112.3, 28.52, 112.32)],
    ['prefixed northing first (X = 北坐标)', box(3_155_000, 38_432_100, 3_155_700, 38_432_900)],
    ['unprefixed northing first', box(3_155_000, 631_000, 3_155_700, 631_800)],
  ])('when the coordinates are %s, then AXES_SWAPPED', (_what, extent) => {
    const result = detectFromRanges(extent)
    expect(epsgOf(result)).toBe('AXES_SWAPPED')
    expect(!result.ok && result.message).toContain('坐标范围')
  })

  it.each([
    ['web mercator metres', box(12_500_000, 3_300_000, 12_500_500, 3_300_400), '坐标范围 X 12500000–12500500'],
    ['two zones', box(38_999_900, 3_155_000, 39_000_100, 3_155_700), '跨了第 38 带和第 39 带'],
    ['longitude outside China', box(2.3, 48.8, 2.4, 48.9), '既不是经纬度'],
    ['small local coordinates', box(100, 100, 500, 500), '既不是经纬度'],
  ])('when the coordinates are %s, then UNKNOWN_CRS says %s', (_what, extent, words) => {
    const result = detectFromRanges(extent)
    expect(epsgOf(result)).toBe('UNKNOWN_CRS')
    expect(!result.ok && result.message).toContain(words)
  })

  it.each([
    [112.35, 111],
    [113.4, 114],
    [124.3, 123],
    [117, 117],
  ])('when a county lies at %f°E, then its 3° central meridian is %i°E', (lon, cm) => {
    expect(centralMeridianNear(lon)).toBe(cm)
  })
})

describe('a declared CRS must fit the coordinates', () => {
  const zone39 = acceptedCrsOf(4527)!
  const cm111 = acceptedCrsOf(4546)!
  const geographic = acceptedCrsOf(4490)!
  it.each([
    ['zone 39 with zone-39 eastings', zone39, box(39_500_000, 3_000_000, 39_500_100, 3_000_100)],
    ['CM 111E with eastings near 500 000', cm111, box(631_000, 3_155_000, 631_800, 3_155_700)],
    ['CGCS2000 with degrees in China', geographic, box(112.3, 28.5, 112.31, 28.51)],
  ])('when %s, then it fits', (_what, crs, extent) => {
    expect(checkExtentFits(crs, extent).ok).toBe(true)
  })

  it.each([
    [
      'zone 39 with unprefixed eastings',
      '不是以带号 39 开头的 8 位数',
      zone39,
      box(500_000, 3_000_000, 500_100, 3_000_100),
    ],
    [
      'zone 39 with zone-38 eastings',
      '不是以带号 39 开头的 8 位数',
      zone39,
      box(38_500_000, 3_000_000, 38_500_100, 3_000_100),
    ],
    [
      'CM 111E with prefixed eastings',
      '不是无带号的高斯-克吕格坐标',
      cm111,
      box(37_631_000, 3_155_000, 37_631_800, 3_155_700),
    ],
    ['CM 111E with northings outside China', '北坐标不在中国范围', cm111, box(631_000, 9_155_000, 631_800, 9_155_700)],
    ['CGCS2000 with metres', '不是中国范围内的经纬度', geographic, box(631_000, 3_155_000, 631_800, 3_155_700)],
  ])('when %s, then CRS_MISMATCH names the CRS and says %s', (_what, words, crs, extent) => {
    const result = checkExtentFits(crs, extent)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.code).toBe('CRS_MISMATCH')
      expect(result.message).toContain(crs.name)
      expect(result.message).toContain(words)
    }
  })

  it('when a coordinate is absurdly large, then the message shows it in powers of ten, not 300 digits', () => {
    const result = checkExtentFits(cm111, box(631_000, 3_155_000, 1e300, 3_155_700))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.message).toContain('1×10^300')
      expect(result.message.length).toBeLessThan(200)
    }
  })
})
