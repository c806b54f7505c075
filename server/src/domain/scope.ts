import { AppError } from './errors.ts'

/** Who acts, as far as scope goes: the counties the user's scopes cover. */
export interface ScopedActor {
  user: { counties: readonly { adcode: string; name: string }[] }
}

/** The one scope check of the services: OUT_OF_SCOPE (403) naming the county when it lies outside the user's scope. */
export function assertCountyInScope(actor: ScopedActor, adcode: string, countyName: string): void {
  if (actor.user.counties.some((c) => c.adcode === adcode)) return
  const own = actor.user.counties.map((c) => c.name).join('、') || '无'
  throw new AppError('OUT_OF_SCOPE', `无权访问 ${countyName}（${adcode}）的数据；您的管辖范围：${own}`)
}

/** The county codes the user's scopes cover (every internal read filters by them). */
export function scopeAdcodes(actor: ScopedActor): string[] {
  return actor.user.counties.map((c) => c.adcode)
}
