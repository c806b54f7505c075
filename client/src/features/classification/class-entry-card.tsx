import { Fragment, useState } from 'react'
import { isEditableInReview } from '../../../../server/src/domain/review-workflow.ts'
import { useDataChanged, useLayerVersion } from '../../shared/data-versions'
import { useJson } from '../../shared/use-json'
import { ClassChip } from './class-chip'
import type { BasisSample, ClassBasis, ClassList } from '@contracts/classification'
import { classEntryPath } from './classification-api'
import { OverrideDialog } from './override-dialog'
import './classification.css'

/** Props of {@link ClassEntryCard}. */
export interface ClassEntryCardProps {
  list: ClassList
  parcelId: number
  /** Farmland officers may change a class while the list is 草稿 or 退回. */
  canEdit: boolean
}

const GRADE_NAME: Record<string, string> = {
  A: 'A 级（未超筛选值）',
  B: 'B 级（超筛选值、未超管制值）',
  C: 'C 级（超管制值）',
  review: '待复核',
}
const AGGREGATION: Record<string, string> = {
  worst: '取最不利样点',
  'mean-ratio': '超标倍数均值',
  idw: '反距离加权',
  nearest: '最近样点',
  none: '无样点数据',
}
const CROP_RESULT: Record<string, string> = {
  ok: '未超标',
  slight: '轻微超标',
  serious: '超标严重',
  unknown: '未判定',
  none: '无农产品数据',
}

function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  return String(Number(value.toFixed(digits)))
}

function formatDistance(distanceM: number): string {
  if (distanceM <= 0) return '图斑内'
  return distanceM >= 1000 ? `${(distanceM / 1000).toFixed(2)} km` : `${Math.round(distanceM)} m`
}

