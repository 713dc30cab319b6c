// 1. Each role signs in through the form and sees exactly its scope; sign-out works.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { api, apiStatus, eventually, launch, listTotal, login, newPage, numberIn, screenshot } from './lib.mjs'

// One tab for all four roles, one after the other, as people sharing an office computer would:
// each signs out before the next signs in, so nothing of the previous user may leak.
let browser
let page
before(async () => {
  browser = await launch()
  page = await newPage(browser)
})
after(async () => {
  await browser?.close()
})

/** The top-level nodes of the header's org-tree picker: [{id, name}]. */
async function pickerRoots() {
  await page.click('[data-test=org-picker]')
  const tree = page.locator('[data-test=org-picker-tree]')
  await tree.waitFor()
  const roots = tree.locator('.el-tree > .el-tree-node > .el-tree-node__content [data-test^=tree-node-]')
  await roots.first().waitFor()
  const found = await roots.evaluateAll((els) =>
    els.map((e) => ({
      id: Number(e.dataset.test.replace('tree-node-', '')),
      name: e.querySelector('.name').textContent.trim(),
    })),
  )
  await page.click('[data-test=breadcrumb]') // a click outside closes the popover
  await tree.waitFor({ state: 'hidden' })
  return found
}

async function signOut() {
  await page.click('[data-test=sign-out]')
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.waitForURL((url) => url.pathname === '/login')
  await page.waitForSelector('[data-test=login-form]')
  assert.equal(await apiStatus(page, '/api/auth/me'), 401, 'the session must be gone after sign-out')
  // a protected page now leads back to the sign-in page
  await page.goto('/members')
  await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/members')
  await page.waitForSelector('[data-test=login-form]')
  await page.goto('/login') // the next user starts from the home page, not from that redirect
}

/** Signs in a manager and checks picker root, dashboard total, list total and menus. */
async function checkManager(username, { audit, shot = false }) {
  page.pageErrors.length = 0
  if (shot) {
    await page.goto('/login')
    await page.waitForSelector('[data-test=login-form]')
    await screenshot(page, 'login.png')
  }
  await login(page, username)
  const me = await api(page, '/api/auth/me')
  assert.equal(me.user.username, username)
  assert.equal(me.roots.length, 1, `${username} has one scope root`)
  const root = me.roots[0]

  // the picker's root is the scope's root, and it starts selected
  assert.deepEqual(await pickerRoots(), [{ id: root.id, name: root.name }])
  assert.equal((await page.locator('[data-test=org-picker]').textContent()).trim(), root.name)

  // dashboard: the figures are the server's statistics of that node
  const stats = await api(page, `/api/orgs/${root.id}/stats`)
  assert.ok(stats.total > 0, 'the demo scope has members')
  await page.waitForSelector('[data-test=overview-total]')
  assert.equal(numberIn(await page.locator('[data-test=overview-total]').textContent()), stats.total, 'dashboard total')
  assert.equal(stats.by_gender.reduce((s, g) => s + g.count, 0), stats.total)
  for (const g of stats.by_gender) {
    const shown = numberIn(await page.locator(`[data-test=chart-gender-count-${g.key}]`).textContent())
    assert.equal(shown, g.count, `dashboard ${g.label}`)
  }
  if (shot) await screenshot(page, 'dashboard.png')

  // menus, and the server agrees
  assert.equal(await page.locator('[data-test=menu-member-list]').count(), 1, '党员管理 menu')
  assert.equal(await page.locator('[data-test=menu-audit-log]').count(), audit ? 1 : 0, '操作日志 menu')
  assert.equal(await apiStatus(page, '/api/audit?page_size=1'), audit ? 200 : 403)

  // member list: the same total as the API gives this user
  await page.click('[data-test=menu-member-list]')
  await page.waitForURL((url) => url.pathname === '/members' && url.searchParams.get('subtree') === String(root.id))
  const all = await api(page, '/api/members?page_size=1')
  assert.ok(all.total >= stats.total, 'the list also counts members who left')
  await eventually(() => listTotal(page), all.total, `${username}: member list total`)
  assert.equal(await page.locator('[data-test=member-scope]').textContent(), root.name)
  assert.equal(await page.locator('tr[data-test=member-row]').count(), Math.min(20, all.total))

  await signOut()
  assert.deepEqual(page.pageErrors, [], 'no uncaught errors in the page')
  return { root, all }
}

describe('each role sees exactly its scope', () => {
  test('demo_admin: the whole committee', async () => {
    const { root, all } = await checkManager('demo_admin', { audit: true, shot: true })
    assert.equal(root.name, '湖北省直机关工委')
    assert.ok(all.total > 100_000, 'the committee reaches the whole province')
  })

  test('demo_unit: one unit', async () => {
    const { root, all } = await checkManager('demo_unit', { audit: false })
    assert.equal(root.name, '省纪委监委机关')
    assert.ok(all.total < 100_000)
  })

  test('demo_secretary: one branch, no audit log', async () => {
    const { root } = await checkManager('demo_secretary', { audit: false })
    assert.equal(root.name, '省纪委监委机关办公室党支部')
  })

  test('demo_member: own file, no member management', async () => {
    page.pageErrors.length = 0
    await login(page, 'demo_member')
    const me = await api(page, '/api/auth/me')
    assert.ok(me.user.member_id, 'demo_member is linked to a member file')
    const own = await api(page, `/api/members/${me.user.member_id}`)
    await page.waitForSelector('[data-test=my-home]')
    await eventually(() => page.locator('[data-test=detail-name]').textContent(), own.name, 'own file name')
    const detail = await page.locator('[data-test=member-detail]').textContent()
    assert.ok(detail.includes(own.id_number), 'the member sees their own ID number in full')
    assert.ok(detail.includes(own.branch_name))
    await page.waitForSelector('[data-test=my-branch]')
    assert.ok((await page.locator('[data-test=my-branch]').textContent()).includes(own.branch_name))
    assert.equal(await page.locator('[data-test=menu-member-list]').count(), 0, 'no 党员管理 menu')
    assert.equal(await page.locator('[data-test=menu-audit-log]').count(), 0, 'no 操作日志 menu')
    assert.equal(await page.locator('[data-test=org-picker]').count(), 0, 'no org picker')
    assert.equal(await apiStatus(page, '/api/members?page_size=1'), 403, 'the server refuses the search too')
    // typing the address of the member list leads home
    await page.goto('/members')
    await page.waitForSelector('[data-test=my-home]')
    assert.equal(new URL(page.url()).pathname, '/')
    await signOut()
    assert.deepEqual(page.pageErrors, [])
  })
})
