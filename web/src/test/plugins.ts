import ElementPlus from 'element-plus'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { i18n } from '@/locales'

/** 组件测试共用的全局插件：Element Plus、i18n、新的 pinia */
export function testPlugins(): { plugins: [typeof ElementPlus, typeof i18n, Pinia]; pinia: Pinia } {
  const pinia = createPinia()
  setActivePinia(pinia)
  return { plugins: [ElementPlus, i18n, pinia], pinia }
}
