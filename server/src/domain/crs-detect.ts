import { CHINA_LAT, CHINA_LON } from './china-extent.ts'

/**
 * How the CRS of an upload was found: declared by the file (`prj`: a Shapefile's .prj, the `crs` member of a
 * GeoJSON, or KML, which is WGS 84 longitude/latitude by definition) or guessed from the coordinate ranges.
 */
export type CrsHow = 'prj' | 'ranges'

/** A CRS the pre-check accepts and transforms to EPSG:4490 (names as in the EPSG database of PROJ 9). */
export interface AcceptedCrs {
  epsg: number
  /** The PROJ name, e.g. "CGCS2000 / 3-degree Gauss-Kruger zone 39". */
  name: string
  /** What an officer reads, e.g. "CGCS2000 3 度带高斯-克吕格投影第 39 带（带号前缀）". */
  label: string
}

export interface DetectedCrs extends AcceptedCrs {
  how: CrsHow
}

/** Why a CRS is refused; the message names the CRS that was found. */
export type CrsRefusalCode =
  'LEGACY_CRS' | 'UNKNOWN_CRS' | 'CRS_MISMATCH' | 'CENTRAL_MERIDIAN_REQUIRED' | 'AXES_SWAPPED'

export type CrsResult =
  { ok: true; crs: DetectedCrs; warnings: string[] } | { ok: false; code: CrsRefusalCode; message: string }

