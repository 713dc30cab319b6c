import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import {
  AGE_BAND_COUNT,
  EDUCATIONS,
  GENDERS,
  MEMBER_CATEGORIES,
  MEMBER_SORTS,
  MEMBER_STATUSES,
  PARTY_AGE_BAND_COUNT,
  type Education,
  type Gender,
  type MemberCategory,
  type MemberSort,
  type MemberStatus,
  type SortOrder,
} from '@/api/member/member'
import type { QueryParams } from '@/api/types'
import { first, intIn, many, manyOf, oneOf } from './routeQuery'

export const PAGE_SIZES = [20, 50, 100, 200] as const
export const DEFAULT_PAGE_SIZE = 20

/** 党员列表的筛选、排序与分页 */
export interface MemberFilter {
  subtree: number | null
  name: string
  status: MemberStatus[]
  category: MemberCategory | ''
  gender: Gender | ''
  education: Education[]
  age_band: number | null
  party_age_band: number | null
  sort: MemberSort
  order: SortOrder
  page: number
  page_size: number
}

/** 默认筛选（全部在册与不在册党员，第一页） */
export function emptyFilter(): MemberFilter {
  return {
    subtree: null,
    name: '',
    status: [],
    category: '',
    gender: '',
    education: [],
    age_band: null,
    party_age_band: null,
    sort: 'name',
    order: 'asc',
    page: 1,
    page_size: DEFAULT_PAGE_SIZE,
  }
}

/** 从路由查询读出筛选条件；无效值按缺省处理 */
export function filterFromQuery(query: LocationQuery): MemberFilter {
  const f = emptyFilter()
  f.subtree = intIn(first(query.subtree), 1, Number.MAX_SAFE_INTEGER)
  f.name = first(query.name).trim()
  f.status = manyOf(many(query.status), MEMBER_STATUSES)
  f.category = oneOf(first(query.category), MEMBER_CATEGORIES)
  f.gender = oneOf(first(query.gender), GENDERS)
  f.education = manyOf(many(query.education), EDUCATIONS)
  f.age_band = intIn(first(query.age_band), 0, AGE_BAND_COUNT - 1)
  f.party_age_band = intIn(first(query.party_age_band), 0, PARTY_AGE_BAND_COUNT - 1)
  f.sort = oneOf(first(query.sort), MEMBER_SORTS) || 'name'
  f.order = first(query.order) === 'desc' ? 'desc' : 'asc'
  f.page = intIn(first(query.page), 1, 1_000_000) ?? 1
  const size = intIn(first(query.page_size), 1, 200)
  f.page_size = size !== null && (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE
  return f
}

/** 筛选条件写成路由查询；缺省值不写 */
export function filterToQuery(f: MemberFilter): LocationQueryRaw {
  const q: Record<string, string> = {}
  if (f.subtree !== null) q.subtree = String(f.subtree)
  if (f.name.trim()) q.name = f.name.trim()
  if (f.status.length) q.status = f.status.join(',')
  if (f.category) q.category = f.category
  if (f.gender) q.gender = f.gender
  if (f.education.length) q.education = f.education.join(',')
  if (f.age_band !== null) q.age_band = String(f.age_band)
  if (f.party_age_band !== null) q.party_age_band = String(f.party_age_band)
  if (f.sort !== 'name') q.sort = f.sort
  if (f.order !== 'asc') q.order = f.order
  if (f.page !== 1) q.page = String(f.page)
  if (f.page_size !== DEFAULT_PAGE_SIZE) q.page_size = String(f.page_size)
  return q
}

/** 筛选条件转为 GET /api/members 的参数；withPaging=false 用于导出 */
export function filterToSearchParams(f: MemberFilter, withPaging = true): QueryParams {
  const p: QueryParams = {}
  if (f.subtree !== null) p.subtree = f.subtree
  if (f.name.trim()) p.name = f.name.trim()
  if (f.status.length) p.status = f.status.join(',')
  if (f.category) p.category = f.category
  if (f.gender) p.gender = f.gender
  if (f.education.length) p.education = f.education.join(',')
  if (f.age_band !== null) p.age_band = f.age_band
  if (f.party_age_band !== null) p.party_age_band = f.party_age_band
  p.sort = f.sort
  p.order = f.order
  if (withPaging) {
    p.page = f.page
    p.page_size = f.page_size
  }
  return p
}

/** 首页统计项对应的党员列表查询：在册总数为 status=probationary,full&subtree=ID，分项再加自身条件 */
export type StatsDimension =
  | 'status'
  | 'gender'
  | 'category'
  | 'education'
  | 'age_band'
  | 'party_age_band'

export function statsDrillQuery(
  subtree: number,
  dimension?: StatsDimension,
  key?: string | number,
): LocationQueryRaw {
  const q: Record<string, string> = { subtree: String(subtree), status: 'probationary,full' }
  if (dimension && key !== undefined) q[dimension] = String(key)
  return q
}
