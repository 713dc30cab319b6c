import axios, {
  AxiosError,
  AxiosHeaders,
  type AxiosInstance,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios'
import { ElMessage } from 'element-plus'
import type { Envelope, ErrorData, FieldError } from './types'
import { i18n } from '@/locales'

declare module 'axios' {
  interface AxiosRequestConfig {
    /** 失败时不弹出 ElMessage（调用方自行展示，例如字段错误） */
    silent?: boolean
    /** 401 时不跳转登录页（启动时探测会话） */
    noAuthRedirect?: boolean
  }
}

/** 接口失败：HTTP 状态、信封 code、中文 message 与 data */
export class ApiError extends Error {
  readonly status: number
  readonly code: number
  readonly data: ErrorData | null

  constructor(status: number, code: number, message: string, data: ErrorData | null) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.data = data
  }

  /** data.error 中的稳定错误键 */
  get key(): string {
    return typeof this.data?.error === 'string' ? this.data.error : ''
  }

  /** data.fields 中的字段错误 */
  get fields(): FieldError[] {
    return Array.isArray(this.data?.fields) ? this.data.fields : []
  }
}

export type AuthFailureKind = 'unauthenticated' | 'password_change_required'
type AuthFailureHandler = (kind: AuthFailureKind) => void

let csrfToken = ''
let authFailureHandler: AuthFailureHandler | null = null

/** 设置写请求携带的 CSRF 令牌（登录或 /api/auth/me 之后） */
export function setCsrfToken(token: string): void {
  csrfToken = token
}

/** 当前 CSRF 令牌 */
export function getCsrfToken(): string {
  return csrfToken
}

/** 注册 401 / 须改密码时的处理（由路由设置，跳转登录页） */
export function setAuthFailureHandler(handler: AuthFailureHandler | null): void {
  authFailureHandler = handler
}

const WRITE_METHODS = new Set(['post', 'put', 'delete', 'patch'])

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'code' in value &&
    typeof (value as { code: unknown }).code === 'number'
  )
}

function blobText(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') return blob.text()
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error)
    reader.readAsText(blob)
  })
}

async function readBody(data: unknown): Promise<unknown> {
  if (typeof Blob !== 'undefined' && data instanceof Blob) {
    try {
      return JSON.parse(await blobText(data)) as unknown
    } catch {
      return null
    }
  }
  if (typeof data === 'string') {
    try {
      return JSON.parse(data) as unknown
    } catch {
      return null
    }
  }
  return data
}

/** 请求拦截：写请求加 X-CSRF-Token */
export function onRequest(config: InternalAxiosRequestConfig): InternalAxiosRequestConfig {
  const method = (config.method ?? 'get').toLowerCase()
  if (WRITE_METHODS.has(method) && csrfToken) {
    if (!config.headers) config.headers = new AxiosHeaders()
    config.headers.set('X-CSRF-Token', csrfToken)
  }
  return config
}

/** 响应拦截（成功）：code 为 0 时解出 data；二进制响应原样返回 Blob */
export function onResponse(response: AxiosResponse): unknown {
  const body: unknown = response.data
  const type = response.config.responseType
  if (type === 'blob' || type === 'arraybuffer') return body
  if (isEnvelope(body)) {
    if (body.code === 0) return body.data
    throw failure(response.status, body, response.config.silent ?? false, response.config)
  }
  throw failure(response.status, null, response.config.silent ?? false, response.config)
}

function failure(
  status: number,
  body: Envelope<unknown> | null,
  silent: boolean,
  config: { noAuthRedirect?: boolean } | undefined,
): ApiError {
  const t = i18n.global.t
  let error: ApiError
  if (body) {
    const data = (typeof body.data === 'object' && body.data !== null ? body.data : null) as ErrorData | null
    error = new ApiError(status, body.code, body.message || t('common.error.unknown'), data)
  } else if (status === 0) {
    error = new ApiError(0, 0, t('common.error.network'), null)
  } else {
    error = new ApiError(status, status, t('common.error.http', { status }), null)
  }
  if (!silent) ElMessage.error(error.message)
  if (authFailureHandler && !config?.noAuthRedirect) {
    if (status === 401) authFailureHandler('unauthenticated')
    else if (status === 403 && error.key === 'auth.password_change_required')
      authFailureHandler('password_change_required')
  }
  return error
}

/** 响应拦截（失败）：映射为 ApiError，按需提示并处理 401 */
export async function onResponseError(err: unknown): Promise<never> {
  if (err instanceof ApiError) throw err
  if (axios.isAxiosError(err)) {
    const axiosError = err as AxiosError
    const config = axiosError.config
    const silent = config?.silent ?? false
    if (!axiosError.response) throw failure(0, null, silent, config)
    const body = await readBody(axiosError.response.data)
    throw failure(axiosError.response.status, isEnvelope(body) ? body : null, silent, config)
  }
  throw err
}

function serializeParams(params: Record<string, unknown>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    search.append(key, Array.isArray(value) ? value.join(',') : String(value))
  }
  return search.toString()
}

/** 创建带统一拦截器的 axios 实例 */
export function createHttp(): AxiosInstance {
  const instance = axios.create({
    baseURL: '/',
    timeout: 120_000,
    withCredentials: true,
    paramsSerializer: { serialize: serializeParams },
  })
  instance.interceptors.request.use(onRequest)
  instance.interceptors.response.use(onResponse as (r: AxiosResponse) => AxiosResponse, onResponseError)
  return instance
}

/** 全站共用的 axios 实例 */
export const http = createHttp()
