import { http } from '../http'
import type { CountByKey } from '../types'

export type NodeKind =
  | 'committee'
  | 'zone'
  | 'unit'
  | 'organ_committee'
  | 'general_branch'
  | 'branch'
  | 'group'

/** 组织节点类型，自上而下 */
export const NODE_KINDS: NodeKind[] = [
  'committee',
  'zone',
  'unit',
  'organ_committee',
  'general_branch',
  'branch',
  'group',
]

/** 组织节点 */
export interface OrgNode {
  id: number
  kind: NodeKind
  kind_label: string
  name: string
  code: string
  parent_id: number | null
  sort_order: number
  term_start: string | null
  term_end: string | null
  secretary_id: number | null
  committee_size: number | null
}

/** 下级节点摘要 */
export interface OrgNodeSummary extends OrgNode {
  has_children: boolean
  members: number
}

/** 新建或修改节点的字段 */
export interface OrgNodeInput {
  kind?: NodeKind
  name?: string
  code?: string
  parent_id?: number
  sort_order?: number
  term_start?: string | null
  term_end?: string | null
  secretary_id?: number | null
  committee_size?: number | null
}

/** 子树统计 */
export interface OrgStats {
  node_id: number
  as_of: string
  total: number
  by_status: CountByKey[]
  by_gender: CountByKey[]
  by_category: CountByKey[]
  by_education: CountByKey[]
  by_age_band: CountByKey<number>[]
  by_party_age_band: CountByKey<number>[]
  left_this_year: CountByKey[]
  nodes_by_kind: CountByKey[]
}

/** 下级组织可选的类型（与服务端 MayBeChildOf 一致） */
export function childKindsOf(parent: NodeKind): NodeKind[] {
  const table: Record<NodeKind, NodeKind[]> = {
    committee: ['zone', 'unit'],
    zone: ['unit'],
    unit: ['organ_committee', 'general_branch', 'branch'],
    organ_committee: ['general_branch', 'branch'],
    general_branch: ['branch'],
    branch: ['group'],
    group: [],
  }
  return table[parent]
}

/** 获取根节点 */
export function getRootNode(): Promise<OrgNodeSummary> {
  return http.get<OrgNodeSummary, OrgNodeSummary>('/api/orgs/root')
}

/** 获取组织节点 */
export function getNode(id: number, silent = false): Promise<OrgNode> {
  return http.get<OrgNode, OrgNode>(`/api/orgs/${id}`, { silent })
}

/** 获取直接下级 */
export function getChildren(id: number): Promise<OrgNodeSummary[]> {
  return http.get<OrgNodeSummary[], OrgNodeSummary[]>(`/api/orgs/${id}/children`)
}

/** 获取从根到该节点的路径 */
export function getNodePath(id: number, silent = false): Promise<OrgNode[]> {
  return http.get<OrgNode[], OrgNode[]>(`/api/orgs/${id}/path`, { silent })
}

/** 搜索结果中的组织：带从根到它的名称路径 */
export interface OrgSearchHit extends OrgNode {
  path: string
}

/** 按名称或编码搜索本人范围内的组织 */
export function searchNodes(q: string, limit = 20): Promise<{ total: number; items: OrgSearchHit[] }> {
  return http.get<{ total: number; items: OrgSearchHit[] }, { total: number; items: OrgSearchHit[] }>(
    '/api/orgs/search',
    { params: { q, limit }, silent: true },
  )
}

/** 获取子树统计 */
export function getNodeStats(id: number, asOf?: string): Promise<OrgStats> {
  return http.get<OrgStats, OrgStats>(`/api/orgs/${id}/stats`, { params: { as_of: asOf } })
}

/** 新建组织 */
export function createNode(input: OrgNodeInput): Promise<OrgNode> {
  return http.post<OrgNode, OrgNode>('/api/orgs', input, { silent: true })
}

/** 修改组织（含移动） */
export function updateNode(id: number, input: OrgNodeInput): Promise<OrgNode> {
  return http.put<OrgNode, OrgNode>(`/api/orgs/${id}`, input, { silent: true })
}

/** 删除组织 */
export function deleteNode(id: number): Promise<void> {
  return http.delete<void, void>(`/api/orgs/${id}`)
}
