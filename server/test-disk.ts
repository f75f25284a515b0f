/**
 * A disk that fails on demand, for the store's tests: the journal's own file
 * calls (./store.ts `diskFiles`), failing with an error `code` (ENOSPC, EIO)
 * on write, on sync, or part way through a write (a torn line), while
 * `state.failing` says so; `state.syncs` counts the syncs asked for.
 */
import type { FileHandle } from 'node:fs/promises'
import type { JournalFiles } from './store'
import { diskFiles } from './store'

export interface FaultState {
  failing?: 'write' | 'sync' | 'partial'
  code: string
  syncs: number
}

export function faultyFiles(state: FaultState): JournalFiles {
  const fail = () => Object.assign(new Error(`${state.code}: injected`), { code: state.code })
  return {
    ...diskFiles,
    async write(handle: FileHandle, data, position) {
      if (state.failing === 'write')
        throw fail()
      if (state.failing === 'partial') {
        // Half the bytes reach the file, then the disk is full: a torn line.
        await diskFiles.write(handle, data.subarray(0, Math.floor(data.byteLength / 2)), position)
        throw fail()
      }
      await diskFiles.write(handle, data, position)
    },
    async sync(handle: FileHandle) {
      state.syncs++
      if (state.failing === 'sync')
        throw fail()
      await diskFiles.sync(handle)
    },
  }
}
