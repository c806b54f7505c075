import {
  checkEnterpriseRow,
  checkPlotRow,
  squareAround,
  type EnterpriseRow,
  type PlotRow,
  type RowProblem,
} from '../domain/registry-import.ts'
import { insertChange } from '../repos/registry.repo.ts'
import { insertPlotEvent } from '../repos/plots.repo.ts'
import { insertHistory } from '../repos/review.repo.ts'
import {
  findEnterprisesByCreditCode,
  findPlotsByCode,
  insertImportedEnterprise,
  insertImportedPlot,
} from '../repos/registry-import.repo.ts'
import { ENTERPRISE_LAYERS, proposeOnStatusChange } from './enterprises.service.ts'
import { checkOutlines, type OutlineResult } from './outline-check.service.ts'
import { PLOT_LAYERS } from './plots.service.ts'
import {
  isInScope,
  own,
  rowError,
  type Checked,
  type KindHandler,
  type OutlineFeature,
} from './registry-import-handler.ts'

/* The kinds with a site or outline: 重点监管单位 (a site outline or a square around a point) and 污染地块 (outlines). */

/** The outline features by join key; a key on two features, a feature without a key or a row, reported. */
function joinOutlines(
  kind: 'enterprises' | 'plots',
  outlines: OutlineFeature[],
  keys: Set<string>,
  errors: RowProblem[],
): Map<string, OutlineFeature> {
  const keyName = kind === 'plots' ? '地块编号' : '统一社会信用代码'
  const byKey = new Map<string, OutlineFeature>()
  for (const f of outlines) {
    const where = `边界文件第 ${f.index + 1} 个要素`
    if (!f.key) {
      errors.push({ row: null, column: '边界文件', message: `${where}没有“${keyName}”，无法与表格对应` })
      continue
    }
    if (byKey.has(f.key)) {
      errors.push({
        row: null,
        column: '边界文件',
        message: `${where}的${keyName}「${f.key}」与另一个要素重复，每个只能有一个边界`,
      })
      continue
    }
    byKey.set(f.key, f)
    if (!keys.has(f.key))
      errors.push({ row: null, column: '边界文件', message: `${where}（${keyName}「${f.key}」）在表格中没有对应的行` })
  }
  return byKey
}

/** Problems of a checked outline as row problems (the column is 边界). */
const outlineProblems = (row: number, result: OutlineResult & { ok: false }) =>
  result.problems.map((p) => rowError(row, '边界', `「边界」：${p.message}`))

export const enterprises: KindHandler<EnterpriseRow & { adcode: string; geometry: unknown }> = {
  layers: ENTERPRISE_LAYERS,
  async check(tx, ctx, rows, outlines, settings) {
    const errors: RowProblem[] = []
    const candidates: { row: number; value: EnterpriseRow; geometry: unknown }[] = []
    const checked = rows.map((r) => ({ r, c: checkEnterpriseRow(r.cells) }))
    const byKey = outlines
      ? joinOutlines(
          'enterprises',
          outlines,
          new Set(rows.map((r) => (r.cells.creditCode ?? '').toUpperCase()).filter(Boolean)),
          errors,
        )
      : new Map<string, OutlineFeature>()
    const seen = new Map<string, number>()
    for (const { r, c } of checked) {
      if (!c.ok) {
        errors.push(...c.problems.map((p) => rowError(r.row, p.column, p.message)))
        continue
      }
      const earlier = seen.get(c.value.creditCode)
      if (earlier !== undefined) {
        errors.push(
          rowError(r.row, '统一社会信用代码', `「统一社会信用代码」：${c.value.creditCode} 与第 ${earlier} 行重复`),
        )
        continue
      }
      seen.set(c.value.creditCode, r.row)
      const feature = byKey.get(c.value.creditCode)
      if (feature && c.value.position) {
        errors.push(rowError(r.row, '经度', '「经度」：已有场地边界文件中的边界，经纬度应留空'))
        continue
      }
      if (!feature && !c.value.position) {
        errors.push(rowError(r.row, '经度', '「经度」：没有场地边界时须填写经纬度'))
        continue
      }
      const geometry = feature ? feature.geometry : squareAround(c.value.position!.lon, c.value.position!.lat)
      if (feature && !geometry) {
        errors.push(rowError(r.row, '边界', `「边界」：边界文件第 ${feature.index + 1} 个要素没有几何图形`))
        continue
      }
      candidates.push({ row: r.row, value: c.value, geometry })
    }
    const stored = await findEnterprisesByCreditCode(
      tx,
      candidates.map((c) => c.value.creditCode),
    )
    const results = await checkOutlines(
      tx,
      candidates.map((c) => ({ geometry: c.geometry, where: '企业场地边界' })),
      {
        settings: { ...settings.siteOutline, minAreaM2: 0, minWidthM: 0, overlapToleranceM2: 0 },
        stages: { size: false, county: true, overlaps: false },
      },
    )
    const planned: Checked<EnterpriseRow & { adcode: string; geometry: unknown }>['planned'] = []
    candidates.forEach((c, i) => {
      const result = results[i]
      if (!result.ok) return errors.push(...outlineProblems(c.row, result))
      const { adcode, name } = result.county
      if (!isInScope(ctx, adcode))
        return errors.push(
          rowError(c.row, '经度', `「经度」：场地位于${name}（${adcode}），不在您的管辖范围（${own(ctx)}）内`),
        )
      const other = stored.find((s) => s.adcode === adcode && s.credit_code === c.value.creditCode)
      if (other)
        return errors.push(
          rowError(
            c.row,
            '统一社会信用代码',
            `「统一社会信用代码」：${c.value.creditCode} 在${name}已登记为“${other.name}”（编号 ${other.id}），不能重复登记`,
          ),
        )
      planned.push({ row: c.row, value: { ...c.value, adcode, geometry: result.geometry } })
    })
    return { planned, errors }
  },
  async write(tx, ctx, planned) {
    for (const e of planned) {
      const id = await insertImportedEnterprise(tx, e)
      await insertChange(tx, {
        adcode: e.adcode,
        entity: 'supervised_enterprise',
        entityId: id,
        action: 'create',
        actor: ctx.user.username,
        reason: '批量导入',
        before: null,
        after: {
          creditCode: e.creditCode,
          name: e.name,
          industry: e.industry,
          industryOther: e.industryOther,
          status: e.status,
          version: 1,
          geometry: e.geometry,
        },
      })
      await proposeOnStatusChange(tx, ctx, e.adcode, id, 'operating', e.status, e.name)
    }
  },
}

