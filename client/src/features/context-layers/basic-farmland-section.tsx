import type { CSSProperties } from 'react'
import type { Bbox } from '../../shared/api-types'
import { useLayerVersion } from '../../shared/data-versions'
import { classColor } from '../../shared/farmland-class'
import { formatAreaValue, formatCount } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import type { BasicFarmlandDisagreements } from '@contracts/basic-farmland'
import './context-layers.css'

/** Props of {@link BasicFarmlandSection}. */
export interface BasicFarmlandSectionProps {
  adcode: string
  /** Moves the map to a parcel's extent. */
  onLocate: (bbox: Bbox) => void
}

/**
 * 与永久基本农田对照: the county's published classes against its 永久基本农田 — 严格管控类 and 安全利用类 parcels inside
 * it first (to be looked at), then 优先保护类 parcels outside it (for information) — each with its area and 定位.
 */
export function BasicFarmlandSection({ adcode, onLocate }: BasicFarmlandSectionProps) {
  const version = useLayerVersion('parcels', 'classLists')
  const answer = useJson<BasicFarmlandDisagreements>(
    `/api/basic-farmland/disagreements?adcode=${adcode}`,
    version,
    '永久基本农田对照加载失败',
  )
  return (
    <section className="basic-farmland" aria-labelledby="basic-farmland-title" data-testid="basic-farmland-section">
      <h3 id="basic-farmland-title" className="class-panel__subtitle">
        与永久基本农田对照
      </h3>
      {answer.status === 'loading' && <p className="panel-note">正在加载…</p>}
      {answer.status === 'error' && (
        <p className="panel-note panel-note--error" role="alert">
          {answer.message}
        </p>
      )}
      {answer.status === 'done' && answer.data.basicFarmland.patches === 0 && (
        <p className="panel-note" data-testid="basic-farmland-empty">
          本区县尚无永久基本农田图斑，导入三调永久基本农田图层（YJJBNTTB）后可在此对照。
        </p>
      )}
      {answer.status === 'done' && answer.data.basicFarmland.patches > 0 && (
        <>
          <p className="panel-note">
            {answer.data.classesFrom}对照永久基本农田 {formatCount(answer.data.basicFarmland.patches)} 个图斑（
            {formatAreaValue(answer.data.basicFarmland.areaMu)} 亩）。依据：{answer.data.basis}
            ，优先保护类耕地应纳入永久基本农田。
          </p>
          {answer.data.kinds.map((kind) => {
            const rows = answer.data.parcels.filter((p) => p.kind === kind.kind)
            return (
              <div
                key={kind.kind}
                className="basic-farmland__kind"
                data-testid="basic-farmland-kind"
                data-kind={kind.kind}
              >
                <p className={kind.level === 'warning' && kind.count > 0 ? 'basic-farmland__warn' : 'panel-note'}>
                  {kind.name}：{formatCount(kind.count)} 个图斑，
                  {kind.kind === 'restricted_inside'
                    ? `位于永久基本农田内 ${formatAreaValue(kind.insideMu)} 亩`
                    : `共 ${formatAreaValue(kind.areaMu)} 亩（仅供参考）`}
                  {kind.shown < kind.count ? `；列出前 ${formatCount(kind.shown)} 个` : ''}
                </p>
                {rows.length > 0 && (
                  <div className="basic-farmland__table">
                    <table className="data-table basic-farmland__rows">
                      <thead>
                        <tr>
                          <th scope="col">图斑（类别 · 乡镇）</th>
                          <th scope="col">{kind.kind === 'restricted_inside' ? '在内/面积（亩）' : '面积（亩）'}</th>
                          <th scope="col" aria-label="定位" />
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((p) => (
                          <tr key={p.parcelId} title={p.message} data-testid="basic-farmland-row" data-code={p.code}>
                            <th scope="row">
                              <span
                                className="class-swatch"
                                style={{ '--class-color': classColor(p.farmlandClass) } as CSSProperties}
                                aria-hidden="true"
                              />
                              {p.code}
                              <span className="basic-farmland__class">
                                {p.className}
                                {p.township ? ` · ${p.township}` : ''}
                              </span>
                            </th>
                            <td className="num">
                              {p.kind === 'restricted_inside'
                                ? `${formatAreaValue(p.insideMu)}/${formatAreaValue(p.areaMu)}`
                                : formatAreaValue(p.areaMu)}
                            </td>
                            <td>
                              <button type="button" className="link-button" onClick={() => onLocate(p.bbox)}>
                                定位
                              </button>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </div>
            )
          })}
        </>
      )}
    </section>
  )
}
