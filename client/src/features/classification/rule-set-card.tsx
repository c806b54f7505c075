import type { RuleSet } from './classification-types'

/** The chosen rule set: version and name, and the reminder that recalled rules are provincial settings. */
export function RuleSetCard({ ruleSet }: { ruleSet: RuleSet }) {
  return (
    <div className="rule-set-card" data-testid="class-rule-set-card">
      <div className="rule-set-card__head">
        <span className="rule-set-card__version" data-testid="class-rule-version">
          {ruleSet.version}
        </span>
        {ruleSet.isDefault && <span className="chip chip--ok">默认</span>}
      </div>
      <div className="rule-set-card__name">{ruleSet.name}</div>
      <p className="rule-set-card__note">
        筛选值、管制值按 GB 15618-2018 表1～表3，农产品限量按 GB 2762；样点聚合方式、插值距离与权重、类别矩阵等标注为“设定”的条目是本省可调整的设定，不是标准条文。每个图斑的类别都记录所用规则版本。
      </p>
    </div>
  )
}
