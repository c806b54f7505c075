import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson'
import type { MapClient } from '../../map/map-client'
import { ApiError, problemsOf } from '../../shared/api-client'
import { useDataChanged } from '../../shared/data-versions'
import { errorMessage } from '../../shared/error-message'
import type { Bbox, FeatureRef } from '../../shared/api-types'
import type { ParcelAttributes, ParcelConflict, ParcelFeature, ParcelProblem } from '@contracts/editing'
import { fetchParcel, fetchParcelsIn, saveChanges } from './editing-api'
import {
  EMPTY_SESSION,
  editedParcelIds,
  pendingItems,
  withDeletedParcel,
  withDraft,
  withDraftAttributes,
  withOpenedParcel,
  withParcelAttributes,
  withoutDraft,
  withoutParcel,
  type EditSession,
  type PendingItem,
} from './edit-session'
import { EDIT_MODE, LINE_MODE, ParcelDraw, type DrawTool, type StoreId } from './parcel-draw'
import { areaM2, bboxOf, growBbox, overlay } from './parcel-geometry'
import { usePendingCheck, type CheckState } from './use-pending-check'

/** Zoom from which parcels may be edited. */
export const MIN_EDIT_ZOOM = 15
/** Neighbours within this many metres of an edited parcel go into the drawing store. */
const NEIGHBOUR_BUFFER_M = 50
/** Half the side of the box of parcels loaded as snapping targets while drawing (the server allows 0.05°). */
const VIEW_HALF_DEGREES = 0.024

/** The tools of the edit toolbar. */
export type EditTool = 'none' | 'select' | 'draw' | 'split' | 'merge' | 'delete'

const DRAW_TOOL: Record<EditTool, DrawTool> = {
  none: 'static',
  select: 'select',
  draw: 'polygon',
  split: 'static',
  merge: 'static',
  delete: 'static',
}

/** What the attribute form edits: a new parcel or an existing one. */
export type AttributeTarget = { kind: 'draft'; storeId: StoreId } | { kind: 'parcel'; parcelId: number }

/** A message after an action: done or failed. */
export interface EditMessage {
  kind: 'ok' | 'error'
  text: string
}

/** A refused save because another officer changed a parcel first. */
export interface ConflictState {
  conflict: ParcelConflict
  message: string
  mine: MultiPolygon | null
}

/** Options of {@link useParcelEditor}. */
export interface ParcelEditorOptions {
  client: MapClient | null
  /** The user may edit parcels (role farmland). */
  isEnabled: boolean
  /** The edit tab is shown (tools only work then). */
  isActive: boolean
}

function featureCollection(features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features }
}

/** The view's centre box, at most {@link VIEW_HALF_DEGREES} each side. */
function viewBox(client: MapClient): Bbox {
  const [west, south, east, north] = client.viewBbox()
  const [lng, lat] = client.viewCenter()
  return [
    Math.max(west, lng - VIEW_HALF_DEGREES),
    Math.max(south, lat - VIEW_HALF_DEGREES),
    Math.min(east, lng + VIEW_HALF_DEGREES),
    Math.min(north, lat + VIEW_HALF_DEGREES),
  ]
}

/**
 * The parcel editor: the terra-draw store on the map, the tools, the pending changes with their server check,
 * saving, and the conflict of a stale save. Split and merge use {@link ParcelEditor.core} for the shared parts.
 */
