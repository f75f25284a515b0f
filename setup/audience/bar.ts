/**
 * The bar under the slide: previous and next as links a crawler and a
 * keyboard can follow (the page moves in place instead of loading them), and
 * where the page is. Written by the build into every page and by the page as
 * it moves, from this one function.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }
const escape = (text: string): string => text.replace(/[&<>"]/g, char => ESCAPES[char]!)

export function barLinks(base: string, no: number, total: number): string {
  const link = (to: number, rel: 'prev' | 'next', label: string): string =>
    `<a class="audience__step audience__step--${rel}" rel="${rel}" href="${escape(base)}${to}" aria-label="${label}: slide ${to}"><span aria-hidden="true">${rel === 'prev' ? '‹' : '›'}</span></a>`
  const none = '<span class="audience__step" aria-hidden="true"></span>'
  return `${no > 1 ? link(no - 1, 'prev', 'Previous') : none}<p class="audience__where" data-audience-where>Slide ${no} of ${total}</p>${no < total ? link(no + 1, 'next', 'Next') : none}`
}
