import type { FormItemRule } from 'element-plus'
import { birthDateFromIdNumber, checkIdNumber, genderFromIdNumber, isIsoDate, isValidPhone } from '@/utils/idNumber'
import { addYears } from '@/utils/dates'

type Translate = (key: string, values?: Record<string, unknown>) => string
type Validator = NonNullable<FormItemRule['validator']>

/** 表单中与校验有关的字段 */
export interface MemberFormValues {
  gender: string
  birth_date: string
  id_number: string
  phone: string
  probationary_date: string
  full_date: string
  status: string
  left_date: string
}

/** 身份证号：18 位、GB 11643 校验位，并与出生日期、性别一致 */
export function idNumberValidator(t: Translate, values: () => MemberFormValues): Validator {
  return (_rule, value: string, callback) => {
    if (!value) return callback()
    const problem = checkIdNumber(value)
    const messages = {
      length: 'member.form.idLength',
      format: 'member.form.idFormat',
      birth_date: 'member.form.idBirth',
      check_digit: 'member.form.idCheck',
    } as const
    if (problem) return callback(new Error(t(messages[problem])))
    const v = values()
    if (v.birth_date && birthDateFromIdNumber(value) !== v.birth_date)
      return callback(new Error(t('member.form.idBirthMismatch')))
    if (v.gender && genderFromIdNumber(value) !== v.gender)
      return callback(new Error(t('member.form.idGenderMismatch')))
    callback()
  }
}

/** 联系电话：手机或固定电话，可不填 */
export function phoneValidator(t: Translate): Validator {
  return (_rule, value: string, callback) => {
    if (value && !isValidPhone(value)) callback(new Error(t('member.form.phone')))
    else callback()
  }
}

/** 日期格式 */
export function dateValidator(t: Translate): Validator {
  return (_rule, value: string, callback) => {
    if (value && !isIsoDate(value)) callback(new Error(t('member.form.date')))
    else callback()
  }
}

/** 转正时间：正式党员必填、预备党员不填、至少在入党一年之后 */
export function fullDateValidator(t: Translate, values: () => MemberFormValues): Validator {
  return (_rule, value: string, callback) => {
    const v = values()
    if (v.status === 'probationary' && value) return callback(new Error(t('member.form.fullForProbationary')))
    if (v.status === 'full' && !value) return callback(new Error(t('member.form.fullRequired')))
    if (value && v.probationary_date && value < addYears(v.probationary_date, 1))
      return callback(new Error(t('member.form.fullAfterProbationary')))
    callback()
  }
}

/** 离开时间：离开状态必填 */
export function leftDateValidator(t: Translate, values: () => MemberFormValues, leaving: string[]): Validator {
  return (_rule, value: string, callback) => {
    if (leaving.includes(values().status) && !value) callback(new Error(t('member.form.leftRequired')))
    else callback()
  }
}
