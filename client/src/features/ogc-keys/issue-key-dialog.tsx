import { useState, type FormEvent } from 'react'
import type { CreatedOgcKeyResponse, CreateOgcKeyBody } from '@contracts/ogc-keys'
import { HOLDER_KINDS, type HolderKind } from '../../../../server/src/domain/ogc-access.ts'
import { errorMessage } from '../../shared/error-message'
import { Dialog } from '../../shared/ui/dialog'
import { FormError } from '../../shared/ui/form-error'
import { issueKey } from './ogc-keys-api'

/** Props of {@link IssueKeyDialog}. */
export interface IssueKeyDialogProps {
  collections: { id: string; title: string }[]
  counties: { adcode: string; name: string }[]
  onIssued: () => void
  onClose: () => void
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

/** The service's address as the holder's tools reach it. */
const serviceUrl = () => `${window.location.origin}/ogc`

/** The key just issued, once, with a copy button and how QGIS and GDAL use it. */
function IssuedKey({ issued, onClose }: { issued: CreatedOgcKeyResponse; onClose: () => void }) {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.key)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  const url = serviceUrl()
  const layer = issued.record.collections[0] ?? 'farmland-parcels'
  return (
    <div className="dialog__body ogc-keys__issued" data-testid="ogc-key-issued">
      <p className="notice notice--ok" role="status">
        已为“{issued.record.holder}
        ”签发密钥。密钥只显示这一次，系统只保存其摘要，关闭后无法再查看，请立即复制并安全地交给持有方。
      </p>
      <div className="ogc-keys__key-row">
        <code className="ogc-keys__key" data-testid="ogc-key-plain">
          {issued.key}
        </code>
        <button type="button" className="primary-button" onClick={copy} data-testid="ogc-key-copy">
          {copied ? '已复制' : '复制密钥'}
        </button>
      </div>
      <h3 className="ogc-keys__howto-title">在 QGIS 中使用</h3>
      <ol className="ogc-keys__howto">
        <li>“图层”→“添加图层”→“添加 WFS / OGC API - Features 图层”，点击“新建”。</li>
        <li>
          URL 填写 <code>{url}</code>，“版本”选择“OGC API - Features”。
        </li>
        <li>
          在“认证”中新建“HTTP 头”（HTTP Header）认证配置，头名称填 <code>X-API-Key</code>，值填上面的密钥。
        </li>
        <li>连接后即可看到本密钥可读的数据集，选中后“添加”。</li>
      </ol>
      <h3 className="ogc-keys__howto-title">用 GDAL 读取</h3>
      <pre className="ogc-keys__command">
        ogrinfo --config GDAL_HTTP_HEADERS "X-API-Key: {issued.key}" "OAPIF:{url}" {layer}
      </pre>
      <p className="panel-note">
        不能设置请求头的软件可在地址后加参数 <code>?key=密钥</code>（密钥会出现在地址和日志中，尽量使用请求头）。
      </p>
      <div className="form-actions">
        <button type="button" className="primary-button" onClick={onClose} data-testid="ogc-key-done">
          我已保存密钥，关闭
        </button>
      </div>
    </div>
  )
}

/** 签发密钥: holder, collections, counties (of the administrator's scope), expiry and note; then the key, once. */
export function IssueKeyDialog({ collections, counties, onIssued, onClose }: IssueKeyDialogProps) {
  const [holder, setHolder] = useState('')
  const [holderKind, setHolderKind] = useState<HolderKind>('department')
  const [chosen, setChosen] = useState<string[]>(collections.map((c) => c.id))
  const [adcodes, setAdcodes] = useState<string[]>(counties.length === 1 ? [counties[0].adcode] : [])
  const [expiresOn, setExpiresOn] = useState(inDays(365))
  const [note, setNote] = useState('')
  const [failure, setFailure] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const [issued, setIssued] = useState<CreatedOgcKeyResponse | null>(null)
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value]

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setFailure(null)
    try {
      const body: CreateOgcKeyBody = { holder, holderKind, collections: chosen, adcodes, expiresOn, note }
      setIssued(await issueKey(body))
      onIssued()
    } catch (error) {
      setFailure(errorMessage(error, '签发失败，请稍后重试'))
    } finally {
      setBusy(false)
    }
  }

  if (issued)
    return (
      <Dialog title="密钥已签发" onClose={onClose} testId="ogc-key-dialog" isWide>
        <IssuedKey issued={issued} onClose={onClose} />
      </Dialog>
    )
  return (
    <Dialog title="签发数据共享密钥" onClose={onClose} testId="ogc-key-dialog" isWide>
      <form className="dialog__body" onSubmit={submit} noValidate>
        <div className="form-grid">
          <label className="form-field">
            <span className="form-field__label">持有方</span>
            <input
              className="text-input"
              value={holder}
              onChange={(e) => setHolder(e.target.value)}
              placeholder="如：赫山区农业农村局、省级土壤平台"
              data-testid="ogc-key-holder"
            />
          </label>
          <label className="form-field">
            <span className="form-field__label">持有方类型</span>
            <select
              className="text-input"
              value={holderKind}
              onChange={(e) => setHolderKind(e.target.value as HolderKind)}
              data-testid="ogc-key-holder-kind"
            >
              {Object.entries(HOLDER_KINDS).map(([kind, label]) => (
                <option key={kind} value={kind}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="form-field">
            <span className="form-field__label">有效期至</span>
            <input
              className="text-input"
              type="date"
              value={expiresOn}
              min={inDays(0)}
              onChange={(e) => setExpiresOn(e.target.value)}
              data-testid="ogc-key-expires"
            />
          </label>
          <label className="form-field">
            <span className="form-field__label">备注（用途、联系人）</span>
            <input
              className="text-input"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="ogc-key-note"
            />
          </label>
        </div>
        <fieldset className="ogc-keys__choices">
          <legend className="form-field__label">可读的数据集</legend>
          {collections.map((c) => (
            <label key={c.id} className="checkbox-field">
              <input
                type="checkbox"
                checked={chosen.includes(c.id)}
                onChange={() => setChosen(toggle(chosen, c.id))}
                data-testid={`ogc-key-collection-${c.id}`}
              />
              {c.title}（{c.id}）
            </label>
          ))}
        </fieldset>
        <fieldset className="ogc-keys__choices">
          <legend className="form-field__label">可读的区县（本人管辖范围内）</legend>
          {counties.map((c) => (
            <label key={c.adcode} className="checkbox-field">
              <input
                type="checkbox"
                checked={adcodes.includes(c.adcode)}
                onChange={() => setAdcodes(toggle(adcodes, c.adcode))}
                data-testid={`ogc-key-county-${c.adcode}`}
              />
              {c.name}（{c.adcode}）
            </label>
          ))}
        </fieldset>
        <FormError message={failure} testId="ogc-key-error" />
        <div className="form-actions">
          <button type="button" className="secondary-button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary-button" disabled={isBusy} data-testid="ogc-key-submit">
            {isBusy ? '正在签发…' : '签发密钥'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
