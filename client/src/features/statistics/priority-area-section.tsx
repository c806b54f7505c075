import type { PriorityAreaSummary, PriorityAreaVersion } from '@contracts/priority-area'
import { apiPath } from '../../shared/api-client'
import { formatAreaValue, formatCount, formatDateTime } from '../../shared/format'
import { useJson } from '../../shared/use-json'

/** Props of {@link PriorityAreaSection}. */
export interface PriorityAreaSectionProps {
  /** One county, or '' for all the user's counties. */
  adcode: string
  reloads: number
}

const signed = (mu: number) => `${mu > 0 ? '+' : mu < 0 ? '−' : '±'}${formatAreaValue(Math.abs(mu))}`

/**
 * 优先保护类耕地集中区域 over the class-list versions: per county the area of each version and its change since the
 * one before (a fall marked: the plans hold that this area must not fall), and per township for the latest.
 */
export function PriorityAreaSection({ adcode, reloads }: PriorityAreaSectionProps) {
  const state = useJson(
    apiPath<PriorityAreaSummary>(`/api/priority-areas${adcode ? `?adcode=${adcode}` : ''}`),
    reloads,
    '优先保护类耕地集中区域加载失败',
  )
  if (state.status !== 'done')
    return (
      <section className="stats-section">
        <h3 className="stats-section__title">优先保护类耕地集中区域</h3>
        <p className={state.status === 'error' ? 'notice notice--error' : 'panel-note'}>
          {state.status === 'error' ? state.message : '正在加载…'}
        </p>
      </section>
    )
  const { settings, counties } = state.data
  return (
    <section className="stats-section" data-testid="priority-area-section">
      <h3 className="stats-section__title">优先保护类耕地集中区域</h3>
      <p className="panel-note">{settings.note}。每次发布分类清单后重新计算，历次结果保留备查。</p>
      {counties.length === 0 && <p className="notice">尚未计算集中区域：发布分类清单后自动计算。</p>}
      {counties.map((c) => (
        <CountyAreas key={c.adcode} county={c.county} versions={c.versions} />
      ))}
    </section>
  )
}

function CountyAreas({ county, versions }: { county: string; versions: PriorityAreaVersion[] }) {
  const [latest] = versions
  const changed = latest.townships.filter((t) => t.areaMu > 0 || t.beforeMu > 0)
  return (
    <div className="priority-areas" data-testid="priority-area-county">
      <h4 className="priority-areas__county">
        {county}：{formatCount(latest.areaCount)} 片，{formatAreaValue(latest.areaMu)} 亩
        {latest.changeMu !== null && (
          <span
            className={
              latest.hasFallen ? 'priority-areas__change priority-areas__change--fall' : 'priority-areas__change'
            }
            data-testid="priority-area-change"
          >
            较上一版 {signed(latest.changeMu)} 亩{latest.hasFallen ? '（面积减少，请核实原因）' : ''}
          </span>
        )}
      </h4>
      <div className="stats-table-wrap">
        <table className="stats-table" data-testid="priority-area-versions">
          <caption className="priority-areas__caption">历次计算结果</caption>
          <thead>
            <tr>
              <th scope="col">版本</th>
              <th scope="col">依据</th>
              <th scope="col">计算时间</th>
              <th scope="col">区域（片）</th>
              <th scope="col">图斑（个）</th>
              <th scope="col">面积（亩）</th>
              <th scope="col">较上一版（亩）</th>
              <th scope="col">优先保护类耕地（亩）</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} className={v.hasFallen ? 'priority-areas__row--fall' : undefined}>
                <td>第 {v.version} 版</td>
                <td>{v.source}</td>
                <td>{formatDateTime(v.computedAt)}</td>
                <td className="num">{formatCount(v.areaCount)}</td>
                <td className="num">{formatCount(v.parcelCount)}</td>
                <td className="num">{formatAreaValue(v.areaMu)}</td>
                <td className="num">{v.changeMu === null ? '—' : signed(v.changeMu)}</td>
                <td className="num">{formatAreaValue(v.priorityMu)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {changed.length > 0 && (
        <div className="stats-table-wrap">
          <table className="stats-table" data-testid="priority-area-townships">
            <caption className="priority-areas__caption">第 {latest.version} 版分乡镇（街道）</caption>
            <thead>
              <tr>
                <th scope="col">乡镇（街道）</th>
                <th scope="col">面积（亩）</th>
                <th scope="col">上一版（亩）</th>
                <th scope="col">变化（亩）</th>
              </tr>
            </thead>
            <tbody>
              {changed.map((t) => (
                <tr key={t.code ?? t.name} className={t.changeMu < 0 ? 'priority-areas__row--fall' : undefined}>
                  <td>{t.name}</td>
                  <td className="num">{formatAreaValue(t.areaMu)}</td>
                  <td className="num">{latest.changeMu === null ? '—' : formatAreaValue(t.beforeMu)}</td>
                  <td className="num">{latest.changeMu === null ? '—' : signed(t.changeMu)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
