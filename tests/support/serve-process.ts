import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { test } from '@playwright/test'
import { HOSTED_BASE, HOSTED_OUT } from './servers'

export interface ServeProcess {
  process: ChildProcess
  port: number
  /** Resolves when the process has exited. */
  exited: Promise<void>
}

/**
 * Starts `npm run serve` (server/cli.ts) as its own process on the hosted build (or `dir` under `base`), with `dataDir` for its
 * store and `secret` for the presenter, on `port` (0: any free one); resolves with the port once it listens.
 * `onSpawn` gets the process at once, so a test can kill it even when it never listens.
 */
export async function serveProcess(options: { dataDir: string, secret: string, port?: number, dir?: string, base?: string, onSpawn?: (child: ChildProcess) => void }): Promise<ServeProcess> {
  const started = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--dir', options.dir ?? HOSTED_OUT, '--base', options.base ?? HOSTED_BASE, '--data', options.dataDir, '--port', String(options.port ?? 0), '--host', '127.0.0.1'], {
    env: { ...process.env, DECK_SECRET: options.secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  options.onSpawn?.(started)
  let output = ''
  const exited = new Promise<void>(resolve => started.once('exit', () => resolve()))
  const listening = await new Promise<number>((resolve, reject) => {
    const check = (chunk: string) => {
      output += chunk
      const match = /on port (\d+)\./.exec(output)
      if (match)
        resolve(Number(match[1]))
    }
    started.stdout!.setEncoding('utf8').on('data', check)
    started.stderr!.setEncoding('utf8').on('data', check)
    void exited.then(() => reject(new Error(`npm run serve exited before listening:\n${output}`)))
  })
  return { process: started, port: listening, exited }
}

/**
 * For the tests of one spec file: before each, a fresh data directory; `serve()` starts `npm run serve` on it
 * (on the hosted build, or `dir` under `base`); after each, every browser context is closed, the process killed
 * if it still runs, and the directory removed.
 */
export function useServeProcess(options: { secret: string, name: string, dir?: string, base?: string }): { dataDir: () => string, serve: (port?: number) => Promise<ServeProcess> } {
  let dataDir = ''
  let child: ChildProcess | undefined
  test.beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), `deck-${options.name}-`))
  })
  test.afterEach(async ({ browser }) => {
    await Promise.all(browser.contexts().map(context => context.close()))
    if (child && child.exitCode === null && child.signalCode === null)
      child.kill('SIGKILL')
    child = undefined
    rmSync(dataDir, { recursive: true, force: true })
  })
  return {
    dataDir: () => dataDir,
    serve: (port = 0) => serveProcess({ dataDir, secret: options.secret, port, dir: options.dir, base: options.base, onSpawn: (spawned) => {
      child = spawned
    } }),
  }
}
