import type { PrecheckSettings } from '../domain/precheck.ts'
import type { LandClass } from '../domain/gb50137.ts'
import { parseLandUse2023Classes } from '../domain/land-use-2023.ts'
import { DEFAULT_WATER_SOURCE_SEVERITY } from '../domain/water-source.ts'
import type { UploadGuardSettings } from '../services/upload-guard.ts'
import { readChoice, readInt } from './env.ts'

const WATER_SOURCE_SEVERITIES = ['refuse', 'investigate', 'note'] as const

/** 用地准入核查; every setting R 待核实, a choice of this system, not a standard value. */
export interface PrecheckConfig extends PrecheckSettings {
  /** Most vertices of a checked outline. */
  maxVertices: number
  /** Most checks one list answer holds. */
  listLimit: number
  /** The class of the 2023 用地用海分类 codes whose GB 36600 class is a judgement (LAND_USE_2023_CLASSES). */
  landUse2023Classes: Record<string, LandClass>
}

/** Uploaded outlines of the 用地准入核查 (POST /api/precheck/parse-upload); R 待核实, not from a standard. */
export interface PrecheckUploadConfig {
  maxBytes: number
  /** Polygon features one file may hold. */
  maxFeatures: number
  /** Vertices of all its polygons together. */
  maxVertices: number
  /** Unpacking of a .zip or .kmz and heavy uploads at once: the same object as monitoring.uploadGuard. */
  uploadGuard: UploadGuardSettings
}

export function readPrecheckSettings(): PrecheckConfig {
  return {
    monitoringRadiusM: readInt('PRECHECK_MONITORING_RADIUS_M', 500),
    minOverlapM2: readInt('PRECHECK_MIN_OVERLAP_M2', 1),
    law59Scope: process.env.PRECHECK_LAW59_SCOPE === 'always' ? 'always' : 'hint',
    strictFarmlandSeverity: process.env.PRECHECK_STRICT_FARMLAND === 'refuse' ? 'refuse' : 'investigate',
    interventionInsideSeverity: process.env.PRECHECK_INTERVENTION_INSIDE === 'investigate' ? 'investigate' : 'refuse',
    // 地块位于饮用水水源保护区时的结论（refuse 不得、investigate 须调查评估、note 提示；本地设置）
    waterSourceSeverity: {
      level1: readChoice('PRECHECK_WATER_SOURCE_LEVEL1', WATER_SOURCE_SEVERITIES, DEFAULT_WATER_SOURCE_SEVERITY.level1),
      level2: readChoice('PRECHECK_WATER_SOURCE_LEVEL2', WATER_SOURCE_SEVERITIES, DEFAULT_WATER_SOURCE_SEVERITY.level2),
      quasi: readChoice('PRECHECK_WATER_SOURCE_QUASI', WATER_SOURCE_SEVERITIES, DEFAULT_WATER_SOURCE_SEVERITY.quasi),
    },
    maxVertices: readInt('PRECHECK_MAX_VERTICES', 20_000),
    listLimit: readInt('PRECHECK_LIST_LIMIT', 200),
    landUse2023Classes: parseLandUse2023Classes(process.env.LAND_USE_2023_CLASSES ?? ''),
  }
}

export function readPrecheckUploadSettings(uploadGuard: UploadGuardSettings): PrecheckUploadConfig {
  return {
    maxBytes: readInt('PRECHECK_UPLOAD_MAX_BYTES', 10 * 1024 * 1024),
    maxFeatures: readInt('PRECHECK_UPLOAD_MAX_FEATURES', 500),
    maxVertices: readInt('PRECHECK_UPLOAD_MAX_VERTICES', 20_000),
    uploadGuard,
  }
}
