import { AppError } from '../domain/errors.ts'
import {
  checkPointRow,
  checkResultRow,
  sampleNote,
  type PointRow,
  type ResultRow,
  type RowProblem,
} from '../domain/registry-import.ts'
import { landUseName } from '../domain/monitoring.ts'
import { findPointsByCode, insertPoint } from '../repos/monitoring.repo.ts'
import { insertPollutant, reopenPlot, touchPlot } from '../repos/plots.repo.ts'
import { insertHistory } from '../repos/review.repo.ts'
import { findPlotsByCode, findPollutantKeys, locatePositions, type CodedPlot } from '../repos/registry-import.repo.ts'
import { POINT_LAYER } from './monitoring.service.ts'
import { PLOT_LAYERS } from './plots.service.ts'
import { todayInBeijing } from './plot-writes.ts'
import { isInScope, own, rowError, type Checked, type KindHandler } from './registry-import-handler.ts'

/* The kinds at points: 监测点位 and the laboratory results of a plot's samples (GB 36600-2018 substances). */

interface PlannedPoint extends PointRow {
  adcode: string
  lon: number
  lat: number
  townshipCode: string | null
  landUse: string | null
}

export const points: KindHandler<PlannedPoint> = {
  layers: [POINT_LAYER],
  async check(tx, ctx, rows) {
    const errors: RowProblem[] = []
    const candidates: { row: number; value: PointRow }[] = []
    for (const r of rows) {
      const c = checkPointRow(r.cells)
      if (c.ok) candidates.push({ row: r.row, value: c.value })
      else errors.push(...c.problems.map((p) => rowError(r.row, p.column, p.message)))
    }
    const located = await locatePositions(
      tx,
      candidates.map((c) => c.value.position),
    )
    const stored = await findPointsByCode(tx, [...new Set(candidates.map((c) => c.value.code))])
    const seen = new Map<string, number>()
    const planned: Checked<PlannedPoint>['planned'] = []
    candidates.forEach((c, i) => {
      const at = located[i]
      const column = 'lon' in c.value.position ? '经度' : 'X坐标'
      const where =
        'lon' in c.value.position
          ? `经度 ${c.value.position.lon}、纬度 ${c.value.position.lat}`
          : `X ${c.value.position.x}、Y ${c.value.position.y}（EPSG:${c.value.position.epsg}，换算为经度 ${at.lon.toFixed(6)}、纬度 ${at.lat.toFixed(6)}）`
      if (!at.adcode || !at.county)
        return errors.push(rowError(c.row, column, `「${column}」：位置（${where}）不在任何已登记的区县内，请核对坐标`))
      if (!isInScope(ctx, at.adcode))
        return errors.push(
          rowError(c.row, column, `「${column}」：位置（${where}）在${at.county}，不在您的管辖范围（${own(ctx)}）内`),
        )
      const prefix = /^(\d{6})-/.exec(c.value.code)?.[1]
      if (prefix && prefix !== at.adcode)
        return errors.push(
          rowError(
            c.row,
            '点位编号',
            `「点位编号」：${c.value.code} 以其他区县的代码 ${prefix} 开头，而点位位于${at.county}（${at.adcode}）`,
          ),
        )
      const key = `${at.adcode}|${c.value.code}`
      if (seen.has(key))
        return errors.push(rowError(c.row, '点位编号', `「点位编号」：${c.value.code} 与第 ${seen.get(key)} 行重复`))
      seen.set(key, c.row)
      if (stored.some((s) => s.adcode === at.adcode && s.code === c.value.code))
        return errors.push(
          rowError(c.row, '点位编号', `「点位编号」：${at.county}已有编号为 ${c.value.code} 的监测点位，不能重复导入`),
        )
      planned.push({
        row: c.row,
        value: {
          ...c.value,
          adcode: at.adcode,
          lon: at.lon,
          lat: at.lat,
          townshipCode: at.township_code,
          landUse: at.parcel_dlbm,
        },
      })
    })
    return { planned, errors }
  },
  async write(tx, ctx, planned) {
    for (const p of planned) {
      const id = await insertPoint(tx, {
        adcode: p.adcode,
        code: p.code,
        name: p.name,
        level: p.level,
        type: p.type,
        status: p.status,
        townshipCode: p.townshipCode,
        landUse: p.landUse,
        soilType: null,
        lon: p.lon,
        lat: p.lat,
        createdBy: ctx.user.username,
      })
      if (id === null) throw new AppError('CONFLICT', `监测点位 ${p.code} 刚被他人登记，请重新检查后导入`)
      await insertHistory(tx, {
        adcode: p.adcode,
        entity: 'monitoring_point',
        entityId: id,
        action: 'create',
        actor: ctx.user.username,
        reason: '批量导入',
        before: null,
        after: {
          code: p.code,
          name: p.name,
          level: p.level,
          type: p.type,
          status: p.status,
          landUse: p.landUse,
          landUseName: landUseName(p.landUse),
          townshipCode: p.townshipCode,
          lon: p.lon,
          lat: p.lat,
        },
      })
    }
  },
}

