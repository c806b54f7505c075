import type { Problem } from './errors.ts'
import { INDUSTRY, industryNameOf } from './labels.ts'

/** A plot's former industry (原行业类别): one of the list, or 其他 with the officer's words for it. */
export type PlotIndustry = keyof typeof INDUSTRY | 'other'

/** Every former industry a plot may have, 其他 last. */
export const PLOT_INDUSTRIES = [...Object.keys(INDUSTRY), 'other'] as unknown as [PlotIndustry, ...PlotIndustry[]]

/** Longest 其他行业说明, in characters. */
export const INDUSTRY_NOTE_MAX = 100

/** The note kept with a former industry: the trimmed words for 其他, nothing for a listed industry. */
export function industryNoteOf(industry: string | null, note: string | null | undefined): string | null {
  if (industry !== 'other') return null
  const trimmed = note?.trim() ?? ''
  return trimmed === '' ? null : trimmed
}

/** What is wrong with a former industry and its note: 其他 needs the officer's words for it. */
export function industryNoteProblems(industry: string | null, note: string | null | undefined): Problem[] {
  if (industry !== 'other' || industryNoteOf(industry, note)) return []
  return [
    {
      code: 'INDUSTRY_NOTE_REQUIRED',
      field: 'formerIndustryNote',
      message: '原行业类别选了“其他”，请在“其他行业说明”中写明原来是什么行业（如：木材加工）',
    },
  ]
}

/** A former industry as an officer reads it: 化工, or 其他（木材加工）; — when unknown. */
export function plotIndustryName(industry: string | null, note: string | null): string {
  return industry ? industryNameOf(industry, note) : '—'
}
