// 5. Exporting the filtered list: the file has the visible columns and as many rows as the list.
import assert from 'node:assert/strict'
import { unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { api, choose, eventually, launch, listNames, listTotal, login, newPage, readSheet } from './lib.mjs'

let browser
let page
before(async () => {
  browser = await launch()
  page = await newPage(browser)
  await login(page, 'demo_unit')
})
after(async () => {
  await browser?.close()
})

test('the export has the visible columns and the list total in rows', async () => {
  const me = await api(page, '/api/auth/me')
  const root = me.roots[0]
  await page.click('[data-test=menu-member-list]')
  await page.waitForURL((url) => url.searchParams.get('subtree') === String(root.id))

  // filter through the filter bar: women with a bachelor's degree, on the rolls
  await choose(page, 'filter-gender', '女')
  await choose(page, 'filter-education', '大学本科')
  await page.keyboard.press('Escape') // the multiple select stays open
  await choose(page, 'filter-status', '正式党员')
  await page.keyboard.press('Escape')
  await page.click('[data-test=filter-search]')
  await page.waitForURL((url) => {
    const q = url.searchParams
    return q.get('gender') === 'female' && q.get('education') === 'bachelor' && q.get('status') === 'full'
  })
  const expected = await api(
    page,
    `/api/members?subtree=${root.id}&gender=female&education=bachelor&status=full&page_size=20`,
  )
  assert.ok(expected.total > 20, 'enough members for more than one page')
  const total = await eventually(() => listTotal(page), expected.total, 'the filtered list total')
  await eventually(() => listNames(page), expected.items.map((m) => m.name), 'the first page')

  // one more column: 民族, through 显示列
  await page.click('[data-test=member-columns]')
  await page.locator('.el-popover:visible .el-checkbox').filter({ hasText: '民族' }).click()
  await page.click('[data-test=member-scope]') // closes the popover
  const headerOf = () =>
    page
      .locator('[data-test=member-table] .el-table__header-wrapper th')
      .evaluateAll((ths) => ths.map((th) => th.textContent.trim()).filter((t) => t && t !== '更多'))
  const visible = await eventually(
    async () => (await headerOf()).includes('民族'),
    true,
    'the 民族 column is shown',
  ).then(headerOf)
  assert.deepEqual(visible, ['姓名', '性别', '民族', '出生日期', '学历', '入党时间', '转正时间', '党员状态', '人员类别', '所在支部', '职务'])

  // export through the button, as the browser downloads it
  const download = page.waitForEvent('download')
  await page.click('[data-test=member-export]')
  const file = await download
  assert.equal(file.suggestedFilename(), '党员名册.xlsx')
  const saved = path.join(tmpdir(), `dangjian-e2e-export-${process.pid}.xlsx`)
  await file.saveAs(saved)
  await page.locator('.el-message--success').filter({ hasText: '已导出' }).waitFor()

  let sheet
  try {
    sheet = await readSheet(saved)
  } finally {
    unlinkSync(saved)
  }
  assert.deepEqual(sheet.header, visible, 'the header is the visible columns, in order')
  assert.equal(sheet.rows.length, total, 'one row per member in the list')
  const col = (name) => sheet.header.indexOf(name)
  assert.ok(sheet.rows.every((r) => r[col('性别')] === '女'), 'only women')
  assert.ok(sheet.rows.every((r) => r[col('学历')] === '大学本科'), 'only bachelors')
  assert.ok(sheet.rows.every((r) => r[col('党员状态')] === '正式党员'), 'only full members')
  // the same order as the list
  assert.deepEqual(
    sheet.rows.slice(0, 20).map((r) => r[col('姓名')]),
    expected.items.map((m) => m.name),
    'the first rows are the first page of the list',
  )
  // dates are real dates, the first member's birth date matches
  const birth = sheet.rows[0][col('出生日期')]
  assert.ok(birth instanceof Date, 'birth dates are Excel dates')
  assert.equal(birth.toISOString().slice(0, 10), expected.items[0].birth_date)
  assert.deepEqual(page.pageErrors, [])
})
