import type { RouteRecordRaw } from 'vue-router'

/** 党员管理 */
export const memberRoutes: RouteRecordRaw[] = [
  {
    path: 'members',
    name: 'member-list',
    component: () => import('@/views/member/member/MemberListPage.vue'),
    meta: {
      title: 'common.menu.member',
      icon: 'User',
      menu: true,
      order: 30,
      permission: 'memberRead',
    },
  },
  {
    path: 'transfers',
    name: 'transfer-list',
    component: () => import('@/views/member/transfer/TransferListPage.vue'),
    meta: {
      title: 'common.menu.transfer',
      icon: 'Switch',
      menu: true,
      order: 31,
      permission: 'memberRead',
    },
  },
]
