import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Feature, FeatureCollection } from 'geojson'
import { ApiError } from '../../shared/api-client'
import type { BasemapChoice, LayerGroup, MapFocus } from '../../shared/api-types'
import { errorMessage } from '../../shared/error-message'
import { formatAreaValue } from '../../shared/format'
import { MapView } from '../../map/map-view'
import type { MapClient } from '../../map/map-client'
import { applyUnits, previewUnits } from './admin-units-api'
import type {
  PreviewChoices,
  RecordsOutside,
  UnitLayerSummary,
  UnitProblem,
  UnitsApplied,
  UnitsPreview,
} from './admin-units-types'
import './admin-units.css'

const NO_BASEMAP: BasemapChoice = { kind: 'none' }
const OVERLAY = 'admin-units'
const M2_PER_KM2 = 1_000_000

const SEVERITY_LABEL: Record<UnitProblem['severity'], string> = { error: '错误', warning: '提醒', note: '说明' }

const RECORD_KIND_LABEL: Record<string, string> = {
  farmland_parcel: '耕地图斑',
  contaminated_plot: '污染地块',
  control_zone: '管控区域',
  supervised_enterprise: '重点监管单位',
  monitoring_point: '监测点位',
}

const km2 = (m2: number | null | undefined) =>
  m2 === null || m2 === undefined ? '—' : `${formatAreaValue(m2 / M2_PER_KM2)} 平方千米`

/** The preview's outlines and the places of its problems, as one overlay. */
function overlayOf(preview: UnitsPreview): FeatureCollection {
  const units: Feature[] = preview.map.features.map((f) => ({
    ...f,
    properties: { ...f.properties, kind: f.properties?.level === 'county' ? 'reference' : 'preview' },
  }))
  const places: Feature[] = preview.problems
    .filter((p) => p.location)
    .map((p) => ({
      type: 'Feature',
      properties: { kind: 'problem-point', color: p.severity === 'error' ? '#e53935' : '#f59e0b' },
      geometry: { type: 'Point', coordinates: p.location! },
    }))
  return { type: 'FeatureCollection', features: [...units, ...places] }
}

/** Where a problem's feature is, in words. */
function featureText(p: UnitProblem): string {
  const parts = []
  if (p.layer) parts.push(`图层 ${p.layer} 第 ${p.index} 个要素`)
  if (p.unitCode) parts.push(`${p.unitCode}${p.unitName ? ` ${p.unitName}` : ''}`)
  return parts.join('，')
}

