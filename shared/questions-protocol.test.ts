import { describe, expect, it } from 'vitest'
import { checkQuestionText, MAX_MESSAGE_BYTES, MAX_QUESTION_LENGTH, parseClientMessage, parseServerMessage } from './sync-protocol'

const DEVICE = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'

function parse(message: unknown) {
  const text = JSON.stringify(message)
  return parseClientMessage(text, new TextEncoder().encode(text).byteLength)
}

describe('questions from a deck', () => {
  it('accepts a question, trimmed, up to 280 characters', () => {
    expect(parse({ t: 'ask', device: DEVICE, text: '  Is a container a VM?  ' })).toEqual({ ok: true, message: { t: 'ask', device: DEVICE, text: 'Is a container a VM?' } })
    const longest = 'é'.repeat(MAX_QUESTION_LENGTH)
    expect(parse({ t: 'ask', device: DEVICE, text: ` ${longest} ` })).toEqual({ ok: true, message: { t: 'ask', device: DEVICE, text: longest } })
    // The longest question, in characters that take the most bytes or escapes, still fits a message.
    for (const worst of ['€'.repeat(MAX_QUESTION_LENGTH), '"'.repeat(MAX_QUESTION_LENGTH), '😀'.repeat(MAX_QUESTION_LENGTH / 2)]) {
      const text = JSON.stringify({ t: 'ask', device: 'x'.repeat(64), text: worst })
      expect(new TextEncoder().encode(text).byteLength).toBeLessThanOrEqual(MAX_MESSAGE_BYTES)
    }
  })

  it.each([
    ['a question cannot be empty', { t: 'ask', device: DEVICE, text: '' }],
    ['a question cannot be empty', { t: 'ask', device: DEVICE, text: ' \u00A0 ' }],
    [`at most ${MAX_QUESTION_LENGTH} characters long, not ${MAX_QUESTION_LENGTH + 1}`, { t: 'ask', device: DEVICE, text: 'x'.repeat(MAX_QUESTION_LENGTH + 1) }],
    ['a letter, a digit or a sign that shows', { t: 'ask', device: DEVICE, text: '\u200B\u200C\u200D\u2060\uFEFF' }],
    ['a letter, a digit or a sign that shows', { t: 'ask', device: DEVICE, text: '\u3164\u3164\u115F\u2800' }],
    ['a letter, a digit or a sign that shows', { t: 'ask', device: DEVICE, text: '\u0301\u20DD\u200E' }],
    ['a letter, a digit or a sign that shows', { t: 'ask', device: DEVICE, text: '\uE000\uFFFC\u{1D159}\u0378\uFFFF' }],
    ['a letter, a digit or a sign that shows', { t: 'ask', device: DEVICE, text: '\uD800' }],
    ['control characters', { t: 'ask', device: DEVICE, text: 'two\nlines' }],
    ['control characters', { t: 'ask', device: DEVICE, text: 'a\tb' }],
    ['control characters', { t: 'ask', device: DEVICE, text: 'bell\u0007' }],
    ['control characters', { t: 'ask', device: DEVICE, text: 'nul\u0000' }],
    ['control characters', { t: 'ask', device: DEVICE, text: 'del\u007F' }],
    ['control characters', { t: 'ask', device: DEVICE, text: 'c1\u0085' }],
    ['control characters', { t: 'ask', device: DEVICE, text: 'a\u2028b' }],
    ['a question must be text', { t: 'ask', device: DEVICE, text: 42 }],
    ['ask takes exactly t, device and text', { t: 'ask', device: DEVICE, text: 'hi', votes: 100 }],
    ['ask takes exactly t, device and text', { t: 'ask', text: 'hi' }],
    ['device must be', { t: 'ask', device: 'short', text: 'hi' }],
    ['device must be', { t: 'ask', device: `${DEVICE}<`, text: 'hi' }],
    ['upvote takes exactly t, device and id', { t: 'upvote', device: DEVICE, id: 1, times: 10 }],
    ['id must be a whole number', { t: 'upvote', device: DEVICE, id: 0 }],
    ['id must be a whole number', { t: 'upvote', device: DEVICE, id: '1' }],
    ['moderate takes exactly t, id and action', { t: 'moderate', id: 1, action: 'hidden', secret: 'x' }],
    ['action must be', { t: 'moderate', id: 1, action: 'deleted' }],
  ])('refuses %s: %j', (reason, message) => {
    const parsed = parse(message)
    expect(parsed.ok).toBe(false)
    expect(parsed.ok ? '' : parsed.reason).toContain(reason)
    // A refusal about questions is sent back to the deck, not only dropped.
    expect(parsed.ok ? undefined : parsed.question).toBe(true)
  })

  it('takes a question with one visible character among invisible ones', () => {
    expect(parse({ t: 'ask', device: DEVICE, text: '\u200B?\u200B' })).toMatchObject({ ok: true })
    expect(parse({ t: 'ask', device: DEVICE, text: '😀' })).toMatchObject({ ok: true })
    expect(parse({ t: 'ask', device: DEVICE, text: 'é' })).toMatchObject({ ok: true })
  })

  it('takes an upvote and a moderation', () => {
    expect(parse({ t: 'upvote', device: DEVICE, id: 3 })).toEqual({ ok: true, message: { t: 'upvote', device: DEVICE, id: 3 } })
    expect(parse({ t: 'moderate', id: 3, action: 'answered' })).toEqual({ ok: true, message: { t: 'moderate', id: 3, action: 'answered' } })
  })

  it('checks text the same way for the store', () => {
    expect(checkQuestionText(' ok ')).toEqual({ ok: true, text: 'ok' })
    expect(checkQuestionText(undefined).ok).toBe(false)
  })
})

describe('questions from the server', () => {
  it('reads the list, a change, a question gone, and refusals about questions', () => {
    expect(parseServerMessage('{"t":"questions","questions":[{"id":1,"text":"<b>x</b>","votes":2,"answered":false},{"id":2,"text":"y","votes":0,"answered":true,"hidden":true}]}'))
      .toEqual({ t: 'questions', questions: [{ id: 1, text: '<b>x</b>', votes: 2, answered: false }, { id: 2, text: 'y', votes: 0, answered: true, hidden: true }] })
    expect(parseServerMessage('{"t":"question","question":{"id":1,"text":"x","votes":1,"answered":false}}')).toEqual({ t: 'question', question: { id: 1, text: 'x', votes: 1, answered: false } })
    expect(parseServerMessage('{"t":"question-gone","id":4}')).toEqual({ t: 'question-gone', id: 4 })
    expect(parseServerMessage('{"t":"asked","id":4}')).toEqual({ t: 'asked', id: 4 })
    expect(parseServerMessage('{"t":"refused","code":"too-many","reason":"slow down","about":"questions"}')).toEqual({ t: 'refused', code: 'too-many', reason: 'slow down', about: 'questions' })
    expect(parseServerMessage('{"t":"questions","questions":[{"id":1,"text":"x"}]}')).toBeUndefined()
    expect(parseServerMessage('{"t":"question","question":{"id":0,"text":"x","votes":1,"answered":false}}')).toBeUndefined()
  })
})
