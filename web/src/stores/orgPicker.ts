import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { NodeKind } from '@/api/org/node'

const STORAGE_KEY = 'dangjian.selectedOrg'

/** 选中的组织节点 */
export interface SelectedNode {
  id: number
  name: string
  kind?: NodeKind
}

function restore(): SelectedNode | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY)
    if (!raw) return null
    const value = JSON.parse(raw) as Partial<SelectedNode>
    return typeof value.id === 'number' && typeof value.name === 'string'
      ? { id: value.id, name: value.name, kind: value.kind }
      : null
  } catch {
    return null
  }
}

/** 组织选择器：当前节点驱动首页、党员与组织页面 */
export const useOrgPickerStore = defineStore('orgPicker', () => {
  const selected = ref<SelectedNode | null>(restore())

  /** 选择节点 */
  function select(node: SelectedNode): void {
    if (selected.value?.id === node.id && selected.value.name === node.name) return
    selected.value = { ...node }
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(selected.value))
  }

  /** 没有选择或选择不在可见范围时，选第一个根 */
  function ensure(roots: { id: number; name: string | null }[]): void {
    if (roots.length === 0) return
    if (!selected.value) select({ id: roots[0].id, name: roots[0].name ?? String(roots[0].id) })
  }

  /** 清除（退出登录时） */
  function clear(): void {
    selected.value = null
    sessionStorage.removeItem(STORAGE_KEY)
  }

  return { selected, select, ensure, clear }
})
