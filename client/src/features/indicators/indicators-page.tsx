import { useState, type ReactNode } from 'react'
import { formatAreaValue, formatCount } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import { BlackSoilSection } from './black-soil-section'
import { LedgerChecksSection } from './ledger-checks-section'
import type { AppliedTarget, Figure, Judged } from '@contracts/indicators'
import { farmlandIndicatorPath, plotIndicatorPath } from './indicators-api'
import { RateBarChart } from './rate-bar-chart'
import { RowsDrawer, type RowsRequest } from './rows-drawer'
import { TargetsPanel } from './targets-panel'
import './indicators.css'

/** Said once under each indicator: what “本地设置” means and where it is set. */
const LOCAL_SETTING_NOTE =
  '标“本地设置”的口径为本地设置，非国家标准，可由系统管理员在服务器配置中调整（部署说明“安全利用率”一节列出各项）。'

/** Props of {@link IndicatorsPage}. */
export interface IndicatorsPageProps {
  /** The administrator edits the targets; every staff role reads. */
  canEditTargets: boolean
  /** More sections composed by the app below the targets (the upload packages). */
  children?: ReactNode
}

/**
 * 安全利用率: each county of the scope and each city against the target that applies to it — 受污染耕地安全利用率
 * A = (B + C + D) / E and 污染地块安全利用率 — with bar charts, the rows behind every figure, the export of the table,
 * the 黑土区 local indicator where it is set, and the targets.
 */
