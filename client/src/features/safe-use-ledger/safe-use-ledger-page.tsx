import { useState } from 'react'
import type { LedgerRow } from '@contracts/safe-use-ledger'
import type { ScopeCounty } from '@contracts/auth'
import { errorMessage } from '../../shared/error-message'
import { formatAreaValue, formatCount } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import { LedgerImportDialog } from './ledger-import-dialog'
import { LedgerRowDialog } from './ledger-row-dialog'
import { deleteLedgerRow, ledgerFileUrl, ledgerPath, transitionLedger, type LedgerFilters } from './safe-use-ledger-api'
import '../indicators/indicators.css'
import './safe-use-ledger.css'

/** Props of {@link SafeUseLedgerPage}. */
export interface SafeUseLedgerPageProps {
  counties: readonly ScopeCounty[]
  /** The county and year to open first (from the address, e.g. a link of the indicators page). */
  initial?: { adcode?: string; year?: number }
}

const THIS_YEAR = new Date().getFullYear()
const YEARS = Array.from({ length: 12 }, (_, i) => THIS_YEAR + 1 - i)

/**
 * 受污染耕地安全利用台账 of a county and year: the parcels with their pollution degree, measures, area, dates, who
 * implemented them and the produce outcome; filters, 新增/编辑/删除, import of the template with its row report,
 * template and export downloads, and 提交审定 (a submitted or approved ledger is locked).
 */
