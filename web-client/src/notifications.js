import { reactive } from 'vue'
import { session } from './session.js'
import { get, refreshSession } from './api.js'
import { readEvents } from './sse.js'

/**
 * The unit's live notifications. EventSource cannot send an Authorization header, so the SSE stream
 * is read with fetch and a stream reader; on a break it reconnects with Last-Event-ID (the last
 * position seen), so nothing is missed or seen twice.
 */
export const live = reactive({ connected: false, unread: 0, lastPosition: null, latest: [] })

const listeners = new Set()
let controller = null
let retryTimer = null
let retryDelay = 1000

export function onNotification(listener) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export async function refreshUnread() {
  try {
    live.unread = (await get('/api/notifications/unread-count')).unread
  } catch {
    /* the badge keeps its last count */
  }
}

export function startLive() {
  stopLive()
  refreshUnread()
  connect()
}

export function stopLive() {
  if (controller) controller.abort()
  controller = null
  clearTimeout(retryTimer)
  live.connected = false
}

async function connect() {
  if (!session.token) return
  const mine = new AbortController()
  controller = mine
  const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${session.token}` }
  if (live.lastPosition != null) headers['Last-Event-ID'] = String(live.lastPosition)
  try {
    const response = await fetch('/api/notifications/stream', { headers, signal: mine.signal })
    // an expired access token: refreshed, and the next try (below) uses the new one
    if (response.status === 401) await refreshSession()
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`)
    live.connected = true
    retryDelay = 1000
    await readEvents(response.body, handleEvent)
  } catch (e) {
    if (mine.signal.aborted) return
  }
  if (controller !== mine) return
  live.connected = false
  retryTimer = setTimeout(connect, retryDelay)
  retryDelay = Math.min(retryDelay * 2, 30000)
}

function handleEvent(event) {
  if (event.id) live.lastPosition = event.id
  if (event.event !== 'notification' || !event.data) return
  let notification
  try {
    notification = JSON.parse(event.data)
  } catch {
    return
  }
  if (!notification.read) live.unread += 1
  live.latest.unshift(notification)
  live.latest.splice(20)
  for (const listener of listeners) listener(notification)
}
