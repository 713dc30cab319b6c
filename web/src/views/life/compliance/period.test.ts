import { describe, expect, it } from 'vitest'
import { changeKind, currentPeriod, periodCount, periodFromQuery, periodToParams, periodToQuery, yearChoices } from './period'

describe('period', () => {
  it('defaults to the current quarter', () => {
    expect(periodFromQuery({}, '2026-11-22')).toEqual({ kind: 'quarter', year: 2026, index: 4 })
    expect(currentPeriod('2026-02-01')).toEqual({ kind: 'quarter', year: 2026, index: 1 })
  })

  it('gives the current month or year when only the kind is chosen', () => {
    expect(periodFromQuery({ period: 'month' }, '2026-11-22')).toEqual({ kind: 'month', year: 2026, index: 11 })
    expect(periodFromQuery({ period: 'year' }, '2026-11-22')).toEqual({ kind: 'year', year: 2026, index: 1 })
  })

  it('reads year and index from the route and refuses out-of-range ones', () => {
    expect(periodFromQuery({ period: 'month', year: '2025', index: '7' }, '2026-11-22')).toEqual({ kind: 'month', year: 2025, index: 7 })
    expect(periodFromQuery({ period: 'quarter', year: '2025', index: '5' }, '2026-11-22')).toEqual({ kind: 'quarter', year: 2025, index: 4 })
    expect(periodFromQuery({ period: 'week', year: '2031', index: '2' }, '2026-11-22')).toEqual({ kind: 'quarter', year: 2026, index: 2 })
  })

  it('sends no index for a year', () => {
    expect(periodToParams({ kind: 'year', year: 2025, index: 1 })).toEqual({ period: 'year', year: 2025 })
    expect(periodToParams({ kind: 'month', year: 2025, index: 3 })).toEqual({ period: 'month', year: 2025, index: 3 })
    expect(periodToQuery({ kind: 'year', year: 2025, index: 1 })).toEqual({ period: 'year', year: '2025' })
    expect(periodToQuery({ kind: 'quarter', year: 2025, index: 2 })).toEqual({ period: 'quarter', year: '2025', index: '2' })
  })

  it('keeps today when the kind changes inside the current period', () => {
    expect(changeKind({ kind: 'quarter', year: 2026, index: 4 }, 'month', '2026-11-22')).toEqual({ kind: 'month', year: 2026, index: 11 })
    expect(changeKind({ kind: 'year', year: 2026, index: 1 }, 'quarter', '2026-11-22')).toEqual({ kind: 'quarter', year: 2026, index: 4 })
  })

  it('starts from the first month of a past period', () => {
    expect(changeKind({ kind: 'quarter', year: 2025, index: 3 }, 'month', '2026-11-22')).toEqual({ kind: 'month', year: 2025, index: 7 })
    expect(changeKind({ kind: 'month', year: 2025, index: 8 }, 'quarter', '2026-11-22')).toEqual({ kind: 'quarter', year: 2025, index: 3 })
    expect(changeKind({ kind: 'month', year: 2025, index: 8 }, 'year', '2026-11-22')).toEqual({ kind: 'year', year: 2025, index: 1 })
  })

  it('counts periods and offers recent years', () => {
    expect([periodCount('month'), periodCount('quarter'), periodCount('year')]).toEqual([12, 4, 1])
    expect(yearChoices('2026-11-22', 3)).toEqual([2026, 2025, 2024])
  })
})
