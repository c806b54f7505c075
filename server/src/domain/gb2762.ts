/** Contaminants of GB 2762 that count for 农产品协同监测 (mg/kg fresh weight). */
export const CROP_CONTAMINANTS = ['Cd', 'Pb', 'As', 'Hg', 'Cr'] as const
export type CropContaminant = (typeof CROP_CONTAMINANTS)[number]

/**
 * Food groups with their own limits. 稻谷 is measured as 糙米. 叶菜 etc. are the vegetable groups that depart
 * from the general fresh-vegetable limit for Cd or Pb (docs/domain-notes.md §3.3).
 */
export const CROP_GROUPS = [
  '稻谷',
  '糙米',
  '大米',
  '小麦玉米及其他谷物',
  '新鲜蔬菜',
  '叶菜蔬菜',
  '豆类蔬菜',
  '块根和块茎蔬菜',
  '薯类',
  '茎类蔬菜',
  '芹菜',
  '黄花菜',
  '芸薹类蔬菜',
  '生姜',
] as const
export type CropGroup = (typeof CROP_GROUPS)[number]

/** Verification state of an edition's transcription (docs/domain-notes.md §3.3): nothing here was checked against the official text. */
export type EditionStatus = 'unverified'

export interface Gb2762Limit {
  value: number
  /** What the value applies to, e.g. '无机砷' for rice, '总砷' otherwise. */
  form?: string
  /** Table row as cited, e.g. 'GB 2762-2022 镉 稻谷（以糙米计）'. */
  basis: string
}

export interface Gb2762Edition {
  edition: string
  status: EditionStatus
  /** Shown to users: where the values come from and what is not verified. */
  note: string
  limits: Readonly<Record<CropGroup, Readonly<Record<CropContaminant, Gb2762Limit>>>>
}

type Row = Readonly<Record<CropContaminant, readonly [number, string?]>>

function editionOf(edition: string, note: string, rows: Readonly<Record<CropGroup, Row>>): Gb2762Edition {
  const names: Record<CropContaminant, string> = { Cd: '镉', Pb: '铅', As: '砷', Hg: '汞', Cr: '铬' }
  const limits = Object.fromEntries(
    CROP_GROUPS.map((group) => [
      group,
      Object.fromEntries(
        CROP_CONTAMINANTS.map((c) => {
          const [value, form] = rows[group][c]
          const what = form ? `${names[c]}（${form}）` : names[c]
          const row = group === '稻谷' ? '稻谷（以糙米计）' : group
          return [c, { value, ...(form ? { form } : {}), basis: `${edition} ${what} ${row}` }]
        }),
      ),
    ]),
  ) as unknown as Gb2762Edition['limits']
  return { edition, status: 'unverified', note, limits }
}

const VEGETABLE_BASE: Row = { Cd: [0.05], Pb: [0.1], As: [0.5, '总砷'], Hg: [0.01, '总汞'], Cr: [0.5] }
const CEREAL_OTHER: Row = { Cd: [0.1], Pb: [0.2], As: [0.5, '总砷'], Hg: [0.02, '总汞'], Cr: [1.0] }

/**
 * GB 2762-2022 食品中污染物限量, the rows relevant to farmland classification (docs/domain-notes.md §3.3, S+R; the edition
 * and every value are unverified against the official text — hence status 'unverified').
 */
