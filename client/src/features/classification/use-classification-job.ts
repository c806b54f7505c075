import { useCallback, useEffect, useRef, useState } from 'react'
import { isAbortError } from '../../shared/api-client'
import { errorMessage } from '../../shared/error-message'
import type { ClassificationJob } from '@contracts/classification'
import { cancelJob, fetchJob, fetchJobs, startJob } from './classification-api'

/** How often a running job is asked for its progress. */
const POLL_MS = 1000

/** True while a job still works (排队中, 运行中). */
export function isJobActive(job: ClassificationJob | null): boolean {
  return job !== null && (job.status === 'queued' || job.status === 'running')
}

/** The county's newest job, its progress while it runs, and the ways to start and cancel one. */
export interface ClassificationJobControl {
  job: ClassificationJob | null
  failure: string | null
  isStarting: boolean
  isCancelling: boolean
  start: (ruleSetVersion: string | null) => Promise<void>
  cancel: () => Promise<void>
}

/**
 * The classification job of a county: on start it looks for the newest job (a run started before a reload is
 * followed again), polls `GET /api/classification/jobs/:id` about every second while it runs, and calls
 * `onFinished` once when a followed job ends (done, failed or cancelled).
 */
export function useClassificationJob(
  adcode: string | null,
  onFinished: (job: ClassificationJob) => void,
): ClassificationJobControl {
  const [job, setJob] = useState<ClassificationJob | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [isStarting, setStarting] = useState(false)
  const [isCancelling, setCancelling] = useState(false)
  const finished = useRef(onFinished)
  useEffect(() => {
    finished.current = onFinished
  })

  useEffect(() => {
    setJob(null)
    setFailure(null)
    if (!adcode) return
    const controller = new AbortController()
    fetchJobs(adcode, controller.signal)
      .then(({ jobs }) => setJob(jobs[0] ?? null))
      .catch((error: unknown) => {
        if (!isAbortError(error)) setFailure(errorMessage(error, '划定任务加载失败'))
      })
    return () => controller.abort()
  }, [adcode])

  const activeId = isJobActive(job) ? job!.id : null
  useEffect(() => {
    if (activeId === null) return
    const controller = new AbortController()
    let timer = 0
    const poll = async () => {
      try {
        const { job: next } = await fetchJob(activeId, controller.signal)
        setJob(next)
        if (isJobActive(next)) timer = window.setTimeout(poll, POLL_MS)
        else finished.current(next)
      } catch (error) {
        if (isAbortError(error)) return
        setFailure(errorMessage(error, '进度查询失败，稍后自动重试'))
        timer = window.setTimeout(poll, POLL_MS * 3)
      }
    }
    timer = window.setTimeout(poll, POLL_MS)
    return () => {
      controller.abort()
      window.clearTimeout(timer)
    }
  }, [activeId])

  const start = useCallback(
    async (ruleSetVersion: string | null) => {
      if (!adcode) return
      setStarting(true)
      setFailure(null)
      try {
        const { job: started } = await startJob(adcode, ruleSetVersion)
        setJob(started)
        if (!isJobActive(started)) finished.current(started)
      } catch (error) {
        setFailure(errorMessage(error, '划定任务启动失败'))
      } finally {
        setStarting(false)
      }
    },
    [adcode],
  )

  const cancel = useCallback(async () => {
    if (!job) return
    setCancelling(true)
    setFailure(null)
    try {
      const { job: next } = await cancelJob(job.id)
      setJob(next)
      if (!isJobActive(next)) finished.current(next)
    } catch (error) {
      setFailure(errorMessage(error, '取消失败'))
    } finally {
      setCancelling(false)
    }
  }, [job])

  return { job, failure, isStarting, isCancelling, start, cancel }
}
