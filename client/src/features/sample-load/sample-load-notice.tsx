import { useEffect, useState } from 'react'
import { getJson } from '../../shared/api-client'
import './sample-load.css'

interface SampleLoad {
  isLoading: boolean
  loaded: number
  total: number
}

/** How often the notice asks how far the load has come, ms. */
const POLL_MS = 3000

/**
 * On a first start the server answers at once and loads the sample counties behind it: a notice on every page says
 * how far it has come (each county can be used as soon as it is loaded) and, when the last one is in, offers to
 * reload the page so its lists show every county.
 */
export function SampleLoadNotice() {
  const [load, setLoad] = useState<SampleLoad | null>(null)
  const [wasLoading, setWasLoading] = useState(false)
  const [isDismissed, setDismissed] = useState(false)

  useEffect(() => {
    let timer = 0
    let isStopped = false
    const ask = () => {
      getJson<SampleLoad>('/api/sample-load')
        .then((next) => {
          if (isStopped) return
          setLoad(next)
          if (next.isLoading) {
            setWasLoading(true)
            timer = window.setTimeout(ask, POLL_MS)
          }
        })
        .catch(() => {
          // the notice is a courtesy: a failed question is asked again later, never shown as an error
          if (!isStopped) timer = window.setTimeout(ask, POLL_MS * 3)
        })
    }
    ask()
    return () => {
      isStopped = true
      window.clearTimeout(timer)
    }
  }, [])

  if (!load || isDismissed) return null
  if (load.isLoading)
    return (
      <div className="sample-load" role="status" data-testid="sample-load-notice">
        示例数据加载中：{load.loaded}/{load.total} 个区县（已加载的区县可直接使用，其余陆续出现）
      </div>
    )
  if (!wasLoading) return null
  return (
    <div className="sample-load sample-load--done" role="status" data-testid="sample-load-notice">
      示例数据已全部加载（{load.total} 个区县）。
      <button type="button" className="link-button" onClick={() => window.location.reload()}>
        刷新页面
      </button>
      <button type="button" className="link-button" onClick={() => setDismissed(true)} aria-label="关闭提示">
        关闭
      </button>
    </div>
  )
}
