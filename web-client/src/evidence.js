import { t } from './i18n.js'

/** Evidence (佐证材料): what the attachment lists and the upload show, kept apart from the pages so it can be tested. */

/** 482113 → "470.8 KB"; bytes under 1 KB as they are. */
export function formatSize(bytes) {
  if (bytes == null || Number.isNaN(Number(bytes))) return ''
  const n = Number(bytes)
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

/**
 * How the list shows a file. An erased one (the city committee removed a person's data) has no name and no
 * file any more: it shows 已删除, who erased it, when and why, and the SHA-256 that proves what it was.
 * unitNames maps unit codes to names; formatTime formats an ISO time.
 */
export function fileEntry(row, unitNames = {}, formatTime = (iso) => iso || '') {
  if (!row?.erased) return { name: row?.fileName || '', erased: false, note: '', hash: '' }
  return {
    name: t('evidence.erased'),
    erased: true,
    note: t('evidence.erasedNote', {
      unit: unitNames[row.erasedBy] || row.erasedBy || '',
      time: formatTime(row.erasedAt),
      reason: row.erasureReason || '',
    }),
    hash: t('evidence.hash', { hash: row.sha256 || '' }),
  }
}

/** Why an erasure reason is refused (the server's rules: required, at most 2000 characters), or '' when it is fine. */
export function erasureReasonProblem(reason) {
  const text = (reason || '').trim()
  if (!text) return t('evidence.reasonRequired')
  if (text.length > 2000) return t('evidence.reasonTooLong')
  return ''
}

/** Images and PDFs are previewed in the browser; the server serves other types only as downloads. */
export const previewable = (mediaType) => typeof mediaType === 'string'
  && (mediaType.startsWith('image/') || mediaType === 'application/pdf')

/**
 * The file an upload's refusal names. The server names it at the start of errors[].message
 * ("<name> is larger than 20 MB") and in the detail ("The file <name> is …"); the longest of the
 * sent names that fits wins (so "a.pdf" does not shadow "data.pdf").
 */
export function refusedFile(problem, sentNames) {
  const messages = (problem?.errors || []).filter((e) => e.field === 'files').map((e) => e.message || '')
  const detail = problem?.detail || ''
  const byLength = [...sentNames].sort((a, b) => b.length - a.length)
  return byLength.find((name) => messages.some((m) => m.startsWith(name + ' ')))
    || byLength.find((name) => detail.includes(`file ${name} `))
    || ''
}

/**
 * A refused upload in the user's words: which file and why. The request is refused as a whole,
 * so the message also says that none of the files was kept.
 */
export function refusalMessage(status, problem, sentNames) {
  const file = refusedFile(problem, sentNames)
  const messages = (problem?.errors || []).map((e) => e.message || '').join(' ')
  let reason
  if (status === 413) reason = /exceeds the [^']+'s /.test(messages) ? 'reportTooLarge' : 'fileTooLarge'
  else if (status === 415) reason = 'wrongType'
  else if (status === 400 && / is empty$/.test(messages)) reason = 'empty'
  else if (status === 403) return t('evidence.forbidden')
  else return ''
  const text = t('evidence.refused.' + reason, { file: file || t('evidence.oneFile') })
  return sentNames.length > 1 ? `${text}${t('evidence.noneKept')}` : text
}
