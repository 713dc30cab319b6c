// 2. Every figure of the dashboard opens the member list behind it, with the same total.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, eventually, launch, listTotal, login, newPage, numberIn } from './lib.mjs'

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

/** Clicks a figure on the dashboard and checks the list it opens. */
async function drill(figure, expectedQuery, rowCheck) {
  await page.click('[data-test=menu-home]')
  await page.waitForSelector(`[data-test=${figure}]`)
  const shown = numberIn(await page.locator(`[data-test=${figure}]`).textContent())
  assert.ok(shown > 0, `${figure} shows a figure`)
  await page.click(`[data-test=${figure}]`)
  await page.waitForURL((url) => url.pathname === '/members')
  const query = Object.fromEntries(new URL(page.url()).searchParams)
  assert.deepEqual(query, expectedQuery, `${figure} opens the list with its filter`)
  const fromApi = await api(page, `/api/members?${new URLSearchParams({ ...query, page_size: '1' })}`)
  assert.equal(fromApi.total, shown, `${figure}: the server's list has as many members as the figure`)
  await eventually(() => listTotal(page), shown, `${figure}: the list total`)
  if (rowCheck) {
    const rows = await page.locator('tr[data-test=member-row]').evaluateAll((trs) => trs.map((tr) => tr.textContent))
    assert.equal(rows.length, Math.min(20, shown))
    for (const row of rows) rowCheck(row)
  }
}

test('figures open the member list with the right filter and total', async () => {
  const me = await api(page, '/api/auth/me')
  const root = String(me.roots[0].id)
  const stats = await api(page, `/api/orgs/${root}/stats`)

  // the female count
  const female = stats.by_gender.find((g) => g.key === 'female')
  assert.ok(female.count > 0)
  await drill(
    'chart-gender-count-female',
    { subtree: root, status: 'probationary,full', gender: 'female' },
    (row) => assert.ok(row.includes('女') && !row.includes('男'), `a row of the female list: ${row}`),
  )
  // the filter bar shows the filter it was opened with
  assert.match(await page.locator('[data-test=filter-gender]').textContent(), /女/)

  // probationary members
  await drill('overview-probationary', { subtree: root, status: 'probationary' }, (row) =>
    assert.ok(row.includes('预备党员'), `a row of the probationary list: ${row}`),
  )

  // an age band (36–40)
  const band = stats.by_age_band.find((b) => b.key === 2)
  assert.ok(band.count > 0)
  await drill('chart-age_band-count-2', { subtree: root, status: 'probationary,full', age_band: '2' })

  // the total on the rolls
  await drill('overview-total', { subtree: root, status: 'probationary,full' })
  assert.equal(await listTotal(page), stats.total)
  assert.deepEqual(page.pageErrors, [])
})
