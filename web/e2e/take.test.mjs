// 16. A member takes part in a contest on a phone (360×740): the committee publishes a contest
//     (through the API: its set-up page is still to come), the member finds the link in
//     我的竞答, opens it without signing in, answers, hands in and sees the score; the ranking
//     counts it at once. Nothing scrolls sideways.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { PHONE, api, apiPost, eventually, launch, login, newPage, randomTag, screenshot } from './lib.mjs'

let browser
let admin
let member
let phone
before(async () => {
  browser = await launch()
  admin = await newPage(browser)
  await login(admin, 'demo_admin')
  member = await newPage(browser)
  await login(member, 'demo_member')
  phone = await newPage(browser, PHONE)
})
after(async () => {
  await browser?.close()
})

test('a member takes part in a contest on a phone', async () => {
  const tag = `e2e竞答${randomTag()}`
  for (let i = 0; i < 3; i++) {
    await apiPost(admin, '/api/contest/questions', {
      kind: 'single',
      stem: `${tag} 第 ${i + 1} 题：党的最高领导机关是？`,
      options: ['党的全国代表大会和它所产生的中央委员会', '国务院', '全国人民代表大会'],
      answer: 'A',
      tags: [tag],
      explanation: '见党章第十条',
    })
  }
  const root = await api(admin, '/api/orgs/root')
  const now = Math.floor(Date.now() / 1000)
  const contest = await apiPost(admin, '/api/contests', {
    title: `${tag} 知识竞答`,
    starts_at: now - 60,
    ends_at: now + 3600,
    scope: root.id,
    draw: [{ tag, count: 3 }],
    time_limit_seconds: 600,
    reveal_answers: 'on_submit',
  })
  await apiPost(admin, `/api/contests/${contest.id}/publish`, {})

  const mine = await api(member, '/api/my/contests')
  const listed = mine.items.find((c) => c.id === contest.id)
  assert.ok(listed, '我的竞答 lists the contest')
  assert.equal(listed.open, true)

  // The link opens the contest on a phone that has not signed in.
  await phone.goto(`/take#${listed.pass}`)
  await phone.waitForSelector('[data-test=take-overview]')
  assert.equal(await phone.locator('[data-test=take-title]').textContent(), `${tag} 知识竞答`)
  const me = await api(member, '/api/auth/me')
  const file = await api(member, `/api/members/${me.user.member_id}`)
  assert.equal((await phone.locator('[data-test=take-member]').textContent()).trim(), file.name)
  await screenshot(phone, 'take-overview-phone.png')
  await phone.click('[data-test=take-start]')
  await phone.waitForSelector('[data-test=take-paper]')
  assert.equal(await phone.locator('[data-test=take-question]').count(), 3)
  assert.match(await phone.locator('[data-test=take-clock]').textContent(), /^(09:5\d|10:00)$/)

  // Options are shuffled: pick the right one by its text.
  const questions = phone.locator('[data-test=take-question]')
  for (let i = 0; i < 3; i++) {
    await questions.nth(i).locator('[data-test=take-option]', { hasText: '党的全国代表大会' }).click()
  }
  await eventually(() => phone.locator('[data-test=take-progress]').textContent(), '已答 3 / 3 题', 'all answered')
  const width = await phone.evaluate(() => document.scrollingElement.scrollWidth)
  assert.ok(width <= PHONE.width, `no horizontal scroll while answering: scrollWidth ${width}`)
  await screenshot(phone, 'take-paper-phone.png')

  await phone.click('[data-test=take-submit]')
  await phone.waitForSelector('[data-test=take-result]')
  assert.match(await phone.locator('[data-test=take-score]').textContent(), /3 \/ 3 分/)
  assert.equal(await phone.locator('[data-test=take-review]').count(), 3)
  assert.match(await phone.locator('[data-test=take-result]').textContent(), /见党章第十条/)
  await screenshot(phone, 'take-result-phone.png')

  // Back on the overview: one attempt used, none left.
  await phone.click('[data-test=take-back]')
  await phone.waitForSelector('[data-test=take-blocked]')
  assert.match(await phone.locator('[data-test=take-history]').textContent(), /3 \/ 3 分/)

  const ranking = await api(admin, `/api/contests/${contest.id}/ranking`)
  assert.equal(ranking.total, 1)
  assert.equal(ranking.items[0].member, me.user.member_id)
  assert.equal(ranking.items[0].points, 3)
  assert.deepEqual(phone.pageErrors, [])
})
