import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { OrgNodeSummary } from '@/api/org/node'
import { testPlugins } from '@/test/plugins'

const { getChildren } = vi.hoisted(() => ({ getChildren: vi.fn() }))
vi.mock('@/api/org/node', () => ({ getChildren }))

import GroupSelect from './GroupSelect.vue'

function node(id: number, kind: OrgNodeSummary['kind'], name: string): OrgNodeSummary {
  return {
    id,
    kind,
    kind_label: '',
    name,
    code: `C${id}`,
    parent_id: 1,
    sort_order: 0,
    term_start: null,
    term_end: null,
    secretary_id: null,
    committee_size: null,
    has_children: false,
    members: 0,
  }
}

function mountSelect(branchId: number | null, modelValue?: number) {
  return mount(GroupSelect, {
    props: { branchId, modelValue, 'onUpdate:modelValue': () => undefined },
    global: { plugins: testPlugins().plugins },
  })
}

describe('GroupSelect', () => {
  it("lists only the branch's groups and keeps a group of that branch", async () => {
    getChildren.mockReset().mockResolvedValue([node(7, 'group', '第一党小组'), node(8, 'group', '第二党小组')])
    const wrapper = mountSelect(6, 8)
    await flushPromises()
    expect(getChildren).toHaveBeenCalledWith(6)
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
    expect(wrapper.find('.is-disabled').exists()).toBe(false)
  })

  it('drops a chosen group when the branch changes to one without it', async () => {
    getChildren.mockReset().mockResolvedValueOnce([node(7, 'group', '第一党小组')]).mockResolvedValueOnce([])
    const wrapper = mountSelect(6, 7)
    await flushPromises()
    await wrapper.setProps({ branchId: 21 })
    await flushPromises()
    expect(getChildren).toHaveBeenLastCalledWith(21)
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([undefined])
    expect(wrapper.find('.is-disabled').exists()).toBe(true)
  })

  it('asks for nothing and is disabled without a branch', async () => {
    getChildren.mockReset()
    const wrapper = mountSelect(null)
    await flushPromises()
    expect(getChildren).not.toHaveBeenCalled()
    expect(wrapper.find('.is-disabled').exists()).toBe(true)
  })
})
