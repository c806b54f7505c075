import type { RequestHandler } from 'express'
import { parseCookie, stringifySetCookie } from 'cookie'
import { PRIMARY_COOKIE, type ReadRouter } from '../db/read-routing.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Read-your-writes with a hot standby. A request that may write holds the standby's reads back until the primary's
 * WAL position after it is recorded, and marks the browser with a short cookie; a read that carries the cookie (its
 * writer may have gone through another server process) runs its reads on the primary.
 */
export function readRouting(router: ReadRouter, cookieSeconds: number): RequestHandler {
  const setCookie = stringifySetCookie({
    name: PRIMARY_COOKIE,
    value: '1',
    maxAge: cookieSeconds,
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
  })
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      const hasWritten = req.headers.cookie?.includes(PRIMARY_COOKIE) && parseCookie(req.headers.cookie)[PRIMARY_COOKIE]
      return hasWritten ? router.withPrimaryReads(next) : next()
    }
    router.beginWrite()
    res.append('Set-Cookie', setCookie)
    let isDone = false
    const done = () => {
      if (isDone) return
      isDone = true
      void router.endWrite()
    }
    res.on('finish', done)
    res.on('close', done)
    next()
  }
}
