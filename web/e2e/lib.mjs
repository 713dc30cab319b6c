// Shared helpers of the browser tests: the browser, signing in, the API through the page's own
// cookies, polling assertions, ID numbers and .xlsx files.
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import ExcelJS from 'exceljs'

const e2eDir = path.dirname(fileURLToPath(import.meta.url))

export const BASE = process.env.DJ_E2E_URL ?? ''
export const PASSWORD = 'dangjian-demo'
export const SCREENSHOTS = path.resolve(
  process.env.DJ_E2E_SCREENSHOTS || path.resolve(e2eDir, '../../docs/screenshots'),
)
export const DESKTOP = { width: 1440, height: 900 }
export const PHONE = { width: 360, height: 740 }

if (!BASE) throw new Error('DJ_E2E_URL is not set: run the browser tests with `npm run e2e`')

/** Debian's Chromium; never a downloaded browser. */
export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** A fresh context (own cookies and storage) and page; errors of the page fail the test. */
export async function newPage(browser, viewport = DESKTOP) {
  const context = await browser.newContext({
    baseURL: BASE,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  const pageErrors = []
  page.on('pageerror', (e) => pageErrors.push(e))
  page.pageErrors = pageErrors
  return page
}

/** Signs in through the form and waits for the frame. */
export async function login(page, username) {
  if (new URL(page.url(), BASE).pathname !== '/login' || !(await page.locator('[data-test=login-form]').count())) {
    await page.goto('/login')
  }
  await page.fill('[data-test=login-username]', username)
  await page.fill('[data-test=login-password]', PASSWORD)
  await page.click('[data-test=login-submit]')
  await page.waitForSelector('[data-test=header-user]')
  assert.equal(new URL(page.url()).pathname === '/login', false, 'still on the sign-in page')
}

/** GET an API route with the page's cookies; returns `data` or throws with the envelope. */
export async function api(page, route) {
  const r = await page.request.get(route)
  const body = await r.json()
  if (!r.ok() || body.code !== 0) throw new Error(`GET ${route} → ${r.status()} ${JSON.stringify(body)}`)
  return body.data
}

/** POST `body` as JSON to an API route with the page's cookies and CSRF token; returns `data`. */
export async function apiPost(page, route, body) {
  const me = await api(page, '/api/auth/me')
  const r = await page.request.post(route, { data: body, headers: { 'X-CSRF-Token': me.csrf_token } })
  const reply = await r.json()
  if (!r.ok() || reply.code !== 0) throw new Error(`POST ${route} → ${r.status()} ${JSON.stringify(reply)}`)
  return reply.data
}

/** The status of a GET with the page's cookies. */
export async function apiStatus(page, route) {
  return (await page.request.get(route)).status()
}

/** Polls `read` until it returns `expected` (deepEqual); fails with the last value seen. */
export async function eventually(read, expected, message, timeout = 15_000) {
  const deadline = Date.now() + timeout
  let last
  for (;;) {
    try {
      last = await read()
      assert.deepEqual(last, expected)
      return last
    } catch (e) {
      if (Date.now() > deadline) {
        throw new assert.AssertionError({
          message: `${message}: expected ${JSON.stringify(expected)}, last seen ${JSON.stringify(last)}${
            e instanceof assert.AssertionError ? '' : ` (${e.message})`
          }`,
          actual: last,
          expected,
          operator: 'eventually',
        })
      }
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** The number in a text ("共 1,234 条" → 1234). */
export function numberIn(text) {
  const digits = String(text ?? '').replace(/[^\d]/g, '')
  return digits === '' ? NaN : Number(digits)
}

/** The total the member list's pager shows. */
export async function pagerTotal(page) {
  return numberIn(await page.locator('[data-test=member-pager] .el-pagination__total').textContent())
}

/** Waits for the member list to have loaded (no loading mask) and returns its pager total. */
export async function listTotal(page) {
  await page.waitForSelector('[data-test=member-table]')
  await page.waitForFunction(
    () => !document.querySelector('[data-test=member-table] .el-loading-mask:not([style*="display: none"])'),
  )
  return pagerTotal(page)
}

/** Names in the member list's rows, top to bottom. */
export async function listNames(page) {
  return page
    .locator('tr[data-test=member-row] [data-test^=member-name-]')
    .evaluateAll((els) => els.map((e) => e.textContent.trim()))
}

/** Chooses an option of an Element Plus select (the dropdown lives in <body>). */
export async function choose(page, selectTest, optionText) {
  await page.click(`[data-test=${selectTest}]`)
  const option = page
    .locator('.el-select-dropdown:visible .el-select-dropdown__item')
    .filter({ hasText: new RegExp(`^\\s*${optionText}\\s*$`) })
  await option.first().click()
}

/**
 * The <input> of the form field with this label, inside `scope` (a dialog). Date pickers are
 * found this way because Element Plus 2.13's el-date-picker drops a `data-test` attribute (it
 * goes to its tooltip, which renders none), so web/README.md's `member-form-birth-date` & co.
 * are not in the DOM.
 */
export function fieldInput(scope, label) {
  return scope
    .locator('.el-form-item')
    .filter({ has: scope.page().locator('.el-form-item__label', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) })
    .locator('input')
}

/** Types a date (YYYY-MM-DD) into the date picker of the field with this label. */
export async function fillDate(scope, label, iso) {
  const input = fieldInput(scope, label)
  await input.click()
  await input.fill(iso)
  await input.press('Enter')
  assert.equal(await input.inputValue(), iso, `date field ${label}`)
}

/** Waits until the ECharts canvases have finished their entry animation (two equal frames). */
async function chartsSettled(page) {
  await page.waitForFunction(
    () => {
      const now = [...document.querySelectorAll('canvas')].map((c) => c.toDataURL().length + ':' + c.toDataURL().slice(-64)).join('|')
      const same = window.__djLastCharts === now
      window.__djLastCharts = now
      return same
    },
    undefined,
    { polling: 250 },
  )
}

/**
 * A full-page PNG. The frame scrolls inside <el-main>, not the document, so the viewport is
 * made as tall as the content for the shot and then restored.
 */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.evaluate(() => document.fonts.ready)
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'))
  await chartsSettled(page)
  const viewport = page.viewportSize()
  const height = await page.evaluate(() => {
    const main = document.querySelector('.el-main')
    if (!main) return document.documentElement.scrollHeight
    return Math.ceil(main.getBoundingClientRect().top + main.scrollHeight)
  })
  if (height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height })
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
  }
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true, animations: 'disabled' })
  if (height > viewport.height) await page.setViewportSize(viewport)
}

