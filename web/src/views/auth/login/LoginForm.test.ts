import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'

const { login } = vi.hoisted(() => ({ login: vi.fn() }))
vi.mock('@/api/auth/session', () => ({ login, getMe: vi.fn(), logout: vi.fn(), changePassword: vi.fn() }))

import LoginForm from './LoginForm.vue'
import { ApiError, getCsrfToken, setCsrfToken } from '@/api/http'
import type { Me } from '@/api/auth/session'
import { testPlugins } from '@/test/plugins'

const session: Me = {
  user: {
    id: 5,
    username: 'demo_admin',
    display_name: '演示管理员',
    phone: null,
    member_id: null,
    must_change_password: false,
    disabled: false,
    created_at: 0,
    password_changed_at: 0,
  },
  grants: [],
  roots: [{ id: 1, name: '工委' }],
  csrf_token: 'csrf-abc',
  expires_at: 0,
  must_change_password: false,
}

function mountForm() {
  return mount(LoginForm, { global: { plugins: testPlugins().plugins } })
}

async function fill(wrapper: ReturnType<typeof mountForm>, username: string, password: string) {
  await wrapper.find('[data-test="login-username"]').setValue(username)
  await wrapper.find('[data-test="login-password"]').setValue(password)
  await wrapper.find('[data-test="login-form"]').trigger('submit')
  await flushPromises()
}

beforeEach(() => {
  login.mockReset()
  setCsrfToken('')
})

describe('LoginForm', () => {
  it('has the fields and button the browser tests use', () => {
    const wrapper = mountForm()
    expect(wrapper.find('[data-test="login-username"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="login-password"]').attributes('type')).toBe('password')
    expect(wrapper.find('[data-test="login-submit"]').text()).toBe('登录')
  })

  it('asks for both fields in Chinese and sends nothing when they are empty', async () => {
    const wrapper = mountForm()
    await fill(wrapper, '  ', '')
    expect(login).not.toHaveBeenCalled()
    // Element Plus shows a form item's error after a 100 ms debounce.
    await vi.waitFor(() => {
      expect(wrapper.text()).toContain('请输入用户名或手机号')
      expect(wrapper.text()).toContain('请输入密码')
    })
  })

  it('signs in with the trimmed name, keeps the CSRF token and emits success', async () => {
    login.mockResolvedValue(session)
    const wrapper = mountForm()
    await fill(wrapper, ' demo_admin ', 'dangjian-demo')
    expect(login).toHaveBeenCalledWith('demo_admin', 'dangjian-demo')
    expect(wrapper.emitted('success')?.[0]).toEqual([session])
    expect(getCsrfToken()).toBe('csrf-abc')
    expect(wrapper.find('[data-test="login-error"]').exists()).toBe(false)
  })

  it("shows the server's message for bad credentials and clears the password", async () => {
    login.mockRejectedValue(new ApiError(401, 401, '用户名或密码错误', { error: 'auth.bad_credentials' }))
    const wrapper = mountForm()
    await fill(wrapper, 'demo_admin', 'wrong-password')
    expect(wrapper.find('[data-test="login-error"]').text()).toContain('用户名或密码错误')
    expect((wrapper.find('[data-test="login-password"]').element as HTMLInputElement).value).toBe('')
    expect(wrapper.emitted('success')).toBeUndefined()
  })

  it('shows the lock message as the server words it', async () => {
    login.mockRejectedValue(
      new ApiError(401, 401, '账号已锁定，请于 10:15 后再试', { error: 'auth.locked' }),
    )
    const wrapper = mountForm()
    await fill(wrapper, '13900001111', 'whatever1')
    expect(wrapper.find('[data-test="login-error"]').text()).toContain('账号已锁定，请于 10:15 后再试')
  })
})
