import { createRouter, createWebHashHistory } from 'vue-router'
import { session, isCityCommittee, isCounty, unitCode, setPlan, clearSession } from './session.js'
import { get } from './api.js'
import LoginView from './views/LoginView.vue'
import DashboardView from './views/DashboardView.vue'
import CountyView from './views/CountyView.vue'
import TaskListView from './views/TaskListView.vue'
import TaskView from './views/TaskView.vue'
import ReportView from './views/ReportView.vue'
import InboxView from './views/InboxView.vue'
import ImportView from './views/ImportView.vue'
import SubscriptionsView from './views/SubscriptionsView.vue'
import LeadView from './views/LeadView.vue'

// Hash routes: the gateway serves one index.html at / and needs no fallback for client paths.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', component: LoginView, meta: { public: true } },
    // after the global guard has loaded the caller: each role has its own first page
    { path: '/', component: { render: () => null }, beforeEnter: () => homeOf() },
    { path: '/dashboard', component: DashboardView },
    { path: '/county/:code?', component: CountyView },
    { path: '/tasks', component: TaskListView },
    { path: '/tasks/:taskId', component: TaskView },
    { path: '/tasks/:taskId/report', component: ReportView },
    { path: '/inbox', component: InboxView },
    { path: '/import', component: ImportView },
    { path: '/subscriptions', component: SubscriptionsView },
    { path: '/lead/:code?', component: LeadView },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})

export function homeOf() {
  if (isCityCommittee()) return '/dashboard'
  if (isCounty()) return `/county/${unitCode()}`
  return '/tasks'
}

/** Loads who the caller is and which plans exist once per session. */
export async function loadSession() {
  session.me = await get('/api/me')
  session.plans = await get('/api/plans')
  if (!session.plans.some((p) => p.planId === session.planId)) {
    setPlan(session.plans.length ? session.plans[0].planId : '')
  }
}

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (!session.token) return { path: '/login', query: { next: to.fullPath } }
  if (!session.me) {
    try {
      await loadSession()
    } catch {
      clearSession()
      return { path: '/login', query: { next: to.fullPath } }
    }
  }
  return true
})
