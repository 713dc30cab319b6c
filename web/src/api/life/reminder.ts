import { http } from '../http'
import type { MeetingType } from './meeting'

export type ReminderKind =
  | 'meeting_due'
  | 'meeting_overdue'
  | 'meeting_returned'
  | 'term_ending'
  | 'term_ended'
  | 'probation_ending'
  | 'probation_overdue'
  | 'absence_warning'
  | 'absence_alert'
  | 'political_birthday'
  | 'fifty_year_medal'
export type ReminderState = 'overdue' | 'due_soon' | 'alert' | 'warning' | 'info'
/** 提前提醒的天数：7 或 30 */
export type ReminderWithin = 7 | 30

/** 一条提醒 */
export interface Reminder {
  kind: ReminderKind
  /** 规则编号；没有对应规则时为 null */
  rule: string | null
  /** 规则的依据（服务器给出的文字，待核实的不含条款号） */
  source: string | null
  unverified: boolean
  state: ReminderState
  due: string | null
  node_id: number | null
  node_name: string | null
  member_id: number | null
  member_name: string | null
  meeting_id: number | null
  /** 会议类提醒对应的会议类型（“记录会议”预填） */
  meeting_type?: MeetingType | null
  message: string
}

/** 提醒列表 */
export interface Reminders {
  as_of: string
  /** 各状态的条数（没有的状态可能不出现） */
  counts: Partial<Record<ReminderState, number>>
  /** 符合条件的总条数（items 可能只列出前若干条） */
  total?: number
  items: Reminder[]
}

/** 获取提醒（最紧急的在前） */
export function getReminders(node: number, within: ReminderWithin = 30): Promise<Reminders> {
  return http.get<Reminders, Reminders>('/api/life/reminders', { params: { node, within } })
}
