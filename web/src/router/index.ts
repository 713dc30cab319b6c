import './meta'
import {
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type RouteLocationRaw,
  type Router,
  type RouteRecordRaw,
} from 'vue-router'
import { setAuthFailureHandler } from '@/api/http'
import { useSessionStore } from '@/stores/session'
import { useOrgPickerStore } from '@/stores/orgPicker'
import { accountRoutes, authRoutes } from './modules/auth'
import { dashboardRoutes } from './modules/dashboard'
import { orgRoutes } from './modules/org'
import { memberRoutes } from './modules/member'
import { auditRoutes } from './modules/audit'
import { lifeRoutes } from './modules/life'
import { contestRoutes, takeRoutes } from './modules/contest'

/** 框架内的页面（侧边菜单从这里生成） */
export const layoutChildren: RouteRecordRaw[] = [
  ...dashboardRoutes,
  ...orgRoutes,
  ...memberRoutes,
  ...lifeRoutes,
  ...contestRoutes,
  ...auditRoutes,
  ...accountRoutes,
]

export const routes: RouteRecordRaw[] = [
  ...authRoutes,
  ...takeRoutes,
  {
    path: '/',
    component: () => import('@/layouts/BasicLayout.vue'),
    children: layoutChildren,
  },
  { path: '/:pathMatch(.*)*', redirect: { name: 'home' } },
]

/** 导航守卫的判断：返回 true 放行，否则返回要去的位置 */
export async function guard(to: RouteLocationNormalized): Promise<true | RouteLocationRaw> {
  const session = useSessionStore()
  if (!session.loaded) {
    try {
      await session.fetchMe()
    } catch {
      // 网络错误：按未登录处理，登录页会显示服务器的提示
    }
  }
  if (to.meta.public) {
    return session.signedIn && to.name === 'login' ? { name: 'home' } : true
  }
  if (!session.signedIn) {
    return { name: 'login', query: to.fullPath && to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (session.mustChangePassword) {
    return to.meta.passwordChange ? true : { name: 'password-forced' }
  }
  if (to.meta.passwordChange) return { name: 'home' }
  if (!session.allows(to.meta.permission)) return { name: 'home' }
  useOrgPickerStore().ensure(session.me?.roots ?? [])
  return true
}

/** 401 / 须改密码时由 http 层调用 */
export function installAuthFailureHandler(router: Router): void {
  setAuthFailureHandler((kind) => {
    const session = useSessionStore()
    const current = router.currentRoute.value
    if (kind === 'unauthenticated') {
      session.clear()
      if (current.name === 'login') return
      const redirect = current.meta.public ? undefined : current.fullPath
      void router.push({ name: 'login', query: redirect && redirect !== '/' ? { redirect } : {} })
    } else {
      if (session.me) session.me.must_change_password = true
      if (current.name !== 'password-forced') void router.push({ name: 'password-forced' })
    }
  })
}

/** 创建路由（含守卫） */
export function createAppRouter(): Router {
  const router = createRouter({ history: createWebHistory('/'), routes })
  router.beforeEach((to) => guard(to))
  installAuthFailureHandler(router)
  return router
}
