import { useEffect, useMemo, useState } from 'react'
import type { LayerGroup, MapFocus } from '../../shared/api-types'
import { formatShare } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import { MapView } from '../../map/map-view'
import type { MapClient } from '../../map/map-client'
import { COVERAGE_MAP_COLORS, pointsOverlay, proposalsOverlay, uncoveredOverlay } from './coverage-map-data'
import type { CountyCoverage, GapResponse } from '@contracts/coverage'
import { coveragePath, coveragePointsPath, townshipCoveragePath, uncoveredPath } from './coverage-api'
import { CountyTable } from './county-table'
import { GapPanel } from './gap-panel'
import { TownshipTable } from './township-table'
import './coverage.css'

/** Props of {@link CoveragePage}. */
export interface CoveragePageProps {
  /** Environment officers accept gap proposals as planned points. */
  canAccept: boolean
}

/** Only the counties drawn (published plots and zones of the public style are hidden here). */
const VISIBILITY: Record<string, boolean> = { 'public-plot': false, 'public-control-zone': false }
const NO_BASEMAP = { kind: 'none' } as const
const noop = () => {}

const LEGEND: { label: string; color: string; shape: 'fill' | 'dot' }[] = [
  { label: '已覆盖区县', color: '#8fd19e', shape: 'fill' },
  { label: '未覆盖区县', color: '#f4a582', shape: 'fill' },
  { label: '未覆盖耕地', color: COVERAGE_MAP_COLORS.uncovered, shape: 'fill' },
  { label: '国控点位', color: COVERAGE_MAP_COLORS.national, shape: 'dot' },
  { label: '省控点位', color: COVERAGE_MAP_COLORS.provincial, shape: 'dot' },
  { label: '市控点位', color: COVERAGE_MAP_COLORS.city, shape: 'dot' },
  { label: '县控点位', color: COVERAGE_MAP_COLORS.county, shape: 'dot' },
  { label: '规划点位', color: COVERAGE_MAP_COLORS.planned, shape: 'dot' },
  { label: '缺口分析建议', color: COVERAGE_MAP_COLORS.proposal, shape: 'dot' },
]

/**
 * 监测覆盖: each county of the scope against the coverage rule (why it is or is not covered), points by level
 * and type, farmland per point and the farmland no active point reaches; a county's townships, its map (uncovered
 * farmland, points by level, planned points) and the gap analysis.
 */
