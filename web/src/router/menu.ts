import type { RouteRecordRaw } from 'vue-router'
import type { MenuGroup, PagePermission } from './meta'

/** 菜单中的一项；分组带 children */
export interface MenuEntry {
  name: string
  path: string
  title: string
  icon: string
  children?: MenuEntry[]
}

/** 由框架内的路由生成侧边菜单：按权限过滤、按顺序排列，同一分组的页面收进一个子菜单 */
export function buildMenu(
  records: RouteRecordRaw[],
  allows: (permission: PagePermission | undefined) => boolean,
  t: (key: string) => string,
): MenuEntry[] {
  const top: { order: number; entry: MenuEntry }[] = []
  const groups = new Map<string, { group: MenuGroup; items: { order: number; entry: MenuEntry }[] }>()
  for (const r of records) {
    if (!r.meta?.menu || !allows(r.meta.permission)) continue
    const entry: MenuEntry = {
      name: String(r.name),
      path: '/' + r.path,
      title: t(r.meta.title ?? ''),
      icon: r.meta.icon ?? 'Menu',
    }
    const order = r.meta.order ?? 0
    const group = r.meta.group
    if (!group) {
      top.push({ order, entry })
      continue
    }
    const bucket = groups.get(group.key) ?? { group, items: [] }
    bucket.items.push({ order, entry })
    groups.set(group.key, bucket)
  }
  for (const { group, items } of groups.values()) {
    items.sort((a, b) => a.order - b.order)
    top.push({
      order: group.order,
      entry: {
        name: group.key,
        path: '',
        title: t(group.title),
        icon: group.icon,
        children: items.map((i) => i.entry),
      },
    })
  }
  return top.sort((a, b) => a.order - b.order).map((i) => i.entry)
}

/** 菜单中的全部页面（展开分组） */
export function menuLeaves(menu: MenuEntry[]): MenuEntry[] {
  return menu.flatMap((m) => (m.children ? m.children : [m]))
}
