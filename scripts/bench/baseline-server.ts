/**
 * The baseline for `npm run bench:sync`: the smallest relay on the same `ws`
 * package as the deck's sync server. A plain Node HTTP server with a
 * WebSocketServer on `/sync` that sends every text message, unchanged, to every
 * other open socket, except a vote (`{"t":"vote",…}`), which it answers at
 * once to its sender with `{"t":"voted"}` (the acknowledgement's baseline:
 * nothing checked, nothing kept). No auth, no validation, no rate limit, no
 * state. Not for hosting anything; scripts/bench/sync.ts starts it as a child
 * process.
 *
 *   node --import tsx scripts/bench/baseline-server.ts --port 0 --host 127.0.0.1
 */
import { createServer } from 'node:http'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { WebSocket, WebSocketServer } from 'ws'

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' } },
  strict: true,
})

const server = createServer((_request, response) => {
  response.writeHead(404).end()
})
const wss = new WebSocketServer({ server, path: '/sync' })
wss.on('connection', (ws) => {
  ws.on('error', () => {}) // a broken client must not take the relay down
  ws.on('message', (data, isBinary) => {
    if (isBinary)
      return
    if (String(data).startsWith('{"t":"vote"')) {
      ws.send('{"t":"voted"}')
      return
    }
    for (const other of wss.clients) {
      if (other !== ws && other.readyState === WebSocket.OPEN)
        other.send(data, { binary: false })
    }
  })
})
server.listen(Number(values.port), values.host, () => {
  const address = server.address()
  process.stdout.write(`Baseline relay on port ${typeof address === 'object' && address ? address.port : values.port}.\n`)
})
