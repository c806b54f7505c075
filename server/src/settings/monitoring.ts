import type { MonitoringSettings } from '../domain/monitoring.ts'
import type { CoverageSettings } from '../domain/coverage.ts'
import type { UploadGuardSettings } from '../services/upload-guard.ts'
import { readInt } from './env.ts'

/** Monitoring points and results: standards of the judgement, entry limits and imports; see MonitoringSettings. */
export interface MonitoringConfig extends MonitoringSettings {
  /** Unpacking of an XLSX and heavy uploads at once: the same object as precheckUpload.uploadGuard. */
  uploadGuard: UploadGuardSettings
}

/** 监测网络全覆盖 and the gap analysis; every setting R 待核实 (README), not a standard value. */
export interface CoverageConfig extends CoverageSettings {
  /** Most uncovered parcels one map answer holds (the answer says when there are more). */
  maxUncoveredFeatures: number
  /** A planned point closer than this to an active or planned one is refused as a duplicate. */
  duplicateWithinM: number
}

export function readMonitoringSettings(uploadGuard: UploadGuardSettings): MonitoringConfig {
  return {
    constructionLandClass: process.env.MONITORING_CONSTRUCTION_CLASS === 'second' ? 'second' : 'first',
    maxSoilMgKg: readInt('MONITORING_MAX_SOIL_MG_KG', 10_000),
    maxCropMgKg: readInt('MONITORING_MAX_CROP_MG_KG', 100),
    earliestSampledOn: process.env.MONITORING_EARLIEST_SAMPLED_ON || '1980-01-01',
    importMaxBytes: readInt('MONITORING_IMPORT_MAX_BYTES', 5 * 1024 * 1024),
    importMaxRows: readInt('MONITORING_IMPORT_MAX_ROWS', 5000),
    listLimit: readInt('MONITORING_LIST_LIMIT', 500),
    uploadGuard,
  }
}

export function readCoverageSettings(): CoverageConfig {
  return {
    distanceM: readInt('COVERAGE_DISTANCE_M', 4000),
    includeOrchards: process.env.COVERAGE_INCLUDE_ORCHARDS === 'true',
    minPointsByLevel: {
      national: readInt('COVERAGE_MIN_NATIONAL', 1),
      provincial: readInt('COVERAGE_MIN_PROVINCIAL', 0),
      city: readInt('COVERAGE_MIN_CITY', 0),
      county: readInt('COVERAGE_MIN_COUNTY', 0),
    },
    threeLevel: process.env.COVERAGE_THREE_LEVEL !== 'false',
    mainShare: readInt('COVERAGE_MAIN_SHARE_PERCENT', 10) / 100,
    maxUncoveredFeatures: readInt('COVERAGE_MAX_UNCOVERED_FEATURES', 20_000),
    duplicateWithinM: readInt('COVERAGE_DUPLICATE_WITHIN_M', 50),
  }
}
