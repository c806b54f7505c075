import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import type { Feature, FeatureCollection } from 'geojson'
import type { BasemapChoice, LayerGroup, MapFocus } from '../../shared/api-types'
import { errorMessage } from '../../shared/error-message'
import { MapView } from '../../map/map-view'
import type { MapClient } from '../../map/map-client'
import {
  applyImport,
  cancelImport,
  createImport,
  featureOutline,
  importReport,
  importStatus,
  inspectLayer,
} from './land-import-api'
import type { ApplyMode, ImportChoices, ImportReport, ImportStatus, Inspection, LayerKind } from './land-import-types'
import { ReportTables, Samples } from './land-import-report'
import './land-import.css'

const NO_BASEMAP: BasemapChoice = { kind: 'none' }
const OVERLAY = 'land-import'
const POLL_MS = 1000

/** The layers a county imports, as the officer knows them. */
const LAYER_KINDS: { kind: LayerKind; label: string }[] = [
  { kind: 'dltb', label: '地类图斑（DLTB）' },
  { kind: 'yjjbnt', label: '永久基本农田图斑（YJJBNTTB）' },
]

/** The bbox of a feature's outline, a little enlarged. */
function bboxOf(feature: Feature): [number, number, number, number] | null {
  const g = feature.geometry as { coordinates?: unknown } | null
  const points = ((g?.coordinates ?? []) as unknown[]).flat(3) as unknown as number[]
  const xs: number[] = []
  const ys: number[] = []
  for (let i = 0; i + 1 < points.length; i += 2) {
    xs.push(points[i])
    ys.push(points[i + 1])
  }
  if (!xs.length) return null
  const pad = 0.002
  return [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad]
}

/** What a step composed into the page (the annual update) may do on its map. */
export interface ImportMapHooks {
  overlay: (data: FeatureCollection | null) => void
  locate: (point: [number, number]) => void
  fit: (bbox: [number, number, number, number]) => void
}

/**
 * 三调图斑导入: the farmland officer uploads the county's DLTB layer, checks it (dry run), reads the report and applies.
 * `updateStep` shows the annual update of a checked import when the county already has parcels; `countySection`
 * what goes below the steps for the chosen county (the parcels its annual updates retired).
 */
