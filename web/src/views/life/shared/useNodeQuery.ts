import { computed, watch, type ComputedRef } from 'vue'
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router'
import { getNode } from '@/api/org/node'
import { useOrgPickerStore } from '@/stores/orgPicker'
import { first, intIn } from '@/utils/routeQuery'

/**
 * 地址栏的 node 与页头的组织选择器同步（同党员列表的 subtree）：地址栏没有 node 时取选择器的节点；
 * 有 node 时选择器跟随；在选择器中换了组织时把新节点写进地址栏，并去掉 dropOnChange 中的参数（如 page）。
 */
export function useNodeQuery(routeName: string, dropOnChange: string[] = ['page']): { nodeId: ComputedRef<number | null> } {
  const route = useRoute()
  const router = useRouter()
  const picker = useOrgPickerStore()
  const nodeId = computed(() => intIn(first(route.query.node), 1, Number.MAX_SAFE_INTEGER))

  watch(
    () => [route.name, nodeId.value] as const,
    async () => {
      if (route.name !== routeName) return
      const id = nodeId.value
      if (id === null) {
        if (picker.selected) void router.replace({ query: { ...route.query, node: String(picker.selected.id) } })
        return
      }
      if (picker.selected?.id === id) return
      try {
        const node = await getNode(id, true)
        picker.select({ id: node.id, name: node.name, kind: node.kind })
      } catch {
        // 范围无效时页面的查询会给出服务器的提示
      }
    },
    { immediate: true },
  )

  watch(
    () => picker.selected?.id,
    (id) => {
      if (id === undefined || id === nodeId.value || route.name !== routeName) return
      const query: LocationQueryRaw = { ...route.query, node: String(id) }
      if (nodeId.value === null) {
        void router.replace({ query })
        return
      }
      for (const k of dropOnChange) delete query[k]
      void router.push({ query })
    },
  )

  return { nodeId }
}
