import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent } from 'vue'
import { ApiError } from '@/api/http'
import type { Meeting } from '@/api/life/meeting'
import type { MeetingTemplate } from '@/api/life/template'
import type { Member } from '@/api/member/member'
import type { OrgNode } from '@/api/org/node'
import { useOrgPickerStore } from '@/stores/orgPicker'
import { todayIso } from '@/utils/dates'
import { testPlugins } from '@/test/plugins'

const api = vi.hoisted(() => ({
  createMeeting: vi.fn(),
  updateMeeting: vi.fn(),
  getMeeting: vi.fn(),
  getTemplates: vi.fn(),
  getNode: vi.fn(),
  searchMembers: vi.fn(),
}))
vi.mock('@/api/life/meeting', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api/life/meeting')>()),
  createMeeting: api.createMeeting,
  updateMeeting: api.updateMeeting,
  getMeeting: api.getMeeting,
}))
vi.mock('@/api/life/template', () => ({ getTemplates: api.getTemplates }))
vi.mock('@/api/org/node', () => ({ getNode: api.getNode }))
vi.mock('@/api/member/member', () => ({ searchMembers: api.searchMembers }))

import MeetingFormPage from './MeetingFormPage.vue'
import AttendanceEditor from './AttendanceEditor.vue'

const branch: OrgNode = {
  id: 12,
  kind: 'branch',
  kind_label: '党支部',
  name: '第一党支部',
  code: 'B1',
  parent_id: 11,
  sort_order: 1,
  term_start: null,
  term_end: null,
  secretary_id: null,
  committee_size: 5,
}

function member(id: number, name: string, status: Member['status'] = 'full'): Member {
  return { id, name, status, group_id: null, branch_name: '第一党支部' } as Member
}

const templates: MeetingTemplate[] = [
  {
    type: 'theme_day',
    label: '主题党日',
    rule: 'ZB-18-8',
    node_kinds: ['branch'],
    duration_minutes: 60,
    topics: [{ title: '传达学习上级精神', first_agenda: true }],
    agenda: ['传达学习', '研究工作'],
    checklist: ['会前征求意见'],
    minutes: '一、传达学习\n二、研究事项',
  },
  {
    type: 'committee_meeting',
    label: '支委会',
    rule: 'ZB-18-6',
    node_kinds: ['branch'],
    duration_minutes: 60,
    topics: [{ title: '研究支部工作', first_agenda: false }],
    agenda: [],
    checklist: [],
    minutes: '',
  },
  {
    type: 'branch_assembly',
    label: '支部党员大会',
    rule: 'ZB-18-5',
    node_kinds: ['branch'],
    duration_minutes: 90,
    topics: [],
    agenda: [],
    checklist: [],
    minutes: '',
  },
  {
    type: 'group_meeting',
    label: '党小组会',
    rule: 'ZB-18-7',
    node_kinds: ['group'],
    duration_minutes: 60,
    topics: [],
    agenda: [],
    checklist: [],
    minutes: '',
  },
]

const Empty = defineComponent({ render: () => null })

async function mountAt(path: string, picked?: { id: number; name: string }) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/life/meetings', name: 'life-meetings', component: Empty },
      { path: '/life/meetings/new', name: 'life-meeting-new', component: Empty },
      { path: '/life/meetings/:id(\\d+)', name: 'life-meeting-detail', component: Empty },
      { path: '/life/meetings/:id(\\d+)/edit', name: 'life-meeting-edit', component: Empty },
    ],
  })
  await router.push(path)
  const id = /\/(\d+)\/edit/.exec(path)?.[1]
  const { plugins } = testPlugins()
  if (picked) useOrgPickerStore().select(picked)
  const wrapper = mount(MeetingFormPage, {
    props: id ? { id: Number(id) } : {},
    global: { plugins: [...plugins, router] },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router }
}

function errorTexts(wrapper: { findAll: (s: string) => { text: () => string }[] }): string[] {
  return wrapper.findAll('.el-form-item__error').map((e) => e.text())
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  document.body.innerHTML = ''
  for (const f of Object.values(api)) f.mockReset()
  api.getTemplates.mockResolvedValue({ items: templates })
  api.getNode.mockResolvedValue(branch)
  api.searchMembers.mockResolvedValue({
    total: 3,
    page: 1,
    page_size: 200,
    items: [member(101, '赵一'), member(102, '钱二', 'probationary'), member(103, '孙三')],
  })
})

