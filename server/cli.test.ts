import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer } from './serve'

const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0))
    child.kill('SIGKILL')
})

function deckDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deck-cli-'))
  writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html><html><head></head><body></body></html>')
  return dir
}

/** Runs `npm run serve`'s script; resolves with its output once it has printed `until` (or exited). */
function serve(args: string[], env: Record<string, string>, until?: RegExp): Promise<{ output: string, code: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let output = ''
  return new Promise((resolve) => {
    const take = (chunk: Buffer) => {
      output += chunk.toString()
      if (until?.test(output))
        resolve({ output, code: null })
    }
    child.stdout!.on('data', take)
    child.stderr!.on('data', take)
    child.on('exit', code => resolve({ output, code }))
  })
}

describe('npm run serve', () => {
  it('saves questions in --data DIR, and does not start when that directory cannot be written', async () => {
    const deck = deckDir()
    const data = join(deck, 'questions-data')
    const saved = await serve(['--port', '0', '--dir', deck, '--data', data], { DECK_SECRET: 'presenter-secret-1234' }, /add --host/)
    expect(saved.output).toContain(`Questions: saved in ${join(data, 'questions.jsonl')}`)
    expect(saved.output).toMatch(/curl -H "Authorization: Bearer \$DECK_SECRET" http:\/\/localhost:\d+\/api\/questions\.csv/)
    const unwritable = await serve(['--port', '0', '--dir', deck, '--data', join(deck, 'index.html', 'data')], { DECK_SECRET: 'presenter-secret-1234' })
    expect(unwritable.code).toBe(1)
    expect(unwritable.output).toContain('cannot be written')
  }, 20_000)

  it('prints the audience link with a QR code, and the presenter link with the secret', async () => {
    const { output } = await serve(['--port', '0', '--dir', deckDir(), '--base', '/talk'], { DECK_SECRET: 'presenter-secret-1234' }, /add --host/)
    const port = /on port (\d+)/.exec(output)?.[1]
    expect(output).toContain(`Audience:  http://localhost:${port}/talk/`)
    expect(output).toContain(`Presenter: http://localhost:${port}/talk/presenter/1#secret=presenter-secret-1234`)
    expect(output).toContain('the secret comes from DECK_SECRET')
    expect(output).toMatch(/[▀▄█]{20}/)
  }, 20_000)

  it('generates a secret when none is set, and refuses one that is too short', async () => {
    const generated = await serve(['--port', '0', '--dir', deckDir()], { DECK_SECRET: '' }, /add --host/)
    expect(generated.output).toMatch(/#secret=[\w-]{24}\n/)
    expect(generated.output).toContain('was generated for this run')
    const short = await serve(['--port', '0', '--dir', deckDir()], { DECK_SECRET: 'short' })
    expect(short.code).toBe(1)
    expect(short.output).toContain('DECK_SECRET must be at least 12 characters')
    const unbuilt = await serve(['--port', '0', '--dir', join(deckDir(), 'missing')], {})
    expect(unbuilt.code).toBe(1)
    expect(unbuilt.output).toContain('run npm run build first')
  }, 20_000)

  it('behind a proxy, prints the public links, and refuses a public origin that is not one', async () => {
    const { output } = await serve(['--port', '0', '--dir', deckDir(), '--base', '/talk', '--public-origin', 'https://talk.example.com', '--trust-proxy'], { DECK_SECRET: 'presenter-secret-1234' }, /Scan to follow/)
    expect(output).toContain('Audience:  https://talk.example.com/talk/')
    expect(output).toContain('Presenter: https://talk.example.com/talk/presenter/1#secret=presenter-secret-1234')
    const bad = await serve(['--port', '0', '--dir', deckDir()], { DECK_PUBLIC_ORIGIN: 'talk.example.com' })
    expect(bad.code).toBe(1)
    expect(bad.output).toContain('must be a scheme and host')
  }, 20_000)

  it('shares the talk on --redis URL (or DECK_REDIS_URL) under --talk NAME, by default the build\'s edition; refuses what is not a Redis URL or a name, and --import or --talk without Redis', async () => {
    const secret = { DECK_SECRET: 'presenter-secret-1234' }
    const noRedis = await serve(['--port', '0', '--dir', deckDir(), '--import', 'data'], secret)
    expect(noRedis.code).toBe(1)
    expect(noRedis.output).toContain('--import and --talk need --redis URL (or $DECK_REDIS_URL)')
    const notRedis = await serve(['--port', '0', '--dir', deckDir(), '--redis', 'http://localhost:6379'], secret)
    expect(notRedis.code).toBe(1)
    expect(notRedis.output).toContain('--redis must be a redis:// or rediss:// URL')
    const badName = await serve(['--port', '0', '--dir', deckDir()], { ...secret, DECK_REDIS_URL: 'redis://127.0.0.1:1/0', DECK_TALK: 'a talk' })
    expect(badName.code).toBe(1)
    expect(badName.output).toContain('--talk must be 1 to 64 letters')
    // Redis not reachable at start: the server does not start, and says why.
    const deck = deckDir()
    writeFileSync(join(deck, 'edition.json'), JSON.stringify({ version: '0.1.0', commit: 'abc1234', date: '2026-12-05' }))
    const unreachable = await serve(['--port', '0', '--dir', deck, '--redis', 'redis://127.0.0.1:1/0'], secret)
    expect(unreachable.code).toBe(1)
    expect(unreachable.output).toMatch(/ECONNREFUSED|connect/)
  }, 20_000)

  it('explains itself with --help', async () => {
    const { output, code } = await serve(['--help'], {})
    expect(code).toBe(0)
    expect(output).toContain('--host [ADDR]')
    expect(output).toMatch(/--public-origin[\s\S]*--trust-proxy[\s\S]*--max-sockets-per-address[\s\S]*--connects-per-minute/)
    expect(output).toMatch(/--redis URL[\s\S]*--talk NAME[\s\S]*--import DIR/)
  }, 20_000)
})

describe('the port', () => {
  it('moves to the next free one when asked to, and fails otherwise', async () => {
    const taken = createServer()
    await new Promise<void>(resolve => taken.listen(0, 'localhost', resolve))
    const port = (taken.address() as { port: number }).port
    try {
      const options = { dir: deckDir(), base: '/', secret: 'a-secret-for-tests', port, host: 'localhost' }
      await expect(startServer(options)).rejects.toThrow(/EADDRINUSE/)
      const server = await startServer({ ...options, nextFreePort: true })
      expect(server.port).toBeGreaterThan(port)
      await server.close()
    }
    finally {
      taken.close()
    }
  })
})
