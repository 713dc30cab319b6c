import { watchEffect } from 'vue'
import { useRoute } from 'vue-router'

/** 以当前路由标题设置浏览器标题 */
export function useHead(t: (key: string) => string): void {
  const route = useRoute()
  watchEffect(() => {
    const title = route.meta.title ? t(route.meta.title) : ''
    document.title = title ? `${title} - ${t('common.appName')}` : t('common.appName')
  })
}
