import { describe, expect, it } from 'vitest'
import { i18n } from '@/locales'
import {
  fullDateValidator,
  idNumberValidator,
  leftDateValidator,
  phoneValidator,
  type MemberFormValues,
} from './memberRules'

const t = i18n.global.t as (key: string, values?: Record<string, unknown>) => string

function base(): MemberFormValues {
  return {
    gender: 'female',
    birth_date: '1991-07-12',
    id_number: '420104199107125023',
    phone: '',
    probationary_date: '2012-11-02',
    full_date: '2013-11-02',
    status: 'full',
    left_date: '',
  }
}

/** Runs an Element Plus validator and returns its message ('' when it passes). */
function run(validator: ReturnType<typeof phoneValidator>, value: string): string {
  let message = 'not called'
  validator({}, value, (e?: string | Error) => {
    message = e instanceof Error ? e.message : (e ?? '')
  }, {}, {})
  return message
}

describe('member form rules', () => {
  it.each([
    ['420104199107125023', base(), ''],
    ['', base(), ''],
    ['42010419910712502', base(), '身份证号应为18位'],
    ['420104199107125024', base(), '身份证号校验位错误'],
    ['420104199107125023', { ...base(), birth_date: '1991-07-13' }, '出生日期与身份证号不一致'],
    ['420104199107125023', { ...base(), gender: 'male' }, '性别与身份证号不一致'],
  ])('id number %s', (id, values, message) => {
    expect(run(idNumberValidator(t, () => values), id)).toBe(message)
  })

  it.each([
    ['', ''],
    ['15712348111', ''],
    ['12345', '请输入正确的手机号或固定电话（如 027-87654321）'],
  ])('phone %s', (phone, message) => {
    expect(run(phoneValidator(t), phone)).toBe(message)
  })

  it.each([
    [{ status: 'full' }, '2013-11-02', ''],
    [{ status: 'full' }, '', '正式党员须填写转正时间'],
    [{ status: 'full' }, '2013-11-01', '转正时间应至少在入党一年之后'],
    [{ status: 'probationary' }, '2013-11-02', '预备党员不应填写转正时间'],
    [{ status: 'probationary' }, '', ''],
  ])('full date with %o: %s', (patch, value, message) => {
    expect(run(fullDateValidator(t, () => ({ ...base(), ...patch })), value)).toBe(message)
  })

  it('needs a left date for a leaving status', () => {
    const leaving = ['transferred_out', 'deceased', 'lapsed']
    expect(run(leftDateValidator(t, () => ({ ...base(), status: 'deceased' }), leaving), '')).toBe('该状态须填写离开时间')
    expect(run(leftDateValidator(t, () => ({ ...base(), status: 'full' }), leaving), '')).toBe('')
  })
})
