import { useMemo, useState } from 'react'
import { ApiError } from '../../shared/api-client'
import { errorMessage } from '../../shared/error-message'
import { formatDateTime } from '../../shared/format'
import { Dialog } from '../../shared/ui/dialog'
import { FormError } from '../../shared/ui/form-error'
import { useJson } from '../../shared/use-json'
import type { ListEntry, RemovedEntry, RegistryList } from '@contracts/registry-lists'
import {
  announcementCsvUrl,
  listPreviewPath,
  listVersionsPath,
  publishList,
  registryListsPath,
} from './registry-lists-api'
import { LIST_LEVEL } from './registry-list-labels'
import './registry-lists.css'

/** Props of {@link RegistryListsPage}. */
export interface RegistryListsPageProps {
  /** The user may publish (role environment; the server checks the jurisdiction). */
  canPublish: boolean
}

const keyOf = (l: { list: string; jurisdiction: string }) => `${l.list}/${l.jurisdiction}`

/**
 * 名录发布: per list and jurisdiction of the user's scope, the batch announcement a new version would make
 * (新增 / 保留 / 移出 against the last published version), publishing it, and the published versions with their
 * CSV announcement and the public JSON feed.
 */
export function RegistryListsPage({ canPublish }: RegistryListsPageProps) {
  const [reloads, setReloads] = useState(0)
  const lists = useJson(registryListsPath, reloads, '名录列表加载失败')
  const items = useMemo(() => (lists.status === 'done' ? lists.data.items : []), [lists])
  const [chosen, setChosen] = useState<string | null>(null)
  const active = items.find((l) => keyOf(l) === chosen) ?? items[0] ?? null

  return (
    <main className="report-page" data-testid="registry-lists-page">
      <div className="report-page__inner">
        <header className="report-page__head">
          <div>
            <h2 className="report-page__title">名录发布</h2>
            <p className="report-page__lead lists-page__lead">
              疑似污染地块名单（县级）、污染地块名录（市级）和建设用地土壤污染风险管控和修复名录（省级）按辖区分版本发布；每一版公告列明与上一版相比新增、保留和移出的地块，仅含公开信息。
            </p>
          </div>
          <button type="button" className="secondary-button" onClick={() => setReloads((n) => n + 1)}>
            刷新
          </button>
        </header>
        {lists.status === 'loading' && <p className="panel-note">正在加载…</p>}
        {lists.status === 'error' && (
          <p className="notice notice--error" role="alert">
            {lists.message}
          </p>
        )}
        {lists.status === 'done' && items.length === 0 && (
          <p className="panel-note">您的管辖范围内没有可查看的名录。</p>
        )}
        {items.length > 0 && (
          <div className="lists-page__body">
            <nav className="list-cards" aria-label="名录与辖区">
              {items.map((l) => {
                const isActive = active && keyOf(l) === keyOf(active)
                return (
                  <button
                    key={keyOf(l)}
                    type="button"
                    className={`list-card list-card--${l.list}${isActive ? ' list-card--active' : ''}`}
                    onClick={() => setChosen(keyOf(l))}
                    aria-current={isActive ? 'true' : undefined}
                    data-testid="list-card"
                    data-key={keyOf(l)}
                  >
                    <span className="list-card__level">
                      {LIST_LEVEL[l.list] ?? ''} · {l.jurisdictionName}
                    </span>
                    <span className="list-card__name">{l.listName}</span>
                    <span className="list-card__meta">
                      {l.lastVersion
                        ? `第 ${l.lastVersion.version} 版 · ${formatDateTime(l.lastVersion.publishedAt)} 发布`
                        : '尚未发布'}
                    </span>
                  </button>
                )
              })}
            </nav>
            {active && (
              <ListDetail
                key={keyOf(active)}
                list={active}
                canPublish={canPublish && active.canPublish !== false}
                onPublished={() => setReloads((n) => n + 1)}
              />
            )}
          </div>
        )}
      </div>
    </main>
  )
}