export function SafeUseLedgerPage({ counties, initial }: SafeUseLedgerPageProps) {
  const [adcode, setAdcode] = useState(initial?.adcode ?? counties[0]?.adcode ?? '')
  const [year, setYear] = useState(initial?.year ?? THIS_YEAR - 1)
  const [filters, setFilters] = useState<LedgerFilters>({})
  const [reloads, setReloads] = useState(0)
  const [editing, setEditing] = useState<LedgerRow | 'new' | null>(null)
  const [isImporting, setImporting] = useState(false)
  const [notice, setNotice] = useState<{ text: string; isError: boolean } | null>(null)
  const state = useJson(adcode ? ledgerPath(adcode, year, filters) : null, reloads, '台账加载失败')
  const ledger = state.status === 'done' ? state.data : null
  const reload = () => setReloads((n) => n + 1)
  const setFilter = (key: keyof LedgerFilters, value: string) =>
    setFilters((f) => ({ ...f, [key]: value || undefined }))

  const remove = async (row: LedgerRow) => {
    if (!window.confirm(`从台账中删除图斑 ${row.parcelCode}？`)) return
    try {
      await deleteLedgerRow(row.id, row.version)
      setNotice({ text: `已删除图斑 ${row.parcelCode}`, isError: false })
    } catch (e) {
      setNotice({ text: errorMessage(e, '删除失败'), isError: true })
    }
    reload()
  }

  const act = async (action: string, label: string, isReasonRequired: boolean) => {
    if (!ledger) return
    const reason = isReasonRequired ? window.prompt(`${label}的理由`) : undefined
    if (isReasonRequired && !reason) return
    try {
      await transitionLedger(ledger.review.id, action, ledger.review.version, reason ?? undefined)
      setNotice({ text: `${ledger.county} ${ledger.year} 年台账：${label}`, isError: false })
    } catch (e) {
      setNotice({ text: errorMessage(e, `${label}失败`), isError: true })
    }
    reload()
  }

  return (
    <main className="report-page ledger-page" data-testid="safe-use-ledger-page">
      <div className="report-page__inner">
        <header className="report-page__head">
          <div>
            <h2 className="report-page__title">受污染耕地安全利用台账</h2>
            <p className="report-page__lead">
              每个图斑每年一行：污染程度默认取公布的类别（安全利用类 → 轻微/轻中度，严格管控类 →
              重度），不一致时须写明理由；安全利用率按台账计算。面积单位：亩。
            </p>
          </div>
          <div className="report-page__tools">
            <label className="form-field">
              <span className="form-field__label">区县</span>
              <select
                className="basemap-select"
                value={adcode}
                onChange={(e) => setAdcode(e.target.value)}
                data-testid="ledger-county"
              >
                {counties.map((c) => (
                  <option key={c.adcode} value={c.adcode}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="form-field">
              <span className="form-field__label">年度</span>
              <select
                className="basemap-select"
                value={year}
                onChange={(e) => setYear(Number(e.target.value))}
                data-testid="ledger-year"
              >
                {(YEARS.includes(year) ? YEARS : [year, ...YEARS]).map((y) => (
                  <option key={y} value={y}>
                    {y} 年
                  </option>
                ))}
              </select>
            </label>
          </div>
        </header>

        {state.status === 'loading' && <p className="panel-note">正在加载…</p>}
        {state.status === 'error' && (
          <p className="notice notice--error" role="alert">
            {state.message}
          </p>
        )}
        {notice && (
          <p
            className={`notice ${notice.isError ? 'notice--error' : ''}`}
            role={notice.isError ? 'alert' : 'status'}
            data-testid="ledger-notice"
          >
            {notice.text}
          </p>
        )}

        {ledger && (
          <section className="ind-section" data-testid="ledger-section">
            <div className="ledger-head">
              <div>
                <span className={`ledger-status ledger-status--${ledger.review.status}`} data-testid="ledger-status">
                  {ledger.review.statusName}
                </span>
                <span className="ind-note">
                  {' '}
                  共 {formatCount(ledger.total.count)} 个图斑，{formatAreaValue(ledger.total.areaMu)} 亩
                </span>
                {ledger.review.reason && <p className="ind-note">退回理由：{ledger.review.reason}</p>}
                {ledger.lockedReason && (
                  <p className="ind-note" data-testid="ledger-locked">
                    {ledger.lockedReason}
                  </p>
                )}
              </div>
              <div className="ledger-tools">
                {ledger.isEditable && (
                  <>
                    <button
                      type="button"
                      className="secondary-button"
                      onClick={() => setEditing('new')}
                      data-testid="ledger-add"
                    >
                      新增图斑
                    </button>
                    <button
                      type="button"
                      className="secondary-button"
                      onClick={() => setImporting(true)}
                      data-testid="ledger-import"
                    >
                      导入台账
                    </button>
                  </>
                )}
                <a
                  className="secondary-button"
                  href={ledgerFileUrl('template', ledger.adcode, ledger.year)}
                  download
                  data-testid="ledger-template"
                >
                  下载模板
                </a>
                <a
                  className="secondary-button"
                  href={ledgerFileUrl('export', ledger.adcode, ledger.year)}
                  download
                  data-testid="ledger-export"
                >
                  导出 Excel
                </a>
                {ledger.review.actions.map((a) => (
                  <button
                    key={a.action}
                    type="button"
                    className="primary-button"
                    onClick={() => void act(a.action, a.label, a.isReasonRequired)}
                    data-testid={`ledger-review-${a.action}`}
                  >
                    {a.label}
                  </button>
                ))}
              </div>
            </div>

            <div className="ledger-filters" data-testid="ledger-filters">
              <select
                className="basemap-select"
                aria-label="乡镇"
                value={filters.township ?? ''}
                onChange={(e) => setFilter('township', e.target.value)}
              >
                <option value="">全部乡镇</option>
                {ledger.townships.map((t) => (
                  <option key={t.code} value={t.code}>
                    {t.name}
                  </option>
                ))}
              </select>
              <select
                className="basemap-select"
                aria-label="污染程度"
                value={filters.degree ?? ''}
                onChange={(e) => setFilter('degree', e.target.value)}
                data-testid="ledger-filter-degree"
              >
                <option value="">全部污染程度</option>
                <option value="slight">轻微</option>
                <option value="mild_moderate">轻中度</option>
                <option value="severe">重度</option>
              </select>
              <select
                className="basemap-select"
                aria-label="措施"
                value={filters.measure ?? ''}
                onChange={(e) => setFilter('measure', e.target.value)}
              >
                <option value="">全部措施</option>
                {ledger.vocabulary.map((m) => (
                  <option key={m.name} value={m.name}>
                    {m.name}（{m.bucketName}）
                  </option>
                ))}
              </select>
              <select
                className="basemap-select"
                aria-label="农产品"
                value={filters.produce ?? ''}
                onChange={(e) => setFilter('produce', e.target.value)}
              >
                <option value="">农产品：全部</option>
                <option value="met">达标</option>
                <option value="exceeded">超标</option>
                <option value="none">未监测</option>
              </select>
              <input
                className="text-input"
                placeholder="图斑编号"
                aria-label="图斑编号"
                value={filters.code ?? ''}
                onChange={(e) => setFilter('code', e.target.value)}
                data-testid="ledger-filter-code"
              />
            </div>

            <div className="ledger-table-wrap">
              <table className="ind-table ledger-table" data-testid="ledger-table">
                <thead>
                  <tr>
                    <th>乡镇</th>
                    <th>图斑编号</th>
                    <th className="num">面积（亩）</th>
                    <th>污染程度</th>
                    <th>措施</th>
                    <th>实施主体</th>
                    <th>实施时间</th>
                    <th>农产品</th>
                    <th>计入</th>
                    {ledger.isEditable && <th>操作</th>}
                  </tr>
                </thead>
                <tbody>
                  {ledger.rows.map((r) => (
                    <tr key={r.id} data-testid="ledger-row" data-code={r.parcelCode}>
                      <td>{r.township ?? '—'}</td>
                      <td>
                        {r.parcelCode}
                        {r.isGenerated && <span className="ind-muted">（样例）</span>}
                      </td>
                      <td className="num">{formatAreaValue(r.areaMu)}</td>
                      <td title={r.degreeReason ?? undefined}>
                        {r.degreeName}
                        {r.inconsistency && (
                          <span className="ledger-flag" title={r.inconsistency} data-testid="ledger-inconsistency">
                            与公布类别不一致
                          </span>
                        )}
                      </td>
                      <td>{r.measures.map((m) => m.name).join('、') || '—'}</td>
                      <td>{r.implementer ?? '—'}</td>
                      <td>
                        {r.implementedFrom || r.implementedTo
                          ? `${r.implementedFrom ?? ''} 至 ${r.implementedTo ?? ''}`
                          : '—'}
                      </td>
                      <td title={r.produceBasis ?? undefined}>
                        {r.produceName}
                        {r.produceSource === 'monitoring' && <span className="ind-muted">（监测）</span>}
                      </td>
                      <td title={r.termReason}>{r.term ?? '未计入'}</td>
                      {ledger.isEditable && (
                        <td className="ledger-actions">
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => setEditing(r)}
                            data-testid="ledger-edit"
                          >
                            编辑
                          </button>
                          <button type="button" className="link-button" onClick={() => void remove(r)}>
                            删除
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {ledger.rows.length === 0 && <p className="panel-note">台账中没有符合条件的图斑。</p>}
            {ledger.isTruncated && (
              <p className="panel-note">
                只显示前 {ledger.rows.length} 行，请用筛选条件缩小范围；导出 Excel 含全部行。
              </p>
            )}
          </section>
        )}
      </div>
      {ledger && editing && (
        <LedgerRowDialog
          ledger={ledger}
          row={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            setNotice({ text: '已保存', isError: false })
            reload()
          }}
        />
      )}
      {ledger && isImporting && (
        <LedgerImportDialog
          adcode={ledger.adcode}
          county={ledger.county}
          year={ledger.year}
          onClose={() => setImporting(false)}
          onImported={reload}
        />
      )}
    </main>
  )
}
