import { useState } from 'react'
import { useJson } from '../../shared/use-json'
import { blackSoilPath } from './indicators-api'

/** Props of {@link BlackSoilSection}. */
export interface BlackSoilSectionProps {
  counties: { adcode: string; name: string }[]
}

const share = (pct: number | null) => (pct === null ? '无法判定' : `${pct}%`)

/**
 * 黑土区 local indicator: per township the share of cropland points whose latest soil result has organic matter and a
 * plough layer at or above the thresholds, each township opening onto the points behind it.
 */
export function BlackSoilSection({ counties }: BlackSoilSectionProps) {
  const [adcode, setAdcode] = useState(counties[0].adcode)
  const [open, setOpen] = useState<string | null>(null)
  const state = useJson(blackSoilPath(adcode), 0, '黑土区指标加载失败')
  const data = state.status === 'done' ? state.data : null
  return (
    <section className="ind-section" data-testid="black-soil">
      <div className="ind-section__head">
        <h3 className="ind-section__title">黑土区耕地质量（地方指标）</h3>
        {counties.length > 1 && (
          <select className="basemap-select" value={adcode} onChange={(e) => setAdcode(e.target.value)}>
            {counties.map((c) => (
              <option key={c.adcode} value={c.adcode}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </div>
      {state.status === 'error' && (
        <p className="notice notice--error" role="alert">
          {state.message}
        </p>
      )}
      {data && (
        <>
          <p className="ind-note">
            {data.name}耕地监测点最近一次土壤监测：有机质 ≥ {data.settings.minOrganicMatterGKg} g/kg（
            {data.settings.minOrganicMatterGKg / 10}%）且耕层厚度 ≥ {data.settings.minPloughDepthCm} cm
            的点位比例。依据：{data.settings.source}
          </p>
          <p className="ind-lead" data-testid="black-soil-total">
            全县 {data.total.pointCount} 个耕地点位，可判定 {data.total.judged} 个，达标 {data.total.meeting}{' '}
            个，达标比例 <strong>{share(data.total.sharePct)}</strong>
          </p>
          <table className="ind-table">
            <thead>
              <tr>
                <th>乡镇（街道）</th>
                <th className="num">点位</th>
                <th className="num">可判定</th>
                <th className="num">达标</th>
                <th className="num">达标比例</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.townships.map((t) => {
                const key = t.code ?? 'none'
                return [
                  <tr key={key} data-testid="black-soil-township" data-name={t.name}>
                    <td>{t.name}</td>
                    <td className="num">{t.pointCount}</td>
                    <td className="num">{t.judged}</td>
                    <td className="num">{t.meeting}</td>
                    <td className="num">{share(t.sharePct)}</td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setOpen(open === key ? null : key)}
                        data-testid="black-soil-open"
                      >
                        {open === key ? '收起点位' : '查看点位'}
                      </button>
                    </td>
                  </tr>,
                  open === key && (
                    <tr key={`${key}-points`} className="ind-subrow">
                      <td colSpan={6}>
                        <table className="ind-table ind-table--inner" data-testid="black-soil-points">
                          <thead>
                            <tr>
                              <th>点位编号</th>
                              <th>名称</th>
                              <th>采样日期</th>
                              <th className="num">有机质（g/kg）</th>
                              <th className="num">耕层（cm）</th>
                              <th>判定</th>
                            </tr>
                          </thead>
                          <tbody>
                            {t.points.map((p) => (
                              <tr key={p.id} data-testid="black-soil-point">
                                <td className="mono">{p.code}</td>
                                <td>{p.name}</td>
                                <td>{p.sampledOn ?? '—'}</td>
                                <td className="num">{p.organicMatterGKg ?? '—'}</td>
                                <td className="num">{p.ploughDepthCm ?? '—'}</td>
                                <td title={p.reasons.join('；')}>
                                  {p.meets === null
                                    ? `无法判定（${p.reasons.join('；')}）`
                                    : p.meets
                                      ? '达标'
                                      : `未达标（${p.reasons.join('；')}）`}
                                </td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </td>
                    </tr>
                  ),
                ]
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
