import { test, before } from 'node:test'
import assert from 'node:assert/strict'

let i18n
before(async () => {
  const store = new Map()
  globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, String(v)), removeItem: (k) => store.delete(k) }
  i18n = await import('./i18n.js')
  // only what setLocale touches (Vue looks for a real document when it is loaded)
  globalThis.document = { documentElement: {} }
})

test('server field messages are shown in Chinese, numbers kept', () => {
  i18n.setLocale('zh-CN')
  assert.equal(i18n.serverMessage('is required'), '必填')
  assert.equal(i18n.serverMessage('must be at most 2000 characters'), '不能超过 2000 个字')
  assert.equal(i18n.serverMessage('must be an http or https URL'), '须为 http 或 https 网址')
  assert.match(i18n.serverMessage('some new rule'), /^填写有误（some new rule）$/)
})

test('in English the server\'s words are shown as they are', () => {
  i18n.setLocale('en')
  assert.equal(i18n.serverMessage('must be at most 2000 characters'), 'must be at most 2000 characters')
  i18n.setLocale('zh-CN')
})

test('every message key has its English text and fills its parameters', () => {
  i18n.setLocale('en')
  assert.equal(i18n.t('county.rows', { n: 30 }), '30 tasks for this county')
  assert.equal(i18n.t('menu.dashboard'), 'City dashboard')
  i18n.setLocale('zh-CN')
  assert.equal(i18n.t('county.rows', { n: 30 }), '本县区承担 30 项任务')
})

test('the importer\'s warnings are shown in Chinese, names and codes kept', () => {
  i18n.setLocale('zh-CN')
  assert.equal(i18n.importWarning('task 6: 市文化广电和旅游局 read as 市文体广电和旅游局 (jixi-culture-tourism)'),
    '任务 6：“市文化广电和旅游局”按“市文体广电和旅游局”（jixi-culture-tourism）识别')
  assert.equal(i18n.importWarning('tasks 3, 12: 市直关工委 names no member units in this plan: assigned as itself'),
    '任务 3、12：“市直关工委”在本方案中未列出成员单位，按其本身分配')
  assert.equal(i18n.importWarning('task 20: 市科协 is not in the 鸡西市 units registry: registered as a new city department, code jixi-dept-0a1b2c3d'),
    '任务 20：“市科协”不在鸡西市单位名录中，将登记为新的市直部门（代码 jixi-dept-0a1b2c3d）')
  assert.match(i18n.importWarning('something new'), /^提示（something new）$/)
  i18n.setLocale('en')
  assert.equal(i18n.importWarning('task 6: a read as b (c)'), 'task 6: a read as b (c)')
  i18n.setLocale('zh-CN')
})
