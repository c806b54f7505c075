import { useEffect, useState } from 'react'
import type { SitingCheckRecord, SitingReference } from '@contracts/siting'
import { isAbortError, problemsOf } from '../../shared/api-client'
import { errorMessage } from '../../shared/error-message'
import { bboxOf } from '../../shared/geometry'
import type { Bbox, FeatureRef, LayerGroup } from '../../shared/api-types'
import { CheckLayout } from '../../shared/check/check-layout'
import { OutlineInput } from '../../shared/check/outline-input'
import { useCheckPage } from '../../shared/check/use-check-page'
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
  const page = useCheckPage<SitingCheckRecord>(canCheck, SITING_GROUPS)
  const { client, record, plot: site } = page
  const [reference, setReference] = useState<SitingReference | null>(null)
  const [projectName, setProjectName] = useState('')
  const [projectRef, setProjectRef] = useState('')
  const [industry, setIndustry] = useState('')
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [error, setError] = useState<string | null>(null)
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
    page.setRecord(next)
    page.setHighlight(null)
    page.setResultError(null)
    const siteBox = bboxOf(next.geometry)
    page.focusOn(siteBox, 16)
    const refs = next.reasons.map(featureRefOf).filter((r): r is FeatureRef => r !== null)
    const boxes = await Promise.all(refs.slice(0, 8).map((ref) => featureBox(ref).catch(() => null)))
    const found = boxes.filter((b): b is Bbox => b !== null)
    if (found.length) page.focusOn(unionBox([siteBox, ...found]), 16)
  }

  const check = async () => {
    const missing: FieldErrors = {}
    if (!site.outline) missing.geometry = '请先在地图上绘制、按编号选取或上传拟选址范围'
    if (!industry) missing.industry = '请选择拟建项目所属行业'
    setFieldErrors(missing)
    setError(null)
    if (!site.outline || Object.keys(missing).length) return
    page.setBusy(true)
    try {
      const created = await createSitingCheck({
        geometry: site.outline,
        industry,
        projectName: projectName.trim(),
        reference: projectRef.trim() || undefined,
      })
      page.markChecked(site.outline)
      void show(created)
      page.bumpList()
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
      page.setBusy(false)
    }
  }

  const open = async (id: number) => {
    page.setResultError(null)
    try {
      site.clear()
      await show(await fetchSitingCheck(id))
    } catch (e) {
      page.setResultError(errorMessage(e, '选址核查记录加载失败'))
    }
  }

  return (
    <CheckLayout
      title="建设项目选址核查"
      checkTab="选址核查"
      testIdPrefix="siting"
      canCheck={canCheck}
      page={page}
      form={
        <SitingForm
          hidden={page.tab !== 'check'}
          outline={
            <OutlineInput
              plot={site}
              noun="选址范围"
              testIdPrefix="siting"
              checkedArea={page.checkedArea}
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
          isBusy={page.isBusy}
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
      }
      records={
        <SitingRecords
          activeId={record?.id ?? null}
          listVersion={page.listVersion}
          industries={reference?.industries ?? []}
          onOpen={(id) => void open(id)}
        />
      }
      sideError={page.resultError}
      verdict={
        record && (
          <SitingVerdict
            record={record}
            onLocate={(r) => void page.locate(featureRefOf(r), featureBox)}
            onClose={() => {
              page.setRecord(null)
              page.setHighlight(null)
              if (canCheck) page.setTab('check')
            }}
          />
        )
      }
      legend={<MapLegend groups={page.groups} />}
    />
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
