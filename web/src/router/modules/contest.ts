import type { RouteRecordRaw } from 'vue-router'
import type { MenuGroup } from '../meta'

/** 菜单分组：学习竞答（在组织生活之后、操作日志之前） */
export const contestMenuGroup: MenuGroup = {
  key: 'contest',
  title: 'common.menu.contest',
  icon: 'Trophy',
  order: 37,
}

/** 学习竞答：题库 */
export const contestRoutes: RouteRecordRaw[] = [
  {
    path: 'contest/questions',
    name: 'contest-questions',
    component: () => import('@/views/contest/question/QuestionBankPage.vue'),
    meta: {
      title: 'common.menu.contestQuestions',
      icon: 'Collection',
      menu: true,
      order: 1,
      group: contestMenuGroup,
      permission: 'contestBank',
    },
  },
]

/** 答题（凭参赛链接，无需登录，不在框架内；手机优先） */
export const takeRoutes: RouteRecordRaw[] = [
  {
    path: '/take',
    name: 'contest-take',
    component: () => import('@/views/contest/take/TakePage.vue'),
    meta: { title: 'contest.take.title', public: true },
  },
]
