import { session, clearSession, setTokens } from './session.js'
import { t } from './i18n.js'

/** A failed call: the RFC 7807 problem details the server sent (status, title, detail, errors[{field, message}]). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`)
    this.status = status
    this.problem = problem || {}
    this.errors = Array.isArray(problem?.errors) ? problem.errors : []
  }

  /** field -> message, from errors[] ("figures[0].value" stays as it is). */
  fieldErrors() {
    const byField = {}
    for (const e of this.errors) {
      // "problems[0].<list element>" (a constraint on a list's element) is the element "problems[0]"
      const field = e.field ? e.field.replace(/\.<[^>]+>$/, '') : ''
      if (field && !byField[field]) byField[field] = e.message
    }
    return byField
  }

  /** What a user reads: in the user's language for the usual statuses. */
  userMessage() {
    switch (this.status) {
      case 0: return t('common.network')
      case 401: return t('common.sessionExpired')
      case 403: return t('common.forbidden')
      case 404: return t('common.notFound')
      case 409: return t('common.conflict')
      case 502: case 503: case 504: return t('common.serviceDown')
      default: return this.status >= 500 ? t('common.serviceDown') : t('common.badRequest')
    }
  }
}

function newKey() {
  return crypto.randomUUID ? crypto.randomUUID()
    : 'k-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2)
}

let refreshing = null

/**
 * Exchanges the refresh token for new tokens (access tokens live minutes); true when it worked.
 * Calls that fail together share one refresh: a refresh token works only once.
 */
export function refreshSession() {
  if (!session.refreshToken) return Promise.resolve(false)
  if (!refreshing) {
    const sent = session.refreshToken
    refreshing = fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: sent }),
    })
      .then(async (response) => {
        if (!response.ok) return false
        const data = await response.json()
        if (session.refreshToken === sent) setTokens(data)
        return true
      })
      .catch(() => false)
      .finally(() => { refreshing = null })
  }
  return refreshing
}

/** Logs out at the gateway: the refresh token and the current access token are revoked there. */
export async function logoutSession() {
  const headers = { 'Content-Type': 'application/json' }
  if (session.token) headers.Authorization = `Bearer ${session.token}`
  const refreshToken = session.refreshToken
  clearSession()
  try {
    const body = JSON.stringify({ refreshToken })
    const response = await fetch('/api/auth/logout', { method: 'POST', headers, body })
    // an access token that has expired already is refused: the refresh token is revoked without it
    if (response.status === 401) {
      delete headers.Authorization
      await fetch('/api/auth/logout', { method: 'POST', headers, body })
    }
  } catch {
    // the local session is gone either way
  }
}

/**
 * Calls the gateway. Every POST carries an Idempotency-Key (a retry of the same call may pass the
 * same key in options.idempotencyKey). A 401 on an authenticated call refreshes the tokens once and
 * retries; when that fails too, it ends the session.
 */
export async function api(path, options = {}) {
  const { method = 'GET', auth = true } = options
  if (method === 'POST' && !options.idempotencyKey) options = { ...options, idempotencyKey: newKey() }
  try {
    return await call(path, options)
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401 || !auth || !(await refreshSession())) {
      if (e instanceof ApiError && e.status === 401 && auth) clearSession()
      throw e
    }
  }
  try {
    return await call(path, options)
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && auth) clearSession()
    throw e
  }
}

async function call(path, { method = 'GET', body, text, headers = {}, idempotencyKey, auth = true } = {}) {
  const h = { Accept: 'application/json', ...headers }
  if (auth && session.token) h.Authorization = `Bearer ${session.token}`
  let payload
  if (text !== undefined) {
    h['Content-Type'] = 'text/plain;charset=UTF-8'
    payload = text
  } else if (body !== undefined) {
    h['Content-Type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  if (method === 'POST') h['Idempotency-Key'] = idempotencyKey || newKey()
  let response
  try {
    response = await fetch(path, { method, headers: h, body: payload })
  } catch (e) {
    throw new ApiError(0, { detail: String(e) })
  }
  const type = response.headers.get('Content-Type') || ''
  const data = type.includes('json') ? await response.json().catch(() => null) : null
  if (!response.ok) throw new ApiError(response.status, data)
  return { status: response.status, data }
}

export const get = async (path) => (await api(path)).data
export const post = async (path, body, options = {}) => (await api(path, { method: 'POST', body, ...options })).data

/** Fetches a file with the token (a plain link cannot carry the Authorization header): {blob, name}. */
export async function fetchFile(path, fallbackName) {
  const fetchIt = () => fetch(path, { headers: { Authorization: `Bearer ${session.token}` } })
  let response
  try {
    response = await fetchIt()
    if (response.status === 401 && (await refreshSession())) response = await fetchIt()
  } catch (e) {
    throw new ApiError(0, { detail: String(e) })
  }
  if (!response.ok) {
    if (response.status === 401) clearSession()
    throw new ApiError(response.status, await response.json().catch(() => null))
  }
  const disposition = response.headers.get('Content-Disposition') || ''
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName
  return { blob: await response.blob(), name }
}

/** Saves a blob under a name, as the browser's download. */
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/**
 * Downloads an evidence file by a short-lived link (POST /api/attachments/{id}/link): the browser fetches
 * the link itself, without the token, and saves the file as it streams in, instead of holding the whole
 * file in memory first. Refusals (403, 410 for an erased file) come from asking for the link.
 */
export async function downloadByLink(attachmentId) {
  const { url } = await post(`/api/attachments/${encodeURIComponent(attachmentId)}/link`)
  const a = document.createElement('a')
  a.href = url
  // the file's name comes from the server's Content-Disposition
  a.download = ''
  document.body.appendChild(a)
  a.click()
  a.remove()
}

/** Downloads a file the server writes (an export): fetched with the token, saved under the server's name. */
export async function downloadExport(path, fallbackName) {
  const { blob, name } = await fetchFile(path, fallbackName)
  saveBlob(blob, name)
}

/**
 * Sends files as multipart/form-data, each as a part named `files` (the browser sets the boundary).
 * No Idempotency-Key: a keyed request is kept whole for replay and so limited to 4 MB.
 */
export async function uploadFiles(path, files) {
  const form = new FormData()
  for (const file of files) form.append('files', file, file.name)
  const send = () => fetch(path, { method: 'POST', headers: { Accept: 'application/json', Authorization: `Bearer ${session.token}` }, body: form })
  let response
  try {
    response = await send()
    // an expired access token: refreshed once, the same files sent again (nothing was stored on a 401)
    if (response.status === 401 && (await refreshSession())) response = await send()
  } catch (e) {
    throw new ApiError(0, { detail: String(e) })
  }
  const data = await response.json().catch(() => null)
  if (!response.ok) {
    if (response.status === 401) clearSession()
    throw new ApiError(response.status, data)
  }
  return data
}

/** Rows as a CSV file the user downloads (the 台账 export); a BOM so that Excel reads the Chinese. */
export function downloadCsv(filename, header, rows) {
  const cell = (v) => {
    const s = v == null ? '' : String(v)
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
  }
  const csv = [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')
  const url = URL.createObjectURL(new Blob(['\uFEFF' + csv], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