describe('MeetingFormPage', () => {
  it('prefills a routine meeting from its template: today 14:30, all present', async () => {
    const { wrapper } = await mountAt('/life/meetings/new?type=theme_day&node=12')
    expect(api.getNode).toHaveBeenCalledWith(12, true)
    expect(api.searchMembers).toHaveBeenCalledWith({ subtree: 12, status: 'full,probationary', page_size: 200, page: 1 })
    const form = (wrapper.vm as unknown as { form: Record<string, unknown> }).form
    expect(form.type).toBe('theme_day')
    expect(form.date).toBe(todayIso())
    expect(form.start_time).toBe('14:30')
    expect(form.duration_minutes).toBe(60)
    expect(form.topics).toEqual([{ title: '传达学习上级精神', first_agenda: true }])
    expect(form.minutes).toBe('一、传达学习\n二、研究事项')
    expect(wrapper.find('[data-test="meeting-form-counts"]').attributes('data-present')).toBe('3')
    expect(wrapper.find('[data-test="meeting-form-agenda"]').text()).toContain('研究工作')
    expect(wrapper.find('[data-test="meeting-form-type-group_meeting"]').exists()).toBe(false)
  })

  it('posts attendees minus absentees with the absence reason and goes to the record', async () => {
    api.createMeeting.mockResolvedValue({ id: 77 } as Meeting)
    const { wrapper, router } = await mountAt('/life/meetings/new?type=theme_day&node=12')
    await wrapper.find('[data-test="meeting-form-place"]').setValue('三楼会议室')
    await wrapper.find('[data-test="meeting-form-host"]').setValue('张三')
    await wrapper.find('[data-test="meeting-form-attendee-103"] input').setValue(false)
    expect(wrapper.find('[data-test="meeting-form-counts"]').text()).toBe('应到 3 人，实到 2 人，缺席 1 人')
    // Without a reason nothing is sent.
    await wrapper.find('[data-test="meeting-form-save"]').trigger('click')
    await flushPromises()
    expect(api.createMeeting).not.toHaveBeenCalled()
    // Element Plus shows a form item's error after a 100 ms debounce.
    await vi.waitFor(() => expect(errorTexts(wrapper)).toEqual(['请选择孙三的缺席原因']))
    const form = (wrapper.vm as unknown as { form: { roster: { member_id: number; reason: string; note: string }[] } }).form
    const sun = form.roster.find((r) => r.member_id === 103)!
    sun.reason = 'personal'
    sun.note = '外出'
    await wrapper.find('[data-test="meeting-form-save"]').trigger('click')
    await flushPromises()
    expect(api.createMeeting).toHaveBeenCalledWith({
      node_id: 12,
      type: 'theme_day',
      date: todayIso(),
      start_time: '14:30',
      duration_minutes: 60,
      place: '三楼会议室',
      host: '张三',
      recorder: '',
      topics: [{ title: '传达学习上级精神', first_agenda: true }],
      attendees: [101, 102],
      absences: [{ member_id: 103, reason: 'personal', note: '外出' }],
      minutes: '一、传达学习\n二、研究事项',
      decisions: '',
      votes: [],
    })
    expect(router.currentRoute.value.fullPath).toBe('/life/meetings/77')
    expect(JSON.parse(localStorage.getItem('dangjian.life.lastMeeting.12') ?? '{}')).toEqual({
      place: '三楼会议室',
      host: '张三',
      recorder: '',
    })
  })

  it("shows the server's field errors next to the fields and on the members named", async () => {
    api.createMeeting.mockRejectedValue(
      new ApiError(400, 400, '输入有 2 处错误', {
        error: 'validation_failed',
        fields: [
          { row: 0, field: 'date', value: '', error: 'date_in_future', message: '会议日期不能晚于今天' },
          { row: 0, field: 'attendees', value: '102', error: 'attendee_not_member', message: '钱二当日不在本支部名单' },
        ],
      }),
    )
    const { wrapper } = await mountAt('/life/meetings/new?type=theme_day&node=12')
    await wrapper.find('[data-test="meeting-form-place"]').setValue('三楼会议室')
    await wrapper.find('[data-test="meeting-form-host"]').setValue('张三')
    await wrapper.find('[data-test="meeting-form-save"]').trigger('click')
    await flushPromises()
    expect(api.createMeeting).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(errorTexts(wrapper)).toEqual(['会议日期不能晚于今天', '钱二当日不在本支部名单']))
    expect(wrapper.find('[data-test="meeting-form-attendee-102"]').attributes('title')).toBe('钱二当日不在本支部名单')
  })

  it("records a group meeting with the group's members from its branch", async () => {
    api.getNode.mockResolvedValue({ ...branch, id: 50, kind: 'group', kind_label: '党小组', name: '第一党小组', parent_id: 12 })
    api.searchMembers.mockResolvedValue({
      total: 3,
      page: 1,
      page_size: 200,
      items: [{ ...member(101, '赵一'), group_id: 50 }, { ...member(102, '钱二'), group_id: 51 }, { ...member(103, '孙三'), group_id: 50 }],
    })
    const { wrapper } = await mountAt('/life/meetings/new?node=50')
    expect(api.searchMembers).toHaveBeenCalledWith({ subtree: 12, status: 'full,probationary', page_size: 200, page: 1 })
    const form = (wrapper.vm as unknown as { form: { type: string; roster: { member_id: number }[] } }).form
    expect(form.type).toBe('group_meeting')
    expect(form.roster.map((r) => r.member_id)).toEqual([101, 103])
    // Members of other groups can still be added from the branch's roll.
    const candidates = wrapper.findComponent(AttendanceEditor).props('candidates') as Member[]
    expect(candidates.map((m) => m.id)).toEqual([101, 102, 103])
  })

  it('leaves the node empty when the picked organisation holds no meetings', async () => {
    api.getNode.mockResolvedValue({ ...branch, id: 1, kind: 'committee', kind_label: '机关工委', name: '工委', parent_id: null })
    const { wrapper } = await mountAt('/life/meetings/new?type=theme_day', { id: 1, name: '工委' })
    expect(api.getNode).toHaveBeenCalledWith(1, true)
    const form = (wrapper.vm as unknown as { form: { node_id: number | null; type: string; roster: unknown[] } }).form
    expect([form.node_id, form.type, form.roster]).toEqual([null, '', []])
    expect(api.searchMembers).not.toHaveBeenCalled()
  })

  it('asks for the participants of a committee meeting and offers the same people next time', async () => {
    api.createMeeting.mockResolvedValue({ id: 78 } as Meeting)
    const first = await mountAt('/life/meetings/new?type=committee_meeting&node=12')
    type Vm = { form: { roster: { member_id: number; name: string; present: boolean }[]; place: string; host: string } }
    const vm = first.wrapper.vm as unknown as Vm
    expect(vm.form.roster).toEqual([])
    expect(first.wrapper.find('[data-test="meeting-form-roster-empty"]').text()).toContain('支委会')
    vm.form.roster = [
      { member_id: 101, name: '赵一', present: true },
      { member_id: 103, name: '孙三', present: true },
    ] as Vm['form']['roster']
    vm.form.place = '书记办公室'
    vm.form.host = '赵一'
    await first.wrapper.find('[data-test="meeting-form-save"]').trigger('click')
    await flushPromises()
    expect(api.createMeeting.mock.calls[0][0].attendees).toEqual([101, 103])
    first.wrapper.unmount()
    const second = await mountAt('/life/meetings/new?type=committee_meeting&node=12')
    const form = (second.wrapper.vm as unknown as Vm).form
    expect(form.roster.map((r) => [r.member_id, r.present])).toEqual([
      [101, true],
      [103, true],
    ])
    expect([form.place, form.host]).toEqual(['书记办公室', '赵一'])
  })

  it('offers no committee meeting to a branch without a committee', async () => {
    api.getNode.mockResolvedValue({ ...branch, committee_size: null })
    const { wrapper } = await mountAt('/life/meetings/new?type=committee_meeting&node=12')
    expect(wrapper.find('[data-test="meeting-form-type-committee_meeting"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="meeting-form-type-theme_day"]').exists()).toBe(true)
    expect((wrapper.vm as unknown as { form: { type: string } }).form.type).toBe('')
  })

  it('shows the vote table only for a branch assembly', async () => {
    const { wrapper } = await mountAt('/life/meetings/new?type=theme_day&node=12')
    expect(wrapper.find('[data-test="meeting-form-votes"]').exists()).toBe(false)
    await wrapper.find('[data-test="meeting-form-type-branch_assembly"] input').setValue(true)
    expect(wrapper.find('[data-test="meeting-form-votes"]').exists()).toBe(true)
    // The theme day template's topics go, its duration gives way to the assembly's.
    const form = (wrapper.vm as unknown as { form: Record<string, unknown> }).form
    expect(form.topics).toEqual([])
    expect(form.duration_minutes).toBe(90)
  })

  it('edits a returned record with its attendance and replaces it with PUT', async () => {
    api.getMeeting.mockResolvedValue({
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
      topics: [{ title: '研究支部工作', first_agenda: false }],
      attendees: [
        { id: 101, name: '赵一' },
        { id: 103, name: '孙三' },
      ],
      absences: [{ member_id: 102, name: '钱二', reason: 'sick', reason_label: '病假', note: '' }],
      minutes: '记录',
      decisions: '',
      votes: [],
      status: 'returned',
    } as unknown as Meeting)
    api.updateMeeting.mockResolvedValue({ id: 9 } as Meeting)
    const { wrapper, router } = await mountAt('/life/meetings/9/edit')
    expect(api.getMeeting).toHaveBeenCalledWith(9)
    await wrapper.find('[data-test="meeting-form-save"]').trigger('click')
    await flushPromises()
    expect(api.updateMeeting).toHaveBeenCalledTimes(1)
    const [id, body] = api.updateMeeting.mock.calls[0]
    expect(id).toBe(9)
    expect([body.attendees, body.absences, body.date, body.start_time]).toEqual([
      [101, 103],
      [{ member_id: 102, reason: 'sick', note: '' }],
      '2026-10-10',
      '09:00',
    ])
    expect(router.currentRoute.value.fullPath).toBe('/life/meetings/9')
  })
})
