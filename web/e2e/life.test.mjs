// 12. Organisational life: a branch secretary records a theme day from its template, the unit
//     admin returns it with a reason, the secretary sees the reminder, fixes the record, and
//     the reminder disappears; then the unit admin accepts it.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, eventually, launch, login, newPage, screenshot } from './lib.mjs'

let browser
let secretary
let unitAdmin
before(async () => {
  browser = await launch()
  secretary = await newPage(browser)
  await login(secretary, 'demo_secretary')
  unitAdmin = await newPage(browser)
  await login(unitAdmin, 'demo_unit')
})
after(async () => {
  await browser?.close()
})

/** The meeting ids the secretary's returned-record reminders link to. */
async function returnedReminders(branchId) {
  const data = await api(secretary, `/api/life/reminders?node=${branchId}&kind=meeting_returned&limit=1000`)
  return data.items.map((item) => item.meeting_id)
}

test('record from a template, return, fix, and the reminder disappears', async () => {
  const me = await api(secretary, '/api/auth/me')
  const branchId = me.roots[0].id

  // Record a theme day from its template: defaults are today, 14:30, everyone present.
  await secretary.goto(`/life/meetings/new?type=theme_day&node=${branchId}`)
  await secretary.waitForSelector('[data-test=meeting-form]')
  const counts = secretary.locator('[data-test=meeting-form-counts]')
  await eventually(async () => Number(await counts.getAttribute('data-present')) > 0, true, 'roster loaded')
  const expected = Number(await counts.getAttribute('data-expected'))
  assert.equal(Number(await counts.getAttribute('data-present')), expected, 'everyone present by default')
  assert.notEqual(await secretary.inputValue('[data-test=meeting-form-topic-0]'), '', 'template topic prefilled')
  await secretary.fill('[data-test=meeting-form-place]', '党员活动室')
  await secretary.fill('[data-test=meeting-form-host]', '支部书记')
  await screenshot(secretary, 'life-meeting-form.png')
  await secretary.click('[data-test=meeting-form-save]')
  await secretary.waitForURL(/\/life\/meetings\/\d+$/)
  const meetingId = Number(new URL(secretary.url()).pathname.split('/').pop())
  await eventually(
    () => secretary.locator('[data-test=meeting-status]').getAttribute('data-status'),
    'submitted',
    'a new record waits for review',
  )
  assert.equal(Number(await secretary.locator('[data-test=meeting-present]').textContent().then((t) => t.replace(/\D/g, ''))), expected)
  assert.equal((await returnedReminders(branchId)).includes(meetingId), false)

  // The unit admin returns it with a reason.
  await unitAdmin.goto(`/life/meetings/${meetingId}`)
  await unitAdmin.waitForSelector('[data-test=meeting-review]')
  await unitAdmin.fill('[data-test=meeting-review-reason]', '请补充会议照片')
  await unitAdmin.click('[data-test=meeting-review-return]')
  await eventually(
    () => unitAdmin.locator('[data-test=meeting-status]').getAttribute('data-status'),
    'returned',
    'returned by the unit admin',
  )

  // The secretary sees the reminder and the reason.
  await secretary.goto(`/life/reminders?node=${branchId}&within=30`)
  await secretary.waitForSelector('[data-test=reminders]')
  const item = secretary.locator(`[data-test=reminder-meeting_returned-${branchId}]`)
  await eventually(async () => (await item.count()) > 0, true, 'the returned-record reminder is listed')
  assert.ok((await returnedReminders(branchId)).includes(meetingId))
  await screenshot(secretary, 'life-reminders.png')
  await secretary.goto(`/life/meetings/${meetingId}`)
  await eventually(
    async () => (await secretary.locator('[data-test=meeting-return-banner]').textContent()).includes('请补充会议照片'),
    true,
    'the banner shows why',
  )

  // Fix it: the record is submitted again and the reminder is gone.
  await secretary.click('[data-test=meeting-edit]')
  await secretary.waitForURL(/\/edit$/)
  await secretary.waitForSelector('[data-test=meeting-form]')
  await secretary.fill('[data-test=meeting-form-minutes]', '已补充会议照片，会议按议程进行。')
  await secretary.click('[data-test=meeting-form-save]')
  await secretary.waitForURL(/\/life\/meetings\/\d+$/)
  await eventually(
    () => secretary.locator('[data-test=meeting-status]').getAttribute('data-status'),
    'submitted',
    'submitted again after the fix',
  )
  await eventually(async () => (await returnedReminders(branchId)).includes(meetingId), false, 'the reminder disappears')

  // The unit admin accepts it; the secretary can no longer edit it.
  await unitAdmin.goto(`/life/meetings/${meetingId}`)
  await unitAdmin.waitForSelector('[data-test=meeting-review]')
  await unitAdmin.click('[data-test=meeting-review-accept]')
  await eventually(
    () => unitAdmin.locator('[data-test=meeting-status]').getAttribute('data-status'),
    'accepted',
    'accepted',
  )
  await secretary.goto(`/life/meetings/${meetingId}`)
  await secretary.waitForSelector('[data-test=meeting-status]')
  assert.equal(await secretary.locator('[data-test=meeting-edit]').count(), 0)
  assert.deepEqual(secretary.pageErrors, [])
  assert.deepEqual(unitAdmin.pageErrors, [])
})

test('compliance drills down from the unit to a branch and its records', async () => {
  await unitAdmin.goto('/life/compliance')
  await unitAdmin.waitForSelector('[data-test=compliance-rules]')
  await screenshot(unitAdmin, 'life-compliance.png')
  const me = await api(unitAdmin, '/api/auth/me')
  const data = await api(unitAdmin, `/api/life/compliance?node=${me.roots[0].id}&period=quarter`)
  assert.ok(data.summary.branches > 0)
  assert.equal(data.branches.length, data.summary.branches)
  const branch = data.branches[0]
  await unitAdmin.goto(`/life/compliance/branch/${branch.id}?period=quarter`)
  await unitAdmin.waitForSelector('[data-test=branch-checks]')
  const tag = unitAdmin.locator('[data-test=branch-check-ZB-18-5]')
  assert.equal(await tag.getAttribute('data-state'), branch.checks.find((c) => c.rule === 'ZB-18-5').state)
  assert.deepEqual(unitAdmin.pageErrors, [])
})
