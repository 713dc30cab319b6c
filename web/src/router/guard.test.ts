import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent } from 'vue'

const { getMe } = vi.hoisted(() => ({ getMe: vi.fn() }))
vi.mock('@/api/auth/session', () => ({
  getMe,
  login: vi.fn(),
  logout: vi.fn(),
  changePassword: vi.fn(),
}))

import { ApiError, createHttp, setAuthFailureHandler } from '@/api/http'
import type { Me, Role } from '@/api/auth/session'
import { guard, installAuthFailureHandler, routes } from './index'
import { useSessionStore } from '@/stores/session'

function me(roles: Role[], mustChange = false): Me {
  return {
    user: {
      id: 1,
      username: 'u',
      display_name: '张三',
      phone: null,
      member_id: null,
      must_change_password: mustChange,
      disabled: false,
      created_at: 0,
      password_changed_at: 0,
    },
    grants: roles.map((role, i) => ({ id: i + 1, user_id: 1, role, role_label: role, node_id: 1, node_name: '工委' })),
    roots: [{ id: 1, name: '工委' }],
    csrf_token: 'csrf',
    expires_at: 0,
    must_change_password: mustChange,
  }
}

const Empty = defineComponent({ render: () => null })

function testRouter() {
  // Same route table, components replaced so nothing is loaded.
  const strip = (list: typeof routes): typeof routes =>
    list.map((r) => ({ ...r, component: Empty, children: r.children ? strip(r.children) : undefined }) as (typeof routes)[number])
  const router = createRouter({ history: createMemoryHistory(), routes: strip(routes) })
  router.beforeEach((to) => guard(to))
  return router
}

async function where(path: string): Promise<string> {
  const router = testRouter()
  await router.push(path)
  return router.currentRoute.value.fullPath
}

beforeEach(() => {
  setActivePinia(createPinia())
  getMe.mockReset()
  setAuthFailureHandler(null)
})

describe('guard', () => {
  it('sends a visitor without a session to the sign-in page, keeping the wanted route', async () => {
    getMe.mockRejectedValue(new ApiError(401, 401, '请先登录', { error: 'auth.required' }))
    const router = testRouter()
    await router.push('/members?status=full')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/members?status=full')
  })

  it('lets a signed-in admin through', async () => {
    getMe.mockResolvedValue(me(['committee_admin']))
    expect(await where('/members?status=full')).toBe('/members?status=full')
    expect(await where('/audit')).toBe('/audit')
  })

  it('allows nothing but the password page while a change is required', async () => {
    getMe.mockResolvedValue(me(['committee_admin'], true))
    expect(await where('/members')).toBe('/password-required')
    expect(await where('/')).toBe('/password-required')
  })

  it('keeps the member list from reviewers and the audit log from secretaries', async () => {
    getMe.mockResolvedValue(me(['reviewer']))
    expect(await where('/members')).toBe('/')
    getMe.mockResolvedValue(me(['branch_secretary']))
    setActivePinia(createPinia())
    expect(await where('/audit')).toBe('/')
    expect(await where('/members')).toBe('/members')
  })

  it('opens organisational life to readers and its forms to writers only', async () => {
    getMe.mockResolvedValue(me(['auditor']))
    expect(await where('/life/meetings?node=1')).toBe('/life/meetings?node=1')
    expect(await where('/life/meetings/7')).toBe('/life/meetings/7')
    expect(await where('/life/meetings/new?type=theme_day')).toBe('/')
    expect(await where('/life/meetings/7/edit')).toBe('/')
    setActivePinia(createPinia())
    getMe.mockResolvedValue(me(['branch_secretary']))
    expect(await where('/life/meetings/new?type=theme_day')).toBe('/life/meetings/new?type=theme_day')
    setActivePinia(createPinia())
    getMe.mockResolvedValue(me(['member']))
    expect(await where('/life/compliance')).toBe('/')
    expect(await where('/life/reminders')).toBe('/')
  })

  it('opens the question bank to committee admins only', async () => {
    getMe.mockResolvedValue(me(['committee_admin']))
    expect(await where('/contest/questions')).toBe('/contest/questions')
    for (const role of ['unit_admin', 'branch_secretary', 'auditor', 'reviewer', 'member'] as Role[]) {
      setActivePinia(createPinia())
      getMe.mockResolvedValue(me([role]))
      expect(await where('/contest/questions')).toBe('/')
      expect(useSessionStore().canManageQuestionBank).toBe(false)
    }
    setActivePinia(createPinia())
    getMe.mockResolvedValue(me(['unit_admin', 'committee_admin']))
    expect(await where('/contest/questions')).toBe('/contest/questions')
    expect(useSessionStore().canManageQuestionBank).toBe(true)
  })

  it('sends a signed-in user away from the sign-in page', async () => {
    getMe.mockResolvedValue(me(['auditor']))
    expect(await where('/login')).toBe('/')
  })
})

describe('401 from any request', () => {
  it('clears the session and goes to sign-in with the current route as redirect', async () => {
    getMe.mockResolvedValue(me(['committee_admin']))
    const router = testRouter()
    await router.push('/members?gender=female')
    installAuthFailureHandler(router)
    const http = createHttp()
    http.defaults.adapter = (config) =>
      Promise.reject(
        Object.assign(new Error('401'), {
          isAxiosError: true,
          config,
          response: { status: 401, data: { code: 401, message: '登录已过期', data: { error: 'auth.session_expired' } }, headers: {}, config },
          toJSON: () => ({}),
        }),
      )
    await http.get('/api/members', { silent: true }).catch(() => undefined)
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(router.currentRoute.value.query.redirect).toBe('/members?gender=female')
    expect(useSessionStore().signedIn).toBe(false)
  })
})