/** One list of one jurisdiction: the preview of the next version, publishing, the versions and the feed. */
function ListDetail({
  list,
  canPublish,
  onPublished,
}: {
  list: RegistryList
  canPublish: boolean
  onPublished: () => void
}) {
  const [reloads, setReloads] = useState(0)
  const preview = useJson(listPreviewPath(list), reloads, '发布预览加载失败')
  const versions = useJson(listVersionsPath(list), reloads, '版本列表加载失败')
  const diff =
    preview.status === 'done'
      ? {
          ...preview.data.announcement,
          isUnchanged: !preview.data.isChanged,
          unpublishedNote: preview.data.unpublishedNote,
        }
      : null
  const history = useMemo(
    () => (versions.status === 'done' ? [...versions.data.items].sort((a, b) => b.version - a.version) : []),
    [versions],
  )
  const [isConfirming, setConfirming] = useState(false)
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const lastVersion = history[0]?.version ?? list.lastVersion?.version ?? 0
  const feedUrl = `/api/public/registry-lists/${list.list}/${list.jurisdiction}/feed.json`
  const hasChanges = diff ? !diff.isUnchanged : false

  return (
    <section className="list-detail" aria-labelledby="list-detail-title" data-testid="list-detail">
      <header className="list-detail__head">
        <div>
          <h3 id="list-detail-title" className="list-detail__title">
            {list.listName}（{list.jurisdictionName}）
          </h3>
          <p className="list-detail__meta">
            {list.keeper && <span>发布机关：{list.keeper}</span>}
            {list.basis && <span>依据：{list.basis}</span>}
            <span data-testid="list-last-version">{lastVersion ? `现行第 ${lastVersion} 版` : '尚未发布'}</span>
          </p>
        </div>
        {canPublish && (
          <button
            type="button"
            className="success-button"
            disabled={!diff || !hasChanges}
            title={hasChanges ? undefined : '与现行版本相比没有变化，无需发布'}
            onClick={() => setConfirming(true)}
            data-testid="list-publish"
          >
            发布第 {lastVersion + 1} 版
          </button>
        )}
      </header>
      {notice && (
        <p
          className={`notice notice--${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="list-notice"
        >
          {notice.text}
        </p>
      )}

      <h4 className="list-detail__sub">
        本次发布预览{lastVersion ? `（与第 ${lastVersion} 版相比）` : '（首次发布，全部为新增）'}
      </h4>
      {preview.status === 'loading' && <p className="panel-note">正在生成预览…</p>}
      {preview.status === 'error' && <p className="notice notice--error">{preview.message}</p>}
      {diff && (
        <>
          <div className="diff-cards" data-testid="list-preview-counts">
            <DiffCard kind="added" label="新增" count={diff.counts.added} />
            <DiffCard kind="kept" label="保留" count={diff.counts.kept} />
            <DiffCard kind="removed" label="移出" count={diff.counts.removed} />
            <div className="diff-card diff-card--total">
              <span className="diff-card__count">{diff.counts.total}</span>
              <span className="diff-card__label">发布后在册</span>
            </div>
          </div>
          {diff.unpublishedNote && (
            <p className="notice list-detail__unpublished" data-testid="list-unpublished">
              {diff.unpublishedNote}
            </p>
          )}
          {!hasChanges && (
            <p className="panel-note" data-testid="list-unchanged">
              与现行第 {lastVersion} 版相比没有新增、移出或信息变化，无需发布新版本。
            </p>
          )}
          <EntryTable title="新增" kind="added" entries={diff.added} />
          <EntryTable title="移出" kind="removed" entries={diff.removed} />
          <EntryTable title="保留" kind="kept" entries={diff.kept} />
        </>
      )}

      <h4 className="list-detail__sub">已发布版本</h4>
      {versions.status === 'error' && <p className="notice notice--error">{versions.message}</p>}
      {versions.status === 'done' && history.length === 0 && <p className="panel-note">尚无已发布的版本。</p>}
      {history.length > 0 && (
        <table className="list-table" data-testid="list-versions">
          <thead>
            <tr>
              <th>版本</th>
              <th>发布时间</th>
              <th>发布人</th>
              <th className="num">新增</th>
              <th className="num">保留</th>
              <th className="num">移出</th>
              <th>公告</th>
            </tr>
          </thead>
          <tbody>
            {history.map((v) => (
              <tr key={v.version} data-testid="list-version" data-version={v.version}>
                <td>第 {v.version} 版</td>
                <td>{formatDateTime(v.publishedAt)}</td>
                <td>{v.publishedByName ?? ''}</td>
                <td className="num">{v.counts?.added ?? '—'}</td>
                <td className="num">{v.counts?.kept ?? '—'}</td>
                <td className="num">{v.counts?.removed ?? '—'}</td>
                <td>
                  <a
                    className="link-button"
                    href={announcementCsvUrl(list, v.version)}
                    download
                    data-testid="list-version-csv"
                  >
                    下载公告（CSV）
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="list-detail__feed">
        公开数据接口（无需登录，仅含已发布信息）：
        <a className="link-button" href={feedUrl} target="_blank" rel="noreferrer" data-testid="list-feed">
          {feedUrl}
        </a>
      </p>

      {isConfirming && diff && (
        <PublishDialog
          list={list}
          nextVersion={lastVersion + 1}
          expectedVersion={lastVersion}
          counts={diff.counts}
          onClose={() => setConfirming(false)}
          onStale={(text) => {
            setConfirming(false)
            setNotice({ kind: 'error', text: `${text}。预览已按现行版本刷新。` })
            setReloads((n) => n + 1)
            onPublished()
          }}
          onDone={(version) => {
            setConfirming(false)
            setNotice({
              kind: 'ok',
              text: `已发布${list.listName}（${list.jurisdictionName}）第 ${version} 版，公告可下载，公开数据接口已更新`,
            })
            setReloads((n) => n + 1)
            onPublished()
          }}
        />
      )}
    </section>
  )
}

function DiffCard({ kind, label, count }: { kind: 'added' | 'kept' | 'removed'; label: string; count: number }) {
  return (
    <div className={`diff-card diff-card--${kind}`} data-testid={`list-count-${kind}`}>
      <span className="diff-card__count">{count}</span>
      <span className="diff-card__label">{label}</span>
    </div>
  )
}

/** The plots of one group of the announcement. */
function EntryTable({
  title,
  kind,
  entries,
}: {
  title: string
  kind: 'added' | 'kept' | 'removed'
  entries: (ListEntry | RemovedEntry)[]
}) {
  if (entries.length === 0) return null
  return (
    <details className={`entry-group entry-group--${kind}`} open={kind !== 'kept'} data-testid={`list-${kind}`}>
      <summary>
        {title}（{entries.length}）
      </summary>
      <table className="list-table">
        <thead>
          <tr>
            <th>地块编码</th>
            <th>地块名称</th>
            <th>区县</th>
            <th>状态</th>
            <th>风险等级</th>
            <th className="num">面积（亩）</th>
            {kind === 'removed' && <th>移出原因</th>}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.code} data-code={e.code}>
              <td className="mono">{e.code}</td>
              <td>{e.name}</td>
              <td>{e.county ?? ''}</td>
              <td>{e.statusName ?? e.status ?? ''}</td>
              <td>{e.riskLevelName ?? '—'}</td>
              <td className="num">{typeof e.areaMu === 'number' ? e.areaMu.toFixed(1) : '—'}</td>
              {kind === 'removed' && <td>{'reason' in e ? e.reason : ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}

interface PublishDialogProps {
  list: RegistryList
  nextVersion: number
  expectedVersion: number
  counts: { added: number; kept: number; removed: number; total: number }
  onClose: () => void
  /** Someone published meanwhile (409): the server's words. */
  onStale: (message: string) => void
  onDone: (version: number) => void
}

/** Confirms publishing the next version; a version published meanwhile by someone else is refused (409). */
function PublishDialog({ list, nextVersion, expectedVersion, counts, onClose, onStale, onDone }: PublishDialogProps) {
  const [failure, setFailure] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const publish = async () => {
    setBusy(true)
    setFailure(null)
    try {
      const answer = await publishList(list, expectedVersion)
      onDone(answer.version)
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT')
        return onStale(error.message.replace(/[。，,]?\s*请刷新预览后再发布$/, ''))
      setFailure(errorMessage(error, '发布失败'))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog title={`发布${list.listName}第 ${nextVersion} 版`} onClose={onClose} testId="list-publish-dialog">
      <div className="dialog__body">
        <p>
          辖区：{list.jurisdictionName}。本版公告：新增 <strong>{counts.added}</strong> 个、保留{' '}
          <strong>{counts.kept}</strong> 个、移出 <strong>{counts.removed}</strong> 个地块，发布后在册 {counts.total}{' '}
          个。
        </p>
        <p className="panel-note">
          发布后公告即在公开数据接口中提供，版本不可修改；如有错误，请更正地块后发布新的版本。
        </p>
        <FormError message={failure} testId="list-publish-error" />
        <div className="form-actions">
          <button type="button" className="secondary-button" onClick={onClose}>
            取消
          </button>
          <button
            type="button"
            className="success-button"
            disabled={isBusy}
            onClick={() => void publish()}
            data-testid="list-publish-confirm"
          >
            {isBusy ? '正在发布…' : '确认发布'}
          </button>
        </div>
      </div>
    </Dialog>
  )
}