function LayerCard({
  layer,
  onChange,
}: {
  layer: UnitLayerSummary
  onChange: (change: { isSelected?: boolean; codeField?: string; nameField?: string }) => void
}) {
  return (
    <div className="admin-units__layer" data-testid="admin-units-layer" data-layer={layer.name}>
      <label className="admin-units__layer-name">
        <input
          type="checkbox"
          checked={layer.isSelected}
          onChange={(e) => onChange({ isSelected: e.target.checked })}
        />
        <strong>{layer.name}</strong>
        <span className="admin-units__muted">
          {layer.geometryType}，{layer.featureCount} 个要素
        </span>
      </label>
      <p className={layer.crs.ok ? 'admin-units__crs' : 'admin-units__crs admin-units__crs--bad'}>
        坐标系：
        {layer.crs.ok
          ? layer.crs.reason || `${layer.crs.label}（${layer.crs.how === 'prj' ? '按文件说明' : '按坐标范围判断'}）`
          : layer.crs.message}
      </p>
      {layer.encoding && (
        <p className="admin-units__muted">
          属性表编码：{layer.encoding.encoding}（{layer.encoding.reason}）
        </p>
      )}
      <div className="admin-units__fields">
        <label>
          代码字段
          <select value={layer.codeField ?? ''} onChange={(e) => onChange({ codeField: e.target.value })}>
            <option value="">（请选择）</option>
            {layer.fields.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </label>
        <label>
          名称字段
          <select value={layer.nameField ?? ''} onChange={(e) => onChange({ nameField: e.target.value })}>
            <option value="">（请选择）</option>
            {layer.fields.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </label>
      </div>
      {layer.sampleNames.length > 0 && <p className="admin-units__muted">名称示例：{layer.sampleNames.join('、')}</p>}
    </div>
  )
}

function OutsideList({ list, title }: { list: RecordsOutside[]; title: string }) {
  if (list.length === 0) return null
  return (
    <div className="admin-units__outside" data-testid="admin-units-outside">
      <h3>{title}</h3>
      <ul>
        {list.map((r) => (
          <li key={r.kind}>
            {RECORD_KIND_LABEL[r.kind] ?? r.kind} {r.count} 个：{r.codes.slice(0, 10).join('、')}
            {r.count > 10 ? ' 等' : ''}
          </li>
        ))}
      </ul>
      <p className="admin-units__muted">这些记录仍属于本区县，不会被删除；请核对新边界或记录的位置。</p>
    </div>
  )
}

/** 行政区管理: the administrator loads county and township boundaries from a file, previews them on the map, then applies. */
export function AdminUnitsPage() {
  const [file, setFile] = useState<File | null>(null)
  const [layers, setLayers] = useState<UnitLayerSummary[] | null>(null)
  const [choices, setChoices] = useState<PreviewChoices>({})
  const [preview, setPreview] = useState<UnitsPreview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const [applied, setApplied] = useState<UnitsApplied | null>(null)
  const [form, setForm] = useState({ countyName: '', cityCode: '', city: '' })
  const [client, setClient] = useState<MapClient | null>(null)
  const [visibility, setVisibility] = useState<Record<string, boolean>>({})
  const [focus, setFocus] = useState<MapFocus | null>(null)
  const [marker, setMarker] = useState<[number, number] | null>(null)
  const onGroups = useCallback(
    (groups: LayerGroup[]) => setVisibility(Object.fromEntries(groups.map((g) => [g.id, g.visible]))),
    [],
  )
  const ignore = useCallback(() => undefined, [])

  useEffect(() => {
    if (!client) return
    client.setOverlay(OVERLAY, preview ? overlayOf(preview) : null)
  }, [client, preview])

  const run = async (next: PreviewChoices) => {
    if (!file) return setError('请先选择行政区文件')
    setBusy(true)
    setError(null)
    setApplied(null)
    setMarker(null)
    try {
      const answer = await previewUnits(file, next)
      setPreview(answer)
      setLayers(answer.layers)
      setForm({
        countyName: answer.county.name ?? '',
        cityCode: answer.county.cityCode,
        city: answer.county.city ?? '',
      })
      if (answer.bbox) setFocus({ bbox: answer.bbox, maxZoom: 12 })
    } catch (e) {
      setPreview(null)
      const details = e instanceof ApiError ? (e.details as { layers?: UnitLayerSummary[] } | undefined) : undefined
      if (details?.layers) setLayers(details.layers)
      setError(errorMessage(e, '文件读取失败，请稍后重试'))
    } finally {
      setBusy(false)
    }
  }

  const choose = (file: File | null) => {
    setFile(file)
    setLayers(null)
    setPreview(null)
    setChoices({})
    setApplied(null)
    setError(null)
  }

  const changeLayer = (name: string, change: { isSelected?: boolean; codeField?: string; nameField?: string }) => {
    if (!layers) return
    const next = layers.map((l) => (l.name === name ? { ...l, ...change } : l))
    setLayers(next)
    setChoices({
      ...choices,
      layers: next.filter((l) => l.isSelected).map((l) => l.name),
      ...(change.codeField !== undefined ? { codeField: change.codeField } : {}),
      ...(change.nameField !== undefined ? { nameField: change.nameField } : {}),
    })
  }

  const apply = async () => {
    if (!preview?.previewId) return
    setBusy(true)
    setError(null)
    try {
      const result = await applyUnits({
        previewId: preview.previewId,
        countyName: form.countyName.trim() || undefined,
        cityCode: form.cityCode.trim(),
        city: form.city.trim(),
      })
      setApplied(result)
      setPreview({ ...preview, previewId: null })
    } catch (e) {
      setError(errorMessage(e, '导入失败，请稍后重试'))
    } finally {
      setBusy(false)
    }
  }

  const locate = (p: UnitProblem) => {
    if (!p.location) return
    const [lon, lat] = p.location
    setMarker(p.location)
    setFocus({ bbox: [lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01], maxZoom: 14 })
  }

  const problems = useMemo(() => {
    const order = { error: 0, warning: 1, note: 2 }
    return [...(preview?.problems ?? [])].sort((a, b) => order[a.severity] - order[b.severity])
  }, [preview])

  return (
    <main className="admin-page admin-units" data-testid="admin-units-page">
      <section className="admin-units__panel" aria-label="行政区管理">
        <h2 className="admin-page__title">行政区管理</h2>
        <p className="admin-page__lead">
          上传区县和乡镇（街道）界线：三调行政区（XZQ）图层或乡镇图层。可上传 Shapefile 压缩包、GeoPackage、FileGDB
          压缩包或 GeoJSON。先预览核对，确认无误后再导入；预览不会改动任何数据。
        </p>
        <div className="admin-units__step">
          <h3>1. 选择文件</h3>
          <input
            type="file"
            accept=".zip,.gpkg,.geojson,.json"
            data-testid="admin-units-file"
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
          />
          <div className="admin-units__row">
            <label>
              中央经线（坐标无带号且无坐标系说明时填写）
              <input
                className="admin-units__short"
                inputMode="numeric"
                placeholder="如 111"
                value={choices.centralMeridian ?? ''}
                onChange={(e) => setChoices({ ...choices, centralMeridian: e.target.value })}
              />
            </label>
            {layers?.some((l) => l.encoding) && (
              <label>
                属性表编码
                <select
                  value={choices.encoding ?? ''}
                  onChange={(e) => setChoices({ ...choices, encoding: e.target.value })}
                >
                  <option value="">自动判断</option>
                  <option value="GBK">GBK</option>
                  <option value="UTF-8">UTF-8</option>
                </select>
              </label>
            )}
          </div>
          <button
            type="button"
            className="primary-button"
            disabled={!file || isBusy}
            onClick={() => void run(choices)}
            data-testid="admin-units-preview"
          >
            {isBusy && !applied ? '正在读取…' : preview ? '重新预览' : '预览'}
          </button>
        </div>

        {error && (
          <p className="notice notice--error" role="alert" data-testid="admin-units-error">
            {error}
          </p>
        )}

        {layers && (
          <div className="admin-units__step">
            <h3>2. 图层与字段</h3>
            {layers.map((l) => (
              <LayerCard key={l.name} layer={l} onChange={(change) => changeLayer(l.name, change)} />
            ))}
            {preview && preview.countiesFound.length > 1 && (
              <label>
                本次导入的区县
                <select
                  value={choices.adcode ?? preview.county.adcode}
                  onChange={(e) => setChoices({ ...choices, adcode: e.target.value })}
                >
                  {preview.countiesFound.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </label>
            )}
          </div>
        )}

        {preview && (
          <div className="admin-units__step" data-testid="admin-units-summary">
            <h3>3. 核对</h3>
            <dl className="admin-units__facts">
              <dt>区县</dt>
              <dd>
                {preview.county.adcode} {preview.county.name ?? '（文件中无区县要素）'}，{preview.county.province}
                <span className={preview.county.isNew ? 'chip chip--new' : 'chip'}>
                  {preview.county.isNew ? '新增区县' : '替换现有边界'}
                </span>
              </dd>
              <dt>面积</dt>
              <dd>{km2(preview.county.areaM2)}</dd>
              <dt>乡镇</dt>
              <dd data-testid="admin-units-townships">
                {preview.counts.townships} 个：{preview.townships.map((t) => t.name).join('、') || '无'}
              </dd>
              <dt>检查结果</dt>
              <dd data-testid="admin-units-counts">
                {preview.counts.errors} 个错误，{preview.counts.warnings} 个提醒
              </dd>
            </dl>
            {problems.length > 0 && (
              <ul className="admin-units__problems" data-testid="admin-units-problems">
                {problems.map((p, i) => (
                  <li key={i} className={`admin-units__problem admin-units__problem--${p.severity}`}>
                    <button
                      type="button"
                      disabled={!p.location}
                      onClick={() => locate(p)}
                      title={p.location ? '在地图上查看' : undefined}
                    >
                      <span className="admin-units__severity">{SEVERITY_LABEL[p.severity]}</span>
                      <span>{p.message}</span>
                      {featureText(p) && <span className="admin-units__muted">（{featureText(p)}）</span>}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <OutsideList list={preview.recordsOutside} title="新边界之外的记录" />
          </div>
        )}

        {preview?.previewId && (
          <div className="admin-units__step">
            <h3>4. 导入</h3>
            <div className="admin-units__row">
              <label>
                区县名称
                <input
                  value={form.countyName}
                  onChange={(e) => setForm({ ...form, countyName: e.target.value })}
                  data-testid="admin-units-county-name"
                />
              </label>
              <label>
                地级市代码
                <input
                  className="admin-units__short"
                  value={form.cityCode}
                  onChange={(e) => setForm({ ...form, cityCode: e.target.value })}
                  data-testid="admin-units-city-code"
                />
              </label>
              <label>
                地级市名称
                <input
                  value={form.city}
                  onChange={(e) => setForm({ ...form, city: e.target.value })}
                  data-testid="admin-units-city"
                />
              </label>
            </div>
            <button
              type="button"
              className="primary-button"
              disabled={isBusy}
              onClick={() => void apply()}
              data-testid="admin-units-apply"
            >
              {preview.county.isNew ? '导入新区县' : '替换区县边界和乡镇'}
            </button>
          </div>
        )}

        {applied && (
          <div className="notice notice--ok" role="status" data-testid="admin-units-result">
            <p>
              已{applied.isNew ? '新增' : '更新'}区县 {applied.adcode} {applied.name}（{km2(applied.areaM2)}）：乡镇新增{' '}
              {applied.townships.added} 个、更新 {applied.townships.replaced} 个、删除 {applied.townships.removed} 个。
              {applied.isNew && '现在可以在“用户与权限”中把它分配给用户。'}
            </p>
            <OutsideList list={applied.recordsOutside} title="导入后位于新边界之外的记录" />
          </div>
        )}
      </section>
      <div className="admin-units__map" data-testid="admin-units-map">
        <MapView
          visibility={visibility}
          basemap={NO_BASEMAP}
          focus={focus}
          highlight={null}
          marker={marker}
          onGroups={onGroups}
          onFeatureClick={ignore}
          onStatusSource={ignore}
          onClient={setClient}
        />
        {preview && (
          <div className="admin-units__legend" aria-label="图例">
            <span>
              <i className="admin-units__swatch admin-units__swatch--county" />
              区县边界
            </span>
            <span>
              <i className="admin-units__swatch admin-units__swatch--township" />
              乡镇
            </span>
            <span>
              <i className="admin-units__swatch admin-units__swatch--problem" />
              错误位置
            </span>
            <span>
              <i className="admin-units__swatch admin-units__swatch--warning" />
              提醒位置
            </span>
          </div>
        )}
      </div>
    </main>
  )
}
