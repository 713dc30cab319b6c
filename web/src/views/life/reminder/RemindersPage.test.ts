import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent } from 'vue'
import type { Reminder } from '@/api/life/reminder'
import type { Me } from '@/api/auth/session'
import { useOrgPickerStore } from '@/stores/orgPicker'
import { useSessionStore } from '@/stores/session'
import { testPlugins } from '@/test/plugins'

const api = vi.hoisted(() => ({ getReminders: vi.fn(), getTemplates: vi.fn(), getNode: vi.fn() }))
vi.mock('@/api/life/reminder', () => ({ getReminders: api.getReminders }))
vi.mock('@/api/life/template', () => ({ getTemplates: api.getTemplates }))
vi.mock('@/api/org/node', () => ({ getNode: api.getNode }))

import RemindersPage from './RemindersPage.vue'

function reminder(over: Partial<Reminder>): Reminder {
  return {
    kind: 'meeting_due',
    rule: 'ZB-18-9',
    source: '《中国共产党支部工作条例（试行）》（讲党课频次，条款待核实）',
    unverified: true,
    state: 'due_soon',
    due: '2026-12-31',
    node_id: 56,
    node_name: '第三党支部',
    member_id: null,
    member_name: null,
    meeting_id: null,
    message: '本季度尚未讲党课',
    ...over,
  }
}

const Empty = defineComponent({ render: () => null })

async function mountPage(path: string, role: 'branch_secretary' | 'auditor' = 'branch_secretary') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/life/reminders', name: 'life-reminders', component: Empty },
      { path: '/life/meetings/new', name: 'life-meeting-new', component: Empty },
      { path: '/life/meetings/:id', name: 'life-meeting-detail', component: Empty },
      { path: '/life/compliance', name: 'life-compliance', component: Empty },
      { path: '/members', name: 'member-list', component: Empty },
      { path: '/orgs', name: 'org-nodes', component: Empty },
    ],
  })
  const { plugins } = testPlugins()
  useOrgPickerStore().select({ id: 11, name: '省统计局机关党委', kind: 'organ_committee' })
  useSessionStore().me = { grants: [{ role }] } as unknown as Me
  await router.push(path)
  const wrapper = mount(RemindersPage, { global: { plugins: [...plugins, router] } })
  await flushPromises()
  return { wrapper, router }
}

beforeEach(() => {
  sessionStorage.clear()
  for (const f of Object.values(api)) f.mockReset()
  api.getTemplates.mockResolvedValue({ items: [{ type: 'party_lecture', rule: 'ZB-18-9' }] })
  api.getReminders.mockResolvedValue({
    as_of: '2026-11-22',
    counts: { overdue: 1, due_soon: 1 },
    items: [
      reminder({}),
      reminder({ kind: 'meeting_returned', state: 'overdue', rule: 'ZB-18-6', unverified: false, source: '第十二条', meeting_id: 88, node_id: 57 }),
      reminder({ kind: 'political_birthday', state: 'info', rule: 'ZS-1', member_id: 3051, member_name: '白悦然', source: '通行做法（非党内法规）' }),
    ],
  })
})

describe('RemindersPage', () => {
  it('puts the picked node in the address and asks for 30 days, then 7', async () => {
    const { router } = await mountPage('/life/reminders')
    expect(router.currentRoute.value.query.node).toBe('11')
    expect(api.getReminders).toHaveBeenLastCalledWith(11, 30)
    await router.push({ name: 'life-reminders', query: { node: '11', within: '7' } })
    await flushPromises()
    expect(api.getReminders).toHaveBeenLastCalledWith(11, 7)
  })

  it('groups the reminders by state, names kind and node in data-test, and shows 待核实 without an article', async () => {
    const { wrapper } = await mountPage('/life/reminders?node=11')
    const groups = wrapper.findAll('[data-test^="reminder-group-"]').map((g) => g.attributes('data-test'))
    expect(groups).toEqual(['reminder-group-overdue', 'reminder-group-due_soon', 'reminder-group-info'])
    const due = wrapper.find('[data-test="reminder-meeting_due-56"]')
    expect(due.attributes('data-rule')).toBe('ZB-18-9')
    expect(due.find('[data-test="rule-unverified"]').text()).toBe('待核实')
    expect(due.text()).toContain('《中国共产党支部工作条例（试行）》（讲党课频次，条款待核实）')
    expect(wrapper.find('[data-test="reminder-meeting_returned-57"] [data-test="rule-unverified"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="reminders-count-overdue"]').text()).toBe('1')
  })

  it('opens the form with type and node from 记录会议, only for meeting reminders', async () => {
    const { wrapper, router } = await mountPage('/life/reminders?node=11')
    expect(wrapper.find('[data-test="reminder-political_birthday-56-record"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="reminder-meeting_returned-57-record"]').exists()).toBe(false)
    await wrapper.find('[data-test="reminder-meeting_due-56-record"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('life-meeting-new')
    expect(router.currentRoute.value.query).toEqual({ type: 'party_lecture', node: '56' })
  })

  it('offers no recording to an auditor', async () => {
    const { wrapper } = await mountPage('/life/reminders?node=11', 'auditor')
    expect(wrapper.find('[data-test="reminder-meeting_due-56-record"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="reminder-meeting_returned-57-meeting"]').attributes('href')).toBe('/life/meetings/88')
  })
})
