import { http } from '../http'
import type { Page } from '../types'
import type { NodeKind, OrgStats } from './node'

/** 党员人数最多的支部 */
export interface BranchSize {
  id: number
  name: string
  code: string
  members: number
  full: number
}

/** 结构预警计数 */
export interface WarningCount {
  key: string
  label: string
  rule: string
  count: number
}

/** 结构预警 */
export interface StructureWarning {
  key: string
  label: string
  rule: string
  node_id: number
  node_name: string
  node_code: string
  node_kind: NodeKind
  members: number
  full: number
  term_end: string | null
  message: string
}

/** 首页概览 */
export interface Overview {
  stats: OrgStats
  branch_count: number
  branches_by_size: BranchSize[]
  warning_counts: WarningCount[]
  warnings: StructureWarning[]
}

/** 获取节点首页概览 */
export function getOverview(id: number): Promise<Overview> {
  return http.get<Overview, Overview>(`/api/orgs/${id}/overview`)
}

/** 分页获取结构预警 */
export function getWarnings(
  id: number,
  params: { key?: string; page?: number; page_size?: number },
): Promise<Page<StructureWarning>> {
  return http.get<Page<StructureWarning>, Page<StructureWarning>>(`/api/orgs/${id}/warnings`, {
    params,
  })
}
