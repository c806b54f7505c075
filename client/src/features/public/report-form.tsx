import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react'
import type { PublicCounty } from '@contracts/public'
import type { ReportReceived } from '@contracts/reports'
import { ApiError } from '../../shared/api-client'
import { POSITION_FAILURE_CAUSES, countyAt, readDevicePosition } from '../../shared/geolocation'
import { sendReport } from './public-api'
import { formatFileSize, formatLonLat } from './public-format'

/** Photo types the server accepts (it checks the file's content as well). */
const PHOTO_TYPES: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' }
/** The server's default photo limit; a smaller server limit still answers with its own message. */
const MAX_PHOTO_BYTES = 5 * 1024 * 1024
const MIN_DESCRIPTION = 10
const MAX_DESCRIPTION = 2000
const MAX_CONTACT = 100

/** Props of {@link ReportForm}. */
export interface ReportFormProps {
  /** The point picked on the map, or null until the user clicks the map. */
  location: [number, number] | null
  /** The counties the platform serves: a position found by 使用我的位置 must lie in one of them. */
  counties: PublicCounty[]
  /** Takes the device's position as the report's location (使用我的位置). */
  onLocated: (location: [number, number]) => void
  onClose: () => void
  /** Called after a report was accepted (the page clears the pin). */
  onSubmitted: () => void
  /** Opens 查询举报进度 with the tracking code. */
  onTrack: (code: string) => void
}

function photoProblem(file: File): string | null {
  if (!PHOTO_TYPES[file.type]) return `不支持的照片格式（${file.type || '未知类型'}），请选择 JPEG、PNG 或 WebP 图片`
  if (file.size > MAX_PHOTO_BYTES)
    return `照片过大（${formatFileSize(file.size)}），最大 ${formatFileSize(MAX_PHOTO_BYTES)}，请压缩后再选择`
  return null
}

/**
 * 举报: the public report form. The location comes from a click on the map; the contact is optional and only
 * for staff follow-up; the hidden `website` field catches form-filling robots.
 */
