import { http } from '../http'

/** 核实状态：V 已核实、P 单一来源、U 待核实 */
export type RuleStatus = 'V' | 'P' | 'U'

/** 一条规则（RULES.md / rules.json） */
export interface LifeRule {
  id: string
  title: string
  statement: string
  source: string
  status: RuleStatus
  /** U 为 true：依据未写明条款，显示“待核实” */
  unverified: boolean
  kind: string
  params: Record<string, unknown>
  effective_from: string
  effective_to: string | null
}

/** 某日有效的规则集 */
export interface RuleSet {
  version: string
  date: string
  items: LifeRule[]
}

/** 规则的引用（合规情况中列出的规则） */
export interface RuleRef {
  id: string
  title: string
  source: string
  status: RuleStatus
  unverified: boolean
}

/** 获取某日有效的规则集（缺省为今天） */
export function getRules(date?: string): Promise<RuleSet> {
  return http.get<RuleSet, RuleSet>('/api/life/rules', { params: { date } })
}
