import { describe, expect, it } from 'vitest'
import type { BranchCompliance } from '@/api/life/compliance'
import { checkOf, filterBranches, sharePercent, shareText, stateTag } from './complianceView'

function branch(id: number, compliant: boolean, states: Record<string, string>): BranchCompliance {
  return {
    id,
    name: `支部${id}`,
    path: '单位',
    compliant,
    checks: Object.entries(states).map(([rule, state]) => ({
      rule,
      state: state as BranchCompliance['checks'][number]['state'],
      required: 1,
      recorded: state === 'met' ? 1 : 0,
      due: null,
      message: '',
    })),
  }
}

describe('compliance state tags', () => {
  it('maps each state to its colour', () => {
    expect(stateTag('met')).toEqual({ type: 'success', effect: 'light' })
    expect(stateTag('missing')).toEqual({ type: 'danger', effect: 'light' })
    expect(stateTag('due_soon')).toEqual({ type: 'warning', effect: 'light' })
    expect(stateTag('pending')).toEqual({ type: 'info', effect: 'light' })
    expect(stateTag('not_applicable')).toEqual({ type: 'info', effect: 'plain' })
    expect(stateTag('something_new')).toEqual({ type: 'info', effect: 'light' })
  })
})

describe('share', () => {
  it('is computed from compliant and branches', () => {
    expect(shareText(3, 4)).toBe('75.0%')
    expect(shareText(1, 3)).toBe('33.3%')
    expect(shareText(0, 0)).toBe('-')
    expect(sharePercent(2, 3)).toBe(66.7)
    expect(sharePercent(0, 0)).toBe(0)
  })
})

describe('branches behind a figure', () => {
  const rows = [
    branch(1, true, { 'ZB-18-5': 'met', 'ZB-18-6': 'met' }),
    branch(2, false, { 'ZB-18-5': 'missing', 'ZB-18-6': 'met' }),
    branch(3, false, { 'ZB-18-5': 'due_soon', 'ZB-18-6': 'missing' }),
  ]

  it('filters by compliance', () => {
    expect(filterBranches(rows, { compliant: false }).map((b) => b.id)).toEqual([2, 3])
    expect(filterBranches(rows, { compliant: true }).map((b) => b.id)).toEqual([1])
    expect(filterBranches(rows, {}).map((b) => b.id)).toEqual([1, 2, 3])
  })

  it('filters by the state of one rule', () => {
    expect(filterBranches(rows, { rule: 'ZB-18-6', state: 'missing' }).map((b) => b.id)).toEqual([3])
    expect(filterBranches(rows, { rule: 'ZB-18-5', state: 'met' }).map((b) => b.id)).toEqual([1])
    expect(filterBranches(rows, { state: 'missing' }).map((b) => b.id)).toEqual([2, 3])
  })

  it('finds the check of a rule', () => {
    expect(checkOf(rows[2], 'ZB-18-5')?.state).toBe('due_soon')
    expect(checkOf(rows[2], 'ZB-18-9')).toBeUndefined()
  })
})
