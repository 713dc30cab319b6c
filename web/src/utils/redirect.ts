import type { LocationQueryValue } from 'vue-router'

/** 登录后的去处：只接受站内路径（以单个 / 开头），否则回首页 */
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value
  if (typeof raw !== 'string') return '/'
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/'
  if (raw.startsWith('/login') || raw.startsWith('/password-required')) return '/'
  return raw
}
