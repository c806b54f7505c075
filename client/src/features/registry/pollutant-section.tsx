import { useState, type FormEvent } from 'react'
import { errorMessage } from '../../shared/error-message'
import { FormError } from '../../shared/ui/form-error'
import { useJson } from '../../shared/use-json'
import { SUBSTANCE_GROUP_NAME } from '../../../../server/src/domain/gb36600.ts'
import { addPollutant, deletePollutant, gb36600Path } from './registry-api'
import { landClassName } from './registry-labels'
import type { Gb36600Substance, PlotPollutant, PlotProfile } from '@contracts/registry'
import { today } from './today'

/** Props of {@link PollutantSection}. */
export interface PollutantSectionProps {
  plot: PlotProfile
  canEdit: boolean
  /** Called after a change on the server (the profile loads again). */
  onSaved: (message: string) => void
}

/** `GET /api/reference/gb36600`. */
function formatValue(value: number | null): string {
  if (value === null || value === undefined) return '—'
  return value.toLocaleString('zh-CN', { maximumFractionDigits: 4 })
}

function verdictOf(p: PlotPollutant): { tone: 'intervention' | 'screening' | 'ok' | 'none'; text: string } {
  if (p.exceedsIntervention) return { tone: 'intervention', text: '超管制值' }
  if (p.exceedsScreening) return { tone: 'screening', text: '超筛选值' }
  if (p.screening === null) return { tone: 'none', text: '无标准值' }
  return { tone: 'ok', text: '未超筛选值' }
}

/** The reference values of a substance for the plot's land class (第一类 when unclear, GB 36600 5.3.1). */
function valuesFor(
  substance: Gb36600Substance,
  landClass: string | null,
): { screening: number | null; intervention: number | null } {
  const key = landClass === 'second' ? 'second' : 'first'
  return { screening: substance.screening?.[key] ?? null, intervention: substance.intervention?.[key] ?? null }
}

/**
 * 污染物: measured values against GB 36600 for the plot's land class, above the intervention value in red, above
 * the screening value in orange, the ratio to the screening value; officers add and remove measurements.
 */
