import { useMemo, useState, type CSSProperties } from 'react'
import type { ScopeCounty } from '../../shared/api-types'
import { FARMLAND_CLASSES, classColor, className } from '../../shared/farmland-class'
import { formatAreaValue, formatCount, formatShare } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import { StackedBarChart } from './stacked-bar-chart'
import type { ClassArea, FarmlandStatistics } from '@contracts/statistics'
import { farmlandStatisticsPath } from './statistics-api'
import type { StatisticsRow } from './statistics-types'
import { StatisticsTable } from './statistics-table'
import { PriorityAreaSection } from './priority-area-section'
import './statistics.css'

/** Props of {@link StatisticsPage}. */
export interface StatisticsPageProps {
  counties: ScopeCounty[]
}

/** The sum of several rows' class areas. */
function sumRows(rows: StatisticsRow[]): { byClass: ClassArea[]; totalMu: number } {
  const byClass = FARMLAND_CLASSES.map((c) => {
    const parts = rows.map((r) => r.byClass.find((b) => b.class === c))
    return {
      class: c,
      className: className(c),
      count: parts.reduce((s, p) => s + (p?.count ?? 0), 0),
      areaMu: parts.reduce((s, p) => s + (p?.areaMu ?? 0), 0),
      areaHa: parts.reduce((s, p) => s + (p?.areaHa ?? 0), 0),
    }
  })
  return { byClass, totalMu: byClass.reduce((s, c) => s + c.areaMu, 0) }
}

/**
 * 统计分析: the published farmland classes (已发布的分类清单) by county and township, as key figures, stacked bar
 * charts in the map legend's colours and tables in 亩, 公顷 and share.
 */
export function StatisticsPage({ counties }: StatisticsPageProps) {
  const [adcode, setAdcode] = useState<string>(counties.length === 1 ? counties[0].adcode : '')
  const [reloads, setReloads] = useState(0)
  const state = useJson(farmlandStatisticsPath(adcode), reloads, '统计数据加载失败')
  const data = state.status === 'done' ? state.data : null

  const countyRows = useMemo<StatisticsRow[]>(
    () => (data?.counties ?? []).map((c) => ({ key: c.adcode, name: c.name, byClass: c.byClass, totalMu: c.totalMu })),
    [data],
  )
  const townshipRows = useMemo<StatisticsRow[]>(
    () =>
      (data?.townships ?? []).map((t) => ({
        key: `${t.adcode}-${t.code ?? t.name}`,
        name: counties.length > 1 && !adcode ? `${t.name}（${countyName(data, t.adcode)}）` : t.name,
        byClass: t.byClass,
        totalMu: t.totalMu,
      })),
    [data, counties.length, adcode],
  )
  const total = sumRows(countyRows)
  const scopeName = adcode ? (counties.find((c) => c.adcode === adcode)?.name ?? adcode) : '全部管辖区县'

  return (
    <main className="report-page" data-testid="statistics-page">
      <div className="report-page__inner">
        <header className="report-page__head">
          <div>
            <h2 className="report-page__title">耕地土壤环境质量类别统计</h2>
            <p className="report-page__lead">
              按已发布的分类清单统计（GB 15618-2018 类别划分）；草稿、待审定的清单不计入。1 公顷 = 15 亩。
            </p>
          </div>
          <div className="report-page__tools">
            <label className="form-field stats-page__county">
              <span className="form-field__label">统计范围</span>
              <select
                className="basemap-select"
                value={adcode}
                onChange={(e) => setAdcode(e.target.value)}
                data-testid="stats-county"
              >
                {counties.length > 1 && <option value="">全部管辖区县</option>}
                {counties.map((c) => (
                  <option key={c.adcode} value={c.adcode}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="secondary-button"
              onClick={() => setReloads((n) => n + 1)}
              data-testid="stats-refresh"
            >
              刷新
            </button>
          </div>
        </header>

        {state.status === 'loading' && <p className="panel-note">正在加载…</p>}
        {state.status === 'error' && (
          <p className="notice notice--error" role="alert">
            {state.message}
          </p>
        )}

        {data && (
          <>
            <section className="stats-cards" aria-label={`${scopeName}合计`} data-testid="stats-cards">
              {total.byClass.map((c) => (
                <div
                  key={c.class}
                  className="stats-card"
                  style={{ '--class-color': classColor(c.class) } as CSSProperties}
                  data-class={c.class}
                  data-testid="stats-card"
                >
                  <span className="stats-card__name">{c.className}</span>
                  <span className="stats-card__value" data-testid="stats-card-mu">
                    {formatAreaValue(c.areaMu)}
                    <small> 亩</small>
                  </span>
                  <span className="stats-card__meta">
                    {formatAreaValue(c.areaHa)} 公顷 · {formatShare(total.totalMu > 0 ? c.areaMu / total.totalMu : 0)} ·{' '}
                    {formatCount(c.count)} 个图斑
                  </span>
                </div>
              ))}
              <div className="stats-card stats-card--total">
                <span className="stats-card__name">{scopeName} 耕地合计</span>
                <span className="stats-card__value">
                  {formatAreaValue(total.totalMu)}
                  <small> 亩</small>
                </span>
                <span className="stats-card__meta">{formatAreaValue(total.totalMu / 15)} 公顷</span>
              </div>
            </section>

            {total.totalMu === 0 && (
              <p className="notice" data-testid="stats-empty">
                {scopeName}尚无已发布的分类清单：划定、审定并发布后，这里按类别统计面积。
              </p>
            )}

            <section className="stats-section">
              <h3 className="stats-section__title">分区县</h3>
              {countyRows.length > 1 && (
                <StackedBarChart title="各区县耕地面积（亩）按类别" rows={countyRows} testId="stats-county-chart" />
              )}
              <StatisticsTable unit="区县" rows={countyRows} testId="stats-county-table" />
            </section>

            <section className="stats-section">
              <h3 className="stats-section__title">分乡镇（街道）</h3>
              {townshipRows.length > 0 && (
                <StackedBarChart title="各乡镇耕地面积（亩）按类别" rows={townshipRows} testId="stats-township-chart" />
              )}
              <StatisticsTable unit="乡镇（街道）" rows={townshipRows} testId="stats-township-table" />
            </section>

            <PriorityAreaSection adcode={adcode} reloads={reloads} />
          </>
        )}
      </div>
    </main>
  )
}

function countyName(data: FarmlandStatistics | null, adcode: string): string {
  return data?.counties.find((c) => c.adcode === adcode)?.name ?? adcode
}
