import { useState } from 'react'
import type { RegistryImportReport } from '@contracts/registry-import'
import { SheetImportButtons, SheetImportProblems } from '../../shared/ui/sheet-import-report'
import { ImportModes, ImportNotice, useSheetImport } from '../../shared/ui/use-sheet-import'
import { can } from '../../../../server/src/domain/rights.ts'
import type { Role } from '../../../../server/src/domain/roles.ts'
import {
  KIND_CAPABILITY,
  KIND_NAME,
  REGISTRY_KINDS,
  type RegistryKind,
} from '../../../../server/src/domain/registry-import-kinds.ts'
import { importRegistry, templatePath } from './registry-import-api'
import './registry-import.css'

/** What each kind takes, in an officer's words. */
const KIND_HINT: Record<RegistryKind, string> = {
  enterprises: '单位名称、统一社会信用代码、行业、状态，以及经纬度或场地边界文件',
  plots: '地块属性表格，另附边界文件（Shapefile 压缩包或 GeoPackage），按地块编号对应',
  points: '点位编号、名称、级别、类型，CGCS2000 经纬度或高斯-克吕格坐标（带号）',
  'plot-results': '实验室检测结果：地块编号、样品编号、污染物（名称或 CAS 号）、检测值和单位',
}

/** Which kinds take an outline file, and whether it is required. */
const OUTLINES: Partial<Record<RegistryKind, 'required' | 'optional'>> = { plots: 'required', enterprises: 'optional' }

function kindOfUrl(kinds: RegistryKind[]): RegistryKind {
  const asked = new URLSearchParams(window.location.search).get('kind')
  return kinds.find((k) => k === asked) ?? kinds[0]
}

/** 共 3 行；有错 1 处；… what a check found or an import wrote. */
function summaryOf(report: RegistryImportReport): string {
  const head = `共 ${report.rows} 行；有错 ${report.failed} 处；`
  if (!report.isDryRun) return `${head}已导入 ${report.imported} 行`
  if (report.mode === 'all' && report.failed > 0) return `${head}按“全部有效才导入”不会导入任何行，请改正后再检查`
  return `${head}可导入 ${report.imported} 行`
}

/** Props of {@link RegistryImportPage}. */
export interface RegistryImportPageProps {
  role: Role
}

/**
 * 登记册批量导入: choose the register, download its template, upload the filled sheet (and the outlines of plots or
 * enterprises), check it (the row report, nothing written), then import all-or-nothing or the valid rows only.
 */
export function RegistryImportPage({ role }: RegistryImportPageProps) {
  const kinds = REGISTRY_KINDS.filter((k) => can(role, KIND_CAPABILITY[k]))
  const [kind, setKind] = useState<RegistryKind>(() => kindOfUrl(kinds))
  const [file, setFile] = useState<File | null>(null)
  const [outlines, setOutlines] = useState<File | null>(null)
  const { mode, setMode, report, message, isBusy, run: send, reset } = useSheetImport<RegistryImportReport>()

  if (!kinds.length)
    return (
      <main className="registry-import" data-testid="registry-import-page">
        <p className="notice notice--error">您的角色不能批量导入登记册。</p>
      </main>
    )

  const choose = (next: RegistryKind) => {
    setKind(next)
    setFile(null)
    setOutlines(null)
    reset()
    window.history.replaceState(null, '', `/registry/import?kind=${next}`)
  }

  const run = (isDryRun: boolean) => {
    if (!file) return
    return send(
      (m) => importRegistry(kind, file, outlines, m, isDryRun),
      (answer) => {
        const problems = answer.errors.length
        return isDryRun
          ? {
              kind: problems ? 'error' : 'ok',
              text: problems
                ? `检查完成：${problems} 处问题，见下表（未导入）`
                : `检查完成：${answer.rows} 行全部有效（未导入）`,
            }
          : {
              kind: 'ok',
              text: `已导入 ${answer.imported} 条${KIND_NAME[kind]}${problems ? `，${problems} 处问题未导入` : ''}`,
            }
      },
    )
  }

  const outlineRule = OUTLINES[kind]
  return (
    <main className="registry-import" data-testid="registry-import-page">
      <h1 className="registry-import__title">登记册批量导入</h1>
      <p className="panel-note">
        从已有的台账表格批量登记。先下载模板按“填写说明”填写，检查无误后再导入；导入在一个事务中完成，不会只写入一部分。
      </p>
      <fieldset className="registry-import__kinds">
        <legend className="field-label">1. 选择登记册</legend>
        {kinds.map((k) => (
          <label key={k} className={`registry-import__kind${k === kind ? ' registry-import__kind--active' : ''}`}>
            <input
              type="radio"
              name="registry-kind"
              checked={k === kind}
              onChange={() => choose(k)}
              data-testid={`kind-${k}`}
            />
            <span className="registry-import__kind-name">{KIND_NAME[k]}</span>
            <span className="registry-import__kind-hint">{KIND_HINT[k]}</span>
          </label>
        ))}
      </fieldset>
      <section className="registry-import__step">
        <h2 className="field-label">2. 下载模板</h2>
        <a className="secondary-button" href={templatePath(kind)} download data-testid="template-download">
          下载{KIND_NAME[kind]}导入模板（Excel，含填写说明）
        </a>
      </section>
      <section className="registry-import__step">
        <h2 className="field-label">3. 上传填好的文件</h2>
        <label className="registry-import__file">
          <span className="secondary-button">选择表格</span>
          <input
            type="file"
            accept=".xlsx,.csv"
            className="registry-import__input"
            data-testid="import-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null)
              reset()
            }}
          />
          <span className="registry-import__name">{file ? file.name : '未选择（.xlsx）'}</span>
        </label>
        {outlineRule && (
          <label className="registry-import__file">
            <span className="secondary-button">选择边界文件</span>
            <input
              type="file"
              accept=".zip,.gpkg,.geojson,.json"
              className="registry-import__input"
              data-testid="import-outlines"
              onChange={(e) => {
                setOutlines(e.target.files?.[0] ?? null)
                reset()
              }}
            />
            <span className="registry-import__name">
              {outlines
                ? outlines.name
                : outlineRule === 'required'
                  ? '未选择（必需：Shapefile 压缩包 .zip 或 GeoPackage .gpkg）'
                  : '未选择（可选：没有时按经纬度生成临时边界）'}
            </span>
          </label>
        )}
      </section>
      <ImportModes
        mode={mode}
        onMode={setMode}
        className="registry-import__modes"
        legend="4. 导入方式"
        legendClassName="field-label"
        allText="全部有效才导入（任何一处有错都不导入）"
      />
      <SheetImportButtons
        className="registry-import__actions"
        isDisabled={!file || isBusy}
        onRun={(isDryRun) => void run(isDryRun)}
      />
      <ImportNotice message={message} />
      {report && (
        <div className="registry-import__report" data-testid="import-report">
          <p data-testid="import-summary">{summaryOf(report)}</p>
          {report.errors.length > 0 && (
            <div className="registry-import__table-wrap">
              <SheetImportProblems
                problems={report.errors}
                className="registry-import__table"
                rowTestId="import-error"
              />
            </div>
          )}
        </div>
      )}
    </main>
  )
}
