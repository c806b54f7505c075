import type { ClassArea } from '@contracts/statistics'

/** One row of the table and the chart: a county or a township. */
export interface StatisticsRow {
  key: string
  name: string
  byClass: ClassArea[]
  totalMu: number
}
