import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readEvents } from './sse.js'

function body(...chunks) {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk))
      controller.close()
    },
  })
}

async function parse(...chunks) {
  const events = []
  await readEvents(body(...chunks), (e) => events.push(e))
  return events
}

test('events split across chunks, even inside a multi-byte character, arrive whole', async () => {
  const text = 'id:1530\nevent:notification\ndata:{"title":"任务7的进展被退回"}\n\n'
  const bytes = new TextEncoder().encode(text)
  const cut = bytes.indexOf(0xe4) + 1 // in the middle of 任
  const events = []
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.slice(0, 7))
      controller.enqueue(bytes.slice(7, cut))
      controller.enqueue(bytes.slice(cut))
      controller.close()
    },
  })
  await readEvents(stream, (e) => events.push(e))
  assert.deepEqual(events, [{ id: '1530', event: 'notification', data: '{"title":"任务7的进展被退回"}' }])
})

test('comments are skipped, CRLF lines and multi-line data are read', async () => {
  const events = await parse(': connected at position 1529\r\n\r\n', ': heartbeat\n\n',
    'id: 7\r\nevent: notification\r\ndata: line one\r\ndata: line two\r\n\r\n')
  assert.deepEqual(events, [{ id: '7', event: 'notification', data: 'line one\nline two' }])
})

test('an event not ended by a blank line before the stream closes is not delivered', async () => {
  const events = await parse('id:1\nevent:notification\ndata:{}\n\n', 'id:2\nevent:notification\ndata:{"half":')
  assert.deepEqual(events.map((e) => e.id), ['1'])
})
