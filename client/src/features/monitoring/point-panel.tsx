import { useState } from 'react'
import type { PointDetail, PointResult } from '@contracts/monitoring'
import { ApiError } from '../../shared/api-client'
import { useDataChanged, useLayerVersion } from '../../shared/data-versions'
import { errorMessage } from '../../shared/error-message'
import { useJson } from '../../shared/use-json'
import { ElementChart, seriesOf } from './element-chart'
import { editPoint, pointPath } from './monitoring-api'
import { LEVEL_OPTIONS, STATUS_OPTIONS, TYPE_OPTIONS, flagTone } from './monitoring-types'
import { ResultForm } from './result-form'
import './monitoring.css'

/** Props of {@link PointPanel}. */
export interface PointPanelProps {
  pointId: number
  onClose: () => void
}

const fmt = (v: number | null) => (v === null ? '—' : String(Number(v.toPrecision(4))))

/**
 * 监测点位 profile: the point's facts and the standard its soil is judged by, a time chart per element, every result
 * with its values coloured by flag (orange above screening, red above intervention or the crop limit, grey when not
 * judged), 录入结果 for those who may, and level/type/status for the environment officer.
 */
export function PointPanel({ pointId, onClose }: PointPanelProps) {
  const [reloads, setReloads] = useState(0)
  const dataChanged = useDataChanged()
  const [isEntering, setEntering] = useState(false)
  const [isEditing, setEditing] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const state = useJson(pointPath(pointId), `${useLayerVersion('points')}/${reloads}`, '监测点位加载失败')
  /** A result or the point changed on the server: the panel, the list, the queue and the map read again. */
  const changed = (text: string) => {
    setNotice(text)
    setEntering(false)
    setEditing(false)
    dataChanged('points', 'reviews')
  }

  if (state.status !== 'done') {
    return (
      <aside className="point-panel" aria-label="监测点位" data-testid="point-panel">
        <header className="point-panel__header">
          <h2 className="point-panel__title">监测点位</h2>
          <button type="button" className="icon-button" aria-label="关闭" onClick={onClose}>
            ×
          </button>
        </header>
        <p className={`panel-note${state.status === 'error' ? ' panel-note--error' : ''}`}>
          {state.status === 'error' ? state.message : '正在加载…'}
        </p>
      </aside>
    )
  }
  const p = state.data
  const series = seriesOf(p.results)
  return (
    <aside className="point-panel" aria-labelledby="point-panel-title" data-testid="point-panel" data-point-id={p.id}>
      <header className="point-panel__header">
        <div>
          <div className="point-panel__line">
            <span className="point-chip">{p.levelName}</span>
            <span className="point-chip">{p.typeName}</span>
            <span className={`point-chip point-chip--${p.status}`}>{p.statusName}</span>
            <span className="point-panel__code">{p.code}</span>
          </div>
          <h2 id="point-panel-title" className="point-panel__title">
            {p.name}
          </h2>
        </div>
        <button type="button" className="icon-button" aria-label="关闭" title="关闭" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="point-panel__body">
        {notice && (
          <p className="notice notice--ok" role="status" data-testid="point-notice">
            {notice}
          </p>
        )}
        <dl className="point-facts">
          <dt>坐落</dt>
          <dd>
            {p.county} {p.township ?? '（未落乡镇）'}
          </dd>
          <dt>土地利用</dt>
          <dd>{p.landUseName}</dd>
          <dt>土壤类型</dt>
          <dd>{p.soilType ?? '—'}</dd>
          <dt>经纬度</dt>
          <dd>
            {p.lon.toFixed(6)}, {p.lat.toFixed(6)}（CGCS2000）
          </dd>
          <dt>评价标准</dt>
          <dd data-testid="point-standard">
            {p.standard.label}；农产品按 {p.cropStandard}
          </dd>
          {p.isGenerated && (
            <>
              <dt>数据</dt>
              <dd>示例数据（生成）</dd>
            </>
          )}
        </dl>
        <div className="point-panel__actions">
          {p.rights.canEnterResults && p.status !== 'planned' && !isEntering && (
            <button
              type="button"
              className="primary-button"
              onClick={() => setEntering(true)}
              data-testid="result-enter"
            >
              录入结果
            </button>
          )}
          {p.rights.canEdit && !isEditing && (
            <button
              type="button"
              className="secondary-button"
              onClick={() => setEditing(true)}
              data-testid="point-edit"
            >
              修改点位
            </button>
          )}
        </div>
        {isEntering && (
          <ResultForm
            pointId={p.id}
            isProducePoint={p.type === 'produce'}
            onSaved={changed}
            onCancel={() => setEntering(false)}
          />
        )}
        {isEditing && (
          <PointEditForm
            point={p}
            onSaved={changed}
            onStale={() => setReloads((n) => n + 1)}
            onCancel={() => setEditing(false)}
          />
        )}

        <h3 className="point-panel__sub">历次监测（{p.results.length} 次）</h3>
        <ul className="flag-legend">
          <li>
            <span className="flag flag--ok">未超标</span>
          </li>
          <li>
            <span className="flag flag--warn">超筛选值</span>
          </li>
          <li>
            <span className="flag flag--bad">超管制值 / 超限量</span>
          </li>
          <li>
            <span className="flag flag--muted">无法判定</span>
          </li>
        </ul>
        {series.length === 0 && <p className="panel-note">尚无监测结果</p>}
        <div className="point-panel__charts">
          {series.map((s) => (
            <ElementChart key={s.id} series={s} />
          ))}
        </div>
        {p.results.length > 0 && <ResultsTable results={p.results} />}
      </div>
    </aside>
  )
}

