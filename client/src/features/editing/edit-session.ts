import type { MultiPolygon, Polygon } from 'geojson'
import type { ParcelAttributes, ParcelChange, ParcelFeature } from '@contracts/editing'
import { areaM2, isSameGeometry } from './parcel-geometry'
import type { StoreId } from './parcel-draw'

/** An existing parcel taken into the edit: what it was, its parts in the store, changed attributes, or deleted. */
export interface EditedParcel {
  feature: ParcelFeature
  storeIds: StoreId[]
  attributes: Partial<ParcelAttributes> | null
  isDeleted: boolean
}

/** A new parcel drawn in this edit, with its attributes once the form is filled. */
export interface DraftParcel {
  storeId: StoreId
  attributes: ParcelAttributes | null
}

/** Everything the officer has taken into the edit and not saved yet. */
export interface EditSession {
  parcels: EditedParcel[]
  drafts: DraftParcel[]
}

/** Nothing being edited. */
export const EMPTY_SESSION: EditSession = { parcels: [], drafts: [] }

/** An existing parcel opened for editing (replaces an earlier entry of the same parcel). */
export function withOpenedParcel(session: EditSession, feature: ParcelFeature, storeIds: StoreId[]): EditSession {
  return {
    ...session,
    parcels: [
      ...session.parcels.filter((p) => p.feature.id !== feature.id),
      { feature, storeIds, attributes: null, isDeleted: false },
    ],
  }
}

/** A parcel marked for deletion (its own edits are dropped). */
export function withDeletedParcel(session: EditSession, feature: ParcelFeature): EditSession {
  return {
    ...session,
    parcels: [
      ...session.parcels.filter((p) => p.feature.id !== feature.id),
      { feature, storeIds: [], attributes: null, isDeleted: true },
    ],
  }
}

/** Changed attributes of an existing parcel. */
export function withParcelAttributes(
  session: EditSession,
  parcelId: number,
  attributes: Partial<ParcelAttributes>,
): EditSession {
  return { ...session, parcels: session.parcels.map((p) => (p.feature.id === parcelId ? { ...p, attributes } : p)) }
}

/** A parcel dropped from the edit (its changes are discarded). */
export function withoutParcel(session: EditSession, parcelId: number): EditSession {
  return { ...session, parcels: session.parcels.filter((p) => p.feature.id !== parcelId) }
}

/** A new polygon drawn (no attributes yet). */
export function withDraft(session: EditSession, storeId: StoreId): EditSession {
  if (session.drafts.some((d) => d.storeId === storeId)) return session
  return { ...session, drafts: [...session.drafts, { storeId, attributes: null }] }
}

/** The attributes of a new parcel. */
export function withDraftAttributes(session: EditSession, storeId: StoreId, attributes: ParcelAttributes): EditSession {
  return { ...session, drafts: session.drafts.map((d) => (d.storeId === storeId ? { ...d, attributes } : d)) }
}

/** A new parcel dropped. */
export function withoutDraft(session: EditSession, storeId: StoreId): EditSession {
  return { ...session, drafts: session.drafts.filter((d) => d.storeId !== storeId) }
}

/** Ids of the existing parcels in the edit (hidden in the tiles while edited). */
export function editedParcelIds(session: EditSession): number[] {
  return session.parcels.map((p) => p.feature.id)
}

/** One entry of 待保存的修改. */
export interface PendingItem {
  key: string
  op: 'create' | 'update' | 'delete'
  parcelId: number | null
  storeId: StoreId | null
  code: string | null
  areaM2: number
  /** Current geometry (null for a deletion). */
  geometry: Polygon | MultiPolygon | null
  /** The change to send; null while a new parcel has no attributes. */
  change: ParcelChange | null
}

function changedAttributes(parcel: EditedParcel): Partial<ParcelAttributes> | null {
  if (!parcel.attributes) return null
  const props = parcel.feature.properties as unknown as Record<string, unknown>
  const changed = Object.entries(parcel.attributes).filter(([key, value]) => (value ?? null) !== (props[key] ?? null))
  return changed.length ? (Object.fromEntries(changed) as Partial<ParcelAttributes>) : null
}

/**
 * The changes of the edit, in the order they are sent: updates and deletions of existing parcels, then new
 * parcels. `readGeometry` reads the current geometry of store features (null when gone, e.g. undone).
 */
export function pendingItems(
  session: EditSession,
  readMulti: (ids: readonly StoreId[]) => MultiPolygon | null,
  readPolygon: (id: StoreId) => Polygon | null,
): PendingItem[] {
  const items: PendingItem[] = []
  for (const parcel of session.parcels) {
    const { id, properties } = parcel.feature
    const base = { parcelId: id, storeId: null, code: properties.code }
    if (parcel.isDeleted) {
      items.push({
        ...base,
        key: `delete-${id}`,
        op: 'delete',
        areaM2: properties.areaM2,
        geometry: null,
        change: { op: 'delete', id, version: properties.version },
      })
      continue
    }
    const geometry = readMulti(parcel.storeIds)
    const isMoved = geometry !== null && !isSameGeometry(geometry, parcel.feature.geometry)
    const attributes = changedAttributes(parcel)
    if (!isMoved && !attributes) continue
    const current = isMoved ? geometry : parcel.feature.geometry
    items.push({
      ...base,
      key: `update-${id}`,
      op: 'update',
      areaM2: areaM2(current),
      geometry: current,
      change: {
        op: 'update',
        id,
        version: properties.version,
        ...(isMoved ? { geometry } : {}),
        ...(attributes ? { attributes } : {}),
      },
    })
  }
  for (const draft of session.drafts) {
    const geometry = readPolygon(draft.storeId)
    if (!geometry) continue
    items.push({
      key: `create-${draft.storeId}`,
      op: 'create',
      parcelId: null,
      storeId: draft.storeId,
      code: null,
      areaM2: areaM2(geometry),
      geometry,
      change: draft.attributes
        ? { op: 'create', geometry, attributes: draft.attributes, classMode: 'recompute' }
        : null,
    })
  }
  return items
}
