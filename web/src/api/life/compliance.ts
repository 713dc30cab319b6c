import { http } from '../http'
import type { NodeKind } from '../org/node'
import type { MeetingStatus, MeetingType } from './meeting'
import type { RuleRef } from './rule'

export type PeriodKind = 'month' | 'quarter' | 'year'
export const PERIOD_KINDS: PeriodKind[] = ['month', 'quarter', 'year']

/** 期间参数：month 时 index 为 1–12，quarter 时为 1–4，year 时不带 index */
export interface PeriodParams {
  period: PeriodKind
  year: number
  index?: number
}

/** 服务器确定的期间 */
export interface Period {
  kind: PeriodKind
  year: number
  index: number | null
  from: string
  to: string
  label: string
}

/** 一条规则在一个支部的状态 */
export type ComplianceState = 'met' | 'missing' | 'due_soon' | 'pending' | 'not_applicable'
export const COMPLIANCE_STATES: ComplianceState[] = ['met', 'missing', 'due_soon', 'pending', 'not_applicable']

/** 一条规则在所有支部中的状态计数 */
export interface RuleTally {
  rule: string
  met: number
  missing: number
  due_soon: number
  pending: number
  not_applicable: number
}

/** 汇总 */
export interface ComplianceSummary {
  branches: number
  compliant: number
  /** compliant / branches（0–1），没有支部时为 null */
  share: number | null
  by_rule: RuleTally[]
  /** 检查组织设置（JG-19-1/2）的单位数与其中符合的单位数 */
  units?: number
  units_compliant?: number
}

/** 直接下级的汇总 */
export interface ChildCompliance {
  id: number
  name: string
  kind: NodeKind
  branches: number
  compliant: number
  share: number | null
}

/** 一条规则的检查结果 */
export interface ComplianceCheck {
  rule: string
  state: ComplianceState
  state_label?: string
  /** 期间内应召开次数 */
  required: number
  /** 已记录次数 */
  recorded: number
  due: string | null
  message: string
}

/** 一个支部的检查结果 */
export interface BranchCompliance {
  id: number
  name: string
  path: string
  compliant: boolean
  checks: ComplianceCheck[]
}

/** 一个单位的党组织设置（按党员人数应设机关党委或党总支，JG-19-1/2） */
export interface UnitCompliance {
  id: number
  name: string
  path: string
  /** 单位各支部的党员人数之和 */
  members: number
  compliant: boolean
  checks: ComplianceCheck[]
}

/** 合规情况 */
export interface Compliance {
  node: { id: number; name: string; kind: NodeKind }
  period: Period
  as_of: string
  rules: RuleRef[]
  summary: ComplianceSummary
  children: ChildCompliance[]
  branches: BranchCompliance[]
  /** 单位以上只列前 200 个未达标支部时，未达标支部的总数；单位及以下为支部数 */
  branches_total?: number
  /** 按单位检查的规则（JG-19-1/2） */
  unit_rules?: RuleRef[]
  /** 单位：单位及以下列出本单位，以上只列组织设置不符合的单位 */
  units?: UnitCompliance[]
}

/** 规则背后的会议 */
export interface MeetingRef {
  id: number
  date: string
  type: MeetingType
  status: MeetingStatus
  /** 召开会议的组织（党小组会为党小组） */
  node_id?: number
  node_name?: string
}

/** 一条规则的检查结果（带规则的要求与依据）及其背后的会议 */
export interface BranchCheckDetail extends ComplianceCheck {
  title?: string
  source?: string
  unverified?: boolean
  meetings: MeetingRef[]
}

/** 一个支部的合规详情 */
export interface BranchComplianceDetail {
  node: { id: number; name: string; kind: NodeKind }
  path: string
  period: Period
  as_of: string
  compliant: boolean
  checks: BranchCheckDetail[]
}

/** 获取组织在一个期间的合规情况 */
export function getCompliance(node: number, period: PeriodParams): Promise<Compliance> {
  return http.get<Compliance, Compliance>('/api/life/compliance', { params: { node, ...period } })
}

/** 获取一个支部的合规详情（每条规则背后的会议） */
export function getBranchCompliance(branchId: number, period: PeriodParams): Promise<BranchComplianceDetail> {
  return http.get<BranchComplianceDetail, BranchComplianceDetail>(`/api/life/compliance/branch/${branchId}`, {
    params: { ...period },
  })
}
