/**
 * A server's data-directory lock in a process of its own, for
 * ./data-lock.test.ts: `node --import tsx server/data-lock-worker.ts`, driven
 * by commands on stdin, one a line, each answered by one line on stdout.
 *
 *   arm DIR [OPTIONS]  "armed": the next `go` takes DIR's lock (OPTIONS: JSON, lockDataDir's)
 *   go                 "held PID" or "refused MESSAGE", once lockDataDir has answered
 *   hold DIR [OPTIONS] arm and go at once (several locks may be held)
 *   release            "released", once every lock it holds is released
 *
 * Arming first and saying `go` to several workers at once is how the tests
 * start servers at the same moment: each has loaded everything and waits on
 * its stdin. The process exits when its stdin closes, or dies by a signal
 * with its locks held (a crash).
 */
import type { DataLock, LockOptions } from './data-lock'
import process from 'node:process'
import { createInterface } from 'node:readline'
import { lockDataDir } from './data-lock'

let armed: { dir: string, options: LockOptions } | undefined
const locks: DataLock[] = []
function say(line: string): void {
  process.stdout.write(`${line}\n`)
}

function arm(rest: string): void {
  const space = rest.indexOf(' ')
  armed = space < 0 ? { dir: rest, options: {} } : { dir: rest.slice(0, space), options: JSON.parse(rest.slice(space + 1)) as LockOptions }
}

async function go(): Promise<void> {
  if (armed === undefined)
    throw new Error('go before arm')
  const { dir, options } = armed
  armed = undefined
  try {
    locks.push(await lockDataDir(dir, () => {}, options))
    say(`held ${process.pid}`)
  }
  catch (error) {
    say(`refused ${(error as Error).message.replaceAll('\n', ' ')}`)
  }
}

async function main(): Promise<void> {
  for await (const line of createInterface({ input: process.stdin })) {
    const space = line.indexOf(' ')
    const command = space < 0 ? line : line.slice(0, space)
    const rest = space < 0 ? '' : line.slice(space + 1)
    if (command === 'arm') {
      arm(rest)
      say('armed')
    }
    else if (command === 'go') {
      await go()
    }
    else if (command === 'hold') {
      arm(rest)
      await go()
    }
    else if (command === 'release') {
      await Promise.all(locks.splice(0).map(lock => lock.release()))
      say('released')
    }
    else {
      say(`unknown command ${command}`)
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
