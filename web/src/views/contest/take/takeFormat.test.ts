import { describe, expect, it } from 'vitest'
import { formatClock, formatDuration, letterOf, unixToText } from './takeFormat'

describe('takeFormat', () => {
  it('counts down in minutes and seconds, with hours when there are any', () => {
    expect(formatClock(545)).toBe('09:05')
    expect(formatClock(3723)).toBe('1:02:03')
    expect(formatClock(-3)).toBe('00:00')
  })
  it('says how long an attempt took', () => {
    expect(formatDuration(185)).toBe('3 分 5 秒')
    expect(formatDuration(45)).toBe('45 秒')
  })
  it('names options by letter', () => {
    expect([0, 1, 7].map(letterOf)).toEqual(['A', 'B', 'H'])
  })
  it('shows times in Beijing time', () => {
    // 2026-11-22 01:00 UTC is 09:00 in Beijing.
    expect(unixToText(Date.UTC(2026, 10, 22, 1, 0) / 1000)).toBe('2026-11-22 09:00')
    expect(unixToText(Date.UTC(2026, 10, 21, 16, 0) / 1000)).toBe('2026-11-22 00:00')
  })
})
