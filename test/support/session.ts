import request from 'supertest'
import type { Express } from 'express'
import { SAMPLE_PASSWORD } from '../../server/src/services/users.service.ts'

/** The sample accounts by role (test data: all for 赫山区 430903, the administrator for 湖南省). */
export const USER_OF_ROLE = {
  farmland: 'gengdi',
  environment: 'huanjing',
  land: 'ziyuan',
  approver: 'shending',
  admin: 'admin',
} as const

export type Caller = keyof typeof USER_OF_ROLE | 'anonymous'

export interface Session {
  agent: ReturnType<typeof request.agent>
  csrfToken: string
}

/** An agent that keeps cookies, signed in as `username` (or anonymous), with its CSRF token. */
export async function signIn(app: Express, username: string | null, password = SAMPLE_PASSWORD): Promise<Session> {
  const agent = request.agent(app)
  const first = await agent.get('/api/session').expect(200)
  if (!username) return { agent, csrfToken: first.body.csrfToken }
  const res = await agent.post('/api/auth/login').set('X-CSRF-Token', first.body.csrfToken).send({ username, password })
  if (res.status !== 200) throw new Error(`登录 ${username} 失败：${res.status} ${JSON.stringify(res.body)}`)
  return { agent, csrfToken: res.body.csrfToken }
}

export function signInAs(app: Express, caller: Caller): Promise<Session> {
  return signIn(app, caller === 'anonymous' ? null : USER_OF_ROLE[caller])
}
