import { describe, expect, it } from 'vitest'
import { addDays, daysInMonth, formatTimestamp, todayIso } from './dates'

describe('dates', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-11-01', -7)).toBe('2026-10-25')
    expect(addDays('2026-12-31', 14)).toBe('2027-01-14')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
  })

  it('counts the days of a month', () => {
    expect([daysInMonth(2024, 2), daysInMonth(2026, 2), daysInMonth(2026, 11), daysInMonth(2026, 12)]).toEqual([29, 28, 30, 31])
  })

  it('writes Unix seconds in Shanghai time and leaves text as it is', () => {
    expect(formatTimestamp(1_790_000_000)).toBe('2026-09-21 22:13')
    expect(formatTimestamp(0)).toBe('')
    expect(formatTimestamp(null)).toBe('')
    expect(formatTimestamp('2026-11-20 14:30:00')).toBe('2026-11-20 14:30:00')
  })

  it('gives today in Shanghai', () => {
    // 2026-11-20 17:00 UTC is already the 21st in Shanghai.
    expect(todayIso(new Date(Date.UTC(2026, 10, 20, 17, 0)))).toBe('2026-11-21')
  })
})
