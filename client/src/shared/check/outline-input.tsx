import { useRef, useState } from 'react'
import { useDebouncedSearch } from '../use-debounced-search'
import { areaM2 } from '../geometry'
import { formatAreaValue } from '../format'
import type { SearchResult } from '../api-types'
import { fetchOutline, isPlotResult, parseUpload } from './outline-api'
import type { ParsedUpload } from '@contracts/precheck'
import type { PlotOutline } from './use-plot-outline'
import { m2ToMu } from '../../../../server/src/domain/units.ts'
import './check.css'

/** Props of {@link OutlineInput}. */
export interface OutlineInputProps {
  plot: PlotOutline
  /** Called with the code of a picked parcel or plot (the check's reference), or null. */
  onReference: (reference: string | null, name: string | null) => void
  /** The recorded area of the check just made of this very outline (server, on the CGCS2000 ellipsoid), shown instead of the live estimate. */
  checkedArea?: CheckedArea | null
  /** What the outline is called on the page: 地块 (pre-check), 选址范围 (siting check). */
  noun: string
  /** Prefix of the `data-testid`s (`<prefix>-draw`, `<prefix>-area`, …). */
  testIdPrefix: string
}

/** The area a check recorded for the outline. */
export interface CheckedArea {
  areaM2: number
  areaMu: number
  number: string
}

type Mode = 'draw' | 'pick' | 'upload'
const MODES: { id: Mode; label: string }[] = [
  { id: 'draw', label: '地图绘制' },
  { id: 'pick', label: '按编号选取' },
  { id: 'upload', label: '上传文件' },
]

/** The outline of a check: drawn on the map, picked by parcel or plot code, or read from an uploaded file. */
export function OutlineInput(props: OutlineInputProps) {
  const [mode, setMode] = useState<Mode>('draw')
  const { plot, checkedArea = null, noun, testIdPrefix } = props
  return (
    <div className="outline-input">
      <div className="segmented" role="tablist" aria-label={`${noun}来源`}>
        {MODES.map((m) => (
          <button
            key={m.id}
            type="button"
            role="tab"
            aria-selected={mode === m.id}
            className={`segmented__item${mode === m.id ? ' segmented__item--active' : ''}`}
            onClick={() => setMode(m.id)}
            data-testid={`${testIdPrefix}-mode-${m.id}`}
          >
            {m.label}
          </button>
        ))}
      </div>
      {mode === 'draw' && <DrawTools {...props} />}
      {mode === 'pick' && <PickByCode {...props} />}
      {mode === 'upload' && <UploadOutline {...props} />}
      <OutlineFacts plot={plot} checkedArea={checkedArea} noun={noun} testIdPrefix={testIdPrefix} />
    </div>
  )
}

function DrawTools({ plot, onReference, noun, testIdPrefix }: OutlineInputProps) {
  return (
    <div className="outline-input__body">
      <div className="outline-input__buttons">
        <button
          type="button"
          className={plot.tool === 'polygon' ? 'primary-button' : 'secondary-button'}
          onClick={() => {
            onReference(null, null)
            plot.setTool('polygon')
          }}
          data-testid={`${testIdPrefix}-draw`}
        >
          {plot.outline && plot.source === 'draw' ? '重新绘制' : `绘制${noun}`}
        </button>
        <button
          type="button"
          className="secondary-button"
          disabled={!plot.outline || plot.note !== null}
          onClick={() => plot.setTool(plot.tool === 'select' ? 'static' : 'select')}
          data-testid={`${testIdPrefix}-edit-vertices`}
        >
          {plot.tool === 'select' ? '完成修改' : '修改节点'}
        </button>
        <button
          type="button"
          className="link-button link-button--danger"
          disabled={!plot.outline}
          onClick={plot.clear}
          data-testid={`${testIdPrefix}-clear`}
        >
          清除
        </button>
      </div>
      <p className="hint">
        {plot.tool === 'polygon'
          ? `在地图上依次单击${noun}拐点，单击起点或双击结束绘制。`
          : `先点“绘制${noun}”，再在地图上单击拐点勾绘用地范围；绘制后可拖动节点修改。`}
      </p>
    </div>
  )
}

