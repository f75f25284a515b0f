/**
 * `npm run serve` as its own process, for the tests that kill it or run
 * several: started with `args` on a free port of 127.0.0.1, resolved once it
 * prints where it listens. The test kills it (every child is in `children`).
 */
import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import process from 'node:process'

export interface ServeProcess {
  child: ChildProcess
  port: number
  /** Resolves when the process has exited. */
  exited: Promise<unknown>
  /** Everything it printed so far. */
  output: () => string
}

export async function spawnServe(args: string[], env: Record<string, string>, children: ChildProcess[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--host', '127.0.0.1', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  const exited = new Promise(resolve => child.once('exit', resolve))
  let output = ''
  const port = await new Promise<number>((resolve, reject) => {
    const take = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /on port (\d+)\./.exec(output)
      if (match)
        resolve(Number(match[1]))
    }
    child.stdout!.on('data', take)
    child.stderr!.on('data', take)
    void exited.then(() => reject(new Error(`npm run serve exited before listening:\n${output}`)))
  })
  return { child, port, exited, output: () => output }
}
