import type { LocationQuery } from 'vue-router'

/** 路由查询中某参数的第一个值（没有时为空串） */
export function first(value: LocationQuery[string] | undefined): string {
  if (Array.isArray(value)) return value.find((v): v is string => typeof v === 'string') ?? ''
  return typeof value === 'string' ? value : ''
}

/** 重复或逗号分隔的多值参数 */
export function many(value: LocationQuery[string] | undefined): string[] {
  const parts = Array.isArray(value) ? value : [value]
  return parts
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
}

/** 取值在可选项中时返回它，否则为空串 */
export function oneOf<T extends string>(value: string, choices: readonly T[]): T | '' {
  return (choices as readonly string[]).includes(value) ? (value as T) : ''
}

/** 可选项中的值，去重，保持顺序 */
export function manyOf<T extends string>(values: string[], choices: readonly T[]): T[] {
  const out: T[] = []
  for (const v of values) {
    if ((choices as readonly string[]).includes(v) && !out.includes(v as T)) out.push(v as T)
  }
  return out
}

/** [min, max] 内的非负整数，否则为 null */
export function intIn(value: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(value)) return null
  const n = Number(value)
  return n >= min && n <= max ? n : null
}

