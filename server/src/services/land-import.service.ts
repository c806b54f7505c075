import type { Database } from '../db/database.ts'
import { acceptedCrsOf, centralMeridianNear, checkExtentFits, type CrsResult } from '../domain/crs-detect.ts'
import { AppError, type Problem } from '../domain/errors.ts'
import {
  checkFarmlandCodes,
  DLTB_ATTRIBUTE_LABELS,
  DLTB_ATTRIBUTES,
  defaultFieldMap,
  mergeFieldMap,
  type LandImportChecks,
} from '../domain/land-import.ts'
import {
  defaultYjjbntFieldMap,
  mergeYjjbntFieldMap,
  YJJBNT_ATTRIBUTE_LABELS,
  YJJBNT_ATTRIBUTES,
} from '../domain/land-import-yjjbnt.ts'
import { can } from '../domain/rights.ts'
import { assertCountyInScope } from '../domain/scope.ts'
import { findCountyLongitudes } from '../repos/precheck-upload.repo.ts'
import {
  checkStagedFeatures,
  findFeatureGeometry,
  findImport,
  insertImport,
  listImports,
  countCountyParcels,
  reportCounts,
  storeReportCounts,
  requestCancel,
  setStatus,
  startApply,
  type LandImportRow,
} from '../repos/land-import.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { LandImportRunner } from './land-import-runner.ts'
import { reportAnswer, reportWorkbook, settingsAnswer, STATUS_LABEL, statusAnswer } from './land-import-report.ts'
import { stageLayer } from './land-import-staging.ts'
import {
  describeLayerFile,
  inspectLayerFile,
  type DbfEncoding,
  type LayerFileInfo,
  type LayerFileInput,
} from './layer-file.ts'
import { runHeavyUpload, type UploadGuardSettings } from './upload-guard.ts'

/** config.landImport: the checks' tolerances, limits and batch sizes; R 待核实, choices of this system. */
export interface LandImportSettings extends LandImportChecks {
  maxBytes: number
  /** Features read and staged per batch, and inserted per batch when applying. */
  batchSize: number
  /** Most problem features one report answer lists (the XLSX lists all). */
  reportListLimit: number
  uploadGuard: UploadGuardSettings
}

/** What the officer chose over the detection. */
export interface ImportOptions {
  adcode: string
  kind: 'dltb' | 'yjjbnt'
  layer?: string
  encoding?: DbfEncoding
  /** EPSG code of the CRS the officer chose (CGCS2000 geographic or Gauss-Krüger). */
  epsg?: number
  fieldMap?: Partial<Record<string, string | null>>
  farmlandCodes?: string[]
}

export interface LandImportDeps {
  db: Database
  settings: LandImportSettings
  runner: LandImportRunner
  /** Called after an apply's commit with the tile layers to invalidate. */
  onChanged: (layers: string[]) => void
}

function refuse(message: string, problems?: Problem[]): never {
  throw new AppError('VALIDATION', message, problems ? { problems } : undefined)
}

/**
 * 三调 地类图斑 import: read and check an uploaded DLTB layer into a staging area (the dry run), report what it
 * holds and what is wrong, then apply all valid features or nothing unless all are valid, as a background job.
 */
export class LandImportService {
  constructor(private readonly deps: LandImportDeps) {}

  private assertCanImport(ctx: AuthContext) {
    if (!can(ctx.user.role, 'land.import')) throw new AppError('FORBIDDEN', '只有农业农村部门或管理员可以导入三调图斑')
  }

  private countyOf(ctx: AuthContext, adcode: string): { adcode: string; name: string } {
    const county = ctx.user.counties.find((c) => c.adcode === adcode)
    if (!county) assertCountyInScope(ctx, adcode, adcode)
    return county!
  }

