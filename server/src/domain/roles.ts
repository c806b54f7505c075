/** The staff roles (the README's role table) and the county scopes users act in. Pure: no I/O. */

export const ROLES = ['farmland', 'environment', 'land', 'approver', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABEL: Record<Role, string> = {
  farmland: '耕地管理员（农业农村局）',
  environment: '生态环境管理员（生态环境局）',
  land: '用地核查员（自然资源局）',
  approver: '审定人',
  admin: '系统管理员',
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** A scope code's prefix: 430903 → 430903 (county), 430900 → 4309 (city), 430000 → 43 (province). */
export function scopePrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2)
  if (code.endsWith('00')) return code.slice(0, 4)
  return code
}

/** Whether a scope code (county, city or province) covers a county. */
export function scopeCovers(scope: string, adcode: string): boolean {
  return adcode.startsWith(scopePrefix(scope))
}

/** Whether a user with `scopes` may grant `code` to another user: the code must lie inside one of them. */
export function scopeWithin(code: string, scopes: readonly string[]): boolean {
  return scopes.some((s) => scopePrefix(code).startsWith(scopePrefix(s)))
}

/** The counties among `adcodes` that the scopes cover. */
export function countiesInScope(scopes: readonly string[], adcodes: readonly string[]): string[] {
  return adcodes.filter((a) => scopes.some((s) => scopeCovers(s, a)))
}

export const PASSWORD_REASON = {
  TOO_SHORT: 'TOO_SHORT',
  TOO_SIMPLE: 'TOO_SIMPLE',
  SAME_AS_USERNAME: 'SAME_AS_USERNAME',
  UNCHANGED: 'UNCHANGED',
} as const

export const MIN_PASSWORD_LENGTH = 10

/** The password rule: at least 10 characters with letters and digits, not the user name. */
export function checkPassword(
  password: string,
  username: string,
): { valid: true } | { valid: false; reason: keyof typeof PASSWORD_REASON; message: string } {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { valid: false, reason: 'TOO_SHORT', message: `密码至少 ${MIN_PASSWORD_LENGTH} 位` }
  }
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) {
    return { valid: false, reason: 'TOO_SIMPLE', message: '密码须同时包含字母和数字' }
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    return { valid: false, reason: 'SAME_AS_USERNAME', message: '密码不能包含用户名' }
  }
  return { valid: true }
}
