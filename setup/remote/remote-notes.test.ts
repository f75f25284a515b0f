import { describe, expect, it } from 'vitest'
import { noteParts, notesAtClick, noteText } from './remote-notes'

const mark = (clicks: number) => `<span class="slidev-note-click-mark" data-clicks="${clicks}"></span>`
const NOTE = `<p>This is the myth. &quot;Containers are not VMs&quot;.</p>\n<p>${mark(1)} It is useful for intuition.</p>\n<p>${mark(2)} But it is dangerous &amp; hides <code>cgroups</code>.</p>`

describe('the notes for a click', () => {
  it('splits Slidev\'s note HTML at its click marks, as plain text', () => {
    expect(noteParts(NOTE)).toEqual([
      { from: 0, text: 'This is the myth. "Containers are not VMs".' },
      { from: 1, text: 'It is useful for intuition.' },
      { from: 2, text: 'But it is dangerous & hides cgroups.' },
    ])
  })

  it('gives each click its part, and a click without a mark the last part before it', () => {
    expect(notesAtClick(NOTE, 0)).toBe('This is the myth. "Containers are not VMs".')
    expect(notesAtClick(NOTE, 1)).toBe('It is useful for intuition.')
    expect(notesAtClick(NOTE, 5)).toBe('But it is dangerous & hides cgroups.')
    expect(notesAtClick(`<p>One.</p>${mark(3)}<p>Three.</p>`, 2)).toBe('One.')
    expect(notesAtClick(undefined, 0)).toBe('')
  })

  it('keeps markup as text: a tag written in the notes never becomes one', () => {
    expect(noteText('<p>&lt;script&gt;alert(1)&lt;/script&gt; &#39;x&#x27;</p><ul><li>a</li><li>b</li></ul>')).toBe('<script>alert(1)</script> \'x\'\n• a\n• b')
  })
})
