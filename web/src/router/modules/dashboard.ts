import type { RouteRecordRaw } from 'vue-router'

/** 首页：管理角色看概览，党员看本人档案 */
export const dashboardRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('@/views/dashboard/HomePage.vue'),
    meta: { title: 'common.menu.home', icon: 'HomeFilled', menu: true, order: 10 },
  },
]
