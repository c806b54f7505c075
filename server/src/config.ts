import fs from 'node:fs'
import path from 'node:path'
import type { RegistrySettings } from './domain/control-zone.ts'
import type { ParcelEditSettings } from './domain/parcel-checks.ts'
import type { PrecheckSettings } from './domain/precheck.ts'
import type { BlackSoilSettings } from './domain/black-soil.ts'
import {
  PLOT_RATE_BASES,
  TARGET_YEAR_RULES,
  TERM_RULES,
  type PlotRateBasis,
  type TargetYearRule,
  type TermRule,
} from './domain/safe-use-rate.ts'
import type { CoverageSettings } from './domain/coverage.ts'
import type { MonitoringSettings } from './domain/monitoring.ts'
import type { UploadGuardSettings } from './services/upload-guard.ts'
import type { AdminUnitSettings } from './services/admin-units.service.ts'
import type { LandImportSettings } from './services/land-import.service.ts'
import type { LandUpdateSettings } from './services/land-update.service.ts'
import type { DocumentSettings } from './services/document-store.ts'
import { DEFAULT_MEASURES, parseMeasureSetting, type Measure } from './domain/safe-use-ledger.ts'
import { parseFieldMapSetting } from './domain/platform-package-field-map.ts'
import type { LandClass } from './domain/gb50137.ts'
import { parseLandUse2023Classes } from './domain/land-use-2023.ts'
import { DEFAULT_PRIORITY_AREA_SETTINGS, type PriorityAreaSettings } from './domain/priority-area.ts'
import type { WaterSourceSettings } from './services/water-source.service.ts'
import { DEFAULT_WATER_SOURCE_SEVERITY } from './domain/water-source.ts'
import { DEFAULT_SITING_SETTINGS, type SitingSettings } from './domain/siting.ts'
import { parseControlledIndustries } from './domain/siting-industries.ts'

const SITING_INSIDE_CHOICES = ['controlled', 'unsuited'] as const

const WATER_SOURCE_SEVERITIES = ['refuse', 'investigate', 'note'] as const
import type { PlatformPackageSettings } from './services/platform-package.service.ts'

