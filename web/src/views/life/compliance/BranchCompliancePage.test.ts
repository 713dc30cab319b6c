import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent } from 'vue'
import type { Me } from '@/api/auth/session'
import type { BranchComplianceDetail } from '@/api/life/compliance'
import { useSessionStore } from '@/stores/session'
import { testPlugins } from '@/test/plugins'

const api = vi.hoisted(() => ({ getBranchCompliance: vi.fn(), getRules: vi.fn(), getTemplates: vi.fn() }))
vi.mock('@/api/life/compliance', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api/life/compliance')>()),
  getBranchCompliance: api.getBranchCompliance,
}))
vi.mock('@/api/life/rule', () => ({ getRules: api.getRules }))
vi.mock('@/api/life/template', () => ({ getTemplates: api.getTemplates }))

import BranchCompliancePage from './BranchCompliancePage.vue'

const detail: BranchComplianceDetail = {
  node: { id: 22, name: '综合处党支部', kind: 'branch' },
  path: '省统计局 / 机关党委 / 综合处党支部',
  period: { kind: 'quarter', year: 2026, index: 4, from: '2026-10-01', to: '2026-12-31', label: '2026年第4季度' },
  as_of: '2026-11-22',
  compliant: false,
  checks: [
    {
      rule: 'ZB-18-7',
      title: '党小组会',
      source: '《中国共产党支部工作条例（试行）》第十三条',
      unverified: false,
      state: 'met',
      required: 3,
      recorded: 3,
      due: null,
      message: '',
      meetings: [{ id: 501, date: '2026-10-12', type: 'group_meeting', status: 'accepted', node_id: 50, node_name: '第一党小组' }],
    },
    {
      rule: 'ZB-18-9',
      title: '党课',
      source: '（讲党课频次，条款待核实）',
      unverified: true,
      state: 'missing',
      required: 1,
      recorded: 0,
      due: '2026-12-31',
      message: '本季度未讲党课',
      meetings: [],
    },
  ],
}

const Empty = defineComponent({ render: () => null })

async function mountPage(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/life/compliance', name: 'life-compliance', component: Empty },
      { path: '/life/compliance/branch/:id', name: 'life-compliance-branch', component: Empty },
      { path: '/life/meetings', name: 'life-meetings', component: Empty },
      { path: '/life/meetings/new', name: 'life-meeting-new', component: Empty },
      { path: '/life/meetings/:id', name: 'life-meeting-detail', component: Empty },
    ],
  })
  const { plugins } = testPlugins()
  useSessionStore().me = { grants: [{ role: 'branch_secretary' }] } as unknown as Me
  await router.push(path)
  const wrapper = mount(BranchCompliancePage, { props: { id: 22 }, global: { plugins: [...plugins, router] } })
  await flushPromises()
  return { wrapper, router }
}

beforeEach(() => {
  for (const f of Object.values(api)) f.mockReset()
  api.getBranchCompliance.mockResolvedValue(detail)
  api.getTemplates.mockResolvedValue({ items: [{ type: 'party_lecture', rule: 'ZB-18-9' }, { type: 'group_meeting', rule: 'ZB-18-7' }] })
})

describe('BranchCompliancePage', () => {
  it('asks for the period of the address and shows each rule with the meetings behind it', async () => {
    const { wrapper } = await mountPage('/life/compliance/branch/22?period=quarter&year=2026&index=4')
    expect(api.getBranchCompliance).toHaveBeenCalledWith(22, { period: 'quarter', year: 2026, index: 4 })
    expect(api.getRules).not.toHaveBeenCalled()
    expect(wrapper.find('[data-test="branch-compliance-name"]').text()).toBe('综合处党支部')
    expect(wrapper.find('[data-test="branch-check-ZB-18-9"]').attributes('data-state')).toBe('missing')
    expect(wrapper.find('[data-test="rule-ZB-18-9"] [data-test="rule-unverified"]').exists()).toBe(true)
    const meeting = wrapper.find('[data-test="branch-check-ZB-18-7-meeting-501"]')
    expect(meeting.attributes('href')).toBe('/life/meetings/501')
    expect(meeting.text()).toContain('第一党小组')
  })

  it('links the recorded count to the meeting list and offers 记录会议 for what is missing', async () => {
    const { wrapper } = await mountPage('/life/compliance/branch/22?period=quarter&year=2026&index=4')
    expect(wrapper.find('[data-test="branch-check-ZB-18-7-recorded"]').attributes('href')).toBe(
      '/life/meetings?node=22&type=group_meeting&from=2026-10-01&to=2026-12-31',
    )
    expect(wrapper.find('[data-test="branch-check-ZB-18-9-record"]').attributes('href')).toBe(
      '/life/meetings/new?type=party_lecture&node=22',
    )
    expect(wrapper.find('[data-test="branch-check-ZB-18-7-record"]').exists()).toBe(false)
  })
})
