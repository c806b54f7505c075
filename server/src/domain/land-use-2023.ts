import type { LandClass } from './gb50137.ts'

/**
 * 《国土空间调查、规划、用途管制用地用海分类指南》(自然资发〔2023〕234 号): the construction-land codes (classes 06–16)
 * land officers now plan with, each with its GB 36600-2018 land class (第一类/第二类用地, 3.4 and 5.3.1) and the
 * GB 50137-2011 code it corresponds to, so a negative list written in either system applies (docs/domain-notes.md §2.4).
 *
 * `basis` says why, in an officer's words. Where the guide's class does not line up with the GB 50137 classes
 * GB 36600 names, the row is a judgement (`judgement: true`): the class is a local setting
 * (`LAND_USE_2023_CLASSES`), and the pre-check says so.
 */
export interface LandUse2023 {
  code: string
  name: string
  /** The GB 50137-2011 code of the same use, for negative lists written in that system; null when it has none. */
  gb50137: string | null
  landClass: LandClass
  basis: string
  judgement?: true
}

type Row = [code: string, name: string, gb50137: string | null, landClass: LandClass, basis: string, judgement?: true]

const FIRST_R = '居住用地，对应 GB 50137 居住用地（R），GB 36600 第一类用地'
const SECOND = (what: string, code: string) => `${what}，对应 GB 50137 ${code}，GB 36600 第二类用地`

