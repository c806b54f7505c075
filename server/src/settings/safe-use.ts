import type { BlackSoilSettings } from '../domain/black-soil.ts'
import {
  PLOT_RATE_BASES,
  TARGET_YEAR_RULES,
  TERM_RULES,
  type PlotRateBasis,
  type TargetYearRule,
  type TermRule,
} from '../domain/safe-use-rate.ts'
import { DEFAULT_MEASURES, parseMeasureSetting } from '../domain/safe-use-ledger.ts'
import type { SafeUseLedgerSettings } from '../services/safe-use-ledger.service.ts'
import type { UploadGuardSettings } from '../services/upload-guard.ts'
import { readChoice, readInt } from './env.ts'

/** Safe-utilisation indicators (docs/domain-notes.md §4); every rule R 待核实, a choice of this system, not a standard. */
export interface IndicatorConfig {
  /** Which term (B, C or D) a parcel with measures of several buckets counts in. */
  farmlandTermRule: TermRule
  /** 污染地块安全利用率 by number or by area of the redeveloped plots. */
  plotRateBasis: PlotRateBasis
  /** Which target year a figure of a year is read against. */
  targetYearRule: TargetYearRule
  /** 黑土区 local indicator: counties, thresholds and their source. */
  blackSoil: BlackSoilSettings
  /** Most rows one rows answer holds (the figures always sum every row). */
  rowsLimit: number
}

export function readIndicatorSettings(): IndicatorConfig {
  return {
    farmlandTermRule: readChoice('INDICATOR_FARMLAND_TERM_RULE', TERM_RULES, 'strictest'),
    plotRateBasis: readChoice('INDICATOR_PLOT_RATE_BASIS', PLOT_RATE_BASES, 'count'),
    targetYearRule: readChoice('INDICATOR_TARGET_YEAR_RULE', TARGET_YEAR_RULES, 'next'),
    blackSoil: {
      adcodes: (process.env.BLACK_SOIL_COUNTIES || '220322')
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
      minOrganicMatterGKg: readInt('BLACK_SOIL_MIN_ORGANIC_MATTER_G_KG', 20),
      minPloughDepthCm: readInt('BLACK_SOIL_MIN_PLOUGH_DEPTH_CM', 20),
      source:
        process.env.BLACK_SOIL_SOURCE ||
        '梨树县黑土地保护相关规划：到 2020 年黑土区耕地土壤有机质含量 ≥ 2%、耕层厚度 ≥ 20 cm（规划原文待核实）',
    },
    rowsLimit: readInt('INDICATOR_ROWS_LIMIT', 5000),
  }
}

export function readSafeUseLedgerSettings(uploadGuard: UploadGuardSettings): SafeUseLedgerSettings {
  return {
    measures: process.env.SAFE_USE_MEASURES
      ? parseMeasureSetting(process.env.SAFE_USE_MEASURES)
      : [...DEFAULT_MEASURES],
    produceNearM: readInt('SAFE_USE_PRODUCE_NEAR_M', 200),
    importMaxBytes: readInt('SAFE_USE_IMPORT_MAX_BYTES', 5 * 1024 * 1024),
    importMaxRows: readInt('SAFE_USE_IMPORT_MAX_ROWS', 5000),
    listLimit: readInt('SAFE_USE_LIST_LIMIT', 5000),
    uploadGuard,
  }
}