// ---------------------------------------------------------------- ID numbers (GB 11643)

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export function checkDigit(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

/** A valid 18-character ID number for the birth date and gender (17th digit odd = male). */
export function idNumber(birthDate, gender, region = '110101') {
  let seq = 1 + Math.floor(Math.random() * 499) * 2 // odd, 1..997
  if (gender === 'female') seq += 1 // even, 2..998
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`
  return first17 + checkDigit(first17)
}

/** The same ID number with a wrong check digit. */
export function withBadCheckDigit(id) {
  const good = id[17]
  const bad = CHECK.split('').find((c) => c !== good)
  return id.slice(0, 17) + bad
}

/** A random birth date between 1970 and 1995 (so admission at 18+ and a year of probation fit). */
export function randomBirthDate() {
  const y = 1970 + Math.floor(Math.random() * 26)
  const m = 1 + Math.floor(Math.random() * 12)
  const d = 1 + Math.floor(Math.random() * 28)
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

export function addYears(iso, years) {
  const [y, m, d] = iso.split('-')
  return `${Number(y) + years}-${m}-${d}`
}

const HAN = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土风云雷电山川松竹梅兰菊'
/** A random Chinese tag, to make names unique to one run. */
export function randomTag(n = 3) {
  let s = ''
  for (let i = 0; i < n; i++) s += HAN[Math.floor(Math.random() * HAN.length)]
  return s
}

/** A name that no member has yet (searched through the API). */
export async function unusedName(page, prefix) {
  for (;;) {
    const name = prefix + randomTag(3)
    const found = await api(page, `/api/members?name=${encodeURIComponent(name)}&page_size=1`)
    if (found.total === 0) return name
  }
}

// ---------------------------------------------------------------- xlsx

/**
 * Builds an import file from the server's template at `templateRoute`: its header row (texts
 * with `*` for the required columns) stays, and `rows` (objects keyed by the header text
 * without `*`) follow. `expect` names headers the template must have.
 */
export async function sheetFromTemplate(page, templateRoute, rows, expect = []) {
  const r = await page.request.get(templateRoute)
  assert.equal(r.status(), 200, 'template download')
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await r.body())
  const ws = wb.worksheets[0]
  const headers = []
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    headers[col] = String(cell.value).replace(/\*$/, '').trim()
  })
  for (const h of expect) assert.ok(headers.includes(h), `template headers ${headers}`)
  // drop whatever example rows the template carries
  if (ws.rowCount > 1) ws.spliceRows(2, ws.rowCount - 1)
  rows.forEach((row, i) => {
    const target = ws.getRow(i + 2)
    for (const [key, value] of Object.entries(row)) {
      const col = headers.indexOf(key)
      assert.ok(col > 0, `no column ${key} in the template`)
      target.getCell(col).value = value
    }
    target.commit()
  })
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A member roster built from the server's import template (see sheetFromTemplate). */
export function rosterFromTemplate(page, rows) {
  return sheetFromTemplate(page, '/api/members/import/template', rows, ['身份证号', '所在支部编码'])
}

/** Reads the first sheet of an .xlsx file → { header: [text], rows: [[value]] }. */
export async function readSheet(file) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const ws = wb.worksheets[0]
  const values = []
  ws.eachRow({ includeEmpty: false }, (row) => {
    const v = row.values.slice(1).map((c) => (c && typeof c === 'object' && 'richText' in c ? c.richText.map((t) => t.text).join('') : c))
    values.push(v)
  })
  return { header: (values[0] ?? []).map(String), rows: values.slice(1) }
}

// ---------------------------------------------------------------- the tree

/** The first `n` branches found going down the first children from `fromId` (through the API). */
export async function findBranches(page, fromId, n) {
  const found = []
  const stack = [fromId]
  while (stack.length && found.length < n) {
    const id = stack.shift()
    const children = await api(page, `/api/orgs/${id}/children`)
    for (const c of children) if (c.kind === 'branch' && found.length < n) found.push(c)
    if (found.length < n) {
      const next = children.find((c) => c.has_children && c.kind !== 'branch')
      if (next) stack.push(next.id)
    }
  }
  if (found.length < n) throw new Error(`found only ${found.length} branches under ${fromId}`)
  return found
}

/** Selects a node in the header's org-tree picker by its id (the picker's 定位). */
export async function pickNode(page, id, name) {
  await page.click('[data-test=org-picker]')
  const tree = page.locator('[data-test=org-picker-tree]')
  await tree.waitFor()
  await page.fill('[data-test=org-picker-tree-locate]', String(id))
  await page.click('[data-test=org-picker-tree-locate-button]')
  await tree.waitFor({ state: 'hidden' })
  await eventually(async () => (await page.locator('[data-test=org-picker]').textContent()).trim(), name, 'picker shows the node')
}
