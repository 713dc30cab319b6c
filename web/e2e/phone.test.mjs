// 6. A member on a phone (360×740): no horizontal scrolling, the own file readable.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { PHONE, api, eventually, launch, login, newPage, screenshot } from './lib.mjs'

let browser
let page
before(async () => {
  browser = await launch()
  page = await newPage(browser, PHONE)
})
after(async () => {
  await browser?.close()
})

/** Widths that would mean sideways scrolling: the document's and the frame's scroll area. */
function overflow() {
  return page.evaluate(() => {
    const main = document.querySelector('.el-main')
    return {
      document: document.scrollingElement.scrollWidth,
      main: main ? main.scrollWidth - main.clientWidth : 0,
    }
  })
}

test('the own file on a 360 px phone', async () => {
  await page.goto('/login')
  await page.waitForSelector('[data-test=login-form]')
  assert.ok((await overflow()).document <= PHONE.width, 'the sign-in page fits')
  await login(page, 'demo_member')
  const me = await api(page, '/api/auth/me')
  const own = await api(page, `/api/members/${me.user.member_id}`)
  await page.waitForSelector('[data-test=my-home]')
  await eventually(() => page.locator('[data-test=detail-name]').textContent(), own.name, 'own file')
  await page.waitForSelector('[data-test=my-branch]')
  await page.locator('[data-test=member-history] .el-timeline-item').first().waitFor()

  const { document: width, main } = await overflow()
  assert.ok(width <= PHONE.width, `no horizontal scroll: scrollWidth ${width}`)
  assert.equal(main, 0, 'nothing scrolls sideways inside the frame either')

  // readable: one field per line, all of it on screen, text not shrunk
  const cells = await page.locator('[data-test=member-detail] .el-descriptions__cell').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect()
      return { left: r.left, right: r.right, font: parseFloat(getComputedStyle(e).fontSize), text: e.textContent.trim() }
    }),
  )
  assert.ok(cells.length >= 20, 'labels and values are shown')
  for (const c of cells) {
    assert.ok(c.left >= 0 && c.right <= PHONE.width, `"${c.text}" lies within the screen (${c.left}–${c.right})`)
    assert.ok(c.font >= 12, `"${c.text}" is at least 12 px`)
  }
  const rows = await page.locator('[data-test=member-detail] .el-descriptions__body tr').count()
  assert.ok(rows >= 15, `one field per line (${rows} lines)`)
  const text = await page.locator('[data-test=member-detail]').textContent()
  for (const value of [own.name, own.id_number, own.branch_name, own.probationary_date]) {
    assert.ok(text.includes(value), `the file shows ${value}`)
  }
  assert.ok((await page.locator('[data-test=my-branch]').textContent()).includes(own.branch_name))

  await screenshot(page, 'member-phone.png')

  // the menu lives in a drawer; no member management in it
  assert.equal(await page.locator('[data-test=side-menu]').count(), 0, 'no side menu on a phone')
  await page.click('[data-test=menu-toggle]')
  const drawer = page.locator('[data-test=menu-drawer]')
  await drawer.locator('[data-test=menu-home]').waitFor()
  assert.equal(await drawer.locator('[data-test=menu-member-list]').count(), 0)
  await page.keyboard.press('Escape')
  await drawer.locator('[data-test=menu-home]').waitFor({ state: 'hidden' })

  assert.deepEqual(page.pageErrors, [])
})
