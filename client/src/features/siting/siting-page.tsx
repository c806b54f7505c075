import { useCallback, useEffect, useState } from 'react'
import type { SitingCheckRecord, SitingReason, SitingReference } from '@contracts/siting'
import type { MapClient } from '../../map/map-client'
import { MapView } from '../../map/map-view'
import { isAbortError, problemsOf } from '../../shared/api-client'
import { errorMessage } from '../../shared/error-message'
import { bboxOf } from '../../shared/geometry'
import type { BasemapChoice, Bbox, FeatureRef, LayerGroup, MapFocus } from '../../shared/api-types'
import { OutlineInput } from '../../shared/check/outline-input'
import { usePlotOutline } from '../../shared/check/use-plot-outline'
import '../../shared/check/check.css'
import {
  SITING_GROUPS,
  createSitingCheck,
  featureBox,
  featureRefOf,
  fetchSitingCheck,
  fetchSitingReference,
} from './siting-api'
import { SitingForm, type FieldErrors } from './siting-form'
import { SitingRecords } from './siting-records'
import { SitingVerdict } from './siting-verdict'
import './siting.css'

/** Props of {@link SitingPage}. */
export interface SitingPageProps {
  /** Officers holding the right check; others read the records. */
  canCheck: boolean
}

const SITE_OVERLAY = 'siting-site'
const SITE_COLOR = '#0d47a1'
const NO_BASEMAP: BasemapChoice = { kind: 'none' }
/** Room kept free for the verdict panel (right) when the map moves to a site. */
const RESULT_PADDING: MapFocus['padding'] = { top: 60, left: 60, right: 640, bottom: 60 }
/** The fields of the form a server problem can name; any other problem shows under the 核查 button. */
const FORM_FIELDS = ['geometry', 'projectName', 'reference', 'industry'] as const

/** The smallest box holding every box. */
function unionBox(boxes: Bbox[]): Bbox {
  return boxes.reduce((a, b) => [
    Math.min(a[0], b[0]),
    Math.min(a[1], b[1]),
    Math.max(a[2], b[2]),
    Math.max(a[3], b[3]),
  ])
}

/**
 * 建设项目选址核查: the site (drawn, picked or uploaded), the project and its industry on the left, the map of the
 * site and the features near it in the middle, the verdict with its reasons and the nearest monitoring results on
 * the right; 核查记录 lists the earlier siting checks, each can be reopened and downloaded as PDF.
 */
