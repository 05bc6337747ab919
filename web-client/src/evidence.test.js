import { test, before } from 'node:test'
import assert from 'node:assert/strict'

let evidence
let i18n
before(async () => {
  const store = new Map()
  globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, String(v)), removeItem: (k) => store.delete(k) }
  i18n = await import('./i18n.js')
  evidence = await import('./evidence.js')
  // only what setLocale touches (Vue looks for a real document when it is loaded)
  globalThis.document = { documentElement: {} }
  i18n.setLocale('zh-CN')
})

// the problem details progress-service sends (AttachmentController)
const tooLarge = {
  status: 413, detail: 'The file 会议纪要.pdf is 25.0 MB; a file may be at most 20.0 MB.',
  errors: [{ field: 'files', message: '会议纪要.pdf is larger than 20.0 MB' }],
}
const reportFull = {
  status: 413, detail: 'With the file 照片2.jpg the evidence of report r1 would hold 101.0 MB; a report\'s files may hold at most 100.0 MB.',
  errors: [{ field: 'files', message: '照片2.jpg exceeds the report\'s 100.0 MB' }],
}
const wrongType = {
  status: 415, detail: 'The file setup.exe is an executable (application/x-msdownload); evidence is accepted as PDF, images, Word, Excel or WPS documents.',
  errors: [{ field: 'files', message: 'setup.exe is an executable (application/x-msdownload)' }],
}

test('a refusal names the refused file in Chinese, and why', () => {
  assert.equal(evidence.refusalMessage(413, tooLarge, ['照片.jpg', '会议纪要.pdf']),
    '“会议纪要.pdf”超过单个文件 20 MB 的上限，未上传。本次选择的文件均未保存，请去掉该文件后重新上传。')
  assert.equal(evidence.refusalMessage(413, reportFull, ['照片2.jpg']), '加上“照片2.jpg”后，本报告的佐证材料将超过 100 MB 的上限，未上传。')
  assert.equal(evidence.refusalMessage(415, wrongType, ['setup.exe']),
    '“setup.exe”的文件类型不允许上传（仅限 PDF、图片、Word、Excel 和 WPS 文档），未上传。')
  assert.equal(evidence.refusalMessage(400, { errors: [{ field: 'files', message: '空.pdf is empty' }] }, ['空.pdf']), '“空.pdf”是空文件，未上传。')
})

test('the longest sent name that the server named wins', () => {
  const problem = { errors: [{ field: 'files', message: 'data.pdf is larger than 20.0 MB' }] }
  assert.equal(evidence.refusedFile(problem, ['a.pdf', 'data.pdf']), 'data.pdf')
  assert.equal(evidence.refusedFile({ detail: 'The file a.pdf is 30.0 MB' }, ['a.pdf', 'data.pdf']), 'a.pdf')
  assert.equal(evidence.refusedFile({}, ['a.pdf']), '')
})

test('in English the refusal says the same', () => {
  i18n.setLocale('en')
  assert.equal(evidence.refusalMessage(415, wrongType, ['setup.exe']),
    '"setup.exe" is of a type that is not accepted (PDF, images, Word, Excel and WPS documents only); not uploaded.')
  i18n.setLocale('zh-CN')
})

test('sizes are readable and only images and PDFs are previewed', () => {
  assert.equal(evidence.formatSize(512), '512 B')
  assert.equal(evidence.formatSize(482113), '470.8 KB')
  assert.equal(evidence.formatSize(25 * 1024 * 1024), '25.0 MB')
  assert.ok(evidence.previewable('image/png'))
  assert.ok(evidence.previewable('application/pdf'))
  assert.ok(!evidence.previewable('application/vnd.openxmlformats-officedocument.wordprocessingml.document'))
})

test('an erasure needs a reason of at most 2000 characters', () => {
  assert.equal(evidence.erasureReasonProblem('  '), '请填写删除理由')
  assert.equal(evidence.erasureReasonProblem(undefined), '请填写删除理由')
  assert.equal(evidence.erasureReasonProblem('x'.repeat(2001)), '删除理由不能超过 2000 个字')
  assert.equal(evidence.erasureReasonProblem(' 当事人申请删除个人信息 '), '')
})

test('an erased file is shown as 已删除 with who erased it, when, why, and its hash; others by their name', () => {
  const sha = '9f2c'.repeat(16)
  const erased = {
    attachmentId: 'a1', fileName: '已删除', size: 482113, mediaType: 'image/png', sha256: sha, erased: true,
    erasedAt: '2026-12-01T08:00:00Z', erasedBy: 'jixi-committee', erasureReason: '当事人申请删除个人信息',
  }
  const entry = evidence.fileEntry(erased, { 'jixi-committee': '市关工委' }, (iso) => `[${iso}]`)
  assert.equal(entry.name, '已删除')
  assert.ok(entry.erased)
  assert.equal(entry.note, '市关工委于 [2026-12-01T08:00:00Z] 删除（当事人申请删除个人信息），仅保留文件记录')
  assert.equal(entry.hash, `SHA-256：${sha}`)
  assert.deepEqual(evidence.fileEntry({ fileName: '会议纪要.pdf', erased: false, sha256: sha }),
    { name: '会议纪要.pdf', erased: false, note: '', hash: '' })
  i18n.setLocale('en')
  assert.equal(evidence.fileEntry(erased).name, 'Erased')
  assert.equal(evidence.fileEntry(erased).note, 'Erased by jixi-committee on 2026-12-01T08:00:00Z (当事人申请删除个人信息); only its record is kept')
  i18n.setLocale('zh-CN')
})
