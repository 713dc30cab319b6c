import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import type { Meeting } from '@/api/life/meeting'
import type { MeetingTemplate } from '@/api/life/template'
import type { Member } from '@/api/member/member'
import {
  applyTemplate,
  attendanceCounts,
  blankMeetingForm,
  carryAttendance,
  defaultRoster,
  formFromMeeting,
  loadActiveMembers,
  meetingBody,
  meetingFieldOf,
  normaliseTime,
  recallDefaults,
  recallPeople,
  rememberDefaults,
  rememberPeople,
  rosterForNode,
  rosterServerErrors,
  rosterSubtree,
  typesHeldBy,
  validateMeetingForm,
  type MeetingFormState,
} from './meetingForm'

const t = (key: string, values?: Record<string, unknown>): string => (values ? `${key} ${JSON.stringify(values)}` : key)

function member(id: number, name: string, status: Member['status'] = 'full', group_id: number | null = null): Member {
  return {
    id,
    name,
    gender: 'male',
    gender_label: '男',
    ethnicity: '汉族',
    birth_date: '1980-01-01',
    age: 46,
    id_number: '',
    education: 'bachelor',
    education_label: '大学本科',
    phone: null,
    probationary_date: '2005-01-01',
    full_date: status === 'full' ? '2006-01-01' : null,
    party_age: 20,
    status,
    status_label: '',
    left_date: null,
    category: 'in_service',
    category_label: '在职',
    branch_id: 12,
    branch_name: '第一党支部',
    group_id,
    group_name: null,
    post: null,
  }
}

function template(type: MeetingTemplate['type'], over: Partial<MeetingTemplate> = {}): MeetingTemplate {
  return {
    type,
    label: type,
    rule: 'ZB-18-6',
    node_kinds: ['branch'],
    duration_minutes: 90,
    topics: [],
    agenda: [],
    checklist: [],
    minutes: '',
    ...over,
  }
}

function filled(): MeetingFormState {
  const f = blankMeetingForm('2026-11-20')
  f.node_id = 12
  f.node_name = '第一党支部'
  f.node_kind = 'branch'
  f.type = 'branch_assembly'
  f.place = ' 三楼会议室 '
  f.host = '张三'
  f.recorder = '李四'
  f.topics = [
    { title: ' 学习党的二十届四中全会精神 ', first_agenda: true },
    { title: '  ', first_agenda: false },
  ]
  f.roster = rosterForNode([member(103, '王五'), member(101, '赵一'), member(102, '钱二', 'probationary')], 'branch', 12)
  return f
}

describe('blankMeetingForm', () => {
  it('defaults to today at 14:30 for 90 minutes and takes the remembered place, host and recorder', () => {
    const f = blankMeetingForm('2026-11-20', { place: '三楼会议室', host: '张三' })
    expect([f.date, f.start_time, f.duration_minutes]).toEqual(['2026-11-20', '14:30', 90])
    expect([f.place, f.host, f.recorder]).toEqual(['三楼会议室', '张三', ''])
    expect(f.roster).toEqual([])
  })
})

describe('meetingBody', () => {
  it('sends the ticked members as attendees and the others as absences, both by ascending id', () => {
    const f = filled()
    const wang = f.roster.find((r) => r.member_id === 103)!
    wang.present = false
    wang.reason = 'sick'
    wang.note = ' 住院 '
    expect(meetingBody(f)).toEqual({
      node_id: 12,
      type: 'branch_assembly',
      date: '2026-11-20',
      start_time: '14:30',
      duration_minutes: 90,
      place: '三楼会议室',
      host: '张三',
      recorder: '李四',
      topics: [{ title: '学习党的二十届四中全会精神', first_agenda: true }],
      attendees: [101, 102],
      absences: [{ member_id: 103, reason: 'sick', note: '住院' }],
      minutes: '',
      decisions: '',
      votes: [],
    })
  })

  it('normalises the start time and keeps votes only for a branch assembly', () => {
    const f = filled()
    f.start_time = '9：05'
    f.votes = [
      { motion: ' 接收张某某为预备党员 ', yes: 2, no: 0, abstain: 1 },
      { motion: '', yes: 0, no: 0, abstain: 0 },
    ]
    const body = meetingBody(f)
    expect(body.start_time).toBe('09:05')
    expect(body.votes).toEqual([{ motion: '接收张某某为预备党员', yes: 2, no: 0, abstain: 1 }])
    f.type = 'committee_meeting'
    expect(meetingBody(f).votes).toEqual([])
  })

  it('refuses a form without node or type', () => {
    const f = filled()
    f.node_id = null
    expect(() => meetingBody(f)).toThrow()
  })
})

