import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import {
  MEETING_STATUSES,
  MEETING_TYPES,
  type MeetingSearchParams,
  type MeetingStatus,
  type MeetingType,
} from '@/api/life/meeting'
import { isIsoDate } from '@/utils/idNumber'
import { first, intIn, oneOf } from '@/utils/routeQuery'

export const MEETING_PAGE_SIZES = [20, 50, 100, 200] as const
export const DEFAULT_MEETING_PAGE_SIZE = 20

/** 会议列表的筛选与分页（写在地址栏） */
export interface MeetingFilter {
  node: number | null
  type: MeetingType | ''
  status: MeetingStatus | ''
  from: string
  to: string
  page: number
  page_size: number
}

/** 默认筛选：全部类型与状态，第一页 */
export function emptyMeetingFilter(): MeetingFilter {
  return { node: null, type: '', status: '', from: '', to: '', page: 1, page_size: DEFAULT_MEETING_PAGE_SIZE }
}

/** 从路由查询读出筛选条件；无效值按缺省处理，起止颠倒时对调 */
export function meetingFilterFromQuery(query: LocationQuery): MeetingFilter {
  const f = emptyMeetingFilter()
  f.node = intIn(first(query.node), 1, Number.MAX_SAFE_INTEGER)
  f.type = oneOf(first(query.type), MEETING_TYPES)
  f.status = oneOf(first(query.status), MEETING_STATUSES)
  const from = first(query.from)
  const to = first(query.to)
  f.from = isIsoDate(from) ? from : ''
  f.to = isIsoDate(to) ? to : ''
  if (f.from && f.to && f.from > f.to) [f.from, f.to] = [f.to, f.from]
  f.page = intIn(first(query.page), 1, 1_000_000) ?? 1
  const size = intIn(first(query.page_size), 1, 200)
  f.page_size =
    size !== null && (MEETING_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_MEETING_PAGE_SIZE
  return f
}

/** 筛选条件写成路由查询；缺省值不写 */
export function meetingFilterToQuery(f: MeetingFilter): LocationQueryRaw {
  const q: Record<string, string> = {}
  if (f.node !== null) q.node = String(f.node)
  if (f.type) q.type = f.type
  if (f.status) q.status = f.status
  if (f.from) q.from = f.from
  if (f.to) q.to = f.to
  if (f.page !== 1) q.page = String(f.page)
  if (f.page_size !== DEFAULT_MEETING_PAGE_SIZE) q.page_size = String(f.page_size)
  return q
}

/** 筛选条件转为 GET /api/meetings 的参数 */
export function meetingFilterToParams(f: MeetingFilter): MeetingSearchParams {
  const p: MeetingSearchParams = { page: f.page, page_size: f.page_size }
  if (f.node !== null) p.node = f.node
  if (f.type) p.type = f.type
  if (f.status) p.status = f.status
  if (f.from) p.from = f.from
  if (f.to) p.to = f.to
  return p
}

/** 会议状态对应的标签颜色：待审核蓝、已通过绿、已退回红 */
export function statusTagType(status: MeetingStatus): 'primary' | 'success' | 'danger' {
  return status === 'accepted' ? 'success' : status === 'returned' ? 'danger' : 'primary'
}
