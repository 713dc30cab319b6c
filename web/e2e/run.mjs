// Browser tests: starts one `dangjian serve --demo` on a fresh temporary database, runs every
// e2e/*.test.mjs with node:test against it (one file at a time), and stops the server even
// when the tests fail or the run is interrupted.
//
//   npm run e2e                       (after npm run build: the server serves web/dist)
//   DJ_BINARY=path/to/dangjian        server binary (default build/release/src/app/dangjian)
//   DJ_E2E_SCREENSHOTS=dir            where the PNGs go (default docs/screenshots)
//   node e2e/run.mjs members.test.mjs only the named test files
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const e2eDir = path.dirname(fileURLToPath(import.meta.url))
const webDir = path.resolve(e2eDir, '..')
const repoDir = path.resolve(webDir, '..')

const binary = path.resolve(process.env.DJ_BINARY || path.join(repoDir, 'build/release/src/app/dangjian'))
const staticDir = path.join(webDir, 'dist')
const screenshots = path.resolve(process.env.DJ_E2E_SCREENSHOTS || path.join(repoDir, 'docs/screenshots'))
const STARTUP_TIMEOUT_MS = Number(process.env.DJ_E2E_STARTUP_TIMEOUT_MS || 180_000)

function fail(message) {
  console.error(`e2e: ${message}`)
  process.exit(2)
}

if (!existsSync(binary)) fail(`no server binary at ${binary} (build it, or set DJ_BINARY)`)
if (!existsSync(path.join(staticDir, 'index.html'))) fail(`no ${staticDir}/index.html: run \`npm run build\` in web/ first`)
if (!existsSync('/usr/bin/chromium')) fail('no /usr/bin/chromium (Debian package chromium; scripts/setup installs it)')

const wanted = process.argv.slice(2)
const files = readdirSync(e2eDir)
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort()
  .map((f) => path.join(e2eDir, f))
if (files.length === 0) fail('no test files matched')

const dbDir = mkdtempSync(path.join(tmpdir(), 'dangjian-e2e-'))
let server = null
let tests = null

function stopAll() {
  if (tests && tests.exitCode === null) tests.kill('SIGTERM')
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM')
    const hard = setTimeout(() => server.exitCode === null && server.kill('SIGKILL'), 5000)
    hard.unref()
  }
}

function cleanup() {
  stopAll()
  try {
    rmSync(dbDir, { recursive: true, force: true })
  } catch {
    // best effort
  }
}

process.on('exit', () => {
  // synchronous last resort: the server must not outlive the run
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL')
  try {
    rmSync(dbDir, { recursive: true, force: true })
  } catch {
    // best effort
  }
})
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`e2e: ${signal}, stopping`)
    cleanup()
    process.exit(130)
  })
}

/** Starts the server on a free port (--port 0) and resolves with its base URL. */
function startServer() {
  return new Promise((resolve, reject) => {
    const args = [
      'serve',
      '--demo',
      // One year of meetings instead of five: the debug (sanitizer) build writes the province's
      // five years too slowly for the start-up timeout, and the tests need only recent records.
      '--demo-years',
      '1',
      '--db',
      path.join(dbDir, 'e2e.db'),
      '--port',
      '0',
      '--static-dir',
      staticDir,
      '--no-access-log',
    ]
    console.log(`e2e: ${binary} ${args.join(' ')}`)
    server = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    const timer = setTimeout(() => reject(new Error(`server did not start in ${STARTUP_TIMEOUT_MS} ms:\n${out}`)), STARTUP_TIMEOUT_MS)
    const onData = (chunk) => {
      const text = chunk.toString()
      out += text
      if (process.env.DJ_E2E_VERBOSE) process.stderr.write(text)
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(`http://127.0.0.1:${m[1]}`)
      }
    }
    server.stdout.on('data', onData)
    server.stderr.on('data', (chunk) => {
      const text = chunk.toString()
      out += text
      // ASan and server errors are worth seeing even after start-up
      if (/ERROR|runtime error|Sanitizer/.test(text) || process.env.DJ_E2E_VERBOSE) process.stderr.write(text)
    })
    server.on('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${out}`))
    })
  })
}

async function waitHealthy(base) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS
  for (;;) {
    try {
      const r = await fetch(`${base}/api/health`)
      const body = await r.json()
      if (r.ok && body.data?.status === 'ok') return body.data
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) throw new Error('GET /api/health never answered ok')
    await new Promise((r) => setTimeout(r, 200))
  }
}

let status = 1
const started = Date.now()
try {
  const base = await startServer()
  const health = await waitHealthy(base)
  console.log(`e2e: server ${base} ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${health.nodes} org nodes)`)
  server.on('exit', (code, signal) => {
    if (tests && tests.exitCode === null) console.error(`e2e: server died during the tests (${code ?? signal})`)
  })
  tests = spawn(
    process.execPath,
    ['--test', '--test-concurrency=1', '--test-timeout=120000', '--test-reporter=spec', ...files],
    {
      stdio: 'inherit',
      cwd: webDir,
      env: { ...process.env, DJ_E2E_URL: base, DJ_E2E_SCREENSHOTS: screenshots },
    },
  )
  status = await new Promise((resolve) => tests.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))))
  if (server.exitCode !== null || server.signalCode !== null) {
    console.error('e2e: the server is no longer running at the end of the tests')
    status = status || 1
  }
} catch (e) {
  console.error(`e2e: ${e instanceof Error ? e.message : e}`)
  status = 1
} finally {
  cleanup()
}
console.log(`e2e: finished in ${((Date.now() - started) / 1000).toFixed(1)} s`)
process.exit(status)
