import { DEFAULT_SITING_SETTINGS, type SitingSettings } from '../domain/siting.ts'
import { parseControlledIndustries } from '../domain/siting-industries.ts'
import { DEFAULT_PRIORITY_AREA_SETTINGS, type PriorityAreaSettings } from '../domain/priority-area.ts'
import type { WaterSourceSettings } from '../services/water-source.service.ts'
import type { UploadGuardSettings } from '../services/upload-guard.ts'
import { readChoice, readInt } from './env.ts'

const SITING_INSIDE_CHOICES = ['controlled', 'unsuited'] as const

// 建设项目选址核查：各距离为本地设置（米），非标准值
export function readSitingSettings(): SitingSettings & { listLimit: number } {
  return {
    priorityAreaM: readInt('SITING_PRIORITY_AREA_M', DEFAULT_SITING_SETTINGS.priorityAreaM),
    waterSourceM: readInt('SITING_WATER_SOURCE_M', DEFAULT_SITING_SETTINGS.waterSourceM),
    banZoneM: readInt('SITING_BAN_ZONE_M', DEFAULT_SITING_SETTINGS.banZoneM),
    controlZoneM: readInt('SITING_CONTROL_ZONE_M', DEFAULT_SITING_SETTINGS.controlZoneM),
    monitoringM: readInt('SITING_MONITORING_M', DEFAULT_SITING_SETTINGS.monitoringM),
    monitoringPoints: readInt('SITING_MONITORING_POINTS', DEFAULT_SITING_SETTINGS.monitoringPoints),
    // 在优先保护类耕地集中区域“严格控制”新建的行业（默认为《土壤污染防治行动计划》所列六个行业）
    controlledIndustries: parseControlledIndustries(process.env.SITING_CONTROLLED_INDUSTRIES ?? ''),
    // 选址位于饮用水水源一级、二级保护区内时的结论：controlled 严格控制 或 unsuited 不宜选址
    waterSourceInside: {
      level1: readChoice('SITING_WATER_LEVEL1', SITING_INSIDE_CHOICES, 'controlled'),
      level2: readChoice('SITING_WATER_LEVEL2', SITING_INSIDE_CHOICES, 'controlled'),
    },
    listLimit: readInt('SITING_LIST_LIMIT', 200),
  }
}

/** The areas a siting check reads: 优先保护类耕地集中区域 (gap, least area). */
export function readPriorityAreaSettings(): PriorityAreaSettings {
  return {
    gapM: readInt('PRIORITY_AREA_GAP_M', DEFAULT_PRIORITY_AREA_SETTINGS.gapM),
    minAreaMu: readInt('PRIORITY_AREA_MIN_MU', DEFAULT_PRIORITY_AREA_SETTINGS.minAreaMu),
  }
}

/** …and the 饮用水水源保护区 (import limits, the monitoring points listed near a zone). */
export function readWaterSourceSettings(uploadGuard: UploadGuardSettings): WaterSourceSettings {
  return {
    maxBytes: readInt('WATER_SOURCE_MAX_BYTES', 50 * 1024 * 1024),
    maxFeatures: readInt('WATER_SOURCE_MAX_FEATURES', 2000),
    // 列入保护区属性的监测点位：保护区内或距保护区不超过此距离（米；本地设置，非标准值）
    nearM: readInt('WATER_SOURCE_NEAR_M', 1000),
    uploadGuard,
  }
}