/** One line per code, level one (2 digits), two (4) and three (6); the children of a row share its reasoning. */
const ROWS: readonly Row[] = [
  ['06', '农业设施建设用地', null, 'second', '农业生产设施，以成人短时暴露为主，按第二类用地', true],
  ['0601', '乡村道路用地', null, 'second', '农村道路，以成人短时暴露为主，按第二类用地', true],
  ['060101', '村道用地', null, 'second', '农村道路，以成人短时暴露为主，按第二类用地', true],
  ['060102', '田间道', null, 'second', '农村道路，以成人短时暴露为主，按第二类用地', true],
  ['0602', '种植设施建设用地', null, 'second', '农业生产设施，以成人短时暴露为主，按第二类用地', true],
  ['0603', '畜禽养殖设施建设用地', null, 'second', '农业生产设施，以成人短时暴露为主，按第二类用地', true],
  ['0604', '水产养殖设施建设用地', null, 'second', '农业生产设施，以成人短时暴露为主，按第二类用地', true],
  ['07', '居住用地', 'R', 'first', FIRST_R],
  ['0701', '城镇住宅用地', 'R', 'first', FIRST_R],
  ['070101', '一类城镇住宅用地', 'R1', 'first', FIRST_R],
  ['070102', '二类城镇住宅用地', 'R2', 'first', FIRST_R],
  ['070103', '三类城镇住宅用地', 'R3', 'first', FIRST_R],
  ['0702', '城镇社区服务设施用地', 'R', 'first', 'GB 50137 将居住区服务设施列入居住用地（R），GB 36600 第一类用地'],
  ['0703', '农村宅基地', 'R', 'first', FIRST_R],
  ['070301', '一类农村宅基地', 'R', 'first', FIRST_R],
  ['070302', '二类农村宅基地', 'R', 'first', FIRST_R],
  ['0704', '农村社区服务设施用地', 'R', 'first', 'GB 50137 将居住区服务设施列入居住用地（R），GB 36600 第一类用地'],
  [
    '08',
    '公共管理与公共服务用地',
    'A',
    'first',
    '含中小学、医疗卫生、社会福利等第一类用地，具体用途不明确时按第一类用地（GB 36600 5.3.1）',
  ],
  ['0801', '机关团体用地', 'A1', 'second', SECOND('行政办公', '行政办公用地（A1）')],
  ['0802', '科研用地', 'A35', 'second', SECOND('科研', '科研用地（A35）')],
  ['0803', '文化用地', 'A2', 'second', SECOND('文化设施', '文化设施用地（A2）')],
  ['080301', '图书与展览用地', 'A21', 'second', SECOND('文化设施', '图书展览用地（A21）')],
  ['080302', '文化活动用地', 'A22', 'second', SECOND('文化设施', '文化活动用地（A22）')],
  ['0804', '教育用地', 'A3', 'first', '含中小学用地，具体用途不明确时按第一类用地（GB 36600 5.3.1）'],
  ['080401', '高等教育用地', 'A31', 'second', SECOND('高等院校', '高等院校用地（A31）')],
  ['080402', '中等职业教育用地', 'A32', 'second', SECOND('中等专业学校', '中等专业学校用地（A32）')],
  ['080403', '中小学用地', 'A33', 'first', '对应 GB 50137 中小学用地（A33），GB 36600 第一类用地'],
  [
    '080404',
    '幼儿园用地',
    'A3',
    'first',
    'GB 36600 未单列幼儿园；儿童长期停留，与中小学同按第一类用地（本地设置，非国家标准）',
    true,
  ],
  [
    '080405',
    '其他教育用地',
    'A3',
    'second',
    '特殊教育、培训等，GB 36600 第一类用地只列中小学，按第二类用地（本地设置，非国家标准）',
    true,
  ],
  ['0805', '体育用地', 'A4', 'second', SECOND('体育', '体育用地（A4）')],
  ['080501', '体育场馆用地', 'A41', 'second', SECOND('体育', '体育场馆用地（A41）')],
  ['080502', '体育训练用地', 'A42', 'second', SECOND('体育', '体育训练用地（A42）')],
  ['0806', '医疗卫生用地', 'A5', 'first', '对应 GB 50137 医疗卫生用地（A5），GB 36600 第一类用地'],
  ['080601', '医院用地', 'A51', 'first', '对应 GB 50137 医院用地（A51），GB 36600 第一类用地'],
  ['080602', '基层医疗卫生设施用地', 'A5', 'first', '对应 GB 50137 医疗卫生用地（A5），GB 36600 第一类用地'],
  ['080603', '公共卫生用地', 'A5', 'first', '对应 GB 50137 医疗卫生用地（A5），GB 36600 第一类用地'],
  ['0807', '社会福利用地', 'A6', 'first', '对应 GB 50137 社会福利用地（A6），GB 36600 第一类用地'],
  ['080701', '老年人社会福利用地', 'A6', 'first', '对应 GB 50137 社会福利用地（A6），GB 36600 第一类用地'],
  ['080702', '儿童社会福利用地', 'A6', 'first', '对应 GB 50137 社会福利用地（A6），GB 36600 第一类用地'],
  ['080703', '残疾人社会福利用地', 'A6', 'first', '对应 GB 50137 社会福利用地（A6），GB 36600 第一类用地'],
  ['080704', '其他社会福利用地', 'A6', 'first', '对应 GB 50137 社会福利用地（A6），GB 36600 第一类用地'],
  ['09', '商业服务业用地', 'B', 'second', SECOND('商业服务业', '商业服务业设施用地（B）')],
  ['0901', '商业用地', 'B1', 'second', SECOND('商业', '商业用地（B1）')],
  ['090101', '零售商业用地', 'B11', 'second', SECOND('商业', '零售商业用地（B11）')],
  ['090102', '批发市场用地', 'B12', 'second', SECOND('商业', '批发市场用地（B12）')],
  ['090103', '餐饮用地', 'B13', 'second', SECOND('商业', '餐饮用地（B13）')],
  ['090104', '旅馆用地', 'B14', 'second', SECOND('商业', '旅馆用地（B14）')],
  ['090105', '公用设施营业网点用地', 'B4', 'second', SECOND('营业网点', '公用设施营业网点用地（B4）')],
  ['0902', '商务金融用地', 'B2', 'second', SECOND('商务', '商务用地（B2）')],
  ['0903', '娱乐用地', 'B3', 'second', SECOND('娱乐', '娱乐康体用地（B3）')],
  ['0904', '其他商业服务业用地', 'B9', 'second', SECOND('其他服务', '其他服务设施用地（B9）')],
  ['10', '工矿用地', 'M', 'second', SECOND('工业', '工业用地（M）')],
  ['1001', '工业用地', 'M', 'second', SECOND('工业', '工业用地（M）')],
  ['100101', '一类工业用地', 'M1', 'second', SECOND('工业', '一类工业用地（M1）')],
  ['100102', '二类工业用地', 'M2', 'second', SECOND('工业', '二类工业用地（M2）')],
  ['100103', '三类工业用地', 'M3', 'second', SECOND('工业', '三类工业用地（M3）')],
  ['1002', '采矿用地', 'H5', 'second', SECOND('采矿', '采矿用地（H5）')],
  ['1003', '盐田', null, 'second', '盐业生产，以成人暴露为主，按第二类用地', true],
  ['11', '仓储用地', 'W', 'second', SECOND('仓储', '物流仓储用地（W）')],
  ['1101', '物流仓储用地', 'W', 'second', SECOND('仓储', '物流仓储用地（W）')],
  ['110101', '一类物流仓储用地', 'W1', 'second', SECOND('仓储', '一类物流仓储用地（W1）')],
  ['110102', '二类物流仓储用地', 'W2', 'second', SECOND('仓储', '二类物流仓储用地（W2）')],
  ['110103', '三类物流仓储用地', 'W3', 'second', SECOND('仓储', '三类物流仓储用地（W3）')],
  ['1102', '储备库用地', 'W', 'second', SECOND('仓储', '物流仓储用地（W）')],
  ['12', '交通运输用地', 'S', 'second', SECOND('交通', '道路与交通设施用地（S）')],
  ['1201', '铁路用地', 'H21', 'second', SECOND('铁路', '铁路用地（H21）')],
  ['1202', '公路用地', 'H22', 'second', SECOND('公路', '公路用地（H22）')],
  ['1203', '机场用地', 'H24', 'second', SECOND('机场', '机场用地（H24）')],
  ['1204', '港口码头用地', 'H23', 'second', SECOND('港口', '港口用地（H23）')],
  ['1205', '管道运输用地', 'H25', 'second', SECOND('管道运输', '管道运输用地（H25）')],
  ['1206', '城市轨道交通用地', 'S2', 'second', SECOND('轨道交通', '城市轨道交通用地（S2）')],
  ['1207', '城镇村道路用地', 'S1', 'second', SECOND('道路', '城市道路用地（S1）')],
  ['1208', '交通场站用地', 'S4', 'second', SECOND('交通场站', '交通场站用地（S4）')],
  ['120801', '对外交通场站用地', 'S3', 'second', SECOND('交通枢纽', '交通枢纽用地（S3）')],
  ['120802', '公共交通场站用地', 'S41', 'second', SECOND('交通场站', '公共交通场站用地（S41）')],
  ['120803', '社会停车场用地', 'S42', 'second', SECOND('交通场站', '社会停车场用地（S42）')],
  ['1209', '其他交通设施用地', 'S9', 'second', SECOND('交通设施', '其他交通设施用地（S9）')],
  ['13', '公用设施用地', 'U', 'second', SECOND('公用设施', '公用设施用地（U）')],
  ['1301', '供水用地', 'U11', 'second', SECOND('供水', '供水用地（U11）')],
  ['1302', '排水用地', 'U21', 'second', SECOND('排水', '排水用地（U21）')],
  ['1303', '供电用地', 'U12', 'second', SECOND('供电', '供电用地（U12）')],
  ['1304', '供燃气用地', 'U13', 'second', SECOND('供燃气', '供燃气用地（U13）')],
  ['1305', '供热用地', 'U14', 'second', SECOND('供热', '供热用地（U14）')],
  ['1306', '通信用地', 'U15', 'second', SECOND('通信', '通信用地（U15）')],
  ['1307', '邮政用地', 'U15', 'second', SECOND('邮政', '通信用地（U15）')],
  ['1308', '广播电视设施用地', 'U16', 'second', SECOND('广播电视', '广播电视用地（U16）')],
  ['1309', '环卫用地', 'U22', 'second', SECOND('环卫', '环卫用地（U22）')],
  ['1310', '消防用地', 'U31', 'second', SECOND('消防', '消防用地（U31）')],
  ['1311', '干渠', 'U', 'second', SECOND('水利', '公用设施用地（U）')],
  ['1312', '水工设施用地', 'U', 'second', SECOND('水利', '公用设施用地（U）')],
  ['1313', '其他公用设施用地', 'U9', 'second', SECOND('公用设施', '其他公用设施用地（U9）')],
  [
    '14',
    '绿地与开敞空间用地',
    'G',
    'first',
    '含社区公园、儿童公园等第一类用地，具体用途不明确时按第一类用地（GB 36600 5.3.1）',
  ],
  [
    '1401',
    '公园绿地',
    'G1',
    'first',
    'GB 36600 只将社区公园、儿童公园列为第一类用地；本分类不区分公园种类，按用途不明确从严按第一类用地（本地设置，非国家标准）',
    true,
  ],
  ['1402', '防护绿地', 'G2', 'second', SECOND('防护绿地', '防护绿地（G2）')],
  ['1403', '广场用地', 'G3', 'second', SECOND('广场', '广场用地（G3）')],
  ['15', '特殊用地', 'H4', 'second', SECOND('特殊用途', '特殊用地（H4）')],
  ['1501', '军事设施用地', 'H41', 'second', SECOND('军事', '军事用地（H41）')],
  ['1502', '使领馆用地', 'A8', 'second', SECOND('外事', '外事用地（A8）')],
  ['1503', '宗教用地', 'A9', 'second', SECOND('宗教', '宗教用地（A9）')],
  ['1504', '文物古迹用地', 'A7', 'second', SECOND('文物古迹', '文物古迹用地（A7）')],
  ['1505', '监教场所用地', 'H42', 'second', SECOND('监教场所', '安保用地（H42）')],
  ['1506', '殡葬用地', 'U', 'second', SECOND('殡葬', '公用设施用地（U）')],
  ['1507', '其他特殊用地', 'H4', 'second', SECOND('特殊用途', '特殊用地（H4）')],
  ['16', '留白用地', null, 'first', '规划用途尚未确定，按第一类用地（GB 36600 5.3.1）'],
]

