import 'vue-router'

/** 页面所需权限（对应 session store 中的判断） */
export type PagePermission = 'memberRead' | 'auditRead'

declare module 'vue-router' {
  interface RouteMeta {
    /** 标题的 i18n 键 */
    title?: string
    /** 侧边菜单图标（Element Plus 图标名） */
    icon?: string
    /** 是否出现在侧边菜单 */
    menu?: boolean
    /** 菜单顺序 */
    order?: number
    /** 不需要登录 */
    public?: boolean
    /** 须改密码时唯一可进入的页面 */
    passwordChange?: boolean
    /** 进入所需权限 */
    permission?: PagePermission
  }
}
