import type { RouteLocationRaw } from 'vue-router'
import type { CalendarItem } from '@/api/life/calendar'
import { addDays, daysInMonth } from '@/utils/dates'

/** 日历要取的日期范围：该月前后各留出整周（月视图会显示上月末与下月初） */
export function calendarRange(year: number, month: number): { from: string; to: string } {
  const mm = String(month).padStart(2, '0')
  const first = `${year}-${mm}-01`
  const last = `${year}-${mm}-${String(daysInMonth(year, month)).padStart(2, '0')}`
  return { from: addDays(first, -7), to: addDays(last, 14) }
}

/** 日历项的颜色：会议按审核状态；已过期未办的为红色；规定动作待开展为橙色；任期、预备期另有颜色 */
export function itemColour(item: Pick<CalendarItem, 'kind' | 'state'>): string {
  if (item.kind === 'meeting') {
    if (item.state === 'accepted') return '#67c23a'
    if (item.state === 'returned') return '#f56c6c'
    return '#409eff'
  }
  if (item.state === 'overdue' || item.state === 'missing') return '#c8161d'
  if (item.kind === 'term_end') return '#9b59b6'
  if (item.kind === 'probation_end') return '#1abc9c'
  switch (item.state) {
    case 'met':
      return '#67c23a'
    case 'open':
    case 'due_soon':
      return '#e6a23c'
    default:
      return '#909399'
  }
}

/** 按日期分组 */
export function itemsByDate(items: CalendarItem[]): Map<string, CalendarItem[]> {
  const out = new Map<string, CalendarItem[]>()
  for (const item of items) {
    const list = out.get(item.date)
    if (list) list.push(item)
    else out.set(item.date, [item])
  }
  return out
}

/** 点击日历项去的地方：会议 → 会议记录；规定动作 → 该组织的合规情况；任期 → 组织页 */
export function itemTarget(item: CalendarItem): RouteLocationRaw | null {
  if (typeof item.meeting_id === 'number') return { name: 'life-meeting-detail', params: { id: String(item.meeting_id) } }
  if (item.node_id === null) return null
  if (item.kind === 'term_end') return { name: 'org-nodes' }
  if (item.kind === 'probation_end') return { name: 'member-list', query: { subtree: String(item.node_id), status: 'probationary' } }
  return { name: 'life-compliance', query: { node: String(item.node_id) } }
}
