import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ImportErrorDialog from './ImportErrorDialog.vue'
import type { ImportErrorData } from '@/api/member/excel'
import { testPlugins } from '@/test/plugins'

const data: ImportErrorData = {
  error: 'import.invalid_rows',
  rows: 1200,
  error_count: 1500,
  errors: [
    { row: 5, column: 'E', header: '身份证号', value: '42010419900101123X', error: 'id_number_invalid', message: '身份证号校验位错误' },
    { row: 9, column: 'K', header: '所在支部编码', value: 'HB-XX-99', error: 'branch_unknown', message: '支部编码不存在' },
  ],
}

function mountDialog(value: ImportErrorData | null) {
  return mount(ImportErrorDialog, {
    props: { data: value },
    global: { plugins: testPlugins().plugins },
    attachTo: document.body,
  })
}

afterEach(() => {
  document.body.innerHTML = ''
})

function q(selector: string): HTMLElement | null {
  return document.body.querySelector<HTMLElement>(selector)
}

describe('ImportErrorDialog', () => {
  it('is closed without data', async () => {
    mountDialog(null)
    await flushPromises()
    expect(q('[data-test="import-error-table"]')).toBeNull()
  })

  it('lists every error with row, column, header, value and reason', async () => {
    mountDialog(data)
    await flushPromises()
    const table = q('[data-test="import-error-table"]')
    expect(table).not.toBeNull()
    const headers = [...(table?.querySelectorAll('thead th') ?? [])].map((th) => th.textContent?.trim())
    expect(headers).toEqual(['行', '列', '表头', '值', '原因'])
    const rows = [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    )
    expect(rows).toEqual([
      ['5', 'E', '身份证号', '42010419900101123X', '身份证号校验位错误'],
      ['9', 'K', '所在支部编码', 'HB-XX-99', '支部编码不存在'],
    ])
  })

  it('says how many errors there are and that nothing was imported', async () => {
    mountDialog(data)
    await flushPromises()
    const summary = q('[data-test="import-error-summary"]')
    expect(summary?.textContent).toContain('1500 处错误')
    expect(summary?.textContent).toContain('未导入任何数据')
    expect(summary?.getAttribute('data-error-count')).toBe('1500')
    expect(q('[data-test="import-error-dialog"]')?.textContent).toContain('下表列出前 2 处错误')
  })

  it('emits close from its button', async () => {
    const wrapper = mountDialog(data)
    await flushPromises()
    q('[data-test="import-error-close"]')?.click()
    expect(wrapper.emitted('close')).toHaveLength(1)
  })
})
