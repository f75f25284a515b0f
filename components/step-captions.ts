/**
 * Step captions: a sentence per click saying what that click added to a
 * diagram ("The host kernel: one, shared by all containers"), shown by
 * `<StepCaptions>`. `captions[0]` describes the slide as it opens, `captions[k]`
 * what click k adds; a diagram with N clicks has N + 1.
 */

export interface Caption {
  /** "Step 2 of 4:", or "Before the first click:" for the opening state. */
  label: string
  text: string
}

/** The caption shown at `clicks`, clamped to the list (a deep link past the last click shows the last). */
export function captionAt(captions: readonly string[], clicks: number): Caption {
  const last = captions.length - 1
  const step = Math.max(0, Math.min(last, Math.floor(clicks)))
  return {
    label: last === 0 ? '' : step === 0 ? 'Before the first click:' : `Step ${step} of ${last}:`,
    text: captions[step] ?? '',
  }
}

/** What is wrong with a diagram's captions for `clicks` clicks, in words; empty when nothing is. */
export function captionProblems(captions: readonly string[], clicks: number): string[] {
  const problems: string[] = []
  if (captions.length !== clicks + 1)
    problems.push(`${captions.length} captions for ${clicks} clicks (want ${clicks + 1}: the opening state and one a click)`)
  captions.forEach((caption, index) => {
    if (!caption.trim())
      problems.push(`caption ${index} is empty`)
    else if (!/[.!?]$/.test(caption.trim()))
      problems.push(`caption ${index} is not a sentence ending in a full stop: "${caption}"`)
  })
  const seen = new Set<string>()
  for (const caption of captions) {
    if (seen.has(caption))
      problems.push(`caption repeated: "${caption}"`)
    seen.add(caption)
  }
  return problems
}
