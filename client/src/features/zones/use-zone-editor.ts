import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson'
import { isEditableInReview } from '../../../../server/src/domain/review-workflow.ts'
import type { MapClient } from '../../map/map-client'
import { ApiError, problemsOf } from '../../shared/api-client'
import { useDataChanged } from '../../shared/data-versions'
import { errorMessage } from '../../shared/error-message'
import { isPlotInOutline } from './plots-in-outline'
import { ZoneDraw } from './zone-draw'
import { areaM2, bboxOf, joinParts, partsOf, readOutline } from './zone-geometry'
import { zoneDetailOf, type ZoneDetail, type ZoneInput, type ZoneMonitoring, type ZoneSign } from './zone-types'
import { createZone, fetchZone, submitZone, updateZone } from './zones-api'

/** The tools of the zone editor: draw the outline, move its vertices, place signs. */
export type ZoneTool = 'none' | 'draw' | 'edit' | 'sign'

/** The editable fields of a zone. */
export interface ZoneFields extends ZoneMonitoring {
  name: string
  adcode: string
  plotIds: number[]
  signs: ZoneSign[]
  announcementNo: string
  announcementDate: string
  announcementText: string
}

/** A message after an action. */
export interface ZoneMessage {
  kind: 'ok' | 'error'
  text: string
}

/** Options of {@link useZoneEditor}. */
export interface ZoneEditorOptions {
  client: MapClient | null
  /** The 管控区域 tab is shown (tools work only then). */
  isActive: boolean
}

const EMPTY_FIELDS: Omit<ZoneFields, 'adcode'> = {
  name: '',
  plotIds: [],
  signs: [],
  announcementNo: '',
  announcementDate: '',
  announcementText: '',
  monitorSoil: true,
  monitorSurfaceWater: false,
  monitorGroundwater: true,
  monitorAir: false,
}

/** Signs in amber; a refused sign gets a red problem point on top. */
const SIGN_COLOR = '#ef6c00'

function fieldsOf(zone: ZoneDetail): ZoneFields {
  return {
    name: zone.name,
    adcode: zone.adcode,
    plotIds: zone.plots.map((p) => p.id),
    signs: zone.signs,
    announcementNo: zone.announcementNo ?? '',
    announcementDate: zone.announcementDate ?? '',
    announcementText: zone.announcementText ?? '',
    monitorSoil: zone.monitorSoil,
    monitorSurfaceWater: zone.monitorSurfaceWater,
    monitorGroundwater: zone.monitorGroundwater,
    monitorAir: zone.monitorAir,
  }
}

function bodyOf(fields: ZoneFields, geometry: Polygon | MultiPolygon): ZoneInput {
  return {
    name: fields.name.trim(),
    adcode: fields.adcode,
    geometry,
    plotIds: fields.plotIds,
    signs: fields.signs.map((s) => ({ label: s.label.trim() || '标识', lon: s.lon, lat: s.lat })),
    announcementNo: fields.announcementNo.trim(),
    announcementDate: fields.announcementDate || null,
    announcementText: fields.announcementText.trim(),
    monitorSoil: fields.monitorSoil,
    monitorSurfaceWater: fields.monitorSurfaceWater,
    monitorGroundwater: fields.monitorGroundwater,
    monitorAir: fields.monitorAir,
  }
}

/** The vector tile source (and layer) of the contaminated plots. */
const PLOT_SOURCE = 'contaminated-plot'

/** Every position of a polygon or multipolygon. */
function positionsOf(geometry: Geometry): Position[] {
  if (geometry.type === 'Polygon') return geometry.coordinates.flat()
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat(2)
  return []
}

/** Where the problems of a refused save lie (e.g. a sign too far from the zone), to mark them on the map. */
function problemLocations(error: unknown): [number, number][] {
  return problemsOf(error)
    .map((p) => p.location as unknown)
    .filter((l): l is [number, number] => Array.isArray(l) && l.length === 2 && l.every((n) => typeof n === 'number'))
}