interface PlannedResult extends ResultRow {
  plot: CodedPlot
}

const resultKey = (plotId: number, substance: string, sampledOn: string, depthM: number | null, note: string | null) =>
  [plotId, substance, sampledOn, depthM === null ? '' : String(Number(depthM)), note ?? ''].join('|')

export const plotResults: KindHandler<PlannedResult> = {
  layers: PLOT_LAYERS,
  async check(tx, ctx, rows) {
    const errors: RowProblem[] = []
    const today = todayInBeijing()
    const checked = rows.map((r) => ({ r, c: checkResultRow(r.cells, today) }))
    const plotsFound = (
      await findPlotsByCode(tx, [...new Set(checked.flatMap(({ c }) => (c.ok ? [c.value.plotCode] : [])))])
    ).filter((p) => isInScope(ctx, p.adcode))
    const stored = new Set(
      (await findPollutantKeys(tx, plotsFound)).map((k) =>
        resultKey(Number(k.plot_id), k.substance, k.sampled_on, k.depth_m, k.note),
      ),
    )
    const seen = new Map<string, number>()
    const planned: Checked<PlannedResult>['planned'] = []
    for (const { r, c } of checked) {
      if (!c.ok) {
        errors.push(...c.problems.map((p) => rowError(r.row, p.column, p.message)))
        continue
      }
      const v = c.value
      const matches = plotsFound.filter((p) => p.code === v.plotCode)
      if (matches.length !== 1) {
        errors.push(rowError(r.row, '地块编号', `「地块编号」：您管辖的区县中没有编号为 ${v.plotCode} 的地块`))
        continue
      }
      const plot = matches[0]
      if (plot.review_status === 'submitted' || plot.review_status === 'approved') {
        errors.push(
          rowError(r.row, '地块编号', `「地块编号」：地块 ${plot.code}“${plot.name}”正在审定中，不能导入检测结果`),
        )
        continue
      }
      const key = resultKey(Number(plot.id), v.substance.key, v.sampledOn, v.depthM, sampleNote(v.sampleId))
      const what = `地块 ${plot.code} 样品 ${v.sampleId}（${v.sampledOn}${v.depthM === null ? '' : `，${v.depthM} 米`}）的${v.substance.name}`
      if (stored.has(key)) {
        errors.push(rowError(r.row, '污染物', `「污染物」：${what}已录入，不能重复导入`))
        continue
      }
      if (seen.has(key)) {
        errors.push(rowError(r.row, '污染物', `「污染物」：${what}与第 ${seen.get(key)} 行重复`))
        continue
      }
      seen.set(key, r.row)
      planned.push({ row: r.row, value: { ...v, plot } })
    }
    return { planned, errors }
  },
  async write(tx, ctx, planned) {
    const reopened = new Set<number>()
    for (const p of planned) {
      const plotId = Number(p.plot.id)
      const values = {
        substance: p.substance.key,
        valueMgKg: p.valueMgKg,
        sampledOn: p.sampledOn,
        depthM: p.depthM,
        note: sampleNote(p.sampleId),
      }
      const id = await insertPollutant(tx, p.plot.adcode, plotId, values, ctx.user.username)
      let reviewStatus = reopened.has(plotId) ? 'draft' : p.plot.review_status
      if (reviewStatus === 'published') {
        await reopenPlot(tx, plotId)
        reviewStatus = 'draft'
      }
      reopened.add(plotId)
      const before = await touchPlot(tx, plotId, ctx.user.username)
      await insertHistory(tx, {
        adcode: p.plot.adcode,
        entity: 'contaminated_plot',
        entityId: plotId,
        action: 'pollutant',
        actor: ctx.user.username,
        reason: '批量导入',
        before: { version: before - 1 },
        after: { version: before, reviewStatus, added: { id, ...values, name: p.substance.name } },
      })
    }
  },
}