export function ReportForm({ location, counties, onLocated, onClose, onSubmitted, onTrack }: ReportFormProps) {
  const ids = useId()
  const [description, setDescription] = useState('')
  const [contact, setContact] = useState('')
  const [website, setWebsite] = useState('')
  const [photo, setPhoto] = useState<File | null>(null)
  const [preview, setPreview] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isSending, setSending] = useState(false)
  const [sent, setSent] = useState<ReportReceived | null>(null)
  const [inputKey, setInputKey] = useState(0)
  const [isLocating, setLocating] = useState(false)
  const [locateMessage, setLocateMessage] = useState<string | null>(null)

  useEffect(() => {
    if (!photo || photoProblem(photo)) return setPreview(null)
    const url = URL.createObjectURL(photo)
    setPreview(url)
    return () => URL.revokeObjectURL(url)
  }, [photo])

  useEffect(() => setLocateMessage(null), [location])

  const photoError = photo ? photoProblem(photo) : null
  const textLength = description.trim().length

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    if (!location) return setError('请先在地图上点击，选择疑似污染的位置')
    if (textLength < MIN_DESCRIPTION)
      return setError(`请把情况写清楚一些：至少 ${MIN_DESCRIPTION} 个字（现在 ${textLength} 个字）`)
    if (photoError) return setError(photoError)
    const form = new FormData()
    form.set('lon', location[0].toFixed(7))
    form.set('lat', location[1].toFixed(7))
    form.set('description', description.trim())
    if (contact.trim()) form.set('contact', contact.trim())
    form.set('website', website)
    if (photo) form.set('photo', photo)
    setSending(true)
    try {
      setSent(await sendReport(form))
      onSubmitted()
    } catch (caught) {
      setError(caught instanceof ApiError || caught instanceof Error ? caught.message : '提交失败，请稍后重试')
    } finally {
      setSending(false)
    }
  }

  const locate = async () => {
    setLocateMessage(null)
    setLocating(true)
    const result = await readDevicePosition()
    setLocating(false)
    if (!result.ok)
      return setLocateMessage(
        result.failure === 'unsupported'
          ? '此浏览器无法获取位置，请直接在地图上点击选择疑似污染的位置。'
          : `${POSITION_FAILURE_CAUSES[result.failure]}，或直接在地图上点击选择位置。`,
      )
    const { at } = result.position
    if (countyAt(counties, at)) return onLocated(at)
    const served = counties.map((c) => `${c.city}${c.name}`).join('、')
    setLocateMessage(
      `您现在的位置（${formatLonLat(at)}）不在本平台服务的区县内（${served}），不能作为举报位置。如疑似污染的地点在这些区县内，请在地图上点击选择。`,
    )
  }

  const onPhoto = (event: ChangeEvent<HTMLInputElement>) => setPhoto(event.target.files?.[0] ?? null)

  const startOver = () => {
    setSent(null)
    setDescription('')
    setContact('')
    setPhoto(null)
    setInputKey((k) => k + 1)
    setError(null)
  }

  return (
    <aside className="pub-report" data-testid="report-form" aria-labelledby={`${ids}-title`}>
      <header className="pub-details__header">
        <div>
          <span className="pub-details__kind">公众举报</span>
          <h2 id={`${ids}-title`} className="pub-details__title">
            我要举报
          </h2>
        </div>
        <button type="button" className="pub-icon-button" aria-label="关闭举报表单" title="关闭" onClick={onClose}>
          ×
        </button>
      </header>
      {sent ? (
        <div className="pub-report__body">
          <p className="pub-notice pub-notice--ok" role="status" data-testid="report-success">
            {sent.message}
            <br />
            您的查询码（请抄写或截图保存）：
            <strong className="pub-code" data-testid="report-tracking-code">
              {sent.trackingCode}
            </strong>
          </p>
          <p className="pub-hint">
            凭查询码可随时点击页面上方的“查询进度”查看办理状态和答复，无需登录；查询码只显示这一次，请妥善保存。
            生态环境部门将核实您反映的情况。如留有联系方式，工作人员可能与您联系了解详情。
          </p>
          <div className="pub-report__actions">
            <button
              type="button"
              className="secondary-button"
              data-testid="report-track"
              onClick={() => onTrack(sent.trackingCode)}
            >
              查看办理进度
            </button>
            <button type="button" className="secondary-button" onClick={startOver}>
              再报一条
            </button>
            <button type="button" className="primary-button" onClick={onClose}>
              完成
            </button>
          </div>
        </div>
      ) : (
        <form className="pub-report__body" onSubmit={submit} noValidate>
          <div className="pub-field">
            <span className="pub-field__label">
              位置<em className="pub-required">必填</em>
            </span>
            {location ? (
              <p className="pub-location pub-location--set" data-testid="report-location">
                {formatLonLat(location)}
                <span className="pub-hint">再次点击地图可以调整位置。</span>
              </p>
            ) : (
              <p className="pub-location" data-testid="report-location">
                请在地图上点击疑似污染的位置，地图上会出现红色标记；在现场也可以使用您的位置。
              </p>
            )}
            <button
              type="button"
              className="secondary-button pub-locate"
              disabled={isLocating}
              data-testid="report-locate"
              onClick={() => void locate()}
            >
              {isLocating ? '正在获取位置…' : '使用我的位置'}
            </button>
            {locateMessage && (
              <p className="pub-locate__message" role="alert" data-testid="report-locate-message">
                {locateMessage}
              </p>
            )}
          </div>
          <label className="pub-field">
            <span className="pub-field__label">
              情况描述<em className="pub-required">必填</em>
            </span>
            <textarea
              className="text-area pub-textarea"
              rows={5}
              maxLength={MAX_DESCRIPTION}
              placeholder="请描述看到的情况：如废渣堆放、污水排放、异味、农作物异常等，以及发现时间、持续多久"
              data-testid="report-description"
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
            <span
              className={`pub-counter${textLength > 0 && textLength < MIN_DESCRIPTION ? ' pub-counter--short' : ''}`}
            >
              {textLength} / {MAX_DESCRIPTION} 字（至少 {MIN_DESCRIPTION} 字）
            </span>
          </label>
          <div className="pub-field">
            <span className="pub-field__label">现场照片（可选）</span>
            <div className="pub-file__row">
              <label className="pub-file pub-file--camera">
                <input
                  key={inputKey}
                  type="file"
                  accept="image/*"
                  capture="environment"
                  data-testid="report-camera"
                  onChange={onPhoto}
                />
                <span className="pub-file__button">{photo ? '重拍' : '拍照'}</span>
              </label>
              <label className="pub-file">
                <input
                  key={inputKey}
                  type="file"
                  accept="image/jpeg,image/png,image/webp"
                  data-testid="report-photo"
                  onChange={onPhoto}
                />
                <span className="pub-file__button">{photo ? '更换照片' : '选择照片'}</span>
              </label>
            </div>
            <span className="pub-hint">JPEG、PNG 或 WebP 格式，不超过 {formatFileSize(MAX_PHOTO_BYTES)}</span>
          </div>
          {photo && (
            <div className={`pub-photo${photoError ? ' pub-photo--bad' : ''}`} data-testid="report-photo-info">
              {preview && <img src={preview} alt="待上传的照片" className="pub-photo__preview" />}
              <span>
                {photo.name}
                <br />
                {PHOTO_TYPES[photo.type] ?? (photo.type || '未知类型')} · {formatFileSize(photo.size)}
                {photoError && <span className="pub-photo__error">{photoError}</span>}
              </span>
              <button
                type="button"
                className="pub-link"
                onClick={() => {
                  setPhoto(null)
                  setInputKey((k) => k + 1)
                }}
              >
                移除
              </button>
            </div>
          )}
          <label className="pub-field">
            <span className="pub-field__label">联系方式（可选）</span>
            <input
              type="text"
              className="text-input"
              maxLength={MAX_CONTACT}
              placeholder="电话或电子邮箱"
              autoComplete="tel"
              data-testid="report-contact"
              value={contact}
              onChange={(event) => setContact(event.target.value)}
            />
            <span className="pub-hint">仅供工作人员核实情况时联系您，不会公开。</span>
          </label>
          <div className="pub-honeypot" aria-hidden="true">
            <label>
              网站（请勿填写）
              <input
                type="text"
                name="website"
                tabIndex={-1}
                autoComplete="off"
                value={website}
                onChange={(event) => setWebsite(event.target.value)}
              />
            </label>
          </div>
          {error && (
            <p className="form-error pub-error" role="alert" data-testid="report-error">
              {error}
            </p>
          )}
          <div className="pub-report__actions">
            <button type="button" className="secondary-button" onClick={onClose}>
              取消
            </button>
            <button type="submit" className="primary-button" disabled={isSending} data-testid="report-submit">
              {isSending ? '正在提交…' : '提交举报'}
            </button>
          </div>
        </form>
      )}
    </aside>
  )
}