describe('normaliseTime', () => {
  it.each([
    ['14:30', '14:30'],
    ['9:05', '09:05'],
    ['9:5', '09:05'],
    ['14：30', '14:30'],
    ['１４：３０', '14:30'],
    ['14.30', '14:30'],
    ['1430', '14:30'],
    ['930', '09:30'],
    ['14:30:00', '14:30'],
    [' 08:00 ', '08:00'],
  ])('%s → %s', (input, output) => {
    expect(normaliseTime(input)).toBe(output)
  })

  it.each(['24:00', '12:60', 'abc', '', '1', '12345', '12:3:4:5'])('rejects %s', (input) => {
    expect(normaliseTime(input)).toBe('')
  })
})

describe('validateMeetingForm', () => {
  it('accepts a routine meeting filled from its defaults', () => {
    expect(validateMeetingForm(filled(), '2026-11-20', t)).toEqual({})
  })

  it('names every missing or wrong field', () => {
    const f = blankMeetingForm('2026-11-21')
    f.start_time = '25:00'
    f.duration_minutes = 0
    expect(validateMeetingForm(f, '2026-11-20', t)).toEqual({
      node_id: 'life.form.error.node',
      type: 'life.form.error.type',
      date: 'life.form.error.dateFuture',
      start_time: 'life.form.error.time',
      duration_minutes: 'life.form.error.duration',
      place: 'life.form.error.place',
      host: 'life.form.error.host',
      topics: 'life.form.error.topics',
      attendees: 'life.form.error.noAttendees',
    })
  })

  it('wants a reason for every absentee and a note for 其他', () => {
    const f = filled()
    f.roster[0].present = false
    expect(validateMeetingForm(f, '2026-11-20', t).absences).toBe('life.form.error.reason {"name":"王五"}')
    f.roster[0].reason = 'other'
    expect(validateMeetingForm(f, '2026-11-20', t).absences).toBe('life.form.error.otherNote {"name":"王五"}')
    f.roster[0].note = '外出调研'
    expect(validateMeetingForm(f, '2026-11-20', t).absences).toBeUndefined()
  })

  it('wants two participants for a heart talk', () => {
    const f = filled()
    f.type = 'heart_talk'
    f.roster[1].present = false
    f.roster[1].reason = 'official'
    f.roster[2].present = false
    f.roster[2].reason = 'official'
    expect(validateMeetingForm(f, '2026-11-20', t).attendees).toBe('life.form.error.heartTalk')
  })

  it('wants a motion for each vote and no more votes than full members present', () => {
    const f = filled()
    f.votes = [{ motion: '', yes: 1, no: 0, abstain: 0 }]
    expect(validateMeetingForm(f, '2026-11-20', t).votes).toBe('life.form.error.motion')
    // Three present, one of them probationary: two may vote.
    f.votes = [{ motion: '接收预备党员', yes: 2, no: 1, abstain: 0 }]
    expect(validateMeetingForm(f, '2026-11-20', t).votes).toBe('life.form.error.tooManyVotes {"n":2}')
    f.votes = [{ motion: '接收预备党员', yes: 1, no: 0, abstain: 1 }]
    expect(validateMeetingForm(f, '2026-11-20', t).votes).toBeUndefined()
  })

  it('wants at least one topic', () => {
    const f = filled()
    f.topics = [{ title: '  ', first_agenda: false }]
    expect(validateMeetingForm(f, '2026-11-20', t).topics).toBe('life.form.error.topics')
  })

  it('rejects a date before 2000 and a malformed one', () => {
    const f = filled()
    f.date = '1999-12-31'
    expect(validateMeetingForm(f, '2026-11-20', t).date).toBe('life.form.error.dateEarly')
    f.date = '2026-02-30'
    expect(validateMeetingForm(f, '2026-11-20', t).date).toBe('life.form.error.dateInvalid')
  })
})

