/** Reading the options of the scripts' command lines (`npm run bench`, `npm run bench:sync`). */

/** A whole-number option `--name` from min to max; fallback when it was not given. */
export function whole(name: string, raw: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined)
    return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}`)
  return value
}
