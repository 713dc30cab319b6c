/** GB 11643 校验位计算所用的加权因子 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

export type IdNumberProblem = 'length' | 'format' | 'birth_date' | 'check_digit'

/** 18 位身份证号前 17 位对应的校验位（'0'–'9' 或 'X'） */
export function idNumberCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day))
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
}

/** 检查 18 位身份证号；无问题时返回 null。小写 x 视同 X */
export function checkIdNumber(value: string): IdNumberProblem | null {
  const id = value.trim().toUpperCase()
  if (id.length !== 18) return 'length'
  if (!/^\d{17}[\dX]$/.test(id)) return 'format'
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  if (year < 1900 || !isRealDate(year, month, day)) return 'birth_date'
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return 'check_digit'
  return null
}

/** 身份证号中的出生日期 YYYY-MM-DD */
export function birthDateFromIdNumber(value: string): string {
  const id = value.trim()
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
}

/** 身份证号中的性别（第 17 位奇数为男） */
export function genderFromIdNumber(value: string): 'male' | 'female' {
  return Number(value.trim()[16]) % 2 === 1 ? 'male' : 'female'
}

/** 手机号（1 开头 11 位）或固定电话（0 开头，可带区号连字符），与服务端规则一致 */
export function isValidPhone(value: string): boolean {
  const phone = value.trim()
  if (/^1[3-9]\d{9}$/.test(phone)) return true
  if (/^0\d{9,11}$/.test(phone)) return true
  return /^0\d{2,3}-\d{7,8}$/.test(phone)
}

/** 是否为真实存在的 YYYY-MM-DD 日期 */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))
}
