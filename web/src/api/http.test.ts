import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios'

const { messageError } = vi.hoisted(() => ({ messageError: vi.fn() }))
vi.mock('element-plus', () => ({ ElMessage: { error: messageError } }))

import { ApiError, createHttp, setAuthFailureHandler, setCsrfToken } from './http'

interface Captured {
  config: InternalAxiosRequestConfig | null
}

/** An adapter that answers every request with `status` and `body`, and remembers the request. */
function answer(status: number, body: unknown, captured: Captured = { config: null }): AxiosAdapter {
  return (config) => {
    captured.config = config
    const response: AxiosResponse = {
      data: body,
      status,
      statusText: String(status),
      headers: {},
      config,
    }
    // Let axios apply validateStatus as it does for a real transport.
    const validate = config.validateStatus
    if (!validate || validate(status)) return Promise.resolve(response)
    const err = Object.assign(new Error(`Request failed with status code ${status}`), {
      isAxiosError: true,
      config,
      response,
      toJSON: () => ({}),
    })
    return Promise.reject(err)
  }
}

function client(adapter: AxiosAdapter) {
  const http = createHttp()
  http.defaults.adapter = adapter
  return http
}

beforeEach(() => {
  messageError.mockReset()
  setCsrfToken('')
  setAuthFailureHandler(null)
})

