import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'

export interface RedevelopmentPlotRow {
  id: number
  adcode: string
  county: string
  code: string
  name: string
  status: string
  area_m2: number
  was_confirmed: boolean
}

export interface RedevelopmentRow {
  id: number
  adcode: string
  plot_id: number | null
  plot_code: string
  plot_name: string
  year: number
  planned_use: string
  area_m2: number
  meets_requirement: boolean
  basis: string
  used_on: string | null
  approval_ref: string | null
  note: string | null
  document_id: number | null
  document_title: string | null
  document_file_name: string | null
  version: number
  is_generated: boolean
  updated_by: string
  updated_by_name: string | null
  updated_at: Date
}

export interface RedevelopmentListRow {
  adcode: string
  plot_code: string
  plot_name: string
  planned_use: string
  used_on: string | null
  year: number
  meets_requirement: boolean
  approval_ref: string | null
  note: string | null
  basis: string
  is_generated: boolean
}

export interface NewRedevelopment {
  adcode: string
  plotId: number
  plotCode: string
  plotName: string
  usedOn: string
  plannedUse: string
  areaM2: number
  targetsMet: boolean
  basis: string
  approvalRef: string | null
  documentId: number | null
  note: string | null
}

export async function findRedevelopmentPlots(
  db: Queryable,
  ids: number[] | null,
  codes: string[] | null,
): Promise<RedevelopmentPlotRow[]> {
  return (await db.query<RedevelopmentPlotRow>(sqlFile('redevelopment/find-plots'), [ids ?? [], codes ?? []])).rows
}

export async function findRedevelopment(
  db: Queryable,
  adcode: string,
  plotCode: string,
): Promise<RedevelopmentRow | null> {
  return (await db.query<RedevelopmentRow>(sqlFile('redevelopment/find-record'), [adcode, plotCode])).rows[0] ?? null
}

export async function lockRedevelopment(
  tx: Queryable,
  adcode: string,
  plotCode: string,
): Promise<{ id: number; version: number; updated_by: string; updated_at: Date } | null> {
  return (await tx.query(sqlFile('redevelopment/lock-record'), [adcode, plotCode])).rows[0] ?? null
}

export async function insertRedevelopments(tx: Queryable, rows: NewRedevelopment[], who: string): Promise<void> {
  if (!rows.length) return
  await tx.query(sqlFile('redevelopment/insert-records'), [
    rows.map((r) => r.adcode),
    rows.map((r) => r.plotId),
    rows.map((r) => r.plotCode),
    rows.map((r) => r.plotName),
    rows.map((r) => r.usedOn),
    rows.map((r) => r.plannedUse),
    rows.map((r) => r.areaM2),
    rows.map((r) => r.targetsMet),
    rows.map((r) => r.basis),
    rows.map((r) => r.approvalRef),
    rows.map((r) => r.documentId),
    who,
    rows.map((r) => r.note),
  ])
}

export async function updateRedevelopment(tx: Queryable, r: NewRedevelopment, who: string): Promise<number> {
  const { rows } = await tx.query<{ version: number }>(sqlFile('redevelopment/update-record'), [
    r.adcode,
    r.plotCode,
    r.usedOn,
    r.plannedUse,
    r.targetsMet,
    r.basis,
    r.approvalRef,
    r.documentId,
    who,
    r.note,
  ])
  return rows[0].version
}

export async function listRedevelopments(db: Queryable, adcodes: string[]): Promise<RedevelopmentListRow[]> {
  return (await db.query<RedevelopmentListRow>(sqlFile('redevelopment/list-records'), [adcodes])).rows
}