function PickByCode({ plot, onReference, testIdPrefix }: OutlineInputProps) {
  const [query, setQuery] = useState('')
  const [error, setError] = useState<string | null>(null)
  const search = useDebouncedSearch<SearchResult>('/api/search', query)
  const results = search.status === 'done' ? search.results.filter(isPlotResult) : []
  const isSearching = search.status === 'loading'
  const pick = async (result: SearchResult) => {
    setError(null)
    try {
      plot.load(await fetchOutline(result), 'pick')
      onReference(result.code, result.name)
    } catch (e) {
      setError(e instanceof Error ? e.message : '地块边界读取失败')
    }
  }
  return (
    <div className="outline-input__body">
      <input
        type="search"
        className="text-input"
        placeholder="输入耕地图斑或污染地块的编号、名称"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-label="地块编号"
        data-testid={`${testIdPrefix}-pick-input`}
      />
      {isSearching && <p className="hint">正在查找…</p>}
      {search.status === 'error' && (
        <p className="form-error" role="alert">
          {search.message}
        </p>
      )}
      {search.status === 'done' && results.length === 0 && <p className="hint">没有找到编号或名称匹配的图斑或地块</p>}
      <ul className="pick-list">
        {results.slice(0, 8).map((r) => (
          <li key={`${r.kind}-${r.id}`}>
            <button
              type="button"
              className="pick-list__item"
              onClick={() => void pick(r)}
              data-testid={`${testIdPrefix}-pick-result`}
            >
              <span className="pick-list__kind">{r.kindName}</span>
              <span className="pick-list__code">{r.code}</span>
              <span className="pick-list__name">{r.name}</span>
              <span className="pick-list__context">{r.context}</span>
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

function UploadOutline({ plot, onReference, noun, testIdPrefix }: OutlineInputProps) {
  const fileRef = useRef<HTMLInputElement>(null)
  const [meridian, setMeridian] = useState('')
  const [parsed, setParsed] = useState<ParsedUpload | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const [fileName, setFileName] = useState<string | null>(null)
  const read = async () => {
    const file = fileRef.current?.files?.[0]
    if (!file) {
      setError(`请先选择${noun}文件`)
      return
    }
    setBusy(true)
    setError(null)
    setParsed(null)
    try {
      const answer = await parseUpload(file, meridian)
      setParsed(answer)
      plot.load(answer.geometry, 'upload')
      onReference(null, file.name.replace(/\.[^.]+$/, ''))
    } catch (e) {
      setError(e instanceof Error ? e.message : '文件读取失败')
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="outline-input__body">
      <div className="file-pick">
        <label className="secondary-button file-pick__button">
          选择文件
          <input
            ref={fileRef}
            type="file"
            accept=".geojson,.json,.kml,.kmz,.zip,.dxf"
            className="file-pick__input"
            data-testid={`${testIdPrefix}-upload-file`}
            onChange={(e) => {
              setFileName(e.target.files?.[0]?.name ?? null)
              setParsed(null)
              setError(null)
            }}
          />
        </label>
        <span className="file-pick__name">{fileName ?? '未选择文件'}</span>
      </div>
      <p className="hint">
        GeoJSON、KML/KMZ、Shapefile 压缩包（.zip，含 .shp/.shx/.dbf/.prj）或 DXF；坐标系按 .prj
        或坐标范围自动识别并换算为 CGCS2000。
      </p>
      <label className="field field--inline">
        <span className="field__label">中央经线（可选）</span>
        <input
          type="text"
          inputMode="numeric"
          className="text-input text-input--short"
          placeholder="如 111"
          value={meridian}
          onChange={(e) => setMeridian(e.target.value)}
          data-testid={`${testIdPrefix}-upload-meridian`}
        />
        <span className="hint">不带带号的高斯坐标且无 .prj 时填写</span>
      </label>
      <button
        type="button"
        className="secondary-button"
        disabled={isBusy}
        onClick={() => void read()}
        data-testid={`${testIdPrefix}-upload-read`}
      >
        {isBusy ? '正在读取…' : '读取并显示边界'}
      </button>
      {error && (
        <p className="form-error" role="alert" data-testid={`${testIdPrefix}-upload-error`}>
          {error}
        </p>
      )}
      {parsed && (
        <div className="upload-result" data-testid={`${testIdPrefix}-upload-result`}>
          <div>
            坐标系：<strong>{parsed.crs.label ?? parsed.crs.name}</strong>（EPSG:{parsed.crs.epsg}，
            {parsed.crs.how === 'prj' ? '按坐标系说明识别' : '按坐标范围判断'}）
          </div>
          <div>读取图形 {parsed.features} 个，已合并为一个核查范围；请在地图上核对边界。</div>
          {parsed.warnings.map((w) => (
            <div key={w} className="upload-result__warning">
              ⚠ {w}
            </div>
          ))}
        </div>
      )}
    </div>
  )
}

/**
 * The outline's area: while drawing, a live estimate on the sphere (turf); once checked, the area the server
 * recorded (PostGIS on the CGCS2000 ellipsoid), which the report and the PDF show. Each says which it is.
 */
function OutlineFacts({
  plot,
  checkedArea,
  noun,
  testIdPrefix,
}: Pick<OutlineInputProps, 'plot' | 'noun' | 'testIdPrefix'> & { checkedArea: CheckedArea | null }) {
  if (!plot.outline)
    return (
      <p className="outline-facts outline-facts--empty" data-testid={`${testIdPrefix}-area`}>
        尚未确定{noun === '地块' ? '核查地块' : noun}
      </p>
    )
  const m2 = checkedArea ? checkedArea.areaM2 : areaM2(plot.outline)
  const mu = checkedArea ? checkedArea.areaMu : m2ToMu(m2)
  const parts = plot.outline.type === 'MultiPolygon' ? plot.outline.coordinates.length : 1
  return (
    <div
      className="outline-facts"
      data-testid={`${testIdPrefix}-area`}
      data-area-source={checkedArea ? 'server' : 'live'}
    >
      <span className="outline-facts__value">{formatAreaValue(mu)}</span> 亩
      <span className="outline-facts__sub">
        （{formatAreaValue(m2 / 10000)} 公顷，{formatAreaValue(m2)} 平方米{parts > 1 ? `，${parts} 块` : ''}）
      </span>
      <div className="hint" data-testid={`${testIdPrefix}-area-source`}>
        {checkedArea
          ? `核查记录 ${checkedArea.number} 的面积（服务器按 CGCS2000 椭球面计算，与意见书一致）`
          : '即时估算（浏览器按球面近似计算，核查后以服务器按椭球面计算的面积为准）'}
      </div>
      {plot.note && <div className="hint">{plot.note}</div>}
    </div>
  )
}
