import { useState, type FormEvent } from 'react'
import { ApiError } from '../../shared/api-client'
import { errorMessage } from '../../shared/error-message'
import { Dialog } from '../../shared/ui/dialog'
import { FormError } from '../../shared/ui/form-error'
import { TextField } from '../../shared/ui/form-fields'
import { updatePlot, type PlotFacts } from './registry-api'
import { INDUSTRY_NOTE_MISSING } from './registry-labels'
import { IndustryFields, LandClassField } from './plot-fact-fields'
import type { Industry, PlotProfile } from '@contracts/registry'

/** Props of {@link PlotFactsDialog}. */
export interface PlotFactsDialogProps {
  plot: PlotProfile
  onDone: (next: PlotProfile) => void
  /** The plot changed meanwhile (409): load it again. */
  onStale: () => void
  onClose: () => void
}

type Draft = { [K in keyof PlotFacts]-?: string }

function draftOf(plot: PlotProfile): Draft {
  return {
    name: plot.name,
    formerIndustry: plot.formerIndustry ?? '',
    formerIndustryNote: plot.formerIndustryNote ?? '',
    address: plot.address ?? '',
    landUser: plot.landUser ?? '',
    contact: plot.contact ?? '',
    plannedLandClass: plot.plannedLandClass ?? '',
  }
}

/** 修改地块信息: name, former industry, address, land user, contact and planned land class; only what changed is sent. */
export function PlotFactsDialog({ plot, onDone, onStale, onClose }: PlotFactsDialogProps) {
  // the plot as the dialog opened on it: a reload of the profile meanwhile (another user's save) must not change what
  // counts as edited here, nor the version sent, or the save would overwrite that change unseen instead of a conflict
  const [{ initial, version }] = useState(() => ({ initial: draftOf(plot), version: plot.version }))
  const [draft, setDraft] = useState<Draft>(initial)
  const [failure, setFailure] = useState<string | null>(null)
  const [isStale, setStale] = useState(false)
  const [isBusy, setBusy] = useState(false)
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setFailure(null)
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const changed: PlotFacts = {}
    for (const key of Object.keys(draft) as (keyof Draft)[]) {
      if (draft[key].trim() === initial[key].trim()) continue
      const value = draft[key].trim()
      if (key === 'plannedLandClass') changed.plannedLandClass = (value || null) as PlotFacts['plannedLandClass']
      else if (key === 'formerIndustry') changed.formerIndustry = value as Industry
      else if (key === 'name') changed.name = value
      else changed[key] = value || null
    }
    if (Object.keys(changed).length === 0) return setFailure('没有修改任何内容')
    if (draft.formerIndustry === 'other' && !draft.formerIndustryNote.trim()) return setFailure(INDUSTRY_NOTE_MISSING)
    setBusy(true)
    setFailure(null)
    try {
      onDone(await updatePlot(plot.id, { version, ...changed }))
    } catch (error) {
      setFailure(errorMessage(error, '地块信息保存失败'))
      setStale(error instanceof ApiError && error.code === 'CONFLICT')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title={`修改地块信息：${plot.code}`} onClose={onClose} testId="plot-facts-dialog" isWide>
      <form className="dialog__body" onSubmit={(e) => void submit(e)} noValidate>
        {plot.reviewStatus === 'published' && (
          <p className="panel-note">
            该地块的公开信息已发布；修改后记录回到草稿，公开信息保持不变，直至重新提交审定并发布。
          </p>
        )}
        <div className="form-grid">
          <TextField
            label="地块名称 *"
            className="form-grid__wide"
            maxLength={100}
            value={draft.name}
            onChange={(name) => set({ name })}
            testId="facts-name"
          />
          <IndustryFields
            industry={draft.formerIndustry}
            note={draft.formerIndustryNote}
            onIndustry={(formerIndustry) => set({ formerIndustry })}
            onNote={(formerIndustryNote) => set({ formerIndustryNote })}
            testIdPrefix="facts"
          />
          <LandClassField
            value={draft.plannedLandClass}
            onChange={(plannedLandClass) => set({ plannedLandClass })}
            testId="facts-land-class"
          />
          <TextField
            label="地址"
            className="form-grid__wide"
            maxLength={200}
            value={draft.address}
            onChange={(address) => set({ address })}
            testId="facts-address"
          />
          <TextField
            label="土地使用权人"
            maxLength={200}
            value={draft.landUser}
            onChange={(landUser) => set({ landUser })}
            testId="facts-land-user"
          />
          <TextField
            label="责任联系人（内部）"
            maxLength={200}
            value={draft.contact}
            onChange={(contact) => set({ contact })}
            testId="facts-contact"
          />
        </div>
        {draft.plannedLandClass !== initial.plannedLandClass && plot.pollutants.length > 0 && (
          <p className="panel-note">规划用地类别改变后，污染物将按新的用地类别重新对照 GB 36600 筛选值和管制值。</p>
        )}
        <FormError message={failure} testId="facts-error" />
        <div className="form-actions">
          {isStale && (
            <button type="button" className="secondary-button" onClick={onStale}>
              重新加载地块
            </button>
          )}
          <button type="button" className="secondary-button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary-button" disabled={isBusy} data-testid="facts-save">
            {isBusy ? '正在保存…' : '保存'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