/** One sample of the basis: point, date, distance, grade, crop result and the element lines with thresholds and tables. */
function SampleBlock({ sample }: { sample: BasisSample }) {
  return (
    <li className="basis-sample" data-testid="basis-sample">
      <div className="basis-sample__head">
        <span className="mono">{sample.pointCode}</span>
        <span>{sample.sampledOn}</span>
        <span>{formatDistance(sample.distanceM)}</span>
        {sample.weight !== undefined && <span>权重 {formatNumber(sample.weight, 2)}</span>}
        <span className={`grade grade--${sample.grade}`}>
          {(sample.grade && GRADE_NAME[sample.grade]) ?? sample.grade}
        </span>
      </div>
      {sample.crop && (
        <div className="basis-sample__crop">
          农产品：{sample.crop}
          {sample.cropResult ? `，${CROP_RESULT[sample.cropResult] ?? sample.cropResult}` : ''}
        </div>
      )}
      {sample.exceeding.length > 0 && (
        <table className="basis-lines">
          <thead>
            <tr>
              <th scope="col">元素</th>
              <th scope="col">实测</th>
              <th scope="col">筛选值</th>
              <th scope="col">管制值</th>
              <th scope="col">倍数</th>
            </tr>
          </thead>
          <tbody>
            {sample.exceeding.map((line) => (
              <Fragment key={line.element}>
                <tr
                  className={
                    line.exceedsIntervention ? 'basis-lines--c' : line.exceedsScreening ? 'basis-lines--b' : undefined
                  }
                  data-testid="basis-line"
                >
                  <th scope="row">{line.element}</th>
                  <td className="num">{formatNumber(line.value)}</td>
                  <td className="num">{formatNumber(line.screeningValue)}</td>
                  <td className="num">{formatNumber(line.interventionValue)}</td>
                  <td className="num">{line.ratio === null ? '—' : formatNumber(line.ratio, 2)}</td>
                </tr>
                <tr className="basis-lines__source">
                  <td colSpan={5}>{line.basis}</td>
                </tr>
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </li>
  )
}

/** The basis of a class: summary sentence, method, rule version and every sample used. */
function BasisView({ basis, title }: { basis: ClassBasis; title: string }) {
  return (
    <div className="basis" data-testid="class-basis">
      <h4 className="basis__title">{title}</h4>
      <p className="basis__summary" data-testid="class-basis-summary">
        {basis.summary}
      </p>
      <div className="basis__meta">
        {basis.methodLabel} · 规则版本 {basis.ruleSetVersion}
        {basis.aggregation ? ` · ${AGGREGATION[basis.aggregation] ?? basis.aggregation}` : ''} · 单位 mg/kg
      </div>
      {basis.samples.length > 0 ? (
        <ol className="basis__samples">
          {basis.samples.map((s, i) => (
            <SampleBlock key={`${s.pointCode}-${i}`} sample={s} />
          ))}
        </ol>
      ) : (
        <p className="panel-note">无可用样点</p>
      )}
    </div>
  )
}

/**
 * A parcel's entry in the open class list (分类清单): class, method, soil grade, main pollutants, the basis
 * with samples, values, thresholds and tables; an override shows as such with the computed class and basis.
 */
export function ClassEntryCard({ list, parcelId, canEdit }: ClassEntryCardProps) {
  const dataChanged = useDataChanged()
  const [isEditing, setEditing] = useState(false)
  const state = useJson(classEntryPath(list.id, parcelId), useLayerVersion('classLists'), '分类依据加载失败')
  const isEditable = canEdit && isEditableInReview(list.review.status)

  if (state.status === 'loading' || state.status === 'idle') return <p className="panel-note">正在加载分类依据…</p>
  if (state.status === 'error') {
    return (
      <section className="class-entry" data-testid="class-entry">
        <h3 className="class-entry__title">分类清单：{list.title}</h3>
        <p className="panel-note">{state.message}</p>
      </section>
    )
  }
  const { entry } = state.data
  const isOverride = entry.method === 'override'

  return (
    <section
      className="class-entry"
      aria-label="分类清单中的类别与依据"
      data-testid="class-entry"
      data-class={entry.class}
      data-method={entry.method}
    >
      <h3 className="class-entry__title">
        分类清单：{list.title}
        <span className={`review-badge review-badge--${list.review.status}`}>{list.review.statusName}</span>
      </h3>
      <div className="class-entry__class">
        <ClassChip value={entry.class} label={entry.className} />
        {isOverride && (
          <span className="chip chip--warn" data-testid="class-entry-override">
            人工调整
          </span>
        )}
        {entry.publishedClass !== entry.class && (
          <span className="class-entry__published">
            现行发布：
            <ClassChip value={entry.publishedClass} />
          </span>
        )}
      </div>
      <dl className="class-entry__facts">
        <dt>划定方法</dt>
        <dd data-testid="class-entry-method">{entry.methodName}</dd>
        <dt>土壤等级</dt>
        <dd>{entry.soilGrade ? (entry.soilGradeName ?? GRADE_NAME[entry.soilGrade] ?? entry.soilGrade) : '—'}</dd>
        <dt>主要污染物</dt>
        <dd>{entry.mainPollutants.length > 0 ? entry.mainPollutants.join('、') : '无'}</dd>
        <dt>样点数</dt>
        <dd>{entry.sampleCount}</dd>
        <dt>规则版本</dt>
        <dd>{entry.basis.ruleSetVersion}</dd>
      </dl>
      {isOverride && (
        <div className="class-entry__override" data-testid="class-entry-override-block">
          <div>
            <strong>调整理由：</strong>
            <span data-testid="class-entry-override-reason">{entry.overrideReason}</span>
          </div>
          <div className="class-entry__override-meta">
            调整人 {entry.overrideBy ?? '—'} · 计算结果 <ClassChip value={entry.computedClass} />
          </div>
        </div>
      )}
      <BasisView basis={entry.basis} title={isOverride ? '计算依据（调整前，保留备查）' : '划分依据'} />
      {isEditable && (
        <button
          type="button"
          className="secondary-button class-entry__edit"
          onClick={() => setEditing(true)}
          data-testid="class-override-open"
        >
          调整类别
        </button>
      )}
      {isEditing && (
        <OverrideDialog
          listId={list.id}
          entry={entry}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false)
            dataChanged('classLists')
          }}
        />
      )}
    </section>
  )
}
