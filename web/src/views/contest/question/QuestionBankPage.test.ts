import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElMessageBox } from 'element-plus'
import type { Question } from '@/api/contest/question'
import { ApiError } from '@/api/http'
import { testPlugins } from '@/test/plugins'

const api = vi.hoisted(() => ({
  searchQuestions: vi.fn(),
  getQuestionTags: vi.fn(),
  getQuestion: vi.fn(),
  createQuestion: vi.fn(),
  updateQuestion: vi.fn(),
  deleteQuestion: vi.fn(),
  downloadQuestionTemplate: vi.fn(),
  importQuestions: vi.fn(),
  exportQuestions: vi.fn(),
}))
vi.mock('@/api/contest/question', () => api)
const download = vi.hoisted(() => ({ saveBlob: vi.fn() }))
vi.mock('@/utils/download', () => download)

import QuestionBankPage from './QuestionBankPage.vue'

function question(over: Partial<Question> = {}): Question {
  return {
    id: 1,
    kind: 'single',
    kind_label: '单选题',
    stem: '党的最高领导机关是？',
    options: ['党的全国代表大会', '中央委员会'],
    answer: 'A',
    tags: ['党章'],
    difficulty: 3,
    explanation: '',
    ...over,
  }
}

const FIRST_PAGE = [
  question({ id: 31 }),
  question({
    id: 30,
    kind: 'multiple',
    kind_label: '多选题',
    stem: '下列属于“四个意识”的是',
    options: ['政治意识', '市场意识', '大局意识'],
    answer: 'AC',
    tags: ['党章', '理论'],
    difficulty: 4,
  }),
  question({ id: 29, kind: 'true_false', kind_label: '判断题', stem: '预备期为一年。', options: ['正确', '错误'], answer: '正确', tags: [] }),
]

