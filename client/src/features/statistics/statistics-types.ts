import type { FarmlandClass } from '../../shared/farmland-class'

/** Published parcels and area of one class. */
export interface ClassArea {
  class: FarmlandClass
  className: string
  count: number
  areaMu: number
  areaHa: number
}

/** A county's published classes. */
export interface CountyStatistics {
  adcode: string
  name: string
  byClass: ClassArea[]
  totalMu: number
}

/** A township's published classes. */
export interface TownshipStatistics {
  /** null for parcels outside every township (未落乡镇). */
  code: string | null
  name: string
  adcode: string
  byClass: ClassArea[]
  totalMu: number
}

/** `GET /api/statistics/farmland?adcode=`. */
export interface FarmlandStatistics {
  counties: CountyStatistics[]
  townships: TownshipStatistics[]
}

/** One row of the table and the chart: a county or a township. */
export interface StatisticsRow {
  key: string
  name: string
  byClass: ClassArea[]
  totalMu: number
}
