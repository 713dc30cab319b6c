import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { PERIOD_KINDS, type PeriodKind, type PeriodParams } from '@/api/life/compliance'
import { first, intIn, oneOf } from '@/utils/routeQuery'

/** 所选期间：月（index 1–12）、季（1–4）或年（index 为 1，不发送） */
export interface PeriodChoice {
  kind: PeriodKind
  year: number
  index: number
}

/** 默认按季度查看（三会一课多以季度计） */
export const DEFAULT_PERIOD_KIND: PeriodKind = 'quarter'
export const FIRST_YEAR = 2000

/** 一年中该类期间的个数：月 12、季 4、年 1 */
export function periodCount(kind: PeriodKind): number {
  return kind === 'month' ? 12 : kind === 'quarter' ? 4 : 1
}

function parts(today: string): { year: number; month: number } {
  return { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) }
}

/** 含 today 的期间 */
export function currentPeriod(today: string, kind: PeriodKind = DEFAULT_PERIOD_KIND): PeriodChoice {
  const { year, month } = parts(today)
  const index = kind === 'month' ? month : kind === 'quarter' ? Math.ceil(month / 3) : 1
  return { kind, year, index }
}

/** 期间的第一个月 */
function startMonth(p: PeriodChoice): number {
  return p.kind === 'month' ? p.index : p.kind === 'quarter' ? p.index * 3 - 2 : 1
}

/** 期间是否含 today 所在的月 */
function containsMonth(p: PeriodChoice, year: number, month: number): boolean {
  if (p.year !== year) return false
  if (p.kind === 'year') return true
  if (p.kind === 'quarter') return Math.ceil(month / 3) === p.index
  return p.index === month
}

/**
 * 换期间类型：所选期间含今天时换成含今天的期间（如本季度 → 本月），
 * 否则换成从所选期间的第一个月开始的期间（2025 年第 3 季度 → 2025 年 7 月）。
 */
export function changeKind(p: PeriodChoice, kind: PeriodKind, today: string): PeriodChoice {
  const { year, month } = parts(today)
  if (containsMonth(p, year, month)) return currentPeriod(today, kind)
  const m = startMonth(p)
  return { kind, year: p.year, index: kind === 'month' ? m : kind === 'quarter' ? Math.ceil(m / 3) : 1 }
}

/** 从路由查询读出期间；缺少或无效时为含今天的期间 */
export function periodFromQuery(query: LocationQuery, today: string): PeriodChoice {
  const kind = oneOf(first(query.period), PERIOD_KINDS) || DEFAULT_PERIOD_KIND
  const current = currentPeriod(today, kind)
  const year = intIn(first(query.year), FIRST_YEAR, current.year) ?? current.year
  const index = kind === 'year' ? 1 : (intIn(first(query.index), 1, periodCount(kind)) ?? current.index)
  return { kind, year, index }
}

/** 期间写成路由查询 */
export function periodToQuery(p: PeriodChoice): LocationQueryRaw {
  const q: Record<string, string> = { period: p.kind, year: String(p.year) }
  if (p.kind !== 'year') q.index = String(p.index)
  return q
}

/** 期间转为接口参数：年度不带 index */
export function periodToParams(p: PeriodChoice): PeriodParams {
  return p.kind === 'year' ? { period: 'year', year: p.year } : { period: p.kind, year: p.year, index: p.index }
}

/** 可选的年份：从今年往前 */
export function yearChoices(today: string, count = 6): number[] {
  const { year } = parts(today)
  return Array.from({ length: count }, (_, i) => year - i).filter((y) => y >= FIRST_YEAR)
}
