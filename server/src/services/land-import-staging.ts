import type { Database } from '../db/database.ts'
import {
  checkFeatureAttributes,
  mappedValues,
  stagedValues,
  type FieldMap,
  type LandImportChecks,
} from '../domain/land-import.ts'
import {
  checkYjjbntAttributes,
  mappedYjjbntValues,
  stagedYjjbntValues,
  type YjjbntFieldMap,
} from '../domain/land-import-yjjbnt.ts'
import { stageFeatures, type StagedFeature } from '../repos/land-import.repo.ts'
import { readLayerFeatures, type LayerFeature, type LayerFileInfo, type LayerFileInput } from './layer-file.ts'
import type { LandImportSettings } from './land-import.service.ts'

/** What to stage: the import, its county and kind, the file read and how its columns and CRS are taken. */
export interface StagingJob {
  importId: number
  adcode: string
  kind: 'dltb' | 'yjjbnt'
  input: LayerFileInput
  info: LayerFileInfo
  map: FieldMap | YjjbntFieldMap
  /** The CRS the geometries are read in (transformed to EPSG:4490 by PostGIS). */
  epsg: number
  checks: LandImportChecks
}

/**
 * Reads the layer in batches, maps and checks each feature's attributes in TypeScript (the rules of
 * domain/land-import.ts) and stages the batches with their geometry into the import's staging rows.
 */
export async function stageLayer(db: Database, settings: LandImportSettings, job: StagingJob): Promise<void> {
  let seq = 0
  const features = readLayerFeatures(
    job.input,
    {
      guard: settings.uploadGuard,
      layer: job.info.layer.name,
      encoding: job.info.encoding?.encoding,
      geometryAs: 'wkb',
    },
    settings.batchSize,
  )
  const toStaged = (f: LayerFeature): StagedFeature => {
    if (job.kind === 'yjjbnt') {
      const values = mappedYjjbntValues(f.properties, job.map as YjjbntFieldMap)
      const problems = checkYjjbntAttributes(values, { adcode: job.adcode })
      return {
        seq: ++seq,
        attrs: f.properties,
        values: stagedYjjbntValues(values),
        geometry: f.geometry,
        target: 'farmland',
        problems,
      }
    }
    const values = mappedValues(f.properties, job.map as FieldMap)
    const { target, problems } = checkFeatureAttributes(values, {
      adcode: job.adcode,
      farmlandCodes: job.checks.farmlandCodes,
    })
    return { seq: ++seq, attrs: f.properties, values: stagedValues(values), geometry: f.geometry, target, problems }
  }
  async function* staged() {
    for await (const batch of features) yield batch.map(toStaged)
  }
  await stageFeatures(db, { importId: job.importId, adcode: job.adcode, epsg: job.epsg }, staged())
}
