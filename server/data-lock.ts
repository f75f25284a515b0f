/**
 * One server per data directory: two `npm run serve` on the same directory
 * would both append to its files, each from its own idea of the boards (two
 * questions with the same id, votes counted by neither). The first takes
 * `serve.lock` in the directory (created exclusively, holding its process id)
 * and removes it when it stops; a second is refused with what to do. A lock
 * left by a server that no longer runs (a crash, a killed container) is taken
 * over, and the log says so. The check is by process id on one machine: a data
 * directory shared between machines is not protected by it.
 */
import { mkdir, open, readFile, unlink } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import process from 'node:process'

export const LOCK_FILE = 'serve.lock'

/** The locks this process holds: a second server in the same process (the tests) is refused too. */
const held = new Set<string>()

/** Whether process `pid` runs (signal 0 checks without sending anything; EPERM means it runs as another user). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  }
  catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export interface DataLock {
  file: string
  release: () => Promise<void>
}

export async function lockDataDir(dir: string, log: (line: string) => void, pid = process.pid, runs: (pid: number) => boolean = processRuns): Promise<DataLock> {
  await mkdir(dir, { recursive: true })
  const file = resolve(join(dir, LOCK_FILE))
  if (held.has(file))
    throw new Error(`This process already serves the data directory ${dir}: one server per data directory.`)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600)
      await handle.writeFile(`${pid}\n`)
      await handle.close()
      held.add(file)
      return {
        file,
        release: async () => {
          if (!held.delete(file))
            return
          // Only our own lock: one taken over meanwhile is the other server's.
          const holder = await readFile(file, 'utf8').catch(() => '')
          if (Number.parseInt(holder, 10) === pid)
            await unlink(file).catch(() => {})
        },
      }
    }
    catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw error
    }
    const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10)
    if (Number.isSafeInteger(holder) && holder > 0 && holder !== pid && runs(holder))
      throw new Error(`Another npm run serve (process ${holder}) uses the data directory ${dir}: one server per data directory, or both would write the same files. Stop that one, or give this one another directory with --data DIR.`)
    log(`${file}: taking over the lock of a server that no longer runs (process ${Number.isSafeInteger(holder) ? holder : 'unknown'})`)
    await unlink(file).catch(() => {})
  }
  throw new Error(`Could not take the lock ${file}: another server took it at the same moment.`)
}
