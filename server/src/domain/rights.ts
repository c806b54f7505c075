import type { Role } from './roles.ts'

/**
 * Who may do what: each capability with the roles that hold it. Routes guard with it, services and the client
 * ask it (the client shows a button or a tab only to a role that holds its capability). Reading the data of the
 * counties of one's scope is every staff role's right and needs no capability. Pure: no I/O.
 */
export const RIGHTS = {
  /** 图斑编辑: draw, change, split, merge and restore farmland parcels (农业农村局). */
  'parcel.edit': ['farmland'],
  /** 分类划定: start and cancel a classification, adjust a class with a reason (农业农村局). */
  'classification.run': ['farmland'],
  /** Store a classification rule set. */
  'classification.rules': ['admin'],
  /** See 分类划定: the farmland officers classify, the approvers review the class lists. */
  'classification.view': ['farmland', 'approver'],
  /** Register suspected plots and keep their facts, pollutants and forbidden uses (生态环境局). */
  'plot.edit': ['environment'],
  /** Take a step of a plot's lifecycle (which step is decided by the lifecycle itself). */
  'plot.transition': ['environment', 'approver'],
  /** See 污染地块: the environment officers keep it, the approvers decide removals. */
  'plot.view': ['environment', 'approver'],
  /** Read and download the stored documents (调查报告、评审意见、公告扫描件、企业档案) of the records of one's counties. */
  'document.read': ['environment', 'approver'],
  /** 同意 or 不同意移出名录: decide a plot's application to leave the list (the other lifecycle steps need `plot.edit`). */
  'plot.decideRemoval': ['approver'],
  /** Draw and edit 管控区域 (生态环境局). */
  'controlZone.edit': ['environment'],
  /** 饮用水水源保护区: import a county's zones from a file, publish and withdraw them (生态环境局). */
  'waterSource.edit': ['environment'],
  /** Register and edit 重点监管单位, confirm or dismiss their site proposals (生态环境局). */
  'enterprise.edit': ['environment'],
  /** Publish a version of a list (名录发布). */
  'list.publish': ['environment'],
  /** See 名录发布: the environment officers publish; approvers and administrators read. */
  'list.view': ['environment', 'approver', 'admin'],
  /** Run and re-run 用地准入核查 (自然资源局). */
  'precheck.run': ['land'],
  /** Read the 用地准入核查 records and their reports. */
  'precheck.read': ['land', 'approver'],
  /** Run 建设项目选址核查 (生态环境局 for environmental approval, 自然资源局 for land siting). */
  'siting.run': ['environment', 'land'],
  /** Read the 建设项目选址核查 records and their reports. */
  'siting.read': ['environment', 'land', 'approver'],
  /** Register monitoring points and edit them (生态环境局). */
  'monitoring.edit': ['environment'],
  /**
   * Enter monitoring results at 农产品产地 points, the agricultural network of 农办科〔2018〕19号 (the guard of the
   * results route; at other points {@link RIGHTS}`['monitoring.enterAllResults']` decides).
   */
  'monitoring.enterResults': ['environment', 'farmland'],
  /** Enter monitoring results at every kind of point (生态环境局 keeps the network). */
  'monitoring.enterAllResults': ['environment'],
  /** Import monitoring results from a file (row by row as entering them). */
  'monitoring.import': ['environment', 'farmland'],
  /** Accept a gap-analysis proposal as a planned monitoring point. */
  'coverage.plan': ['environment'],
  /** 受污染耕地安全利用台账: enter, import and apply measures, submit the county's ledger of a year (农业农村局). */
  'safeUse.edit': ['farmland'],
  /** Read the 安全利用台账 (the farmland officers keep it, approvers review it, administrators read it). */
  'safeUse.view': ['farmland', 'approver', 'admin'],
  /** Keep the targets of the 安全利用率 indicators. */
  'indicator.targets': ['admin'],
  /** Handle public reports (举报). */
  'report.handle': ['environment', 'approver', 'admin'],
  /** Work the review queue (待办审核). */
  'review.queue': ['environment', 'approver', 'admin'],
  /** 审定: approve, return with a reason, publish. */
  'review.approve': ['approver'],
  /**
   * Manage users, roles and scopes within one's own scope. A holder cannot take it from himself (deactivate his own
   * account or give himself a role without it), so a scope never loses its last manager by mistake.
   */
  'user.manage': ['admin'],
  /** 三调图斑导入: load a county's 地类图斑 (DLTB) from a file, check it and apply it (农业农村局, administrators). */
  'land.import': ['farmland', 'admin'],
  /** 数据共享密钥: issue and revoke keys of the OGC service for the counties of one's own scope; read their use log. */
  'ogcKey.manage': ['admin'],
  /** 行政区管理: load county and township boundaries from a file, within one's own scope. */
  'adminUnits.import': ['admin'],
} as const satisfies Record<string, readonly Role[]>

export type Capability = keyof typeof RIGHTS

export const CAPABILITIES = Object.keys(RIGHTS) as Capability[]

/** The roles that hold `capability`. */
export function rolesWith(capability: Capability): readonly Role[] {
  return RIGHTS[capability]
}

/** Whether `role` holds `capability`. */
export function can(role: Role, capability: Capability): boolean {
  return (RIGHTS[capability] as readonly Role[]).includes(role)
}

/** The capabilities a role holds, in the table's order. */
export function capabilitiesOf(role: Role): Capability[] {
  return CAPABILITIES.filter((c) => can(role, c))
}
