import { http } from '../http'

/** 两步转接的状态 */
export type TransferStatus = 'pending' | 'accepted' | 'returned' | 'cancelled'

/** 转接一端的支部（或党小组） */
export interface TransferEnd {
  id: number
  name: string
  /** 单位 / … / 支部 */
  path: string
}

/** 一次组织关系转接（转出方发起，转入方接收或退回） */
export interface TransferRequest {
  id: number
  member_id: number
  member_name: string
  from_branch: TransferEnd
  to_branch: TransferEnd
  to_group: TransferEnd | null
  initiated_on: string
  note: string
  status: TransferStatus
  status_label: string
  decided_on: string | null
  /** 退回理由 */
  decision_note: string
  /** 相对所查组织：out 转出、in 转入、within 两端都在其下 */
  direction?: 'out' | 'in' | 'within'
}

export interface TransferList {
  total: number
  items: TransferRequest[]
}

/** 全省党支部查找的一条结果：转出方据此指定转入支部 */
export interface BranchEntry extends TransferEnd {
  code: string
}

/** 按名称或编码在全省查找党支部（转入支部多在本人管理范围之外） */
export function findBranches(q: string): Promise<{ total: number; items: BranchEntry[] }> {
  return http.get('/api/transfers/branches', { params: { q } })
}

/** 发起转接的输入 */
export interface TransferRequestInput {
  to_branch_id: number
  to_group_id?: number
  note?: string
}

/** 列出所选组织（默认本人管理范围）转出或转入的转接 */
export function listTransfers(params: { node?: number; status?: TransferStatus }): Promise<TransferList> {
  return http.get<TransferList, TransferList>('/api/transfers', { params })
}

/** 转出方发起转接 */
export function requestTransfer(memberId: number, input: TransferRequestInput): Promise<TransferRequest> {
  return http.post<TransferRequest, TransferRequest>(`/api/members/${memberId}/transfer-requests`, input, {
    silent: true,
  })
}

/** 转入方接收：党员即日转入（可同时编入转入支部的党小组） */
export function acceptTransfer(id: number, toGroupId?: number): Promise<TransferRequest> {
  const body = toGroupId === undefined ? {} : { to_group_id: toGroupId }
  return http.post<TransferRequest, TransferRequest>(`/api/transfers/${id}/accept`, body)
}

/** 转入方退回（须说明理由） */
export function returnTransfer(id: number, reason: string): Promise<TransferRequest> {
  return http.post<TransferRequest, TransferRequest>(`/api/transfers/${id}/return`, { reason })
}

/** 转出方撤回 */
export function cancelTransfer(id: number): Promise<TransferRequest> {
  return http.post<TransferRequest, TransferRequest>(`/api/transfers/${id}/cancel`, {})
}
