import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElMessageBox } from 'element-plus'
import type { Paper, TakeOverview, TakeResult } from '@/api/contest/take'
import { ApiError } from '@/api/http'
import { testPlugins } from '@/test/plugins'

const api = vi.hoisted(() => ({
  fetchOverview: vi.fn(),
  startAttempt: vi.fn(),
  fetchCurrent: vi.fn(),
  submitAttempt: vi.fn(),
  fetchResult: vi.fn(),
}))
vi.mock('@/api/contest/take', async (original) => ({
  ...(await original<typeof import('@/api/contest/take')>()),
  ...api,
}))
const route = vi.hoisted(() => ({ hash: '#7.42.mac' }))
vi.mock('vue-router', () => ({ useRoute: () => route }))

import TakePage from './TakePage.vue'

const NOW = Math.floor(Date.now() / 1000)

function overview(over: Partial<TakeOverview> = {}): TakeOverview {
  return {
    contest: {
      id: 7,
      title: '党章知识竞答',
      description: '',
      status: 'published',
      starts_at: NOW - 60,
      ends_at: NOW + 3600,
      time_limit_seconds: 600,
      attempts_allowed: 1,
      paper_size: 2,
      reveal_score: 'on_submit',
      reveal_answers: 'never',
    },
    member: { id: 42, name: '张伟' },
    eligible: true,
    now: NOW,
    attempts: [],
    open_attempt: null,
    ...over,
  }
}

const PAPER: Paper = {
  id: 9,
  number: 1,
  started_at: NOW,
  deadline: NOW + 600,
  now: NOW,
  questions: [
    { id: 1, kind: 'single', kind_label: '单选题', stem: '单选题干', options: ['甲', '乙'] },
    { id: 2, kind: 'multiple', kind_label: '多选题', stem: '多选题干', options: ['甲', '乙', '丙'] },
  ],
}

const RESULT: TakeResult = {
  id: 9,
  number: 1,
  started_at: NOW,
  submitted_at: NOW + 30,
  seconds: 30,
  answered: 2,
  score: { points: 3, max_points: 3, correct: 2 },
  questions: null,
  reveal_score: 'on_submit',
  reveal_answers: 'never',
}

async function mountPage() {
  const { plugins } = testPlugins()
  const wrapper = mount(TakePage, { global: { plugins }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('TakePage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    window.scrollTo = vi.fn() as unknown as typeof window.scrollTo // not in jsdom
    api.fetchOverview.mockResolvedValue(overview())
    api.startAttempt.mockResolvedValue(PAPER)
    api.submitAttempt.mockResolvedValue(RESULT)
  })

  it('starts, answers by the positions shown and shows the score', async () => {
    const wrapper = await mountPage()
    expect(wrapper.get('[data-test=take-title]').text()).toBe('党章知识竞答')
    expect(wrapper.get('[data-test=take-member]').text()).toBe('张伟')
    await wrapper.get('[data-test=take-start]').trigger('click')
    await flushPromises()
    expect(api.startAttempt).toHaveBeenCalledWith('7.42.mac')
    const options = wrapper.findAll('[data-test=take-option]')
    expect(options).toHaveLength(5)
    await options[1].trigger('click') // 单选：乙
    await options[0].trigger('click') // then 甲 instead
    await options[4].trigger('click') // 多选：丙
    await options[2].trigger('click') // and 甲
    expect(wrapper.get('[data-test=take-progress]').text()).toContain('2 / 2')
    await wrapper.get('[data-test=take-submit]').trigger('click')
    await flushPromises()
    expect(api.submitAttempt).toHaveBeenCalledWith('7.42.mac', 9, [
      { question: 1, chosen: [0] },
      { question: 2, chosen: [0, 2] },
    ])
    expect(wrapper.get('[data-test=take-score]').text()).toContain('3 / 3')
    wrapper.unmount()
  })

  it('asks before handing in unanswered questions', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockRejectedValue('cancel')
    const wrapper = await mountPage()
    await wrapper.get('[data-test=take-start]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-test=take-submit]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalled()
    expect(api.submitAttempt).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('says why a member cannot start', async () => {
    api.fetchOverview.mockResolvedValue(overview({ eligible: false }))
    let wrapper = await mountPage()
    expect(wrapper.get('[data-test=take-blocked]').text()).toContain('不在本次竞答的参赛范围内')
    expect(wrapper.find('[data-test=take-start]').exists()).toBe(false)
    wrapper.unmount()
    api.fetchOverview.mockResolvedValue(
      overview({ attempts: [{ id: 3, number: 1, started_at: NOW, deadline: NOW, submitted_at: NOW, score: null }] }),
    )
    wrapper = await mountPage()
    expect(wrapper.get('[data-test=take-blocked]').text()).toContain('次数已用完')
    expect(wrapper.get('[data-test=take-history]').text()).toContain('成绩将于竞答结束后公布')
    wrapper.unmount()
  })

  it('resumes the open attempt rather than starting another', async () => {
    api.fetchOverview.mockResolvedValue(overview({ open_attempt: 9 }))
    api.fetchCurrent.mockResolvedValue(PAPER)
    const wrapper = await mountPage()
    expect(wrapper.get('[data-test=take-start]').text()).toBe('继续答题')
    await wrapper.get('[data-test=take-start]').trigger('click')
    await flushPromises()
    expect(api.fetchCurrent).toHaveBeenCalled()
    expect(api.startAttempt).not.toHaveBeenCalled()
    expect(wrapper.findAll('[data-test=take-question]')).toHaveLength(2)
    wrapper.unmount()
  })

  it('tells a holder of a bad link so', async () => {
    api.fetchOverview.mockRejectedValue(
      new ApiError(401, 401, '参赛链接无效或已失效，请向组织者重新索取参赛链接', { error: 'contest.pass_invalid' }),
    )
    const wrapper = await mountPage()
    expect(wrapper.get('[data-test=take-invalid]').text()).toContain('参赛链接无效')
    wrapper.unmount()
  })
})
