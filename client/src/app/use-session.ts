import { useCallback, useEffect, useRef, useState } from 'react'
import type { SessionResponse, SessionUser } from '@contracts/auth'
import { logOut, loadSession } from '../features/auth/auth-api'
import { onSessionFailure, setCsrfToken } from '../shared/api-client'
import { errorMessage } from '../shared/error-message'
import { navigate } from './router'

/** The session as the app knows it. */
export type SessionState =
  { status: 'loading' } | { status: 'ready'; user: SessionUser | null } | { status: 'error'; message: string }

/** The session and the ways it changes. */
export interface Session {
  state: SessionState
  /** Takes the answer of a login or logout: the user (or none) and the CSRF token to send from now on. */
  accept: (session: SessionResponse) => void
  /** Asks the server again (after a password change, or when a request was refused as unauthenticated). */
  reload: () => void
  /** Ends the session and goes to the login page. */
  signOut: () => Promise<void>
}

/**
 * Loads `GET /api/session` on start and keeps the user and the CSRF token. A 401 from any request ends the
 * session here too; a 403 PASSWORD_CHANGE_REQUIRED marks the user as having to change the password.
 */
export function useSession(): Session {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const [loads, setLoads] = useState(0)
  const isSignedIn = useRef(false)
  useEffect(() => {
    isSignedIn.current = state.status === 'ready' && state.user !== null
  })

  useEffect(() => {
    let alive = true
    loadSession()
      .then((session) => {
        if (!alive) return
        setCsrfToken(session.csrfToken)
        setState({ status: 'ready', user: session.user })
      })
      .catch((error: unknown) => alive && setState({ status: 'error', message: errorMessage(error, '无法连接服务器') }))
    return () => {
      alive = false
    }
  }, [loads])

  const reload = useCallback(() => setLoads((n) => n + 1), [])
  const accept = useCallback((session: SessionResponse) => {
    setCsrfToken(session.csrfToken)
    setState({ status: 'ready', user: session.user })
  }, [])
  const signOut = useCallback(async () => {
    try {
      const answer = await logOut()
      navigate('/login', { replace: true })
      accept(answer)
    } catch {
      setCsrfToken(null)
      reload()
    }
  }, [accept, reload])

  useEffect(
    () =>
      onSessionFailure((error) => {
        if (!isSignedIn.current) return
        if (error.code === 'PASSWORD_CHANGE_REQUIRED') {
          setState((current) =>
            current.status === 'ready' && current.user
              ? { status: 'ready', user: { ...current.user, mustChangePassword: true } }
              : current,
          )
          return
        }
        isSignedIn.current = false
        setCsrfToken(null)
        setState({ status: 'ready', user: null })
        setLoads((n) => n + 1)
      }),
    [],
  )

  return { state, accept, reload, signOut }
}
