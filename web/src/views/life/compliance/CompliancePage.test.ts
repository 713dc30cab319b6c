import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent } from 'vue'
import type { Compliance } from '@/api/life/compliance'
import { useOrgPickerStore } from '@/stores/orgPicker'
import { todayIso } from '@/utils/dates'
import { testPlugins } from '@/test/plugins'

const api = vi.hoisted(() => ({ getCompliance: vi.fn(), getNode: vi.fn() }))
vi.mock('@/api/life/compliance', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api/life/compliance')>()),
  getCompliance: api.getCompliance,
}))
vi.mock('@/api/org/node', () => ({ getNode: api.getNode }))

import CompliancePage from './CompliancePage.vue'

const answer: Compliance = {
  node: { id: 11, name: '省统计局机关党委', kind: 'organ_committee' },
  period: { kind: 'quarter', year: 2026, index: 4, from: '2026-10-01', to: '2026-12-31', label: '2026年第4季度' },
  as_of: '2026-11-22',
  rules: [
    { id: 'ZB-18-5', title: '支部党员大会', source: '《中国共产党支部工作条例（试行）》第十一条', status: 'V', unverified: false },
    { id: 'ZB-18-9', title: '党课', source: '《中国共产党支部工作条例（试行）》（讲党课频次，条款待核实）', status: 'U', unverified: true },
  ],
  summary: {
    branches: 3,
    compliant: 1,
    share: 0.333,
    by_rule: [
      { rule: 'ZB-18-5', met: 2, missing: 1, due_soon: 0, pending: 0, not_applicable: 0 },
      { rule: 'ZB-18-9', met: 1, missing: 0, due_soon: 2, pending: 0, not_applicable: 0 },
    ],
  },
  children: [{ id: 21, name: '办公室党支部', kind: 'branch', branches: 1, compliant: 1, share: 1 }],
  branches: [
    {
      id: 21,
      name: '办公室党支部',
      path: '省统计局',
      compliant: true,
      checks: [
        { rule: 'ZB-18-5', state: 'met', required: 1, recorded: 1, due: '2026-12-31', message: '' },
        { rule: 'ZB-18-9', state: 'met', required: 1, recorded: 1, due: '2026-12-31', message: '' },
      ],
    },
    {
      id: 22,
      name: '综合处党支部',
      path: '省统计局',
      compliant: false,
      checks: [
        { rule: 'ZB-18-5', state: 'missing', required: 1, recorded: 0, due: '2026-12-31', message: '' },
        { rule: 'ZB-18-9', state: 'due_soon', required: 1, recorded: 0, due: '2026-12-31', message: '' },
      ],
    },
    {
      id: 23,
      name: '统计处党支部',
      path: '省统计局',
      compliant: false,
      checks: [
        { rule: 'ZB-18-5', state: 'met', required: 1, recorded: 1, due: '2026-12-31', message: '' },
        { rule: 'ZB-18-9', state: 'due_soon', required: 1, recorded: 0, due: '2026-12-31', message: '' },
      ],
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
    ],
  })
  const { plugins } = testPlugins()
  useOrgPickerStore().select({ id: 11, name: '省统计局机关党委', kind: 'organ_committee' })
  await router.push(path)
  const wrapper = mount(CompliancePage, {
    global: { plugins: [...plugins, router], stubs: { EChart: true } },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router }
}

const rowIds = (wrapper: { findAll: (s: string) => { attributes: (a: string) => string | undefined }[] }): string[] =>
  wrapper.findAll('[data-test^="compliance-branch-"][class~="link-number"]').map((e) => e.attributes('data-test') ?? '')

beforeEach(() => {
  sessionStorage.clear()
  document.body.innerHTML = ''
  api.getCompliance.mockReset().mockResolvedValue(answer)
  api.getNode.mockReset().mockResolvedValue({ id: 21, name: '办公室党支部', kind: 'branch' })
})