export const plots: KindHandler<PlotRow & { geometry: unknown }> = {
  layers: PLOT_LAYERS,
  async check(tx, ctx, rows, outlines, settings) {
    const errors: RowProblem[] = []
    const checked = rows.map((r) => ({ r, c: checkPlotRow(r.cells) }))
    const byKey = joinOutlines(
      'plots',
      outlines ?? [],
      new Set(rows.map((r) => (r.cells.code ?? '').toUpperCase()).filter(Boolean)),
      errors,
    )
    const stored = await findPlotsByCode(
      tx,
      checked.flatMap(({ c }) => (c.ok ? [c.value.code] : [])),
    )
    const seen = new Map<string, number>()
    const candidates: { row: number; value: PlotRow; geometry: unknown }[] = []
    for (const { r, c } of checked) {
      if (!c.ok) {
        errors.push(...c.problems.map((p) => rowError(r.row, p.column, p.message)))
        continue
      }
      const { code, adcode } = c.value
      const earlier = seen.get(code)
      if (earlier !== undefined) {
        errors.push(rowError(r.row, '地块编号', `「地块编号」：${code} 与第 ${earlier} 行重复`))
        continue
      }
      seen.set(code, r.row)
      if (!isInScope(ctx, adcode)) {
        errors.push(
          rowError(r.row, '地块编号', `「地块编号」：${code} 的区县代码 ${adcode} 不在您的管辖范围（${own(ctx)}）内`),
        )
        continue
      }
      const other = stored.find((s) => s.code === code && s.adcode === adcode)
      if (other) {
        errors.push(rowError(r.row, '地块编号', `「地块编号」：${code} 已登记为“${other.name}”，不能重复导入`))
        continue
      }
      const feature = byKey.get(code)
      if (!outlines) {
        errors.push(rowError(r.row, '边界', '「边界」：未上传地块边界文件（Shapefile 压缩包或 GeoPackage），无法导入'))
        continue
      }
      if (!feature) {
        errors.push(rowError(r.row, '边界', `「边界」：边界文件中没有地块编号为 ${code} 的要素`))
        continue
      }
      if (!feature.geometry) {
        errors.push(rowError(r.row, '边界', `「边界」：边界文件第 ${feature.index + 1} 个要素没有几何图形`))
        continue
      }
      candidates.push({ row: r.row, value: c.value, geometry: feature.geometry })
    }
    const results = await checkOutlines(
      tx,
      candidates.map((c) => ({ geometry: c.geometry, where: `地块 ${c.value.code} 的边界`, adcode: c.value.adcode })),
      { settings: settings.plotOutline, stages: { size: true, county: true, overlaps: false } },
    )
    const planned: Checked<PlotRow & { geometry: unknown }>['planned'] = []
    candidates.forEach((c, i) => {
      const result = results[i]
      if (!result.ok) return errors.push(...outlineProblems(c.row, result))
      planned.push({ row: c.row, value: { ...c.value, geometry: result.geometry } })
    })
    return { planned, errors }
  },
  async write(tx, ctx, planned, source) {
    for (const p of planned) {
      const id = await insertImportedPlot(tx, p, ctx.user.username)
      await insertPlotEvent(tx, {
        adcode: p.adcode,
        plotId: id,
        action: 'registry_import',
        from: null,
        to: p.status,
        riskLevel: null,
        document: null,
        reviewDocument: null,
        reason: source,
        actor: ctx.user.username,
      })
      await insertHistory(tx, {
        adcode: p.adcode,
        entity: 'contaminated_plot',
        entityId: id,
        action: 'create',
        actor: ctx.user.username,
        reason: source,
        before: null,
        after: {
          code: p.code,
          name: p.name,
          status: p.status,
          formerIndustry: p.formerIndustry,
          landUser: p.landUser,
          address: p.address,
          contact: p.contact,
          plannedLandClass: p.plannedLandClass,
          version: 1,
          geometry: p.geometry,
        },
      })
    }
  },
}
