import type { Bbox } from '../../shared/api-types'

/** One parcel whose class disagrees with 永久基本农田 (`GET /api/basic-farmland/disagreements`). */
export interface DisagreeingParcel {
  kind: 'restricted_inside' | 'priority_outside'
  parcelId: number
  code: string
  farmlandClass: string
  className: string
  township: string | null
  areaMu: number
  insideMu: number
  insideShare: number
  farmlandCodes: string | null
  bbox: Bbox
  message: string
}

/** The comparison of a county's classes with its 永久基本农田. */
export interface DisagreementsResponse {
  adcode: string
  county: string
  classesFrom: string
  basis: string
  basicFarmland: { patches: number; areaMu: number }
  kinds: {
    kind: DisagreeingParcel['kind']
    name: string
    level: 'warning' | 'info'
    count: number
    areaMu: number
    insideMu: number
    shown: number
  }[]
  parcels: DisagreeingParcel[]
}
