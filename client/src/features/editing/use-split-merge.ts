import { useCallback, useEffect, useMemo, useState } from 'react'
import type { LineString } from 'geojson'
import { problemsOf } from '../../shared/api-client'
import { errorMessage } from '../../shared/error-message'
import type { MergePreview, ParcelFeature, ParcelProblem, SplitPreview } from '@contracts/editing'
import { fetchParcel, mergeParcels, previewMerge, previewSplit, splitParcel, type ClassChoice } from './editing-api'
import { LINE_MODE } from './parcel-draw'
import { bboxOf, growBbox, overlay } from './parcel-geometry'
import type { ParcelEditor } from './use-parcel-editor'

/** Colours of the parts of a split preview, in order (the list beside the map uses the same). */
export const PART_COLORS = ['#1e88e5', '#43a047', '#fb8c00', '#8e24aa', '#00acc1', '#6d4c41']

const NEIGHBOUR_BUFFER_M = 50

/** The problems of a refused split or merge, or its message. */
function failureOf(error: unknown): { message: string; problems: ParcelProblem[] } {
  return { message: errorMessage(error, '操作失败'), problems: problemsOf<ParcelProblem>(error) }
}

/** State of the split tool. */
export interface SplitState {
  parcel: ParcelFeature | null
  line: LineString | null
  preview: SplitPreview | null
  failure: { message: string; problems: ParcelProblem[] } | null
  isBusy: boolean
}

const NO_SPLIT: SplitState = { parcel: null, line: null, preview: null, failure: null, isBusy: false }

/**
 * 分割: click a parcel, draw a line across it (snapping), see the parts the server would make, then split with
 * a reason and a class choice.
 */
export function useSplit(editor: ParcelEditor) {
  const { client, draw, clickHandlers, finishHandlers, loadNeighbours, clearAll, onSaved, flash, session } = editor.core
  const isOn = editor.tool === 'split'
  const [state, setState] = useState<SplitState>(NO_SPLIT)

  useEffect(() => {
    if (isOn) return
    setState(NO_SPLIT)
  }, [isOn])

  useEffect(() => {
    if (!isOn || !draw) return
    const onClick = async (parcelId: number) => {
      if (state.parcel) return
      if (session.parcels.some((p) => p.feature.id === parcelId))
        return flash('error', '该图斑有未保存的修改，请先保存或放弃后再分割')
      try {
        const parcel = await fetchParcel(parcelId)
        draw.addTarget(parcel)
        await loadNeighbours(growBbox(bboxOf(parcel.geometry), NEIGHBOUR_BUFFER_M), parcelId, new Set([parcelId]))
        draw.setTool('linestring')
        setState({ ...NO_SPLIT, parcel })
      } catch (error) {
        flash('error', errorMessage(error, '图斑加载失败'))
      }
    }
    const handlers = clickHandlers.current
    handlers.add(onClick)
    return () => {
      handlers.delete(onClick)
    }
  }, [isOn, draw, state.parcel, session, clickHandlers, loadNeighbours, flash])

  useEffect(() => {
    if (!isOn || !draw || !state.parcel) return
    const parcel = state.parcel
    const onFinish = async (id: string | number, mode: string) => {
      if (mode !== LINE_MODE) return
      const line = draw.lineOf(id)
      if (!line) return
      draw.setTool('static')
      setState((s) => ({ ...s, line, preview: null, failure: null, isBusy: true }))
      try {
        const preview = await previewSplit(parcel.id, parcel.properties.version, line)
        setState((s) => ({ ...s, preview, isBusy: false }))
      } catch (error) {
        setState((s) => ({ ...s, failure: failureOf(error), isBusy: false }))
      }
    }
    const handlers = finishHandlers.current
    handlers.add(onFinish)
    return () => {
      handlers.delete(onFinish)
    }
  }, [isOn, draw, state.parcel, finishHandlers])

  useEffect(() => {
    if (!client) return
    const parts = state.preview?.parts ?? []
    const problems = state.failure?.problems ?? []
    const features = [
      ...parts.map((part, i) => ({
        geometry: part.geometry,
        kind: 'preview',
        color: PART_COLORS[i % PART_COLORS.length],
      })),
      ...problems.flatMap((p) =>
        p.location ? [{ geometry: { type: 'Point' as const, coordinates: p.location }, kind: 'problem-point' }] : [],
      ),
    ]
    client.setOverlay('split', features.length ? overlay(features) : null)
  }, [client, state.preview, state.failure])

  /** Removes the drawn line so another can be drawn. */
  const redraw = useCallback(() => {
    if (!draw) return
    draw.remove(draw.lineIds())
    draw.setTool('linestring')
    setState((s) => ({ ...s, line: null, preview: null, failure: null }))
  }, [draw])

  const submit = useCallback(
    async (reason: string, choice: ClassChoice) => {
      if (!state.parcel || !state.line) return
      setState((s) => ({ ...s, isBusy: true, failure: null }))
      try {
        const answer = await splitParcel(state.parcel.id, state.parcel.properties.version, state.line, reason, choice)
        clearAll()
        client?.setOverlay('split', null)
        flash(
          'ok',
          `图斑 ${answer.parent.code} 已分割为 ${answer.children.length} 个图斑：${answer.children.map((c) => c.code).join('、')}`,
        )
        onSaved()
      } catch (error) {
        setState((s) => ({ ...s, failure: failureOf(error), isBusy: false }))
      }
    },
    [state.parcel, state.line, clearAll, client, flash, onSaved],
  )

  const cancel = useCallback(() => {
    if (state.parcel) draw?.removeParcel(state.parcel.id)
    draw?.remove(draw.lineIds())
    draw?.setTool('static')
    setState(NO_SPLIT)
  }, [draw, state.parcel])

  return { ...state, redraw, submit, cancel }
}

