import { ElMessage } from 'element-plus'
import { ApiError } from '@/api/http'

/**
 * 把服务器的字段错误映射到表单字段（每个字段取第一条）；
 * 没有字段错误、或有字段不在表单中时，用 ElMessage 显示服务器的 message。
 * normalise 把服务器的字段名换成表单字段（如 votes[0].yes → votes）。
 */
export function serverFieldErrors(
  error: unknown,
  formFields: readonly string[],
  normalise: (field: string) => string = (f) => f,
): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(error instanceof ApiError)) return out
  let unplaced = error.fields.length === 0
  for (const f of error.fields) {
    const field = normalise(f.field)
    if (formFields.includes(field)) {
      if (!out[field]) out[field] = f.message
    } else unplaced = true
  }
  if (unplaced) ElMessage.error(error.message)
  return out
}
