import { useCallback, useState } from 'react'
import type { MultiPolygon, Polygon } from 'geojson'
import type { MapClient } from '../../map/map-client'
import type { Bbox, FeatureRef, LayerGroup, MapFocus } from '../api-types'
import type { CheckedArea } from './outline-input'
import { usePlotOutline, type PlotOutline } from './use-plot-outline'

/** Room kept free for the verdict panel (right) when the map moves to a checked outline. */
export const RESULT_PADDING: MapFocus['padding'] = { top: 60, left: 60, right: 640, bottom: 60 }

/** What every recorded check has that the page shows beside the outline input. */
interface CheckedRecord {
  id: number
  number: string
  areaM2: number
  areaMu: number
}

/** The state both check pages (用地准入核查, 建设项目选址核查) keep: map, tabs, the open record and its outline. */
export interface CheckPageState<R extends CheckedRecord> {
  client: MapClient | null
  setClient: (client: MapClient | null) => void
  visibility: Record<string, boolean>
  /** The map's groups arrived: each shown as its default, or always where `alwaysShown` names it. */
  onGroups: (groups: LayerGroup[]) => void
  groups: LayerGroup[]
  tab: 'check' | 'records'
  setTab: (tab: 'check' | 'records') => void
  record: R | null
  setRecord: (record: R | null) => void
  isBusy: boolean
  setBusy: (busy: boolean) => void
  resultError: string | null
  setResultError: (error: string | null) => void
  focus: MapFocus | null
  /** Moves the map to a box, leaving room for the verdict panel. */
  focusOn: (bbox: Bbox, maxZoom: number) => void
  highlight: FeatureRef | null
  setHighlight: (ref: FeatureRef | null) => void
  /** The page's count of checks made: a new one reloads the records list. */
  listVersion: number
  bumpList: () => void
  /** The outline being drawn, picked or uploaded (unbound when the officer only reads). */
  plot: PlotOutline
  /** Remembers the outline just checked (so its area is shown) and stops the drawing tool. */
  markChecked: (outline: Polygon | MultiPolygon) => void
  checkedArea: CheckedArea | null
  /** Highlights a feature a reason names and moves the map to it. */
  locate: (ref: FeatureRef | null, box: (ref: FeatureRef) => Promise<Bbox>) => Promise<void>
}

/** The state of a check page; `alwaysShown` are map groups the check reads, shown whatever their default. */
export function useCheckPage<R extends CheckedRecord>(
  canCheck: boolean,
  alwaysShown: readonly string[] = [],
): CheckPageState<R> {
  const [client, setClient] = useState<MapClient | null>(null)
  const [visibility, setVisibility] = useState<Record<string, boolean>>({})
  const [groups, setGroups] = useState<LayerGroup[]>([])
  const [tab, setTab] = useState<'check' | 'records'>(canCheck ? 'check' : 'records')
  const [record, setRecord] = useState<R | null>(null)
  const [isBusy, setBusy] = useState(false)
  const [resultError, setResultError] = useState<string | null>(null)
  const [focus, setFocus] = useState<MapFocus | null>(null)
  const [highlight, setHighlight] = useState<FeatureRef | null>(null)
  const [listVersion, setListVersion] = useState(0)
  const [checkedOutline, setCheckedOutline] = useState<Polygon | MultiPolygon | null>(null)
  const plot = usePlotOutline(canCheck ? client : null)
  const checkedArea =
    record && plot.outline && plot.outline === checkedOutline
      ? { areaM2: record.areaM2, areaMu: record.areaMu, number: record.number }
      : null

  const shownKey = alwaysShown.join(',')
  const onGroups = useCallback(
    (next: LayerGroup[]) => {
      const shown = shownKey ? shownKey.split(',') : []
      setGroups(next)
      setVisibility(Object.fromEntries(next.map((g) => [g.id, g.visible || shown.includes(g.id)])))
    },
    [shownKey],
  )
  const focusOn = useCallback((bbox: Bbox, maxZoom: number) => setFocus({ bbox, maxZoom, padding: RESULT_PADDING }), [])
  const bumpList = useCallback(() => setListVersion((n) => n + 1), [])
  const markChecked = (outline: Polygon | MultiPolygon) => {
    setCheckedOutline(outline)
    plot.setTool('static')
  }
  const locate = async (ref: FeatureRef | null, box: (ref: FeatureRef) => Promise<Bbox>) => {
    if (!ref) return
    setHighlight(ref)
    try {
      focusOn(await box(ref), 17)
    } catch (e) {
      console.warn('要素定位失败', e)
    }
  }

  return {
    client,
    setClient,
    visibility,
    onGroups,
    groups,
    tab,
    setTab,
    record,
    setRecord,
    isBusy,
    setBusy,
    resultError,
    setResultError,
    focus,
    focusOn,
    highlight,
    setHighlight,
    listVersion,
    bumpList,
    plot,
    markChecked,
    checkedArea,
    locate,
  }
}
