import { http } from '../http'
import type { MeetingType } from './meeting'

/** 日历项的类型：到期的规定动作、任期届满、预备期满、已记录的会议 */
export type CalendarKind = 'obligation' | 'term_end' | 'probation_end' | 'meeting'

/** 日历上的一项 */
export interface CalendarItem {
  date: string
  /** 见 CalendarKind；未知的类型按普通事项显示 */
  kind: CalendarKind | (string & {})
  title: string
  rule: string | null
  node_id: number | null
  node_name: string | null
  /** 会议：记录 id；其他项没有 */
  meeting_id?: number | null
  /** 预备期满：党员 id */
  member_id?: number | null
  meeting_type?: MeetingType | null
  /** 会议为审核状态；其他为 overdue（已过）或 open（未到） */
  state: string | null
}

/** 获取日历（起止不超过 366 天） */
export function getCalendar(node: number, from: string, to: string): Promise<{ items: CalendarItem[] }> {
  return http.get<{ items: CalendarItem[] }, { items: CalendarItem[] }>('/api/life/calendar', {
    params: { node, from, to },
  })
}
