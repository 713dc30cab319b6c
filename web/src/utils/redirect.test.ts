import { describe, expect, it } from 'vitest'
import { safeRedirect } from './redirect'

describe('safeRedirect', () => {
  it.each([
    ['/members?status=full', '/members?status=full'],
    [['/audit', '/x'], '/audit'],
    [undefined, '/'],
    [null, '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/login?redirect=/x', '/'],
  ] as const)('%s → %s', (value, expected) => {
    expect(safeRedirect(value as string | string[] | null | undefined)).toBe(expected)
  })
})
