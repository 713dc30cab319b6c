import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { testPlugins } from '@/test/plugins'

const { reviewMeeting } = vi.hoisted(() => ({ reviewMeeting: vi.fn() }))
vi.mock('@/api/life/meeting', () => ({ reviewMeeting }))

import ReviewBox from './ReviewBox.vue'

function mountBox() {
  return mount(ReviewBox, { props: { meetingId: 9 }, global: { plugins: testPlugins().plugins } })
}

beforeEach(() => {
  reviewMeeting.mockReset().mockResolvedValue({ id: 9, status: 'accepted' })
})

describe('ReviewBox', () => {
  it('accepts the record', async () => {
    const wrapper = mountBox()
    await wrapper.find('[data-test="meeting-review-accept"]').trigger('click')
    await flushPromises()
    expect(reviewMeeting).toHaveBeenCalledWith(9, { decision: 'accept' })
    expect(wrapper.emitted('reviewed')?.[0]).toEqual([{ id: 9, status: 'accepted' }])
  })

  it('will not return a record without a reason', async () => {
    const wrapper = mountBox()
    await wrapper.find('[data-test="meeting-review-reason"]').setValue('   ')
    await wrapper.find('[data-test="meeting-review-return"]').trigger('click')
    await flushPromises()
    expect(reviewMeeting).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(wrapper.find('.el-form-item__error').text()).toBe('请填写退回原因'))
  })

  it('returns the record with the trimmed reason', async () => {
    reviewMeeting.mockResolvedValue({ id: 9, status: 'returned' })
    const wrapper = mountBox()
    await wrapper.find('[data-test="meeting-review-reason"]').setValue(' 缺少会议照片 ')
    await wrapper.find('[data-test="meeting-review-return"]').trigger('click')
    await flushPromises()
    expect(reviewMeeting).toHaveBeenCalledWith(9, { decision: 'return', reason: '缺少会议照片' })
    expect((wrapper.find('[data-test="meeting-review-reason"]').element as HTMLTextAreaElement).value).toBe('')
  })
})
