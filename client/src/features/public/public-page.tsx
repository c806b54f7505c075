import { useCallback, useMemo, useState } from 'react'
import { MapView } from '../../map/map-view'
import type { FeatureRef, LayerGroup, MapFocus } from '../../shared/api-types'
import { PublicDetails, type PublicDetailsProps } from './public-details'
import { PublicLegend } from './public-legend'
import { CoverageList, PlotList, ZoneList } from './public-lists'
import { PublicBanZoneList } from './public-ban-zones'
import { PublicSearch } from './public-search'
import type { PublicControlZone, PublicCounty, PublicPlot, PublicSearchResult } from '@contracts/public'
import type { PublicSelection } from './public-types'
import { ReportForm } from './report-form'
import { ReportTrackingPanel } from './report-tracking'
import { usePublicData } from './use-public-data'
import './public.css'

type Tab = 'zones' | 'plots' | 'coverage' | 'about'

const TABS = [
  ['zones', '管控区域公告'],
  ['plots', '污染地块名录'],
  ['coverage', '监测覆盖'],
  ['about', '说明'],
] as const

const NO_VISIBILITY: Record<string, boolean> = {}
const NO_BASEMAP = { kind: 'none' } as const
const ZOOM = { plot: 15, 'control-zone': 14, county: 10, township: 12 } as const

const noop = () => {}

/** The width below which the report form is a sheet at the foot of the map (the same as in public.css). */
const SHEET_QUERY = '(max-width: 1100px)'

/** The county code of a county tile feature (its id is the code as a number). */
const adcodeOf = (id: number) => String(id).padStart(6, '0')

/**
 * The public map page (no login): published control zones with their announcements, the published registry,
 * county coverage of soil monitoring, search, and the report form (举报).
 */