  /** Describes the file; `isGuarded` when the caller already holds the one heavy upload. */
  private async read(input: LayerFileInput, options: ImportOptions, isGuarded = false): Promise<LayerFileInfo> {
    const longitudes = await findCountyLongitudes(this.deps.db, [options.adcode])
    return (isGuarded ? describeLayerFile : inspectLayerFile)(input, {
      guard: this.deps.settings.uploadGuard,
      layer: options.layer,
      preferLayers: options.kind === 'dltb' ? ['DLTB'] : ['YJJBNTTB', 'JBNTTB'],
      encoding: options.encoding,
      meridianHints: longitudes.map((c) => ({ county: c.name, centralMeridian: centralMeridianNear(c.lon) })),
    })
  }

  /** The CRS to use: the officer's choice (it must fit the coordinates) or the one found; a refusal in words. */
  private crsToUse(
    info: LayerFileInfo,
    epsg: number | undefined,
  ): { epsg: number; reason: string; isOverride: boolean } {
    if (epsg !== undefined) {
      const chosen = acceptedCrsOf(epsg)
      if (!chosen || epsg === 4326)
        refuse(`EPSG:${epsg} 不是可选的坐标系；请选择 CGCS2000 经纬度（4490）或 CGCS2000 高斯-克吕格投影（4491–4554）`)
      if (info.layer.extent) {
        const fits = checkExtentFits(chosen, info.layer.extent)
        if (!fits.ok) refuse(fits.message, [{ code: fits.code, message: fits.message, field: 'epsg' }])
      }
      return { epsg, reason: `按您选择的坐标系：${chosen.label}`, isOverride: true }
    }
    const crs: CrsResult = info.crs
    if (!crs.ok)
      throw new AppError('GEOMETRY_CHECK', `${crs.message}；也可以在导入时选择坐标系`, {
        problems: [{ code: crs.code, message: crs.message, field: 'epsg' }],
      })
    return { epsg: crs.crs.epsg, reason: info.crsReason, isOverride: false }
  }

  /** Reads the file and tells what it holds and what was detected; nothing is written. */
  async inspect(ctx: AuthContext, input: LayerFileInput, options: ImportOptions) {
    this.assertCanImport(ctx)
    const county = this.countyOf(ctx, options.adcode)
    const info = await this.read(input, options)
    const columns = info.layer.fields.map((f) => f.name)
    return {
      county,
      file: {
        fileName: info.fileName,
        format: info.format,
        layers: info.layers.map((l) => ({ name: l.name, geometryType: l.geometryType, featureCount: l.featureCount })),
        layer: info.layer,
      },
      crs: info.crs.ok
        ? {
            ok: true as const,
            epsg: info.crs.crs.epsg,
            label: info.crs.crs.label,
            how: info.crs.crs.how,
            reason: info.crsReason,
            warnings: info.crs.warnings,
          }
        : { ok: false as const, code: info.crs.code, message: info.crs.message, reason: info.crsReason },
      encoding: info.encoding,
      sampleRows: info.sampleRows,
      kind: options.kind,
      fieldMap: options.kind === 'yjjbnt' ? defaultYjjbntFieldMap(columns) : defaultFieldMap(columns),
      attributes:
        options.kind === 'yjjbnt'
          ? YJJBNT_ATTRIBUTES.map((a) => ({ key: a, label: YJJBNT_ATTRIBUTE_LABELS[a] }))
          : DLTB_ATTRIBUTES.map((a) => ({ key: a, label: DLTB_ATTRIBUTE_LABELS[a] })),
      farmlandCodes: this.deps.settings.farmlandCodes,
      settings: settingsAnswer(this.deps.settings),
    }
  }