export function LandImportPage({
  counties,
  updateStep,
  countySection,
}: {
  counties: { adcode: string; name: string }[]
  updateStep?: (importId: number, map: ImportMapHooks) => ReactNode
  countySection?: (adcode: string) => ReactNode
}) {
  const [file, setFile] = useState<File | null>(null)
  const [choices, setChoices] = useState<ImportChoices>({ adcode: counties[0]?.adcode ?? '', kind: 'dltb' })
  // the counties of the scope arrive after the page is first drawn: take the first one once they are there
  useEffect(() => {
    if (counties.length && !counties.some((c) => c.adcode === choices.adcode))
      setChoices((current) => ({ ...current, adcode: counties[0].adcode }))
  }, [counties, choices.adcode])
  const isBasicFarmland = choices.kind === 'yjjbnt'
  const [inspection, setInspection] = useState<Inspection | null>(null)
  const [report, setReport] = useState<ImportReport | null>(null)
  const [status, setStatus] = useState<ImportStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const [client, setClient] = useState<MapClient | null>(null)
  const [visibility, setVisibility] = useState<Record<string, boolean>>({})
  const [focus, setFocus] = useState<MapFocus | null>(null)
  const [located, setLocated] = useState<Feature | null>(null)
  const timer = useRef<number | null>(null)
  const onGroups = useCallback(
    (groups: LayerGroup[]) => setVisibility(Object.fromEntries(groups.map((g) => [g.id, g.visible]))),
    [],
  )
  const ignore = useCallback(() => undefined, [])
  const overlayUpdate = useCallback(
    (data: FeatureCollection | null) => client?.setOverlay('land-update', data),
    [client],
  )
  const locatePoint = useCallback(
    ([lon, lat]: [number, number]) =>
      setFocus({ bbox: [lon - 0.002, lat - 0.002, lon + 0.002, lat + 0.002], maxZoom: 17 }),
    [],
  )
  const fitBox = useCallback((bbox: [number, number, number, number]) => setFocus({ bbox, maxZoom: 17 }), [])

  useEffect(() => {
    if (!client) return
    client.setOverlay(
      OVERLAY,
      located
        ? {
            type: 'FeatureCollection',
            features: [{ ...located, properties: { ...located.properties, kind: 'problem-area' } }],
          }
        : null,
    )
  }, [client, located])

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current)
    },
    [],
  )

  const busy = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const inspect = () =>
    busy(async () => {
      if (!file) throw new Error('请先选择要导入的三调图层文件')
      const answer = await inspectLayer(file, choices)
      setInspection(answer)
      setReport(null)
      setStatus(null)
      setChoices((c) => ({
        ...c,
        fieldMap: answer.fieldMap,
        farmlandCodes: c.kind === 'yjjbnt' ? undefined : (c.farmlandCodes ?? answer.farmlandCodes.join(',')),
      }))
    })

  const check = () =>
    busy(async () => {
      if (!file) throw new Error('请先选择要导入的三调图层文件')
      const answer = await createImport(file, choices)
      setReport(answer)
      setStatus(answer.status)
    })

  const poll = (id: number) => {
    timer.current = window.setTimeout(async () => {
      try {
        const next = await importStatus(id)
        setStatus(next)
        if (next.status === 'applying') return poll(id)
        setReport(await importReport(id))
      } catch (e) {
        setError(errorMessage(e))
      }
    }, POLL_MS)
  }

  const apply = (mode: ApplyMode) =>
    busy(async () => {
      if (!report) return
      const started = await applyImport(report.import.id, mode)
      setStatus(started)
      poll(report.import.id)
    })

  const cancel = () =>
    busy(async () => {
      if (report) setStatus(await cancelImport(report.import.id))
    })

  const locate = (seq: number) =>
    busy(async () => {
      if (!report) return
      const feature = await featureOutline(report.import.id, seq)
      setLocated(feature)
      const bbox = bboxOf(feature)
      if (bbox) setFocus({ bbox, maxZoom: 17 })
    })

  const columns = inspection?.file.layer.fields.map((f) => f.name) ?? []
  const progress = status?.progress
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0

  return (
    <div className="land-import" data-testid="land-import-page">
      <section className="land-import__panel">
        <h2>三调图斑导入</h2>
        <p className="land-import__muted">
          上传本区县第三次全国国土调查的地类图斑（DLTB）或永久基本农田图斑（YJJBNTTB）图层：Shapefile 压缩包、GeoPackage
          或 FileGDB 压缩包。永久基本农田图层导入后替换本区县原有的永久基本农田图斑。
          先检查（不写入），看过报告后再导入。
        </p>
        <div className="land-import__row">
          <label>
            区县
            <select value={choices.adcode} onChange={(e) => setChoices({ ...choices, adcode: e.target.value })}>
              {counties.map((c) => (
                <option key={c.adcode} value={c.adcode}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            图层
            <select
              value={choices.kind}
              data-testid="land-import-kind"
              onChange={(e) => {
                setChoices({ adcode: choices.adcode, kind: e.target.value as LayerKind })
                setInspection(null)
                setReport(null)
                setStatus(null)
              }}
            >
              {LAYER_KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            文件
            <input
              type="file"
              accept=".zip,.gpkg,.geojson,.json"
              data-testid="land-import-file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
        </div>
        <button
          type="button"
          className="btn"
          disabled={!file || isBusy}
          onClick={inspect}
          data-testid="land-import-inspect"
        >
          读取文件
        </button>

        {inspection && (
          <div className="land-import__step" data-testid="land-import-detected">
            <h3>识别结果</h3>
            <p>
              图层 {inspection.file.layer.name}，{inspection.file.layer.featureCount} 个要素。
            </p>
            <p>
              坐标系：
              {inspection.crs.ok ? `${inspection.crs.label}（EPSG:${inspection.crs.epsg}）` : inspection.crs.message}
              <br />
              <span className="land-import__muted">{inspection.crs.reason}</span>
            </p>
            <label>
              改用坐标系（EPSG 代码，留空按识别结果）
              <input
                value={choices.epsg ?? ''}
                placeholder="如 4525"
                onChange={(e) => setChoices({ ...choices, epsg: e.target.value.trim() })}
              />
            </label>
            {inspection.encoding && (
              <>
                <p>
                  属性编码：{inspection.encoding.encoding}
                  <br />
                  <span className="land-import__muted">{inspection.encoding.reason}</span>
                </p>
                <Samples inspection={inspection} />
                <label>
                  改用编码
                  <select
                    value={choices.encoding ?? ''}
                    onChange={(e) => setChoices({ ...choices, encoding: e.target.value as ImportChoices['encoding'] })}
                  >
                    <option value="">按识别结果</option>
                    <option value="GBK">GBK</option>
                    <option value="UTF-8">UTF-8</option>
                  </select>
                </label>
              </>
            )}
            <h3>字段对应</h3>
            <div className="land-import__fields">
              {inspection.attributes.map((a) => (
                <label key={a.key}>
                  {a.label}
                  <select
                    value={choices.fieldMap?.[a.key] ?? ''}
                    onChange={(e) =>
                      setChoices({ ...choices, fieldMap: { ...choices.fieldMap, [a.key]: e.target.value || null } })
                    }
                  >
                    <option value="">（无）</option>
                    {columns.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
            {!isBasicFarmland && (
              <label>
                作为耕地图斑导入的地类编码（逗号分隔；02 为种植园用地）
                <input
                  value={choices.farmlandCodes ?? ''}
                  onChange={(e) => setChoices({ ...choices, farmlandCodes: e.target.value })}
                />
              </label>
            )}
            <button
              type="button"
              className="btn btn--primary"
              disabled={isBusy}
              onClick={check}
              data-testid="land-import-check"
            >
              检查（不写入）
            </button>
          </div>
        )}

        {error && (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}

        {report && (
          <div className="land-import__step" data-testid="land-import-report">
            <h3>导入报告</h3>
            <p data-testid="land-import-totals">
              {report.import.kind === 'yjjbnt'
                ? `共 ${report.totals.features} 个永久基本农田图斑：可导入 ${report.totals.farmlandValid} 个`
                : `共 ${report.totals.features} 个图斑：可导入耕地图斑 ${report.totals.farmlandValid} 个、其他地类 ${report.totals.contextValid} 个`}
              ；未通过检查 {report.totals.refused} 个，有提示 {report.totals.warned} 个。
            </p>
            {report.replaces && (
              <p className="notice" data-testid="land-import-replaces">
                {report.replaces.message}
              </p>
            )}
            <p className="land-import__muted">
              坐标系 {report.import.crs.label}；{report.import.crs.reason}
            </p>
            <a href={`/api/land-imports/${report.import.id}/report.xlsx`} download data-testid="land-import-xlsx">
              下载报告（XLSX）
            </a>
            {report.blockers.map((b) => (
              <p key={b} className="notice notice--error">
                {b}
              </p>
            ))}
            {report.blockers.length > 0 &&
              report.status.status === 'checked' &&
              updateStep?.(report.import.id, { overlay: overlayUpdate, locate: locatePoint, fit: fitBox })}
            <ReportTables report={report} />
            <h3>问题图斑</h3>
            <ul className="land-import__problems" data-testid="land-import-problems">
              {report.problems.map((f) => (
                <li key={f.seq} className={f.isRefused ? 'land-import__refused' : ''}>
                  <strong>
                    第 {f.seq} 个 {f.bsm ? `（标识码 ${f.bsm}）` : ''}
                  </strong>
                  {f.isRefused ? ' 不通过' : ' 有提示'}：{f.problems.map((p) => p.message).join('；')}
                  <button type="button" className="btn btn--small" onClick={() => locate(f.seq)}>
                    定位
                  </button>
                </li>
              ))}
            </ul>
            {status && status.status !== 'applying' && status.status !== 'applied' && (
              <div className="land-import__row">
                <button
                  type="button"
                  className="btn btn--primary"
                  disabled={isBusy || !report.canApplyValid}
                  onClick={() => apply('valid')}
                  data-testid="land-import-apply-valid"
                >
                  只导入通过检查的图斑
                </button>
                <button
                  type="button"
                  className="btn"
                  disabled={isBusy || !report.canApplyAll}
                  onClick={() => apply('all')}
                  data-testid="land-import-apply-all"
                >
                  全部通过才导入
                </button>
              </div>
            )}
          </div>
        )}

        {status && (status.status === 'applying' || status.message || status.status === 'applied') && (
          <div className="land-import__step" data-testid="land-import-status">
            <p>
              {status.statusLabel}
              {status.status === 'applying' && progress && `：${progress.done} / ${progress.total}`}
            </p>
            {status.status === 'applying' && (
              <>
                <progress max={100} value={percent} aria-label="导入进度" />
                <button type="button" className="btn" onClick={cancel} data-testid="land-import-cancel">
                  取消
                </button>
              </>
            )}
            {status.status === 'applied' && report?.import.kind !== 'yjjbnt' && (
              <p className="notice notice--ok" role="status" data-testid="land-import-result">
                已导入耕地图斑 {status.farmlandAdded} 个（分类为未划定）、其他地类图斑 {status.contextAdded} 个。
              </p>
            )}
            {status.message && <p className="notice">{status.message}</p>}
          </div>
        )}
        {countySection?.(choices.adcode)}
      </section>
      <div className="land-import__map" data-testid="land-import-map">
        <MapView
          visibility={visibility}
          basemap={NO_BASEMAP}
          focus={focus}
          highlight={null}
          onGroups={onGroups}
          onFeatureClick={ignore}
          onStatusSource={ignore}
          onClient={setClient}
        />
      </div>
    </div>
  )
}