/** Every environment variable, default and limit of the server, in one typed object. */
export interface AppConfig {
  port: number
  /** PostgreSQL server with PostGIS; when absent the embedded PGlite + PostGIS engine is used. */
  databaseUrl: string | undefined
  /**
   * A hot standby of that server (PostgreSQL streaming replication) for the map tiles, the public pages and the data
   * sharing service; reads go to the primary while the standby is behind a write of this server.
   */
  databaseReadUrl: string | undefined
  /** Seconds after a browser's write during which its reads go to the primary (several server processes). */
  readYourWritesSeconds: number
  /** Folder of the embedded database. */
  dataDir: string
  /** Load the sample data when the database holds no county yet. */
  seedOnStart: boolean
  /** Parcels generated per county for the default sample data. */
  sampleParcelsPerCounty: number
  clientDir: string
  logLevel: string
  /** Log lines for a person (text) or for a collector (json): LOG_FORMAT. */
  logFormat: 'text' | 'json'
  /**
   * Proxies whose X-Forwarded-For names the client (Express `trust proxy`: 'loopback', a comma list of addresses
   * or subnets, or a hop count); false trusts none, so the rate limits count the connecting address.
   */
  trustProxy: string | number | false
  tiles: {
    extent: number
    bufferPx: number
    /** In-memory tile cache entries; 0 turns the cache off (bench measures the DB path). */
    cacheEntries: number
    /** Safety cap of features in one tile; never reached at the intended zooms. */
    maxFeatures: number
  }
  limits: {
    jsonBody: string
    searchResults: number
    /** Most rows one export of an attribute table (属性表) writes; a larger filtered set is refused with its count. */
    attributeExportRows: number
  }
  auth: {
    /** Idle lifetime of a session; each request extends it, up to 7 days from login. */
    sessionMinutes: number
    /** Failed logins in a row that lock a user name, and for how long. */
    maxLoginFailures: number
    lockMinutes: number
    /** Login attempts per client address per minute (on top of the per-name lock-out). */
    loginAttemptsPerMinute: number
    /** Demo mode: the sample users need not change their password at first login. */
    isDemo: boolean
  }
  reports: {
    /** Reports (举报) one client address may send per window. */
    perWindow: number
    windowMinutes: number
    maxPhotoBytes: number
    maxDescriptionChars: number
    /** Tracking-code look-ups (查询举报进度) one client address may make per window. */
    lookupsPerWindow: number
    lookupWindowMinutes: number
    /** Supervised enterprises within this distance of a reported point are offered for an inspection. */
    nearbyEnterpriseM: number
    /** Side of the square drawn around the reported point when a report becomes a suspected plot. */
    plotDraftSideM: number
    /** The departments a report may be assigned to. */
    departments: string[]
  }
  /** Limits of parcel editing (图斑编辑); all R 待核实, not from a standard. */
  parcelEdit: ParcelEditSettings
  /** Control zones, enterprises and published lists; R 待核实, not from a standard. */
  registry: RegistrySettings
  /** 用地准入核查; every setting R 待核实, a choice of this system, not a standard value. */
  precheck: PrecheckSettings & {
    /** Most vertices of a checked outline. */
    maxVertices: number
    /** Most checks one list answer holds. */
    listLimit: number
    /** The class of the 2023 用地用海分类 codes whose GB 36600 class is a judgement (LAND_USE_2023_CLASSES). */
    landUse2023Classes: Record<string, LandClass>
  }
  /** Uploaded outlines of the 用地准入核查 (POST /api/precheck/parse-upload); R 待核实, not from a standard. */
  precheckUpload: {
    maxBytes: number
    /** Polygon features one file may hold. */
    maxFeatures: number
    /** Vertices of all its polygons together. */
    maxVertices: number
    /** Unpacking of a .zip or .kmz and heavy uploads at once: the same object as monitoring.uploadGuard. */
    uploadGuard: UploadGuardSettings
  }
  /** Monitoring points and results: standards of the judgement, entry limits and imports; see MonitoringSettings. */
  monitoring: MonitoringSettings & {
    /** Unpacking of an XLSX and heavy uploads at once: the same object as precheckUpload.uploadGuard. */
    uploadGuard: UploadGuardSettings
  }
  /** 监测网络全覆盖 and the gap analysis; every setting R 待核实 (README), not a standard value. */
  coverage: CoverageSettings & {
    /** Most uncovered parcels one map answer holds (the answer says when there are more). */
    maxUncoveredFeatures: number
    /** A planned point closer than this to an active or planned one is refused as a duplicate. */
    duplicateWithinM: number
  }
  /** Safe-utilisation indicators (docs/domain-notes.md §4); every rule R 待核实, a choice of this system, not a standard. */
  indicators: {
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
  /** 受污染耕地安全利用台账: the measure vocabulary, how near a 农产品产地 point counts, and the import's limits. */
  safeUseLedger: {
    /** The measures with their bucket (SAFE_USE_MEASURES, `名称:类别;…`). */
    measures: Measure[]
    /** A 农产品产地 point within this distance of a parcel (or inside it) gives its produce outcome (R, a setting). */
    produceNearM: number
    importMaxBytes: number
    importMaxRows: number
    /** Most rows one ledger answer holds. */
    listLimit: number
    uploadGuard: UploadGuardSettings
  }
  /** 行政区管理: county and township boundaries from a file; every tolerance R 待核实, a choice of this system. */
  adminUnits: AdminUnitSettings
  /** 三调图斑导入: which land codes become farmland parcels and the checks' tolerances; R 待核实, choices of this system. */
  landImport: LandImportSettings
  landUpdate: LandUpdateSettings
  /** Scope of the administrator account created on a first start (a province, city or county code). */
  adminScope: string
  /** 文件保存：上传的调查报告、评审意见、公告扫描件等；R 待核实, a choice of this system. */
  documents: DocumentSettings
  /** 上报数据包: the platforms' field names (PLATFORM_FIELD_MAP_FILE, a JSON file; a local setting, not a national standard). */
  platformPackage: PlatformPackageSettings
  /** 优先保护类耕地集中区域: the gap and the least area (local settings, not a standard). */
  priorityAreas: PriorityAreaSettings
  /** 饮用水水源保护区: import limits and the distance of the monitoring points listed near a zone (local settings). */
  waterSource: WaterSourceSettings
  /** 建设项目选址核查: the distances (local settings, not standard values), the 严格控制 industries, the list size. */
  siting: SitingSettings & { listLimit: number }
  /** Contaminated plots (污染地块). */
  plots: {
    /** Local soil background values of As, Co, V in mg/kg (GB 36600 表注; R 待核实); null = not set. */
    backgroundMgKg: { As: number | null; Co: number | null; V: number | null }
  }
}

const rootDir = path.resolve(import.meta.dirname, '..', '..')

function readFraction(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0 || value >= 1)
    throw new Error(`环境变量 ${name} 应为 0 到 1 之间的小数，当前为 “${raw}”`)
  return value
}

