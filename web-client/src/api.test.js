import { test, before, beforeEach } from 'node:test'
import assert from 'node:assert/strict'

// what the gateway answers, by path and token; each test sets its own
let gateway
const calls = []
let api, downloadByLink, logoutSession, session, setTokens

before(async () => {
  const store = new Map()
  globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, String(v)), removeItem: (k) => store.delete(k) }
  globalThis.fetch = async (path, init = {}) => {
    const call = { path, auth: init.headers?.Authorization, body: init.body ? JSON.parse(init.body) : undefined, key: init.headers?.['Idempotency-Key'] }
    calls.push(call)
    const [status, body] = gateway(call)
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  }
  ;({ api, downloadByLink, logoutSession } = await import('./api.js'))
  ;({ session, setTokens } = await import('./session.js'))
})

beforeEach(() => {
  calls.length = 0
  setTokens({ accessToken: 'old-access', refreshToken: 'refresh-1' })
})

const refreshing = (call) => call.path === '/api/auth/refresh'

test('an expired access token is refreshed once and the call retried with the new one (same Idempotency-Key)', async () => {
  gateway = (call) => {
    if (refreshing(call)) return call.body.refreshToken === 'refresh-1' ? [200, { accessToken: 'new-access', refreshToken: 'refresh-2' }] : [401, {}]
    return call.auth === 'Bearer new-access' ? [201, { reportId: 'r1' }] : [401, { detail: 'expired' }]
  }
  // two calls failing together share one refresh (a refresh token works only once)
  const [a, b] = await Promise.all([
    api('/api/tasks/t1/reports', { method: 'POST', body: { period: '2022-Q2' } }),
    api('/api/me'),
  ])
  assert.equal(a.data.reportId, 'r1')
  assert.equal(b.status, 201)
  assert.equal(calls.filter(refreshing).length, 1)
  const posts = calls.filter((c) => c.path === '/api/tasks/t1/reports')
  assert.equal(posts.length, 2)
  assert.equal(posts[0].key, posts[1].key)
  assert.equal(session.token, 'new-access')
  assert.equal(session.refreshToken, 'refresh-2')
  assert.equal(localStorage.getItem('pt.refresh'), 'refresh-2')
})

test('when the refresh is refused too, the session ends', async () => {
  gateway = (call) => [401, { detail: 'no' }]
  await assert.rejects(api('/api/me'), (e) => e.status === 401)
  assert.equal(session.token, '')
  assert.equal(session.refreshToken, '')
  assert.equal(localStorage.getItem('pt.token'), null)
})

test('a failed login is not refreshed', async () => {
  gateway = (call) => [401, { detail: 'Wrong username or password.' }]
  await assert.rejects(api('/api/auth/login', { method: 'POST', auth: false, body: {} }), (e) => e.status === 401)
  assert.equal(calls.filter(refreshing).length, 0)
})

test('logging out sends the refresh token and the access token to the gateway, and ends the session', async () => {
  gateway = () => [204, undefined]
  await logoutSession()
  const [logout] = calls
  assert.equal(logout.path, '/api/auth/logout')
  assert.equal(logout.auth, 'Bearer old-access')
  assert.deepEqual(logout.body, { refreshToken: 'refresh-1' })
  assert.equal(session.token, '')
  assert.equal(localStorage.getItem('pt.refresh'), null)
})

test('logging out with an expired access token still revokes the refresh token', async () => {
  gateway = (call) => (call.auth ? [401, { detail: 'expired' }] : [204, undefined])
  await logoutSession()
  assert.equal(calls.length, 2)
  assert.equal(calls[1].auth, undefined)
  assert.deepEqual(calls[1].body, { refreshToken: 'refresh-1' })
})

// the anchors the page clicks to download (only what downloadByLink touches)
function fakeDocument() {
  const clicked = []
  globalThis.document = {
    body: { appendChild: () => {} },
    createElement: (tag) => {
      const element = { tag, click: () => clicked.push({ href: element.href, download: element.download }), remove: () => {} }
      return element
    },
  }
  return clicked
}

test('an evidence file is downloaded by a short-lived link that the browser opens without the token', async () => {
  const clicked = fakeDocument()
  gateway = (call) => (call.path === '/api/attachments/a%2F1/link'
    ? [200, { url: '/api/attachments/links/YXR0.sig', expiresAt: '2026-12-01T08:05:00Z' }]
    : [404, {}])
  await downloadByLink('a/1')
  assert.deepEqual(calls.map((c) => c.path), ['/api/attachments/a%2F1/link'])
  assert.equal(calls[0].auth, 'Bearer old-access')
  assert.ok(calls[0].key, 'asked with an Idempotency-Key, as every POST')
  // the file itself is not fetched here (no blob, no token): the browser follows the link
  assert.deepEqual(clicked, [{ href: '/api/attachments/links/YXR0.sig', download: '' }])
})

test('an erased file gives no link: the 410 is the caller\'s to show, and nothing is opened', async () => {
  const clicked = fakeDocument()
  gateway = () => [410, { status: 410, detail: 'This file was erased by jixi-committee on 2026-12-01T08:00:00Z …' }]
  await assert.rejects(downloadByLink('a1'), (e) => e.status === 410)
  assert.deepEqual(clicked, [])
})
