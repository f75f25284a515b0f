import { describe, expect, it } from 'vitest'
import { elapsedText, nextStepText, slideTitle, whereText } from './remote-view'

describe('the remote\'s words for where the talk is', () => {
  it('names the next step: a click on this slide, the next slide, or the end', () => {
    const titles = ['Are containers just lightweight VMs?', 'The wrong comparison', undefined]
    expect(nextStepText({ page: 2, clicks: 1, clicksTotal: 3 }, titles)).toBe('Next: click 2 of 3 on this slide')
    expect(nextStepText({ page: 1, clicks: 0, clicksTotal: 0 }, titles)).toBe('Next: The wrong comparison')
    expect(nextStepText({ page: 2, clicks: 3, clicksTotal: 3 }, titles)).toBe('Next: Slide 3')
    expect(nextStepText({ page: 3, clicks: 0, clicksTotal: 0 }, titles)).toBe('This is the last slide.')
    expect(slideTitle('  ', 4)).toBe('Slide 4')
  })

  it('says where the talk is', () => {
    expect(whereText({ page: 7, clicks: 1, clicksTotal: 3 }, 59)).toBe('Slide 7 of 59 · click 1 of 3')
    expect(whereText({ page: 3, clicks: 0, clicksTotal: 0 }, 59)).toBe('Slide 3 of 59')
  })

  it('counts the time since the talk started', () => {
    expect(elapsedText(undefined, 5000)).toBe('0:00')
    expect(elapsedText(0, 65_400)).toBe('1:05')
    expect(elapsedText(0, 3_725_000)).toBe('1:02:05')
  })
})
