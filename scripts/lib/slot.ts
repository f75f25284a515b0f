/**
 * `--slot NAME` on the build's and the export's command lines: taken off the
 * arguments (Slidev does not know it) and put into `DECK_SLOT`, which the
 * preparser, the deck reader and the edition read (components/slot.ts).
 */
import type { Slot } from '../../components/slot.ts'
import { parseSlot, SLOT_ENV } from '../../components/slot.ts'
import { optionValue } from './cli-args.ts'

/** The slot `args` name (else the one `env` already holds), and the arguments without `--slot`. */
export function takeSlot(args: readonly string[], env: Record<string, string | undefined>): { slot: Slot, rest: string[] } {
  const given = optionValue(args, ['--slot'])
  const slot = parseSlot(given ?? env[SLOT_ENV])
  const rest: string[] = []
  for (let index = 0; index < args.length; index++) {
    if (args[index] === '--slot')
      index++
    else if (!args[index]!.startsWith('--slot='))
      rest.push(args[index]!)
  }
  return { slot, rest }
}

/** Sets `DECK_SLOT` in `env` for the slot (removes it for the full edition), so everything this process runs follows it. */
export function useSlot(slot: Slot, env: Record<string, string | undefined>): void {
  if (slot === 'full')
    delete env[SLOT_ENV]
  else
    env[SLOT_ENV] = slot
}
