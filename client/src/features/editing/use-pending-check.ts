import { useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../shared/error-message'
import type { ParcelChange, ParcelProblem } from '@contracts/editing'
import { checkChanges } from './editing-api'

/** How long the pending set must stay still before it is checked. */
const CHECK_DELAY_MS = 450

/** State of the server check of the pending changes. */
export type CheckState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'done'; ok: boolean; problems: ParcelProblem[] }
  | { status: 'error'; message: string }

/**
 * Runs `POST /api/parcels/check` on the pending changes whenever they change (debounced); an answer to an
 * older set is dropped. `override` shows problems a save answered with until the changes move again.
 */
export function usePendingCheck(changes: ParcelChange[]): {
  check: CheckState
  showProblems: (problems: ParcelProblem[]) => void
} {
  const signature = JSON.stringify(changes)
  const [check, setCheck] = useState<{ signature: string; state: CheckState }>({
    signature: '[]',
    state: { status: 'idle' },
  })
  const latest = useRef(signature)
  latest.current = signature
  const changesRef = useRef(changes)
  changesRef.current = changes

  useEffect(() => {
    if (signature === '[]') return
    const timer = window.setTimeout(() => {
      setCheck({ signature, state: { status: 'checking' } })
      checkChanges(changesRef.current)
        .then((answer) => {
          if (latest.current === signature)
            setCheck({ signature, state: { status: 'done', ok: answer.ok, problems: answer.problems } })
        })
        .catch((error: unknown) => {
          if (latest.current === signature)
            setCheck({ signature, state: { status: 'error', message: errorMessage(error, '检查失败，请稍后重试') } })
        })
    }, CHECK_DELAY_MS)
    return () => window.clearTimeout(timer)
  }, [signature])

  const state: CheckState =
    signature === '[]' ? { status: 'idle' } : check.signature === signature ? check.state : { status: 'checking' }
  return {
    check: state,
    showProblems: (problems) =>
      setCheck({ signature: latest.current, state: { status: 'done', ok: problems.length === 0, problems } }),
  }
}
