// Server-Sent Events read from a fetch body (EventSource cannot send an Authorization header).

/**
 * Parses a text/event-stream body: blank-line separated events of id/event/data lines (LF or CRLF,
 * split anywhere across chunks); comment lines (": heartbeat") are skipped. Calls onEvent with
 * {id, event, data} for each complete event.
 */
export async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  let event = { data: [] }
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer += value
    let newline
    while ((newline = buffer.search(/\r?\n/)) >= 0) {
      const line = buffer.slice(0, newline)
      buffer = buffer.slice(buffer[newline] === '\r' ? newline + 2 : newline + 1)
      if (line === '') {
        if (event.data.length || event.event) onEvent({ id: event.id, event: event.event || 'message', data: event.data.join('\n') })
        event = { data: [] }
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':')
        const field = colon < 0 ? line : line.slice(0, colon)
        let value = colon < 0 ? '' : line.slice(colon + 1)
        if (value.startsWith(' ')) value = value.slice(1)
        if (field === 'data') event.data.push(value)
        else if (field === 'id') event.id = value
        else if (field === 'event') event.event = value
      }
    }
  }
}
