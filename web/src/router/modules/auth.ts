import type { RouteRecordRaw } from 'vue-router'

/** 登录与强制改密码（不在框架内） */
export const authRoutes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/login/LoginPage.vue'),
    meta: { title: 'auth.login.submit', public: true },
  },
  {
    path: '/password-required',
    name: 'password-forced',
    component: () => import('@/views/auth/password/PasswordPage.vue'),
    props: { forced: true },
    meta: { title: 'auth.password.forcedTitle', passwordChange: true },
  },
]

/** 框架内：自愿修改密码 */
export const accountRoutes: RouteRecordRaw[] = [
  {
    path: 'account/password',
    name: 'password',
    component: () => import('@/views/auth/password/PasswordPage.vue'),
    props: { forced: false },
    meta: { title: 'common.menu.password' },
  },
]
