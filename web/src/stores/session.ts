import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as api from '@/api/auth/session'
import type { Me, Role } from '@/api/auth/session'
import { ApiError, setCsrfToken } from '@/api/http'
import type { PagePermission } from '@/router/meta'

const MEMBER_READERS: Role[] = ['committee_admin', 'unit_admin', 'branch_secretary', 'auditor']
const MEMBER_WRITERS: Role[] = ['committee_admin', 'unit_admin', 'branch_secretary']
const ORG_WRITERS: Role[] = ['committee_admin', 'unit_admin']
const AUDIT_READERS: Role[] = ['committee_admin', 'auditor']
/** 组织生活：life.read、life.write、life.review（docs/api.md） */
const LIFE_READERS: Role[] = ['committee_admin', 'unit_admin', 'branch_secretary', 'auditor']
const LIFE_WRITERS: Role[] = ['committee_admin', 'unit_admin', 'branch_secretary']
const LIFE_REVIEWERS: Role[] = ['committee_admin', 'unit_admin']
/** 学习竞答的题库：contest.bank（docs/api.md） */
const QUESTION_BANK_MANAGERS: Role[] = ['committee_admin']

/** 会话：当前用户、角色与 CSRF 令牌 */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)
  const loaded = ref(false)

  const roles = computed<Role[]>(() => [...new Set((me.value?.grants ?? []).map((g) => g.role))])
  const hasAny = (wanted: Role[]): boolean => roles.value.some((r) => wanted.includes(r))
  const signedIn = computed(() => me.value !== null)
  const mustChangePassword = computed(() => me.value?.must_change_password ?? false)
  const canReadMembers = computed(() => hasAny(MEMBER_READERS))
  const canWriteMembers = computed(() => hasAny(MEMBER_WRITERS))
  const canWriteOrg = computed(() => hasAny(ORG_WRITERS))
  const canReadAudit = computed(() => hasAny(AUDIT_READERS))
  const canReadLife = computed(() => hasAny(LIFE_READERS))
  const canWriteLife = computed(() => hasAny(LIFE_WRITERS))
  const canReviewLife = computed(() => hasAny(LIFE_REVIEWERS))
  const canManageQuestionBank = computed(() => hasAny(QUESTION_BANK_MANAGERS))

  /** 是否可进入需要该权限的页面 */
  function allows(permission: PagePermission | undefined): boolean {
    switch (permission) {
      case 'memberRead':
        return canReadMembers.value
      case 'auditRead':
        return canReadAudit.value
      case 'lifeRead':
        return canReadLife.value
      case 'lifeWrite':
        return canWriteLife.value
      case 'contestBank':
        return canManageQuestionBank.value
      default:
        return true
    }
  }
  /** 只有 member 角色：首页显示本人档案 */
  const memberOnly = computed(() => roles.value.length > 0 && roles.value.every((r) => r === 'member'))
  const displayName = computed(() => me.value?.user.display_name || me.value?.user.username || '')
  const roleLabels = computed(() => [...new Set((me.value?.grants ?? []).map((g) => g.role_label))])

  function apply(next: Me | null): void {
    me.value = next
    loaded.value = true
    setCsrfToken(next?.csrf_token ?? '')
  }

  /** 读取当前会话；没有会话时 me 为 null */
  async function fetchMe(): Promise<Me | null> {
    try {
      apply(await api.getMe())
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) apply(null)
      else {
        loaded.value = true
        throw e
      }
    }
    return me.value
  }

  /** 登录；失败时抛出 ApiError */
  async function login(username: string, password: string): Promise<Me> {
    const session = await api.login(username, password)
    apply(session)
    return session
  }

  /** 退出登录 */
  async function logout(): Promise<void> {
    try {
      await api.logout()
    } finally {
      apply(null)
    }
  }

  /** 修改密码后重新读取会话（清除 must_change_password） */
  async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
    await api.changePassword(oldPassword, newPassword)
    await fetchMe()
  }

  /** 本地清除会话（401 时） */
  function clear(): void {
    apply(null)
  }

  return {
    me,
    loaded,
    roles,
    signedIn,
    mustChangePassword,
    canReadMembers,
    canWriteMembers,
    canWriteOrg,
    canReadAudit,
    canReadLife,
    canWriteLife,
    canReviewLife,
    canManageQuestionBank,
    allows,
    memberOnly,
    displayName,
    roleLabels,
    hasAny,
    fetchMe,
    login,
    logout,
    changePassword,
    clear,
  }
})
