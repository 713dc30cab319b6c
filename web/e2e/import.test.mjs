// 4. Importing a roster: a file with errors shows every bad row and writes nothing; a valid file
//    is imported whole and its members appear in the list.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import {
  addYears,
  api,
  eventually,
  idNumber,
  launch,
  listNames,
  listTotal,
  login,
  newPage,
  randomBirthDate,
  randomTag,
  rosterFromTemplate,
  screenshot,
  withBadCheckDigit,
} from './lib.mjs'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

let browser
let page
before(async () => {
  browser = await launch()
  page = await newPage(browser)
  // a branch secretary: the file may only name their own branch
  await login(page, 'demo_secretary')
})
after(async () => {
  await browser?.close()
})

/** One roster row (keys are the template's header texts). */
function row(name, branchCode, { gender = 'female', badCheckDigit = false } = {}) {
  const birth = randomBirthDate()
  const probationary = addYears(birth, 24)
  const id = idNumber(birth, gender)
  return {
    姓名: name,
    性别: gender === 'male' ? '男' : '女',
    民族: '汉族',
    出生日期: birth,
    身份证号: badCheckDigit ? withBadCheckDigit(id) : id,
    学历: '大学本科',
    联系电话: '13800138000',
    入党时间: probationary,
    转正时间: addYears(probationary, 1),
    人员类别: '在职',
    所在支部编码: branchCode,
    职务: '干事',
  }
}

async function upload(name, buffer) {
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/members/import')
  await page.setInputFiles('[data-test=import-file-input]', { name, mimeType: XLSX, buffer })
  return (await answer).json()
}

test('a roster with errors is refused whole; a valid one is imported', async () => {
  const me = await api(page, '/api/auth/me')
  const branch = await api(page, `/api/orgs/${me.roots[0].id}`)
  assert.equal(branch.kind, 'branch')
  await page.click('[data-test=menu-member-list]')
  const before = (await api(page, '/api/members?page_size=1')).total
  await eventually(() => listTotal(page), before, 'list total before the import')

  const tag = randomTag(3)
  assert.equal((await api(page, `/api/members?name=${encodeURIComponent(tag)}`)).total, 0)

  // ---- three rows, two of them wrong: a bad check digit, an unknown branch code
  const bad = await rosterFromTemplate(page, [
    row(`${tag}甲`, branch.code),
    row(`${tag}乙`, branch.code, { badCheckDigit: true }),
    row(`${tag}丙`, 'NO-SUCH-BRANCH'),
  ])
  const refused = await upload('有错误的名册.xlsx', bad)
  assert.equal(refused.code, 400)
  assert.equal(refused.data.error, 'import.invalid_rows')
  const dialog = page.locator('[data-test=import-error-dialog]')
  await dialog.waitFor()
  const summary = page.locator('[data-test=import-error-summary]')
  assert.equal(await summary.getAttribute('data-error-count'), String(refused.data.error_count))
  assert.match(await summary.textContent(), /共 3 行数据，发现 2 处错误，未导入任何数据/)
  const cells = await page
    .locator('[data-test=import-error-table] .el-table__body tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())))
  // the table shows the server's errors, one row each
  assert.deepEqual(
    cells,
    refused.data.errors.map((e) => [String(e.row), e.column, e.header, e.value, e.message]),
  )
  // and they are the two bad rows, for the right reasons
  assert.deepEqual(
    cells.map((c) => [c[0], c[2]]),
    [
      ['3', '身份证号'],
      ['4', '所在支部编码'],
    ],
  )
  assert.match(cells[0][4], /校验/)
  assert.equal(cells[1][3], 'NO-SUCH-BRANCH')
  await screenshot(page, 'import-errors.png')
  await page.click('[data-test=import-error-close]')
  await dialog.waitFor({ state: 'hidden' })
  // nothing written
  assert.equal((await api(page, '/api/members?page_size=1')).total, before, 'nothing imported')
  assert.equal((await api(page, `/api/members?name=${encodeURIComponent(tag)}`)).total, 0)
  assert.equal(await listTotal(page), before)

  // ---- the same people, correct
  const names = [`${tag}甲`, `${tag}乙`, `${tag}丙`]
  const good = await rosterFromTemplate(page, [
    row(names[0], branch.code),
    row(names[1], branch.code, { gender: 'male' }),
    row(names[2], branch.code),
  ])
  const accepted = await upload('名册.xlsx', good)
  assert.equal(accepted.code, 0, JSON.stringify(accepted))
  assert.equal(accepted.data.created, 3)
  await page.locator('.el-message--success').filter({ hasText: '成功导入 3 名党员' }).waitFor()
  assert.equal(await dialog.isVisible(), false, 'no error dialog')
  await eventually(() => listTotal(page), before + 3, 'the list counts the imported members')
  assert.equal((await api(page, '/api/members?page_size=1')).total, before + 3)

  await page.fill('[data-test=filter-name]', tag)
  await page.click('[data-test=filter-search]')
  await eventually(async () => (await listNames(page)).sort(), [...names].sort(), 'the imported members are listed')
  const rows = await page.locator('tr[data-test=member-row]').evaluateAll((trs) => trs.map((tr) => tr.textContent))
  for (const r of rows) assert.ok(r.includes(branch.name) && r.includes('干事'), r)
  assert.deepEqual(page.pageErrors, [])
})
