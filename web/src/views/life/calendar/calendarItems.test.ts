import { describe, expect, it } from 'vitest'
import type { CalendarItem } from '@/api/life/calendar'
import { calendarRange, itemColour, itemsByDate, itemTarget } from './calendarItems'

function item(over: Partial<CalendarItem>): CalendarItem {
  return { date: '2026-11-20', kind: 'obligation', title: '', rule: null, node_id: 12, node_name: '第一党支部', meeting_id: null, state: null, ...over }
}

describe('calendar', () => {
  it('asks for the month with a week before and two after', () => {
    expect(calendarRange(2026, 11)).toEqual({ from: '2026-10-25', to: '2026-12-14' })
    expect(calendarRange(2024, 2)).toEqual({ from: '2024-01-25', to: '2024-03-14' })
    expect(calendarRange(2026, 12)).toEqual({ from: '2026-11-24', to: '2027-01-14' })
  })

  it('colours meetings by review status and obligations by state', () => {
    expect(itemColour({ kind: 'meeting', state: 'accepted' })).toBe('#67c23a')
    expect(itemColour({ kind: 'meeting', state: 'returned' })).toBe('#f56c6c')
    expect(itemColour({ kind: 'meeting', state: 'submitted' })).toBe('#409eff')
    expect(itemColour({ kind: 'obligation', state: 'missing' })).toBe('#c8161d')
    expect(itemColour({ kind: 'obligation', state: 'due_soon' })).toBe('#e6a23c')
    expect(itemColour({ kind: 'obligation', state: 'met' })).toBe('#67c23a')
    expect(itemColour({ kind: 'obligation', state: 'open' })).toBe('#e6a23c')
    expect(itemColour({ kind: 'obligation', state: 'overdue' })).toBe('#c8161d')
    expect(itemColour({ kind: 'obligation', state: 'pending' })).toBe('#909399')
    expect(itemColour({ kind: 'term_end', state: 'open' })).toBe('#9b59b6')
    expect(itemColour({ kind: 'term_end', state: 'overdue' })).toBe('#c8161d')
    expect(itemColour({ kind: 'probation_end', state: null })).toBe('#1abc9c')
  })

  it('groups items by day', () => {
    const map = itemsByDate([item({ title: 'a' }), item({ date: '2026-11-21', title: 'b' }), item({ title: 'c' })])
    expect([...map.entries()].map(([d, list]) => [d, list.map((i) => i.title).join('')])).toEqual([
      ['2026-11-20', 'ac'],
      ['2026-11-21', 'b'],
    ])
  })

  it('opens the meeting, the compliance of the node, or the node', () => {
    expect(itemTarget(item({ kind: 'meeting', meeting_id: 77 }))).toEqual({ name: 'life-meeting-detail', params: { id: '77' } })
    expect(itemTarget(item({}))).toEqual({ name: 'life-compliance', query: { node: '12' } })
    // Items other than meetings may come without meeting_id at all.
    const { meeting_id: _, ...withoutMeeting } = item({})
    expect(itemTarget(withoutMeeting as CalendarItem)).toEqual({ name: 'life-compliance', query: { node: '12' } })
    expect(itemTarget(item({ kind: 'term_end' }))).toEqual({ name: 'org-nodes' })
    expect(itemTarget(item({ kind: 'probation_end' }))).toEqual({
      name: 'member-list',
      query: { subtree: '12', status: 'probationary' },
    })
    expect(itemTarget(item({ node_id: null }))).toBeNull()
  })
})
