import { useEffect, useState } from 'react'
import type { CatalogueCollection, SharingCatalogueResponse } from '@contracts/sharing-catalogue'
import { errorMessage } from '../../shared/error-message'
import { formatCount, formatDateTime } from '../../shared/format'
import { connectInstructions } from './connect-instructions'
import { loadCatalogue } from './sharing-catalogue-api'
import './sharing-catalogue.css'

/** Props of {@link SharingCataloguePage}. */
export interface SharingCataloguePageProps {
  /** Opens the administrators' page of data sharing keys (shown to those who manage keys). */
  onOpenKeys: () => void
}

type Loaded =
  { status: 'loading' } | { status: 'error'; message: string } | ({ status: 'done' } & SharingCatalogueResponse)

/** Copies `text` to the clipboard; false when the browser refuses. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.appendChild(area)
    area.select()
    const isCopied = document.execCommand('copy')
    area.remove()
    return isCopied
  }
}

/** A 复制 button that says whether the copy worked. */
function CopyButton({ text, label = '复制', testId }: { text: string; label?: string; testId: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  return (
    <button
      type="button"
      className="secondary-button sharing-copy"
      onClick={async () => setState((await copyText(text)) ? 'copied' : 'failed')}
      data-testid={testId}
      aria-live="polite"
    >
      {state === 'copied' ? '已复制' : state === 'failed' ? '无法复制，请手动选中' : label}
    </button>
  )
}

/** Who holds an active key for the collection: names for key managers, a count for everyone else. */
function KeyHolders({ collection }: { collection: CatalogueCollection }) {
  if (collection.access === 'public') return <>公开数据，任何人无需密钥即可读取</>
  const { count, holders } = collection.keys
  if (holders === null) return <>{count > 0 ? `${count} 个单位持有有效密钥` : '暂无单位持有有效密钥'}</>
  if (holders.length === 0) return <>暂无单位持有有效密钥</>
  return (
    <ul className="sharing-card__holders" data-testid="sharing-holders">
      {holders.map((h, i) => (
        <li key={`${h.holder}-${i}`}>
          {h.holder}
          <span className="chip">{h.holderKindLabel}</span>
          <span className="sharing-card__note">
            {h.counties.join('、')} · 有效期至 {formatDateTime(h.expiresAt).slice(0, 10)}
          </span>
        </li>
      ))}
    </ul>
  )
}

/** One collection: what it holds, its fields, figures, CRSs, key holders and how to connect. */
function CollectionCard({ collection, serviceUrl }: { collection: CatalogueCollection; serviceUrl: string }) {
  const instructions = connectInstructions(collection, serviceUrl)
  const [shown, setShown] = useState(instructions[0].id)
  const instruction = instructions.find((i) => i.id === shown) ?? instructions[0]
  const isInternal = collection.access === 'internal'
  return (
    <article
      id={`sharing-${collection.id}`}
      className="sharing-card"
      data-testid="sharing-collection"
      data-collection={collection.id}
    >
      <header className="sharing-card__head">
        <h3 className="sharing-card__title">{collection.title}</h3>
        <span className={`chip ${isInternal ? 'chip--warn' : 'chip--ok'}`} data-testid="sharing-access">
          {collection.accessLabel}
        </span>
      </header>
      <p className="sharing-card__description">{collection.description}</p>
      <dl className="sharing-card__facts">
        <div>
          <dt>更新时间</dt>
          <dd data-testid="sharing-updated">
            {collection.updatedAt ? formatDateTime(collection.updatedAt) : '无记录'}
          </dd>
        </div>
        <div>
          <dt>要素数</dt>
          <dd data-testid="sharing-count">
            {collection.featureCount === null ? '未统计' : formatCount(collection.featureCount)}
            <span className="sharing-card__note">{collection.countScope}</span>
          </dd>
        </div>
        <div>
          <dt>坐标系</dt>
          <dd data-testid="sharing-crs">
            存储：{collection.storageCrs.label}
            <span className="sharing-card__note">可选输出：</span>
            <ul className="sharing-card__crs">
              {collection.crs.map((c) => (
                <li key={c.uri}>{c.label}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>持有密钥的单位</dt>
          <dd data-testid="sharing-keys">
            <KeyHolders collection={collection} />
          </dd>
        </div>
        <div>
          <dt>服务地址</dt>
          <dd className="sharing-card__url">
            <code>{collection.url}</code>
          </dd>
        </div>
      </dl>
      <details className="sharing-card__section" data-testid="sharing-fields">
        <summary>字段说明（{collection.fields.length} 个）</summary>
        <div className="table-card">
          <table className="data-table sharing-fields">
            <thead>
              <tr>
                <th scope="col">字段</th>
                <th scope="col">名称</th>
                <th scope="col">含义</th>
                <th scope="col">类型</th>
              </tr>
            </thead>
            <tbody>
              {collection.fields.map((f) => (
                <tr key={f.name} data-testid="sharing-field" data-field={f.name}>
                  <td className="data-table__mono">{f.name}</td>
                  <td className="sharing-fields__title">{f.title}</td>
                  <td>{f.meaning}</td>
                  <td className="sharing-fields__type">{f.typeLabel}</td>
                </tr>
              ))}
              {collection.fields.length === 0 && (
                <tr>
                  <td colSpan={4} className="data-table__empty">
                    字段说明尚未编写
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </details>
      <details className="sharing-card__section" data-testid="sharing-connect">
        <summary>连接方法（QGIS、ArcGIS Pro、GDAL）</summary>
        <div className="sharing-connect__tabs" role="tablist" aria-label="软件">
          {instructions.map((i) => (
            <button
              key={i.id}
              type="button"
              role="tab"
              aria-selected={i.id === instruction.id}
              className={`sharing-connect__tab${i.id === instruction.id ? ' sharing-connect__tab--active' : ''}`}
              onClick={() => setShown(i.id)}
              data-testid={`sharing-connect-${i.id}`}
            >
              {i.title}
            </button>
          ))}
        </div>
        <pre
          className={`sharing-connect__text${instruction.id === 'gdal' ? ' sharing-connect__text--command' : ''}`}
          data-testid="sharing-connect-text"
        >
          {instruction.text}
        </pre>
        <div className="sharing-connect__actions">
          <CopyButton key={instruction.id} text={instruction.text} testId="sharing-copy" />
          {isInternal && <span className="sharing-card__note">密钥不在此显示：请向管理员申请数据共享密钥</span>}
        </div>
      </details>
    </article>
  )
}

/**
 * 资源共享目录: every collection of the data sharing service (OGC API - Features) with its fields and their meaning,
 * update time, feature count, CRSs, the units holding keys for it, and copy-ready steps for QGIS, ArcGIS Pro and GDAL.
 */
export function SharingCataloguePage({ onOpenKeys }: SharingCataloguePageProps) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  useEffect(() => {
    let isLive = true
    loadCatalogue()
      .then((answer) => isLive && setLoaded({ status: 'done', ...answer }))
      .catch((error) => isLive && setLoaded({ status: 'error', message: errorMessage(error) }))
    return () => {
      isLive = false
    }
  }, [])

  return (
    <main className="admin-page sharing-page" data-testid="sharing-page">
      <div className="admin-page__inner">
        <header className="admin-page__head">
          <div>
            <h2 className="admin-page__title">资源共享目录</h2>
            <p className="admin-page__lead">
              本系统按 OGC API - Features 标准共享以下数据集，生态环境、自然资源、农业农村等部门可在 QGIS、ArcGIS Pro
              或其他系统中直接读取同一套数据。公开数据集任何人可读；内部数据集须持数据共享密钥，且只能读取密钥所限区县。
            </p>
          </div>
        </header>
        {loaded.status === 'loading' && <p className="panel-note">正在加载共享目录…</p>}
        {loaded.status === 'error' && (
          <p className="notice notice--error" role="alert">
            {loaded.message}
          </p>
        )}
        {loaded.status === 'done' && (
          <>
            <section className="sharing-service" data-testid="sharing-service">
              <div className="sharing-service__row">
                <span className="sharing-service__label">服务地址</span>
                <code className="sharing-service__url" data-testid="sharing-service-url">
                  {loaded.serviceUrl}
                </code>
                <CopyButton text={loaded.serviceUrl} label="复制地址" testId="sharing-copy-service" />
              </div>
              <p className="sharing-service__keys">
                读取内部数据集请向管理员申请数据共享密钥；密钥只在签发时显示一次，请妥善保存，不要写进文件或发到群里。
                {loaded.canManageKeys && (
                  <>
                    {' '}
                    <a
                      href="/admin/ogc-keys"
                      onClick={(event) => {
                        event.preventDefault()
                        onOpenKeys()
                      }}
                      data-testid="sharing-open-keys"
                    >
                      签发或吊销数据共享密钥
                    </a>
                  </>
                )}
              </p>
            </section>
            <nav className="sharing-index" aria-label="数据集" data-testid="sharing-index">
              {loaded.collections.map((c) => (
                <button
                  key={c.id}
                  type="button"
                  className="sharing-index__link"
                  onClick={() => document.getElementById(`sharing-${c.id}`)?.scrollIntoView({ block: 'start' })}
                >
                  {c.title}
                  {c.featureCount !== null && (
                    <span className="sharing-index__count">{formatCount(c.featureCount)}</span>
                  )}
                </button>
              ))}
            </nav>
            <div className="sharing-list">
              {loaded.collections.map((c) => (
                <CollectionCard key={c.id} collection={c} serviceUrl={loaded.serviceUrl} />
              ))}
            </div>
          </>
        )}
      </div>
    </main>
  )
}