describe('applyTemplate', () => {
  const assembly = template('branch_assembly', {
    duration_minutes: 120,
    topics: [{ title: '学习上级精神', first_agenda: true }],
    minutes: '一、学习\n二、讨论',
  })
  const lecture = template('party_lecture', { duration_minutes: 60, topics: [{ title: '专题党课', first_agenda: false }], minutes: '党课提纲' })

  it('fills topics, minutes and duration of an untouched form', () => {
    const f = blankMeetingForm('2026-11-20')
    applyTemplate(f, assembly, undefined)
    expect(f.topics).toEqual([{ title: '学习上级精神', first_agenda: true }])
    expect(f.minutes).toBe('一、学习\n二、讨论')
    expect(f.duration_minutes).toBe(120)
    f.topics[0].title = '改过的议题'
    expect(assembly.topics[0].title).toBe('学习上级精神')
  })

  it('replaces what still equals the previous template and keeps what the user wrote', () => {
    const f = blankMeetingForm('2026-11-20')
    applyTemplate(f, assembly, undefined)
    f.minutes = '自己写的记录'
    applyTemplate(f, lecture, assembly)
    expect(f.topics).toEqual([{ title: '专题党课', first_agenda: false }])
    expect(f.minutes).toBe('自己写的记录')
    expect(f.duration_minutes).toBe(60)
    f.duration_minutes = 45
    applyTemplate(f, assembly, lecture)
    expect(f.duration_minutes).toBe(45)
  })

  it('falls back to 90 minutes when the template gives no duration', () => {
    const f = blankMeetingForm('2026-11-20')
    applyTemplate(f, template('theme_day', { duration_minutes: 0 }), undefined)
    expect(f.duration_minutes).toBe(90)
  })
})

describe('rosters', () => {
  const members = [member(1, '甲', 'full', 50), member(2, '乙', 'probationary', 51), member(3, '丙', 'full', 50)]

  it('takes the whole branch, all present, for a branch meeting', () => {
    const roster = rosterForNode(members, 'branch', 12)
    expect(roster.map((r) => [r.member_id, r.status, r.present, r.reason])).toEqual([
      [1, 'full', true, ''],
      [2, 'probationary', true, ''],
      [3, 'full', true, ''],
    ])
  })

  it("takes only the group's members for a group meeting and nobody for a study group", () => {
    expect(rosterForNode(members, 'group', 50).map((r) => r.member_id)).toEqual([1, 3])
    expect(rosterForNode(members, 'unit', 7)).toEqual([])
  })

  it('reads the roster of a group from its branch', () => {
    expect(rosterSubtree({ id: 50, kind: 'group', parent_id: 12 })).toBe(12)
    expect(rosterSubtree({ id: 12, kind: 'branch', parent_id: 11 })).toBe(12)
  })

  it('counts expected, present and absent', () => {
    const roster = rosterForNode(members, 'branch', 12)
    roster[1].present = false
    expect(attendanceCounts(roster)).toEqual({ expected: 3, present: 2, absent: 1 })
  })

  it('rebuilds the form of a stored record in roster order', () => {
    const meeting = {
      id: 9,
      node_id: 12,
      node_name: '第一党支部',
      type: 'committee_meeting',
      date: '2026-10-10',
      start_time: '09:00',
      duration_minutes: 60,
      place: '会议室',
      host: '张三',
      recorder: '李四',
      topics: [{ title: '议题', first_agenda: false }],
      attendees: [
        { id: 3, name: '丙' },
        { id: 1, name: '甲' },
      ],
      absences: [{ member_id: 2, name: '乙', reason: 'sick', reason_label: '病假', note: '住院' }],
      minutes: 'm',
      decisions: 'd',
      votes: [],
    } as unknown as Meeting
    const f = formFromMeeting(meeting, members, 'branch')
    expect(f.roster.map((r) => [r.member_id, r.present, r.reason, r.note, r.status])).toEqual([
      [1, true, '', '', 'full'],
      [2, false, 'sick', '住院', 'probationary'],
      [3, true, '', '', 'full'],
    ])
    expect(meetingBody(f).attendees).toEqual([1, 3])
  })
})

describe('defaultRoster', () => {
  const members = [member(1, '甲'), member(2, '乙', 'probationary'), member(3, '丙'), member(4, '丁', 'transferred_out')]

  it('takes everybody for meetings of the whole branch', () => {
    expect(defaultRoster(members, 'branch', 12, 'theme_day').map((r) => r.member_id)).toEqual([1, 2, 3])
  })

  it('takes only the remembered members still on the roll for a committee meeting', () => {
    const remembered = [
      { id: 3, name: '丙' },
      { id: 9, name: '已转出' },
    ]
    expect(defaultRoster(members, 'branch', 12, 'committee_meeting', remembered).map((r) => [r.member_id, r.present])).toEqual([
      [3, true],
    ])
    expect(defaultRoster(members, 'branch', 12, 'heart_talk')).toEqual([])
  })

  it('takes the remembered study group as it was', () => {
    const roster = defaultRoster([], 'unit', 7, 'study_group', [{ id: 30, name: '局长' }])
    expect(roster.map((r) => [r.member_id, r.name, r.status, r.present])).toEqual([[30, '局长', '', true]])
  })

  it('keeps what was entered for the same people', () => {
    const before = defaultRoster(members, 'branch', 12, 'theme_day')
    before[0].present = false
    before[0].reason = 'sick'
    const next = carryAttendance(defaultRoster(members, 'branch', 12, 'committee_meeting', [{ id: 1, name: '甲' }]), before)
    expect(next.map((r) => [r.member_id, r.present, r.reason])).toEqual([[1, false, 'sick']])
  })

  it('remembers the people of committee meetings and study groups only', () => {
    localStorage.clear()
    const roster = defaultRoster(members, 'branch', 12, 'theme_day').slice(0, 2)
    rememberPeople(12, 'committee_meeting', roster)
    rememberPeople(12, 'theme_day', roster)
    expect(recallPeople(12, 'committee_meeting')).toEqual([
      { id: 1, name: '甲' },
      { id: 2, name: '乙' },
    ])
    expect(recallPeople(12, 'theme_day')).toEqual([])
    expect(recallPeople(12, '')).toEqual([])
  })
})

