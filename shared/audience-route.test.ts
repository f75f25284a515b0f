import { describe, expect, it } from 'vitest'
import { audiencePageFile, audienceSlide, MAX_AUDIENCE_SLIDE } from './audience-route'

describe('audienceSlide', () => {
  it('gives the deck\'s address and a slide\'s to the audience page', () => {
    expect(audienceSlide('', '')).toBe(1)
    expect(audienceSlide('7', '')).toBe(7)
    expect(audienceSlide('18', '?clicks=2')).toBe(18)
    expect(audienceSlide(String(MAX_AUDIENCE_SLIDE), '')).toBe(MAX_AUDIENCE_SLIDE)
  })

  it('leaves Slidev its own pages', () => {
    for (const rest of ['presenter/3', 'presenter', 'overview', 'notes', 'print', 'export', 'handout', 'entry', 'remote', 'reader/', 'intro', '07', '0', '3/', '-1', '1e3', ` 3`])
      expect(audienceSlide(rest, ''), rest).toBeUndefined()
    expect(audienceSlide(String(MAX_AUDIENCE_SLIDE + 1), '')).toBeUndefined()
  })

  it('gives Slidev a slide asked for with ?projector, ?print or ?embedded', () => {
    expect(audienceSlide('7', '?projector')).toBeUndefined()
    expect(audienceSlide('', 'projector=1')).toBeUndefined()
    expect(audienceSlide('7', '?clicks=1&print')).toBeUndefined()
    expect(audienceSlide('7', '?embedded=true')).toBeUndefined()
  })

  it('names the page in the build', () => {
    expect(audiencePageFile(12)).toBe('audience/12.html')
  })
})
