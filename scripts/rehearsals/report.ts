/**
 * What `npm run rehearsals` prints (./cli.ts): the last rehearsals side by
 * side, per part of the talk and per slide, each rehearsal's total against
 * the talk's target (the headmatter's `duration:`), and in the last column
 * what the pace line plans for each at the target: the latest rehearsal's
 * proportions, scaled (shared/pace.ts). When the deck has slides the short
 * edition leaves out (components/slot.ts), a row says how long each
 * rehearsal spent on the slides the short edition keeps: how long it takes.
 */
import type { Part } from '../../components/parts'
import type { Rehearsal } from '../../shared/rehearsal'
import { elapsedText } from '../../setup/remote/remote-view'
import { planFromRehearsal } from '../../shared/pace'
import { rehearsalTotal } from '../../shared/rehearsal'
import { formatTable, MISSING } from '../lib/format'

export interface ReportSlide {
  no: number
  title: string
  /** The part it belongs to; undefined before the first part's divider (the opening). */
  part?: Part
  /** Left out of the short edition (`depth: deep`). */
  deep?: boolean
}

export interface ReportOptions {
  /** The file read, as the reader named it. */
  file: string
  /** The talk's target in seconds, and the headmatter's words for it (`45min`). */
  targetSeconds: number
  duration: string
  /** How many of the last rehearsals to show. */
  count: number
  /** The time zone the rehearsals' times are shown in (default: this machine's). */
  timeZone?: string
}

/** `12:05`, `1:02:05`: a rehearsal's length, to the second. */
export function duration(ms: number): string {
  return elapsedText(0, Math.round(ms / 1000) * 1000)
}

/** `+2:12`, `-0:10`: ahead of the target, or short of it; `±0:00` on it. */
export function difference(ms: number): string {
  const rounded = Math.round(ms / 1000) * 1000
  return `${rounded > 0 ? '+' : rounded < 0 ? '-' : '±'}${duration(Math.abs(rounded))}`
}

/** Slides 4-12, or slide 4. */
function span(nos: readonly number[]): string {
  return nos.length === 1 ? `slide ${nos[0]}` : `slides ${nos[0]}-${nos.at(-1)}`
}

/** The report's lines. No rehearsal: one line saying how to record one. */
export function rehearsalReport(all: readonly Rehearsal[], slides: readonly ReportSlide[], options: ReportOptions): string[] {
  if (all.length === 0)
    return [`No rehearsals in ${options.file} yet: switch on Rehearse in the presenter view (npm run dev or the hosted deck), give the talk, switch it off.`]
  const shown = all.slice(-options.count)
  const targetMs = options.targetSeconds * 1000
  const when = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: options.timeZone })
  const fits = (rehearsal: Rehearsal) => rehearsal.slides.length === slides.length
  const heads = shown.map(rehearsal => `${when.format(new Date(rehearsal.at))}${fits(rehearsal) ? '' : ' *'}`)
  const latest = shown.at(-1)!
  const plan = planFromRehearsal(latest.slides, slides.length, targetMs)
  const slideMs = (rehearsal: Rehearsal, no: number): number | undefined => {
    const steps = rehearsal.slides[no - 1]
    return steps && steps.length > 0 ? steps.reduce((sum, ms) => sum + ms, 0) : undefined
  }
  const planned = (nos: readonly number[]): string => plan ? duration(nos.reduce((sum, no) => sum + plan.slides[no - 1]!.end - plan.slides[no - 1]!.start, 0)) : MISSING
  const cells = (nos: readonly number[]): string[] => shown.map((rehearsal) => {
    const times = nos.map(no => slideMs(rehearsal, no)).filter((ms): ms is number => ms !== undefined)
    return times.length === 0 ? MISSING : duration(times.reduce((sum, ms) => sum + ms, 0))
  })

  // The slides the short edition keeps (all of them in a deck without deeper slides, or in the short edition itself).
  const kept = slides.filter(slide => !slide.deep).map(slide => slide.no)

  // The parts in the deck's order, the opening (before the first divider) first.
  const groups: { label: string, nos: number[] }[] = []
  for (const slide of slides) {
    const label = slide.part ? `${slide.part.no} ${slide.part.short}` : 'Opening'
    const group = groups.at(-1)
    if (group?.label === label)
      group.nos.push(slide.no)
    else
      groups.push({ label, nos: [slide.no] })
  }
  const right = Array.from({ length: shown.length + 1 }, (_, index) => index + 1)
  const atTarget = `At ${duration(targetMs)}`
  const lines = [
    `Rehearsals in ${options.file}: the last ${shown.length} of ${all.length}; the talk's target is ${duration(targetMs)} (duration: ${options.duration} in slides.md).`,
    '',
    ...formatTable(['Part', ...heads, atTarget], [
      ...groups.map(group => [`${group.label} (${span(group.nos)})`, ...cells(group.nos), planned(group.nos)]),
      ['Total', ...shown.map(rehearsal => duration(rehearsalTotal(rehearsal))), duration(targetMs)],
      ['Against the target', ...shown.map(rehearsal => difference(rehearsalTotal(rehearsal) - targetMs)), ''],
      ...(kept.length < slides.length ? [[`Short edition (${kept.length} slides)`, ...cells(kept).map((cell, index) => fits(shown[index]!) ? cell : MISSING), planned(kept)]] : []),
    ], { right }),
    '',
    ...formatTable(['Slide', ...heads, atTarget], slides.map(slide => [`${String(slide.no).padStart(2)} ${slide.title || '(untitled)'}`, ...cells([slide.no]), planned([slide.no])]), { right }),
  ]
  if (kept.length < slides.length)
    lines.push('', `Short edition: each rehearsal's time on the ${kept.length} slides it keeps, without the ${slides.length - kept.length} deeper ones (npm run build -- --slot short); ${MISSING} for a rehearsal of another version of the deck.`)
  if (!shown.every(fits))
    lines.push('', `* A rehearsal of another version of the deck (not ${slides.length} slides): its slides are matched by number.`)
  if (!plan)
    lines.push('', `The last rehearsal does not fit this deck: the pace line plans from the slides (each an equal share) until a new one is saved.`)
  else
    lines.push('', `${atTarget}: the last rehearsal's proportions scaled to the target, as the pace line plans the talk. A slide not shown in it: ${MISSING}.`)
  return lines
}