describe('loadActiveMembers', () => {
  it("asks for the branch's full and probationary members 200 at a time until all are read", async () => {
    const search = vi
      .fn()
      .mockResolvedValueOnce({ total: 201, page: 1, page_size: 200, items: Array.from({ length: 200 }, (_, i) => member(i + 1, `m${i}`)) })
      .mockResolvedValueOnce({ total: 201, page: 2, page_size: 200, items: [member(201, 'last')] })
    const found = await loadActiveMembers(12, search)
    expect(found).toHaveLength(201)
    expect(search.mock.calls).toEqual([
      [{ subtree: 12, status: 'full,probationary', page_size: 200, page: 1 }],
      [{ subtree: 12, status: 'full,probationary', page_size: 200, page: 2 }],
    ])
  })
})

describe('server errors', () => {
  it('maps indexed field names to the form field', () => {
    expect(meetingFieldOf('votes[0].yes')).toBe('votes')
    expect(meetingFieldOf('absences.2.reason')).toBe('absences')
    expect(meetingFieldOf('date')).toBe('date')
  })

  it('marks the members the server names, not the head counts', () => {
    const error = new ApiError(400, 400, '输入有 4 处错误', {
      error: 'validation_failed',
      fields: [
        { row: 0, field: 'attendees', value: '105', error: 'attendee_not_member', message: '不在本支部名单' },
        { row: 0, field: 'absences[0].member_id', value: '107', error: 'absent_and_present', message: '不能既到会又缺席' },
        { row: 0, field: 'attendees', value: '2', error: 'committee_no_quorum', message: '支委会须有半数以上委员到会' },
        { row: 0, field: 'date', value: '2030-01-01', error: 'date_in_future', message: '日期在未来' },
      ],
    })
    expect(rosterServerErrors(error)).toEqual({ 105: '不在本支部名单', 107: '不能既到会又缺席' })
    expect(rosterServerErrors(new Error('x'))).toEqual({})
  })
})

describe('typesHeldBy', () => {
  it('follows the node kinds of the templates', () => {
    const templates = [template('branch_assembly'), template('group_meeting', { node_kinds: ['group'] })]
    expect(typesHeldBy('branch', templates)).toEqual(['branch_assembly'])
    expect(typesHeldBy('group', templates)).toEqual(['group_meeting'])
    expect(typesHeldBy(null, templates)).toEqual([])
  })

  it('leaves out the committee meeting for a branch without a committee', () => {
    expect(typesHeldBy('branch', [], false)).not.toContain('committee_meeting')
    expect(typesHeldBy('branch', [], false)).toHaveLength(6)
    expect(typesHeldBy('branch', [template('committee_meeting'), template('theme_day')], false)).toEqual(['theme_day'])
  })

  it('uses the fixed table without templates', () => {
    expect(typesHeldBy('organ_committee', [])).toEqual(['study_group'])
    expect(typesHeldBy('committee', [])).toEqual([])
    expect(typesHeldBy('branch', [])).toHaveLength(7)
  })
})

describe('remembered defaults', () => {
  it('keeps place, host and recorder per node', () => {
    localStorage.clear()
    rememberDefaults(12, { place: '三楼会议室', host: '张三', recorder: '李四' })
    expect(recallDefaults(12)).toEqual({ place: '三楼会议室', host: '张三', recorder: '李四' })
    expect(recallDefaults(13)).toEqual({})
    localStorage.setItem('dangjian.life.lastMeeting.14', '{broken')
    expect(recallDefaults(14)).toEqual({})
  })
})
