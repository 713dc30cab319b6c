/** 服务端统一响应信封 */
export interface Envelope<T> {
  code: number
  message: string
  data: T
}

/** 字段错误（data.fields 的一项） */
export interface FieldError {
  row: number
  field: string
  value: string
  error: string
  message: string
}

/** 失败响应中 data 的通用部分 */
export interface ErrorData {
  error?: string
  fields?: FieldError[]
  [key: string]: unknown
}

/** 分页结果 */
export interface Page<T> {
  total: number
  page: number
  page_size: number
  items: T[]
}

/** 键、标签、数量（统计分组） */
export interface CountByKey<K = string> {
  key: K
  label: string
  count: number
}

/** 查询参数：数组以逗号连接 */
export type QueryParams = Record<string, string | number | undefined>
