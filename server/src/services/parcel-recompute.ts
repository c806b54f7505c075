import type { Queryable } from '../db/database.ts'
import { DEFAULT_RULE_SET, type ClassRuleSet } from '../domain/class-rules.ts'
import { findRuleSet } from '../repos/classification.repo.ts'
import type { NewEntry } from '../repos/classification-entries.repo.ts'
import { findParcelEvidenceByIds, listPointSamplesByIds } from '../repos/parcels.repo.ts'
import { classifyEvidence, gradePoint } from './classification-runner.ts'

/**
 * The class of parcels from the monitoring evidence, with the default rule set, as entries of a class list; the
 * basis says it was recomputed after an edit (and from which parcels, for split and merge results).
 */
export async function recomputeEntries(
  tx: Queryable,
  adcode: string,
  ids: number[],
  from: string[] | undefined,
): Promise<{ rules: ClassRuleSet; entries: NewEntry[] }> {
  const stored = await findRuleSet(tx, null)
  const rules: ClassRuleSet = stored ? { ...(stored.rules as ClassRuleSet), version: stored.version } : DEFAULT_RULE_SET
  const evidence = await findParcelEvidenceByIds(
    tx,
    adcode,
    ids,
    rules.interpolation.maxDistanceM,
    rules.interpolation.maxSamples,
  )
  const pointIds = [...new Set(evidence.flatMap((e) => [...e.inside_ids, ...e.near_ids]))]
  const graded = new Map(
    (await listPointSamplesByIds(tx, adcode, pointIds)).map((r) => [Number(r.id), gradePoint(r, rules)]),
  )
  const entries = evidence.map((e): NewEntry => {
    const entry = classifyEvidence(e, graded, rules)
    return {
      ...entry,
      basis: {
        ...(entry.basis as object),
        edit: { mode: 'recompute', ruleSetVersion: rules.version, ...(from ? { from } : {}) },
      },
    }
  })
  return { rules, entries }
}
