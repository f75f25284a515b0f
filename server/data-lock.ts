/**
 * One server per data directory: two `npm run serve` on the same directory
 * would both append to its files, each from its own idea of the boards (two
 * questions with the same id, votes counted by neither). The first takes the
 * directory's lock before reading anything and frees it when it stops; a
 * second is refused with what to do.
 *
 * The lock is held as listening Unix sockets, taken atomically, which the
 * kernel frees when the process dies however it dies (SIGKILL, a crash, a
 * killed container): no stale state is left to judge, and a process id that
 * now belongs to another program means nothing.
 *
 * 1. Linux: a socket in the abstract namespace, `@deck-serve-<hash of the
 *    directory's device and inode>` (`ss -xlp | grep deck-serve` shows it
 *    with its process). Binding the name is atomic; EADDRINUSE means a live
 *    process holds it; the kernel frees the name with the socket (and sockets
 *    are close-on-exec: a program the server starts does not keep it). This
 *    is the lock on one machine and network namespace: the steps below run
 *    only while it is held, so no two servers there ever race through them.
 * 2. `serve.sock` in the directory, so that a server in another network
 *    namespace of the same machine (another container with the directory as
 *    a volume), which does not see the abstract name, sees this one. It is
 *    bound and listening under a name of its own, then hard-linked as
 *    `serve.sock` (atomic, fails when that exists): a `serve.sock` is never
 *    seen between binding and listening, so a connection answered means a
 *    live holder and a connection refused means a file left by a crash, which
 *    is removed and the link tried again.
 * 3. `serve.lock` in the directory (mode 0600; written to a temporary file,
 *    then renamed over, so never seen half-written): the holder's process id,
 *    host and start time, for people and for the refusal's message. A
 *    leftover one is replaced once the sockets are held, and the log names the
 *    server it named. It is no part of the lock while a socket holds it; a
 *    holder asked through either socket answers with its process id.
 *
 * At release the holder removes `serve.lock` and `serve.sock` (each only if
 * still its own), then closes the sockets, the abstract one last. The sockets
 * are unref'd: they keep no process alive.
 *
 * Where it does not hold:
 * - Across machines (a directory on a network file system): sockets work on
 *   one machine only. Two servers starting on a fresh directory still exclude
 *   each other where the file system keeps hard links exclusive, but a lock
 *   left by a crash is taken over without knowing whether its server runs on
 *   another machine.
 * - Across network namespaces (containers sharing a volume) only through
 *   `serve.sock`: exact for a running holder, but two servers in different
 *   namespaces finding a `serve.sock` left by a crash at the same moment can
 *   both take it (one removes the other's new one). Where no socket file can
 *   be made (a path over 107 bytes, a file system without sockets or hard
 *   links; the log says so), a server in another namespace is not seen at all.
 * - Systems other than Linux have no abstract namespace: the lock is
 *   `serve.sock` alone, exact while its holder runs, but taking over one left
 *   by a crash can race as above. Without a socket file either (Windows), it is
 *   `serve.lock` created exclusively (a hard link of a complete temporary
 *   file), and one left by a crash is judged by its process id and that
 *   process's start time (/proc, or `ps -o lstart`; the id alone when neither
 *   can be read): that takeover can race, and a file without a start time
 *   naming an id now used by another program blocks until it is removed.
 * - The abstract name is not secret: a local program could bind it first and
 *   so keep the server from starting (refused, never doubled).
 */
import type { Server, Socket } from 'node:net'
import { Buffer } from 'node:buffer'
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { link, mkdir, readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { createConnection, createServer } from 'node:net'
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'
import process from 'node:process'

export const LOCK_FILE = 'serve.lock'
export const SOCKET_FILE = 'serve.sock'

/** A socket file's path is at most this long (108 bytes with its terminating zero on Linux, 104 elsewhere); longer ones would be cut short. */
const SOCKET_PATH_MAX = process.platform === 'linux' ? 107 : 103
/** A holder that accepted the connection is alive; this only bounds the wait for it to say its process id (a stopped one never does). */
const ANSWER_MS = 1000
/** Taking over a `serve.sock` left by a crash is tried this many times (each time another server may have linked its own first). */
const BIND_TRIES = 5

/** The directories (device:inode) this process holds: a second server in the same process (the tests) is refused too, however the directory is spelled. */
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

/**
 * When process `pid` started, as a token equal only for the same process:
 * Linux's boot id and start time in clock ticks from /proc, elsewhere `ps -o
 * lstart` (to the second). Undefined when the process does not run or its start
 * cannot be read.
 */
export function processStartToken(pid: number, platform: NodeJS.Platform = process.platform): string | undefined {
  try {
    if (platform === 'linux') {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      // Fields after "pid (name) ": the 3rd (state) first, the 22nd (starttime) 19 further.
      const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
      const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
      return ticks ? `${boot}:${ticks}` : undefined
    }
    if (platform === 'win32')
      return undefined
    const start = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).trim()
    return start || undefined
  }
  catch {
    return undefined
  }
}

export interface DataLock {
  file: string
  release: () => Promise<void>
}

