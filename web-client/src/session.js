import { reactive } from 'vue'

/** Who is logged in: the token (kept in localStorage), /api/me, and the plan being looked at. */
export const session = reactive({
  token: localStorage.getItem('pt.token') || '',
  me: null,
  plans: [],
  planId: localStorage.getItem('pt.planId') || '',
})

export function setToken(token) {
  session.token = token
  localStorage.setItem('pt.token', token)
}

export function clearSession() {
  session.token = ''
  session.me = null
  session.plans = []
  localStorage.removeItem('pt.token')
}

export function setPlan(planId) {
  session.planId = planId
  localStorage.setItem('pt.planId', planId)
}

export const hasRole = (role) => !!session.me?.roles?.includes(role)
export const isCityCommittee = () => hasRole('SUPERVISOR')
export const isCounty = () => hasRole('COUNTY_COMMITTEE')
export const unitCode = () => session.me?.unit?.code || ''
