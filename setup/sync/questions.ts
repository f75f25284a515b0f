/** The questions panel's rules (./QuestionsPanel.vue), beside it so they are tested without a page. */

/** The class on <html> while the open button shows on the slides: the slide makes room for it (./questions.css). */
export const ROOM_CLASS = 'deck-questions-room'

/** Line breaks and tabs typed or pasted into the field become spaces: a question is one line. */
export function normalizeQuestion(text: string): string {
  return text.replace(/[\t\n\r\v\f\u2028\u2029]+/g, ' ')
}
