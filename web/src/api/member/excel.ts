import type { AxiosProgressEvent } from 'axios'
import { http } from '../http'
import type { QueryParams } from '../types'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** 导出可选列，按 docs/api.md 的顺序 */
export const EXPORT_COLUMNS = [
  'name',
  'gender',
  'ethnicity',
  'birth_date',
  'age',
  'id_number',
  'education',
  'phone',
  'probationary_date',
  'full_date',
  'party_age',
  'status',
  'category',
  'branch_name',
  'branch_code',
  'group_name',
  'post',
  'left_date',
] as const
export type ExportColumn = (typeof EXPORT_COLUMNS)[number]

/** 导入错误的一行 */
export interface ImportRowError {
  row: number
  column: string
  header: string
  value: string
  error: string
  message: string
}

/** 400 import.invalid_rows 的 data */
export interface ImportErrorData {
  error: 'import.invalid_rows'
  rows: number
  error_count: number
  errors: ImportRowError[]
}

/** 下载党员导入模板 */
export function downloadImportTemplate(): Promise<Blob> {
  return http.get<Blob, Blob>('/api/members/import/template', { responseType: 'blob' })
}

/** 导入党员名册（请求体为 xlsx 文件本身） */
export function importMembers(
  file: Blob,
  onProgress?: (percent: number) => void,
): Promise<{ created: number }> {
  return http.post<{ created: number }, { created: number }>('/api/members/import', file, {
    headers: { 'Content-Type': XLSX_TYPE },
    silent: true,
    timeout: 0,
    onUploadProgress: (event: AxiosProgressEvent) => {
      if (!onProgress) return
      const total = event.total ?? file.size
      onProgress(total > 0 ? Math.min(100, Math.round((event.loaded / total) * 100)) : 0)
    },
  })
}

/** 导出党员名册（查询参数同党员查询，不含分页） */
export function exportMembers(params: QueryParams, columns: ExportColumn[]): Promise<Blob> {
  return http.get<Blob, Blob>('/api/members/export', {
    params: { ...params, columns: columns.join(',') },
    responseType: 'blob',
    timeout: 0,
  })
}
