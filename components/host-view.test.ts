import { describe, expect, it } from 'vitest'
import { HOST_VIEW_CLICKS, hostViewCaptions, hostViewNotes, hostViewRows } from './host-view'
import { isSourceId } from './sources'
import { captionProblems } from './step-captions'

describe('containers see the host', () => {
  it('shows the two readings together, then what broke, then the fixes', () => {
    expect(hostViewRows.map(row => [row.resource, row.step])).toEqual([['Memory', 1], ['CPUs', 1]])
    expect(hostViewNotes.map(note => [note.label, note.step])).toEqual([['What broke', 2], ['The fixes', 3]])
    expect(HOST_VIEW_CLICKS).toBe(3)
  })

  it('sources every row and every note', () => {
    const items = [...hostViewRows, ...hostViewNotes]
    expect(items.filter(item => item.sources.length === 0)).toEqual([])
    expect(items.flatMap(item => item.sources).filter(source => !isSourceId(source))).toEqual([])
  })

  it('say in a sentence what the slide opens with and what each click adds', () => {
    expect(captionProblems(hostViewCaptions, HOST_VIEW_CLICKS)).toEqual([])
    expect(hostViewCaptions.filter(caption => caption.length >= 90)).toEqual([])
  })
})