const GB2762_2022 = editionOf('GB 2762-2022', '限量值取自开源转录，未与官方文本核对；稻谷以糙米计，稻米砷为无机砷。', {
  /** GB 2762-2022 稻谷（以糙米计）: 镉 0.2, 铅 0.2, 无机砷 0.35, 总汞 0.02, 铬 1.0 */
  稻谷: { Cd: [0.2], Pb: [0.2], As: [0.35, '无机砷'], Hg: [0.02, '总汞'], Cr: [1.0] },
  /** GB 2762-2022 糙米: 镉 0.2, 铅 0.2, 无机砷 0.35, 总汞 0.02, 铬 1.0 */
  糙米: { Cd: [0.2], Pb: [0.2], As: [0.35, '无机砷'], Hg: [0.02, '总汞'], Cr: [1.0] },
  /** GB 2762-2022 大米: 镉 0.2, 铅 0.2, 无机砷 0.2, 总汞 0.02, 铬 1.0 */
  大米: { Cd: [0.2], Pb: [0.2], As: [0.2, '无机砷'], Hg: [0.02, '总汞'], Cr: [1.0] },
  /** GB 2762-2022 谷物（稻谷除外）: 镉 0.1, 铅 0.2, 总砷 0.5, 总汞 0.02 (玉米、小麦), 铬 1.0 */
  小麦玉米及其他谷物: CEREAL_OTHER,
  /** GB 2762-2022 新鲜蔬菜 (general row): 镉 0.05, 铅 0.1, 总砷 0.5, 总汞 0.01, 铬 0.5 */
  新鲜蔬菜: VEGETABLE_BASE,
  /** GB 2762-2022 叶菜蔬菜: 镉 0.2, 铅 0.3 */
  叶菜蔬菜: { ...VEGETABLE_BASE, Cd: [0.2], Pb: [0.3] },
  /** GB 2762-2022 豆类蔬菜: 镉 0.1, 铅 0.2 */
  豆类蔬菜: { ...VEGETABLE_BASE, Cd: [0.1], Pb: [0.2] },
  /** GB 2762-2022 块根和块茎蔬菜 (薯类 excepted for 铅): 镉 0.1 */
  块根和块茎蔬菜: { ...VEGETABLE_BASE, Cd: [0.1] },
  /** GB 2762-2022 薯类: 镉 0.1 (块根和块茎蔬菜), 铅 0.2 */
  薯类: { ...VEGETABLE_BASE, Cd: [0.1], Pb: [0.2] },
  /** GB 2762-2022 茎类蔬菜（芹菜除外）: 镉 0.1 */
  茎类蔬菜: { ...VEGETABLE_BASE, Cd: [0.1] },
  /** GB 2762-2022 芹菜: 镉 0.2; 铅 by the general vegetable row */
  芹菜: { ...VEGETABLE_BASE, Cd: [0.2] },
  /** GB 2762-2022 黄花菜: 镉 0.2; 铅 by the general vegetable row */
  黄花菜: { ...VEGETABLE_BASE, Cd: [0.2] },
  /** GB 2762-2022 芸薹类蔬菜: 铅 0.2; 镉 by the general vegetable row */
  芸薹类蔬菜: { ...VEGETABLE_BASE, Pb: [0.2] },
  /** GB 2762-2022 生姜: 镉 0.1 (根茎类), 铅 0.2 */
  生姜: { ...VEGETABLE_BASE, Cd: [0.1], Pb: [0.2] },
})

/**
 * GB 2762-2017, as recalled (R): the same rows as 2022 except rice inorganic arsenic 0.2 for 稻谷, 糙米 and
 * 大米 (docs/domain-notes.md §3.3). Kept so a province still on the older edition can choose it.
 */
const GB2762_2017 = editionOf(
  'GB 2762-2017',
  '按记忆整理（R）：除稻谷、糙米无机砷 0.2 外与 2022 版相同；未与官方文本核对。',
  {
    ...(Object.fromEntries(CROP_GROUPS.map((g) => [g, rowsOf(GB2762_2022, g)])) as Record<CropGroup, Row>),
    /** GB 2762-2017 稻谷（以糙米计）: 无机砷 0.2 (R) */
    稻谷: { ...rowsOf(GB2762_2022, '稻谷'), As: [0.2, '无机砷'] },
    /** GB 2762-2017 糙米: 无机砷 0.2 (R) */
    糙米: { ...rowsOf(GB2762_2022, '糙米'), As: [0.2, '无机砷'] },
  },
)