describe('envelope', () => {
  it('unwraps data when code is 0', async () => {
    const http = client(answer(200, { code: 0, message: '', data: { id: 12, name: '第一党支部' } }))
    await expect(http.get('/api/orgs/12')).resolves.toEqual({ id: 12, name: '第一党支部' })
    expect(messageError).not.toHaveBeenCalled()
  })

  it('maps a failure to ApiError with status, code, message, data and shows the message', async () => {
    const body = {
      code: 400,
      message: '输入有 1 处错误，首个：身份证号校验位错误',
      data: {
        error: 'validation_failed',
        fields: [{ row: 0, field: 'id_number', value: 'x', error: 'id_number_invalid', message: '身份证号校验位错误' }],
      },
    }
    const http = client(answer(400, body))
    const error = await http.post('/api/members', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    const e = error as ApiError
    expect(e.status).toBe(400)
    expect(e.code).toBe(400)
    expect(e.message).toBe('输入有 1 处错误，首个：身份证号校验位错误')
    expect(e.key).toBe('validation_failed')
    expect(e.fields.map((f) => f.field)).toEqual(['id_number'])
    expect(messageError).toHaveBeenCalledWith('输入有 1 处错误，首个：身份证号校验位错误')
  })

  it('does not show the message when the caller asks for silence', async () => {
    const http = client(answer(409, { code: 409, message: '身份证号已存在', data: { error: 'member.id_number_duplicate' } }))
    const e = (await http.post('/api/members', {}, { silent: true }).catch((x: unknown) => x)) as ApiError
    expect(e.key).toBe('member.id_number_duplicate')
    expect(messageError).not.toHaveBeenCalled()
  })

  it('treats a 200 answer with a non-zero code as a failure', async () => {
    const http = client(answer(200, { code: 500, message: '内部错误', data: null }))
    const e = (await http.get('/api/x').catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.code).toBe(500)
    expect(e.data).toBeNull()
  })

  it('reports a network failure with status 0 and a Chinese message', async () => {
    const http = client((config) =>
      Promise.reject(Object.assign(new Error('Network Error'), { isAxiosError: true, config, toJSON: () => ({}) })),
    )
    const e = (await http.get('/api/health').catch((x: unknown) => x)) as ApiError
    expect(e.status).toBe(0)
    expect(e.message).toBe('网络错误，无法连接服务器')
    expect(messageError).toHaveBeenCalledWith('网络错误，无法连接服务器')
  })

  it('reads the envelope of a failed blob download', async () => {
    const blob = new Blob([JSON.stringify({ code: 403, message: '无权访问', data: { error: 'auth.forbidden' } })], {
      type: 'application/json',
    })
    const http = client(answer(403, blob))
    const e = (await http.get('/api/members/export', { responseType: 'blob' }).catch((x: unknown) => x)) as ApiError
    expect(e.status).toBe(403)
    expect(e.key).toBe('auth.forbidden')
    expect(e.message).toBe('无权访问')
  })

  it('returns a successful blob as it is', async () => {
    const blob = new Blob(['PK'], { type: 'application/octet-stream' })
    const http = client(answer(200, blob))
    await expect(http.get('/api/members/import/template', { responseType: 'blob' })).resolves.toBe(blob)
  })

  it('joins array parameters with commas and drops empty ones', async () => {
    const captured: Captured = { config: null }
    const http = client(answer(200, { code: 0, message: '', data: null }, captured))
    await http.get('/api/members', { params: { status: ['full', 'probationary'], name: '', page: 2, gender: undefined } })
    const serialize = captured.config?.paramsSerializer as { serialize: (p: Record<string, unknown>) => string }
    expect(serialize.serialize(captured.config?.params as Record<string, unknown>)).toBe('status=full%2Cprobationary&page=2')
  })
})

describe('CSRF', () => {
  it.each(['post', 'put', 'delete'] as const)('adds X-CSRF-Token to %s', async (method) => {
    setCsrfToken('tok-123')
    const captured: Captured = { config: null }
    const http = client(answer(200, { code: 0, message: '', data: {} }, captured))
    await http.request({ url: '/api/x', method, data: {} })
    expect(captured.config?.headers.get('X-CSRF-Token')).toBe('tok-123')
  })

  it('does not add it to GET', async () => {
    setCsrfToken('tok-123')
    const captured: Captured = { config: null }
    const http = client(answer(200, { code: 0, message: '', data: {} }, captured))
    await http.get('/api/x')
    expect(captured.config?.headers.get('X-CSRF-Token')).toBeUndefined()
  })

  it('sends none before a session is known', async () => {
    const captured: Captured = { config: null }
    const http = client(answer(200, { code: 0, message: '', data: {} }, captured))
    await http.post('/api/auth/login', {})
    expect(captured.config?.headers.get('X-CSRF-Token')).toBeUndefined()
  })
})

describe('auth failures', () => {
  it('calls the handler on 401', async () => {
    const handler = vi.fn()
    setAuthFailureHandler(handler)
    const http = client(answer(401, { code: 401, message: '请先登录', data: { error: 'auth.required' } }))
    await http.get('/api/members').catch(() => undefined)
    expect(handler).toHaveBeenCalledWith('unauthenticated')
  })

  it('leaves 401 to the caller with noAuthRedirect', async () => {
    const handler = vi.fn()
    setAuthFailureHandler(handler)
    const http = client(answer(401, { code: 401, message: '用户名或密码错误', data: { error: 'auth.bad_credentials' } }))
    const e = (await http.post('/api/auth/login', {}, { noAuthRedirect: true, silent: true }).catch((x: unknown) => x)) as ApiError
    expect(e.key).toBe('auth.bad_credentials')
    expect(handler).not.toHaveBeenCalled()
  })

  it('sends a forced password change to the handler', async () => {
    const handler = vi.fn()
    setAuthFailureHandler(handler)
    const http = client(answer(403, { code: 403, message: '请先修改密码', data: { error: 'auth.password_change_required' } }))
    await http.get('/api/orgs/1').catch(() => undefined)
    expect(handler).toHaveBeenCalledWith('password_change_required')
  })

  it('does not call the handler for an ordinary 403', async () => {
    const handler = vi.fn()
    setAuthFailureHandler(handler)
    const http = client(answer(403, { code: 403, message: '无权访问', data: { error: 'auth.forbidden' } }))
    await http.get('/api/orgs/1').catch(() => undefined)
    expect(handler).not.toHaveBeenCalled()
  })
})