describe('CompliancePage', () => {
  it('asks for the current quarter by default', async () => {
    await mountPage('/life/compliance?node=11')
    const [y, m] = todayIso().split('-').map(Number)
    expect(api.getCompliance).toHaveBeenCalledWith(11, { period: 'quarter', year: y, index: Math.ceil(m / 3) })
  })

  it('shows the share, every rule with its source, and 待核实 only for unverified rules', async () => {
    const { wrapper } = await mountPage('/life/compliance?node=11&period=quarter&year=2026&index=4')
    expect(api.getCompliance).toHaveBeenCalledWith(11, { period: 'quarter', year: 2026, index: 4 })
    expect(wrapper.find('[data-test="compliance-share"]').text()).toBe('33.3%')
    const rules = wrapper.find('[data-test="compliance-rules"]')
    expect(rules.find('[data-test="rule-ZB-18-9"] [data-test="rule-unverified"]').text()).toBe('待核实')
    expect(rules.find('[data-test="rule-ZB-18-5"] [data-test="rule-unverified"]').exists()).toBe(false)
    expect(rules.find('[data-test="rule-ZB-18-9"]').text()).toContain('（讲党课频次，条款待核实）')
    expect(wrapper.find('[data-test="compliance-rule-ZB-18-9-due_soon"]').text()).toBe('2')
  })

  it('tags every branch check by state', async () => {
    const { wrapper } = await mountPage('/life/compliance?node=11&period=quarter&year=2026&index=4')
    const tag = (id: string) => wrapper.find(`[data-test="${id}"]`)
    expect(tag('compliance-branch-22-ZB-18-5').attributes('data-state')).toBe('missing')
    expect(tag('compliance-branch-22-ZB-18-5').classes()).toContain('el-tag--danger')
    expect(tag('compliance-branch-22-ZB-18-5').text()).toBe('未开展')
    expect(tag('compliance-branch-22-ZB-18-9').classes()).toContain('el-tag--warning')
    expect(tag('compliance-branch-21-ZB-18-5').classes()).toContain('el-tag--success')
    expect(tag('compliance-branch-21-ZB-18-5').text()).toBe('已开展')
  })

  it('opens the branches behind a figure', async () => {
    const { wrapper } = await mountPage('/life/compliance?node=11&period=quarter&year=2026&index=4')
    expect(rowIds(wrapper)).toEqual(['compliance-branch-21', 'compliance-branch-22', 'compliance-branch-23'])
    await wrapper.find('[data-test="compliance-noncompliant"]').trigger('click')
    expect(rowIds(wrapper)).toEqual(['compliance-branch-22', 'compliance-branch-23'])
    await wrapper.find('[data-test="compliance-rule-ZB-18-5-missing"]').trigger('click')
    expect(rowIds(wrapper)).toEqual(['compliance-branch-22'])
    expect(wrapper.find('[data-test="compliance-filter"]').text()).toBe('筛选：ZB-18-5 未开展')
  })

  it('lists the units whose party body does not fit their size, and opens one', async () => {
    const withUnits: Compliance = {
      ...answer,
      unit_rules: [
        { id: 'JG-19-1', title: '机关党委', source: '《中国共产党党和国家机关基层组织工作条例》第五条', status: 'V', unverified: false },
        { id: 'JG-19-2', title: '党总支', source: '《中国共产党党和国家机关基层组织工作条例》第六条', status: 'V', unverified: false },
      ],
      summary: { ...answer.summary, units: 4, units_compliant: 3 },
      units: [
        {
          id: 31,
          name: '省档案馆',
          path: '第一协作区 / 省档案馆',
          members: 64,
          compliant: false,
          checks: [
            { rule: 'JG-19-1', state: 'not_applicable', required: 100, recorded: 64, due: null, message: '' },
            { rule: 'JG-19-2', state: 'missing', required: 50, recorded: 64, due: null, message: '党员 64 名，应设立党总支' },
          ],
        },
      ],
    }
    api.getCompliance.mockResolvedValue(withUnits)
    const { wrapper, router } = await mountPage('/life/compliance?node=11&period=quarter&year=2026&index=4')
    expect(wrapper.find('[data-test="compliance-units-summary"]').text()).toBe('3 / 4 个单位符合')
    const table = wrapper.find('[data-test="compliance-units-table"]')
    expect(table.text()).toContain('党员 64 名，应设立党总支')
    expect(table.find('[data-test="rule-JG-19-2"]').text()).toContain('第六条')
    expect(wrapper.find('[data-test="compliance-unit-31-JG-19-2"]').attributes('data-state')).toBe('missing')
    api.getNode.mockResolvedValue({ id: 31, name: '省档案馆', kind: 'unit' })
    await wrapper.find('[data-test="compliance-unit-31"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.node).toBe('31')
    expect(api.getCompliance).toHaveBeenLastCalledWith(31, { period: 'quarter', year: 2026, index: 4 })
  })

  it('shows no unit table when every unit fits', async () => {
    const { wrapper } = await mountPage('/life/compliance?node=11&period=quarter&year=2026&index=4')
    expect(wrapper.find('[data-test="compliance-units"]').exists()).toBe(false)
  })

  it('drills down into a child and opens a branch with the same period', async () => {
    const { wrapper, router } = await mountPage('/life/compliance?node=11&period=quarter&year=2026&index=4')
    await wrapper.find('[data-test="compliance-child-21"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ node: '21', period: 'quarter', year: '2026', index: '4' })
    expect(api.getCompliance).toHaveBeenLastCalledWith(21, { period: 'quarter', year: 2026, index: 4 })
    expect(useOrgPickerStore().selected?.id).toBe(21)
    await wrapper.find('[data-test="compliance-branch-22"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/life/compliance/branch/22?period=quarter&year=2026&index=4')
  })
})
