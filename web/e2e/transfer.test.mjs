// 13. A two-step transfer (组织关系转接): a branch secretary finds the receiving branch outside
//     their scope and starts the transfer; the member stays with them until the receiving unit's
//     admin accepts it, into a group when the branch has groups; then the member has moved.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, eventually, findBranches, launch, listNames, login, newPage } from './lib.mjs'

// Two people at two desks: two browser contexts, two sessions.
let browser
let sender
let receiver
before(async () => {
  browser = await launch()
  sender = await newPage(browser)
  receiver = await newPage(browser)
  await login(sender, 'demo_secretary')
  await login(receiver, 'demo_unit')
})
after(async () => {
  await browser?.close()
})

test('the sending branch starts a transfer, the receiving side accepts it', async () => {
  const me = await api(sender, '/api/auth/me')
  const home = me.roots[0]
  assert.equal((await api(sender, `/api/orgs/${home.id}`)).kind, 'branch', 'the secretary manages one branch')
  // The receiving branch: another branch of the unit admin's unit, outside the secretary's scope.
  const unit = (await api(receiver, '/api/auth/me')).roots[0]
  const to = (await findBranches(receiver, unit.id, 3)).find((b) => b.id !== home.id)
  assert.ok(to, 'the unit has a second branch')
  assert.equal((await sender.request.get(`/api/orgs/${to.id}`)).status(), 403, 'outside the sender’s scope')

  // A member of the secretary's branch other than the secretary (the last by id: the demo
  // member's own account takes the first).
  const members = await api(sender, `/api/members?subtree=${home.id}&status=full&page_size=50&sort=id`)
  const member = members.items.filter((m) => m.id !== me.user.member_id).at(-1)
  assert.ok(member, 'the branch has another full member')

  // ---- the sender: 发起转接, finding the branch by its code
  await sender.goto(`/members?subtree=${home.id}&name=${encodeURIComponent(member.name)}`)
  await eventually(async () => (await listNames(sender)).includes(member.name), true, 'the list finds the member')
  await sender.click(`[data-test=member-transfer-${member.id}]`)
  const dialog = sender.locator('[data-test=transfer-dialog]')
  await dialog.waitFor()
  assert.equal(await sender.locator('[data-test=transfer-date]').count(), 0, 'no date: the receiving side decides the day')
  await sender.fill('[data-test=transfer-branch-search]', to.code)
  await sender.click(`[data-test=transfer-branch-option-${to.id}]`)
  await eventually(() => sender.inputValue('[data-test=transfer-target]'), to.name, 'the found branch is chosen')
  await sender.fill('[data-test=transfer-note]', '工作调动')
  const answer = sender.waitForResponse(
    (r) => new URL(r.url()).pathname === `/api/members/${member.id}/transfer-requests`,
  )
  await sender.click('[data-test=transfer-submit]')
  const started = await (await answer).json()
  assert.equal(started.code, 0, JSON.stringify(started))
  const id = started.data.id
  await sender.locator('.el-message--success').filter({ hasText: '已发起转接' }).waitFor()
  await dialog.waitFor({ state: 'hidden' })

  // until accepted the member stays, and the sender sees the transfer going out
  assert.equal((await api(sender, `/api/members/${member.id}`)).branch_id, home.id)
  await sender.click('[data-test=menu-transfer-list]')
  await sender.locator(`[data-test=transfer-${id}-cancel]`).waitFor()
  assert.equal(await sender.locator(`[data-test=transfer-${id}-accept]`).count(), 0, 'the sender cannot accept')

  // ---- the receiver: 接收, into a group when the branch has one
  await receiver.click('[data-test=menu-transfer-list]')
  await receiver.click(`[data-test=transfer-${id}-accept]`)
  const acceptDialog = receiver.locator('[data-test=transfer-accept-dialog]')
  await acceptDialog.waitFor()
  assert.match(await receiver.locator('[data-test=transfer-accept-text]').textContent(), new RegExp(member.name))
  const groups = (await api(receiver, `/api/orgs/${to.id}/children`)).filter((c) => c.kind === 'group')
  if (groups.length) {
    await receiver.click('[data-test=transfer-accept-group]')
    await receiver.locator(`[data-test=transfer-accept-group-option-${groups[0].id}]`).click()
  }
  await receiver.click('[data-test=transfer-accept-confirm]')
  await receiver.locator('.el-message--success').filter({ hasText: '已接收' }).waitFor()
  // the pending list no longer holds it
  await receiver.locator(`[data-test=transfer-${id}-accept]`).waitFor({ state: 'detached' })

  const moved = await api(receiver, `/api/members/${member.id}`)
  assert.equal(moved.branch_id, to.id)
  assert.equal(moved.group_id, groups.length ? groups[0].id : null, 'the group chosen on accepting')
  const done = await api(receiver, `/api/transfers/${id}`)
  assert.equal(done.status, 'accepted')
  // and the sender no longer reaches the file
  assert.equal((await sender.request.get(`/api/members/${member.id}`)).status(), 403)
  assert.deepEqual(sender.pageErrors, [])
  assert.deepEqual(receiver.pageErrors, [])
})