  /**
   * The dry run: reads the layer in batches into the staging table (geometry transformed to EPSG:4490 by PostGIS),
   * runs the set-wise checks and answers the report. The import stays unapplied.
   */
  async createImport(ctx: AuthContext, input: LayerFileInput, options: ImportOptions) {
    this.assertCanImport(ctx)
    const { db, settings } = this.deps
    this.countyOf(ctx, options.adcode)
    const farmlandCodes = options.farmlandCodes?.length ? options.farmlandCodes : settings.farmlandCodes
    const codesProblem = checkFarmlandCodes(farmlandCodes)
    if (codesProblem) refuse(codesProblem, [{ code: 'FARMLAND_CODES', message: codesProblem, field: 'farmlandCodes' }])
    const importId = await runHeavyUpload(settings.uploadGuard, async () => {
      const info = await this.read(input, options, true)
      const crs = this.crsToUse(info, options.epsg)
      const columns = info.layer.fields.map((f) => f.name)
      const { map, problems } =
        options.kind === 'yjjbnt'
          ? mergeYjjbntFieldMap(columns, options.fieldMap)
          : mergeFieldMap(columns, options.fieldMap)
      if (problems.length)
        refuse(
          problems.map((p) => p.message).join('；'),
          problems.map((p) => ({ code: 'FIELD_MAP', message: p.message, field: `fieldMap.${p.field}` })),
        )
      const checks: LandImportChecks = { ...pickChecks(settings), farmlandCodes }
      const id = await insertImport(db, {
        adcode: options.adcode,
        kind: options.kind,
        fileName: info.fileName,
        fileFormat: info.format,
        layerName: info.layer.name,
        detectedEpsg: info.crs.ok ? info.crs.crs.epsg : null,
        crsReason: crs.reason,
        crsEpsg: crs.epsg,
        isCrsOverride: crs.isOverride,
        encoding: info.encoding?.encoding ?? null,
        encodingReason: info.encoding?.reason ?? null,
        fieldMap: map,
        farmlandCodes,
        settings: checks,
        createdBy: ctx.user.username,
      })
      try {
        await stageLayer(db, settings, {
          importId: id,
          adcode: options.adcode,
          kind: options.kind,
          input,
          info,
          map,
          epsg: crs.epsg,
          checks,
        })
        await checkStagedFeatures(db, id, options.adcode, checks)
        await storeReportCounts(db, id)
      } catch (err) {
        await setStatus(db, id, { status: 'failed', message: '读取或检查文件时出错，本次导入未完成' }).catch(() => {})
        throw err
      }
      return id
    })
    return this.report(ctx, importId)
  }

