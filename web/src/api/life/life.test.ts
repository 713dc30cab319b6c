import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios'
import { http, setCsrfToken } from '../http'
import { getCalendar } from './calendar'
import { getBranchCompliance, getCompliance } from './compliance'
import { downloadLedger, ledgerKindOf } from './ledger'
import {
  attachmentUrl,
  createMeeting,
  deleteAttachment,
  deleteMeeting,
  getMeeting,
  reviewMeeting,
  searchMeetings,
  updateMeeting,
  uploadAttachment,
  type MeetingInput,
} from './meeting'
import { getReminders } from './reminder'
import { getRules } from './rule'
import { getTemplates } from './template'

const realAdapter = http.defaults.adapter
let seen: InternalAxiosRequestConfig[] = []

/** Answers every request with `data` in the envelope (or a blob) and remembers it. */
function answer(data: unknown = {}): AxiosAdapter {
  return async (config) => {
    seen.push(config)
    const body = config.responseType === 'blob' ? new Blob(['PK']) : { code: 0, message: '', data }
    const response: AxiosResponse = { data: body, status: 200, statusText: '', headers: {}, config }
    return response
  }
}

/** Method, path and serialised query of the last request, as the server would see them. */
function last(): string {
  const config = seen[seen.length - 1]
  const serialize = (config.paramsSerializer as { serialize: (p: Record<string, unknown>) => string }).serialize
  const query = config.params ? serialize(config.params as Record<string, unknown>) : ''
  return `${config.method?.toUpperCase()} ${config.url}${query ? '?' + decodeURIComponent(query) : ''}`
}

beforeEach(() => {
  seen = []
  setCsrfToken('csrf-9')
  http.defaults.adapter = answer()
})

afterEach(() => {
  http.defaults.adapter = realAdapter
})

const body: MeetingInput = {
  node_id: 12,
  type: 'branch_assembly',
  date: '2026-11-20',
  start_time: '14:30',
  duration_minutes: 90,
  place: '三楼会议室',
  host: '张三',
  recorder: '李四',
  topics: [{ title: '学习', first_agenda: true }],
  attendees: [101, 102],
  absences: [{ member_id: 103, reason: 'sick', note: '' }],
  minutes: '',
  decisions: '',
  votes: [{ motion: '接收张某某为预备党员', yes: 20, no: 0, abstain: 1 }],
}

describe('meetings API', () => {
  it('searches with node, type, status, dates and paging', async () => {
    await searchMeetings({ node: 12, type: 'theme_day', status: 'returned', from: '2026-01-01', to: '2026-03-31', page: 2, page_size: 50 })
    expect(last()).toBe('GET /api/meetings?node=12&type=theme_day&status=returned&from=2026-01-01&to=2026-03-31&page=2&page_size=50')
  })

  it('reads, creates, replaces and deletes a record', async () => {
    await getMeeting(9)
    expect(last()).toBe('GET /api/meetings/9')
    await createMeeting(body)
    expect(last()).toBe('POST /api/meetings')
    expect(JSON.parse(seen[1].data as string)).toEqual(body)
    expect(seen[1].silent).toBe(true)
    expect(seen[1].headers.get('X-CSRF-Token')).toBe('csrf-9')
    await updateMeeting(9, body)
    expect(last()).toBe('PUT /api/meetings/9')
    expect(JSON.parse(seen[2].data as string)).toEqual(body)
    await deleteMeeting(9)
    expect(last()).toBe('DELETE /api/meetings/9')
  })

  it('reviews: accept, or return with the reason', async () => {
    await reviewMeeting(9, { decision: 'accept' })
    expect(last()).toBe('POST /api/meetings/9/review')
    expect(JSON.parse(seen[0].data as string)).toEqual({ decision: 'accept' })
    await reviewMeeting(9, { decision: 'return', reason: '缺少会议照片' })
    expect(JSON.parse(seen[1].data as string)).toEqual({ decision: 'return', reason: '缺少会议照片' })
  })

  it('uploads the raw file with its content type and name, and deletes an attachment', async () => {
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], '现场照片.jpg', { type: 'image/jpeg' })
    await uploadAttachment(9, file, '现场照片.jpg', 'image/jpeg')
    expect(last()).toBe('POST /api/meetings/9/attachments?name=现场照片.jpg')
    expect(seen[0].data).toBe(file)
    expect(seen[0].headers.get('Content-Type')).toBe('image/jpeg')
    await deleteAttachment(9, 4)
    expect(last()).toBe('DELETE /api/meetings/9/attachments/4')
    expect(attachmentUrl(9, 4)).toBe('/api/meetings/9/attachments/4')
  })
})

describe('rules and templates API', () => {
  it('asks for the rules of a date and the templates', async () => {
    await getRules('2026-06-30')
    expect(last()).toBe('GET /api/life/rules?date=2026-06-30')
    await getRules()
    expect(last()).toBe('GET /api/life/rules')
    await getTemplates()
    expect(last()).toBe('GET /api/life/templates')
  })
})

describe('what follows from the records', () => {
  it('asks for compliance by node and period, without index for a year', async () => {
    await getCompliance(5, { period: 'quarter', year: 2026, index: 4 })
    expect(last()).toBe('GET /api/life/compliance?node=5&period=quarter&year=2026&index=4')
    await getCompliance(5, { period: 'year', year: 2025 })
    expect(last()).toBe('GET /api/life/compliance?node=5&period=year&year=2025')
    await getBranchCompliance(56, { period: 'month', year: 2026, index: 11 })
    expect(last()).toBe('GET /api/life/compliance/branch/56?period=month&year=2026&index=11')
  })

  it('asks for reminders within 30 days unless told 7', async () => {
    await getReminders(5)
    expect(last()).toBe('GET /api/life/reminders?node=5&within=30')
    await getReminders(5, 7)
    expect(last()).toBe('GET /api/life/reminders?node=5&within=7')
  })

  it('asks for the calendar between two dates', async () => {
    await getCalendar(5, '2026-10-25', '2026-12-14')
    expect(last()).toBe('GET /api/life/calendar?node=5&from=2026-10-25&to=2026-12-14')
  })

  it('downloads the ledger as a blob', async () => {
    const blob = await downloadLedger(56, 2026, 'docx')
    expect(last()).toBe('GET /api/life/ledger?node=56&year=2026&format=docx')
    expect(seen[0].responseType).toBe('blob')
    expect(blob).toBeInstanceOf(Blob)
  })

  it('knows which nodes have which ledger', () => {
    expect(ledgerKindOf('branch')).toBe('meetings')
    expect(['unit', 'organ_committee', 'general_branch'].map((k) => ledgerKindOf(k as 'unit'))).toEqual([
      'study_group',
      'study_group',
      'study_group',
    ])
    expect([ledgerKindOf('committee'), ledgerKindOf('zone'), ledgerKindOf('group'), ledgerKindOf(undefined)]).toEqual([
      null,
      null,
      null,
      null,
    ])
  })
})
