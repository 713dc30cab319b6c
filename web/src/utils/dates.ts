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