export function PollutantSection({ plot, canEdit, onSaved }: PollutantSectionProps) {
  const [isAdding, setAdding] = useState(false)
  const [removing, setRemoving] = useState<number | null>(null)
  const [confirming, setConfirming] = useState<number | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const over = plot.pollutants.filter((p) => p.exceedsScreening).length
  const overIntervention = plot.pollutants.filter((p) => p.exceedsIntervention).length

  const remove = async (p: PlotPollutant) => {
    setConfirming(null)
    setRemoving(p.id)
    setFailure(null)
    try {
      await deletePollutant(plot.id, p.id, plot.version)
      onSaved(`已删除 ${p.name} 的检测记录`)
    } catch (error) {
      setFailure(errorMessage(error))
    } finally {
      setRemoving(null)
    }
  }

  return (
    <div className="plot-section" data-testid="plot-pollutants">
      <div className="plot-section__bar">
        <p className="plot-section__lead">
          对照 GB 36600-2018 {landClassName(plot.plannedLandClass)}；
          {plot.pollutants.length === 0 ? (
            '尚无检测数据。'
          ) : (
            <>
              共 {plot.pollutants.length} 项，
              <span className={over ? 'text-screening' : undefined}>超筛选值 {over} 项</span>，
              <span className={overIntervention ? 'text-intervention' : undefined}>超管制值 {overIntervention} 项</span>
              。
            </>
          )}
        </p>
        {canEdit && !isAdding && (
          <button
            type="button"
            className="secondary-button"
            onClick={() => setAdding(true)}
            data-testid="pollutant-add"
          >
            ＋ 录入检测值
          </button>
        )}
      </div>
      {canEdit && !isAdding && (
        <p className="panel-note">
          多个样品的实验室结果可
          <a href="/registry/import?kind=plot-results" data-testid="pollutant-bulk-import">
            按模板批量导入
          </a>
          。
        </p>
      )}
      {isAdding && (
        <PollutantForm
          plot={plot}
          onCancel={() => setAdding(false)}
          onSaved={(message) => {
            setAdding(false)
            onSaved(message)
          }}
        />
      )}
      <FormError message={failure} testId="pollutant-error" />
      {plot.pollutants.length > 0 && (
        <div className="plot-table-wrap">
          <table className="plot-table pollutant-table">
            <thead>
              <tr>
                <th scope="col">污染物</th>
                <th scope="col" className="num">
                  实测值
                </th>
                <th scope="col" className="num">
                  筛选值
                </th>
                <th scope="col" className="num">
                  管制值
                </th>
                <th scope="col">判定</th>
                {canEdit && <th scope="col" aria-label="操作" />}
              </tr>
            </thead>
            <tbody>
              {plot.pollutants.map((p) => {
                const verdict = verdictOf(p)
                return (
                  <tr
                    key={p.id}
                    className={`pollutant-row pollutant-row--${verdict.tone}`}
                    data-testid="pollutant-row"
                    data-substance={p.substance}
                    data-verdict={verdict.tone}
                  >
                    <td>
                      <span className="pollutant-name">{p.name}</span>
                      <span className="pollutant-sub">
                        {p.cas ? `CAS ${p.cas} · ` : ''}
                        {p.sampledOn}
                        {p.depthM !== null && p.depthM !== undefined ? ` · ${p.depthM} m` : ''}
                      </span>
                      {p.note && <span className="pollutant-sub">{p.note}</span>}
                    </td>
                    <td className="num pollutant-value">{formatValue(p.valueMgKg)}</td>
                    <td className="num">{formatValue(p.screening)}</td>
                    <td className="num">{formatValue(p.intervention)}</td>
                    <td className="verdict-cell">
                      <span className={`verdict verdict--${verdict.tone}`}>{verdict.text}</span>
                      {p.ratio !== null && p.ratio !== undefined && p.exceedsScreening && (
                        <span className="pollutant-sub">为筛选值 {p.ratio.toFixed(2)} 倍</span>
                      )}
                      {p.background && (
                        <span className="pollutant-note" data-testid="pollutant-background">
                          {p.background.note}
                        </span>
                      )}
                    </td>
                    {canEdit && (
                      <td className="actions">
                        {confirming === p.id ? (
                          <span className="row-confirm">
                            <button
                              type="button"
                              className="link-button link-button--danger"
                              onClick={() => void remove(p)}
                              data-testid="pollutant-remove-confirm"
                            >
                              确认删除
                            </button>
                            <button type="button" className="link-button" onClick={() => setConfirming(null)}>
                              取消
                            </button>
                          </span>
                        ) : (
                          <button
                            type="button"
                            className="link-button link-button--danger"
                            disabled={removing === p.id}
                            onClick={() => setConfirming(p.id)}
                            data-testid="pollutant-remove"
                          >
                            删除
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                )
              })}
            </tbody>
          </table>
          <p className="plot-legend">
            <span className="verdict verdict--intervention">超管制值</span>
            <span>通常存在不可接受风险，应当采取风险管控或修复措施（GB 36600 5.3.5）</span>
            <span className="verdict verdict--screening">超筛选值</span>
            <span>可能存在风险，应当开展详细调查和风险评估（GB 36600 5.3.3）</span>
          </p>
        </div>
      )}
    </div>
  )
}

/** Props of {@link PollutantForm}. */
interface PollutantFormProps {
  plot: PlotProfile
  onCancel: () => void
  onSaved: (message: string) => void
}

/** 录入检测值: substance of GB 36600 (its values for the plot's class shown), value, sampling date and depth. */
function PollutantForm({ plot, onCancel, onSaved }: PollutantFormProps) {
  const reference = useJson(gb36600Path, 0, 'GB 36600 污染物项目加载失败')
  const substances = reference.status === 'done' ? reference.data.substances : []
  const [substance, setSubstance] = useState('')
  const [value, setValue] = useState('')
  const [sampledOn, setSampledOn] = useState('')
  const [depth, setDepth] = useState('')
  const [note, setNote] = useState('')
  const [failure, setFailure] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const chosen = substances.find((s) => s.key === substance)
  const values = chosen ? valuesFor(chosen, plot.plannedLandClass) : null
  const groups = [...new Set(substances.map((s) => s.group))]

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!substance) return setFailure('请选择污染物项目')
    const valueMgKg = Number(value.replace(',', '.'))
    if (!value.trim() || !Number.isFinite(valueMgKg)) return setFailure('请填写实测值（mg/kg，数字）')
    if (!sampledOn) return setFailure('请填写采样日期')
    const depthM = depth.trim() ? Number(depth.replace(',', '.')) : undefined
    if (depthM !== undefined && !Number.isFinite(depthM)) return setFailure('采样深度应为数字（米）')
    setBusy(true)
    setFailure(null)
    try {
      await addPollutant(plot.id, {
        version: plot.version,
        substance,
        valueMgKg,
        sampledOn,
        depthM,
        note: note.trim() || undefined,
      })
      onSaved(`已录入 ${chosen?.name ?? substance} ${valueMgKg} mg/kg`)
    } catch (error) {
      setFailure(errorMessage(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="plot-subform" onSubmit={(e) => void submit(e)} noValidate data-testid="pollutant-form">
      <div className="form-grid">
        <label className="form-field form-grid__wide">
          <span className="form-field__label">污染物项目（GB 36600-2018）*</span>
          <select
            className="text-input"
            value={substance}
            onChange={(e) => setSubstance(e.target.value)}
            data-testid="pollutant-substance"
          >
            <option value="">{reference.status === 'loading' ? '正在加载…' : '请选择'}</option>
            {groups.map((group) => {
              const options = substances
                .filter((s) => s.group === group)
                .map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.name}
                    {s.cas ? `（${s.cas}）` : ''}
                  </option>
                ))
              return (
                <optgroup key={group} label={(SUBSTANCE_GROUP_NAME as Record<string, string>)[group] ?? group}>
                  {options}
                </optgroup>
              )
            })}
          </select>
          {values && (
            <span className="plot-hint" data-testid="pollutant-reference">
              {landClassName(plot.plannedLandClass)}：筛选值 {formatValue(values.screening)} mg/kg，管制值{' '}
              {formatValue(values.intervention)} mg/kg
            </span>
          )}
        </label>
        <label className="form-field">
          <span className="form-field__label">实测值（mg/kg）*</span>
          <input
            className="text-input"
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            data-testid="pollutant-value"
          />
        </label>
        <label className="form-field">
          <span className="form-field__label">采样日期 *</span>
          <input
            className="text-input"
            type="date"
            max={today()}
            value={sampledOn}
            onChange={(e) => setSampledOn(e.target.value)}
            data-testid="pollutant-date"
          />
        </label>
        <label className="form-field">
          <span className="form-field__label">采样深度（m）</span>
          <input
            className="text-input"
            inputMode="decimal"
            value={depth}
            onChange={(e) => setDepth(e.target.value)}
            data-testid="pollutant-depth"
          />
        </label>
        <label className="form-field">
          <span className="form-field__label">点位/备注</span>
          <input
            className="text-input"
            maxLength={200}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="pollutant-note"
          />
        </label>
      </div>
      {reference.status === 'error' && <p className="panel-note panel-note--error">{reference.message}</p>}
      <FormError message={failure} testId="pollutant-form-error" />
      <div className="form-actions">
        <button type="button" className="secondary-button" onClick={onCancel}>
          取消
        </button>
        <button type="submit" className="primary-button" disabled={isBusy} data-testid="pollutant-save">
          {isBusy ? '正在保存…' : '保存检测值'}
        </button>
      </div>
    </form>
  )
}
