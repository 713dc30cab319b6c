import type { RouteRecordRaw } from 'vue-router'

/** 操作日志 */
export const auditRoutes: RouteRecordRaw[] = [
  {
    path: 'audit',
    name: 'audit-log',
    component: () => import('@/views/audit/log/AuditLogPage.vue'),
    meta: {
      title: 'common.menu.audit',
      icon: 'Document',
      menu: true,
      order: 40,
      permission: 'auditRead',
    },
  },
]
