/**
 * The store's part of `npm run bench:sync`: how long `npm run serve` takes to
 * start, and how much memory it takes doing so, on a data directory holding a
 * large room (2,000 questions and 2,000,000 upvotes by default), beside the
 * same server starting on an empty one (the baseline: Node, tsx and the
 * server's own start). Three starts, one after the other, each in a fresh
 * process: empty; the room as one journal an older server wrote (one line
 * per event: the first start takes it into a snapshot); the same directory
 * again (the snapshot). Time: from the spawn to the "on port" line. Memory:
 * the process's peak (VmHWM, Linux /proc) once it listens.
 */
import type { Buffer } from 'node:buffer'
import { spawn } from 'node:child_process'
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { finished } from 'node:stream/promises'
import { QUESTIONS_FILE, snapshotFile } from '../../server/store'
import { parseMemory } from '../lib/processes'

export interface StoreRoom { questions: number, upvotes: number }

/** The device that casts upvote `n` (0-based): each device upvotes every question once before the next device starts. */
export function upvoteOf(n: number, questions: number): { device: string, id: number } {
  return { device: `store-device-${String(Math.floor(n / questions)).padStart(10, '0')}`, id: (n % questions) + 1 }
}

/** Writes the room as an older server's journal: every question asked, then every upvote, one line each. */
export async function writeJournal(file: string, room: StoreRoom): Promise<void> {
  const out = createWriteStream(file, { mode: 0o600 })
  const at = '2026-12-05T10:00:00.000Z'
  let chunk = ''
  const write = async (line: string) => {
    chunk += line
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk))
        await new Promise<void>(resolve => out.once('drain', () => resolve()))
      chunk = ''
    }
  }
  for (let id = 1; id <= room.questions; id++)
    await write(`{"e":"asked","id":${id},"text":"Stored question ${id}: what does the kernel share?","device":"store-asker-${String(id).padStart(10, '0')}","at":"${at}"}\n`)
  for (let n = 0; n < room.upvotes; n++) {
    const { device, id } = upvoteOf(n, room.questions)
    await write(`{"e":"upvoted","id":${id},"device":"${device}","at":"${at}"}\n`)
  }
  out.end(chunk)
  await finished(out)
}

export interface StartFigures { label: string, seconds: number, peakMb: number, fileMb: number }

/** Starts `server/cli.ts` on `dataDir`, waits for its port, reads its peak memory, stops it. */
async function timeStart(root: string, deck: string, dataDir: string): Promise<{ seconds: number, peakMb: number }> {
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'cli.ts'), '--port', '0', '--host', '127.0.0.1', '--dir', deck, '--data', dataDir], { cwd: root, env: { ...process.env, DECK_SECRET: 'store-bench-secret-1234' }, stdio: ['ignore', 'pipe', 'pipe'] })
  const exited = new Promise(resolve => child.once('exit', resolve))
  try {
    const seconds = await new Promise<number>((resolve, reject) => {
      let output = ''
      const timer = setTimeout(() => reject(new Error(`the server did not start within 120 s:\n${output.slice(-2000)}`)), 120_000)
      const take = (chunk: Buffer) => {
        output += chunk.toString()
        if (/on port \d+\./.test(output)) {
          clearTimeout(timer)
          resolve((performance.now() - started) / 1000)
        }
      }
      child.stdout!.on('data', take)
      child.stderr!.on('data', take)
      void exited.then(() => {
        clearTimeout(timer)
        reject(new Error(`the server exited before listening:\n${output.slice(-2000)}`))
      })
    })
    const peakMb = parseMemory(readFileSync(`/proc/${child.pid}/status`, 'utf8')).peakKb * 1024 / 1e6
    return { seconds, peakMb }
  }
  finally {
    child.kill('SIGTERM')
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(killer)
  }
}

function fileMb(file: string): number {
  try {
    return statSync(file).size / 1e6
  }
  catch {
    return 0
  }
}

/** The three starts; everything written is removed, however they end. */
export async function measureStoreStarts(root: string, room: StoreRoom, say: (line?: string) => void): Promise<StartFigures[]> {
  const base = mkdtempSync(join(tmpdir(), 'bench-store-'))
  try {
    const deck = join(base, 'dist')
    mkdirSync(deck)
    writeFileSync(join(deck, 'index.html'), '<!DOCTYPE html><html><head><title>Deck</title></head><body></body></html>')
    const empty = join(base, 'empty')
    const full = join(base, 'room')
    mkdirSync(empty)
    mkdirSync(full)
    const journal = join(full, QUESTIONS_FILE)
    const writing = performance.now()
    await writeJournal(journal, room)
    say(`  wrote ${room.questions} questions and ${room.upvotes} upvotes as one journal (${fileMb(journal).toFixed(0)} MB) in ${((performance.now() - writing) / 1000).toFixed(1)} s`)
    const rows: StartFigures[] = []
    const emptyStart = await timeStart(root, deck, empty)
    rows.push({ label: 'empty data directory (baseline)', ...emptyStart, fileMb: 0 })
    const journalMb = fileMb(journal)
    const fromJournal = await timeStart(root, deck, full)
    rows.push({ label: 'the room, as an older server\'s journal', ...fromJournal, fileMb: journalMb })
    const fromSnapshot = await timeStart(root, deck, full)
    rows.push({ label: 'the room, from its snapshot', ...fromSnapshot, fileMb: fileMb(snapshotFile(journal)) + fileMb(journal) })
    return rows
  }
  finally {
    rmSync(base, { recursive: true, force: true })
  }
}
