// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { showClicks } from './steps'

function slide(): HTMLElement {
  const article = document.createElement('article')
  article.innerHTML = `
    <p class="fragment" data-fragment-index="1">one</p>
    <p class="fragment fade-out" data-fragment-index="2">gone at two</p>
    <div class="reader-steps">
      <div class="reader-step" data-step="0" aria-hidden="true" inert>0</div>
      <div class="reader-step fragment" data-step="1" data-fragment-index="1" aria-hidden="true" inert>1</div>
      <div class="reader-step fragment" data-step="2" data-fragment-index="2">2</div>
    </div>`
  return article
}

describe('showClicks', () => {
  it('marks what is shown by click K, and only the latest step of a diagram is there for assistive technology', () => {
    const article = slide()
    showClicks(article, 1)
    const [one, fade] = article.querySelectorAll('p')
    expect(one!.classList.contains('visible')).toBe(true)
    expect(fade!.classList.contains('visible')).toBe(false)
    const steps = [...article.querySelectorAll<HTMLElement>('.reader-step')]
    expect(steps.map(step => step.hasAttribute('inert'))).toEqual([true, false, true])
    expect(steps.map(step => step.getAttribute('aria-hidden'))).toEqual(['true', null, 'true'])

    showClicks(article, 0)
    expect(one!.classList.contains('visible')).toBe(false)
    expect(steps.map(step => step.hasAttribute('inert'))).toEqual([false, true, true])

    showClicks(article, 2)
    expect(fade!.classList.contains('visible')).toBe(true)
    expect(steps.map(step => step.hasAttribute('inert'))).toEqual([true, true, false])
  })
})