export function IndicatorsPage({ canEditTargets, children }: IndicatorsPageProps) {
  const [year, setYear] = useState<number | null>(null)
  const [reloads, setReloads] = useState(0)
  const [rows, setRows] = useState<RowsRequest | null>(null)
  const farmland = useJson(farmlandIndicatorPath(year), reloads, '受污染耕地安全利用率加载失败')
  const f = farmland.status === 'done' ? farmland.data : null
  const plots = useJson(f ? plotIndicatorPath(f.year) : null, reloads, '污染地块安全利用率加载失败')
  const p = plots.status === 'done' ? plots.data : null
  const open = (kind: RowsRequest['kind'], adcode: string, unitName: string, term: string) =>
    f && setRows({ kind, adcode, unitName, year: f.year, term })

  return (
    <main className="report-page" data-testid="indicators-page">
      <div className="report-page__inner">
        <header className="report-page__head">
          <div>
            <h2 className="report-page__title">安全利用率</h2>
            <p className="report-page__lead">
              各区县、地级市对照适用目标；点击任一数值查看其背后的图斑或地块。面积单位：亩（椭球面积 ×
              0.0015）。样例数据为系统生成。
            </p>
          </div>
          <div className="report-page__tools">
            {f && (
              <label className="form-field">
                <span className="form-field__label">核算年份</span>
                <select
                  className="basemap-select"
                  value={f.year}
                  onChange={(e) => setYear(Number(e.target.value))}
                  data-testid="indicator-year"
                >
                  {(f.years.includes(f.year) ? f.years : [f.year, ...f.years]).map((y) => (
                    <option key={y} value={y}>
                      {y} 年
                    </option>
                  ))}
                </select>
              </label>
            )}
            {f && (
              <a
                className="secondary-button"
                href={`/api/indicators/export.xlsx?year=${f.year}`}
                download
                data-testid="indicator-export-xlsx"
              >
                导出 Excel
              </a>
            )}
            {f && (
              <a
                className="secondary-button"
                href={`/api/indicators/export.csv?year=${f.year}`}
                download
                data-testid="indicator-export-csv"
              >
                导出 CSV
              </a>
            )}
          </div>
        </header>

        {farmland.status === 'loading' && <p className="panel-note">正在加载…</p>}
        {farmland.status === 'error' && (
          <p className="notice notice--error" role="alert">
            {farmland.message}
          </p>
        )}

        {f && (
          <section className="ind-section" data-testid="farmland-indicator">
            <h3 className="ind-section__title">受污染耕地安全利用率（{f.year} 年）</h3>
            <p className="ind-note">
              {f.formula}。{f.termNames.B}；{f.termNames.C}；{f.termNames.D}；{f.termNames.E}。一块耕地只计入一项：
              {f.rule.name}。目标年份：{f.targetYearRule.name}。{LOCAL_SETTING_NOTE}
            </p>
            {f.counties.length > 0 && (
              <RateBarChart
                title="各区县受污染耕地安全利用率与目标"
                testId="farmland-chart"
                bars={f.counties.map((c) => ({
                  key: c.adcode,
                  name: c.name,
                  ratePct: c.ratePct,
                  target: c.target,
                  isMet: c.isMet,
                }))}
              />
            )}
            <table className="ind-table" data-testid="farmland-table">
              <thead>
                <tr>
                  <th>区县 / 地级市</th>
                  <th className="num">E 受污染耕地</th>
                  <th className="num">B 轻微·优先保护</th>
                  <th className="num">C 轻中度·安全利用且达标</th>
                  <th className="num">D 重度·严格管控</th>
                  <th className="num">未计入</th>
                  <th className="num">A 安全利用率</th>
                  <th>适用目标</th>
                  <th>是否达标</th>
                </tr>
              </thead>
              <tbody>
                {[
                  ...f.counties.map((c) => ({ ...c, code: c.adcode, label: c.name, isCity: false })),
                  ...f.cities.map((c) => ({
                    ...c,
                    code: c.cityCode,
                    label: `${c.name}（地级市${c.countiesIncluded < c.countiesInCity ? `，管辖范围内 ${c.countiesIncluded}/${c.countiesInCity} 个区县` : ''}）`,
                    isCity: true,
                  })),
                ].map((u) => (
                  <tr
                    key={`${u.isCity ? 'city' : 'county'}-${u.code}`}
                    className={u.isCity ? 'ind-row--city' : undefined}
                    data-testid="farmland-row"
                    data-adcode={u.code}
                  >
                    <th scope="row">{u.label}</th>
                    {(['E', 'B', 'C', 'D'] as const).map((term) => (
                      <td key={term} className="num">
                        <FigureButton
                          figure={u[term]}
                          onOpen={() => open('farmland', u.code, u.label, term)}
                          testId={`farmland-${term}`}
                        />
                      </td>
                    ))}
                    <td className="num">
                      <FigureButton
                        figure={u.notCounted}
                        onOpen={() => open('farmland', u.code, u.label, 'none')}
                        testId="farmland-none"
                      />
                    </td>
                    <td className="num ind-rate" data-testid="farmland-rate">
                      {u.ratePct === null ? '—' : `${u.ratePct}%`}
                    </td>
                    <td>
                      <TargetText target={u.target} />
                    </td>
                    <td>
                      <MetChip judged={u} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}

        {f && f.counties.length > 0 && <LedgerChecksSection counties={f.counties} year={f.year} reloadKey={reloads} />}

        {plots.status === 'error' && (
          <p className="notice notice--error" role="alert">
            {plots.message}
          </p>
        )}
        {p && (
          <section className="ind-section" data-testid="plot-indicator">
            <h3 className="ind-section__title">污染地块安全利用率（截至 {p.year} 年底）</h3>
            <p className="ind-note">
              {p.formula}；{p.basis.name}。{LOCAL_SETTING_NOTE}
            </p>
            {p.counties.length > 0 && (
              <RateBarChart
                title="各区县污染地块安全利用率与目标"
                testId="plot-chart"
                bars={p.counties.map((c) => ({
                  key: c.adcode,
                  name: c.name,
                  ratePct: c.ratePct,
                  target: c.target,
                  isMet: c.isMet,
                }))}
              />
            )}
            <table className="ind-table" data-testid="plot-table">
              <thead>
                <tr>
                  <th>区县 / 地级市</th>
                  <th className="num">再开发利用</th>
                  <th className="num">符合要求</th>
                  <th className="num">不符合</th>
                  <th className="num">安全利用率</th>
                  <th>适用目标</th>
                  <th>是否达标</th>
                </tr>
              </thead>
              <tbody>
                {[
                  ...p.counties.map((c) => ({ ...c, code: c.adcode, label: c.name, isCity: false })),
                  ...p.cities.map((c) => ({ ...c, code: c.cityCode, label: `${c.name}（地级市）`, isCity: true })),
                ].map((u) => (
                  <tr
                    key={`${u.isCity ? 'city' : 'county'}-${u.code}`}
                    className={u.isCity ? 'ind-row--city' : undefined}
                    data-testid="plot-row"
                    data-adcode={u.code}
                  >
                    <th scope="row">{u.label}</th>
                    {(['total', 'met', 'unmet'] as const).map((term) => (
                      <td key={term} className="num">
                        <FigureButton
                          figure={u[term]}
                          unit="个"
                          onOpen={() => open('plots', u.code, u.label, term)}
                          testId={`plot-${term}`}
                        />
                      </td>
                    ))}
                    <td className="num ind-rate">{u.ratePct === null ? '—' : `${u.ratePct}%`}</td>
                    <td>
                      <TargetText target={u.target} />
                    </td>
                    <td>
                      <MetChip judged={u} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}

        {f && f.blackSoilCounties.length > 0 && <BlackSoilSection counties={f.blackSoilCounties} />}

        <TargetsPanel canEdit={canEditTargets} onChanged={() => setReloads((n) => n + 1)} />
        {children}
      </div>
      {rows && <RowsDrawer request={rows} onClose={() => setRows(null)} />}
    </main>
  )
}

/** A figure in 亩 (or a count of plots) that opens the rows behind it. */
function FigureButton({
  figure,
  unit,
  onOpen,
  testId,
}: {
  figure: Figure
  unit?: string
  onOpen: () => void
  testId: string
}) {
  const text = unit ? `${formatCount(figure.count)} ${unit}` : formatAreaValue(figure.areaMu)
  return (
    <button
      type="button"
      className="ind-figure"
      onClick={onOpen}
      data-testid={testId}
      title={`${formatCount(figure.count)} 条记录，${formatAreaValue(figure.areaMu)} 亩；点击查看明细`}
    >
      {text}
    </button>
  )
}

function TargetText({ target }: { target: AppliedTarget | null }) {
  if (!target) return <span className="ind-muted">无适用目标</span>
  return (
    <span title={target.source} data-testid="applied-target">
      {target.comparatorName} {target.targetPct}%
      <span className="ind-muted">
        （{target.jurisdictionName} {target.year} 年{target.confidence === 'R' ? '，待核实' : ''}）
      </span>
    </span>
  )
}

function MetChip({ judged }: { judged: Judged }) {
  if (judged.isMet === null) return <span className="chip">{judged.ratePct === null ? '无数据' : '无目标'}</span>
  return judged.isMet ? (
    <span className="chip chip--ok" data-testid="met">
      达标
    </span>
  ) : (
    <span className="chip chip--warn" data-testid="not-met">
      未达标
    </span>
  )
}
