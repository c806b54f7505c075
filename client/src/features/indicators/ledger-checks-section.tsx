import { useState } from 'react'
import type { ClassChecksAnswer } from '@contracts/safe-use-ledger'
import { apiPath } from '../../shared/api-client'
import { formatAreaValue } from '../../shared/format'
import { useJson } from '../../shared/use-json'

/** Props of {@link LedgerChecksSection}. */
export interface LedgerChecksSectionProps {
  counties: readonly { adcode: string; name: string }[]
  year: number
  reloadKey: unknown
}

const SHOWN = 50

/**
 * 台账与公布类别的一致性: the parcels a county's safe-use ledger counts with a degree its published class does not
 * give (e.g. 重度 while published 优先保护类), and the published 安全利用类 / 严格管控类 parcels the ledger lacks, each
 * with why and the officer's reason when one was written.
 */
export function LedgerChecksSection({ counties, year, reloadKey }: LedgerChecksSectionProps) {
  const [adcode, setAdcode] = useState(counties[0]?.adcode ?? '')
  const chosen = counties.some((c) => c.adcode === adcode) ? adcode : (counties[0]?.adcode ?? '')
  const state = useJson(
    chosen ? apiPath<ClassChecksAnswer>(`/api/safe-use-ledger/class-checks?adcode=${chosen}&year=${year}`) : null,
    reloadKey,
    '台账一致性检查加载失败',
  )
  const checks = state.status === 'done' ? state.data : null
  return (
    <section className="ind-section" data-testid="ledger-checks">
      <div className="ind-section__head">
        <h3 className="ind-section__title">台账与公布类别不一致（{year} 年）</h3>
        <div className="report-page__tools">
          {counties.length > 1 && (
            <select
              className="basemap-select"
              aria-label="区县"
              value={chosen}
              onChange={(e) => setAdcode(e.target.value)}
              data-testid="ledger-checks-county"
            >
              {counties.map((c) => (
                <option key={c.adcode} value={c.adcode}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
          <a className="secondary-button" href={`/safe-use-ledger?adcode=${chosen}&year=${year}`}>
            打开安全利用台账
          </a>
        </div>
      </div>
      <p className="ind-note">
        安全利用率按台账计算；台账的污染程度应与公布的类别一致（安全利用类 → 轻微/轻中度，严格管控类 →
        重度），不一致的须在台账中写明理由。
      </p>
      {state.status === 'error' && (
        <p className="notice notice--error" role="alert">
          {state.message}
        </p>
      )}
      {checks && checks.count === 0 && <p className="panel-note">台账与公布的类别一致。</p>}
      {checks && checks.count > 0 && (
        <>
          <p className="ind-lead" data-testid="ledger-checks-count">
            {checks.county}：{checks.count} 处不一致
            {checks.count > SHOWN ? `，下表列出前 ${SHOWN} 处` : ''}
          </p>
          <table className="ind-table" data-testid="ledger-checks-table">
            <thead>
              <tr>
                <th>图斑编号</th>
                <th>台账污染程度</th>
                <th>公布的类别</th>
                <th className="num">面积（亩）</th>
                <th>不一致之处</th>
                <th>台账写明的理由</th>
              </tr>
            </thead>
            <tbody>
              {checks.items.slice(0, SHOWN).map((i) => (
                <tr key={`${i.parcelCode}-${i.rowId ?? 'missing'}`} data-testid="ledger-check" data-code={i.parcelCode}>
                  <td>
                    {i.parcelCode}
                    {i.isGenerated && <span className="ind-muted">（样例）</span>}
                  </td>
                  <td>{i.degreeName ?? '—'}</td>
                  <td>{i.publishedClassName}</td>
                  <td className="num">{formatAreaValue(i.areaMu)}</td>
                  <td>{i.message}</td>
                  <td>{i.reason ?? <span className="ind-muted">未说明理由</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
