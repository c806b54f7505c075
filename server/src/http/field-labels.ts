/** Chinese names of the request fields (JSON keys, query and form fields), as the forms show them. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  // 图斑 (三调 attribute names)
  dlbm: '地类编码',
  townshipCode: '乡镇代码',
  qsxz: '权属性质',
  qsdwmc: '权属单位名称',
  zldwmc: '坐落单位名称',
  kcxs: '扣除地类系数',
  gdpdjb: '耕地坡度级别',
  zzsxdm: '种植属性代码',
  bz: '备注',
  attributes: '图斑属性',
  changes: '修改列表',
  op: '修改类型',
  line: '分割线',
  parcels: '合并的图斑',
  attributesFrom: '沿用属性的图斑',
  historyId: '变更记录编号',
  classMode: '类别处理方式',
  classReason: '沿用类别的理由',
  bbox: '范围（bbox）',
  // common
  id: '编号',
  version: '版本号',
  expectedVersion: '版本号',
  geometry: '边界',
  reason: '理由',
  note: '备注',
  name: '名称',
  adcode: '区县代码',
  jurisdiction: '辖区代码',
  q: '检索内容',
  status: '状态',
  year: '年份',
  offset: '起始位置',
  limit: '条数',
  // 污染地块
  address: '地址',
  formerIndustry: '原行业类别',
  landUser: '土地使用权人',
  contact: '联系方式',
  plannedLandClass: '规划用地类别',
  document: '文件',
  reviewDocument: '审查文件',
  title: '文件标题',
  date: '文件日期',
  body: '结论摘要',
  attachmentName: '附件文件名',
  action: '操作',
  riskLevel: '风险等级',
  substance: '污染物',
  valueMgKg: '检测值',
  sampledOn: '采样日期',
  depthM: '采样深度',
  useCode: '用地代码',
  list: '名录',
  // 管控区域, 重点监管单位
  plotIds: '受管控地块',
  signs: '标识',
  label: '标识名称',
  announcementNo: '公告文号',
  announcementDate: '公告日期',
  announcementText: '公告内容',
  creditCode: '统一社会信用代码',
  industry: '行业',
  // 用地准入核查
  plannedUse: '规划用途',
  reference: '来源地块或图斑编号',
  number: '核查编号',
  from: '起始日期',
  to: '截止日期',
  verdict: '核查结论',
  centralMeridian: '中央经线',
  // 监测
  code: '点位编号',
  level: '点位级别',
  type: '点位类型',
  lon: '经度',
  lat: '纬度',
  landUse: '土地利用',
  soilType: '土壤类型',
  medium: '监测介质',
  crop: '作物',
  ph: 'pH',
  organicMatterGKg: '有机质',
  ploughDepthCm: '耕层厚度',
  values: '检测值',
  mode: '导入方式',
  dryRun: '试导入',
  k: '新增点位数',
  spacingKm: '网格间距',
  basis: '采纳依据',
  rank: '建议序号',
  gainM2: '新增覆盖面积',
  ranAt: '分析时间',
  // 举报
  description: '举报内容',
  website: '网址',
  // 账户
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  displayName: '姓名',
  department: '单位',
  role: '角色',
  scopes: '管辖范围',
  isActive: '是否启用',
  // 分类与指标
  class: '类别',
  ruleSetVersion: '规则集版本',
  indicator: '指标',
  targetPct: '目标值',
  comparator: '目标表述',
  source: '目标依据',
  term: '核算项',
  rules: '规则内容',
}

/**
 * Names that differ on one page: the same key means another thing there (the note of a handled report is the
 * officer's 处理意见). Matched against the request path.
 */
const ROUTE_FIELD_LABELS: readonly { path: RegExp; labels: Readonly<Record<string, string>> }[] = [
  { path: /^\/api\/reports\/[^/]+\/handle$/, labels: { note: '处理意见' } },
  { path: /^\/api\/plots(\/|$)/, labels: { name: '地块名称', contact: '联系人及电话' } },
  { path: /^\/api\/precheck(\/|$)/, labels: { name: '地块名称' } },
  { path: /^\/api\/plot-proposals\//, labels: { name: '地块名称' } },
  { path: /^\/api\/enterprises(\/|$)/, labels: { name: '企业名称' } },
  { path: /^\/api\/control-zones(\/|$)/, labels: { name: '管控区域名称' } },
  { path: /^\/api\/monitoring\//, labels: { name: '点位名称' } },
  { path: /^\/api\/classification\/rule-sets$/, labels: { name: '规则集名称', version: '规则集版本号' } },
  { path: /^\/api\/coverage\//, labels: { note: '说明' } },
]

/**
 * How a bureau officer reads the field at `path`: its Chinese name (「备注」), the item number when it sits in a
 * list, and the key itself when the field has no Chinese name. The request body as a whole is 「请求内容」.
 */
export function describeField(path: readonly PropertyKey[], requestPath?: string): string {
  const keys = path.filter((k): k is string => typeof k === 'string')
  const last = keys.at(-1)
  if (last === undefined) return path.length ? `第 ${Number(path.at(-1)) + 1} 项` : '「请求内容」'
  const routeLabels = requestPath ? ROUTE_FIELD_LABELS.find((r) => r.path.test(requestPath))?.labels : undefined
  const label = routeLabels?.[last] ?? FIELD_LABELS[last]
  const lastKeyAt = path.lastIndexOf(last)
  const outer = path
    .slice(0, lastKeyAt)
    .filter((k): k is number => typeof k === 'number')
    .at(-1)
  const inner = path.slice(lastKeyAt + 1).find((k): k is number => typeof k === 'number')
  const item = outer === undefined ? '' : `第 ${outer + 1} 项的`
  const element = inner === undefined ? '' : `第 ${inner + 1} 项`
  const dotted = path.map(String).join('.')
  if (!label) return `${item}字段「${dotted}」${element}`
  return path.length > 1 ? `${item}「${label}」${element}（${dotted}）` : `「${label}」`
  return path.length > 1 ? `${item}「${label}」（${dotted}）` : `「${label}」`
}