export function useParcelEditor({ client, isEnabled, isActive }: ParcelEditorOptions) {
  const dataChanged = useDataChanged()
  /** The server's parcels (and the class lists' rows of them) changed: tiles, info panel and history reload. */
  const onSaved = useCallback(() => dataChanged('parcels', 'classLists'), [dataChanged])
  const [draw, setDraw] = useState<ParcelDraw | null>(null)
  const [tool, setToolState] = useState<EditTool>('none')
  const [zoom, setZoom] = useState(0)
  const [session, setSession] = useState<EditSession>(EMPTY_SESSION)
  const [revision, setRevision] = useState(0)
  const [liveAreaM2, setLiveAreaM2] = useState<number | null>(null)
  const [history, setHistory] = useState({ canUndo: false, canRedo: false })
  const [attributeTarget, setAttributeTarget] = useState<AttributeTarget | null>(null)
  const [deleteTarget, setDeleteTarget] = useState<ParcelFeature | null>(null)
  const [conflict, setConflict] = useState<ConflictState | null>(null)
  const [message, setMessage] = useState<EditMessage | null>(null)
  const [isSaving, setSaving] = useState(false)
  const [isLoading, setLoading] = useState(false)
  const [reference, setReference] = useState<MultiPolygon | null>(null)
  const [openRequest, setOpenRequest] = useState<number | null>(null)
  const neighbourIds = useRef(new Map<number, Set<number>>())
  const finishHandlers = useRef(new Set<(id: StoreId, mode: string) => void>())
  const toolRef = useRef(tool)
  toolRef.current = tool

  useEffect(() => {
    if (!client || !isEnabled || !isActive || draw) return
    let frame = 0
    const created = new ParcelDraw(client.drawController(), {
      onChange: (id) => {
        const polygon = created.polygonOf(id)
        if (polygon && toolRef.current === 'draw') setLiveAreaM2(areaM2(polygon))
        else if (polygon && toolRef.current === 'select') setLiveAreaM2(areaM2(polygon))
        if (!frame)
          frame = requestAnimationFrame(() => {
            frame = 0
            setRevision((n) => n + 1)
          })
      },
      onFinish: (id, mode) => {
        if (mode === EDIT_MODE && created.polygonOf(id) && created.newPolygonIds().includes(id)) {
          setSession((s) => withDraft(s, id))
          setAttributeTarget({ kind: 'draft', storeId: id })
        }
        finishHandlers.current.forEach((handler) => handler(id, mode))
      },
      onHistory: (canUndo, canRedo) => setHistory({ canUndo, canRedo }),
    })
    setDraw(created)
  }, [client, isEnabled, isActive, draw])

  useEffect(() => () => draw?.destroy(), [draw])

  useEffect(() => {
    if (!client) return
    return client.onViewStatus((status) => setZoom(status.zoom))
  }, [client])

  const isZoomOk = zoom >= MIN_EDIT_ZOOM
  const effectiveTool: EditTool = isActive ? tool : 'none'
  useEffect(() => {
    draw?.setTool(DRAW_TOOL[effectiveTool])
    setLiveAreaM2(null)
  }, [draw, effectiveTool])

  useEffect(() => {
    client?.hideFeatures('parcel', editedParcelIds(session))
  }, [client, session])

  const items: PendingItem[] = useMemo(
    () =>
      draw
        ? pendingItems(
            session,
            (ids) => draw.multiPolygonOf(ids),
            (id) => draw.polygonOf(id),
          )
        : [],
    // revision counts the changes inside the draw store, which React cannot see
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [draw, session, revision],
  )
  const sent = useMemo(() => items.filter((item) => item.change !== null), [items])
  const changes = useMemo(() => sent.map((item) => item.change!), [sent])
  const { check, showProblems } = usePendingCheck(changes)
  const problems: ParcelProblem[] = useMemo(() => (check.status === 'done' ? check.problems : []), [check])
  const problemsByKey = useMemo(() => {
    const byKey = new Map<string, ParcelProblem[]>()
    for (const problem of problems) {
      const key = sent[problem.index]?.key ?? 'unknown'
      byKey.set(key, [...(byKey.get(key) ?? []), problem])
    }
    return byKey
  }, [problems, sent])

  useEffect(() => {
    if (!client) return
    const features: Feature[] = []
    for (const problem of problems) {
      if (problem.geometry) features.push(...overlay([{ geometry: problem.geometry, kind: 'problem-area' }]).features)
      if (problem.location)
        features.push(
          ...overlay([{ geometry: { type: 'Point', coordinates: problem.location }, kind: 'problem-point' }]).features,
        )
    }
    for (const parcel of session.parcels) {
      if (parcel.isDeleted) features.push(...overlay([{ geometry: parcel.feature.geometry, kind: 'deleted' }]).features)
    }
    if (reference) features.push(...overlay([{ geometry: reference, kind: 'reference' }]).features)
    client.setOverlay('edit', features.length ? featureCollection(features) : null)
  }, [client, problems, session, reference])

  /** Loads the neighbours of a box into the store as snapping targets and remembers them under `owner`. */
  const loadNeighbours = useCallback(
    async (box: Bbox, owner: number, except: ReadonlySet<number>): Promise<ParcelFeature[]> => {
      if (!draw) return []
      const answer = await fetchParcelsIn(box)
      neighbourIds.current.set(owner, new Set(answer.features.map((f) => f.id)))
      draw.addNeighbours(answer.features, except)
      return answer.features
    },
    [draw],
  )

  const flash = useCallback((kind: EditMessage['kind'], text: string) => setMessage({ kind, text }), [])

  /** Takes an existing parcel into the edit as editable, with its neighbours, and selects it. */
  const openParcel = useCallback(
    async (id: number, loaded?: ParcelFeature) => {
      if (!draw) return
      const existing = session.parcels.find((p) => p.feature.id === id && !p.isDeleted)
      if (existing) {
        draw.select(existing.storeIds[0])
        setToolState('select')
        return
      }
      setLoading(true)
      try {
        const feature = loaded ?? (await fetchParcel(id))
        const added = draw.addEditable(feature)
        if ('message' in added) return flash('error', added.message)
        setSession((s) => withOpenedParcel(s, feature, added.ids))
        const except = new Set([...editedParcelIds(session), id])
        await loadNeighbours(growBbox(bboxOf(feature.geometry), NEIGHBOUR_BUFFER_M), id, except)
        setToolState('select')
        draw.select(added.ids[0])
        setMessage(null)
      } catch (error) {
        flash('error', errorMessage(error, '图斑加载失败'))
      } finally {
        setLoading(false)
      }
    },
    [draw, session, loadNeighbours, flash],
  )

  useEffect(() => {
    if (!draw || openRequest === null) return
    setOpenRequest(null)
    void openParcel(openRequest)
  }, [draw, openRequest, openParcel])

  /** Removes everything from the store and the pending set. */
  const clearAll = useCallback(() => {
    draw?.clear()
    neighbourIds.current.clear()
    setSession(EMPTY_SESSION)
    setAttributeTarget(null)
    setDeleteTarget(null)
    setConflict(null)
    setReference(null)
    setLiveAreaM2(null)
    setHistory({ canUndo: false, canRedo: false })
    setToolState('none')
  }, [draw])

  const refreshViewNeighbours = useCallback(async () => {
    if (!client || !draw || client.zoom() < MIN_EDIT_ZOOM) return
    try {
      const keepOwners = new Set(editedParcelIds(session))
      for (const owner of [...neighbourIds.current.keys()])
        if (owner !== -1 && !keepOwners.has(owner)) neighbourIds.current.delete(owner)
      await loadNeighbours(viewBox(client), -1, new Set(editedParcelIds(session)))
      draw.pruneNeighbours(new Set([...neighbourIds.current.values()].flatMap((ids) => [...ids])))
    } catch (error) {
      console.warn('周边图斑加载失败', error)
    }
  }, [client, draw, session, loadNeighbours])

  useEffect(() => {
    if (!client || effectiveTool !== 'draw') return
    void refreshViewNeighbours()
    return client.onMoveEnd(() => void refreshViewNeighbours())
  }, [client, effectiveTool, refreshViewNeighbours])

  const clickHandlers = useRef(new Set<(parcelId: number) => void>())
  const onParcelClick = useCallback(
    async (parcelId: number) => {
      if (tool === 'select') return openParcel(parcelId)
      if (tool === 'delete') {
        try {
          setDeleteTarget(await fetchParcel(parcelId))
        } catch (error) {
          flash('error', errorMessage(error, '图斑加载失败'))
        }
        return
      }
      clickHandlers.current.forEach((handler) => handler(parcelId))
    },
    [tool, openParcel, flash],
  )

  useEffect(() => {
    if (!client || effectiveTool === 'none' || effectiveTool === 'draw') return
    return client.onFeatureClick((ref: FeatureRef, lngLat) => {
      if (draw?.isEditableAt(lngLat)) return
      void onParcelClick(ref.id)
    }, 'parcel')
  }, [client, draw, effectiveTool, onParcelClick])

  const confirmDelete = useCallback(() => {
    if (!deleteTarget) return
    draw?.removeParcel(deleteTarget.id)
    setSession((s) => withDeletedParcel(s, deleteTarget))
    setDeleteTarget(null)
  }, [draw, deleteTarget])

  const setAttributes = useCallback((target: AttributeTarget, attributes: ParcelAttributes) => {
    setSession((s) =>
      target.kind === 'draft'
        ? withDraftAttributes(s, target.storeId, attributes)
        : withParcelAttributes(s, target.parcelId, attributes),
    )
    setAttributeTarget(null)
  }, [])

  /** Drops one pending change: a new parcel leaves the store, an existing one goes back to its saved state. */
  const discardItem = useCallback(
    (item: PendingItem) => {
      if (item.storeId !== null) {
        draw?.remove([item.storeId])
        setSession((s) => withoutDraft(s, item.storeId!))
        return
      }
      if (item.parcelId === null) return
      const parcel = session.parcels.find((p) => p.feature.id === item.parcelId)
      if (parcel) draw?.remove(parcel.storeIds)
      setSession((s) => withoutParcel(s, item.parcelId!))
    },
    [draw, session],
  )

  const save = useCallback(
    async (reason: string) => {
      if (!changes.length) return
      setSaving(true)
      setMessage(null)
      try {
        const answer = await saveChanges(reason, changes)
        clearAll()
        flash('ok', `已保存 ${answer.results.length} 项修改`)
        onSaved()
      } catch (error) {
        if (error instanceof ApiError && error.code === 'GEOMETRY_CHECK') {
          showProblems(problemsOf<ParcelProblem>(error))
          flash('error', error.message)
        } else if (
          error instanceof ApiError &&
          error.code === 'CONFLICT' &&
          typeof (error.details as Partial<ParcelConflict>).id === 'number'
        ) {
          const details = error.details as ParcelConflict
          const mine = items.find((item) => item.parcelId === details.id)?.geometry ?? null
          setConflict({ conflict: details, message: error.message, mine: mine?.type === 'MultiPolygon' ? mine : null })
        } else flash('error', errorMessage(error, '保存失败'))
      } finally {
        setSaving(false)
      }
    },
    [changes, clearAll, flash, onSaved, showProblems, items],
  )

  useEffect(() => {
    if (!client) return
    if (!conflict) return client.setOverlay('conflict', null)
    const features: Feature[] = []
    if (conflict.mine) features.push(...overlay([{ geometry: conflict.mine, kind: 'mine' }]).features)
    if (conflict.conflict.current)
      features.push(...overlay([{ geometry: conflict.conflict.current.geometry, kind: 'current' }]).features)
    client.setOverlay('conflict', featureCollection(features))
  }, [client, conflict])

  /** 重新加载: my edit of the parcel is dropped and its current version is loaded. */
  const reloadConflict = useCallback(async () => {
    if (!conflict || !draw) return
    const { id, current } = conflict.conflict
    const parcel = session.parcels.find((p) => p.feature.id === id)
    if (parcel) draw.remove(parcel.storeIds)
    setSession((s) => withoutParcel(s, id))
    setConflict(null)
    setReference(null)
    if (current) {
      const added = draw.addEditable(current)
      if (!('message' in added)) setSession((s) => withOpenedParcel(withoutParcel(s, id), current, added.ids))
    }
  }, [conflict, draw, session])

  /** 在最新版本上重做: the current version goes into the editor, my version stays as a dashed reference outline. */
  const redoOnCurrent = useCallback(() => {
    if (!conflict || !draw) return
    const { id, current } = conflict.conflict
    const parcel = session.parcels.find((p) => p.feature.id === id)
    setReference(conflict.mine)
    setConflict(null)
    if (parcel) draw.remove(parcel.storeIds)
    if (!current) {
      setSession((s) => withoutParcel(s, id))
      return
    }
    const added = draw.addEditable(current)
    if ('message' in added) {
      setSession((s) => withoutParcel(s, id))
      return flash('error', added.message)
    }
    setSession((s) => {
      const next = withOpenedParcel(withoutParcel(s, id), current, added.ids)
      return parcel?.attributes ? withParcelAttributes(next, id, parcel.attributes) : next
    })
    draw.select(added.ids[0])
    setToolState('select')
  }, [conflict, draw, session, flash])

  const setTool = useCallback((next: EditTool) => {
    setToolState((current) => (current === next ? 'none' : next))
    setMessage(null)
  }, [])

  return {
    draw,
    tool: effectiveTool,
    setTool,
    zoom,
    isZoomOk,
    isReady: draw !== null,
    isLoading,
    session,
    items,
    check: check as CheckState,
    problems,
    problemsByKey,
    liveAreaM2,
    history,
    undo: () => draw?.undo(),
    redo: () => draw?.redo(),
    attributeTarget,
    openAttributes: setAttributeTarget,
    closeAttributes: () => setAttributeTarget(null),
    setAttributes,
    deleteTarget,
    confirmDelete,
    cancelDelete: () => setDeleteTarget(null),
    discardItem,
    discardAll: clearAll,
    openParcel,
    /** Opens a parcel for editing as soon as the editor is ready (e.g. from the info panel, before the tab was shown). */
    requestOpen: setOpenRequest,
    save,
    isSaving,
    conflict,
    reloadConflict,
    redoOnCurrent,
    closeConflict: () => setConflict(null),
    message,
    flash,
    clearMessage: () => setMessage(null),
    /** Shared parts for the split and merge tools. */
    core: {
      client,
      draw,
      clickHandlers,
      finishHandlers,
      loadNeighbours,
      clearAll,
      onSaved,
      flash,
      setLoading,
      session,
    },
    isCapturingClicks: effectiveTool !== 'none',
    lineMode: LINE_MODE,
  }
}

/** The parcel editor's state and actions (see {@link useParcelEditor}). */
export type ParcelEditor = ReturnType<typeof useParcelEditor>
