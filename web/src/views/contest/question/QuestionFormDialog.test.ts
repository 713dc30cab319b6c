import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { Question } from '@/api/contest/question'
import { ApiError } from '@/api/http'
import { testPlugins } from '@/test/plugins'

const api = vi.hoisted(() => ({
  createQuestion: vi.fn(),
  updateQuestion: vi.fn(),
}))
vi.mock('@/api/contest/question', () => api)

import QuestionFormDialog from './QuestionFormDialog.vue'

function question(over: Partial<Question> = {}): Question {
  return {
    id: 12,
    kind: 'multiple',
    kind_label: '多选题',
    stem: '党的组织原则是什么？',
    options: ['民主集中制', '个人决定', '集体领导', '少数服从多数'],
    answer: 'ACD',
    tags: ['党章', '组织'],
    difficulty: 4,
    explanation: '见党章第十条',
    ...over,
  }
}

async function mountDialog(edit: Question | null = null, tagOptions: string[] = ['党章']) {
  const { plugins } = testPlugins()
  const wrapper = mount(QuestionFormDialog, {
    props: { open: false, question: null, tagOptions },
    global: { plugins, stubs: { Plus: true } },
    attachTo: document.body,
  })
  await wrapper.setProps({ open: true, question: edit })
  await flushPromises()
  return wrapper
}

function byTest(name: string): HTMLElement | null {
  return document.querySelector(`[data-test="${name}"]`)
}

async function type(name: string, value: string): Promise<void> {
  const el = byTest(name) as HTMLInputElement | HTMLTextAreaElement | null
  if (!el) throw new Error(`no ${name}`)
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}

/** 点选 el-radio / el-checkbox / el-radio-button（data-test 在 label 上，点其中的 input） */
async function pick(name: string): Promise<void> {
  const input = byTest(name)?.querySelector('input')
  if (!input) throw new Error(`no input in ${name}`)
  input.click()
  await flushPromises()
}

async function save(): Promise<void> {
  byTest('question-form-save')!.click()
  await flushPromises()
}

function formErrors(): string[] {
  return [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim() ?? '')
}

/** 表单项下的错误（Element Plus 在下一轮渲染中显示） */
async function expectErrors(expected: string[]): Promise<void> {
  await vi.waitFor(() => expect(formErrors()).toEqual(expected))
}

function optionInputs(): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>('[data-test^="question-form-option-"]')]
}

beforeEach(() => {
  document.body.innerHTML = ''
  for (const f of Object.values(api)) f.mockReset()
  api.createQuestion.mockImplementation(async (input: Record<string, unknown>) => ({ id: 99, ...input }))
  api.updateQuestion.mockImplementation(async (id: number, input: Record<string, unknown>) => ({ id, ...input }))
})