function rowsOf(edition: Gb2762Edition, group: CropGroup): Row {
  return Object.fromEntries(
    CROP_CONTAMINANTS.map((c) => {
      const limit = edition.limits[group][c]
      return [c, limit.form ? [limit.value, limit.form] : [limit.value]]
    }),
  ) as unknown as Row
}

/** Editions by name; 'GB 2762-2022' is the default (docs/domain-notes.md §9 q2: which edition binds is a setting). */
export const GB2762_EDITIONS: Readonly<Record<string, Gb2762Edition>> = {
  'GB 2762-2022': GB2762_2022,
  'GB 2762-2017': GB2762_2017,
}

export const DEFAULT_GB2762_EDITION = 'GB 2762-2022'

/**
 * Crop names as written in monitoring records → limit group. Unknown names give null (the crop result is then
 * 'unknown', never guessed). 芹菜 and 黄花菜 have their own Cd row; 马铃薯/甘薯 are 薯类.
 */
const CROP_NAMES: Readonly<Record<string, CropGroup>> = {
  稻谷: '稻谷',
  水稻: '稻谷',
  早稻: '稻谷',
  中稻: '稻谷',
  晚稻: '稻谷',
  糙米: '糙米',
  大米: '大米',
  稻米: '大米',
  小麦: '小麦玉米及其他谷物',
  玉米: '小麦玉米及其他谷物',
  高粱: '小麦玉米及其他谷物',
  大麦: '小麦玉米及其他谷物',
  谷子: '小麦玉米及其他谷物',
  小米: '小麦玉米及其他谷物',
  谷物: '小麦玉米及其他谷物',
  小麦玉米及其他谷物: '小麦玉米及其他谷物',
  蔬菜: '新鲜蔬菜',
  新鲜蔬菜: '新鲜蔬菜',
  番茄: '新鲜蔬菜',
  茄子: '新鲜蔬菜',
  辣椒: '新鲜蔬菜',
  黄瓜: '新鲜蔬菜',
  叶菜: '叶菜蔬菜',
  叶菜蔬菜: '叶菜蔬菜',
  菠菜: '叶菜蔬菜',
  生菜: '叶菜蔬菜',
  白菜: '叶菜蔬菜',
  小白菜: '叶菜蔬菜',
  空心菜: '叶菜蔬菜',
  豆类蔬菜: '豆类蔬菜',
  豇豆: '豆类蔬菜',
  菜豆: '豆类蔬菜',
  四季豆: '豆类蔬菜',
  毛豆: '豆类蔬菜',
  块根和块茎蔬菜: '块根和块茎蔬菜',
  萝卜: '块根和块茎蔬菜',
  胡萝卜: '块根和块茎蔬菜',
  芋头: '块根和块茎蔬菜',
  薯类: '薯类',
  马铃薯: '薯类',
  甘薯: '薯类',
  红薯: '薯类',
  茎类蔬菜: '茎类蔬菜',
  莴笋: '茎类蔬菜',
  芦笋: '茎类蔬菜',
  芹菜: '芹菜',
  黄花菜: '黄花菜',
  芸薹类蔬菜: '芸薹类蔬菜',
  甘蓝: '芸薹类蔬菜',
  花椰菜: '芸薹类蔬菜',
  西兰花: '芸薹类蔬菜',
  青花菜: '芸薹类蔬菜',
  生姜: '生姜',
  姜: '生姜',
}

/** The limit group of a crop name, or null when the name is not known (no limit is guessed). */
export function cropGroupOf(crop: string): CropGroup | null {
  return CROP_NAMES[crop.trim()] ?? null
}

/** The GB 2762 limit for a crop group and contaminant in an edition; throws for an unknown edition (misuse). */
export function cropLimit(edition: string, group: CropGroup, contaminant: CropContaminant): Gb2762Limit {
  const e = GB2762_EDITIONS[edition]
  if (!e) throw new Error(`未知的 GB 2762 版本：${edition}`)
  return e.limits[group][contaminant]
}
