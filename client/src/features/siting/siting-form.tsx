import type { ReactNode } from 'react'
import type { SitingReference } from '@contracts/siting'

/** Messages shown under the fields they are about (the server's problems name the field). */
export type FieldErrors = Partial<Record<'geometry' | 'projectName' | 'reference' | 'industry', string>>

/** Props of {@link SitingForm}. */
export interface SitingFormProps {
  hidden: boolean
  /** The site's outline input. */
  outline: ReactNode
  /** The industry list and the distances; null while loading. */
  reference: SitingReference | null
  projectName: string
  projectRef: string
  industry: string
  fieldErrors: FieldErrors
  /** A failure not about one field. */
  error: string | null
  isBusy: boolean
  onProjectName: (value: string) => void
  onProjectRef: (value: string) => void
  onIndustry: (value: string) => void
  onSubmit: () => void
}

function FieldError({ message, testId }: { message?: string; testId: string }) {
  if (!message) return null
  return (
    <p className="form-error" role="alert" data-testid={testId}>
      {message}
    </p>
  )
}

/** The form of a siting check: the site, the project, its industry (the strictly controlled ones marked), 核查. */
export function SitingForm(props: SitingFormProps) {
  const { reference, fieldErrors, industry } = props
  const chosen = reference?.industries.find((i) => i.code === industry)
  const controlled = reference?.industries.filter((i) => i.isControlled) ?? []
  const others = reference?.industries.filter((i) => !i.isControlled) ?? []
  const distances = reference?.distancesM
  return (
    <form
      className="check-form"
      hidden={props.hidden}
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        props.onSubmit()
      }}
    >
      <section className="check-step">
        <h3 className="check-step__title">
          <span className="check-step__no">1</span>拟选址范围
        </h3>
        {props.outline}
        <FieldError message={fieldErrors.geometry} testId="siting-error-geometry" />
      </section>
      <section className="check-step">
        <h3 className="check-step__title">
          <span className="check-step__no">2</span>建设项目
        </h3>
        <label className="field">
          <span className="field__label">项目名称</span>
          <input
            type="text"
            className="text-input"
            maxLength={100}
            value={props.projectName}
            onChange={(e) => props.onProjectName(e.target.value)}
            placeholder="如 赫山区某电镀园区标准厂房项目"
            aria-invalid={fieldErrors.projectName ? true : undefined}
            data-testid="siting-project-name"
          />
        </label>
        <FieldError message={fieldErrors.projectName} testId="siting-error-projectName" />
        <label className="field">
          <span className="field__label">项目文号或备案编号（可选）</span>
          <input
            type="text"
            className="text-input"
            maxLength={100}
            value={props.projectRef}
            onChange={(e) => props.onProjectRef(e.target.value)}
            placeholder="如 益发改备〔2026〕12号"
            data-testid="siting-reference"
          />
        </label>
        <FieldError message={fieldErrors.reference} testId="siting-error-reference" />
        <label className="field">
          <span className="field__label">拟建行业</span>
          <select
            className="text-input"
            value={industry}
            onChange={(e) => props.onIndustry(e.target.value)}
            aria-invalid={fieldErrors.industry ? true : undefined}
            data-testid="siting-industry"
          >
            <option value="">{reference ? '请选择行业' : '正在加载行业名单…'}</option>
            {controlled.length > 0 && (
              <optgroup label="严格控制的行业（《土壤污染防治行动计划》）">
                {controlled.map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.name}（严格控制）
                  </option>
                ))}
              </optgroup>
            )}
            {others.length > 0 && (
              <optgroup label="其他土壤污染重点行业">
                {others.map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <FieldError message={fieldErrors.industry} testId="siting-error-industry" />
        {chosen && distances && (
          <p className="hint" data-testid="siting-industry-hint">
            {chosen.isControlled
              ? `${chosen.name}属于严格控制的行业：选址在优先保护类耕地集中区域内或其 ${distances.priorityArea} 米内的，核查结论为“严格控制”。`
              : `${chosen.name}不在严格控制的行业名单中，仍按周边保护区域核查。`}
          </p>
        )}
      </section>
      <section className="check-step">
        <h3 className="check-step__title">
          <span className="check-step__no">3</span>核查
        </h3>
        <p className="hint">
          {distances
            ? `对照优先保护类耕地集中区域（${distances.priorityArea} 米内）、饮用水水源保护区（${distances.waterSource} 米内）、特定农产品禁止生产区域（${distances.banZone} 米内）和已发布的管控区域（${distances.controlZone} 米内），并列出 ${distances.monitoring} 米内最近的土壤监测结果；距离为本地设置。`
            : '对照优先保护类耕地集中区域、饮用水水源保护区、特定农产品禁止生产区域和已发布的管控区域，并列出周边土壤监测结果。'}
        </p>
        <button
          type="submit"
          className="primary-button primary-button--block"
          disabled={props.isBusy}
          data-testid="siting-submit"
        >
          {props.isBusy ? '正在核查…' : '核查'}
        </button>
        <FieldError message={props.error ?? undefined} testId="siting-error" />
      </section>
    </form>
  )
}
