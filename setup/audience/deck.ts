/**
 * What the audience page knows of the deck (written into every page by
 * scripts/audience/build.ts), and where a step forward or back goes, counted
 * as Slidev counts: a slide's clicks in turn, then the next slide from its
 * start; back from a slide's start goes to the previous slide's last click.
 */
export interface AudienceSlide {
  no: number
  title: string
  /** The slide's click steps (Slidev's clicks total). */
  clicks: number
}

export interface AudienceDeck {
  title: string
  /** The deck's base path, `/` or `/talk/`: slide N is at `<base>N`, the sync channel at `<base>sync`. */
  base: string
  slides: AudienceSlide[]
}

/** A place in the deck: a slide and a click on it. */
export interface Step {
  page: number
  clicks: number
}

/** The deck's data from its page, or undefined when the page has none that holds together. */
export function readDeck(text: string | null | undefined): AudienceDeck | undefined {
  try {
    const deck = JSON.parse(text ?? '') as AudienceDeck
    const whole = typeof deck.title === 'string' && typeof deck.base === 'string' && Array.isArray(deck.slides)
      && deck.slides.every((slide, index) => slide.no === index + 1 && Number.isInteger(slide.clicks) && slide.clicks >= 0)
    return whole && deck.slides.length > 0 ? deck : undefined
  }
  catch {
    return undefined
  }
}

/** `step` brought inside the deck: a slide that exists, a click from 0 to its last (past the last, as Slidev's 999999, is the last). */
export function clampStep(deck: AudienceDeck, step: Step): Step {
  const page = Math.min(Math.max(Math.trunc(step.page) || 1, 1), deck.slides.length)
  const total = deck.slides[page - 1]!.clicks
  return { page, clicks: Math.min(Math.max(Math.trunc(step.clicks) || 0, 0), total) }
}

/** One step forward: the next click, else the next slide's start; undefined at the deck's end. */
export function nextStep(deck: AudienceDeck, at: Step): Step | undefined {
  const { page, clicks } = clampStep(deck, at)
  if (clicks < deck.slides[page - 1]!.clicks)
    return { page, clicks: clicks + 1 }
  return page < deck.slides.length ? { page: page + 1, clicks: 0 } : undefined
}

/** One step back: the previous click, else the previous slide's last; undefined at the deck's start. */
export function previousStep(deck: AudienceDeck, at: Step): Step | undefined {
  const { page, clicks } = clampStep(deck, at)
  if (clicks > 0)
    return { page, clicks: clicks - 1 }
  return page > 1 ? { page: page - 1, clicks: deck.slides[page - 2]!.clicks } : undefined
}

/** The address of `step`, as Slidev writes it: `<base>N`, with `?clicks=K` past the first click. */
export function stepPath(base: string, step: Step): string {
  return `${base}${step.page}${step.clicks > 0 ? `?clicks=${step.clicks}` : ''}`
}

/** The step an address names (`<base>`, `<base>N`, `?clicks=K`), brought inside the deck. */
export function stepOfLocation(deck: AudienceDeck, pathname: string, search: string): Step {
  const rest = pathname.startsWith(deck.base) ? pathname.slice(deck.base.length) : ''
  const page = /^\d+$/.test(rest) ? Number(rest) : 1
  const clicks = Number(new URLSearchParams(search).get('clicks') ?? 0)
  return clampStep(deck, { page, clicks: Number.isFinite(clicks) ? clicks : 0 })
}