/** State of the merge tool. */
export interface MergeState {
  parcels: ParcelFeature[]
  preview: MergePreview | null
  failure: { message: string; problems: ParcelProblem[] } | null
  isBusy: boolean
}

const NO_MERGE: MergeState = { parcels: [], preview: null, failure: null, isBusy: false }

/** 合并: click two or more adjacent parcels, see their union, then merge with a reason, the attribute source and a class choice. */
export function useMerge(editor: ParcelEditor) {
  const { client, clickHandlers, clearAll, onSaved, flash, session } = editor.core
  const isOn = editor.tool === 'merge'
  const [state, setState] = useState<MergeState>(NO_MERGE)

  useEffect(() => {
    if (!isOn) setState(NO_MERGE)
  }, [isOn])

  useEffect(() => {
    if (!isOn) return
    const onClick = async (parcelId: number) => {
      if (state.parcels.some((p) => p.id === parcelId)) {
        setState((s) => ({ ...s, parcels: s.parcels.filter((p) => p.id !== parcelId), preview: null, failure: null }))
        return
      }
      if (session.parcels.some((p) => p.feature.id === parcelId))
        return flash('error', '该图斑有未保存的修改，请先保存或放弃后再合并')
      try {
        const parcel = await fetchParcel(parcelId)
        setState((s) => ({
          ...s,
          parcels: [...s.parcels.filter((p) => p.id !== parcel.id), parcel],
          preview: null,
          failure: null,
        }))
      } catch (error) {
        flash('error', errorMessage(error, '图斑加载失败'))
      }
    }
    const handlers = clickHandlers.current
    handlers.add(onClick)
    return () => {
      handlers.delete(onClick)
    }
  }, [isOn, state.parcels, session, clickHandlers, flash])

  useEffect(() => {
    if (!client) return
    const features = [
      ...state.parcels.map((p) => ({ geometry: p.geometry, kind: 'selected' })),
      ...(state.preview ? [{ geometry: state.preview.geometry, kind: 'preview' }] : []),
      ...(state.failure?.problems ?? []).flatMap((p) =>
        p.location ? [{ geometry: { type: 'Point' as const, coordinates: p.location }, kind: 'problem-point' }] : [],
      ),
    ]
    client.setOverlay('merge', features.length ? overlay(features) : null)
  }, [client, state.parcels, state.preview, state.failure])

  const refs = useMemo(() => state.parcels.map((p) => ({ id: p.id, version: p.properties.version })), [state.parcels])

  const preview = useCallback(async () => {
    setState((s) => ({ ...s, isBusy: true, failure: null }))
    try {
      const answer = await previewMerge(refs)
      setState((s) => ({ ...s, preview: answer, isBusy: false }))
    } catch (error) {
      setState((s) => ({ ...s, failure: failureOf(error), isBusy: false }))
    }
  }, [refs])

  const submit = useCallback(
    async (reason: string, attributesFrom: number, choice: ClassChoice) => {
      setState((s) => ({ ...s, isBusy: true, failure: null }))
      try {
        const answer = await mergeParcels(refs, reason, attributesFrom, choice)
        clearAll()
        setState(NO_MERGE)
        flash('ok', `${answer.parents.map((p) => p.code).join('、')} 已合并为图斑 ${answer.child.code}`)
        onSaved()
      } catch (error) {
        setState((s) => ({ ...s, failure: failureOf(error), isBusy: false }))
      }
    },
    [refs, clearAll, flash, onSaved],
  )

  const cancel = useCallback(() => setState(NO_MERGE), [])

  return { ...state, preview: state.preview, runPreview: preview, submit, cancel }
}