export interface LockOptions {
  /** Hold the lock as an abstract Unix socket: the default on Linux; false does what other systems do (for the tests). */
  abstractSocket?: boolean
  /** Listen on `serve.sock` in the directory too: the default but on Windows. */
  socketFile?: boolean
}

/** A socket the lock listens on; closing it frees it. */
interface Listener {
  close: () => Promise<void>
}

interface LockText {
  pid?: number
  startToken?: string
}

function parseLock(text: string): LockText {
  const pid = Number.parseInt(text, 10)
  const startToken = /^start-token: (.+)$/m.exec(text)?.[1]
  return {
    pid: Number.isSafeInteger(pid) && pid > 0 ? pid : undefined,
    startToken: startToken === 'unknown' ? undefined : startToken,
  }
}

function lockText(): string {
  const started = new Date(Date.now() - process.uptime() * 1000).toISOString()
  return `${process.pid}\nhost: ${hostname()}\nstarted: ${started}\nstart-token: ${processStartToken(process.pid) ?? 'unknown'}\n`
}

function refusal(dir: string, pid: number | undefined): Error {
  return new Error(`Another npm run serve (process ${pid ?? 'unknown'}) uses the data directory ${dir}: one server per data directory, or both would write the same files. Stop that one, or give this one another directory with --data DIR.`)
}

function raced(file: string): Error {
  return new Error(`Could not take the lock ${file}: another server took it at the same moment.`)
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code
}

/** Listens on `path` (a socket file, or an abstract name starting with a zero byte), answering each connection with this process's id; 'in use' when something is bound there. */
function listen(path: string): Promise<Listener | 'in use'> {
  const connections = new Set<Socket>()
  const server: Server = createServer((socket) => {
    connections.add(socket)
    socket.once('close', () => connections.delete(socket))
    socket.on('error', () => {})
    socket.end(`${process.pid}\n`)
  })
  return new Promise((resolve, reject) => {
    server.once('error', error => code(error) === 'EADDRINUSE' ? resolve('in use') : reject(error))
    server.listen({ path, exclusive: true }, () => {
      server.removeAllListeners('error')
      server.on('error', () => {})
      server.unref()
      resolve({
        close: () => new Promise((resolve) => {
          server.close(() => resolve())
          for (const socket of connections)
            socket.destroy()
        }),
      })
    })
  })
}

/**
 * Connects to the lock's socket at `path`: what its holder says (its process
 * id), or undefined when no one listens there (nothing there, a socket file
 * left by a crash). A connection refused for another reason (another user's
 * socket, a full queue) counts as held: refusing a start is safe, doubling not.
 */
function ask(path: string): Promise<LockText | undefined> {
  return new Promise((resolve) => {
    let text = ''
    let connected = false
    const socket = createConnection({ path })
    let timer: ReturnType<typeof setTimeout> | undefined
    const done = (answer: LockText | undefined): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve(answer)
    }
    timer = setTimeout(() => done({}), ANSWER_MS)
    socket.setEncoding('utf8')
    socket.on('connect', () => {
      connected = true
    })
    socket.on('data', (chunk: string) => {
      text += chunk
    })
    socket.on('end', () => done(parseLock(text)))
    socket.on('error', (error) => {
      const none = !connected && (code(error) === 'ECONNREFUSED' || code(error) === 'ENOENT')
      done(none ? undefined : parseLock(text))
    })
  })
}

async function readLock(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  }
  catch (error) {
    if (code(error) === 'ENOENT')
      return undefined
    return ''
  }
}

/** `serve.lock` replaced whole: written to a file of its own, then renamed over it. */
async function replaceLockFile(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`
  await writeFile(temporary, text, { mode: 0o600, flag: 'wx' })
  try {
    await rename(temporary, file)
  }
  catch (error) {
    await unlink(temporary).catch(() => {})
    throw error
  }
}

/**
 * Without sockets: `serve.lock` created exclusively, complete (a hard link of a
 * written temporary file, so no one reads it half-written). One that names a
 * process that does not run, or runs but started at another time than the
 * file says, is taken over; that judging and the removal can race (see above).
 */
async function takeLockFile(file: string, text: string, dir: string, log: (line: string) => void): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`
  await writeFile(temporary, text, { mode: 0o600, flag: 'wx' })
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(temporary, file).catch(async (error: unknown) => {
          if (!['EPERM', 'ENOTSUP', 'ENOSYS'].includes(code(error) ?? ''))
            throw error
          // A file system without hard links (FAT): created exclusively, then written, so briefly empty.
          await writeFile(file, text, { mode: 0o600, flag: 'wx' })
        })
        return
      }
      catch (error) {
        if (code(error) !== 'EEXIST')
          throw error
      }
      const found = await readLock(file)
      if (found === undefined)
        continue
      const holder = parseLock(found)
      if (holder.pid !== undefined && holder.pid !== process.pid && processRuns(holder.pid)) {
        const started = holder.startToken === undefined ? undefined : processStartToken(holder.pid)
        if (started === undefined || started === holder.startToken)
          throw refusal(dir, holder.pid)
      }
      log(`${file}: taking over the lock of a server that no longer runs (process ${holder.pid ?? 'unknown'})`)
      await unlink(file).catch(() => {})
    }
    throw raced(file)
  }
  finally {
    await unlink(temporary).catch(() => {})
  }
}

