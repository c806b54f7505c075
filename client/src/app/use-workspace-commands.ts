import { useCallback, useEffect, useMemo, useRef } from 'react'
import type { ClassChange } from '@contracts/classification'
import { findClassList } from '../features/classification/classification-api'
import { featureInfoPath, loadFeatureInfo } from '../features/info/info-api'
import { featureOfRecord } from '../features/review/review-source'
import { searchTarget } from '../features/search/search-target'
import type { Bbox, FeatureRef, MapFocus, ReviewQueueItem, Role, SearchResult } from '../shared/api-types'
import { can } from '../../../server/src/domain/rights.ts'
import { navigate } from './router'
import { useWorkspace } from './workspace-store'

const FEATURE_MAX_ZOOM = 15
/** Half the side of the view around a located report, in degrees (about 200 m). */
const REPORT_VIEW_DEGREES = 0.002
/** Map sources of the internal plot layer (polygons from zoom 12, points below). */
const PLOT_SOURCES = ['contaminated-plot', 'contaminated-plot-point']
/** Room kept free for the plot profile (right) when flying to a plot. */
export const PROFILE_PADDING: MapFocus['padding'] = { top: 60, left: 60, right: 520 + 60, bottom: 60 }
/** Closest zoom when flying to a monitoring point. */
const POINT_MAX_ZOOM = 15
/** Closest zoom when flying to one parcel (parcels are drawn from zoom 13). */
const PARCEL_MAX_ZOOM = 16

/** Room kept free for the info panel (right) and the class list drawer (bottom) when flying to a parcel of the list. */
function panelPadding(): MapFocus['padding'] {
  const drawer = document.querySelector('[data-testid=class-list-drawer]')?.getBoundingClientRect().height ?? 0
  return { top: 40, left: 40, right: 340 + 60, bottom: drawer + 60 }
}

/**
 * What the staff map's panels ask of it, as named commands on the store: open a feature, a plot, a point, a record
 * (flying the map there when asked). What a save changed goes to the store through `useDataChanged`.
 */
