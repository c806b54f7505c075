import { useCallback, useEffect, useState } from 'react'
import type { OgcKey, OgcKeysResponse, OgcKeyUse } from '@contracts/ogc-keys'
import { errorMessage } from '../../shared/error-message'
import { formatDateTime } from '../../shared/format'
import { IssueKeyDialog } from './issue-key-dialog'
import { loadKeys, loadUses, revokeKey } from './ogc-keys-api'
import './ogc-keys.css'
import { PageNoticeBar, type PageNotice } from '../../shared/ui/page-notice'

/** Props of {@link OgcKeysPage}. */
export interface OgcKeysPageProps {
  /** The counties of the administrator's scope: a key is issued for some of them. */
  counties: { adcode: string; name: string }[]
}

type Notice = PageNotice | null
type Loaded = { status: 'loading' } | { status: 'error'; message: string } | ({ status: 'done' } & OgcKeysResponse)

const day = (iso: string) => formatDateTime(iso).slice(0, 10)

/** The use log: of every key, or of the one chosen. */
function UseLog({ keyRecord, version }: { keyRecord: OgcKey | null; version: number }) {
  const [uses, setUses] = useState<OgcKeyUse[] | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  useEffect(() => {
    let isLive = true
    loadUses(keyRecord?.id ?? null)
      .then((answer) => isLive && setUses(answer.uses))
      .catch((error) => isLive && setFailure(errorMessage(error)))
    return () => {
      isLive = false
    }
  }, [keyRecord, version])
  return (
    <section className="ogc-keys__log" data-testid="ogc-key-uses">
      <h3 className="ogc-keys__section-title">
        使用记录{keyRecord ? `：${keyRecord.holder}（${keyRecord.prefix}…）` : '（全部密钥，最近 500 次）'}
      </h3>
      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      {uses && (
        <div className="table-card">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">持有方</th>
                <th scope="col">密钥</th>
                <th scope="col">数据集</th>
                <th scope="col">返回要素数 / 瓦片</th>
                <th scope="col">来源地址</th>
              </tr>
            </thead>
            <tbody>
              {uses.map((u) => (
                <tr key={u.id} data-testid="ogc-key-use-row">
                  <td className="data-table__time">{formatDateTime(u.usedAt)}</td>
                  <td>{u.holder}</td>
                  <td className="data-table__mono">{u.prefix}…</td>
                  <td>{u.collection ?? '目录与说明'}</td>
                  <td>{u.tile ? `矢量瓦片 ${u.tile}` : u.featureCount}</td>
                  <td className="data-table__mono">{u.clientAddress}</td>
                </tr>
              ))}
              {uses.length === 0 && (
                <tr>
                  <td colSpan={6} className="data-table__empty">
                    还没有使用记录
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

/** 数据共享密钥: the keys of the OGC service in the administrator's scope, issuing, revoking and the use log. */
export function OgcKeysPage({ counties }: OgcKeysPageProps) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [version, setVersion] = useState(0)
  const [isIssuing, setIssuing] = useState(false)
  const [notice, setNotice] = useState<Notice>(null)
  const [logOf, setLogOf] = useState<OgcKey | null>(null)
  const reload = useCallback(() => setVersion((v) => v + 1), [])
  useEffect(() => {
    let isLive = true
    loadKeys()
      .then((answer) => isLive && setLoaded({ status: 'done', ...answer }))
      .catch((error) => isLive && setLoaded({ status: 'error', message: errorMessage(error) }))
    return () => {
      isLive = false
    }
  }, [version])

  const revoke = async (key: OgcKey) => {
    if (!window.confirm(`吊销“${key.holder}”的密钥 ${key.prefix}…？吊销后立即失效，不能恢复。`)) return
    try {
      await revokeKey(key.id)
      setNotice({ kind: 'ok', message: `已吊销“${key.holder}”的密钥 ${key.prefix}…` })
      reload()
    } catch (error) {
      setNotice({ kind: 'error', message: errorMessage(error) })
    }
  }
  const titleOf = (id: string) =>
    loaded.status === 'done' ? (loaded.collections.find((c) => c.id === id)?.title ?? id) : id

  return (
    <main className="admin-page" data-testid="ogc-keys-page">
      <div className="admin-page__inner">
        <header className="admin-page__head">
          <div>
            <h2 className="admin-page__title">数据共享密钥</h2>
            <p className="admin-page__lead">
              向部门、业务系统或个人签发密钥，用于在 QGIS、ArcGIS、GDAL 中读取数据共享服务（{window.location.origin}
              /ogc）的内部数据集；每把密钥限定数据集、区县和有效期，每次使用都有记录。公开数据集无需密钥。
            </p>
          </div>
          <div className="admin-page__tools">
            <button
              type="button"
              className="primary-button"
              onClick={() => setIssuing(true)}
              disabled={loaded.status !== 'done'}
              data-testid="ogc-key-create"
            >
              ＋ 签发密钥
            </button>
          </div>
        </header>
        {notice && <PageNoticeBar notice={notice} onClose={() => setNotice(null)} testId="ogc-keys-notice" />}
        {loaded.status === 'loading' && <p className="panel-note">正在加载密钥列表…</p>}
        {loaded.status === 'error' && (
          <p className="notice notice--error" role="alert">
            {loaded.message}
          </p>
        )}
        {loaded.status === 'done' && (
          <div className="table-card">
            <table className="data-table" data-testid="ogc-keys-table">
              <thead>
                <tr>
                  <th scope="col">持有方</th>
                  <th scope="col">密钥</th>
                  <th scope="col">数据集</th>
                  <th scope="col">区县</th>
                  <th scope="col">有效期至</th>
                  <th scope="col">状态</th>
                  <th scope="col">使用</th>
                  <th scope="col">签发</th>
                  <th scope="col" className="data-table__actions">
                    操作
                  </th>
                </tr>
              </thead>
              <tbody>
                {loaded.keys.map((key) => (
                  <tr
                    key={key.id}
                    data-testid="ogc-key-row"
                    data-holder={key.holder}
                    className={key.state === 'active' ? undefined : 'data-table__row--off'}
                  >
                    <td>
                      {key.holder}
                      <span className="chip">{key.holderKindLabel}</span>
                      {key.note && <div className="ogc-keys__note">{key.note}</div>}
                    </td>
                    <td className="data-table__mono">{key.prefix}…</td>
                    <td>{key.collections.map(titleOf).join('、')}</td>
                    <td>{key.counties.map((c) => c.name).join('、')}</td>
                    <td className="data-table__time">{day(key.expiresAt)}</td>
                    <td>
                      <span className={`ogc-keys__state ogc-keys__state--${key.state}`} data-testid="ogc-key-state">
                        {key.stateLabel}
                      </span>
                    </td>
                    <td>
                      {key.uses} 次
                      {key.lastUsedAt && <div className="ogc-keys__note">最近 {formatDateTime(key.lastUsedAt)}</div>}
                    </td>
                    <td>
                      {key.createdBy}
                      <div className="ogc-keys__note">{formatDateTime(key.createdAt)}</div>
                    </td>
                    <td className="data-table__actions">
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setLogOf(key)}
                        data-testid="ogc-key-log"
                      >
                        使用记录
                      </button>
                      {key.state !== 'revoked' && (
                        <button
                          type="button"
                          className="link-button link-button--danger"
                          onClick={() => revoke(key)}
                          data-testid="ogc-key-revoke"
                        >
                          吊销
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
                {loaded.keys.length === 0 && (
                  <tr>
                    <td colSpan={9} className="data-table__empty">
                      还没有签发密钥
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        )}
        {logOf && (
          <button type="button" className="link-button" onClick={() => setLogOf(null)} data-testid="ogc-key-log-all">
            显示全部密钥的使用记录
          </button>
        )}
        <UseLog keyRecord={logOf} version={version} />
      </div>
      {isIssuing && loaded.status === 'done' && (
        <IssueKeyDialog
          collections={loaded.collections}
          counties={counties}
          onIssued={reload}
          onClose={() => setIssuing(false)}
        />
      )}
    </main>
  )
}