/** Bounding box of the raw coordinates of an upload: x = first ordinate (easting or longitude). */
export interface Extent {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

/** A central meridian suggested by a county of the caller's scope (for unprefixed Gauss-Krüger eastings). */
export interface MeridianHint {
  county: string
  centralMeridian: number
}

export const CGCS2000_EPSG = 4490
export const WGS84_EPSG = 4326

/** Northings of Gauss-Krüger coordinates in China, m (3°N … 54°N, with a margin). */
const NORTHING_M: readonly [number, number] = [300_000, 6_000_000]
/** Eastings of unprefixed Gauss-Krüger coordinates (500 000 ± half a 6° zone at 3°N, with a margin), m. */
const UNPREFIXED_EASTING_M: readonly [number, number] = [100_000, 900_000]

/** A coordinate or offset in metres as the officer reads it; an absurd one (a damaged file) in powers of ten. */
function fmtM(n: number): string {
  if (Math.abs(n) < 1e12) return n.toLocaleString('zh-CN', { maximumFractionDigits: 3, useGrouping: false })
  const [mantissa, exponent] = n.toExponential(3).split('e')
  return `${Number(mantissa)}×10^${Number(exponent)}`
}

const isGk3Meridian = (cm: number) => Number.isInteger(cm) && cm >= 75 && cm <= 135 && cm % 3 === 0
const isGk6Meridian = (cm: number) => Number.isInteger(cm) && cm >= 75 && cm <= 135 && (cm + 3) % 6 === 0

/**
 * The CGCS2000 CRS of an EPSG code the pre-check accepts: 4490 (and 4326, WGS 84, which differs from CGCS2000
 * by well under a metre here), 4491–4501 (6°, zone-prefixed), 4502–4512 (6°, CM), 4513–4533 (3°, zone-prefixed),
 * 4534–4554 (3°, CM). Source: PROJ 9 (`projinfo EPSG:xxxx`).
 */
export function acceptedCrsOf(epsg: number): AcceptedCrs | undefined {
  if (epsg === CGCS2000_EPSG) return { epsg, name: 'China Geodetic Coordinate System 2000', label: 'CGCS2000 经纬度' }
  if (epsg === WGS84_EPSG) return { epsg, name: 'WGS 84', label: 'WGS 84 经纬度' }
  if (epsg >= 4491 && epsg <= 4501) {
    const zone = epsg - 4491 + 13
    return {
      epsg,
      name: `CGCS2000 / Gauss-Kruger zone ${zone}`,
      label: `CGCS2000 6 度带高斯-克吕格投影第 ${zone} 带（带号前缀，中央经线 ${6 * zone - 3}°E）`,
    }
  }
  if (epsg >= 4502 && epsg <= 4512) {
    const cm = 75 + (epsg - 4502) * 6
    return {
      epsg,
      name: `CGCS2000 / Gauss-Kruger CM ${cm}E`,
      label: `CGCS2000 6 度带高斯-克吕格投影中央经线 ${cm}°E（无带号）`,
    }
  }
  if (epsg >= 4513 && epsg <= 4533) {
    const zone = epsg - 4513 + 25
    return {
      epsg,
      name: `CGCS2000 / 3-degree Gauss-Kruger zone ${zone}`,
      label: `CGCS2000 3 度带高斯-克吕格投影第 ${zone} 带（带号前缀，中央经线 ${3 * zone}°E）`,
    }
  }
  if (epsg >= 4534 && epsg <= 4554) {
    const cm = 75 + (epsg - 4534) * 3
    return {
      epsg,
      name: `CGCS2000 / 3-degree Gauss-Kruger CM ${cm}E`,
      label: `CGCS2000 3 度带高斯-克吕格投影中央经线 ${cm}°E（无带号）`,
    }
  }
  return undefined
}

/** Xian 1980 and Beijing 1954 EPSG codes (geographic and Gauss-Krüger) with their PROJ names. */
export function legacyCrsName(epsg: number): string | undefined {
  const ranges: [number, number, (i: number) => string][] = [
    [4610, 4610, () => 'Xian 1980'],
    [4214, 4214, () => 'Beijing 1954'],
    [2327, 2337, (i) => `Xian 1980 / Gauss-Kruger zone ${13 + i}`],
    [2338, 2348, (i) => `Xian 1980 / Gauss-Kruger CM ${75 + 6 * i}E`],
    [2349, 2369, (i) => `Xian 1980 / 3-degree Gauss-Kruger zone ${25 + i}`],
    [2370, 2390, (i) => `Xian 1980 / 3-degree Gauss-Kruger CM ${75 + 3 * i}E`],
    [2401, 2421, (i) => `Beijing 1954 / 3-degree Gauss-Kruger zone ${25 + i}`],
    [2422, 2442, (i) => `Beijing 1954 / 3-degree Gauss-Kruger CM ${75 + 3 * i}E`],
    [21413, 21423, (i) => `Beijing 1954 / Gauss-Kruger zone ${13 + i}`],
    [21453, 21463, (i) => `Beijing 1954 / Gauss-Kruger CM ${75 + 6 * i}E`],
  ]
  const hit = ranges.find(([from, to]) => epsg >= from && epsg <= to)
  return hit ? hit[2](epsg - hit[0]) : undefined
}

type Datum = 'cgcs2000' | 'wgs84' | 'xian1980' | 'beijing1954' | 'other'

const DATUM_NAME: Readonly<Record<'xian1980' | 'beijing1954', string>> = {
  xian1980: '西安 1980 坐标系',
  beijing1954: '北京 1954 坐标系',
}

function legacyRefusal(found: string, datum: 'xian1980' | 'beijing1954'): CrsResult {
  return {
    ok: false,
    code: 'LEGACY_CRS',
    message: `文件的坐标系为“${found}”（${DATUM_NAME[datum]}），系统只接受 CGCS2000 坐标。旧坐标系转换到 CGCS2000 需要当地的转换参数，请先由测绘或自然资源部门转换为 CGCS2000（经纬度或高斯-克吕格投影）后再上传`,
  }
}

function unknownRefusal(found: string, why: string): CrsResult {
  return {
    ok: false,
    code: 'UNKNOWN_CRS',
    message: `无法使用文件的坐标系“${found}”：${why}。系统接受 CGCS2000 经纬度或 CGCS2000 高斯-克吕格 3 度带/6 度带投影（带号前缀或中央经线）`,
  }
}

function datumOf(text: string): Datum {
  const t = text.toLowerCase().replace(/[\s_'’-]+/g, '')
  if (/xian1980|xian80|西安80|西安1980/.test(t)) return 'xian1980'
  if (/beijing1954|beijing54|北京54|北京1954/.test(t)) return 'beijing1954'
  if (/china2000|chinageodeticcoordinatesystem2000|cgcs2000|国家2000/.test(t)) return 'cgcs2000'
  if (/wgs1984|wgs84/.test(t)) return 'wgs84'
  return 'other'
}

/** The parts of an ESRI or OGC WKT 1 text (a .prj) that decide the CRS. */
interface Wkt1 {
  kind: 'PROJCS' | 'GEOGCS' | undefined
  name: string
  datum: string
  geogcs: string
  projection: string
  /** PARAMETER values by lower-case name without separators ("falseeasting", "centralmeridian"). */
  parameters: Record<string, number>
  /** Metres per linear unit of a PROJCS (the last UNIT of the root). */
  unitM: number | undefined
}

const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '')

function parseWkt1(text: string): Wkt1 {
  const root = /^\s*(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\s*\[\s*"([^"]*)"/i.exec(text)
  const kindRaw = root?.[1].toUpperCase()
  const kind = kindRaw === 'PROJCS' || kindRaw === 'PROJCRS' ? 'PROJCS' : kindRaw ? 'GEOGCS' : undefined
  const parameters: Record<string, number> = {}
  for (const m of text.matchAll(/PARAMETER\s*\[\s*"([^"]+)"\s*,\s*(-?[\d.eE+-]+)/gi))
    parameters[norm(m[1])] = Number(m[2])
  const units = [...text.matchAll(/(?:UNIT|LENGTHUNIT)\s*\[\s*"([^"]*)"\s*,\s*([\d.eE+-]+)/gi)]
  const lastUnit = units.at(-1)
  return {
    kind,
    name: root?.[2] ?? '',
    datum: /DATUM\s*\[\s*"([^"]*)"/i.exec(text)?.[1] ?? '',
    geogcs:
      /(?:GEOGCS|BASEGEOGCRS|BASEGEODCRS)\s*\[\s*"([^"]*)"/i.exec(text)?.[1] ??
      (kind === 'GEOGCS' ? (root?.[2] ?? '') : ''),
    projection: /(?:PROJECTION|METHOD)\s*\[\s*"([^"]*)"/i.exec(text)?.[1] ?? '',
    parameters,
    unitM: kind === 'PROJCS' && lastUnit ? Number(lastUnit[2]) : undefined,
  }
}

function param(w: Wkt1, ...names: string[]): number | undefined {
  for (const n of names) if (w.parameters[n] !== undefined) return w.parameters[n]
  return undefined
}

/**
 * The EPSG code of a CGCS2000 Gauss-Krüger projection from its false easting and central meridian (docs/domain-notes.md §7
 * rule): FE = n × 10⁶ + 500 000 with n in 25–45 → 3° zone (4513 + n − 25, CM = 3n), n in 13–23 → 6° zone
 * (4491 + n − 13, CM = 6n − 3); FE = 500 000 → 3° CM code 4534 + (CM − 75)/3, or the 6° CM code when the name
 * says 6° (same transformation). Returns a reason in words when the pair fits no code.
 */
export function gaussKrugerEpsg(
  falseEastingM: number,
  centralMeridian: number,
  isSixDegreeName = false,
): { epsg: number } | { problem: string } {
  if (falseEastingM === 500_000) {
    if (isSixDegreeName && isGk6Meridian(centralMeridian)) return { epsg: 4502 + (centralMeridian - 75) / 6 }
    if (isGk3Meridian(centralMeridian)) return { epsg: 4534 + (centralMeridian - 75) / 3 }
    return { problem: `中央经线 ${centralMeridian}° 不是 75°–135° 之间 3 的倍数，不是国家标准的高斯-克吕格分带` }
  }
  const zone = Math.floor(falseEastingM / 1_000_000)
  if (falseEastingM - zone * 1_000_000 !== 500_000)
    return { problem: `东伪偏移 ${fmtM(falseEastingM)} 米既不是 500000，也不是“带号×1000000+500000”` }
  if (zone >= 25 && zone <= 45) {
    if (centralMeridian !== 3 * zone)
      return { problem: `带号 ${zone}（3 度带）的中央经线应为 ${3 * zone}°，文件中为 ${centralMeridian}°` }
    return { epsg: 4513 + zone - 25 }
  }
  if (zone >= 13 && zone <= 23) {
    if (centralMeridian !== 6 * zone - 3)
      return { problem: `带号 ${zone}（6 度带）的中央经线应为 ${6 * zone - 3}°，文件中为 ${centralMeridian}°` }
    return { epsg: 4491 + zone - 13 }
  }
  return { problem: `带号 ${zone} 不在中国的 3 度带（25–45）或 6 度带（13–23）范围内` }
}

function detected(epsg: number, how: CrsHow, warnings: string[] = []): CrsResult {
  const crs = acceptedCrsOf(epsg)
  if (!crs) return unknownRefusal(`EPSG:${epsg}`, '不是 CGCS2000 坐标系')
  if (epsg === WGS84_EPSG)
    warnings = [...warnings, '坐标为 WGS 84 经纬度，按 CGCS2000 经纬度使用（两者在本地相差不到 1 米）']
  return { ok: true, crs: { ...crs, how }, warnings }
}

/**
 * The CRS declared by a .prj (ESRI or OGC WKT 1; docs/domain-notes.md §7): the datum decides CGCS2000 / WGS 84 / legacy, a
 * projected CRS must be Gauss-Krüger (or Transverse Mercator) with scale 1, origin latitude 0, false northing 0,
 * metres, and its false easting and central meridian must fit a CGCS2000 zone.
 */
export function detectFromPrj(prj: string): CrsResult {
  const text = prj.replace(/^\uFEFF/, '').trim()
  if (!text) return unknownRefusal('（.prj 为空）', '坐标系说明文件是空的')
  const w = parseWkt1(text)
  if (!w.kind) return unknownRefusal(text.slice(0, 60), '.prj 不是可识别的 WKT 坐标系说明')
  const found = w.name || w.geogcs
  const datum = datumOf(`${w.datum} ${w.geogcs} ${w.name}`)
  if (datum === 'xian1980' || datum === 'beijing1954') return legacyRefusal(found, datum)
  if (datum === 'other') return unknownRefusal(found, `基准“${w.datum || w.geogcs || '未注明'}”不是 CGCS2000`)
  if (w.kind === 'GEOGCS') return detected(datum === 'wgs84' ? WGS84_EPSG : CGCS2000_EPSG, 'prj')
  if (datum === 'wgs84') return unknownRefusal(found, 'WGS 84 投影坐标（如 UTM）不是国家标准的高斯-克吕格投影')
  if (!/gauss|transverse|tmerc/i.test(norm(w.projection)))
    return unknownRefusal(found, `投影方式“${w.projection || '未注明'}”不是高斯-克吕格投影`)
  if (w.unitM !== undefined && Math.abs(w.unitM - 1) > 1e-9) return unknownRefusal(found, '长度单位不是米')
  const scale = param(w, 'scalefactor', 'scalefactoratnaturalorigin') ?? 1
  const latOrigin = param(w, 'latitudeoforigin', 'latitudeofnaturalorigin') ?? 0
  const falseNorthing = param(w, 'falsenorthing') ?? 0
  if (scale !== 1 || latOrigin !== 0 || falseNorthing !== 0) {
    return unknownRefusal(
      found,
      `投影参数不是国家标准分带（比例因子 ${scale}、起始纬度 ${latOrigin}°、北伪偏移 ${falseNorthing} 米）`,
    )
  }
  const falseEasting = param(w, 'falseeasting')
  const cm = param(w, 'centralmeridian', 'longitudeofnaturalorigin', 'longitudeofcenter')
  if (falseEasting === undefined || cm === undefined)
    return unknownRefusal(found, '.prj 中缺少东伪偏移（False_Easting）或中央经线（Central_Meridian）')
  const isSixDegreeName = /gk_cm|gauss-?kruger\s*cm/i.test(found) && !/3_?degree|3-degree/i.test(found)
  const code = gaussKrugerEpsg(falseEasting, cm, isSixDegreeName)
  if ('problem' in code) return unknownRefusal(found, code.problem)
  return detected(code.epsg, 'prj')
}

/**
 * The CRS named by the `crs` member of a GeoJSON ("EPSG:4527", "urn:ogc:def:crs:EPSG::4527", CRS84). Legacy
 * codes are refused with their name, other codes as unknown.
 */
export function detectFromCrsName(name: string): CrsResult {
  if (/^(urn:ogc:def:crs:OGC:1\.3:)?CRS84$/i.test(name.trim())) return detected(WGS84_EPSG, 'prj')
  const m = /^(?:EPSG:{1,2}|urn:ogc:def:crs:EPSG:[0-9.]*:)(\d+)$/i.exec(name.trim())
  if (!m) return unknownRefusal(name, 'GeoJSON 的 crs 不是 EPSG 代码')
  const epsg = Number(m[1])
  const legacy = legacyCrsName(epsg)
  if (legacy) return legacyRefusal(`${legacy}（EPSG:${epsg}）`, legacy.startsWith('Xian') ? 'xian1980' : 'beijing1954')
  if (!acceptedCrsOf(epsg)) return unknownRefusal(`EPSG:${epsg}`, '不是 CGCS2000 经纬度或高斯-克吕格投影')
  return detected(epsg, 'prj')
}

const extentText = (e: Extent) => `X ${fmtM(e.minX)}–${fmtM(e.maxX)}，Y ${fmtM(e.minY)}–${fmtM(e.maxY)}`
const inRange = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi
const isGeographic = (e: Extent) =>
  inRange(e.minX, CHINA_LON) && inRange(e.maxX, CHINA_LON) && inRange(e.minY, CHINA_LAT) && inRange(e.maxY, CHINA_LAT)
const isNorthing = (lo: number, hi: number) => inRange(lo, NORTHING_M) && inRange(hi, NORTHING_M)
const zoneOfPrefixed = (x: number) => (x >= 10_000_000 && x < 100_000_000 ? Math.floor(x / 1_000_000) : undefined)
const isKnownZone = (zone: number | undefined) =>
  zone !== undefined && ((zone >= 25 && zone <= 45) || (zone >= 13 && zone <= 23))

function prefixedEpsg(zone: number): number {
  return zone >= 25 ? 4513 + zone - 25 : 4491 + zone - 13
}

/** The 3° Gauss-Krüger central meridian nearest a longitude (3° zone = round(lon / 3)). */
export function centralMeridianNear(lon: number): number {
  return 3 * Math.round(lon / 3)
}

const RANGES_WARNING =
  '文件没有坐标系说明，坐标系按坐标范围判断；若数据实为西安 1980 或北京 1954 坐标系，位置会偏差数十米，请附 .prj 或核对后再使用'

/**
 * The CRS guessed from the coordinate ranges when the file declares none (docs/domain-notes.md §7): longitude and
 * latitude inside China → 4490; 8-digit eastings whose first two digits are a zone → that zone; 6-digit eastings
 * (500 000 ± …) need a central meridian: the one the officer gave, else the 3° meridian of the caller's counties
 * when they all share it, else a refusal asking for the .prj. Swapped X/Y (survey tables list northing first)
 * are refused with that explanation.
 */
export function detectFromRanges(
  e: Extent,
  hint: { centralMeridian?: number; counties?: MeridianHint[] } = {},
): CrsResult {
  const found = `坐标范围 ${extentText(e)}`
  if (isGeographic(e)) return detected(CGCS2000_EPSG, 'ranges', [RANGES_WARNING])
  if (
    inRange(e.minX, CHINA_LAT) &&
    inRange(e.maxX, CHINA_LAT) &&
    inRange(e.minY, CHINA_LON) &&
    inRange(e.maxY, CHINA_LON)
  ) {
    return {
      ok: false,
      code: 'AXES_SWAPPED',
      message: `${found}像是“纬度, 经度”的顺序，经纬度可能颠倒，请按“经度, 纬度”的顺序整理后再上传`,
    }
  }
  const [zoneMin, zoneMax] = [zoneOfPrefixed(e.minX), zoneOfPrefixed(e.maxX)]
  if (isKnownZone(zoneMin) && zoneMin === zoneMax && isNorthing(e.minY, e.maxY))
    return detected(prefixedEpsg(zoneMin!), 'ranges', [RANGES_WARNING])
  const [swappedMin, swappedMax] = [zoneOfPrefixed(e.minY), zoneOfPrefixed(e.maxY)]
  if (
    (isKnownZone(swappedMin) && swappedMin === swappedMax && isNorthing(e.minX, e.maxX)) ||
    (inRange(e.minY, UNPREFIXED_EASTING_M) &&
      inRange(e.maxY, UNPREFIXED_EASTING_M) &&
      e.minX > UNPREFIXED_EASTING_M[1] &&
      isNorthing(e.minX, e.maxX))
  ) {
    return {
      ok: false,
      code: 'AXES_SWAPPED',
      message: `${found}：X 像是北坐标、Y 像是东坐标（测量成果表常把北坐标记作 X），请把东坐标（Y）放在前面整理后再上传`,
    }
  }
  if (isKnownZone(zoneMin) && zoneMin !== zoneMax && isKnownZone(zoneMax)) {
    return unknownRefusal(found, `东坐标跨了第 ${zoneMin} 带和第 ${zoneMax} 带，一个地块应在同一带内`)
  }
  if (inRange(e.minX, UNPREFIXED_EASTING_M) && inRange(e.maxX, UNPREFIXED_EASTING_M) && isNorthing(e.minY, e.maxY)) {
    return unprefixed(found, hint)
  }
  return unknownRefusal(
    found,
    '既不是经纬度，也不是高斯-克吕格坐标（带号前缀的东坐标为 8 位数，无带号的东坐标约为 500000 米，北坐标为 30 万–600 万米）',
  )
}

function unprefixed(found: string, hint: { centralMeridian?: number; counties?: MeridianHint[] }): CrsResult {
  if (hint.centralMeridian !== undefined) {
    if (!isGk3Meridian(hint.centralMeridian))
      return unknownRefusal(`${found}，中央经线 ${hint.centralMeridian}°`, '中央经线应为 75°–135° 之间 3 的倍数')
    return detected(4534 + (hint.centralMeridian - 75) / 3, 'ranges', [
      `东坐标无带号，按填写的中央经线 ${hint.centralMeridian}°E 换算`,
      RANGES_WARNING,
    ])
  }
  const meridians = [...new Set((hint.counties ?? []).map((c) => c.centralMeridian))]
  if (meridians.length === 1) {
    const names = (hint.counties ?? []).map((c) => c.county).join('、')
    return detected(4534 + (meridians[0] - 75) / 3, 'ranges', [
      `东坐标无带号，按${names}所在的 3 度带中央经线 ${meridians[0]}°E 换算；若数据使用其他中央经线或 6 度带，请附 .prj 或填写中央经线后重新上传`,
      RANGES_WARNING,
    ])
  }
  return {
    ok: false,
    code: 'CENTRAL_MERIDIAN_REQUIRED',
    message: `${found}是没有带号的高斯-克吕格坐标，无法确定中央经线${meridians.length > 1 ? `（您负责的区县分属中央经线 ${meridians.join('°E、')}°E）` : ''}，请附上 .prj 坐标系说明文件，或填写中央经线（如 111）后重新上传`,
  }
}

/**
 * Whether the coordinates fit the CRS a file declares: a prefixed zone must be the first two digits of every
 * easting, an unprefixed CRS needs eastings near 500 000, geographic ones degrees inside China. A .prj that
 * does not fit its coordinates is refused rather than trusted.
 */
export function checkExtentFits(
  crs: AcceptedCrs,
  e: Extent,
): { ok: true } | { ok: false; code: 'CRS_MISMATCH'; message: string } {
  const mismatch = (why: string) => ({
    ok: false as const,
    code: 'CRS_MISMATCH' as const,
    message: `文件声明的坐标系为“${crs.name}”（${crs.label}），但坐标（${extentText(e)}）${why}，请核对坐标系说明与坐标是否一致`,
  })
  if (crs.epsg === CGCS2000_EPSG || crs.epsg === WGS84_EPSG) {
    return isGeographic(e) ? { ok: true } : mismatch('不是中国范围内的经纬度')
  }
  if (!isNorthing(e.minY, e.maxY)) return mismatch('的北坐标不在中国范围（30 万–600 万米）内')
  const prefixedZone =
    crs.epsg >= 4491 && crs.epsg <= 4501
      ? crs.epsg - 4491 + 13
      : crs.epsg >= 4513 && crs.epsg <= 4533
        ? crs.epsg - 4513 + 25
        : undefined
  if (prefixedZone !== undefined) {
    if (zoneOfPrefixed(e.minX) === prefixedZone && zoneOfPrefixed(e.maxX) === prefixedZone) return { ok: true }
    return mismatch(`的东坐标不是以带号 ${prefixedZone} 开头的 8 位数`)
  }
  if (inRange(e.minX, UNPREFIXED_EASTING_M) && inRange(e.maxX, UNPREFIXED_EASTING_M)) return { ok: true }
  return mismatch('的东坐标不是无带号的高斯-克吕格坐标（约 500000 米）')
}