export function useWorkspaceCommands(role: Role) {
  const { state, dispatch } = useWorkspace()
  const isPlotKeeper = can(role, 'plot.view')

  const locate = useCallback(
    (bbox: Bbox, maxZoom = FEATURE_MAX_ZOOM, padding?: MapFocus['padding']) => {
      dispatch({ type: 'focus', focus: { bbox, maxZoom, padding } })
    },
    [dispatch],
  )
  const flyToFeature = useCallback(
    async (feature: FeatureRef, maxZoom: number, padding?: MapFocus['padding']) => {
      try {
        const info = await loadFeatureInfo(featureInfoPath(feature))
        if (info.bbox) locate(info.bbox, maxZoom, padding)
      } catch (error) {
        console.warn('要素定位失败', error)
      }
    },
    [locate],
  )
  const select = useCallback((ref: FeatureRef | null) => dispatch({ type: 'selectFeature', ref }), [dispatch])
  const openPlot = useCallback(
    (id: number, isFlying: boolean) => {
      dispatch({ type: 'openPlot', id })
      if (isFlying) void flyToFeature({ source: 'contaminated-plot', id }, FEATURE_MAX_ZOOM, PROFILE_PADDING)
    },
    [dispatch, flyToFeature],
  )
  const openPoint = useCallback(
    (id: number, isFlying: boolean) => {
      dispatch({ type: 'openPoint', id })
      if (isFlying) void flyToFeature({ source: 'monitoring-point', id }, POINT_MAX_ZOOM, PROFILE_PADDING)
    },
    [dispatch, flyToFeature],
  )
  const showRecord = useCallback(
    (feature: FeatureRef) => {
      select(feature)
      void flyToFeature(feature, FEATURE_MAX_ZOOM)
    },
    [select, flyToFeature],
  )
  const openFeature = useCallback(
    (ref: FeatureRef) => {
      if (ref.source === 'monitoring-point') return openPoint(ref.id, false)
      if (isPlotKeeper && PLOT_SOURCES.includes(ref.source)) return openPlot(ref.id, false)
      dispatch({ type: 'openPlot', id: null })
      select(ref)
    },
    [isPlotKeeper, openPlot, openPoint, select, dispatch],
  )
  const openSearchResult = useCallback(
    (result: SearchResult) => {
      const target = searchTarget(result)
      dispatch({
        type: 'focus',
        focus:
          target.feature?.source === 'contaminated-plot' ? { ...target.focus, padding: PROFILE_PADDING } : target.focus,
      })
      if (!target.feature) return
      if (isPlotKeeper && PLOT_SOURCES.includes(target.feature.source))
        return dispatch({ type: 'openPlot', id: target.feature.id })
      dispatch({ type: 'openPlot', id: null })
      select(target.feature)
    },
    [dispatch, isPlotKeeper, select],
  )
  const openRecord = useCallback(
    async (item: ReviewQueueItem) => {
      if (item.kind === 'safe-use-ledger') {
        navigate(`/safe-use-ledger?adcode=${item.adcode}&year=${item.code.slice(-4)}`)
        return
      }
      const feature = featureOfRecord(item.kind, item.id)
      dispatch({ type: 'openRecord', key: `${item.kind}/${item.id}`, feature })
      if (feature) return flyToFeature(feature, FEATURE_MAX_ZOOM)
      try {
        dispatch({ type: 'showClassList', list: await findClassList(item.adcode, item.id) })
      } catch (error) {
        console.warn('分类清单加载失败', error)
      }
    },
    [dispatch, flyToFeature],
  )
  const openListParcel = useCallback(
    (change: ClassChange) => {
      const feature = { source: 'parcel', id: change.parcelId }
      select(feature)
      void flyToFeature(feature, PARCEL_MAX_ZOOM, panelPadding())
    },
    [select, flyToFeature],
  )
  const locateReport = useCallback(
    ([lon, lat]: [number, number]) => {
      dispatch({ type: 'pinReport', at: [lon, lat] })
      locate(
        [lon - REPORT_VIEW_DEGREES, lat - REPORT_VIEW_DEGREES, lon + REPORT_VIEW_DEGREES, lat + REPORT_VIEW_DEGREES],
        16,
      )
    },
    [dispatch, locate],
  )

  const openList = state.openList
  const listRef = useRef(openList)
  useEffect(() => {
    listRef.current = openList
  })
  const reloadOpenList = useCallback(async () => {
    const list = listRef.current
    if (!list) return
    try {
      const read = await findClassList(list.adcode, list.id)
      if (listRef.current?.id === list.id) dispatch({ type: 'showClassList', list: read })
    } catch (error) {
      console.warn('分类清单刷新失败', error)
    }
  }, [dispatch])
  useEffect(() => {
    if (state.versions.classLists > 0) void reloadOpenList()
  }, [state.versions.classLists, reloadOpenList])

  /** A link from another page (`/?parcel=<id>`, `/?plot=<id>`, e.g. the rows behind an indicator) opens that feature once. */
  const opened = useRef(false)
  useEffect(() => {
    if (opened.current) return
    opened.current = true
    const params = new URLSearchParams(window.location.search)
    for (const [param, source, maxZoom] of [
      ['parcel', 'parcel', PARCEL_MAX_ZOOM],
      ['plot', 'contaminated-plot', FEATURE_MAX_ZOOM],
    ] as const) {
      const id = Number(params.get(param))
      if (!Number.isSafeInteger(id) || id <= 0) continue
      openFeature({ source, id })
      void flyToFeature({ source, id }, maxZoom, panelPadding())
      return
    }
  }, [openFeature, flyToFeature])

  return useMemo(
    () => ({
      locate,
      select,
      openPlot,
      openPoint,
      showRecord,
      openFeature,
      openSearchResult,
      openRecord,
      openListParcel,
      locateReport,
      reloadOpenList,
    }),
    [
      locate,
      select,
      openPlot,
      openPoint,
      showRecord,
      openFeature,
      openSearchResult,
      openRecord,
      openListParcel,
      locateReport,
      reloadOpenList,
    ],
  )
}

/** The commands of the staff map (see {@link useWorkspaceCommands}). */
export type WorkspaceCommands = ReturnType<typeof useWorkspaceCommands>