async function mountPage() {
  const { plugins } = testPlugins()
  const wrapper = mount(QuestionBankPage, {
    global: { plugins, stubs: { Plus: true, Upload: true, Download: true, Document: true } },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

function byTest(name: string): HTMLElement | null {
  return document.querySelector(`[data-test="${name}"]`)
}

function row(id: number): HTMLElement | null {
  return document.querySelector(`tr[data-test="question-row"][data-id="${id}"]`)
}

/** 选中 el-select 的一项（选项 li 带 data-test） */
async function choose(option: string): Promise<void> {
  const li = byTest(option)
  if (!li) throw new Error(`no option ${option}`)
  li.click()
  await flushPromises()
}

function xlsx(name = '试题.xlsx'): File {
  return new File([new Uint8Array([0x50, 0x4b, 3, 4])], name)
}

async function upload(input: HTMLInputElement, file: File): Promise<void> {
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
}

beforeEach(() => {
  document.body.innerHTML = ''
  for (const f of Object.values(api)) f.mockReset()
  download.saveBlob.mockReset()
  api.searchQuestions.mockResolvedValue({ total: 45, page: 1, page_size: 20, items: FIRST_PAGE })
  api.getQuestionTags.mockResolvedValue({
    questions: 45,
    items: [
      { tag: '', total: 5, by_kind: { single: 5, multiple: 0, true_false: 0 } },
      { tag: '党章', total: 30, by_kind: { single: 20, multiple: 6, true_false: 4 } },
      { tag: '理论', total: 10, by_kind: { single: 4, multiple: 6, true_false: 0 } },
    ],
  })
})

describe('QuestionBankPage', () => {
  it('lists the first page of questions with kind, options, answer, tags and difficulty', async () => {
    const wrapper = await mountPage()
    expect(api.searchQuestions).toHaveBeenCalledTimes(1)
    expect(api.searchQuestions).toHaveBeenLastCalledWith({ page: 1, page_size: 20 })
    expect(byTest('question-total')?.textContent).toBe('共 45 道试题')
    const rows = [...document.querySelectorAll<HTMLTableRowElement>('[data-test="question-table"] .el-table__body tr.el-table__row')]
    expect(rows.map((r) => r.dataset.test)).toEqual(['question-row', 'question-row', 'question-row'])
    expect(rows.map((r) => r.dataset.id)).toEqual(['31', '30', '29'])
    const cells = (id: number) =>
      [...(row(id)?.querySelectorAll('td') ?? [])].map((td) => td.textContent?.trim())
    expect(cells(30).slice(0, 7)).toEqual([
      '30',
      '多选题',
      '下列属于“四个意识”的是',
      'A. 政治意识B. 市场意识C. 大局意识',
      'AC',
      '党章理论',
      '4',
    ])
    const options = [...(row(30)?.querySelectorAll('.option') ?? [])].map((o) => o.textContent)
    expect(options).toEqual(['A. 政治意识', 'B. 市场意识', 'C. 大局意识'])
    expect(row(30)?.querySelectorAll('.el-tag').length).toBe(3) // 题型 + 2 tags
    // a true/false question lists no A./B. options; its answer is 正确 / 错误
    expect(cells(29)[3]).toBe('')
    expect(cells(29)[4]).toBe('正确')
    expect(wrapper.find('[data-test="question-edit-31"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="question-delete-29"]').exists()).toBe(true)
  })

  it('pages, and changes the page size back on page 1', async () => {
    const wrapper = await mountPage()
    const pager = byTest('question-pager')!
    ;(pager.querySelector('.el-pager li.number:nth-child(2)') as HTMLElement).click()
    await flushPromises()
    expect(api.searchQuestions).toHaveBeenLastCalledWith({ page: 2, page_size: 20 })
    ;(pager.querySelector('.btn-next') as HTMLElement).click()
    await flushPromises()
    expect(api.searchQuestions).toHaveBeenLastCalledWith({ page: 3, page_size: 20 })
    wrapper.findComponent({ name: 'ElPagination' }).vm.$emit('size-change', 50)
    await flushPromises()
    expect(api.searchQuestions).toHaveBeenLastCalledWith({ page: 1, page_size: 50 })
  })

  it('fills the tag filter from /tags with counts, leaving out the questions without a tag', async () => {
    await mountPage()
    expect(api.getQuestionTags).toHaveBeenCalledTimes(1)
    expect(byTest('question-filter-tag-option-党章')?.textContent).toBe('党章（30）')
    expect(byTest('question-filter-tag-option-理论')?.textContent).toBe('理论（10）')
    expect(document.querySelectorAll('[data-test^="question-filter-tag-option-"]')).toHaveLength(2)
  })

  it('searches with the text, tag, kind and difficulty chosen, and reset clears them', async () => {
    await mountPage()
    const q = byTest('question-filter-q') as HTMLInputElement
    q.value = ' 意识 '
    q.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(api.searchQuestions).toHaveBeenCalledTimes(1) // typing does not search
    ;(byTest('question-search') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.searchQuestions).toHaveBeenLastCalledWith({ q: '意识', page: 1, page_size: 20 })

    await choose('question-filter-tag-option-党章')
    expect(api.searchQuestions).toHaveBeenLastCalledWith({ q: '意识', tag: '党章', page: 1, page_size: 20 })
    await choose('question-filter-kind-option-multiple')
    expect(api.searchQuestions).toHaveBeenLastCalledWith({
      q: '意识',
      tag: '党章',
      kind: 'multiple',
      page: 1,
      page_size: 20,
    })
    await choose('question-filter-difficulty-option-4')
    expect(api.searchQuestions).toHaveBeenLastCalledWith({
      q: '意识',
      tag: '党章',
      kind: 'multiple',
      difficulty: 4,
      page: 1,
      page_size: 20,
    })

    // export uses the filters of the list
    api.exportQuestions.mockResolvedValue(new Blob(['x']))
    ;(byTest('question-export') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.exportQuestions).toHaveBeenCalledWith({ q: '意识', tag: '党章', kind: 'multiple', difficulty: 4 })
    expect(download.saveBlob).toHaveBeenCalledWith(expect.any(Blob), '题库.xlsx')

    ;(byTest('question-reset') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.searchQuestions).toHaveBeenLastCalledWith({ page: 1, page_size: 20 })
    expect((byTest('question-filter-q') as HTMLInputElement).value).toBe('')
  })

  it('deletes only after confirming, then reloads', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm')
    confirm.mockRejectedValueOnce('cancel')
    await mountPage()
    ;(byTest('question-delete-30') as HTMLButtonElement).click()
    await flushPromises()
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(String(confirm.mock.calls[0][0])).toContain('试题 30')
    expect(api.deleteQuestion).not.toHaveBeenCalled()
    expect(api.searchQuestions).toHaveBeenCalledTimes(1)

    confirm.mockResolvedValueOnce('confirm' as never)
    api.deleteQuestion.mockResolvedValue({ id: 30 })
    ;(byTest('question-delete-30') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.deleteQuestion).toHaveBeenCalledWith(30)
    expect(api.searchQuestions).toHaveBeenCalledTimes(2)
    expect(api.getQuestionTags).toHaveBeenCalledTimes(2)
    confirm.mockRestore()
  })

  it('imports an .xlsx, reports how many questions came in and reloads', async () => {
    api.importQuestions.mockResolvedValue({ created: 120 })
    await mountPage()
    const input = byTest('question-import-input') as HTMLInputElement
    expect(input.getAttribute('type')).toBe('file')
    expect(input.getAttribute('accept')).toContain('.xlsx')
    const file = xlsx()
    await upload(input, file)
    expect(api.importQuestions).toHaveBeenCalledWith(file)
    expect(document.body.textContent).toContain('已导入 120 道试题')
    expect(api.searchQuestions).toHaveBeenCalledTimes(2)
    expect(api.getQuestionTags).toHaveBeenCalledTimes(2)
    expect(byTest('import-error-dialog')?.querySelector('[data-test="import-error-table"]') ?? null).toBeNull()
  })

  it('shows the rows the server refused in the error table and reloads nothing', async () => {
    api.importQuestions.mockRejectedValue(
      new ApiError(400, 400, '导入文件有 2 处错误，未导入任何数据', {
        error: 'import.invalid_rows',
        rows: 40,
        error_count: 2,
        errors: [
          { row: 3, column: 'I', header: '答案*', value: 'E', error: 'answer_invalid', message: '答案中有不存在的选项' },
          { row: 7, column: 'B', header: '题干*', value: '预备期为一年。', error: 'duplicate', message: '与题库中的试题 29 重复' },
        ],
      }),
    )
    await mountPage()
    await upload(byTest('question-import-input') as HTMLInputElement, xlsx())
    const table = byTest('import-error-table')
    expect(table).not.toBeNull()
    const rows = [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    )
    expect(rows).toEqual([
      ['3', 'I', '答案*', 'E', '答案中有不存在的选项'],
      ['7', 'B', '题干*', '预备期为一年。', '与题库中的试题 29 重复'],
    ])
    expect(byTest('import-error-summary')?.getAttribute('data-error-count')).toBe('2')
    expect(api.searchQuestions).toHaveBeenCalledTimes(1)
  })

  it('shows any other import error as a message, and refuses a file that is not .xlsx', async () => {
    api.importQuestions.mockRejectedValue(
      new ApiError(400, 400, '缺少必填列：题干*', { error: 'import.missing_column' }),
    )
    await mountPage()
    const input = byTest('question-import-input') as HTMLInputElement
    await upload(input, xlsx())
    expect(document.body.textContent).toContain('缺少必填列：题干*')
    expect(byTest('import-error-table')).toBeNull()

    api.importQuestions.mockClear()
    await upload(input, xlsx('试题.xls'))
    expect(api.importQuestions).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('请选择 .xlsx 格式的文件')
  })

  it('downloads the import template', async () => {
    const blob = new Blob(['t'])
    api.downloadQuestionTemplate.mockResolvedValue(blob)
    await mountPage()
    ;(byTest('question-template') as HTMLButtonElement).click()
    await flushPromises()
    expect(download.saveBlob).toHaveBeenCalledWith(blob, '试题导入模板.xlsx')
  })

  it('opens the form to add and to edit, and reloads after saving', async () => {
    await mountPage()
    ;(byTest('question-create') as HTMLButtonElement).click()
    await flushPromises()
    expect(byTest('question-form-dialog')?.textContent).toContain('新增试题')
    ;(byTest('question-edit-30') as HTMLButtonElement).click()
    await flushPromises()
    expect((byTest('question-form-stem') as HTMLTextAreaElement).value).toBe('下列属于“四个意识”的是')
    api.updateQuestion.mockResolvedValue(FIRST_PAGE[1])
    ;(byTest('question-form-save') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.updateQuestion).toHaveBeenCalledWith(30, expect.objectContaining({ answer: 'AC', tags: ['党章', '理论'] }))
    expect(api.searchQuestions).toHaveBeenCalledTimes(2)
  })
})