function readOptionalNumber(name: string): number | null {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return null
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0) throw new Error(`环境变量 ${name} 应为正数，当前为 “${raw}”`)
  return value
}

function readChoice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  if (!(choices as readonly string[]).includes(raw))
    throw new Error(`环境变量 ${name} 应为 ${choices.join('、')} 之一，当前为 “${raw}”`)
  return raw as T
}

function readInt(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`环境变量 ${name} 应为非负整数，当前为 “${raw}”`)
  return value
}

/** One guard for every upload that unpacks (XLSX, zipped Shapefile, KMZ); R 待核实, a choice of this system. */
function readUploadGuard(): UploadGuardSettings {
  return {
    maxUnpackedBytes: readInt('UPLOAD_MAX_UNPACKED_BYTES', 50 * 1024 * 1024),
    maxEntries: readInt('UPLOAD_MAX_ARCHIVE_ENTRIES', 100),
    busyWaitMs: readInt('UPLOAD_BUSY_WAIT_MS', 3000),
    retryAfterSeconds: readInt('UPLOAD_RETRY_AFTER_SECONDS', 10),
  }
}

/** A scope code: a province (430000), city (430900) or county (430903) code of GB/T 2260. */
function readScope(name: string, fallback: string): string {
  const raw = process.env[name]?.trim()
  if (!raw) return fallback
  if (!/^[1-9][0-9]{5}$/.test(raw))
    throw new Error(`环境变量 ${name} 应为 6 位行政区划代码（如 430000），当前为 “${raw}”`)
  return raw
}

/** The field mapping of the upload packages from the JSON file PLATFORM_FIELD_MAP_FILE names; none: the defaults. */
function readFieldMapFile(): PlatformPackageSettings {
  const file = process.env.PLATFORM_FIELD_MAP_FILE?.trim()
  if (!file) return { fieldMap: {}, fieldMapFile: null }
  let value: unknown
  try {
    value = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'))
  } catch (err) {
    throw new Error(
      `PLATFORM_FIELD_MAP_FILE：无法读取字段对照文件 ${file}（${err instanceof Error ? err.message : String(err)}）`,
      { cause: err },
    )
  }
  return { fieldMap: parseFieldMapSetting(value, `PLATFORM_FIELD_MAP_FILE（${file}）`), fieldMapFile: file }
}

/** LOG_FORMAT: text (readable lines, the default at a terminal) or json (pino's lines, the default otherwise). */
function readLogFormat(): 'text' | 'json' {
  const raw = process.env.LOG_FORMAT?.trim()
  if (raw === 'text' || raw === 'json') return raw
  if (raw) throw new Error(`环境变量 LOG_FORMAT 应为 text 或 json，当前为 “${raw}”`)
  return process.stdout.isTTY ? 'text' : 'json'
}

function readTrustProxy(): string | number | false {
  const raw = process.env.TRUST_PROXY?.trim()
  if (!raw || raw === 'false') return false
  return /^\d+$/.test(raw) ? Number(raw) : raw
}

