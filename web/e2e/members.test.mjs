// 3. A member's file through the forms: create, find, edit, transfer; the history and the
//    audit log show it.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import {
  addYears,
  api,
  choose,
  eventually,
  fieldInput,
  fillDate,
  findBranches,
  idNumber,
  launch,
  listNames,
  listTotal,
  login,
  newPage,
  pickNode,
  randomBirthDate,
  screenshot,
  unusedName,
} from './lib.mjs'

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

/** Searches the list by name through the filter bar. */
async function searchName(name) {
  await page.fill('[data-test=filter-name]', name)
  await page.click('[data-test=filter-search]')
  await page.waitForURL((url) => url.searchParams.get('name') === name)
}

/** A branch (not `except`) that has groups, among the first units under `rootId`; or null. */
async function branchWithGroups(page, rootId, except) {
  const queue = [rootId]
  for (let visited = 0; queue.length && visited < 40; visited++) {
    const children = await api(page, `/api/orgs/${queue.shift()}/children`)
    const hit = children.find((c) => c.kind === 'branch' && c.has_children && c.id !== except)
    if (hit) return hit
    for (const c of children) if (c.has_children && c.kind !== 'branch') queue.push(c.id)
  }
  return null
}

test('create, edit and transfer a member through the forms', async () => {
  const me = await api(page, '/api/auth/me')
  const root = me.roots[0]
  const [from, other] = await findBranches(page, root.id, 2)
  // Transfer into a branch with groups when the first units have one, so the group list is used.
  const to = (await branchWithGroups(page, root.id, from.id)) ?? other
  const name = await unusedName(page, '测')
  const birth = randomBirthDate()
  const gender = Math.random() < 0.5 ? 'male' : 'female'
  const id = idNumber(birth, gender)
  const probationary = addYears(birth, 25)
  const full = addYears(probationary, 1)

  // the whole committee's list, for the screenshot
  await page.click('[data-test=menu-member-list]')
  await eventually(async () => (await listNames(page)).length, 20, 'a first page of 20 members')
  await screenshot(page, 'members.png')

  // choose the branch in the picker: the list follows, and the form offers it as the branch
  await pickNode(page, from.id, from.name)
  await page.waitForURL((url) => url.searchParams.get('subtree') === String(from.id))
  const before = (await api(page, `/api/members?subtree=${from.id}&page_size=1`)).total
  await eventually(() => listTotal(page), before, 'the branch list total')

  // ---- create
  await page.click('[data-test=member-create]')
  const dialog = page.locator('[data-test=member-form-dialog]')
  await dialog.waitFor()
  assert.equal(await page.inputValue('[data-test=member-form-branch]'), from.name, 'the picked branch is the default')
  await page.fill('[data-test=member-form-name]', name)
  await page.locator('[data-test=member-form-gender] .el-radio').filter({ hasText: gender === 'male' ? '男' : '女' }).click()
  await fillDate(dialog, '出生日期', birth)
  await page.fill('[data-test=member-form-id-number]', id)
  await choose(page, 'member-form-ethnicity', '汉族')
  await choose(page, 'member-form-education', '大学本科')
  await page.fill('[data-test=member-form-phone]', '13912345678')
  await fillDate(dialog, '入党时间', probationary)
  await fillDate(dialog, '转正时间', full)
  await page.fill('[data-test=member-form-post]', '科员')
  await page.click('[data-test=member-form-save]')
  await page.locator('.el-message--success').filter({ hasText: '已新增党员' }).waitFor()
  await dialog.waitFor({ state: 'hidden' })

  // on file as entered, and in the list
  const created = await api(page, `/api/members?name=${encodeURIComponent(name)}`)
  assert.equal(created.total, 1)
  const memberId = created.items[0].id
  const file = await api(page, `/api/members/${memberId}`)
  assert.deepEqual(
    {
      name: file.name,
      gender: file.gender,
      birth_date: file.birth_date,
      id_number: file.id_number,
      ethnicity: file.ethnicity,
      education: file.education,
      phone: file.phone,
      probationary_date: file.probationary_date,
      full_date: file.full_date,
      status: file.status,
      category: file.category,
      branch_id: file.branch_id,
      post: file.post,
    },
    {
      name,
      gender,
      birth_date: birth,
      id_number: id,
      ethnicity: '汉族',
      education: 'bachelor',
      phone: '13912345678',
      probationary_date: probationary,
      full_date: full,
      status: 'full',
      category: 'in_service',
      branch_id: from.id,
      post: '科员',
    },
  )
  await eventually(() => listTotal(page), before + 1, 'the list counts the new member')
  await searchName(name)
  await eventually(() => listNames(page), [name], 'the list finds the new member by name')
  const row = page.locator(`tr[data-test=member-row][data-id="${memberId}"]`)
  assert.match(await row.textContent(), /科员/)
  assert.match(await row.textContent(), new RegExp(birth))

  // ---- edit 职务
  await page.click(`[data-test=member-edit-${memberId}]`)
  await dialog.waitFor()
  await eventually(() => page.inputValue('[data-test=member-form-name]'), name, 'the form loads the file')
  assert.equal(await page.inputValue('[data-test=member-form-id-number]'), id)
  await page.fill('[data-test=member-form-post]', '副处长')
  await page.click('[data-test=member-form-save]')
  await page.locator('.el-message--success').filter({ hasText: '已保存党员档案' }).waitFor()
  await dialog.waitFor({ state: 'hidden' })
  await eventually(async () => (await row.textContent()).includes('副处长'), true, 'the row shows the new post')
  assert.equal((await api(page, `/api/members/${memberId}`)).post, '副处长')

  // ---- transfer to another branch
  await page.click(`[data-test=member-transfer-${memberId}]`)
  const transfer = page.locator('[data-test=transfer-dialog]')
  await transfer.waitFor()
  // a committee admin reaches both branches: the direct way, with a date (the two-step way,
  // received by the other side, is the default)
  await page.click('[data-test=transfer-mode-direct]')
  await page.fill('[data-test=transfer-tree-locate]', String(to.id))
  await page.click('[data-test=transfer-tree-locate-button]')
  await eventually(() => page.inputValue('[data-test=transfer-target]'), to.name, 'the target branch is chosen')
  const date = await fieldInput(transfer, '转接日期').inputValue()
  assert.match(date, /^\d{4}-\d{2}-\d{2}$/, 'today is the default date')
  // the group list offers exactly the target branch's groups (or is disabled when it has none)
  const groups = (await api(page, `/api/orgs/${to.id}/children`)).filter((c) => c.kind === 'group')
  const groupSelect = page.locator('[data-test=transfer-group]')
  if (groups.length === 0) {
    const disabled = () => groupSelect.evaluate((el) => el.matches('.is-disabled') || el.querySelector('.is-disabled') !== null)
    await eventually(disabled, true, 'no groups: disabled')
  } else {
    await groupSelect.click()
    for (const g of groups) await page.locator(`[data-test=transfer-group-option-${g.id}]`).waitFor()
    await page.click(`[data-test=transfer-group-option-${groups[0].id}]`)
  }
  await page.click('[data-test=transfer-submit]')
  await page.locator('.el-message--success').filter({ hasText: '已转接' }).waitFor()
  await transfer.waitFor({ state: 'hidden' })
  // no longer in the old branch's list
  await eventually(() => listTotal(page), 0, 'the old branch no longer lists the member')

  const moved = await api(page, `/api/members/${memberId}`)
  assert.equal(moved.branch_id, to.id)
  assert.equal(moved.group_id, groups.length ? groups[0].id : null, 'the group chosen in the dialog')
  const history = await api(page, `/api/members/${memberId}/history`)
  assert.deepEqual(
    history.map((h) => ({ branch_id: h.branch_id, from: h.from, to: h.to })),
    [
      { branch_id: from.id, from: probationary, to: date },
      { branch_id: to.id, from: date, to: null },
    ],
    'two membership periods',
  )

  // the new branch lists the member; the detail drawer shows both periods
  await page.goto(`/members?subtree=${to.id}&name=${encodeURIComponent(name)}`)
  await eventually(() => listNames(page), [name], 'the new branch lists the member')
  await page.click(`[data-test=member-detail-${memberId}]`)
  const drawer = page.locator('[data-test=member-drawer]')
  await drawer.waitFor()
  await eventually(() => drawer.locator('[data-test=detail-name]').textContent(), name, 'the drawer shows the file')
  const periods = drawer.locator('[data-test=member-history] .el-timeline-item')
  await eventually(() => periods.count(), 2, 'two periods in the drawer')
  const historyText = await drawer.locator('[data-test=member-history]').textContent()
  assert.ok(historyText.includes(from.name) && historyText.includes(to.name))
  assert.ok((await drawer.textContent()).includes(id), 'the admin sees the ID number in full')
  await screenshot(page, 'member-detail.png')
  await page.keyboard.press('Escape')
  await drawer.waitFor({ state: 'hidden' })

  // ---- the audit log has the three changes, newest first
  await pickNode(page, root.id, root.name)
  await page.click('[data-test=menu-audit-log]')
  await page.waitForURL((url) => url.pathname === '/audit')
  await choose(page, 'audit-entity', '党员')
  await page.click('[data-test=audit-search]')
  const entries = await api(page, `/api/audit?entity=member&entity_id=${memberId}`)
  assert.deepEqual(entries.items.map((e) => e.action), ['transfer', 'update', 'create'])
  const top = async () =>
    page
      .locator('[data-test=audit-table] .el-table__body tr')
      .evaluateAll((trs) => trs.slice(0, 3).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())))
  await eventually(
    async () => (await top()).map((cells) => [cells[2], cells[3], cells[4]]),
    [
      ['党员', String(memberId), '转接'],
      ['党员', String(memberId), '修改'],
      ['党员', String(memberId), '新建'],
    ],
    'the audit table lists the three changes',
  )
  await screenshot(page, 'audit.png')
  const update = entries.items[1]
  await page.click(`[data-test=audit-view-${update.id}]`)
  await page.locator('[data-test=audit-detail]').waitFor()
  assert.match(await page.locator('[data-test=audit-before]').textContent(), /"post": "科员"/)
  assert.match(await page.locator('[data-test=audit-after]').textContent(), /"post": "副处长"/)
  assert.deepEqual(page.pageErrors, [])
})
