import { Router } from 'express'
import { z } from 'zod'
import { assessSoilSample, SOIL_GRADE_LABEL } from '../domain/assess-sample.ts'
import { ELEMENT_NAME, LAND_USES, SOIL_ELEMENTS, type Element } from '../domain/gb15618.ts'
import { requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'

const elementList = SOIL_ELEMENTS.map((e) => `${e}（${ELEMENT_NAME[e]}）`).join('、')

function elementField(element: Element) {
  const label = `${ELEMENT_NAME[element]}（${element}）含量`
  return z
    .number({ error: `${label}应为数字（mg/kg）` })
    .min(0, `${label}不能为负数`)
    .max(1_000_000, `${label}不能超过 1000000 mg/kg`)
    .optional()
}

const valuesField = z.strictObject(
  Object.fromEntries(SOIL_ELEMENTS.map((e) => [e, elementField(e)])) as Record<
    Element,
    ReturnType<typeof elementField>
  >,
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `元素含量（values）中有未知元素：${issue.keys.join('、')}；可填：${elementList}`
        : `元素含量（values）应为对象，如 {"Cd": 0.45}；可填：${elementList}`,
  },
)

const soilSampleBody = z.object(
  {
    landUse: z.enum(LAND_USES, { error: `土地利用类型（landUse）应为：${LAND_USES.join('、')}` }),
    rotation: z.boolean({ error: '水旱轮作（rotation）应为 true 或 false' }).default(false),
    ph: z
      .number({ error: '土壤 pH（ph）应为数字或 null' })
      .min(0, '土壤 pH（ph）应在 0–14 之间')
      .max(14, '土壤 pH（ph）应在 0–14 之间')
      .nullable()
      .default(null),
    values: valuesField,
  },
  { error: '请求内容应为对象：{landUse, rotation, ph, values}' },
)

/** Point assessment under GB 15618-2018 for other systems and our own checks (staff session). */
export function assessRoutes(): Router {
  const router = Router()
  router.post('/api/assess/soil-sample', requireRole(), (req, res) => {
    const input = parse(soilSampleBody, req.body ?? {})
    const result = assessSoilSample(input)
    res.json({
      grade: result.grade === 'review' ? SOIL_GRADE_LABEL.review : result.grade,
      items: result.items,
      reasons: result.reasons,
    })
  })
  return router
}
