import { describe, expect, it } from 'vitest'
import { markTableRows } from './tableRows'

function table(rows: number): HTMLElement {
  const wrap = document.createElement('div')
  wrap.innerHTML = `<div class="el-table__header"><table><tr class="el-table__row"><th></th></tr></table></div>
    <div class="el-table__body"><table>${'<tr class="el-table__row"><td></td></tr>'.repeat(rows)}</table></div>`
  return wrap
}

describe('markTableRows', () => {
  it('marks each body row with its item, and only body rows', () => {
    const wrap = table(3)
    markTableRows(wrap, [{ id: 7, status: 'returned' }, { id: 9, status: 'accepted' }], 'meeting-row', (m) => ({
      status: m.status,
    }))
    const rows = [...wrap.querySelectorAll<HTMLElement>('.el-table__body tr')]
    expect(rows.map((r) => [r.dataset.test, r.dataset.id, r.dataset.status])).toEqual([
      ['meeting-row', '7', 'returned'],
      ['meeting-row', '9', 'accepted'],
      [undefined, undefined, undefined], // more rows than items: left alone
    ])
    expect(wrap.querySelector<HTMLElement>('.el-table__header tr')?.dataset.test).toBeUndefined()
  })

  it('does nothing without a table', () => {
    expect(() => markTableRows(undefined, [{ id: 1 }], 'x')).not.toThrow()
  })
})
