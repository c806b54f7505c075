import type { MultiPolygon, Polygon } from 'geojson'
import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { LandClass } from '../domain/gb50137.ts'
import type { PlotDocument } from '../domain/plot-lifecycle.ts'

/** A plot as the registry reads it (find-plot / lock-plot). */
export interface PlotRow {
  id: number
  code: string
  name: string
  adcode: string
  county: string
  status: string
  risk_level: string | null
  former_industry: string | null
  former_industry_note: string | null
  land_user: string | null
  address: string | null
  contact: string | null
  planned_land_class: LandClass | null
  area_m2: number
  version: number
  review_status: string
  updated_at: Date
  updated_by: string | null
  updated_by_name: string | null
  is_generated: boolean
  geometry: MultiPolygon
}

export interface PlotListRow {
  id: number
  code: string
  name: string
  adcode: string
  county: string
  status: string
  risk_level: string | null
  review_status: string
  area_m2: number
  updated_at: Date
}

export interface PlotFacts {
  name: string
  formerIndustry: string | null
  /** What the former industry was when it is 其他 (null or absent otherwise). */
  formerIndustryNote?: string | null
  landUser: string | null
  address: string | null
  contact: string | null
  plannedLandClass: LandClass | null
}

export interface PlotEventRow {
  id: number
  action: string
  from_status: string | null
  to_status: string
  risk_level: string | null
  document: PlotDocument | null
  review_document: PlotDocument | null
  reason: string | null
  actor: string
  actor_name: string | null
  at: Date
}

export interface PollutantRow {
  id: number
  substance: string
  value_mg_kg: number
  sampled_on: string
  depth_m: number | null
  note: string | null
  created_by: string
  created_at: Date
}

export interface NegativeUseRow {
  use_code: string
  basis: string
  reason: string | null
  created_by: string
  created_at: Date
}

const json = (g: unknown) => JSON.stringify(g)

export async function listPlots(
  db: Queryable,
  adcodes: string[],
  statuses: string[] | null,
  q: string | null,
  limit: number,
): Promise<PlotListRow[]> {
  return (await db.query<PlotListRow>(sqlFile('plots/list-plots'), [adcodes, statuses, q, limit])).rows
}

export async function findPlot(db: Queryable, id: number): Promise<PlotRow | undefined> {
  return (await db.query<PlotRow>(sqlFile('plots/find-plot'), [id])).rows[0]
}

export async function lockPlot(tx: Queryable, id: number): Promise<PlotRow | undefined> {
  return (await tx.query<PlotRow>(sqlFile('plots/lock-plot'), [id])).rows[0]
}

export async function insertPlot(
  tx: Queryable,
  adcode: string,
  f: PlotFacts,
  geometry: Polygon | MultiPolygon,
  editor: string,
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(sqlFile('plots/insert-plot'), [
    adcode,
    f.name,
    f.formerIndustry,
    f.landUser,
    f.address,
    f.contact,
    f.plannedLandClass,
    json(geometry),
    editor,
    f.formerIndustryNote ?? null,
  ])
  return rows[0].id
}

export async function updatePlot(
  tx: Queryable,
  id: number,
  f: PlotFacts,
  geometry: Polygon | MultiPolygon | null,
  editor: string,
): Promise<number> {
  const { rows } = await tx.query<{ version: number }>(sqlFile('plots/update-plot'), [
    id,
    f.name,
    f.formerIndustry,
    f.landUser,
    f.address,
    f.contact,
    f.plannedLandClass,
    geometry ? json(geometry) : null,
    editor,
    f.formerIndustryNote ?? null,
  ])
  return rows[0].version
}

export async function setPlotStatus(
  tx: Queryable,
  id: number,
  status: string,
  riskLevel: string | null,
  editor: string,
): Promise<number> {
  return (await tx.query<{ version: number }>(sqlFile('plots/set-plot-status'), [id, status, riskLevel, editor]))
    .rows[0].version
}

export async function touchPlot(tx: Queryable, id: number, editor: string): Promise<number> {
  return (await tx.query<{ version: number }>(sqlFile('plots/touch-plot'), [id, editor])).rows[0].version
}

export async function insertPlotEvent(
  tx: Queryable,
  e: {
    adcode: string
    plotId: number
    action: string
    from: string | null
    to: string
    riskLevel: string | null
    document: PlotDocument | null
    reviewDocument: PlotDocument | null
    reason: string | null
    actor: string
  },
): Promise<{ id: number; at: Date }> {
  return (
    await tx.query(sqlFile('plots/insert-event'), [
      e.adcode,
      e.plotId,
      e.action,
      e.from,
      e.to,
      e.riskLevel,
      e.document ? json(e.document) : null,
      e.reviewDocument ? json(e.reviewDocument) : null,
      e.reason,
      e.actor,
    ])
  ).rows[0]
}

export async function listPlotEvents(db: Queryable, adcode: string, plotId: number): Promise<PlotEventRow[]> {
  return (await db.query<PlotEventRow>(sqlFile('plots/list-events'), [adcode, plotId])).rows
}

export async function listPollutants(db: Queryable, adcode: string, plotId: number): Promise<PollutantRow[]> {
  return (await db.query<PollutantRow>(sqlFile('plots/list-pollutants'), [adcode, plotId])).rows
}

export async function insertPollutant(
  tx: Queryable,
  adcode: string,
  plotId: number,
  p: {
    substance: string
    valueMgKg: number
    sampledOn: string
    depthM: number | null
    note: string | null
  },
  editor: string,
): Promise<number> {
  return (
    await tx.query<{ id: number }>(sqlFile('plots/insert-pollutant'), [
      adcode,
      plotId,
      p.substance,
      p.valueMgKg,
      p.sampledOn,
      p.depthM,
      p.note,
      editor,
    ])
  ).rows[0].id
}

export async function deletePollutant(tx: Queryable, adcode: string, plotId: number, id: number) {
  return (
    await tx.query<Omit<PollutantRow, 'created_by' | 'created_at'>>(sqlFile('plots/delete-pollutant'), [
      adcode,
      plotId,
      id,
    ])
  ).rows[0]
}

export async function listNegativeUses(db: Queryable, adcode: string, plotId: number): Promise<NegativeUseRow[]> {
  return (await db.query<NegativeUseRow>(sqlFile('plots/list-negative-uses'), [adcode, plotId])).rows
}

export async function insertNegativeUse(
  tx: Queryable,
  adcode: string,
  plotId: number,
  useCode: string,
  basis: string,
  reason: string,
  editor: string,
): Promise<void> {
  await tx.query(sqlFile('plots/insert-negative-use'), [adcode, plotId, useCode, basis, reason, editor])
}

export async function deleteNegativeUse(tx: Queryable, adcode: string, plotId: number, useCode: string): Promise<void> {
  await tx.query(sqlFile('plots/delete-negative-use'), [adcode, plotId, useCode])
}

export async function listPlotZones(
  db: Queryable,
  adcode: string,
  plotId: number,
): Promise<{ id: number; code: string; name: string; review_status: string }[]> {
  return (await db.query(sqlFile('plots/list-plot-zones'), [adcode, plotId])).rows
}

export async function reopenPlot(tx: Queryable, id: number): Promise<void> {
  await tx.query(sqlFile('plots/reopen-plot'), [id])
}

export async function setPublishedNegativeUses(
  tx: Queryable,
  adcode: string,
  plotId: number,
  uses: { useCode: string; basis: string }[],
): Promise<void> {
  await tx.query(sqlFile('plots/set-published-negative-uses'), [adcode, plotId, JSON.stringify(uses)])
}
