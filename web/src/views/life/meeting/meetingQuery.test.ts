import { describe, expect, it } from 'vitest'
import {
  emptyMeetingFilter,
  meetingFilterFromQuery,
  meetingFilterToParams,
  meetingFilterToQuery,
  statusTagType,
} from './meetingQuery'

describe('meeting list query', () => {
  it('reads node, type, status, dates and paging from the route', () => {
    expect(
      meetingFilterFromQuery({
        node: '12',
        type: 'branch_assembly',
        status: 'returned',
        from: '2026-01-01',
        to: '2026-03-31',
        page: '3',
        page_size: '50',
      }),
    ).toEqual({
      node: 12,
      type: 'branch_assembly',
      status: 'returned',
      from: '2026-01-01',
      to: '2026-03-31',
      page: 3,
      page_size: 50,
    })
  })

  it('drops unknown values and swaps reversed dates', () => {
    expect(
      meetingFilterFromQuery({ node: 'x', type: 'party', status: 'done', from: '2026-05-01', to: '2026-02-01', page: '0', page_size: '30' }),
    ).toEqual({ ...emptyMeetingFilter(), from: '2026-02-01', to: '2026-05-01' })
    expect(meetingFilterFromQuery({ from: '2026-02-30' }).from).toBe('')
  })

  it('writes only what differs from the default and reads back the same filter', () => {
    const f = { ...emptyMeetingFilter(), node: 7, status: 'submitted' as const, page: 2 }
    const q = meetingFilterToQuery(f)
    expect(q).toEqual({ node: '7', status: 'submitted', page: '2' })
    expect(meetingFilterFromQuery(q as Record<string, string>)).toEqual(f)
  })

  it('gives GET /api/meetings its parameters', () => {
    expect(meetingFilterToParams({ ...emptyMeetingFilter(), node: 7, type: 'theme_day', from: '2026-01-01' })).toEqual({
      node: 7,
      type: 'theme_day',
      from: '2026-01-01',
      page: 1,
      page_size: 20,
    })
  })

  it('colours the status tags', () => {
    expect([statusTagType('submitted'), statusTagType('accepted'), statusTagType('returned')]).toEqual([
      'primary',
      'success',
      'danger',
    ])
  })
})