export function SitingPage({ canCheck }: SitingPageProps) {
  const [client, setClient] = useState<MapClient | null>(null)
  const [visibility, setVisibility] = useState<Record<string, boolean>>({})
  const [tab, setTab] = useState<'check' | 'records'>(canCheck ? 'check' : 'records')
  const [reference, setReference] = useState<SitingReference | null>(null)
  const [projectName, setProjectName] = useState('')
  const [projectRef, setProjectRef] = useState('')
  const [industry, setIndustry] = useState('')
  const [record, setRecord] = useState<SitingCheckRecord | null>(null)
  const [isBusy, setBusy] = useState(false)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [error, setError] = useState<string | null>(null)
  const [resultError, setResultError] = useState<string | null>(null)
  const [focus, setFocus] = useState<MapFocus | null>(null)
  const [highlight, setHighlight] = useState<FeatureRef | null>(null)
  const [listVersion, setListVersion] = useState(0)
  const [checkedOutline, setCheckedOutline] = useState<SitingCheckRecord['geometry'] | null>(null)
  const site = usePlotOutline(canCheck ? client : null)
  const checkedArea =
    record && site.outline && site.outline === checkedOutline
      ? { areaM2: record.areaM2, areaMu: record.areaMu, number: record.number }
      : null

  const [groups, setGroups] = useState<LayerGroup[]>([])
  const onGroups = useCallback((next: LayerGroup[]) => {
    setGroups(next)
    setVisibility(
      Object.fromEntries(next.map((g) => [g.id, g.visible || (SITING_GROUPS as readonly string[]).includes(g.id)])),
    )
  }, [])
  const ignore = useCallback(() => undefined, [])
  const clearError = (field: keyof FieldErrors) => setFieldErrors(({ [field]: _gone, ...rest }) => rest)

  useEffect(() => {
    if (site.outline) setFieldErrors(({ geometry: _gone, ...rest }) => rest)
  }, [site.outline])

  useEffect(() => {
    const controller = new AbortController()
    fetchSitingReference(controller.signal)
      .then(setReference)
      .catch((e: unknown) => {
        if (!isAbortError(e)) setError(errorMessage(e, '行业名单加载失败，请刷新页面'))
      })
    return () => controller.abort()
  }, [])

  useEffect(() => {
    if (!client) return
    client.setOverlay(
      SITE_OVERLAY,
      record
        ? {
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                geometry: record.geometry,
                properties: { kind: 'selected', color: SITE_COLOR, name: record.number },
              },
            ],
          }
        : null,
    )
  }, [client, record])

  /** Shows a check and moves the map to the site and every feature its reasons name. */
  const show = async (next: SitingCheckRecord) => {
    setRecord(next)
    setHighlight(null)
    setResultError(null)
    const siteBox = bboxOf(next.geometry)
    setFocus({ bbox: siteBox, maxZoom: 16, padding: RESULT_PADDING })
    const refs = next.reasons.map(featureRefOf).filter((r): r is FeatureRef => r !== null)
    const boxes = await Promise.all(refs.slice(0, 8).map((ref) => featureBox(ref).catch(() => null)))
    const found = boxes.filter((b): b is Bbox => b !== null)
    if (found.length) setFocus({ bbox: unionBox([siteBox, ...found]), maxZoom: 16, padding: RESULT_PADDING })
  }

  const check = async () => {
    const missing: FieldErrors = {}
    if (!site.outline) missing.geometry = '请先在地图上绘制、按编号选取或上传拟选址范围'
    if (!industry) missing.industry = '请选择拟建项目所属行业'
    setFieldErrors(missing)
    setError(null)
    if (!site.outline || Object.keys(missing).length) return
    setBusy(true)
    try {
      const created = await createSitingCheck({
        geometry: site.outline,
        industry,
        projectName: projectName.trim(),
        reference: projectRef.trim() || undefined,
      })
      setCheckedOutline(site.outline)
      site.setTool('static')
      void show(created)
      setListVersion((n) => n + 1)
    } catch (e) {
      const byField: FieldErrors = {}
      const rest: string[] = []
      for (const p of problemsOf(e)) {
        const field = FORM_FIELDS.find((f) => f === p.field)
        if (field) byField[field] = byField[field] ? `${byField[field]}；${p.message}` : p.message
        else rest.push(p.message)
      }
      setFieldErrors(byField)
      if (rest.length || !Object.keys(byField).length)
        setError(rest.length ? rest.join('；') : errorMessage(e, '核查失败，请稍后重试'))
    } finally {
      setBusy(false)
    }
  }

  const open = async (id: number) => {
    setResultError(null)
    try {
      site.clear()
      await show(await fetchSitingCheck(id))
    } catch (e) {
      setResultError(errorMessage(e, '选址核查记录加载失败'))
    }
  }

  const locate = async (reason: SitingReason) => {
    const ref = featureRefOf(reason)
    if (!ref) return
    setHighlight(ref)
    try {
      setFocus({ bbox: await featureBox(ref), maxZoom: 17, padding: RESULT_PADDING })
    } catch (e) {
      console.warn('要素定位失败', e)
    }
  }

  return (
    <div className="check-layout">
      <aside className="check-side" aria-label="建设项目选址核查">
        <div className="side-tabs" role="tablist" aria-label="建设项目选址核查">
          {canCheck && (
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'check'}
              className={`side-tabs__tab${tab === 'check' ? ' side-tabs__tab--active' : ''}`}
              onClick={() => setTab('check')}
              data-testid="siting-tab-check"
            >
              选址核查
            </button>
          )}
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'records'}
            className={`side-tabs__tab${tab === 'records' ? ' side-tabs__tab--active' : ''}`}
            onClick={() => setTab('records')}
            data-testid="siting-tab-records"
          >
            核查记录
          </button>
        </div>
        <div className="check-side__body">
          {canCheck && (
            <SitingForm
              hidden={tab !== 'check'}
              outline={
                <OutlineInput
                  plot={site}
                  noun="选址范围"
                  testIdPrefix="siting"
                  checkedArea={checkedArea}
                  onReference={(_ref, name) => {
                    if (name && !projectName.trim()) setProjectName(name)
                  }}
                />
              }
              reference={reference}
              projectName={projectName}
              projectRef={projectRef}
              industry={industry}
              fieldErrors={fieldErrors}
              error={error}
              isBusy={isBusy}
              onProjectName={(value) => {
                setProjectName(value)
                clearError('projectName')
              }}
              onProjectRef={(value) => {
                setProjectRef(value)
                clearError('reference')
              }}
              onIndustry={(value) => {
                setIndustry(value)
                clearError('industry')
              }}
              onSubmit={() => void check()}
            />
          )}
          {tab === 'records' && (
            <SitingRecords
              activeId={record?.id ?? null}
              listVersion={listVersion}
              industries={reference?.industries ?? []}
              onOpen={(id) => void open(id)}
            />
          )}
          {resultError && (
            <p className="form-error" role="alert">
              {resultError}
            </p>
          )}
        </div>
      </aside>
      <main className="check-map">
        <MapView
          visibility={visibility}
          basemap={NO_BASEMAP}
          focus={focus}
          highlight={highlight}
          onGroups={onGroups}
          onFeatureClick={ignore}
          onStatusSource={ignore}
          onClient={setClient}
        />
        {record && (
          <SitingVerdict
            record={record}
            onLocate={(r) => void locate(r)}
            onClose={() => {
              setRecord(null)
              setHighlight(null)
              if (canCheck) setTab('check')
            }}
          />
        )}
        <MapLegend groups={groups} />
      </main>
    </div>
  )
}

/** What the map of the siting check shows: the site, and the groups the check reads in their map colours. */
function MapLegend({ groups }: { groups: LayerGroup[] }) {
  const items = groups.filter((g) => (SITING_GROUPS as readonly string[]).includes(g.id)).flatMap((g) => g.legend)
  return (
    <div className="check-legend siting-legend" aria-label="图例" data-testid="siting-legend">
      <span>
        <i className="check-legend__swatch check-legend__swatch--plot" />
        拟选址范围
      </span>
      {items.map((item) => (
        <span key={item.label}>
          <i
            className={`siting-legend__swatch siting-legend__swatch--${item.kind}`}
            style={{
              borderColor: item.color,
              background: item.kind === 'line' ? 'transparent' : `color-mix(in srgb, ${item.color} 20%, transparent)`,
            }}
          />
          {item.label}
        </span>
      ))}
    </div>
  )
}
