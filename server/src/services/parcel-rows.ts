import type { MultiPolygon, Polygon } from 'geojson'
import { CLASS_LABEL } from '../domain/classify-farmland.ts'
import { landCodeName, type ParcelAttributes } from '../domain/parcel-attributes.ts'
import { m2ToHectares, m2ToMu } from '../domain/units.ts'
import type { ParcelRow, ParcelValues } from '../repos/parcels.repo.ts'
import { isoOf } from '../domain/changed-at.ts'
import type { ChangeResult, ParcelChange, ParcelFeature } from '../../../contracts/editing.ts'

export type Geo = Polygon | MultiPolygon

/**
 * A parcel in the history (before/after of a change): the values of its row, with `classListId` optional (the class
 * list the published class came from; snapshots keep it since lists are carried through edits).
 */
export interface ParcelSnapshot extends Omit<ParcelValues, 'classListId'> {
  id: number
  code: string
  dlmc: string
  classListId?: number | null
  parentCodes: string[] | null
  version: number
  areaM2: number
  geometry: MultiPolygon
}

export type { ChangeResult }

/** One change of a parcel save, as its request contract reads it. */
export type Change = ParcelChange

export function snapshotOf(row: ParcelRow): ParcelSnapshot {
  return {
    id: Number(row.id),
    code: row.code,
    dlbm: row.dlbm,
    dlmc: landCodeName(row.dlbm) ?? row.dlbm,
    townshipCode: row.township_code,
    qsxz: row.qsxz,
    qsdwmc: row.qsdwmc,
    zldwmc: row.zldwmc,
    kcxs: row.kcxs,
    gdpdjb: row.gdpdjb,
    zzsxdm: row.zzsxdm,
    bz: row.bz,
    class: row.class,
    classMethod: row.class_method,
    classBasis: row.class_basis,
    classListId: row.class_list_id === null ? null : Number(row.class_list_id),
    parentCodes: row.parent_codes,
    version: row.version,
    areaM2: row.area_m2,
    geometry: row.geometry,
  }
}

/** A parcel as GeoJSON Feature for the editor. */
export function featureOf(row: ParcelRow): ParcelFeature {
  return {
    type: 'Feature',
    id: Number(row.id),
    geometry: row.geometry,
    properties: {
      id: Number(row.id),
      adcode: row.adcode,
      code: row.code,
      dlbm: row.dlbm,
      dlmc: landCodeName(row.dlbm) ?? row.dlbm,
      townshipCode: row.township_code,
      townshipName: row.township_name,
      qsxz: row.qsxz,
      qsdwmc: row.qsdwmc,
      zldwmc: row.zldwmc,
      kcxs: row.kcxs,
      gdpdjb: row.gdpdjb,
      zzsxdm: row.zzsxdm,
      bz: row.bz,
      class: row.class,
      className: CLASS_LABEL[row.class],
      classMethod: row.class_method,
      classBasis: row.class_basis,
      parentCodes: row.parent_codes,
      version: row.version,
      areaM2: row.area_m2,
      areaMu: m2ToMu(row.area_m2),
      areaHa: m2ToHectares(row.area_m2),
      updatedAt: isoOf(row.updated_at),
      updatedBy: row.updated_by,
      updatedByName: row.updated_by_name ?? row.updated_by,
    },
  }
}

export function resultOf(index: number, op: ChangeResult['op'], row: ParcelRow): ChangeResult {
  return { index, op, id: Number(row.id), code: row.code, version: row.version, areaM2: row.area_m2, class: row.class }
}

/** The attributes of a stored parcel. */
export function attributesOf(row: ParcelRow): ParcelAttributes {
  return {
    dlbm: row.dlbm,
    townshipCode: row.township_code,
    qsxz: row.qsxz,
    qsdwmc: row.qsdwmc,
    zldwmc: row.zldwmc,
    kcxs: row.kcxs,
    gdpdjb: row.gdpdjb,
    zzsxdm: row.zzsxdm,
    bz: row.bz,
  }
}

/** Blank text is no value. */
export function cleanAttributes<T extends Partial<ParcelAttributes>>(a: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(a))
    if (v !== undefined) out[k] = typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v
  return out as T
}

/** The stored values of attributes with the township decided. */
export function valuesOf(
  a: ParcelAttributes,
  townshipCode: string | null,
): Omit<ParcelValues, 'class' | 'classMethod' | 'classBasis' | 'classListId'> {
  return {
    dlbm: a.dlbm,
    townshipCode,
    qsxz: a.qsxz ?? null,
    qsdwmc: a.qsdwmc ?? null,
    zldwmc: a.zldwmc ?? null,
    kcxs: a.kcxs ?? null,
    gdpdjb: a.gdpdjb ?? null,
    zzsxdm: a.zzsxdm ?? null,
    bz: a.bz ?? null,
  }
}
