import type { RouteRecordRaw } from 'vue-router'

/** 组织管理 */
export const orgRoutes: RouteRecordRaw[] = [
  {
    path: 'orgs',
    name: 'org-nodes',
    component: () => import('@/views/org/node/OrgNodePage.vue'),
    meta: { title: 'common.menu.org', icon: 'OfficeBuilding', menu: true, order: 20 },
  },
]
