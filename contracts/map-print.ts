import { z } from 'zod'
import { ORIENTATIONS, PAPERS } from '../server/src/domain/map-print-layout.ts'
import { isoDate } from './fields.ts'

/** Largest map picture a print may carry (a PNG of an A3 frame at 150 dpi is 1–6 MB). */
export const MAP_PRINT_MAX_IMAGE_BYTES = 12 * 1024 * 1024
/** Most legend entries a sheet lists. */
export const MAP_PRINT_MAX_LEGEND = 80
export const MAP_PRINT_TITLE_MAX = 40
export const MAP_PRINT_UNIT_MAX = 30

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}最多 ${max} 个字`)

const lon = z
  .number({ error: '地图范围的经度应为数字' })
  .min(-180, '经度应在 -180 到 180 之间')
  .max(180, '经度应在 -180 到 180 之间')
const lat = z
  .number({ error: '地图范围的纬度应为数字' })
  .min(-85, '纬度应在 -85 到 85 之间')
  .max(85, '纬度应在 -85 到 85 之间')

/** One legend entry of the sheet: as the layer panel shows it. */
const PrintLegendItem = z.object({
  label: z.string({ error: '图例名称应为文字' }).trim().min(1, '图例名称不能为空').max(40, '图例名称最多 40 个字'),
  color: z
    .string({ error: '图例颜色应为文字' })
    .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, '图例颜色应为 #RRGGBB 形式的十六进制颜色'),
  kind: z.enum(['fill', 'line', 'circle', 'hatch'], { error: '图例符号应为 fill、line、circle 或 hatch' }),
})

/**
 * `POST /api/map-prints`, the form field `sheet` (JSON): paper, orientation, title, unit, date, the legend of the
 * layers shown and the extent of the map frame in degrees; the map picture itself is the PNG file of field `file`.
 */
export const MapPrintSheet = z.object({
  paper: z.enum(PAPERS, { error: `纸张应为 ${PAPERS.join(' 或 ')}` }),
  orientation: z.enum(ORIENTATIONS, { error: '方向应为 portrait（纵向）或 landscape（横向）' }),
  title: text('图名', MAP_PRINT_TITLE_MAX),
  unit: text('制图单位', MAP_PRINT_UNIT_MAX),
  date: isoDate('制图日期'),
  bbox: z
    .tuple([lon, lat, lon, lat], { error: '地图范围应为 [西, 南, 东, 北] 四个经纬度' })
    .refine(([w, s, e, n]) => w < e && s < n, '地图范围的西边应小于东边、南边应小于北边'),
  legend: z
    .array(PrintLegendItem, { error: '图例应为列表' })
    .max(MAP_PRINT_MAX_LEGEND, `图例最多 ${MAP_PRINT_MAX_LEGEND} 项`),
})
export type MapPrintSheet = z.infer<typeof MapPrintSheet>
