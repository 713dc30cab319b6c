// The organisation page: a node chosen by its id shows its details and its children.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, eventually, launch, login, newPage, screenshot } from './lib.mjs'

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

test('the organisation page shows a unit and its children', async () => {
  const unit = await api(page, '/api/orgs/1/children').then((zones) => api(page, `/api/orgs/${zones[0].id}/children`)).then((units) => units[0])
  const children = await api(page, `/api/orgs/${unit.id}/children`)
  await page.click('[data-test=menu-org-nodes]')
  await page.waitForURL((url) => url.pathname === '/orgs')
  await page.waitForSelector('[data-test=org-tree]')
  await page.fill('[data-test=org-tree-locate]', String(unit.id))
  await page.click('[data-test=org-tree-locate-button]')
  await eventually(() => page.locator('[data-test=org-detail-name]').textContent(), unit.name, 'the detail shows the node')
  const detail = await page.locator('[data-test=org-detail]').textContent()
  assert.ok(detail.includes(unit.code), 'its code')
  const names = () =>
    page.locator('[data-test=org-children] .el-table__body tr').evaluateAll((trs) => trs.map((tr) => tr.querySelector('td').textContent.trim()))
  await eventually(names, children.map((c) => c.name), 'its children, in order')
  // the tree has revealed and highlighted it
  assert.equal(
    await page.locator('[data-test=org-tree] .el-tree-node.is-current > .el-tree-node__content [data-test^=tree-node-]').getAttribute('data-test'),
    `tree-node-${unit.id}`,
  )
  await screenshot(page, 'org.png')
  assert.deepEqual(page.pageErrors, [])
})

test('the tree finds a branch by part of its code, on the server, and opens down to it', async () => {
  // A branch deep in the tree, never expanded on this page: the search must come from the server.
  const hits = await api(page, '/api/orgs/search?q=B003&limit=1')
  assert.ok(hits.total >= 1, 'the demo has branch codes with B003')
  const branch = hits.items[0]
  await page.click('[data-test=menu-org-nodes]')
  await page.waitForSelector('[data-test=org-tree]')
  await page.fill('[data-test=org-tree-search] input, input[data-test=org-tree-search]', branch.code.toLowerCase())
  await page.click(`[data-test=org-tree-hit-${branch.id}]`)
  await eventually(() => page.locator('[data-test=org-detail-name]').textContent(), branch.name, 'the detail shows the branch found')
  assert.equal(
    await page.locator('[data-test=org-tree] .el-tree-node.is-current > .el-tree-node__content [data-test^=tree-node-]').getAttribute('data-test'),
    `tree-node-${branch.id}`,
  )
  assert.deepEqual(page.pageErrors, [])
})
