import path from 'node:path'
import type { RegistrySettings } from './domain/control-zone.ts'
import type { ParcelEditSettings } from './domain/parcel-checks.ts'
import type { AdminUnitSettings } from './services/admin-units.service.ts'
import type { LandImportSettings } from './services/land-import.service.ts'
import type { LandUpdateSettings } from './services/land-update.service.ts'
import type { DocumentSettings } from './services/document-store.ts'
import type { PriorityAreaSettings } from './domain/priority-area.ts'
import type { WaterSourceSettings } from './services/water-source.service.ts'
import type { SitingSettings } from './domain/siting.ts'
import type { PlatformPackageSettings } from './services/platform-package.service.ts'
import type { SafeUseLedgerSettings } from './services/safe-use-ledger.service.ts'
import { readInt, readOptionalNumber, readScope } from './settings/env.ts'
import { readDocumentSettings, readUploadGuard } from './settings/uploads.ts'
import { readTileSettings, type TileConfig } from './settings/tiles.ts'
import {
  readPrecheckSettings,
  readPrecheckUploadSettings,
  type PrecheckConfig,
  type PrecheckUploadConfig,
} from './settings/precheck.ts'
import {
  readCoverageSettings,
  readMonitoringSettings,
  type CoverageConfig,
  type MonitoringConfig,
} from './settings/monitoring.ts'
import { readIndicatorSettings, readSafeUseLedgerSettings, type IndicatorConfig } from './settings/safe-use.ts'
import { readAdminUnitSettings, readLandImportSettings, readLandUpdateSettings } from './settings/land-import.ts'
import { readPriorityAreaSettings, readSitingSettings, readWaterSourceSettings } from './settings/siting.ts'
import { readFieldMapFile } from './settings/platform-package.ts'

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
  tiles: TileConfig
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
  precheck: PrecheckConfig
  /** Uploaded outlines of the 用地准入核查 (POST /api/precheck/parse-upload); R 待核实, not from a standard. */
  precheckUpload: PrecheckUploadConfig
  /** Monitoring points and results: standards of the judgement, entry limits and imports; see MonitoringSettings. */
  monitoring: MonitoringConfig
  /** 监测网络全覆盖 and the gap analysis; every setting R 待核实 (README), not a standard value. */
  coverage: CoverageConfig
  /** Safe-utilisation indicators (docs/domain-notes.md §4); every rule R 待核实, a choice of this system, not a standard. */
  indicators: IndicatorConfig
  /** 受污染耕地安全利用台账: the measure vocabulary, how near a 农产品产地 point counts, and the import's limits. */
  safeUseLedger: SafeUseLedgerSettings
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
    tiles: readTileSettings(),
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
    precheckUpload: readPrecheckUploadSettings(uploadGuard),
    monitoring: readMonitoringSettings(uploadGuard),
    indicators: readIndicatorSettings(),
    safeUseLedger: readSafeUseLedgerSettings(uploadGuard),
    adminUnits: readAdminUnitSettings(uploadGuard),
    landImport: readLandImportSettings(uploadGuard),
    landUpdate: readLandUpdateSettings(),
    adminScope: readScope('ADMIN_SCOPE', '430000'),
    documents: readDocumentSettings(rootDir),
    platformPackage: readFieldMapFile(),
    priorityAreas: readPriorityAreaSettings(),
    siting: readSitingSettings(),
    waterSource: readWaterSourceSettings(uploadGuard),
    plots: {
      backgroundMgKg: {
        As: readOptionalNumber('PLOT_BACKGROUND_AS_MG_KG'),
        Co: readOptionalNumber('PLOT_BACKGROUND_CO_MG_KG'),
        V: readOptionalNumber('PLOT_BACKGROUND_V_MG_KG'),
      },
    },
    coverage: readCoverageSettings(),
    registry: {
      zoneMaxVertices: readInt('ZONE_MAX_VERTICES', 50_000),
      signMaxDistanceM: readInt('ZONE_SIGN_MAX_DISTANCE_M', 50),
      feedVersions: readInt('LIST_FEED_VERSIONS', 10),
    },
    precheck: readPrecheckSettings(),
    ...overrides,
  }
}

export const paths = {
  root: rootDir,
  migrations: path.join(rootDir, 'sql', 'migrations'),
  queries: path.join(rootDir, 'sql', 'queries'),
  sampleData: path.join(rootDir, 'sample-data'),
}