/** Every construction-land code of the 2023 classification, keyed by code. */
export const LAND_USE_2023: ReadonlyMap<string, LandUse2023> = new Map(
  ROWS.map(([code, name, gb50137, landClass, basis, judgement]) => [
    code,
    { code, name, gb50137, landClass, basis, ...(judgement ? { judgement } : {}) },
  ]),
)

/** The codes whose class is a judgement, with the class the system uses unless a setting says otherwise. */
export const JUDGEMENT_CODES_2023: readonly string[] = ROWS.filter((r) => r[5]).map((r) => r[0])

/** A 2023 code is two, four or six digits; GB 50137 codes begin with a letter, so the two never collide. */
export function looksLikeLandUse2023(code: string): boolean {
  return /^\d{2}(\d{2}){0,2}$/.test(code)
}

/**
 * The entry of a 2023 code with the local settings applied: `classes` maps a judgement code to the class the county
 * chose (codes that are not judgements keep the standard's class).
 */
export function landUse2023(code: string, classes: Readonly<Record<string, LandClass>> = {}): LandUse2023 | null {
  const entry = LAND_USE_2023.get(code)
  if (!entry) return null
  const chosen = entry.judgement ? classes[code] : undefined
  return chosen && chosen !== entry.landClass
    ? {
        ...entry,
        landClass: chosen,
        basis: `${entry.basis}；本县已设置为${chosen === 'first' ? '第一类' : '第二类'}用地`,
      }
    : entry
}

