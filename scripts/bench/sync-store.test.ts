import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { QuestionBoard, readEvent } from '../../server/questions'
import { Journal, QUESTIONS_FILE } from '../../server/store'
import { upvoteOf, writeJournal } from './sync-store'

describe('the stored room', () => {
  it('spreads the upvotes one per device and question, every device upvoting each question before the next device starts', () => {
    expect([0, 1, 2, 3].map(n => upvoteOf(n, 3))).toEqual([
      { device: 'store-device-0000000000', id: 1 },
      { device: 'store-device-0000000000', id: 2 },
      { device: 'store-device-0000000000', id: 3 },
      { device: 'store-device-0000000001', id: 1 },
    ])
  })

  it('writes a journal the server replays whole: every question, every upvote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-store-test-'))
    try {
      await writeJournal(join(dir, QUESTIONS_FILE), { questions: 3, upvotes: 7 })
      const board = new QuestionBoard()
      const { journal, opened } = await Journal.open({ dir, name: QUESTIONS_FILE, what: 'questions', read: readEvent, restore: state => board.restore(state), apply: event => board.apply(event), snapshot: () => board.snapshot(), log: () => {} })
      await journal.close()
      expect(opened).toEqual({ replayed: 10, damaged: 0, fromSnapshot: false })
      expect(board.list(true).map(question => [question.id, question.votes])).toEqual([[1, 3], [2, 2], [3, 2]])
    }
    finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
