import { useState } from 'react'
import { errorMessage } from '../../shared/error-message'
import { formatDateTime } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import type { TargetRow, TargetsAnswer } from '@contracts/indicators'
import { createTarget, editTarget, targetsPath } from './indicators-api'

/** Props of {@link TargetsPanel}. */
export interface TargetsPanelProps {
  canEdit: boolean
  /** Called after a target changed, so the figures are read against it. */
  onChanged: () => void
}

const CONFIDENCE: Record<string, string> = { V: '已核实', S: '单一来源', R: '待核实' }

/** The targets per jurisdiction, indicator and year with their source; the administrator edits and adds them. */
export function TargetsPanel({ canEdit, onChanged }: TargetsPanelProps) {
  const [reloads, setReloads] = useState(0)
  const state = useJson(targetsPath, reloads, '目标加载失败')
  const [editing, setEditing] = useState<TargetRow | null>(null)
  const [isAdding, setAdding] = useState(false)
  const data = state.status === 'done' ? state.data : null
  const saved = () => {
    setEditing(null)
    setAdding(false)
    setReloads((n) => n + 1)
    onChanged()
  }
  return (
    <section className="ind-section" data-testid="indicator-targets">
      <div className="ind-section__head">
        <h3 className="ind-section__title">目标值</h3>
        {canEdit && !isAdding && (
          <button type="button" className="secondary-button" onClick={() => setAdding(true)} data-testid="target-add">
            新增目标
          </button>
        )}
      </div>
      <p className="ind-note">
        区县的数值按最具体辖区的目标判定：区县 → 地级市 → 省 →
        全国；“左右”按不低于该值判定（本地设置，非国家标准，可由管理员调整）。
        {canEdit ? '' : '目标由系统管理员维护。'}
      </p>
      {state.status === 'error' && (
        <p className="notice notice--error" role="alert">
          {state.message}
        </p>
      )}
      {isAdding && data && (
        <TargetForm jurisdictions={data.jurisdictions} onCancel={() => setAdding(false)} onSaved={saved} />
      )}
      {data && (
        <table className="ind-table">
          <thead>
            <tr>
              <th>指标</th>
              <th>辖区</th>
              <th>年份</th>
              <th className="num">目标</th>
              <th>依据</th>
              <th>可信度</th>
              <th>修改</th>
              {canEdit && <th />}
            </tr>
          </thead>
          <tbody>
            {data.targets.map((t) =>
              editing?.id === t.id ? (
                <tr key={t.id}>
                  <td colSpan={canEdit ? 8 : 7}>
                    <TargetForm
                      target={t}
                      jurisdictions={data.jurisdictions}
                      onCancel={() => setEditing(null)}
                      onSaved={saved}
                    />
                  </td>
                </tr>
              ) : (
                <tr
                  key={t.id}
                  data-testid="target-row"
                  data-jurisdiction={t.jurisdiction}
                  data-year={t.year}
                  data-indicator={t.indicator}
                >
                  <td>{t.indicatorName}</td>
                  <td>
                    {t.jurisdictionName}
                    <span className="ind-muted">
                      （{t.levelName} {t.jurisdiction}）
                    </span>
                  </td>
                  <td>{t.year}</td>
                  <td className="num" data-testid="target-pct">
                    {t.comparatorName} {t.targetPct}%
                  </td>
                  <td className="ind-source">{t.source}</td>
                  <td>{CONFIDENCE[t.confidence]}</td>
                  <td className="ind-muted">
                    {t.updatedBy} {formatDateTime(t.updatedAt)}
                  </td>
                  {canEdit && (
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setEditing(t)}
                        data-testid="target-edit"
                      >
                        修改
                      </button>
                    </td>
                  )}
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  )
}

interface TargetFormProps {
  target?: TargetRow
  jurisdictions: TargetsAnswer['jurisdictions']
  onCancel: () => void
  onSaved: () => void
}

/** Adds a target, or changes one at the version read (a stale version is refused with the server's message). */
function TargetForm({ target, jurisdictions, onCancel, onSaved }: TargetFormProps) {
  const [jurisdiction, setJurisdiction] = useState(target?.jurisdiction ?? jurisdictions[0]?.code ?? '000000')
  const [indicator, setIndicator] = useState(target?.indicator ?? 'farmland')
  const [year, setYear] = useState(String(target?.year ?? new Date().getFullYear()))
  const [pct, setPct] = useState(String(target?.targetPct ?? ''))
  const [comparator, setComparator] = useState(target?.comparator ?? 'at_least')
  const [source, setSource] = useState(target?.source ?? '')
  const [error, setError] = useState<string | null>(null)
  const [isSaving, setSaving] = useState(false)
  const save = async () => {
    setSaving(true)
    setError(null)
    try {
      const body = { targetPct: Number(pct), comparator, source }
      if (target) await editTarget(target.id, { ...body, version: target.version })
      else await createTarget({ ...body, jurisdiction, indicator, year: Number(year) })
      onSaved()
    } catch (e) {
      setError(errorMessage(e, '目标保存失败'))
    } finally {
      setSaving(false)
    }
  }
  return (
    <form
      className="ind-target-form"
      data-testid="target-form"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      {!target && (
        <>
          <label className="form-field">
            <span className="form-field__label">辖区</span>
            <select
              className="basemap-select"
              value={jurisdiction}
              onChange={(e) => setJurisdiction(e.target.value)}
              data-testid="target-jurisdiction"
            >
              {jurisdictions.map((j) => (
                <option key={j.code} value={j.code}>
                  {j.name}（{j.levelName}）
                </option>
              ))}
            </select>
          </label>
          <label className="form-field">
            <span className="form-field__label">指标</span>
            <select
              className="basemap-select"
              value={indicator}
              onChange={(e) => setIndicator(e.target.value as 'farmland' | 'plot')}
            >
              <option value="farmland">受污染耕地安全利用率</option>
              <option value="plot">污染地块安全利用率</option>
            </select>
          </label>
          <label className="form-field">
            <span className="form-field__label">目标年份</span>
            <input
              className="text-input"
              value={year}
              onChange={(e) => setYear(e.target.value)}
              inputMode="numeric"
              data-testid="target-year"
            />
          </label>
        </>
      )}
      {target && (
        <span className="ind-target-form__what">
          {target.indicatorName} · {target.jurisdictionName} · {target.year} 年（第 {target.version} 版）
        </span>
      )}
      <label className="form-field">
        <span className="form-field__label">目标（%）</span>
        <input
          className="text-input"
          value={pct}
          onChange={(e) => setPct(e.target.value)}
          inputMode="decimal"
          data-testid="target-pct-input"
        />
      </label>
      <label className="form-field">
        <span className="form-field__label">表述</span>
        <select
          className="basemap-select"
          value={comparator}
          onChange={(e) => setComparator(e.target.value as 'about' | 'at_least')}
        >
          <option value="at_least">不低于</option>
          <option value="about">左右</option>
        </select>
      </label>
      <label className="form-field ind-target-form__source">
        <span className="form-field__label">依据（规划或文件）</span>
        <input
          className="text-input"
          value={source}
          onChange={(e) => setSource(e.target.value)}
          data-testid="target-source"
        />
      </label>
      <div className="ind-target-form__actions">
        <button type="submit" className="primary-button" disabled={isSaving} data-testid="target-save">
          保存
        </button>
        <button type="button" className="secondary-button" onClick={onCancel}>
          取消
        </button>
      </div>
      {error && (
        <p className="notice notice--error ind-target-form__error" role="alert" data-testid="target-error">
          {error}
        </p>
      )}
    </form>
  )
}
