import { reactive } from 'vue'

/**
 * Who is logged in: the access token and the refresh token (kept in localStorage), /api/me, and
 * the plan being looked at.
 */
export const session = reactive({
  token: localStorage.getItem('pt.token') || '',
  refreshToken: localStorage.getItem('pt.refresh') || '',
  me: null,
  plans: [],
  planId: localStorage.getItem('pt.planId') || '',
})

export function setToken(token) {
  session.token = token
  localStorage.setItem('pt.token', token)
}

/** The tokens a login or a refresh answered with. */
export function setTokens({ accessToken, refreshToken }) {
  setToken(accessToken)
  session.refreshToken = refreshToken || ''
  if (refreshToken) localStorage.setItem('pt.refresh', refreshToken)
  else localStorage.removeItem('pt.refresh')
}

export function clearSession() {
  session.token = ''
  session.refreshToken = ''
  session.me = null
  session.plans = []
  localStorage.removeItem('pt.token')
  localStorage.removeItem('pt.refresh')
}

export function setPlan(planId) {
  session.planId = planId
  localStorage.setItem('pt.planId', planId)
}

export const hasRole = (role) => !!session.me?.roles?.includes(role)
export const isCityCommittee = () => hasRole('SUPERVISOR')
export const isCounty = () => hasRole('COUNTY_COMMITTEE')
export const unitCode = () => session.me?.unit?.code || ''
