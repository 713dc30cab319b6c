import 'vue-router'

/** 页面所需权限（对应 session store 中的判断） */
export type PagePermission = 'memberRead' | 'auditRead' | 'lifeRead' | 'lifeWrite' | 'contestBank'

/** 侧边菜单中的分组（如“组织生活”） */
export interface MenuGroup {
  /** 分组标识，也是菜单的 index 与 data-test（menu-<key>） */
  key: string
  /** 标题的 i18n 键 */
  title: string
  /** Element Plus 图标名 */
  icon: string
  /** 分组在菜单中的顺序 */
  order: number
}

declare module 'vue-router' {
  interface RouteMeta {
    /** 标题的 i18n 键 */
    title?: string
    /** 侧边菜单图标（Element Plus 图标名） */
    icon?: string
    /** 是否出现在侧边菜单 */
    menu?: boolean
    /** 菜单顺序（在分组内为分组内的顺序） */
    order?: number
    /** 所属菜单分组 */
    group?: MenuGroup
    /** 不在菜单中的页面：高亮的菜单项（路由名），面包屑经过它 */
    activeMenu?: string
    /** 不需要登录 */
    public?: boolean
    /** 须改密码时唯一可进入的页面 */
    passwordChange?: boolean
    /** 进入所需权限 */
    permission?: PagePermission
  }
}
