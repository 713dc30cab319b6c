import { http } from '../http'
import type { Page, QueryParams } from '../types'

export type AuditEntity = 'org_node' | 'member' | 'user' | 'role_grant' | 'login_lock' | 'roster'
export const AUDIT_ENTITIES: AuditEntity[] = [
  'org_node',
  'member',
  'user',
  'role_grant',
  'login_lock',
  'roster',
]

/** 操作日志条目 */
export interface AuditEntry {
  id: number
  at: string
  at_unix: number
  user_id: number
  user_name: string
  address: string
  request_id: string
  entity: AuditEntity
  entity_id: number | null
  action: string
  /** 修改前的记录（JSON），新建时为 null */
  before: unknown
  /** 修改后的记录（JSON），删除时为 null */
  after: unknown
  hash: string
}

/** 查询操作日志 */
export function searchAudit(params: QueryParams): Promise<Page<AuditEntry>> {
  return http.get<Page<AuditEntry>, Page<AuditEntry>>('/api/audit', { params })
}