export function PublicPage() {
  const data = usePublicData()
  const [tab, setTab] = useState<Tab>('zones')
  const [county, setCounty] = useState('all')
  const [groups, setGroups] = useState<LayerGroup[]>([])
  const [focus, setFocus] = useState<MapFocus | null>(null)
  const [selected, setSelected] = useState<PublicSelection | null>(null)
  const [isReporting, setReporting] = useState(false)
  const [isListOpen, setListOpen] = useState(false)
  const [reportAt, setReportAt] = useState<[number, number] | null>(null)
  const [tracking, setTracking] = useState<{ code: string } | null>(() => {
    const code = new URLSearchParams(window.location.search).get('track')
    return code ? { code } : null
  })

  const ready = data.status === 'ready' ? data : null
  const plots = useMemo(
    () => (ready ? ready.plots.filter((p) => county === 'all' || p.adcode === county) : []),
    [ready, county],
  )
  const zones = useMemo(
    () => (ready ? ready.zones.filter((z) => county === 'all' || z.adcode === county) : []),
    [ready, county],
  )
  const plotsByCode = useMemo(() => new Map((ready?.plots ?? []).map((p) => [p.code, p])), [ready])
  const coverage = useMemo(() => {
    if (!ready) return null
    const states = Object.fromEntries(
      ready.counties.map((c) => [Number(c.adcode), { covered: c.coverage.isCovered, points: c.coverage.points }]),
    )
    return ['county', 'county-label'].map((source) => ({ source, sourceLayer: source, states }))
  }, [ready])
  const hasSample = !!ready && (ready.plots.some((p) => p.isSample) || ready.zones.some((z) => z.isSample))

  const openPlot = useCallback((plot: PublicPlot, fly = true) => {
    setSelected({ kind: 'plot', id: plot.id })
    setTab('plots')
    setListOpen(false)
    if (fly) setFocus({ bbox: plot.bbox, maxZoom: ZOOM.plot })
  }, [])
  const openZone = useCallback((zone: PublicControlZone, fly = true) => {
    setSelected({ kind: 'control-zone', id: zone.id })
    setTab('zones')
    setListOpen(false)
    if (fly) setFocus({ bbox: zone.bbox, maxZoom: ZOOM['control-zone'] })
  }, [])
  const openCounty = useCallback((c: PublicCounty, fly = true) => {
    setSelected({ kind: 'county', adcode: c.adcode })
    setListOpen(false)
    if (fly) setFocus({ bbox: c.bbox, maxZoom: ZOOM.county })
  }, [])

  const onSearch = (result: PublicSearchResult) => {
    setFocus({ bbox: result.bbox, maxZoom: ZOOM[result.kind] })
    const plot = result.kind === 'plot' ? ready?.plots.find((p) => p.id === result.id) : undefined
    const zone = result.kind === 'control-zone' ? ready?.zones.find((z) => z.id === result.id) : undefined
    const found = result.kind === 'county' ? ready?.counties.find((c) => c.adcode === result.code) : undefined
    if (plot) openPlot(plot, false)
    else if (zone) openZone(zone, false)
    else if (found) openCounty(found, false)
  }

  const onFeatureClick = (ref: FeatureRef) => {
    if (isReporting || !ready) return
    if (ref.source === 'public-plot' || ref.source === 'public-plot-point') {
      const plot = ready.plots.find((p) => p.id === ref.id)
      if (plot) openPlot(plot, false)
    } else if (ref.source === 'public-control-zone') {
      const zone = ready.zones.find((z) => z.id === ref.id)
      if (zone) openZone(zone, false)
    } else if (ref.source === 'county') {
      const found = ready.counties.find((c) => c.adcode === adcodeOf(ref.id))
      if (found) {
        setTab('coverage')
        openCounty(found, false)
      }
    }
  }
  const onMapClick = (lngLat: [number, number]) => {
    if (isReporting) setReportAt(lngLat)
  }

  const details = ready && selected ? detailsOf(selected, ready.plots, ready.zones, ready.counties) : null
  const highlight: FeatureRef | null =
    !selected || isReporting
      ? null
      : selected.kind === 'plot'
        ? { source: 'public-plot', id: selected.id }
        : selected.kind === 'control-zone'
          ? { source: 'public-control-zone', id: selected.id }
          : { source: 'county', id: Number(selected.adcode) }

  return (
    <div className={`pub-page${isReporting ? ' pub-page--picking' : ''}`} data-testid="public-page">
      <header className="pub-header">
        <a className="pub-brand" href="/public">
          <svg className="pub-brand__mark" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="6" fill="#ffffff" fillOpacity="0.14" />
            <path d="M5 12c4-3 8-3 11 0s7 3 11 0v4c-4 3-8 3-11 0s-7-3-11 0z" fill="#9be3a4" />
            <path d="M5 19c4-3 8-3 11 0s7 3 11 0v4c-4 3-8 3-11 0s-7-3-11 0z" fill="#e0b774" />
          </svg>
          <span className="pub-brand__text">
            <h1 className="pub-brand__name">土壤环境信息公开</h1>
            <span className="pub-brand__sub">污染地块名录 · 管控区域公告 · 土壤监测覆盖</span>
          </span>
        </a>
        <PublicSearch onSelect={onSearch} />
        <div className="pub-header__actions">
          <button
            type="button"
            className="pub-report-button"
            data-testid="report-open"
            onClick={() => {
              setReporting(true)
              setTracking(null)
              setSelected(null)
              setListOpen(false)
            }}
          >
            我要举报
          </button>
          <button
            type="button"
            className="pub-track-button"
            data-testid="tracking-open"
            onClick={() => {
              setReporting(false)
              setReportAt(null)
              setTracking({ code: '' })
              setListOpen(false)
            }}
          >
            查询进度
          </button>
          <a className="pub-header__login" href="/login">
            工作人员登录
          </a>
        </div>
      </header>

      <nav
        className={`pub-side${isListOpen ? ' pub-side--open' : ''}${tab === 'about' ? ' pub-side--about' : ''}`}
        aria-label="公开信息"
      >
        <label className="pub-county">
          <span>区县</span>
          <select
            value={county}
            data-testid="public-county-select"
            onChange={(event) => {
              setCounty(event.target.value)
              const c = ready?.counties.find((x) => x.adcode === event.target.value)
              setFocus(
                c
                  ? { bbox: c.bbox, maxZoom: ZOOM.county }
                  : ready?.extent
                    ? { bbox: ready.extent, maxZoom: ZOOM.county }
                    : null,
              )
            }}
          >
            <option value="all">全部区县</option>
            {ready?.counties.map((c) => (
              <option key={c.adcode} value={c.adcode}>
                {c.city} {c.name}
              </option>
            ))}
          </select>
        </label>
        <div className="pub-tabs" role="tablist">
          {TABS.map(([id, label]) => {
            const count = id === 'zones' ? zones.length : id === 'plots' ? plots.length : null
            return (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={tab === id}
                className={`pub-tab pub-tab--${id}${tab === id ? ' pub-tab--on' : ''}`}
                data-testid={`public-tab-${id}`}
                onClick={() => {
                  setListOpen(!(isListOpen && tab === id))
                  setTab(id)
                }}
              >
                {label}
                {count !== null && <span className="pub-tab__count">{count}</span>}
              </button>
            )
          })}
          <button
            type="button"
            className="pub-side__fold"
            aria-label="收起列表"
            title="收起列表"
            data-testid="public-list-fold"
            onClick={() => setListOpen(false)}
          >
            ▾
          </button>
        </div>
        <div className="pub-side__content">
          {data.status === 'loading' && <p className="pub-empty">正在加载公开信息…</p>}
          {data.status === 'error' && (
            <p className="pub-notice pub-notice--error" role="alert">
              {data.message}
            </p>
          )}
          {ready && tab === 'zones' && <ZoneList zones={zones} selected={selected} onSelect={openZone} />}
          {ready && tab === 'zones' && (
            <PublicBanZoneList county={county} onLocate={(bbox) => setFocus({ bbox, maxZoom: ZOOM['control-zone'] })} />
          )}
          {ready && tab === 'plots' && <PlotList plots={plots} selected={selected} onSelect={openPlot} />}
          {ready && tab === 'coverage' && (
            <CoverageList
              counties={ready.counties.filter((c) => county === 'all' || c.adcode === county)}
              onSelect={openCounty}
            />
          )}
        </div>
        <footer className="pub-side__footer">
          <p className="pub-disclaimer" data-testid="public-disclaimer">
            <strong>说明：</strong>
            本平台仅公开经审定发布的信息。未列入疑似污染地块名单、污染地块名录或建设用地土壤污染风险管控和修复名录的地块，并不代表该地块不存在土壤污染。如发现疑似污染情况，欢迎点击“我要举报”反映。
          </p>
          {hasSample && (
            <p className="pub-sample-note">演示系统：地块、管控区域及监测数据均为程序生成的示例，非真实信息。</p>
          )}
        </footer>
      </nav>

      <main className="pub-map">
        <MapView
          styleUrl="/public/style.json"
          extentUrl="/api/public/counties"
          visibility={NO_VISIBILITY}
          basemap={NO_BASEMAP}
          focus={focus}
          highlight={highlight}
          marker={isReporting ? reportAt : null}
          featureStates={coverage}
          onGroups={setGroups}
          onFeatureClick={onFeatureClick}
          onMapClick={onMapClick}
          onStatusSource={noop}
        />
        {isReporting && !reportAt && (
          <div className="pub-pick-hint" role="status">
            请在地图上点击疑似污染的位置
          </div>
        )}
        <PublicLegend groups={groups} />
        {isReporting ? (
          <ReportForm
            location={reportAt}
            counties={ready?.counties ?? []}
            onLocated={(at) => {
              setReportAt(at)
              setFocus(pointFocus(at))
            }}
            onClose={() => {
              setReporting(false)
              setReportAt(null)
            }}
            onSubmitted={noop}
            onTrack={(code) => {
              setReporting(false)
              setReportAt(null)
              setTracking({ code })
            }}
          />
        ) : tracking ? (
          <ReportTrackingPanel key={tracking.code} initialCode={tracking.code} onClose={() => setTracking(null)} />
        ) : (
          details && (
            <PublicDetails
              item={details}
              plotsByCode={plotsByCode}
              onOpenPlot={openPlot}
              onLocate={() => setFocus(focusOf(details))}
              onClose={() => setSelected(null)}
            />
          )
        )}
      </main>
    </div>
  )
}

