import type { BranchCompliance, ComplianceCheck, ComplianceState } from '@/api/life/compliance'

/** Element Plus 标签的颜色 */
export type TagType = 'success' | 'danger' | 'warning' | 'info' | 'primary'

/** 状态标签：已开展绿、未开展红、即将到期橙、未到期灰、不适用灰色描边 */
export const STATE_TAGS: Record<ComplianceState, { type: TagType; effect: 'light' | 'plain' }> = {
  met: { type: 'success', effect: 'light' },
  missing: { type: 'danger', effect: 'light' },
  due_soon: { type: 'warning', effect: 'light' },
  pending: { type: 'info', effect: 'light' },
  not_applicable: { type: 'info', effect: 'plain' },
}

/** 状态对应的标签样式；未知状态按未到期显示 */
export function stateTag(state: string): { type: TagType; effect: 'light' | 'plain' } {
  return STATE_TAGS[state as ComplianceState] ?? STATE_TAGS.pending
}

/** 达标率文字（由达标数与支部数算出，一位小数） */
export function shareText(compliant: number, branches: number): string {
  return branches > 0 ? ((compliant / branches) * 100).toFixed(1) + '%' : '-'
}

/** 达标率（0–100，一位小数） */
export function sharePercent(compliant: number, branches: number): number {
  return branches > 0 ? Math.round((compliant / branches) * 1000) / 10 : 0
}

/** 支部某条规则的检查结果 */
export function checkOf(branch: BranchCompliance, rule: string): ComplianceCheck | undefined {
  return branch.checks.find((c) => c.rule === rule)
}

/** 支部表的筛选：是否达标、某条规则的某种状态 */
export interface BranchFilter {
  compliant?: boolean
  rule?: string
  state?: ComplianceState
}

/** 按筛选取支部（数字背后的支部） */
export function filterBranches(rows: BranchCompliance[], f: BranchFilter): BranchCompliance[] {
  return rows.filter((b) => {
    if (f.compliant !== undefined && b.compliant !== f.compliant) return false
    if (f.rule && f.state) return checkOf(b, f.rule)?.state === f.state
    if (f.rule) return checkOf(b, f.rule) !== undefined
    if (f.state) return b.checks.some((c) => c.state === f.state)
    return true
  })
}

