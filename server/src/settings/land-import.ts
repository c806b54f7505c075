import type { AdminUnitSettings } from '../services/admin-units.service.ts'
import type { LandImportSettings } from '../services/land-import.service.ts'
import type { LandUpdateSettings } from '../services/land-update.service.ts'
import type { UploadGuardSettings } from '../services/upload-guard.ts'
import { readFraction, readInt } from './env.ts'

/** 行政区管理: the county and township boundary files and their tolerances (R 待核实, choices of this system). */
export function readAdminUnitSettings(uploadGuard: UploadGuardSettings): AdminUnitSettings {
  return {
    maxBytes: readInt('ADMIN_UNITS_MAX_BYTES', 50 * 1024 * 1024),
    maxFeatures: readInt('ADMIN_UNITS_MAX_FEATURES', 5000),
    // 乡镇超出区县边界的面积在此以内视为描边误差，不报
    outsideToleranceM2: readInt('ADMIN_UNITS_OUTSIDE_TOLERANCE_M2', 100),
    // 相邻乡镇重叠面积在此以内视为描边误差，不报
    overlapToleranceM2: readInt('ADMIN_UNITS_OVERLAP_TOLERANCE_M2', 100),
    // 区县内不属于任何乡镇的缝隙，从此面积起报告
    minGapM2: readInt('ADMIN_UNITS_MIN_GAP_M2', 100),
    previewMaxVertices: readInt('ADMIN_UNITS_PREVIEW_MAX_VERTICES', 200_000),
    previewMinutes: readInt('ADMIN_UNITS_PREVIEW_MINUTES', 30),
    recordOutsideToleranceM2: readInt('PARCEL_OUTSIDE_TOLERANCE_M2', 1),
    uploadGuard: { ...uploadGuard, maxUnpackedBytes: readInt('ADMIN_UNITS_MAX_UNPACKED_BYTES', 500 * 1024 * 1024) },
  }
}

/** 三调图斑导入: which land codes become farmland parcels and the checks' tolerances. */
export function readLandImportSettings(uploadGuard: UploadGuardSettings): LandImportSettings {
  return {
    maxBytes: readInt('LAND_IMPORT_MAX_BYTES', 500 * 1024 * 1024),
    // 作为耕地图斑导入的地类编码（01 耕地的二级类；加上 02 即把种植园用地也作为耕地图斑）
    farmlandCodes: (process.env.LAND_IMPORT_FARMLAND_CODES || '0101,0102,0103')
      .split(',')
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean),
    // 图斑边界无效时自动修复（修复后仍为面且面积基本不变）
    repairInvalid: process.env.LAND_IMPORT_REPAIR_INVALID !== 'false',
    // 修复前后面积允许相差的比例
    repairAreaTolerance: readFraction('LAND_IMPORT_REPAIR_AREA_TOLERANCE', 0.001),
    // 图斑之间重叠面积在此以内视为描边误差，不报
    overlapToleranceM2: readInt('LAND_IMPORT_OVERLAP_TOLERANCE_M2', 1),
    // 图斑超出区县边界的面积在此以内视为描边误差，不报
    outsideToleranceM2: readInt('LAND_IMPORT_OUTSIDE_TOLERANCE_M2', 1),
    // 计算面积与图斑面积（TBMJ）相差超过此比例时提示
    areaMismatchRatio: readFraction('LAND_IMPORT_AREA_MISMATCH_RATIO', 0.01),
    batchSize: readInt('LAND_IMPORT_BATCH_SIZE', 2000),
    reportListLimit: readInt('LAND_IMPORT_REPORT_LIST_LIMIT', 2000),
    uploadGuard: { ...uploadGuard, maxUnpackedBytes: readInt('LAND_IMPORT_MAX_UNPACKED_BYTES', 2048 * 1024 * 1024) },
  }
}

/** 年度变更 of the land survey parcels. */
export function readLandUpdateSettings(): LandUpdateSettings {
  return {
    // 年度变更：新旧图斑对称差面积 / 原图斑面积小于此比例时视为同一边界（标识码变了也按边界对应）
    geometryTolerance: readFraction('LAND_UPDATE_GEOMETRY_TOLERANCE', 0.01),
    mapFeatureLimit: readInt('LAND_UPDATE_MAP_FEATURE_LIMIT', 20_000),
    batchSize: readInt('LAND_UPDATE_BATCH_SIZE', 2000),
    // 恢复退出图斑时允许与现有图斑重叠的面积（平方米）
    restoreOverlapToleranceM2: readInt('LAND_UPDATE_RESTORE_OVERLAP_TOLERANCE_M2', 1),
  }
}
