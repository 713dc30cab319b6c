import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent } from 'vue'
import type { Me, Role } from '@/api/auth/session'
import type { Meeting } from '@/api/life/meeting'
import { useSessionStore } from '@/stores/session'
import { testPlugins } from '@/test/plugins'

const api = vi.hoisted(() => ({ getMeeting: vi.fn(), deleteMeeting: vi.fn(), reviewMeeting: vi.fn() }))
vi.mock('@/api/life/meeting', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api/life/meeting')>()),
  ...api,
}))

import MeetingDetailPage from './MeetingDetailPage.vue'

function meeting(over: Partial<Meeting>): Meeting {
  return {
    id: 9,
    node_id: 12,
    node_name: '第一党支部',
    branch_id: 12,
    branch_name: '第一党支部',
    type: 'branch_assembly',
    type_label: '支部党员大会',
    date: '2026-11-20',
    start_time: '14:30',
    duration_minutes: 90,
    place: '三楼会议室',
    host: '张三',
    recorder: '李四',
    topics: [{ title: '学习', first_agenda: true }],
    attendees: [
      { id: 101, name: '赵一' },
      { id: 102, name: '钱二' },
    ],
    absences: [{ member_id: 103, name: '孙三', reason: 'sick', reason_label: '病假', note: '住院' }],
    minutes: '记录',
    decisions: '决定',
    votes: [{ motion: '接收张某某为预备党员', yes: 2, no: 0, abstain: 0, eligible: 3, passed: true }],
    status: 'submitted',
    status_label: '待审核',
    return_reason: null,
    reviewer_name: null,
    reviewed_at: null,
    created_at: 1_790_000_000,
    updated_at: 1_790_000_000,
    attachments: [],
    expected: 3,
    present: 2,
    ...over,
  }
}

const Empty = defineComponent({ render: () => null })

async function mountPage(roles: Role[]) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/life/meetings', name: 'life-meetings', component: Empty },
      { path: '/life/meetings/:id', name: 'life-meeting-detail', component: Empty },
      { path: '/life/meetings/:id/edit', name: 'life-meeting-edit', component: Empty },
    ],
  })
  const { plugins } = testPlugins()
  useSessionStore().me = { grants: roles.map((role) => ({ role })) } as unknown as Me
  await router.push('/life/meetings/9')
  const wrapper = mount(MeetingDetailPage, { props: { id: 9 }, global: { plugins: [...plugins, router] } })
  await flushPromises()
  return { wrapper, router }
}

beforeEach(() => {
  for (const f of Object.values(api)) f.mockReset()
})

describe('MeetingDetailPage', () => {
  it('shows attendance, absences with reasons and votes', async () => {
    api.getMeeting.mockResolvedValue(meeting({}))
    const { wrapper } = await mountPage(['branch_secretary'])
    expect(api.getMeeting).toHaveBeenCalledWith(9)
    expect(wrapper.find('[data-test="meeting-expected"]').text()).toBe('3')
    expect(wrapper.find('[data-test="meeting-present"]').text()).toBe('2')
    expect(wrapper.find('[data-test="meeting-absences"]').text()).toContain('病假')
    expect(wrapper.find('[data-test="meeting-votes"]').text()).toContain('通过')
    expect(wrapper.find('[data-test="meeting-return-banner"]').exists()).toBe(false)
  })

  it('gives the review box to unit admins for a submitted record, not to secretaries', async () => {
    api.getMeeting.mockResolvedValue(meeting({}))
    const secretary = await mountPage(['branch_secretary'])
    expect(secretary.wrapper.find('[data-test="meeting-review"]').exists()).toBe(false)
    expect(secretary.wrapper.find('[data-test="meeting-edit"]').exists()).toBe(true)
    const admin = await mountPage(['unit_admin'])
    expect(admin.wrapper.find('[data-test="meeting-review"]').exists()).toBe(true)
  })

  it('shows the return reason and lets the secretary edit a returned record', async () => {
    api.getMeeting.mockResolvedValue(meeting({ status: 'returned', status_label: '已退回', return_reason: '缺少会议照片' }))
    const { wrapper, router } = await mountPage(['unit_admin'])
    expect(wrapper.find('[data-test="meeting-return-banner"]').text()).toContain('该记录已被退回：缺少会议照片')
    expect(wrapper.find('[data-test="meeting-review"]').exists()).toBe(false)
    await wrapper.find('[data-test="meeting-edit"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/life/meetings/9/edit')
  })

  it('offers neither edit, delete nor upload for an accepted record', async () => {
    api.getMeeting.mockResolvedValue(meeting({ status: 'accepted', status_label: '已通过', reviewer_name: '王审核', reviewed_at: 1_790_000_000 }))
    const { wrapper } = await mountPage(['committee_admin'])
    expect(wrapper.find('[data-test="meeting-edit"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="meeting-delete"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="attachment-upload"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="meeting-fields"]').text()).toContain('2026-09-21 22:13')
  })
})
