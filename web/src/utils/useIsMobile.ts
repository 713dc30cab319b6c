import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

export const MOBILE_QUERY = '(max-width: 767px)'

/** 屏幕宽度小于 768px 时为 true（菜单收进抽屉） */
export function useIsMobile(): Ref<boolean> {
  const mobile = ref(false)
  let query: MediaQueryList | null = null
  const update = (): void => {
    mobile.value = query?.matches ?? false
  }
  onMounted(() => {
    if (typeof window.matchMedia !== 'function') return
    query = window.matchMedia(MOBILE_QUERY)
    update()
    query.addEventListener('change', update)
  })
  onBeforeUnmount(() => query?.removeEventListener('change', update))
  return mobile
}
