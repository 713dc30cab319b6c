import { http } from '../http'
import type { NodeKind } from '../org/node'
import type { MeetingType, Topic } from './meeting'

/** 一类会议的标准工作模板 */
export interface MeetingTemplate {
  type: MeetingType
  label: string
  /** 要求召开该会议的规则编号，如 ZB-18-5 */
  rule: string
  /** 召开该类会议的组织类型 */
  node_kinds: NodeKind[]
  duration_minutes: number
  topics: Topic[]
  /** 会议议程 */
  agenda: string[]
  /** 会前会后检查清单 */
  checklist: string[]
  /** 会议记录提纲 */
  minutes: string
}

/** 获取各类会议的标准模板 */
export function getTemplates(): Promise<{ items: MeetingTemplate[] }> {
  return http.get<{ items: MeetingTemplate[] }, { items: MeetingTemplate[] }>('/api/life/templates')
}
