import { GB50137_USE } from './public-fields.ts'

/**
 * GB 50137-2011《城市用地分类与规划建设用地标准》: the urban land-use codes a plot's planned use and its negative
 * list are written in, and the GB 36600-2018 land class (第一类/第二类用地) of each (docs/domain-notes.md §2.1).
 * The major classes and the codes docs/domain-notes.md §2.1 names are those of GB50137_USE; the other mid-class names are
 * recalled from the standard (**R**, 待核实).
 */
export const GB50137_CODES = {
  ...GB50137_USE,
  R1: '一类居住用地',
  R2: '二类居住用地',
  R3: '三类居住用地',
  A2: '文化设施用地',
  A4: '体育用地',
  A7: '文物古迹用地',
  A8: '外事用地',
  A9: '宗教用地',
  B1: '商业用地',
  B2: '商务用地',
  B3: '娱乐康体用地',
  B4: '公用设施营业网点用地',
  B9: '其他服务设施用地',
  M1: '一类工业用地',
  M2: '二类工业用地',
  M3: '三类工业用地',
  W1: '一类物流仓储用地',
  W2: '二类物流仓储用地',
  W3: '三类物流仓储用地',
  S1: '城市道路用地',
  S2: '城市轨道交通用地',
  S3: '交通枢纽用地',
  S4: '交通场站用地',
  S9: '其他交通设施用地',
  U1: '供应设施用地',
  U2: '环境设施用地',
  U3: '安全设施用地',
  U9: '其他公用设施用地',
  G2: '防护绿地',
  G3: '广场用地',
} as const

export type Gb50137Code = keyof typeof GB50137_CODES

/** The eight major classes of urban construction land (城市建设用地), in the order of the standard. */
export const GB50137_MAJOR = ['R', 'A', 'B', 'M', 'W', 'S', 'U', 'G'] as const

/** GB 36600-2018 land classes: planned use decides which column of the tables applies (5.3.1). */
export const LAND_CLASSES = ['first', 'second'] as const
export type LandClass = (typeof LAND_CLASSES)[number]
export const LAND_CLASS_NAME: Record<LandClass, string> = { first: '第一类用地', second: '第二类用地' }

/** GB 36600-2018 3.4: codes (and all codes under them) of 第一类用地. */
const FIRST_CLASS_CODES = ['R', 'A33', 'A5', 'A6', 'G1'] as const
/**
 * Codes that hold both classes (A holds A33/A5/A6, A3 holds A33, G holds G1): the use is unclear, so they count
 * as 第一类用地 (GB 36600-2018 5.3.1).
 */
const MIXED_CODES = ['A', 'A3', 'G'] as const

export function isGb50137Code(code: string): code is Gb50137Code {
  return Object.hasOwn(GB50137_CODES, code)
}

/** The major class of a code ('A33' → 'A'), or null when the code is none of the standard's. */
export function majorClassOf(code: string): (typeof GB50137_MAJOR)[number] | null {
  const major = code.charAt(0)
  return isGb50137Code(code) && (GB50137_MAJOR as readonly string[]).includes(major)
    ? (major as (typeof GB50137_MAJOR)[number])
    : null
}

/**
 * The GB 36600 land class of a planned use: 第一类 for R, A33, A5, A6, G1 and what lies under them; 第二类 for
 * M, W, B, S, U, the rest of A and G; an unknown, empty or mixed code → 第一类 (5.3.1, "规划用途不明确").
 */
export function landClassOfUse(code: string | null | undefined): LandClass {
  const c = (code ?? '').trim().toUpperCase()
  if (!majorClassOf(c)) return 'first'
  if ((MIXED_CODES as readonly string[]).includes(c)) return 'first'
  if (FIRST_CLASS_CODES.some((f) => c.startsWith(f))) return 'first'
  return 'second'
}

/** The reference list for forms: every code with its name, major class and land class. */
export function gb50137Reference(): {
  code: Gb50137Code
  name: string
  major: string
  landClass: LandClass
  landClassName: string
}[] {
  return (Object.keys(GB50137_CODES) as Gb50137Code[])
    .sort(
      (a, b) =>
        GB50137_MAJOR.indexOf(a.charAt(0) as never) - GB50137_MAJOR.indexOf(b.charAt(0) as never) || a.localeCompare(b),
    )
    .map((code) => {
      const landClass = landClassOfUse(code)
      return {
        code,
        name: GB50137_CODES[code],
        major: code.charAt(0),
        landClass,
        landClassName: LAND_CLASS_NAME[landClass],
      }
    })
}
