// 14. The question bank (题库) as the committee admin keeps it: add a multiple-choice question
//     through the form, be refused a repeat of it, import a sheet (a bad row first: every problem
//     shown, nothing stored; then the corrected sheet), export and read it back, delete.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, eventually, launch, login, newPage, readSheet, randomTag, screenshot, sheetFromTemplate } from './lib.mjs'

let browser
let page
before(async () => {
  browser = await launch()
  page = await newPage(browser)
  await login(page, 'demo_admin')
})
after(async () => {
  await browser?.close()
})

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

async function fillQuestion(stem) {
  const dialog = page.locator('[data-test=question-form-dialog]')
  await dialog.waitFor()
  await page.click('[data-test=question-form-kind-multiple]')
  await page.fill('[data-test=question-form-stem]', stem)
  await page.fill('[data-test=question-form-option-0]', '学习研讨')
  await page.fill('[data-test=question-form-option-1]', '外出参观')
  await page.fill('[data-test=question-form-option-2]', '开展批评和自我批评')
  await page.click('[data-test=question-form-answer-A]')
  await page.click('[data-test=question-form-answer-C]')
  await eventually(() => page.getAttribute('[data-test=question-form-answer]', 'data-answer'), 'AC', 'the answer chosen')
  return dialog
}

test('add, refuse a repeat, import, export and delete questions', async () => {
  const tag = randomTag()
  // the menu group 学习竞答 holds 题库 (only for the committee admin)
  assert.equal(await page.locator('[data-test=menu-contest]').count(), 1)
  await page.goto('/contest/questions')
  await page.locator('[data-test=question-table]').waitFor()

  // ---- add through the form (the fourth, empty option row is dropped)
  const stem = `组织生活会的环节有哪些？（${tag}）`
  await page.click('[data-test=question-create]')
  let dialog = await fillQuestion(stem)
  await page.click('[data-test=question-form-save]')
  await page.locator('.el-message--success').filter({ hasText: '已新增试题' }).waitFor()
  await dialog.waitFor({ state: 'hidden' })
  const found = await api(page, `/api/contest/questions?q=${encodeURIComponent(tag)}`)
  assert.equal(found.total, 1)
  const q = found.items[0]
  assert.deepEqual(
    { kind: q.kind, stem: q.stem, options: q.options, answer: q.answer, difficulty: q.difficulty },
    { kind: 'multiple', stem, options: ['学习研讨', '外出参观', '开展批评和自我批评'], answer: 'AC', difficulty: 3 },
  )
  await page.locator(`tr[data-test=question-row][data-id="${q.id}"]`).waitFor()

  // ---- the same question again: the server names the original on the stem, nothing stored
  await page.click('[data-test=question-create]')
  dialog = await fillQuestion(stem.replace('？', ' ？'))
  await page.click('[data-test=question-form-save]')
  await eventually(
    async () => (await dialog.locator('.el-form-item__error').allTextContents()).join(' ').includes(`与题库中的试题 ${q.id} 重复`),
    true,
    'the repeat is refused on the stem',
  )
  await screenshot(page, 'question-form.png')
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'hidden' })
  assert.equal((await api(page, `/api/contest/questions?q=${encodeURIComponent(tag)}`)).total, 1)

  // ---- import: a bad kind and a repeat of the bank are both listed, nothing is stored
  const rows = (kind) => [
    { 题型: '单选题', 题干: `党的最高领导机关是？（${tag}）`, 选项A: '党的全国代表大会和它所产生的中央委员会', 选项B: '中央政治局', 答案: 'A', 标签: `党章、${tag}` },
    { 题型: kind, 题干: `党小组会一般每月召开一次。（${tag}）`, 答案: '正确', 标签: tag, 难度: 2 },
    { 题型: '多选题', 题干: stem, 选项A: '学习研讨', 选项B: '外出参观', 选项C: '开展批评和自我批评', 答案: 'AC' },
  ]
  const bad = await sheetFromTemplate(page, '/api/contest/questions/import/template', rows('填空题'), ['题型', '题干', '答案'])
  await page.setInputFiles('[data-test=question-import-input]', { name: 'questions.xlsx', mimeType: XLSX, buffer: bad })
  const errors = page.locator('[data-test=import-error-dialog]')
  await errors.waitFor()
  await eventually(() => page.getAttribute('[data-test=import-error-summary]', 'data-error-count'), '2', 'two problems listed')
  const table = await page.locator('[data-test=import-error-table]').textContent()
  assert.match(table, /题型/)
  assert.match(table, new RegExp(`与题库中的试题 ${q.id} 重复`))
  await screenshot(page, 'question-import-errors.png')
  await page.click('[data-test=import-error-close]')
  assert.equal((await api(page, `/api/contest/questions?q=${encodeURIComponent(tag)}`)).total, 1, 'nothing imported')

  // the corrected sheet (the repeat left out) is imported whole
  const good = await sheetFromTemplate(page, '/api/contest/questions/import/template', rows('判断题').slice(0, 2))
  await page.setInputFiles('[data-test=question-import-input]', { name: 'questions.xlsx', mimeType: XLSX, buffer: good })
  await page.locator('.el-message--success').filter({ hasText: '已导入 2 道试题' }).waitFor()
  const tagged = await api(page, `/api/contest/questions?tag=${encodeURIComponent(tag)}`)
  assert.equal(tagged.total, 2)
  const tf = tagged.items.find((i) => i.kind === 'true_false')
  assert.deepEqual({ answer: tf.answer, difficulty: tf.difficulty }, { answer: '正确', difficulty: 2 })

  // ---- export with the list's filter: the file holds what the list holds
  await page.fill('[data-test=question-filter-q]', tag)
  await page.click('[data-test=question-search]')
  await eventually(async () => (await page.locator('[data-test=question-total]').textContent()).includes('3'), true, 'the list finds three')
  await screenshot(page, 'questions.png')
  const download = page.waitForEvent('download')
  await page.click('[data-test=question-export]')
  const file = await download
  const sheet = await readSheet(await file.path())
  assert.deepEqual(sheet.header.slice(0, 3), ['编号', '题型', '题干'])
  assert.deepEqual(sheet.rows.map((r) => Number(r[0])).sort(), [q.id, ...tagged.items.map((i) => i.id)].sort())

  // ---- delete, after confirming
  await page.click(`[data-test=question-delete-${q.id}]`)
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.locator(`tr[data-test=question-row][data-id="${q.id}"]`).waitFor({ state: 'detached' })
  assert.equal((await page.request.get(`/api/contest/questions/${q.id}`)).status(), 404)
  assert.deepEqual(page.pageErrors, [])
})