export function loadConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const uploadGuard = readUploadGuard()
  return {
    port: readInt('PORT', 3000),
    databaseUrl: process.env.DATABASE_URL || undefined,
    databaseReadUrl: process.env.DATABASE_READ_URL || undefined,
    readYourWritesSeconds: readInt('READ_YOUR_WRITES_SECONDS', 10),
    dataDir: path.resolve(process.env.DATA_DIR || path.join(rootDir, '.data')),
    seedOnStart: process.env.SEED_ON_START !== 'false',
    sampleParcelsPerCounty: readInt('SAMPLE_PARCELS_PER_COUNTY', 3000),
    clientDir: path.join(rootDir, 'dist', 'client'),
    logLevel: process.env.LOG_LEVEL || 'info',
    logFormat: readLogFormat(),
    trustProxy: readTrustProxy(),
    tiles: {
      extent: 4096,
      bufferPx: 64,
      cacheEntries: readInt('TILE_CACHE_ENTRIES', 20000),
      maxFeatures: 200000,
    },
    limits: {
      jsonBody: '2mb',
      searchResults: 20,
      attributeExportRows: 100_000,
    },
    auth: {
      sessionMinutes: readInt('SESSION_MINUTES', 480),
      maxLoginFailures: readInt('MAX_LOGIN_FAILURES', 5),
      lockMinutes: readInt('LOGIN_LOCK_MINUTES', 15),
      loginAttemptsPerMinute: readInt('LOGIN_ATTEMPTS_PER_MINUTE', 30),
      isDemo: process.env.DEMO === 'true' || process.env.DEMO === '1',
    },
    reports: {
      perWindow: readInt('REPORTS_PER_WINDOW', 5),
      windowMinutes: readInt('REPORT_WINDOW_MINUTES', 60),
      maxPhotoBytes: readInt('REPORT_MAX_PHOTO_BYTES', 5 * 1024 * 1024),
      maxDescriptionChars: 2000,
      lookupsPerWindow: readInt('REPORT_LOOKUPS_PER_WINDOW', 30),
      lookupWindowMinutes: readInt('REPORT_LOOKUP_WINDOW_MINUTES', 10),
      nearbyEnterpriseM: readInt('REPORT_NEARBY_ENTERPRISE_M', 1000),
      plotDraftSideM: readInt('REPORT_PLOT_DRAFT_SIDE_M', 50),
      departments: (
        process.env.REPORT_DEPARTMENTS ?? '土壤生态环境科,生态环境执法大队,生态环境监测站,农业农村局,自然资源局'
      )
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean),
    },
    parcelEdit: {
      minAreaM2: readInt('PARCEL_MIN_AREA_M2', 200),
      minWidthM: readInt('PARCEL_MIN_WIDTH_M', 2),
      overlapToleranceM2: readInt('PARCEL_OVERLAP_TOLERANCE_M2', 1),
      outsideToleranceM2: readInt('PARCEL_OUTSIDE_TOLERANCE_M2', 1),
      maxVertices: readInt('PARCEL_MAX_VERTICES', 5000),
      neighbourBufferM: readInt('PARCEL_NEIGHBOUR_BUFFER_M', 50),
    },
    precheckUpload: {
      maxBytes: readInt('PRECHECK_UPLOAD_MAX_BYTES', 10 * 1024 * 1024),
      maxFeatures: readInt('PRECHECK_UPLOAD_MAX_FEATURES', 500),
      maxVertices: readInt('PRECHECK_UPLOAD_MAX_VERTICES', 20_000),
      uploadGuard,
    },
    monitoring: {
      constructionLandClass: process.env.MONITORING_CONSTRUCTION_CLASS === 'second' ? 'second' : 'first',
      maxSoilMgKg: readInt('MONITORING_MAX_SOIL_MG_KG', 10_000),
      maxCropMgKg: readInt('MONITORING_MAX_CROP_MG_KG', 100),
      earliestSampledOn: process.env.MONITORING_EARLIEST_SAMPLED_ON || '1980-01-01',
      importMaxBytes: readInt('MONITORING_IMPORT_MAX_BYTES', 5 * 1024 * 1024),
      importMaxRows: readInt('MONITORING_IMPORT_MAX_ROWS', 5000),
      listLimit: readInt('MONITORING_LIST_LIMIT', 500),
      uploadGuard,
    },
    indicators: {
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
    },
    safeUseLedger: {
      measures: process.env.SAFE_USE_MEASURES
        ? parseMeasureSetting(process.env.SAFE_USE_MEASURES)
        : [...DEFAULT_MEASURES],
      produceNearM: readInt('SAFE_USE_PRODUCE_NEAR_M', 200),
      importMaxBytes: readInt('SAFE_USE_IMPORT_MAX_BYTES', 5 * 1024 * 1024),
      importMaxRows: readInt('SAFE_USE_IMPORT_MAX_ROWS', 5000),
      listLimit: readInt('SAFE_USE_LIST_LIMIT', 5000),
      uploadGuard,
    },
    adminUnits: {
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
    },
    landImport: {
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
    },
    landUpdate: {
      // 年度变更：新旧图斑对称差面积 / 原图斑面积小于此比例时视为同一边界（标识码变了也按边界对应）
      geometryTolerance: readFraction('LAND_UPDATE_GEOMETRY_TOLERANCE', 0.01),
      mapFeatureLimit: readInt('LAND_UPDATE_MAP_FEATURE_LIMIT', 20_000),
      batchSize: readInt('LAND_UPDATE_BATCH_SIZE', 2000),
      // 恢复退出图斑时允许与现有图斑重叠的面积（平方米）
      restoreOverlapToleranceM2: readInt('LAND_UPDATE_RESTORE_OVERLAP_TOLERANCE_M2', 1),
    },
    adminScope: readScope('ADMIN_SCOPE', '430000'),
    documents: {
      // 单个文件（调查报告、评审意见、公告扫描件等）的大小上限
      maxBytes: readInt('DOCUMENT_MAX_BYTES', 50 * 1024 * 1024),
      // 文件存放处：database（存入数据库，一次备份包含全部文件）、folder（存入 DOCUMENT_DIR 文件夹）
      // 或 s3（存入 S3 兼容的对象存储，如 MinIO、阿里云 OSS、华为云 OBS）
      store: readChoice('DOCUMENT_STORE', ['database', 'folder', 's3'] as const, 'database'),
      dir: path.resolve(
        process.env.DOCUMENT_DIR || path.join(process.env.DATA_DIR || path.join(rootDir, '.data'), 'documents'),
      ),
      // 对象存储的地址、存储桶、区域和访问密钥（DOCUMENT_STORE=s3 时使用）
      s3: {
        endpoint: process.env.DOCUMENT_S3_ENDPOINT || null,
        bucket: process.env.DOCUMENT_S3_BUCKET || 'soil-documents',
        region: process.env.DOCUMENT_S3_REGION || 'us-east-1',
        accessKeyId: process.env.DOCUMENT_S3_ACCESS_KEY || '',
        secretAccessKey: process.env.DOCUMENT_S3_SECRET_KEY || '',
      },
    },
    platformPackage: readFieldMapFile(),
    priorityAreas: {
      gapM: readInt('PRIORITY_AREA_GAP_M', DEFAULT_PRIORITY_AREA_SETTINGS.gapM),
      minAreaMu: readInt('PRIORITY_AREA_MIN_MU', DEFAULT_PRIORITY_AREA_SETTINGS.minAreaMu),
    },
    // 建设项目选址核查：各距离为本地设置（米），非标准值
    siting: {
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
    },
    waterSource: {
      maxBytes: readInt('WATER_SOURCE_MAX_BYTES', 50 * 1024 * 1024),
      maxFeatures: readInt('WATER_SOURCE_MAX_FEATURES', 2000),
      // 列入保护区属性的监测点位：保护区内或距保护区不超过此距离（米；本地设置，非标准值）
      nearM: readInt('WATER_SOURCE_NEAR_M', 1000),
      uploadGuard,
    },
    plots: {
      backgroundMgKg: {
        As: readOptionalNumber('PLOT_BACKGROUND_AS_MG_KG'),
        Co: readOptionalNumber('PLOT_BACKGROUND_CO_MG_KG'),
        V: readOptionalNumber('PLOT_BACKGROUND_V_MG_KG'),
      },
    },
    coverage: {
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
    },
    registry: {
      zoneMaxVertices: readInt('ZONE_MAX_VERTICES', 50_000),
      signMaxDistanceM: readInt('ZONE_SIGN_MAX_DISTANCE_M', 50),
      feedVersions: readInt('LIST_FEED_VERSIONS', 10),
    },
    precheck: {
      monitoringRadiusM: readInt('PRECHECK_MONITORING_RADIUS_M', 500),
      minOverlapM2: readInt('PRECHECK_MIN_OVERLAP_M2', 1),
      law59Scope: process.env.PRECHECK_LAW59_SCOPE === 'always' ? 'always' : 'hint',
      strictFarmlandSeverity: process.env.PRECHECK_STRICT_FARMLAND === 'refuse' ? 'refuse' : 'investigate',
      interventionInsideSeverity: process.env.PRECHECK_INTERVENTION_INSIDE === 'investigate' ? 'investigate' : 'refuse',
      // 地块位于饮用水水源保护区时的结论（refuse 不得、investigate 须调查评估、note 提示；本地设置）
      waterSourceSeverity: {
        level1: readChoice(
          'PRECHECK_WATER_SOURCE_LEVEL1',
          WATER_SOURCE_SEVERITIES,
          DEFAULT_WATER_SOURCE_SEVERITY.level1,
        ),
        level2: readChoice(
          'PRECHECK_WATER_SOURCE_LEVEL2',
          WATER_SOURCE_SEVERITIES,
          DEFAULT_WATER_SOURCE_SEVERITY.level2,
        ),
        quasi: readChoice('PRECHECK_WATER_SOURCE_QUASI', WATER_SOURCE_SEVERITIES, DEFAULT_WATER_SOURCE_SEVERITY.quasi),
      },
      maxVertices: readInt('PRECHECK_MAX_VERTICES', 20_000),
      listLimit: readInt('PRECHECK_LIST_LIMIT', 200),
      landUse2023Classes: parseLandUse2023Classes(process.env.LAND_USE_2023_CLASSES ?? ''),
    },
    ...overrides,
  }
}

export const paths = {
  root: rootDir,
  migrations: path.join(rootDir, 'sql', 'migrations'),
  queries: path.join(rootDir, 'sql', 'queries'),
  sampleData: path.join(rootDir, 'sample-data'),
}
