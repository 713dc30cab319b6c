import { http } from '../http'
import type { NodeKind } from '../org/node'

export type LedgerFormat = 'xlsx' | 'docx'

/** 支部为会议记录台账，单位、机关党委、党总支为理论学习中心组学习台账，其他组织没有台账 */
export function ledgerKindOf(kind: NodeKind | undefined): 'meetings' | 'study_group' | null {
  if (kind === 'branch') return 'meetings'
  if (kind === 'unit' || kind === 'organ_committee' || kind === 'general_branch') return 'study_group'
  return null
}

/** 下载台账文件 */
export function downloadLedger(node: number, year: number, format: LedgerFormat): Promise<Blob> {
  return http.get<Blob, Blob>('/api/life/ledger', {
    params: { node, year, format },
    responseType: 'blob',
    timeout: 0,
  })
}