/**
 * The setting `LAND_USE_2023_CLASSES` ("080404=first,1401=second"): the class of judgement codes. An unknown code, a
 * code that is not a judgement or a class other than first/second is refused with the reason.
 */
export function parseLandUse2023Classes(raw: string): Record<string, LandClass> {
  const out: Record<string, LandClass> = {}
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [code, cls] = part.split('=').map((s) => s.trim())
    if (!JUDGEMENT_CODES_2023.includes(code))
      throw new Error(
        `LAND_USE_2023_CLASSES: “${code}”不是可由本地设置类别的用地用海分类代码（可设置：${JUDGEMENT_CODES_2023.join('、')}）`,
      )
    if (cls !== 'first' && cls !== 'second')
      throw new Error(`LAND_USE_2023_CLASSES: “${code}”的类别须为 first（第一类用地）或 second（第二类用地）`)
    out[code] = cls
  }
  return out
}

export const LAND_USE_2023_STANDARD = '国土空间调查、规划、用途管制用地用海分类指南（2023）'

/** The reference list for forms: every code with its class under the county's settings, in the guide's order. */
export function landUse2023Reference(classes: Readonly<Record<string, LandClass>> = {}) {
  return [...LAND_USE_2023.keys()].map((code) => {
    const e = landUse2023(code, classes)!
    return {
      code,
      name: e.name,
      major: code.slice(0, 2),
      landClass: e.landClass,
      landClassName: e.landClass === 'first' ? '第一类用地' : '第二类用地',
      basis: e.basis,
      judgement: e.judgement === true,
      gb50137: e.gb50137,
    }
  })
}
