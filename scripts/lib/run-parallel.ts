/**
 * `tsx scripts/lib/run-parallel.ts lint typecheck test:unit`: runs npm scripts
 * at the same time, each line of their output prefixed with the script's name,
 * and exits 1 when any of them failed (after all have ended, naming those that
 * failed). npm test runs its checks this way where none of them keeps both
 * cores busy on its own.
 */
import { spawn } from 'node:child_process'
import process from 'node:process'
import { createInterface } from 'node:readline'

export interface Outcome {
  script: string
  code: number | null
  signal: NodeJS.Signals | null
}

export function failed(outcomes: readonly Outcome[]): string[] {
  return outcomes.filter(outcome => outcome.code !== 0).map(outcome => `${outcome.script} (${outcome.signal ?? `exit ${outcome.code}`})`)
}

export function run(script: string, npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env })
    for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]] as const)
      createInterface({ input: stream }).on('line', line => out.write(`[${script}] ${line}\n`))
    child.on('error', () => resolve({ script, code: 1, signal: null }))
    child.on('close', (code, signal) => resolve({ script, code, signal }))
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scripts = process.argv.slice(2)
  if (scripts.length === 0) {
    process.stderr.write('Usage: tsx scripts/lib/run-parallel.ts SCRIPT [SCRIPT ...]\n')
    process.exit(2)
  }
  const outcomes = await Promise.all(scripts.map(script => run(script)))
  const failures = failed(outcomes)
  if (failures.length > 0) {
    process.stderr.write(`Failed: ${failures.join(', ')}\n`)
    process.exit(1)
  }
}
