/** 今天的日期 YYYY-MM-DD（按上海时区） */
export function todayIso(now: Date = new Date()): string {
  const shanghai = new Date(now.getTime() + (now.getTimezoneOffset() + 480) * 60_000)
  const y = shanghai.getFullYear()
  const m = String(shanghai.getMonth() + 1).padStart(2, '0')
  const d = String(shanghai.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}

/** date 加上若干年（YYYY-MM-DD 字符串运算，2 月 29 日顺延到 3 月 1 日） */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const out = new Date(Date.UTC(y + years, m - 1, d))
  return out.toISOString().slice(0, 10)
}

/** date 加上若干天（YYYY-MM-DD 字符串运算） */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** 该月的天数 */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** 时间的文字：Unix 秒按上海时间写成 YYYY-MM-DD HH:MM，文字原样，空值为空串 */
export function formatTimestamp(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'string') return value
  if (value <= 0) return ''
  const shanghai = new Date(value * 1000 + 8 * 3600_000)
  return shanghai.toISOString().slice(0, 16).replace('T', ' ')
}
