import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { ScopeCounty } from '../../shared/api-types'
import { useLayerVersion } from '../../shared/data-versions'
import { formatCount, formatDateTime } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import type { ClassList, ClassificationJob } from '@contracts/classification'
import { classListsPath, ruleSetsPath } from './classification-api'
import { JobProgress } from './job-progress'
import { RuleSetCard } from './rule-set-card'
import { isJobActive, useClassificationJob } from './use-classification-job'
import './classification.css'

/** Props of {@link ClassificationPanel}. */
export interface ClassificationPanelProps {
  counties: ScopeCounty[]
  /** Only farmland officers (耕地管理员) start runs; everyone else reads. */
  canClassify: boolean
  /** The list open in the drawer, marked in the list. */
  activeListId: number | null
  onOpenList: (list: ClassList) => void
  /** More about the chosen county, shown below its class lists. */
  countyExtras?: (adcode: string) => ReactNode
}

/** 分类划定: county and rule set, 开始划定 with progress and 取消, and the county's class lists with their review state. */
export function ClassificationPanel({
  counties,
  canClassify,
  activeListId,
  onOpenList,
  countyExtras,
}: ClassificationPanelProps) {
  const listsVersion = useLayerVersion('classLists', 'parcels')
  const [adcode, setAdcode] = useState<string | null>(counties[0]?.adcode ?? null)
  const [ruleSetVersion, setRuleSetVersion] = useState<string | null>(null)
  const [listReloads, setListReloads] = useState(0)
  const [finishedNotice, setFinishedNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [openWhenListed, setOpenWhenListed] = useState<number | null>(null)
  const ruleSets = useJson(ruleSetsPath, 0, '规则集加载失败')
  const lists = useJson(adcode ? classListsPath(adcode) : null, `${listsVersion}/${listReloads}`, '分类清单加载失败')

  const sets = ruleSets.status === 'done' ? ruleSets.data.ruleSets : []
  const chosenSet = sets.find((s) => s.version === ruleSetVersion) ?? sets.find((s) => s.isDefault) ?? sets[0] ?? null
  useEffect(() => {
    if (!ruleSetVersion && chosenSet) setRuleSetVersion(chosenSet.version)
  }, [ruleSetVersion, chosenSet])

  const onFinished = useCallback((job: ClassificationJob) => {
    setListReloads((n) => n + 1)
    if (job.status === 'done' && job.listId !== null) setOpenWhenListed(job.listId)
    if (job.status === 'done')
      setFinishedNotice({
        kind: 'ok',
        text: `划定完成：${formatCount(job.total)} 个图斑已写入分类清单草稿，请核对变化后提交审定。`,
      })
    else if (job.status === 'cancelled')
      setFinishedNotice({ kind: 'ok', text: '划定已取消；已发布的分类清单保持不变。' })
    else setFinishedNotice({ kind: 'error', text: `划定失败：${job.error ?? '原因不明'}。已发布的分类清单保持不变。` })
  }, [])
  const control = useClassificationJob(adcode, onFinished)
  const isRunning = isJobActive(control.job)
  const countyLists = useMemo(() => (lists.status === 'done' ? lists.data.lists : []), [lists])

  useEffect(() => {
    const created = countyLists.find((l) => l.id === openWhenListed)
    if (!created) return
    setOpenWhenListed(null)
    onOpenList(created)
  }, [countyLists, openWhenListed, onOpenList])

  return (
    <section
      className="panel-section panel-section--grow class-panel"
      aria-labelledby="class-panel-title"
      data-testid="classification-panel"
    >
      <h2 id="class-panel-title" className="panel-section__title">
        耕地土壤环境质量类别划分
      </h2>

      <div className="class-panel__form">
        <label className="form-field">
          <span className="form-field__label">区县</span>
          {counties.length > 1 ? (
            <select
              className="basemap-select"
              value={adcode ?? ''}
              onChange={(e) => {
                setAdcode(e.target.value)
                setFinishedNotice(null)
              }}
              data-testid="class-county"
            >
              {counties.map((c) => (
                <option key={c.adcode} value={c.adcode}>
                  {c.name}（{c.adcode}）
                </option>
              ))}
            </select>
          ) : (
            <span className="class-panel__county" data-testid="class-county">
              {counties[0] ? `${counties[0].name}（${counties[0].adcode}）` : '无管辖区县'}
            </span>
          )}
        </label>

        <label className="form-field">
          <span className="form-field__label">划分规则集</span>
          <select
            className="basemap-select"
            value={chosenSet?.version ?? ''}
            onChange={(e) => setRuleSetVersion(e.target.value)}
            disabled={!canClassify || sets.length < 2}
            data-testid="class-rule-set"
          >
            {sets.map((s) => (
              <option key={s.version} value={s.version}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        {ruleSets.status === 'error' && <p className="panel-note panel-note--error">{ruleSets.message}</p>}
        {chosenSet && <RuleSetCard ruleSet={chosenSet} />}

        {canClassify ? (
          <button
            type="button"
            className="primary-button primary-button--block"
            disabled={!adcode || isRunning || control.isStarting}
            onClick={() => {
              setFinishedNotice(null)
              void control.start(chosenSet?.version ?? null)
            }}
            data-testid="class-start"
          >
            {control.isStarting ? '正在启动…' : isRunning ? '正在划定…' : '开始划定'}
          </button>
        ) : (
          <p className="panel-note" data-testid="class-read-only">
            划定由耕地管理员（农业农村局）发起；您可查看分类清单、类别变化和划分依据。
          </p>
        )}
      </div>

      {control.job && (isRunning || control.job.status !== 'done' || finishedNotice) && (
        <JobProgress
          job={control.job}
          canCancel={canClassify}
          isCancelling={control.isCancelling}
          onCancel={() => void control.cancel()}
        />
      )}
      {control.failure && (
        <p className="form-error" role="alert" data-testid="class-job-error">
          {control.failure}
        </p>
      )}
      {finishedNotice && !isRunning && (
        <p className={`notice notice--${finishedNotice.kind}`} role="status" data-testid="class-job-notice">
          {finishedNotice.text}
        </p>
      )}

      <div className="panel-section__bar class-panel__lists-bar">
        <h3 className="class-panel__subtitle">分类清单</h3>
        <button
          type="button"
          className="link-button"
          onClick={() => setListReloads((n) => n + 1)}
          data-testid="class-lists-refresh"
        >
          刷新
        </button>
      </div>
      {lists.status === 'loading' && <p className="panel-note">正在加载…</p>}
      {lists.status === 'error' && (
        <p className="panel-note panel-note--error" role="alert">
          {lists.message}
        </p>
      )}
      {lists.status === 'done' && countyLists.length === 0 && (
        <p className="panel-note" data-testid="class-lists-empty">
          尚无分类清单。{canClassify ? '点击“开始划定”生成第一份清单草稿。' : ''}
        </p>
      )}
      {countyLists.length > 0 && (
        <ul className="queue-list" data-testid="class-lists">
          {countyLists.map((list) => (
            <li key={list.id}>
              <button
                type="button"
                className={`queue-item class-list-item${list.id === activeListId ? ' queue-item--active' : ''}`}
                onClick={() => onOpenList(list)}
                data-testid="class-list-item"
                data-id={list.id}
                data-status={list.review.status}
              >
                <span className="queue-item__top">
                  <span className={`review-badge review-badge--${list.review.status}`}>{list.review.statusName}</span>
                  {!list.isComplete && <span className="chip chip--warn">未完成</span>}
                  <span className="class-list-item__count">{formatCount(list.parcelCount)} 个图斑</span>
                </span>
                <span className="queue-item__name">{list.title}</span>
                <span className="queue-item__meta">
                  {formatDateTime(list.createdAt)} · 规则 {list.ruleSetVersion}
                  {list.publishedAt ? ` · 发布于 ${formatDateTime(list.publishedAt)}` : ''}
                </span>
                {list.review.status === 'returned' && list.review.reason && (
                  <span className="queue-item__reason">退回理由：{list.review.reason}</span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
      {adcode && countyExtras?.(adcode)}
    </section>
  )
}
