import type { RuleSet } from '@contracts/classification'

const AGGREGATION: Record<string, string> = { worst: '取最不利样点', 'mean-ratio': '按超标倍数均值' }
const INTERPOLATION: Record<string, string> = { idw: '反距离加权', nearest: '最近样点' }

interface RuleSettings {
  aggregation?: string
  interpolation?: { method?: string; maxDistanceM?: number; maxSamples?: number }
  gb2762Edition?: string
  notes?: string[]
}

/** The chosen rule set: version and name, its main settings, and its notes saying which rules are local settings. */
export function RuleSetCard({ ruleSet }: { ruleSet: RuleSet }) {
  const rules = ruleSet.rules as RuleSettings
  const notes = Array.isArray(rules.notes) ? rules.notes : []
  const i = rules.interpolation
  return (
    <div className="rule-set-card" data-testid="class-rule-set-card">
      <div className="rule-set-card__head">
        <span className="rule-set-card__version" data-testid="class-rule-version">
          {ruleSet.version}
        </span>
        {ruleSet.isDefault && <span className="chip chip--ok">默认</span>}
        <span className="chip chip--warn" title="规则集的对应关系、阈值倍数、聚合与插值方式均为地方设置">
          地方设置
        </span>
      </div>
      <div className="rule-set-card__name">{ruleSet.name}</div>
      <ul className="rule-set-card__facts">
        {rules.aggregation && <li>多样点：{AGGREGATION[rules.aggregation] ?? rules.aggregation}</li>}
        {i?.method && (
          <li>
            无样点图斑：{INTERPOLATION[i.method] ?? i.method}
            {i.maxDistanceM !== undefined ? `，${i.maxDistanceM} 米内` : ''}
            {i.maxSamples !== undefined && i.method === 'idw' ? `最多 ${i.maxSamples} 个样点` : ''}
          </li>
        )}
        {rules.gb2762Edition && <li>农产品限量：{rules.gb2762Edition}</li>}
      </ul>
      <p className="rule-set-card__note">
        筛选值、管制值按 GB 15618-2018
        表1～表3；下列对应关系与方法是本省可调整的设定，不是标准条文。每个图斑的类别都记录所用规则版本。
      </p>
      {notes.length > 0 && (
        <details className="rule-set-card__notes">
          <summary>规则说明（{notes.length} 条）</summary>
          <ol>
            {notes.map((note, index) => (
              <li key={index}>{note}</li>
            ))}
          </ol>
        </details>
      )}
    </div>
  )
}
