/** Reading the options of the scripts' command lines (`npm run bench`, `npm run bench:sync`, `npm run measure`, `npm run build`). */
import { parseArgs } from 'node:util'

/** The options `readOptions` read: each `--name VALUE` as a string, each flag as a boolean, absent as undefined. */
export type Options<Value extends string, Flag extends string> = { [K in Value]?: string } & { [K in Flag]?: boolean }

/**
 * Reads `--name VALUE` options and `--flag` switches, strictly (an unknown
 * option or a positional argument throws); 'help' when `--help` is given.
 */
export function readOptions<Value extends string, Flag extends string = never>(argv: readonly string[], names: readonly Value[], flags: readonly Flag[] = []): Options<Value, Flag> | 'help' {
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } }
  for (const name of names)
    options[name] = { type: 'string' }
  for (const flag of flags)
    options[flag] = { type: 'boolean' }
  const { values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false })
  return values.help ? 'help' : values as Options<Value, Flag>
}

/** A whole-number option `--name` from min to max; fallback when it was not given. */
export function whole(name: string, raw: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined)
    return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}`)
  return value
}

/** The value of an option given as `--name VALUE` or `--name=VALUE` under any of `names`; undefined when absent. */
export function optionValue(args: readonly string[], names: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!
    if (names.includes(arg))
      return args[index + 1]
    const name = names.find(candidate => arg.startsWith(`${candidate}=`))
    if (name)
      return arg.slice(name.length + 1)
  }
  return undefined
}
