import type { LocationQueryRaw, RouteLocationRaw } from 'vue-router'
import type { MeetingType } from '@/api/life/meeting'
import type { Reminder, ReminderKind, ReminderState } from '@/api/life/reminder'
import type { MeetingTemplate } from '@/api/life/template'
import type { TagType } from '../compliance/complianceView'

/** 分组顺序：逾期、警示（6 个月未参加组织生活等）、即将到期、预警、提示 */
export const REMINDER_STATES: ReminderState[] = ['overdue', 'alert', 'due_soon', 'warning', 'info']

/** 各状态的标签颜色 */
export const REMINDER_STATE_TAGS: Record<ReminderState, TagType> = {
  overdue: 'danger',
  alert: 'danger',
  due_soon: 'warning',
  warning: 'warning',
  info: 'info',
}

/** 同一状态的一组提醒 */
export interface ReminderGroup {
  state: ReminderState
  items: Reminder[]
}

/**
 * 按状态分组（固定顺序，空组不列），组内按到期日升序（无到期日的在后），
 * 同日保持服务器的顺序（服务器已按紧急程度排序）。
 */
export function groupReminders(items: Reminder[]): ReminderGroup[] {
  const indexed = items.map((item, i) => ({ item, i }))
  return REMINDER_STATES.map((state) => ({
    state,
    items: indexed
      .filter(({ item }) => item.state === state)
      .sort((a, b) => {
        const da = a.item.due ?? '9999-12-31'
        const db = b.item.due ?? '9999-12-31'
        return da < db ? -1 : da > db ? 1 : a.i - b.i
      })
      .map(({ item }) => item),
  })).filter((g) => g.items.length > 0)
}

/** 与会议有关、可直接“记录会议”的提醒 */
const RECORDABLE: ReminderKind[] = ['meeting_due', 'meeting_overdue']

/** 规则编号 → 会议类型（由模板的 rule 得到） */
export function typeOfRule(rule: string | null, templates: MeetingTemplate[]): MeetingType | null {
  if (!rule) return null
  return templates.find((t) => t.rule === rule)?.type ?? null
}

/** “记录会议”的查询（类型与组织）：类型取提醒的 meeting_type，没有时由规则找模板；不是会议提醒时为 null */
export function recordQuery(r: Reminder, templates: MeetingTemplate[]): LocationQueryRaw | null {
  if (!RECORDABLE.includes(r.kind) || r.node_id === null) return null
  const type = r.meeting_type || typeOfRule(r.rule, templates)
  return type ? { type, node: String(r.node_id) } : { node: String(r.node_id) }
}

/** 提醒的 data-test：reminder-<kind>-<node id>（没有组织时为 0） */
export function reminderTestId(r: Reminder): string {
  return `reminder-${r.kind}-${r.node_id ?? 0}`
}

/** 提醒中组织的链接：会议类 → 该组织的合规情况；任期 → 组织页（先在选择器中选中它）；其余 → 该组织的党员 */
export function nodeTarget(r: Reminder): RouteLocationRaw | null {
  if (r.node_id === null) return null
  const node = String(r.node_id)
  if (r.kind === 'term_ending' || r.kind === 'term_ended') return { name: 'org-nodes' }
  if (r.kind.startsWith('meeting_')) return { name: 'life-compliance', query: { node } }
  return { name: 'member-list', query: { subtree: node, status: 'probationary,full' } }
}

/** 提醒中党员的链接：党员列表中按姓名找到他（范围为提醒的组织） */
export function memberTarget(r: Reminder): RouteLocationRaw | null {
  if (r.member_id === null || !r.member_name) return null
  const q: Record<string, string> = { name: r.member_name }
  if (r.node_id !== null) q.subtree = String(r.node_id)
  return { name: 'member-list', query: q }
}
