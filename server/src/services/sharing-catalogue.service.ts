import type { Database } from '../db/database.ts'
import { HOLDER_KINDS, type HolderKind } from '../domain/ogc-access.ts'
import { queryablesOf } from '../domain/ogc-queryables.ts'
import { can } from '../domain/rights.ts'
import type { Role } from '../domain/roles.ts'
import { scopeAdcodes, type ScopedActor } from '../domain/scope.ts'
import { crsLabel, fieldTypeLabel } from '../domain/sharing-catalogue.ts'
import { listActiveKeys, summarizeCollection, type ActiveKeyRow } from '../repos/sharing-catalogue.repo.ts'
import type {
  CatalogueCollection,
  CatalogueField,
  CatalogueKeyHolder,
  SharingCatalogueResponse,
} from '../../../contracts/sharing-catalogue.ts'
import { COLLECTION_CRS, type OgcService } from './ogc.service.ts'

/** The signed-in staff member reading the catalogue. */
interface Actor extends ScopedActor {
  user: ScopedActor['user'] & { role: Role }
}

const ACCESS_LABEL = { public: '公开', internal: '内部' } as const

/** The fields of a collection's features, from the property dictionary of the service. */
function fieldsOf(id: string): CatalogueField[] {
  return (queryablesOf(id)?.properties ?? []).map((p) => {
    const type = p.format ?? p.type
    return { name: p.name, title: p.title, meaning: p.description, type, typeLabel: fieldTypeLabel(type) }
  })
}

function holderOf(row: ActiveKeyRow): CatalogueKeyHolder {
  return {
    holder: row.holder,
    holderKind: row.holder_kind as HolderKind,
    holderKindLabel: HOLDER_KINDS[row.holder_kind as HolderKind] ?? row.holder_kind,
    expiresAt: row.expires_at.toISOString(),
    counties: row.county_names ?? [],
  }
}

/**
 * 资源共享目录: what the data sharing service (OGC API - Features) shares and how — each collection with its fields
 * and their meaning, its last change, its features within the reader's counties (all of a public one), the CRSs it
 * is served in, its address, and the active keys issued for it; the holders by name only to those who manage keys.
 */
export class SharingCatalogueService {
  constructor(
    private readonly db: Database,
    private readonly ogc: OgcService,
  ) {}

  /** The catalogue as `actor` sees it; `serviceUrl` is the service's landing page as the reader's browser reaches it. */
  async catalogue(actor: Actor, serviceUrl: string): Promise<SharingCatalogueResponse> {
    const adcodes = scopeAdcodes(actor)
    const canManageKeys = can(actor.user.role, 'ogcKey.manage')
    const keys = await listActiveKeys(this.db, adcodes)
    const crs = (await this.ogc.offeredCrs()).map((uri) => ({ uri, label: crsLabel(uri) }))
    const storageCrs = { uri: COLLECTION_CRS.storageCrs, label: crsLabel(COLLECTION_CRS.storageCrs) }
    const countyNames = actor.user.counties.map((c) => c.name).join('、') || '无'
    const collections: CatalogueCollection[] = []
    for (const c of this.ogc.collections) {
      const summary = await summarizeCollection(this.db, c.id, adcodes)
      const holders = keys.filter((k) => k.collections.includes(c.id)).map(holderOf)
      collections.push({
        id: c.id,
        title: c.title,
        description: c.description,
        access: c.access,
        accessLabel: ACCESS_LABEL[c.access],
        url: `${serviceUrl}/collections/${c.id}`,
        fields: fieldsOf(c.id),
        updatedAt: summary?.changedAt?.toISOString() ?? null,
        featureCount: summary?.features ?? null,
        countScope: c.access === 'public' ? '全部公开数据' : `您管辖的区县：${countyNames}`,
        crs,
        storageCrs,
        keys: { count: holders.length, holders: canManageKeys ? holders : null },
      })
    }
    return { serviceUrl, canManageKeys, collections }
  }
}