function detailsOf(
  selected: PublicSelection,
  plots: PublicPlot[],
  zones: PublicControlZone[],
  counties: PublicCounty[],
): PublicDetailsProps['item'] | null {
  if (selected.kind === 'plot') {
    const plot = plots.find((p) => p.id === selected.id)
    return plot ? { kind: 'plot', plot } : null
  }
  if (selected.kind === 'control-zone') {
    const zone = zones.find((z) => z.id === selected.id)
    return zone ? { kind: 'control-zone', zone } : null
  }
  const county = counties.find((c) => c.adcode === selected.adcode)
  return county ? { kind: 'county', county } : null
}

/** The view of a point found by the device's location: close in, clear of the report form over the map. */
function pointFocus([lon, lat]: [number, number]): MapFocus {
  const isSheet = window.matchMedia(SHEET_QUERY).matches
  const d = 0.0005
  return {
    bbox: [lon - d, lat - d, lon + d, lat + d],
    maxZoom: ZOOM.plot,
    padding: isSheet
      ? { top: 40, right: 40, bottom: Math.round(window.innerHeight * 0.55), left: 40 }
      : { top: 40, right: 420, bottom: 40, left: 40 },
  }
}

function focusOf(item: PublicDetailsProps['item']): MapFocus {
  if (item.kind === 'plot') return { bbox: item.plot.bbox, maxZoom: ZOOM.plot }
  if (item.kind === 'control-zone') return { bbox: item.zone.bbox, maxZoom: ZOOM['control-zone'] }
  return { bbox: item.county.bbox, maxZoom: ZOOM.county }
}