/** The area of an outline, or null without one. */
function areaM2OrNull(outline: Polygon | MultiPolygon | null): number | null {
  return outline ? areaM2(outline) : null
}

/**
 * The control-zone editor: the zone open (new or saved), its outline in terra-draw (drawn, uploaded, edited),
 * signs placed by clicking on the map, the form fields, saving and submitting for review.
 */
export function useZoneEditor({ client, isActive }: ZoneEditorOptions) {
  const dataChanged = useDataChanged()
  const [zone, setZone] = useState<ZoneDetail | null>(null)
  const [isOpen, setOpen] = useState(false)
  const [fields, setFields] = useState<ZoneFields | null>(null)
  const [isDirty, setDirty] = useState(false)
  const [tool, setToolState] = useState<ZoneTool>('none')
  const [draw, setDraw] = useState<ZoneDraw | null>(null)
  const [revision, setRevision] = useState(0)
  const [uploaded, setUploaded] = useState<{ geometry: Polygon | MultiPolygon; crs?: unknown } | null>(null)
  const [message, setMessage] = useState<ZoneMessage | null>(null)
  const [isBusy, setBusy] = useState(false)
  const [problemPoints, setProblemPoints] = useState<[number, number][]>([])
  const pendingParts = useRef<Polygon[] | null>(null)
  const toolRef = useRef(tool)
  toolRef.current = tool

  useEffect(() => {
    if (!client || !isOpen || draw) return
    const created = new ZoneDraw(client.drawController(), {
      onChange: () => setRevision((n) => n + 1),
      onFinish: () => {
        setDirty(true)
        setToolState('edit')
      },
    })
    if (pendingParts.current) {
      const problem = created.load(pendingParts.current)
      if (problem) setMessage({ kind: 'error', text: problem })
      pendingParts.current = null
    }
    setDraw(created)
  }, [client, isOpen, draw])

  useEffect(() => () => draw?.destroy(), [draw])

  const effectiveTool: ZoneTool = isActive ? tool : 'none'
  useEffect(() => {
    draw?.setTool(effectiveTool === 'draw' ? 'polygon' : effectiveTool === 'edit' ? 'select' : 'static')
  }, [draw, effectiveTool])

  // revision counts the changes inside the draw store, which React cannot see
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const parts = useMemo(() => draw?.parts() ?? [], [draw, revision])
  const geometry: Polygon | MultiPolygon | null = parts.length ? joinParts(parts) : (uploaded?.geometry ?? null)
  const liveAreaM2 = parts.length ? areaM2(joinParts(parts)) : null

  useEffect(() => {
    if (!client || effectiveTool !== 'sign') return
    return client.onMapClick(([lon, lat]) => {
      setFields((f) => (f ? { ...f, signs: [...f.signs, { label: `警示标识 ${f.signs.length + 1}`, lon, lat }] } : f))
      setDirty(true)
    })
  }, [client, effectiveTool])

  useEffect(() => {
    if (!client) return
    const features: Feature[] = (fields?.signs ?? []).map((s) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
      properties: { kind: 'selected', color: SIGN_COLOR },
    }))
    if (uploaded && !parts.length)
      features.push({ type: 'Feature', geometry: uploaded.geometry, properties: { kind: 'preview' } })
    for (const at of problemPoints)
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: at },
        properties: { kind: 'problem-point' },
      })
    client.setOverlay(
      'zone-editor',
      features.length ? ({ type: 'FeatureCollection', features } as FeatureCollection) : null,
    )
  }, [client, fields?.signs, uploaded, parts.length, problemPoints])

  useEffect(() => {
    client?.hideFeatures('control-zone', isOpen && zone && isEditableInReview(zone.reviewStatus) ? [zone.id] : [])
  }, [client, isOpen, zone])

  const fitTo = useCallback(
    (target: Polygon | MultiPolygon) => {
      if (!client) return
      const [w, s, e, n] = bboxOf(target)
      const pad = 0.0005
      client.fitBbox([w - pad, s - pad, e + pad, n + pad], { maxZoom: 17, animate: true })
    },
    [client],
  )

  const loadOutline = useCallback(
    (target: Polygon | MultiPolygon) => {
      if (draw) {
        const problem = draw.load(partsOf(target))
        if (problem) setMessage({ kind: 'error', text: problem })
      } else {
        pendingParts.current = partsOf(target)
      }
      setRevision((n) => n + 1)
    },
    [draw],
  )

  /** Opens an empty form for a new zone in `adcode`. */
  const openNew = useCallback(
    (adcode: string) => {
      draw?.clear()
      pendingParts.current = null
      setZone(null)
      setUploaded(null)
      setFields({ ...EMPTY_FIELDS, adcode })
      setDirty(false)
      setMessage(null)
      setToolState('draw')
      setOpen(true)
    },
    [draw],
  )

  /** Opens a saved zone: loads it, puts its outline into the editor and moves the map to it. */
  const openZone = useCallback(
    async (id: number, notice: ZoneMessage | null = null) => {
      setMessage(notice)
      try {
        const loaded = zoneDetailOf(await fetchZone(id))
        setZone(loaded)
        setFields(fieldsOf(loaded))
        setUploaded(null)
        setDirty(false)
        setToolState('none')
        setOpen(true)
        if (isEditableInReview(loaded.reviewStatus)) loadOutline(loaded.geometry)
        else draw?.clear()
        fitTo(loaded.geometry)
      } catch (error) {
        setMessage({ kind: 'error', text: errorMessage(error, '管控区域加载失败') })
      }
    },
    [draw, loadOutline, fitTo],
  )

  const close = useCallback(() => {
    setProblemPoints([])
    draw?.clear()
    pendingParts.current = null
    setOpen(false)
    setZone(null)
    setFields(null)
    setUploaded(null)
    setToolState('none')
    setMessage(null)
  }, [draw])

  const update = useCallback((patch: Partial<ZoneFields>) => {
    setFields((f) => (f ? { ...f, ...patch } : f))
    setDirty(true)
  }, [])

  const setTool = useCallback(
    (next: ZoneTool) => {
      setMessage(null)
      if (next === 'draw') {
        draw?.clear()
        setUploaded(null)
        setRevision((n) => n + 1)
      }
      setToolState((current) => (current === next && next !== 'draw' ? 'none' : next))
    },
    [draw],
  )

  /** Reads an uploaded GeoJSON file as the outline. */
  const upload = useCallback(
    async (file: File) => {
      setMessage(null)
      const outline = readOutline(await file.text(), file.name)
      if (!outline.ok) return setMessage({ kind: 'error', text: outline.message })
      setToolState('none')
      setDirty(true)
      if (outline.isLonLat && outline.crs === undefined) {
        loadOutline(outline.geometry)
        setUploaded(null)
        fitTo(outline.geometry)
        setMessage({
          kind: 'ok',
          text: `已读取“${file.name}”：${partsOf(outline.geometry).length} 个面，可用“修改节点”调整`,
        })
        return
      }
      draw?.clear()
      setUploaded({ geometry: outline.geometry, crs: outline.crs })
      if (outline.isLonLat) fitTo(outline.geometry)
      setMessage({
        kind: 'ok',
        text: `已读取“${file.name}”：${partsOf(outline.geometry).length} 个面；坐标系将在保存时由服务器检查`,
      })
    },
    [draw, loadOutline, fitTo],
  )

  const removeSign = useCallback((index: number) => {
    setProblemPoints([])
    setFields((f) => (f ? { ...f, signs: f.signs.filter((_, i) => i !== index) } : f))
    setDirty(true)
  }, [])

  const renameSign = useCallback((index: number, label: string) => {
    setFields((f) => (f ? { ...f, signs: f.signs.map((s, i) => (i === index ? { ...s, label } : s)) } : f))
    setDirty(true)
  }, [])

  /** Saves the zone (new: POST; saved: PATCH with its version); returns the saved zone or null. */
  const save = useCallback(async (): Promise<ZoneDetail | null> => {
    if (!fields) return null
    if (!fields.name.trim()) {
      setMessage({ kind: 'error', text: '请填写管控区域名称' })
      return null
    }
    if (!geometry) {
      setMessage({ kind: 'error', text: '请先在地图上绘制或上传管控区域范围' })
      return null
    }
    setBusy(true)
    setMessage(null)
    setProblemPoints([])
    try {
      const shape =
        uploaded && !parts.length && uploaded.crs !== undefined ? { ...geometry, crs: uploaded.crs } : geometry
      const body = bodyOf(fields, shape as Polygon | MultiPolygon)
      const answer = zone ? await updateZone(zone.id, { ...body, version: zone.version }) : await createZone(body)
      const saved = zoneDetailOf(answer)
      setZone(saved)
      setFields(fieldsOf(saved))
      setDirty(false)
      setToolState('none')
      setMessage({ kind: 'ok', text: `已保存管控区域 ${saved.code}（第 ${saved.version} 版）` })
      dataChanged('zones', 'reviews')
      return saved
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error, '保存失败') })
      setProblemPoints(problemLocations(error))
      return null
    } finally {
      setBusy(false)
    }
  }, [fields, geometry, uploaded, parts.length, zone, dataChanged])

  /** Saves pending changes, then submits the zone for review (审定). */
  const submit = useCallback(async () => {
    const current = isDirty || !zone ? await save() : zone
    if (!current) return
    setBusy(true)
    try {
      const review = await submitZone(current.id, current.version)
      const next = {
        ...current,
        reviewStatus: review.status,
        reviewStatusName: review.statusName,
        version: review.version,
      }
      setZone(next)
      draw?.clear()
      setToolState('none')
      setMessage({ kind: 'ok', text: `管控区域 ${current.code} 已提交审定，等待审定人审定` })
      dataChanged('zones', 'reviews')
    } catch (error) {
      const failure: ZoneMessage = { kind: 'error', text: errorMessage(error, '提交失败') }
      setMessage(failure)
      if (error instanceof ApiError && error.code === 'CONFLICT') void openZone(current.id, failure)
    } finally {
      setBusy(false)
    }
  }, [isDirty, zone, save, draw, dataChanged, openZone])

  /** Of the given plots, those drawn on the map whose every vertex lies in the outline (a hint; the server decides). */
  const plotsInOutline = useCallback(
    (ids: readonly number[]): Set<number> => {
      if (!client || !geometry) return new Set()
      const vertices = new Map<number, Position[]>()
      for (const f of client.loadedFeatures(PLOT_SOURCE)) {
        const id = Number(f.id)
        if (!ids.includes(id)) continue
        vertices.set(id, [...(vertices.get(id) ?? []), ...positionsOf(f.geometry as Geometry)])
      }
      return new Set([...vertices].filter(([, v]) => isPlotInOutline(v, geometry)).map(([id]) => id))
    },
    [client, geometry],
  )

  const isEditable = isOpen && (!zone || isEditableInReview(zone.reviewStatus))
  return {
    zone,
    isOpen,
    isEditable,
    fields,
    isDirty,
    tool,
    geometry,
    liveAreaM2: liveAreaM2 ?? areaM2OrNull(geometry ?? zone?.geometry ?? null),
    isDrawing: tool === 'draw',
    isCapturingClicks: isActive && isOpen && tool !== 'none',
    message,
    isBusy,
    openNew,
    openZone,
    close,
    update,
    setTool,
    upload,
    removeSign,
    renameSign,
    save,
    submit,
    clearMessage: () => setMessage(null),
    plotsInOutline,
  }
}

/** The control-zone editor of {@link useZoneEditor}. */
export type ZoneEditor = ReturnType<typeof useZoneEditor>