/** Every result, newest first, each value a coloured chip whose title gives the threshold, its table and the ratio. */
function ResultsTable({ results }: { results: PointResult[] }) {
  return (
    <table className="results-table" data-testid="results-table">
      <thead>
        <tr>
          <th>采样日期</th>
          <th>介质</th>
          <th>pH</th>
          <th>检测值（mg/kg）</th>
        </tr>
      </thead>
      <tbody>
        {[...results].reverse().map((r) => (
          <tr key={r.id} data-testid="result-row" data-worst={r.worst}>
            <td>{r.sampledOn}</td>
            <td>{r.medium === 'crop' ? r.crop : r.mediumName}</td>
            <td>
              {r.medium === 'soil' ? (
                r.ph === null ? (
                  <span className="flag flag--muted" title="缺少 pH，农用地点位无法按 GB 15618 判定">
                    缺失
                  </span>
                ) : (
                  fmt(r.ph)
                )
              ) : (
                '—'
              )}
            </td>
            <td>
              <span className="results-table__flags">
                {r.flags.map((f) => (
                  <span
                    key={f.key}
                    className={`flag flag--${flagTone(f.level)}`}
                    data-testid="result-flag"
                    data-key={f.key}
                    data-level={f.level}
                    title={`${f.message}${f.ratio !== null ? `；比值 ${f.ratio}` : ''}`}
                  >
                    {f.name} {fmt(f.valueMgKg)}
                    {f.ratio !== null && f.level !== 'ok' ? ` ×${f.ratio}` : ''}
                  </span>
                ))}
                {r.organicMatterGKg !== null && (
                  <span className="flag flag--plain">有机质 {fmt(r.organicMatterGKg)} g/kg</span>
                )}
                {r.ploughDepthCm !== null && <span className="flag flag--plain">耕层 {fmt(r.ploughDepthCm)} cm</span>}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Level, type, status and name of a point, saved against the version read (409 → reload). */
function PointEditForm({
  point,
  onSaved,
  onStale,
  onCancel,
}: {
  point: PointDetail
  onSaved: (text: string) => void
  onStale: () => void
  onCancel: () => void
}) {
  const [draft, setDraft] = useState({ name: point.name, level: point.level, type: point.type, status: point.status })
  // the version the form opened on: the panel reloads under it when another user saves the point, and saving the
  // draft at that newer version would write its old values over the other user's change instead of a conflict
  const [seenVersion] = useState(point.version)
  const [error, setError] = useState<string | null>(null)
  const save = async () => {
    try {
      await editPoint(point.id, { version: seenVersion, ...draft })
      onSaved('点位已修改')
    } catch (e) {
      setError(errorMessage(e, '修改失败'))
      if (e instanceof ApiError && e.code === 'CONFLICT') onStale()
    }
  }
  const select = (label: string, key: 'level' | 'type' | 'status', options: readonly (readonly [string, string])[]) => (
    <label className="form-field">
      <span className="form-field__label">{label}</span>
      <select
        className="text-input"
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        data-testid={`point-${key}`}
      >
        {options.map(([v, name]) => (
          <option key={v} value={v}>
            {name}
          </option>
        ))}
      </select>
    </label>
  )
  return (
    <div className="result-form" data-testid="point-edit-form">
      <div className="result-form__grid">
        <label className="form-field">
          <span className="form-field__label">名称</span>
          <input
            className="text-input"
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </label>
        {select('级别', 'level', LEVEL_OPTIONS)}
        {select('类型', 'type', TYPE_OPTIONS)}
        {select('状态', 'status', STATUS_OPTIONS)}
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div className="result-form__actions">
        <button type="button" className="primary-button" onClick={() => void save()} data-testid="point-save">
          保存
        </button>
        <button type="button" className="secondary-button" onClick={onCancel}>
          取消
        </button>
      </div>
    </div>
  )
}
