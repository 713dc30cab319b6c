import { ElMessage } from 'element-plus'
import { ApiError } from '@/api/http'

/**
 * 把服务器的字段错误映射到表单字段（每个字段取第一条）；
 * 没有字段错误、或有字段不在表单中时，用 ElMessage 显示服务器的 message。
 */
export function serverFieldErrors(error: unknown, formFields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(error instanceof ApiError)) return out
  let unplaced = error.fields.length === 0
  for (const f of error.fields) {
    if (formFields.includes(f.field)) {
      if (!out[f.field]) out[f.field] = f.message
    } else unplaced = true
  }
  if (unplaced) ElMessage.error(error.message)
  return out
}
