import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import MemberFilterBar from './MemberFilterBar.vue'
import { emptyFilter, type MemberFilter } from '@/utils/memberQuery'
import { testPlugins } from '@/test/plugins'

function mountBar(filter: MemberFilter) {
  return mount(MemberFilterBar, { props: { filter }, global: { plugins: testPlugins().plugins } })
}

describe('MemberFilterBar', () => {
  it('shows the filter it is given', async () => {
    const wrapper = mountBar({ ...emptyFilter(), name: '白', gender: 'female', status: ['full'] })
    await flushPromises()
    expect((wrapper.find('[data-test="filter-name"]').element as HTMLInputElement).value).toBe('白')
    expect(wrapper.find('[data-test="filter-gender"]').text()).toContain('女')
    expect(wrapper.find('[data-test="filter-status"]').text()).toContain('正式党员')
  })

  it('emits the new filter on search, back on page 1, keeping scope, sort and page size', async () => {
    const start: MemberFilter = { ...emptyFilter(), subtree: 56, sort: 'birth_date', page: 5, page_size: 100 }
    const wrapper = mountBar(start)
    await wrapper.find('[data-test="filter-name"]').setValue(' 李 ')
    await wrapper.find('[data-test="filter-search"]').trigger('submit')
    await wrapper.find('[data-test="member-filter"]').trigger('submit')
    const emitted = wrapper.emitted('search')
    expect(emitted).toBeTruthy()
    const sent = emitted?.[emitted.length - 1]?.[0] as MemberFilter
    expect(sent).toEqual({ ...start, name: '李', page: 1 })
  })

  it('follows a new filter from the route', async () => {
    const wrapper = mountBar(emptyFilter())
    await wrapper.setProps({ filter: { ...emptyFilter(), name: '王' } })
    expect((wrapper.find('[data-test="filter-name"]').element as HTMLInputElement).value).toBe('王')
  })

  it('reset clears every condition but keeps the scope', async () => {
    const start: MemberFilter = {
      ...emptyFilter(),
      subtree: 3,
      name: '张',
      status: ['probationary'],
      category: 'retired',
      gender: 'male',
      education: ['master'],
      age_band: 1,
      party_age_band: 2,
      page: 2,
    }
    const wrapper = mountBar(start)
    await wrapper.find('[data-test="filter-reset"]').trigger('click')
    const sent = wrapper.emitted('search')?.[0]?.[0] as MemberFilter
    expect(sent).toEqual({ ...emptyFilter(), subtree: 3 })
  })
})
