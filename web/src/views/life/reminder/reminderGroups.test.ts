import { describe, expect, it } from 'vitest'
import type { Reminder } from '@/api/life/reminder'
import type { MeetingTemplate } from '@/api/life/template'
import { groupReminders, memberTarget, nodeTarget, recordQuery, reminderTestId, typeOfRule } from './reminderGroups'

function reminder(over: Partial<Reminder>): Reminder {
  return {
    kind: 'meeting_due',
    rule: 'ZB-18-5',
    source: '《中国共产党支部工作条例（试行）》第十一条',
    unverified: false,
    state: 'due_soon',
    due: '2026-12-31',
    node_id: 12,
    node_name: '第一党支部',
    member_id: null,
    member_name: null,
    meeting_id: null,
    message: '',
    ...over,
  }
}

const templates = [
  { type: 'branch_assembly', rule: 'ZB-18-5' },
  { type: 'party_lecture', rule: 'ZB-18-9' },
] as MeetingTemplate[]

describe('groupReminders', () => {
  it('groups by state in a fixed order, soonest first, server order on the same day', () => {
    const items = [
      reminder({ message: 'a', state: 'info', due: '2026-12-01' }),
      reminder({ message: 'b', state: 'due_soon', due: '2026-12-20' }),
      reminder({ message: 'c', state: 'overdue', due: '2026-09-30' }),
      reminder({ message: 'd', state: 'due_soon', due: '2026-12-05' }),
      reminder({ message: 'e', state: 'due_soon', due: null }),
      reminder({ message: 'f', state: 'due_soon', due: '2026-12-05' }),
      reminder({ message: 'g', state: 'alert', due: '2026-10-01' }),
    ]
    expect(groupReminders(items).map((g) => [g.state, g.items.map((i) => i.message).join('')])).toEqual([
      ['overdue', 'c'],
      ['alert', 'g'],
      ['due_soon', 'dfbe'],
      ['info', 'a'],
    ])
  })

  it('gives nothing for nothing', () => {
    expect(groupReminders([])).toEqual([])
  })
})

describe('record shortcut', () => {
  it('prefills the type from the rule and the node for a meeting due', () => {
    expect(recordQuery(reminder({}), templates)).toEqual({ type: 'branch_assembly', node: '12' })
    expect(recordQuery(reminder({ kind: 'meeting_overdue', rule: 'ZB-18-9' }), templates)).toEqual({ type: 'party_lecture', node: '12' })
  })

  it("takes the reminder's own meeting type first", () => {
    expect(recordQuery(reminder({ meeting_type: 'theme_day' }), templates)).toEqual({ type: 'theme_day', node: '12' })
  })

  it('still opens the form for an unknown rule, with the node only', () => {
    expect(recordQuery(reminder({ rule: null }), templates)).toEqual({ node: '12' })
    expect(recordQuery(reminder({ rule: 'XX-1' }), templates)).toEqual({ node: '12' })
  })

  it('is not offered for other kinds', () => {
    expect(recordQuery(reminder({ kind: 'term_ending' }), templates)).toBeNull()
    expect(recordQuery(reminder({ kind: 'meeting_returned', meeting_id: 5 }), templates)).toBeNull()
    expect(recordQuery(reminder({ node_id: null }), templates)).toBeNull()
  })

  it('maps rules to meeting types', () => {
    expect(typeOfRule('ZB-18-9', templates)).toBe('party_lecture')
    expect(typeOfRule('ZB-18-1', templates)).toBeNull()
  })
})

describe('links', () => {
  it('names the kind and node in data-test', () => {
    expect(reminderTestId(reminder({ kind: 'term_ended', node_id: 56 }))).toBe('reminder-term_ended-56')
    expect(reminderTestId(reminder({ node_id: null }))).toBe('reminder-meeting_due-0')
  })

  it('opens what is behind the reminder', () => {
    expect(nodeTarget(reminder({}))).toEqual({ name: 'life-compliance', query: { node: '12' } })
    expect(nodeTarget(reminder({ kind: 'term_ending' }))).toEqual({ name: 'org-nodes' })
    expect(nodeTarget(reminder({ kind: 'probation_ending' }))).toEqual({
      name: 'member-list',
      query: { subtree: '12', status: 'probationary,full' },
    })
    expect(memberTarget(reminder({ kind: 'political_birthday', member_id: 3, member_name: '白悦然' }))).toEqual({
      name: 'member-list',
      query: { name: '白悦然', subtree: '12' },
    })
    expect(memberTarget(reminder({}))).toBeNull()
  })
})