export function CoveragePage({ canAccept }: CoveragePageProps) {
  const [reloads, setReloads] = useState(0)
  const [selected, setSelected] = useState<string | null>(null)
  const [focus, setFocus] = useState<MapFocus | null>(null)
  const [client, setClient] = useState<MapClient | null>(null)
  const [gaps, setGaps] = useState<GapResponse | null>(null)
  /** Ranks of the shown proposals already accepted: drawn as planned points, no longer as proposals. */
  const [acceptedRanks, setAcceptedRanks] = useState<number[]>([])
  const [, setGroups] = useState<LayerGroup[]>([])

  const coverage = useJson(coveragePath, reloads, '监测覆盖数据加载失败')
  const data = coverage.status === 'done' ? coverage.data : null
  const county = data?.counties.find((c) => c.adcode === selected) ?? null
  const townships = useJson(selected ? townshipCoveragePath(selected) : null, reloads, '乡镇覆盖数据加载失败')
  const uncovered = useJson(selected ? uncoveredPath(selected) : null, reloads, '未覆盖耕地加载失败')
  const points = useJson(selected ? coveragePointsPath(selected) : null, reloads, '点位加载失败')

  useEffect(() => {
    if (!selected && data?.counties.length) setSelected(data.counties[0].adcode)
  }, [data, selected])

  const featureStates = useMemo(() => {
    if (!data) return null
    const states = Object.fromEntries(data.counties.map((c) => [Number(c.adcode), { covered: c.isCovered }]))
    return ['county', 'county-label'].map((source) => ({ source, sourceLayer: source, states }))
  }, [data])

  const uncoveredData = uncovered.status === 'done' ? uncovered.data : null
  const pointsData = points.status === 'done' ? points.data : null
  useEffect(() => client?.setOverlay('coverage-uncovered', uncoveredOverlay(uncoveredData)), [client, uncoveredData])
  useEffect(() => client?.setOverlay('coverage-points', pointsOverlay(pointsData)), [client, pointsData])
  useEffect(() => {
    const shown = gaps?.adcode === selected ? gaps.proposals.filter((p) => !acceptedRanks.includes(p.rank)) : null
    client?.setOverlay('coverage-proposals', proposalsOverlay(shown))
  }, [client, gaps, selected, acceptedRanks])

  const choose = (c: CountyCoverage) => {
    setSelected(c.adcode)
    setFocus({ bbox: c.bbox, maxZoom: 11 })
    if (gaps?.adcode !== c.adcode) setGaps(null)
  }

  return (
    <main className="cov-page" data-testid="coverage-page">
      <section className="cov-side">
        <header className="cov-head">
          <h2 className="cov-title">土壤环境监测网络覆盖</h2>
          {data && (
            <p className="cov-note" data-testid="coverage-rule">
              覆盖规则：{data.settings.rule}。耕地口径：{data.settings.farmlandName}。{data.settings.note}
              。以上均为本地设置，非国家标准，可由系统管理员在服务器配置中调整（部署说明“监测覆盖”一节列出各项）。
            </p>
          )}
        </header>
        {coverage.status === 'loading' && <p className="panel-note">正在加载…</p>}
        {coverage.status === 'error' && (
          <p className="notice notice--error" role="alert">
            {coverage.message}
          </p>
        )}
        {data && (
          <>
            <ul className="cov-rollup" data-testid="coverage-rollup">
              {[...data.provinces, ...data.cities].map((r) => (
                <li key={r.code}>
                  <strong>{r.name}</strong>：已覆盖 {r.covered}/{r.counties} 个区县（{formatShare(r.coveredShare)}）
                </li>
              ))}
            </ul>
            <CountyTable counties={data.counties} selected={selected} onSelect={choose} />
          </>
        )}
        {county && (
          <>
            <section className="cov-card">
              <h3 className="cov-card__title">{county.name}：判定依据</h3>
              <ul className="cov-checks" data-testid="coverage-checks">
                {county.checks.map((c) => (
                  <li
                    key={c.message}
                    className={c.isDeciding ? (c.isMet ? 'cov-check--ok' : 'cov-check--no') : 'cov-check--info'}
                    title={c.basis}
                  >
                    {c.isDeciding ? (c.isMet ? '✓ ' : '✗ ') : 'ⓘ '}
                    {c.message}
                  </li>
                ))}
              </ul>
              {uncoveredData?.message && <p className="notice">{uncoveredData.message}</p>}
            </section>
            <section className="cov-card">
              <h3 className="cov-card__title">{county.name}：各乡镇（街道）</h3>
              {townships.status === 'done' ? (
                <TownshipTable townships={townships.data.townships} />
              ) : (
                <p className="panel-note">正在加载…</p>
              )}
            </section>
            <GapPanel
              key={county.adcode}
              adcode={county.adcode}
              countyName={county.name}
              canAccept={canAccept}
              result={gaps?.adcode === county.adcode ? gaps : null}
              onResult={(r) => {
                setGaps(r)
                setAcceptedRanks([])
              }}
              onAccepted={(_answer, proposal) => {
                setAcceptedRanks((ranks) => [...ranks, proposal.rank])
                setReloads((n) => n + 1)
              }}
            />
          </>
        )}
      </section>
      <section className="cov-map">
        <MapView
          styleUrl="/public/style.json"
          visibility={VISIBILITY}
          basemap={NO_BASEMAP}
          focus={focus}
          highlight={null}
          featureStates={featureStates}
          onGroups={setGroups}
          onFeatureClick={noop}
          onStatusSource={noop}
          onClient={setClient}
        />
        <div className="cov-legend" data-testid="coverage-legend">
          {LEGEND.map((l) => (
            <span key={l.label} className="cov-legend__item">
              <span className={`cov-legend__swatch cov-legend__swatch--${l.shape}`} style={{ background: l.color }} />
              {l.label}
            </span>
          ))}
        </div>
      </section>
    </main>
  )
}