  private async loadInScope(ctx: AuthContext, importId: number): Promise<LandImportRow> {
    const row = await findImport(this.deps.db, importId)
    if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${importId} 的三调图斑导入`)
    assertCountyInScope(ctx, row.adcode, row.county_name)
    if (row.status === 'applying' && !this.deps.runner.isActive(importId)) {
      const message = '应用过程被中断（服务器重启），已全部撤销，没有写入任何图斑；可以重新应用'
      await setStatus(this.deps.db, importId, { status: 'failed', message, done: 0 })
      return { ...row, status: 'failed', message, progress_done: 0 }
    }
    return row
  }

  private statusAnswer(row: LandImportRow) {
    return statusAnswer(row, this.deps.runner.progressOf(Number(row.id)))
  }

  /** The import report: what was read, how, the counts by land code, township and problem, and the problems. */
  async report(ctx: AuthContext, importId: number, page: { limit?: number; offset?: number } = {}) {
    const row = await this.loadInScope(ctx, importId)
    const { reportListLimit } = this.deps.settings
    return reportAnswer(this.deps.db, row, this.deps.runner.progressOf(importId), {
      limit: Math.min(page.limit ?? reportListLimit, reportListLimit),
      offset: page.offset ?? 0,
    })
  }

  async status(ctx: AuthContext, importId: number) {
    return this.statusAnswer(await this.loadInScope(ctx, importId))
  }

  async list(ctx: AuthContext, adcodes: string[]) {
    const rows = await listImports(this.deps.db, adcodes, 50)
    return rows.map((r) => ({
      id: Number(r.id),
      adcode: r.adcode,
      countyName: r.county_name,
      kind: r.kind,
      fileName: r.file_name,
      status: r.status,
      statusLabel: STATUS_LABEL[r.status],
      features: r.feature_count,
      refused: r.refused_count,
      farmlandAdded: r.farmland_added,
      contextAdded: r.context_added,
      createdBy: r.created_by,
      createdAt: r.created_at.toISOString(),
    }))
  }

  /** One staged feature's outline for the map (定位). */
  async featureGeometry(ctx: AuthContext, importId: number, seq: number) {
    await this.loadInScope(ctx, importId)
    const f = await findFeatureGeometry(this.deps.db, importId, seq)
    if (!f) throw new AppError('NOT_FOUND', `本次导入没有第 ${seq} 个要素`)
    return {
      type: 'Feature' as const,
      id: f.seq,
      properties: { seq: f.seq, bsm: f.bsm, dlbm: f.dlbm },
      geometry: f.geometry,
    }
  }

  /**
   * Starts applying: `all` only when no feature was refused, `valid` loads the valid ones; refused when the county
   * already has farmland parcels (the annual update is for that); a 永久基本农田 layer replaces the county's earlier
   * one. Runs in the background in one transaction.
   */
  async apply(ctx: AuthContext, importId: number, mode: 'valid' | 'all') {
    this.assertCanImport(ctx)
    const row = await this.loadInScope(ctx, importId)
    const { db, runner } = this.deps
    if (row.status === 'applied') throw new AppError('CONFLICT', '本次导入已经应用过了')
    if (row.status === 'applying') throw new AppError('CONFLICT', '本次导入正在应用中')
    if (row.status === 'staging') throw new AppError('CONFLICT', '文件还在读取和检查中，请等检查完成后再应用')
    if (mode === 'all' && row.refused_count > 0)
      throw new AppError(
        'IMPORT_REJECTED',
        `有 ${row.refused_count} 个图斑未通过检查，选择“全部通过才导入”时不导入任何图斑；请修正文件后重新上传，或选择“只导入通过检查的图斑”`,
        { reason: 'NOT_ALL_VALID', refused: row.refused_count },
      )
    const existing = row.kind === 'yjjbnt' ? 0 : await countCountyParcels(db, row.adcode)
    if (existing > 0)
      throw new AppError(
        'CONFLICT',
        `${row.county_name}已有 ${existing} 个耕地图斑，首次导入只能用于还没有图斑的区县；已有图斑的区县请用年度变更调查更新（按标识码对应）`,
        { reason: 'COUNTY_HAS_PARCELS' },
      )
    const valid = row.feature_count - row.refused_count
    if (valid === 0)
      throw new AppError('IMPORT_REJECTED', '没有通过检查的图斑，无可导入的内容', { reason: 'NOTHING_VALID' })
    if (!(await startApply(db, importId, mode, ctx.user.username)))
      throw new AppError('CONFLICT', '本次导入的状态已变化，请刷新后再试')
    const counts = await reportCounts(db, row)
    runner.start(
      {
        importId,
        kind: row.kind,
        adcode: row.adcode,
        fileName: row.file_name,
        mode,
        actor: ctx.user.username,
        total: valid,
        farmland: counts.farmland_valid,
        lastSeq: row.feature_count,
      },
      this.deps.onChanged,
    )
    return this.statusAnswer({ ...row, status: 'applying', apply_mode: mode, progress_done: 0, progress_total: valid })
  }

  /** Asks a running apply to stop; it rolls back at its next batch. */
  async cancel(ctx: AuthContext, importId: number) {
    this.assertCanImport(ctx)
    const row = await this.loadInScope(ctx, importId)
    if (row.status !== 'applying')
      throw new AppError('CONFLICT', `本次导入${STATUS_LABEL[row.status]}，没有正在进行的应用可以取消`)
    this.deps.runner.cancel(importId)
    await requestCancel(this.deps.db, importId)
    return this.statusAnswer({ ...row, is_cancel_requested: true })
  }

  /** The report as an XLSX workbook: 概况, counts by land code, township and problem, and every problem feature. */
  async reportXlsx(
    ctx: AuthContext,
    importId: number,
  ): Promise<{ fileName: { utf8: string; ascii: string }; bytes: Buffer }> {
    return reportWorkbook(this.deps.db, await this.report(ctx, importId, { limit: 1 }))
  }
}

function pickChecks(s: LandImportSettings): LandImportChecks {
  return {
    farmlandCodes: s.farmlandCodes,
    repairInvalid: s.repairInvalid,
    repairAreaTolerance: s.repairAreaTolerance,
    overlapToleranceM2: s.overlapToleranceM2,
    outsideToleranceM2: s.outsideToleranceM2,
    areaMismatchRatio: s.areaMismatchRatio,
  }
}
