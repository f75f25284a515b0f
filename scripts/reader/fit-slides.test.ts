import { describe, expect, it } from 'vitest'
import { SlideFitting } from './fit-slides'

function fitting(): { fitted: string[], fitting: SlideFitting<string> } {
  const fitted: string[] = []
  return { fitted, fitting: new SlideFitting<string>(slide => void fitted.push(slide)) }
}

describe('slideFitting', () => {
  it('fits no slide until it comes near the screen, so loading the page lays out none off screen', () => {
    const { fitted, fitting: slides } = fitting()
    expect(fitted).toEqual([])
    slides.update([{ slide: 'slide-1', near: true }, { slide: 'slide-2', near: true }, { slide: 'slide-40', near: false }])
    expect(fitted).toEqual(['slide-1', 'slide-2'])
  })

  it('fits a slide once, however often it comes back near the screen', () => {
    const { fitted, fitting: slides } = fitting()
    slides.update([{ slide: 'slide-1', near: true }])
    slides.update([{ slide: 'slide-1', near: false }])
    slides.update([{ slide: 'slide-1', near: true }])
    expect(fitted).toEqual(['slide-1'])
  })

  it('on a new screen, fits again at once the slides near it, and the others when they come near', () => {
    const { fitted, fitting: slides } = fitting()
    slides.update([{ slide: 'slide-1', near: true }, { slide: 'slide-2', near: true }])
    slides.update([{ slide: 'slide-1', near: false }, { slide: 'slide-3', near: true }])
    fitted.length = 0
    slides.refit()
    expect(fitted).toEqual(['slide-2', 'slide-3'])
    slides.update([{ slide: 'slide-1', near: true }])
    expect(fitted).toEqual(['slide-2', 'slide-3', 'slide-1'])
  })
})
