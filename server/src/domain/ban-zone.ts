import { ELEMENT_NAME, type Element } from './gb15618.ts'
import { REVIEW_STATUS, labelOf } from './labels.ts'
import { CLASS_NAME } from './safe-use-ledger.ts'
import { formatArea } from './units.ts'

interface InfoField {
  label: string
  value: string
}

/**
 * 特定农产品禁止生产区域 (《中华人民共和国土壤污染防治法》第四十九条; 《农用地土壤环境管理办法（试行）》第二十三条:
 * 严格管控类耕地 依法划定特定农产品禁止生产区域，严禁种植食用农产品). Built from 严格管控类 parcels of the published
 * classes; its basis is read from those parcels' published class, never typed. Pure: no I/O.
 */

/** What a zone forbids when the officer names nothing else. */
export const DEFAULT_PRODUCTS = ['食用农产品'] as const

/** The products as sent: trimmed, blanks and repeats dropped; none means 食用农产品. */
export function normalizeProducts(products: readonly string[] | undefined): string[] {
  const names = [...new Set((products ?? []).map((p) => p.trim()).filter(Boolean))]
  return names.length ? names : [...DEFAULT_PRODUCTS]
}

/** A parcel chosen for a zone, as the published classes hold it. */
export interface BanZoneParcel {
  id: number
  adcode: string
  county: string
  code: string
  publishedClass: string
  townshipCode: string | null
  areaM2: number
  classListId: number | null
  mainPollutants: string[]
  soilGrade: string | null
  sampleCount: number
  summary: string | null
  /** A point inside the parcel, [lon, lat]. */
  location: [number, number]
}

export const BAN_ZONE_PROBLEM = {
  PARCEL_NOT_FOUND: 'PARCEL_NOT_FOUND',
  PARCEL_OTHER_COUNTY: 'PARCEL_OTHER_COUNTY',
  PARCEL_NOT_STRICT: 'PARCEL_NOT_STRICT',
} as const

/** Why a parcel cannot go into a zone of `county` (adcode, name); null when it is 严格管控类 of that county. */
export function banZoneParcelProblem(
  parcel: BanZoneParcel,
  county: { adcode: string; name: string },
): { code: keyof typeof BAN_ZONE_PROBLEM; message: string } | null {
  if (parcel.adcode !== county.adcode)
    return {
      code: 'PARCEL_OTHER_COUNTY',
      message: `图斑 ${parcel.code} 属于${parcel.county}，不是${county.name}的图斑，不能划入${county.name}的禁止生产区域`,
    }
  if (parcel.publishedClass !== 'strict')
    return {
      code: 'PARCEL_NOT_STRICT',
      message: `图斑 ${parcel.code} 已公布的类别为${CLASS_NAME[parcel.publishedClass] ?? parcel.publishedClass}，不是严格管控类，不能划入禁止生产区域`,
    }
  return null
}

/** One parcel's line of the basis, kept with the zone. */
export interface BanZoneBasisLine {
  parcelCode: string
  townshipCode: string | null
  areaM2: number
  className: string
  classListId: number | null
  mainPollutants: string[]
  soilGrade: string | null
  sampleCount: number
  summary: string | null
}

export function basisLineOf(p: BanZoneParcel): BanZoneBasisLine {
  return {
    parcelCode: p.code,
    townshipCode: p.townshipCode,
    areaM2: p.areaM2,
    className: CLASS_NAME[p.publishedClass] ?? p.publishedClass,
    classListId: p.classListId,
    mainPollutants: p.mainPollutants,
    soilGrade: p.soilGrade,
    sampleCount: p.sampleCount,
    summary: p.summary,
  }
}

const pollutantName = (e: string) => ELEMENT_NAME[e as Element] ?? e

/** The basis in one sentence, as the public reads it: 严格管控类耕地 3 块，主要污染物 镉、铅；监测点位 5 个. */
export function describeBasis(lines: readonly BanZoneBasisLine[]): string {
  const pollutants = [...new Set(lines.flatMap((l) => l.mainPollutants))].map(pollutantName)
  const samples = lines.reduce((n, l) => n + l.sampleCount, 0)
  return [
    `已公布的严格管控类耕地 ${lines.length} 块`,
    pollutants.length ? `主要污染物 ${pollutants.join('、')}` : '主要污染物未记录',
    `依据监测点位 ${samples} 个`,
  ].join('，')
}

/** The names of the pollutants of one basis line. */
export function pollutantNames(line: BanZoneBasisLine): string[] {
  return line.mainPollutants.map(pollutantName)
}

/** What a zone needs before 提交审定, in the words of the form; null when it is complete. */
export function banZoneSubmitRefusal(z: {
  announcementNo: string | null
  announcementDate: string | null
  announcementText: string | null
  parcelCount: number
}): string | null {
  const blank = (v: string | null) => !v || v.trim() === ''
  const missing = [
    blank(z.announcementNo) && '公告文号',
    !z.announcementDate && '公告日期',
    blank(z.announcementText) && '公告内容',
    z.parcelCount < 1 && '至少一块严格管控类耕地',
  ].filter((m): m is string => typeof m === 'string')
  return missing.length ? `缺少${missing.join('、')}，不能提交审定；请补全后再提交` : null
}

/** The info panel of a zone: products, parcels, area, basis, announcement and review state. */
export function describeBanZoneFeature(row: Record<string, any>): { title: string; fields: InfoField[] } {
  const basis = row.basis as BanZoneBasisLine[]
  return {
    title: row.name,
    fields: [
      { label: '区域编号', value: row.code },
      { label: '审核状态', value: labelOf(REVIEW_STATUS, row.review_status) },
      ...(row.published_version ? [{ label: '已发布版本', value: `第 ${row.published_version} 版` }] : []),
      { label: '所属区县', value: `${row.city} ${row.county}` },
      { label: '禁止生产', value: (row.products as string[]).join('、') },
      { label: '面积', value: formatArea(row.area_m2) },
      { label: '耕地图斑', value: basis.map((l) => l.parcelCode).join('、') || '—' },
      { label: '划定依据', value: describeBasis(basis) },
      { label: '公告文号', value: row.announcement_no ?? '—' },
      { label: '公告日期', value: row.announcement_date ?? '—' },
      { label: '公告内容', value: row.announcement_text ?? '—' },
      ...(row.is_generated ? [{ label: '数据来源', value: '示例数据（程序生成，非真实信息）' }] : []),
    ],
  }
}
