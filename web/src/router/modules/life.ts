import type { RouteRecordRaw } from 'vue-router'
import type { MenuGroup } from '../meta'

/** 菜单分组：组织生活 */
export const lifeMenuGroup: MenuGroup = { key: 'life', title: 'common.menu.life', icon: 'Calendar', order: 35 }

/** 组织生活：会议记录、合规情况、提醒、日历、台账 */
export const lifeRoutes: RouteRecordRaw[] = [
  {
    path: 'life/meetings',
    name: 'life-meetings',
    component: () => import('@/views/life/meeting/MeetingListPage.vue'),
    meta: {
      title: 'life.menu.meetings',
      icon: 'Notebook',
      menu: true,
      order: 1,
      group: lifeMenuGroup,
      permission: 'lifeRead',
    },
  },
  {
    path: 'life/meetings/new',
    name: 'life-meeting-new',
    component: () => import('@/views/life/meeting/MeetingFormPage.vue'),
    meta: {
      title: 'life.menu.record',
      group: lifeMenuGroup,
      activeMenu: 'life-meetings',
      permission: 'lifeWrite',
    },
  },
  {
    path: 'life/meetings/:id(\\d+)',
    name: 'life-meeting-detail',
    component: () => import('@/views/life/meeting/MeetingDetailPage.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: {
      title: 'life.menu.detail',
      group: lifeMenuGroup,
      activeMenu: 'life-meetings',
      permission: 'lifeRead',
    },
  },
  {
    path: 'life/meetings/:id(\\d+)/edit',
    name: 'life-meeting-edit',
    component: () => import('@/views/life/meeting/MeetingFormPage.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: {
      title: 'life.menu.edit',
      group: lifeMenuGroup,
      activeMenu: 'life-meetings',
      permission: 'lifeWrite',
    },
  },
  {
    path: 'life/compliance',
    name: 'life-compliance',
    component: () => import('@/views/life/compliance/CompliancePage.vue'),
    meta: {
      title: 'life.menu.compliance',
      icon: 'DataAnalysis',
      menu: true,
      order: 2,
      group: lifeMenuGroup,
      permission: 'lifeRead',
    },
  },
  {
    path: 'life/compliance/branch/:id(\\d+)',
    name: 'life-compliance-branch',
    component: () => import('@/views/life/compliance/BranchCompliancePage.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: {
      title: 'life.menu.branch',
      group: lifeMenuGroup,
      activeMenu: 'life-compliance',
      permission: 'lifeRead',
    },
  },
  {
    path: 'life/reminders',
    name: 'life-reminders',
    component: () => import('@/views/life/reminder/RemindersPage.vue'),
    meta: {
      title: 'life.menu.reminders',
      icon: 'Bell',
      menu: true,
      order: 3,
      group: lifeMenuGroup,
      permission: 'lifeRead',
    },
  },
  {
    path: 'life/calendar',
    name: 'life-calendar',
    component: () => import('@/views/life/calendar/CalendarPage.vue'),
    meta: {
      title: 'life.menu.calendar',
      icon: 'Calendar',
      menu: true,
      order: 4,
      group: lifeMenuGroup,
      permission: 'lifeRead',
    },
  },
  {
    path: 'life/ledger',
    name: 'life-ledger',
    component: () => import('@/views/life/ledger/LedgerPage.vue'),
    meta: {
      title: 'life.menu.ledger',
      icon: 'Files',
      menu: true,
      order: 5,
      group: lifeMenuGroup,
      permission: 'lifeRead',
    },
  },
]
