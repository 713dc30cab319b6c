import { http } from '../http'

export type Role =
  | 'committee_admin'
  | 'unit_admin'
  | 'branch_secretary'
  | 'member'
  | 'reviewer'
  | 'auditor'

/** 账号 */
export interface User {
  id: number
  username: string
  display_name: string
  phone: string | null
  member_id: number | null
  must_change_password: boolean
  disabled: boolean
  created_at: number
  password_changed_at: number
}

/** 角色授权 */
export interface Grant {
  id: number
  user_id: number
  role: Role
  role_label: string
  node_id: number
  node_name: string | null
}

/** 当前会话 */
export interface Me {
  user: User
  grants: Grant[]
  roots: { id: number; name: string | null }[]
  csrf_token: string
  expires_at: number
  must_change_password: boolean
}

/** 登录（用户名或手机号） */
export function login(username: string, password: string): Promise<Me> {
  return http.post<Me, Me>(
    '/api/auth/login',
    { username, password },
    { silent: true, noAuthRedirect: true },
  )
}

/** 退出登录 */
export function logout(): Promise<void> {
  return http.post<void, void>('/api/auth/logout', {}, { noAuthRedirect: true })
}

/** 获取当前会话 */
export function getMe(): Promise<Me> {
  return http.get<Me, Me>('/api/auth/me', { silent: true, noAuthRedirect: true })
}

/** 修改本人密码 */
export function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  return http.post<void, void>(
    '/api/auth/password',
    { old_password: oldPassword, new_password: newPassword },
    { silent: true, noAuthRedirect: true },
  )
}