describe('QuestionFormDialog', () => {
  it('starts a single-choice question with four empty options A–D and difficulty 3', async () => {
    await mountDialog()
    expect(byTest('question-form-dialog')?.textContent).toContain('新增试题')
    expect(optionInputs().map((i) => i.getAttribute('data-test'))).toEqual([
      'question-form-option-0',
      'question-form-option-1',
      'question-form-option-2',
      'question-form-option-3',
    ])
    expect(optionInputs().map((i) => i.value)).toEqual(['', '', '', ''])
    expect(byTest('question-form-answer-A')?.textContent?.trim()).toBe('A.')
    expect(byTest('question-form-answer-D')?.textContent?.trim()).toBe('D.')
    expect((byTest('question-form-difficulty')?.querySelector('input') as HTMLInputElement).value).toBe('3')
  })

  it('builds a single-choice question with the chosen letter, dropping empty trailing rows', async () => {
    const wrapper = await mountDialog()
    await type('question-form-stem', '  党的最高领导机关是？ ')
    await type('question-form-option-0', '党的全国代表大会')
    await type('question-form-option-1', ' 中央委员会 ')
    await type('question-form-option-2', '中央政治局')
    await pick('question-form-answer-B')
    await save()
    expect(api.createQuestion).toHaveBeenCalledTimes(1)
    expect(api.createQuestion).toHaveBeenCalledWith({
      kind: 'single',
      stem: '党的最高领导机关是？',
      options: ['党的全国代表大会', '中央委员会', '中央政治局'],
      answer: 'B',
      tags: [],
      difficulty: 3,
      explanation: '',
    })
    expect(api.updateQuestion).not.toHaveBeenCalled()
    expect(wrapper.emitted('saved')?.[0]?.[0]).toMatchObject({ id: 99, answer: 'B' })
  })

  it('builds a multiple-choice question with every ticked letter, e.g. "AC"', async () => {
    await mountDialog()
    await pick('question-form-kind-multiple')
    await type('question-form-stem', '下列属于“四个意识”的是')
    await type('question-form-option-0', '政治意识')
    await type('question-form-option-1', '市场意识')
    await type('question-form-option-2', '大局意识')
    await type('question-form-option-3', '效率意识')
    await pick('question-form-answer-A')
    await pick('question-form-answer-C')
    await save()
    expect(api.createQuestion).toHaveBeenCalledWith({
      kind: 'multiple',
      stem: '下列属于“四个意识”的是',
      options: ['政治意识', '市场意识', '大局意识', '效率意识'],
      answer: 'AC',
      tags: [],
      difficulty: 3,
      explanation: '',
    })
  })

  it('builds a true/false question: 正确 / 错误 and no options', async () => {
    await mountDialog()
    await pick('question-form-kind-true_false')
    expect(optionInputs()).toHaveLength(0)
    expect(byTest('question-form-add-option')).toBeNull()
    await type('question-form-stem', '预备党员的预备期为两年。')
    await type('question-form-explanation', ' 预备期为一年 ')
    await pick('question-form-answer-false')
    await save()
    expect(api.createQuestion).toHaveBeenCalledTimes(1)
    const sent = api.createQuestion.mock.calls[0][0] as Record<string, unknown>
    expect(sent).toEqual({
      kind: 'true_false',
      stem: '预备党员的预备期为两年。',
      answer: '错误',
      tags: [],
      difficulty: 3,
      explanation: '预备期为一年',
    })
    expect('options' in sent).toBe(false)
  })

  it('adds options up to H and removes them down to two', async () => {
    await mountDialog()
    const add = byTest('question-form-add-option') as HTMLButtonElement
    for (let i = 0; i < 6; i++) {
      add.click()
      await flushPromises()
    }
    expect(optionInputs()).toHaveLength(8)
    expect(byTest('question-form-answer-H')).not.toBeNull()
    expect((byTest('question-form-add-option') as HTMLButtonElement).disabled).toBe(true)
    for (let i = 7; i >= 2; i--) {
      ;(byTest(`question-form-remove-option-${i}`) as HTMLButtonElement).click()
      await flushPromises()
    }
    expect(optionInputs()).toHaveLength(2)
    expect((byTest('question-form-remove-option-0') as HTMLButtonElement).disabled).toBe(true)
    expect((byTest('question-form-remove-option-1') as HTMLButtonElement).disabled).toBe(true)
  })

  it('removing a row moves the later options and their answer up a letter', async () => {
    await mountDialog()
    await pick('question-form-kind-multiple')
    await type('question-form-stem', '题干')
    await type('question-form-option-0', '甲')
    await type('question-form-option-1', '乙')
    await type('question-form-option-2', '丙')
    await type('question-form-option-3', '丁')
    await pick('question-form-answer-C')
    await pick('question-form-answer-D')
    ;(byTest('question-form-remove-option-1') as HTMLButtonElement).click()
    await flushPromises()
    expect(optionInputs().map((i) => i.value)).toEqual(['甲', '丙', '丁'])
    await save()
    expect(api.createQuestion).toHaveBeenCalledWith(expect.objectContaining({ options: ['甲', '丙', '丁'], answer: 'BC' }))
  })

  it('refuses an empty stem without calling the server', async () => {
    await mountDialog()
    await type('question-form-option-0', '一')
    await type('question-form-option-1', '二')
    await pick('question-form-answer-A')
    await save()
    expect(api.createQuestion).not.toHaveBeenCalled()
    await expectErrors(['请填写题干'])
  })

  it('refuses fewer than two options', async () => {
    await mountDialog()
    await type('question-form-stem', '题干')
    await type('question-form-option-0', '唯一的选项')
    await pick('question-form-answer-A')
    await save()
    expect(api.createQuestion).not.toHaveBeenCalled()
    await expectErrors(['至少填写 2 个选项'])
  })

  it('refuses an empty row between filled options instead of renumbering', async () => {
    await mountDialog()
    await type('question-form-stem', '题干')
    await type('question-form-option-0', '一')
    await type('question-form-option-2', '三')
    await pick('question-form-answer-A')
    await save()
    expect(api.createQuestion).not.toHaveBeenCalled()
    await expectErrors(['选项 B 为空：请填写或删除该行（不会自动重新编号）'])
  })

  it('refuses options that repeat one another', async () => {
    await mountDialog()
    await type('question-form-stem', '题干')
    await type('question-form-option-0', 'Party')
    await type('question-form-option-1', ' p a r t y ')
    await pick('question-form-answer-A')
    await save()
    expect(api.createQuestion).not.toHaveBeenCalled()
    await expectErrors(['选项 B 与选项 A 重复'])
  })

  it('refuses a question without an answer', async () => {
    await mountDialog()
    await type('question-form-stem', '题干')
    await type('question-form-option-0', '一')
    await type('question-form-option-1', '二')
    await save()
    expect(api.createQuestion).not.toHaveBeenCalled()
    await expectErrors(['请选择正确答案'])

    await pick('question-form-kind-true_false')
    await save()
    expect(api.createQuestion).not.toHaveBeenCalled()
    await expectErrors(['请选择正确答案'])
  })

  it('refuses a multiple-choice question with one correct option', async () => {
    await mountDialog()
    await pick('question-form-kind-multiple')
    await type('question-form-stem', '题干')
    await type('question-form-option-0', '一')
    await type('question-form-option-1', '二')
    await type('question-form-option-2', '三')
    await pick('question-form-answer-B')
    await save()
    expect(api.createQuestion).not.toHaveBeenCalled()
    await expectErrors(['多选题至少应有 2 个正确答案'])
  })

  it('shows the server’s field error on its field and stays open', async () => {
    api.createQuestion.mockRejectedValue(
      new ApiError(400, 400, '输入有误', {
        error: 'validation_failed',
        fields: [{ row: 0, field: 'stem', value: '题干', error: 'duplicate', message: '与题库中的试题 12 重复' }],
      }),
    )
    const wrapper = await mountDialog()
    await type('question-form-stem', '题干')
    await type('question-form-option-0', '一')
    await type('question-form-option-1', '二')
    await pick('question-form-answer-A')
    await save()
    expect(api.createQuestion).toHaveBeenCalledTimes(1)
    await expectErrors(['与题库中的试题 12 重复'])
    const stemItem = byTest('question-form-stem')?.closest('.el-form-item')
    expect(stemItem?.querySelector('.el-form-item__error')?.textContent).toContain('与题库中的试题 12 重复')
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('edits an existing question: prefilled, and PUT with its id', async () => {
    const wrapper = await mountDialog(question())
    expect(byTest('question-form-dialog')?.textContent).toContain('编辑试题 12')
    expect((byTest('question-form-stem') as HTMLTextAreaElement).value).toBe('党的组织原则是什么？')
    expect(optionInputs().map((i) => i.value)).toEqual(['民主集中制', '个人决定', '集体领导', '少数服从多数'])
    const ticked = (l: string) => (byTest(`question-form-answer-${l}`)?.querySelector('input') as HTMLInputElement).checked
    expect(['A', 'B', 'C', 'D'].map(ticked)).toEqual([true, false, true, true])
    expect(byTest('question-form-kind-multiple')?.className).toContain('is-active')
    expect(byTest('question-form-tags')?.textContent).toContain('组织')
    expect((byTest('question-form-difficulty')?.querySelector('input') as HTMLInputElement).value).toBe('4')
    expect((byTest('question-form-explanation') as HTMLTextAreaElement).value).toBe('见党章第十条')

    await pick('question-form-answer-D') // untick D
    await type('question-form-stem', '党的根本组织原则是什么？')
    await save()
    expect(api.createQuestion).not.toHaveBeenCalled()
    expect(api.updateQuestion).toHaveBeenCalledWith(12, {
      kind: 'multiple',
      stem: '党的根本组织原则是什么？',
      options: ['民主集中制', '个人决定', '集体领导', '少数服从多数'],
      answer: 'AC',
      tags: ['党章', '组织'],
      difficulty: 4,
      explanation: '见党章第十条',
    })
    expect(wrapper.emitted('saved')?.[0]?.[0]).toMatchObject({ id: 12, answer: 'AC' })
  })

  it('prefills a true/false question with its answer', async () => {
    await mountDialog(question({ id: 5, kind: 'true_false', kind_label: '判断题', options: ['正确', '错误'], answer: '正确', tags: [] }))
    expect(optionInputs()).toHaveLength(0)
    expect((byTest('question-form-answer-true')?.querySelector('input') as HTMLInputElement).checked).toBe(true)
    await save()
    expect(api.updateQuestion).toHaveBeenCalledWith(5, expect.objectContaining({ kind: 'true_false', answer: '正确' }))
    expect('options' in (api.updateQuestion.mock.calls[0][1] as object)).toBe(false)
  })
})
