import type { Rehearsal } from '../../shared/rehearsal'
import type { ReportSlide } from './report'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parts } from '../../components/parts'
import { main } from './cli'
import { difference, duration, rehearsalReport } from './report'

const MIN = 60_000
const slides: ReportSlide[] = [
  { no: 1, title: 'Title' },
  { no: 2, title: 'The myth', part: parts[0] },
  { no: 3, title: 'Layers', part: parts[1] },
  { no: 4, title: 'Both', part: parts[1] },
]
const rehearsal = (day: number, minutes: number[][]): Rehearsal => ({ v: 1, at: `2025-05-${day}T14:02:00.000Z`, target: 600, slides: minutes.map(steps => steps.map(m => m * MIN)) })
const options = { file: 'data/rehearsals.jsonl', targetSeconds: 600, duration: '10min', count: 3, timeZone: 'UTC' }

describe('the rehearsals report', () => {
  it('shows the last ones side by side, per part and per slide, each total against the target, and the plan at the target', () => {
    const all = [
      rehearsal(10, [[9], [1], [1], [1]]),
      rehearsal(11, [[1], [2, 1], [3], [2]]),
      rehearsal(12, [[1], [2], [], [3, 1]]),
      rehearsal(13, [[0.5], [2.5], [2], [1, 2]]),
    ]
    expect(rehearsalReport(all, slides, options)).toEqual([
      'Rehearsals in data/rehearsals.jsonl: the last 3 of 4; the talk\'s target is 10:00 (duration: 10min in slides.md).',
      '',
      'Part                           11 May, 14:02  12 May, 14:02  13 May, 14:02  At 10:00',
      '-----------------------------  -------------  -------------  -------------  --------',
      'Opening (slide 1)                       1:00           1:00           0:30      0:38',
      '1 The myth (slide 2)                    3:00           2:00           2:30      3:08',
      '2 Layer by layer (slides 3-4)           5:00           4:00           5:00      6:15',
      'Total                                   9:00           7:00           8:00     10:00',
      'Against the target                     -1:00          -3:00          -2:00',
      '',
      'Slide        11 May, 14:02  12 May, 14:02  13 May, 14:02  At 10:00',
      '-----------  -------------  -------------  -------------  --------',
      ' 1 Title              1:00           1:00           0:30      0:38',
      ' 2 The myth           3:00           2:00           2:30      3:08',
      ' 3 Layers             3:00              —           2:00      2:30',
      ' 4 Both               2:00           4:00           3:00      3:45',
      '',
      'At 10:00: the last rehearsal\'s proportions scaled to the target, as the pace line plans the talk. A slide not shown in it: —.',
    ])
  })

  it('marks a rehearsal of another version of the deck, and says the pace plans from the slides when the last one is such', () => {
    const lines = rehearsalReport([rehearsal(12, [[1], [2]])], slides, { ...options, count: 5 })
    expect(lines[0]).toBe('Rehearsals in data/rehearsals.jsonl: the last 1 of 1; the talk\'s target is 10:00 (duration: 10min in slides.md).')
    expect(lines[2]).toMatch(/^Part +12 May, 14:02 \* +At 10:00$/)
    expect(lines.at(-3)).toBe('* A rehearsal of another version of the deck (not 4 slides): its slides are matched by number.')
    expect(lines.at(-1)).toMatch(/^The last rehearsal does not fit this deck/)
    expect(lines.find(line => line.startsWith('1 The myth'))).toMatch(/2:00 +—$/)
  })

  it('says how long each rehearsal took on the slides the short edition keeps', () => {
    const withDeep = slides.map(slide => slide.no === 3 ? { ...slide, deep: true } : slide)
    const lines = rehearsalReport([rehearsal(11, [[1], [2, 1], [3], [2]]), rehearsal(12, [[1], [2]])], withDeep, options)
    expect(lines.find(line => line.startsWith('Short edition (3 slides)'))).toMatch(/^Short edition \(3 slides\) +6:00 +— +\S+$/)
    expect(lines).toContain('Short edition: each rehearsal\'s time on the 3 slides it keeps, without the 1 deeper ones (npm run build -- --slot short); — for a rehearsal of another version of the deck.')
    expect(rehearsalReport([rehearsal(11, [[1], [2, 1], [3], [2]])], slides, options).some(line => line.startsWith('Short edition'))).toBe(false)
  })

  it('says how to record one when there is none', () => {
    expect(rehearsalReport([], slides, options)).toEqual(['No rehearsals in data/rehearsals.jsonl yet: switch on Rehearse in the presenter view (npm run dev or the hosted deck), give the talk, switch it off.'])
  })

  it('writes lengths to the second and differences with their sign', () => {
    expect(duration(65_400)).toBe('1:05')
    expect(duration(3_725_000)).toBe('1:02:05')
    expect(difference(132_000)).toBe('+2:12')
    expect(difference(-10_000)).toBe('-0:10')
    expect(difference(400)).toBe('±0:00')
  })
})

describe('npm run rehearsals', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deck-rehearsals-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads --data DIR against this deck and its duration, and says which lines it skipped', async () => {
    const out: string[] = []
    const err: string[] = []
    writeFileSync(join(dir, 'rehearsals.jsonl'), `${JSON.stringify(rehearsal(12, [[1]]))}\nnot a line\n`)
    expect(await main(['--data', dir, '--last', '2'], line => out.push(line), line => err.push(line))).toBe(0)
    expect(err).toEqual([`${join(dir, 'rehearsals.jsonl')}:2: skipped, not a rehearsal: not JSON (a line cut short?)`])
    expect(out[0]).toBe(`Rehearsals in ${join(dir, 'rehearsals.jsonl')}: the last 1 of 1; the talk's target is 45:00 (duration: 45min in slides.md).`)
    expect(out.some(line => line.startsWith(' 1 Are containers just lightweight VMs?'))).toBe(true)
    expect(out.some(line => line.startsWith('3 What follows (slides '))).toBe(true)
  }, 30_000)

  it('refuses a --last that is not a whole number from 1, and explains itself with --help', async () => {
    await expect(main(['--last', '0'], () => {}, () => {})).rejects.toThrow('--last must be a whole number from 1 to 100')
    const out: string[] = []
    expect(await main(['--help'], line => out.push(line), () => {})).toBe(0)
    expect(out[0]).toMatch(/^Usage: npm run rehearsals/)
    expect(out[0]).toMatch(/--data DIR[\s\S]*--redis URL[\s\S]*--talk NAME/)
  })

  // Reading a talk in Redis is checked against a real one in server/cluster.test.ts.
  it('reads one place: --data or --redis, --talk only with --redis, and a Redis URL and a talk\'s name as the server takes them', async () => {
    await expect(main(['--data', dir, '--redis', 'redis://127.0.0.1:1/0'], () => {}, () => {})).rejects.toThrow('--data and --redis each say where to read: give one')
    await expect(main(['--data', dir, '--talk', 'keynote'], () => {}, () => {})).rejects.toThrow('--talk needs --redis URL (or $DECK_REDIS_URL)')
    await expect(main(['--redis', 'http://127.0.0.1:6379'], () => {}, () => {})).rejects.toThrow('--redis must be a redis:// or rediss:// URL')
    await expect(main(['--redis', 'redis://127.0.0.1:1/0', '--talk', 'a talk'], () => {}, () => {})).rejects.toThrow('--talk must be 1 to 64 letters')
  })
})