/**
 * The abstract socket `name`. Bound means held by a live process (the kernel
 * frees the name with it), which is asked only for its process id. Bound
 * without an answer: it is between binding and listening, or has just stopped;
 * asked again a few milliseconds later, and after ANSWER_MS refused all the
 * same.
 */
async function takeAbstractSocket(name: string, dir: string, file: string): Promise<Listener> {
  const deadline = Date.now() + ANSWER_MS
  for (;;) {
    const listener = await listen(name)
    if (listener !== 'in use')
      return listener
    const holder = await ask(name)
    if (holder !== undefined || Date.now() > deadline)
      throw refusal(dir, holder?.pid ?? parseLock(await readLock(file) ?? '').pid)
    await new Promise(resolve => setTimeout(resolve, 2))
  }
}

/**
 * `serve.sock` put in place already listening: the socket is bound and
 * listening under a name of its own, then hard-linked as `serve.sock`, which
 * fails when that exists. So a `serve.sock` no one answers on was left by a
 * crash, never one whose server is between binding and listening. One left by
 * a crash is removed and the link tried again.
 */
async function takeSocketFile(real: string, dir: string, file: string): Promise<{ listener: Listener, ino: bigint }> {
  const path = join(real, SOCKET_FILE)
  const temporary = join(real, `${SOCKET_FILE}.${randomBytes(4).toString('hex')}`)
  if (Buffer.byteLength(temporary) > SOCKET_PATH_MAX)
    throw Object.assign(new Error(`its path would be longer than ${SOCKET_PATH_MAX} bytes`), { code: 'ENAMETOOLONG' })
  const listener = await listen(temporary)
  if (listener === 'in use')
    throw raced(file)
  try {
    for (let attempt = 0; attempt < BIND_TRIES; attempt++) {
      try {
        await link(temporary, path)
        return { listener, ino: (await stat(path, { bigint: true })).ino }
      }
      catch (error) {
        if (code(error) !== 'EEXIST')
          throw error
      }
      const holder = await ask(path)
      if (holder !== undefined)
        throw refusal(dir, holder.pid ?? parseLock(await readLock(file) ?? '').pid)
      await unlink(path).catch((error: unknown) => {
        if (code(error) !== 'ENOENT')
          throw error
      })
    }
    throw raced(file)
  }
  catch (error) {
    await listener.close()
    throw error
  }
  finally {
    await unlink(temporary).catch(() => {})
  }
}

export async function lockDataDir(dir: string, log: (line: string) => void, options: LockOptions = {}): Promise<DataLock> {
  const abstract = options.abstractSocket ?? process.platform === 'linux'
  const socketFile = options.socketFile ?? process.platform !== 'win32'
  await mkdir(dir, { recursive: true })
  const file = resolve(join(dir, LOCK_FILE))
  // The socket file's path as every spelling of the directory gives it: whether it fits (SOCKET_PATH_MAX) does not depend on the spelling.
  const real = await realpath(dir)
  const socketPath = join(real, SOCKET_FILE)
  const { dev, ino } = await stat(real, { bigint: true })
  const key = `${dev}:${ino}`
  if (held.has(key))
    throw new Error(`This process already serves the data directory ${dir}: one server per data directory.`)
  held.add(key)
  const listeners: Listener[] = []
  let socketIno: bigint | undefined
  try {
    if (abstract)
      listeners.push(await takeAbstractSocket(`\0deck-serve-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`, dir, file))
    if (socketFile) {
      try {
        const taken = await takeSocketFile(real, dir, file)
        listeners.push(taken.listener)
        socketIno = taken.ino
      }
      catch (error) {
        if (!code(error))
          throw error
        if (abstract)
          log(`${socketPath}: no socket file for the lock (${(error as Error).message}): a server using this directory from another network namespace (another container) would not be seen`)
      }
    }

    const text = lockText()
    if (listeners.length === 0) {
      await takeLockFile(file, text, dir, log)
    }
    else {
      const previous = await readLock(file)
      await replaceLockFile(file, text)
      if (previous !== undefined)
        log(`${file}: taking over the lock of a server that no longer runs (process ${parseLock(previous).pid ?? 'unknown'})`)
    }

    let released = false
    return {
      file,
      release: async () => {
        if (released)
          return
        released = true
        // Only our own files: ones taken over meanwhile (see above: that can race where no abstract socket holds) are the other server's.
        if (await readLock(file) === text)
          await unlink(file).catch(() => {})
        if (socketIno !== undefined && await stat(socketPath, { bigint: true }).then(found => found.ino === socketIno, () => false))
          await unlink(socketPath).catch(() => {})
        // The abstract socket last: the lock is held until the files are gone.
        for (const listener of listeners.reverse())
          await listener.close()
        held.delete(key)
      },
    }
  }
  catch (error) {
    for (const listener of listeners.reverse())
      await listener.close()
    held.delete(key)
    throw error
  }
}
