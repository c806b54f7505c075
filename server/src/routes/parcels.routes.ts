import { Router } from 'express'
import { assertRight, requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import {
  CheckParcelsBody,
  DeletedParcelsQuery,
  MergeBody,
  MergePreviewBody,
  ParcelBboxQuery,
  ParcelIdParams,
  RestoreBody,
  SaveParcelsBody,
  SplitBody,
  SplitPreviewBody,
} from '../../../contracts/editing.ts'
import {
  checkParcelChanges,
  getParcelForEdit,
  listParcelsForEdit,
  parcelCodes,
  saveParcelChanges,
} from '../services/parcel-edit.service.ts'
import type { ParcelEditDeps } from '../services/parcel-edit-transaction.ts'
import { getParcelHistory, listDeletedParcelsFor, restoreParcel } from '../services/parcel-history.service.ts'
import { mergeParcels, previewMerge, previewSplit, splitParcel } from '../services/parcel-split-merge.service.ts'

/** Parcel editing (图斑编辑): reads for any staff role in scope, writes for farmland officers only. */
export function parcelsRoutes(deps: ParcelEditDeps): Router {
  const router = Router()
  router.get('/api/parcels/codes', requireRole(), (_req, res) => {
    res.json(parcelCodes(deps.settings))
  })
  router.get('/api/parcels', requireRole(), async (req, res) => {
    const { bbox } = parse(ParcelBboxQuery, req.query)
    res.json(await listParcelsForEdit(deps.db, req.auth!, bbox as [number, number, number, number]))
  })
  router.post('/api/parcels/check', async (req, res) => {
    const ctx = assertRight(req, 'parcel.edit')
    const body = parse(CheckParcelsBody, req.body ?? {})
    res.json(await checkParcelChanges(deps, ctx, body.changes))
  })
  router.post('/api/parcels/changes', async (req, res) => {
    const ctx = assertRight(req, 'parcel.edit')
    const body = parse(SaveParcelsBody, req.body ?? {})
    res.json(await saveParcelChanges(deps, ctx, body.reason?.trim() || null, body.changes))
  })
  router.post('/api/parcels/split/preview', async (req, res) => {
    const ctx = assertRight(req, 'parcel.edit')
    res.json(await previewSplit(deps, ctx, parse(SplitPreviewBody, req.body ?? {})))
  })
  router.post('/api/parcels/split', async (req, res) => {
    const ctx = assertRight(req, 'parcel.edit')
    res.json(await splitParcel(deps, ctx, parse(SplitBody, req.body ?? {})))
  })
  router.post('/api/parcels/merge/preview', async (req, res) => {
    const ctx = assertRight(req, 'parcel.edit')
    res.json(await previewMerge(deps, ctx, parse(MergePreviewBody, req.body ?? {})))
  })
  router.post('/api/parcels/merge', async (req, res) => {
    const ctx = assertRight(req, 'parcel.edit')
    res.json(await mergeParcels(deps, ctx, parse(MergeBody, req.body ?? {})))
  })
  router.get('/api/parcels/deleted', requireRole(), async (req, res) => {
    const { adcode } = parse(DeletedParcelsQuery, req.query)
    res.json(await listDeletedParcelsFor(deps.db, req.auth!, adcode))
  })
  router.get('/api/parcels/:id/history', requireRole(), async (req, res) => {
    const { id } = parse(ParcelIdParams, req.params)
    res.json({ entries: await getParcelHistory(deps.db, req.auth!, id) })
  })
  router.post('/api/parcels/:id/restore', async (req, res) => {
    const ctx = assertRight(req, 'parcel.edit')
    const { id } = parse(ParcelIdParams, req.params)
    res.json(await restoreParcel(deps, ctx, id, parse(RestoreBody, req.body ?? {})))
  })
  router.get('/api/parcels/:id', requireRole(), async (req, res) => {
    const { id } = parse(ParcelIdParams, req.params)
    res.json(await getParcelForEdit(deps.db, req.auth!, id))
  })
  return router
}
