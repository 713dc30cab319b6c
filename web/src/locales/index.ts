import { createI18n } from 'vue-i18n'
import common from './zh-CN/common.json'
import auth from './zh-CN/auth.json'
import dashboard from './zh-CN/dashboard.json'
import org from './zh-CN/org.json'
import member from './zh-CN/member.json'
import audit from './zh-CN/audit.json'
import life from './zh-CN/life.json'
import contest from './zh-CN/contest.json'

/** 中文文案，按模块分文件 */
export const zhCN = { common, auth, dashboard, org, member, audit, life, contest }

export type MessageSchema = typeof zhCN

export const i18n = createI18n<[MessageSchema], 'zh-CN', false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN },
  missingWarn: false,
  fallbackWarn: false,
})
