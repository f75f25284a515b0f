import { describe, expect, it } from 'vitest'
import { LAYOUT_WIDTHS, layoutAt, NARROW_CANVAS, overflows, wantsNarrow } from './narrow'

describe('the narrow canvas', () => {
  it('is taken by the slides on a narrow screen, not by paper, the handout, the presenter view or the remote', () => {
    expect(wantsNarrow('/talk/12', '', true)).toBe(true)
    expect(wantsNarrow('/talk/12', '?clicks=2', true)).toBe(true)
    expect(wantsNarrow('/talk/12', '', false)).toBe(false)
    for (const path of ['/talk/print', '/export/3', '/handout', '/presenter/4', '/overview', '/notes', '/remote'])
      expect(wantsNarrow(path, '', true), path).toBe(false)
    expect(wantsNarrow('/12', '?print', true)).toBe(false)
  })

  it('lays a slide that does not fit out wider, at the canvas\'s proportions, scaled into it', () => {
    expect(layoutAt(NARROW_CANVAS.width)).toEqual({ width: 480, height: 690, scale: 1 })
    expect(layoutAt(600)).toEqual({ width: 600, height: 863, scale: 0.8 })
    expect(LAYOUT_WIDTHS.at(-1)).toBe(980)
  })

  it('finds content past the slide\'s sides or foot, by more than a pixel, and ignores empty boxes', () => {
    const frame = { left: 0, top: 0, right: 480, bottom: 690, width: 480 }
    expect(overflows(frame, [{ left: 10, top: 10, right: 470, bottom: 680, width: 460 }])).toBe(false)
    expect(overflows(frame, [{ left: 10, top: 10, right: 480.5, bottom: 690.5, width: 470 }])).toBe(false)
    expect(overflows(frame, [{ left: 10, top: 10, right: 500, bottom: 600, width: 490 }])).toBe(true)
    expect(overflows(frame, [{ left: 10, top: 600, right: 400, bottom: 720, width: 390 }])).toBe(true)
    expect(overflows(frame, [{ left: -20, top: 10, right: 400, bottom: 600, width: 420 }])).toBe(true)
    expect(overflows(frame, [{ left: 900, top: 900, right: 900, bottom: 900, width: 0 }])).toBe(false)
    // The sources line at the foot: the content must end above it.
    expect(overflows(frame, [{ left: 10, top: 600, right: 400, bottom: 650, width: 390 }], 660)).toBe(false)
    expect(overflows(frame, [{ left: 10, top: 600, right: 400, bottom: 670, width: 390 }], 660)).toBe(true)
  })
})
