/**
 * Chapter 9 as the deck must cover it: its sections, as the slide titles
 * that carry them, and each claim it makes, with the section it makes it in
 * and the words the section's slides or their notes must say for the claim
 * to be made there. tests/deck.test.ts holds the full edition to them,
 * tests/short-edition.test.ts the short one.
 *
 * A section's slides run from the slide titled as the section up to the next
 * section's slide: the part dividers and the deeper slides between them
 * belong to the section before. A claim's words must be said there, so a
 * claim that leaves its section is missed even if the words are said
 * elsewhere; a claim a deeper slide makes must be made again on a slide the
 * short edition keeps.
 */

/** The chapter's sections, in its order, as the slide titles that carry them. */
export const CHAPTER_SECTIONS = [
  'Are containers just lightweight VMs?',
  'Agenda',
  'Three worlds you have already seen',
  'The question',
  'The wrong comparison',
  'The core difference',
  'Architecture, side by side',
  'What exactly is being virtualised?',
  'Startup time: minutes vs milliseconds',
  'Resource overhead and density',
  'Isolation and security',
  'Failure domains',
  'OS flexibility',
  'Operational model: pets vs cattle',
  'Scaling and automation',
  'Debugging and observability',
  'When should you use virtual machines?',
  'When should you use containers?',
  'The industry reality',
  'The mental model to lock in',
  'References from the chapter',
  'What you learned',
  'Next: Chapter 10 — What is Docker?',
] as const

export type ChapterSection = typeof CHAPTER_SECTIONS[number]

export interface ChapterClaim {
  /** The section that makes it, by its slide's title. */
  section: ChapterSection
  /** The chapter's words. */
  claim: string
  /** What the section's slides or their notes must say, every one of them, case aside. */
  said: readonly RegExp[]
}

/** The chapter's claims, section by section. */
export const CHAPTER_CLAIMS: readonly ChapterClaim[] = [
  { section: 'Three worlds you have already seen', claim: 'Bare metal: slow, fragile, underutilised', said: [/bare metal/i] },
  { section: 'Three worlds you have already seen', claim: 'Virtual machines: isolated, safer, but heavy', said: [/isolated|heavy/i] },
  { section: 'Three worlds you have already seen', claim: 'Containers: lightweight, fast, OS-level isolation', said: [/lightweight/i] },
  { section: 'The question', claim: 'Are containers just lightweight VMs, or something fundamentally different?', said: [/just lightweight (?:VMs|virtual machines)/i] },
  { section: 'The question', claim: 'Compare them layer by layer, not by slogans', said: [/layer by layer/i] },
  { section: 'The wrong comparison', claim: '"Lightweight VMs" is useful for intuition but dangerous for understanding', said: [/intuition/i] },
  { section: 'The wrong comparison', claim: 'They solve different problems at different layers', said: [/different (?:problems|layers)/i] },
  { section: 'The core difference', claim: 'Virtual machines virtualise hardware', said: [/virtuali[sz]es? (?:the )?(?:<span[^>]*>)?hardware/i] },
  { section: 'The core difference', claim: 'Containers virtualise the operating system', said: [/virtuali[sz]es? the operating system/i] },
  { section: 'Architecture, side by side', claim: 'A VM stack: application, libraries, guest OS with its own kernel, hypervisor, hardware', said: [/hypervisor/i] },
  { section: 'Architecture, side by side', claim: 'A container stack: application, libraries, container runtime, host OS with the shared kernel, hardware', said: [/container runtime/i] },
  { section: 'Architecture, side by side', claim: 'VMs duplicate kernels', said: [/duplicate kernels/i] },
  { section: 'Architecture, side by side', claim: 'Containers share the kernel', said: [/share(?:s|d)? (?:the|one) (?:host(?:'s|’s)? )?kernel|shared kernel/i] },
  { section: 'What exactly is being virtualised?', claim: 'Hardware, kernel, OS services, process view, filesystem and network: which each virtualises', said: [/VirtualisedTable/] },
  { section: 'Startup time: minutes vs milliseconds', claim: 'VMs are slower: boot a kernel, start services, initialise daemons, reach a usable state', said: [/StartupTimeline view="vms"/] },
  { section: 'Startup time: minutes vs milliseconds', claim: 'Containers are fast: no kernel boot, no OS start-up, just start a process', said: [/StartupTimeline view="all"/] },
  { section: 'Startup time: minutes vs milliseconds', claim: 'A container starts the way a normal process starts', said: [/process/i] },
  { section: 'Startup time: minutes vs milliseconds', claim: 'Containers start in milliseconds', said: [/milliseconds/i] },
  { section: 'Startup time: minutes vs milliseconds', claim: 'Auto-scaling becomes realistic', said: [/auto-?scal/i] },
  { section: 'Resource overhead and density', claim: 'Each VM consumes kernel memory and OS background services: lower density', said: [/density/i] },
  { section: 'Resource overhead and density', claim: 'Containers carry only the application and its libraries, no duplicate kernel: hundreds per host', said: [/hundreds/i] },
  { section: 'Resource overhead and density', claim: 'Containers win when efficiency and scale matter', said: [/efficien/i] },
  { section: 'Isolation and security', claim: 'VMs: strong isolation through hardware virtualisation, separate kernels, a very strong boundary', said: [/IsolationBoundary/] },
  { section: 'Isolation and security', claim: 'Containers: isolation through kernel mechanisms, a shared risk surface, careful configuration', said: [/namespaces/i] },
  { section: 'Isolation and security', claim: 'VMs are stronger isolation; containers are sufficient isolation for most workloads', said: [/sufficient/i] },
  { section: 'Isolation and security', claim: 'Cloud providers often run containers inside VMs', said: [/containers? (?:inside|in) (?:a )?VMs?/i] },
  { section: 'Failure domains', claim: 'A VM crash affects that VM only; the host is unaffected', said: [/FailureDomains/] },
  { section: 'Failure domains', claim: 'A container crash affects that container only; a kernel crash affects all containers', said: [/kernel panic|kernel crash/i] },
  { section: 'Failure domains', claim: 'Containers rely heavily on kernel stability', said: [/kernel(?:'s|’s)? stability|stable kernel|kernel stab/i] },
  { section: 'OS flexibility', claim: 'VMs run different OS types (Linux, Windows, BSD) on the same host', said: [/BSD/] },
  { section: 'OS flexibility', claim: 'Containers must use the host kernel: Linux containers on Linux, Windows containers on Windows', said: [/OsFlexibility/] },
  { section: 'OS flexibility', claim: 'Containers are OS-family dependent', said: [/OS family|OS-family/i] },
  { section: 'Operational model: pets vs cattle', claim: 'VMs, traditionally: long-lived, carefully managed, patched in place, named', said: [/pets/i] },
  { section: 'Operational model: pets vs cattle', claim: 'Containers: short-lived, disposable, recreated not repaired, identified by labels', said: [/cattle/i] },
  { section: 'Operational model: pets vs cattle', claim: 'Containers force a new operational mindset', said: [/mindset/i] },
  { section: 'Scaling and automation', claim: 'VMs scale slower and coarser; provisioning still takes time', said: [/coarse/i] },
  { section: 'Scaling and automation', claim: 'Containers are designed for horizontal scaling, rapid replacement, automation first', said: [/horizontal/i] },
  { section: 'Scaling and automation', claim: 'Containers fit CI/CD and microservices naturally', said: [/CI\/CD/] },
  { section: 'Debugging and observability', claim: 'Debugging a VM: SSH in, inspect the OS, logs, processes', said: [/SSH/] },
  { section: 'Debugging and observability', claim: 'Debugging a container: its state, logs through the runtime, ephemeral by design', said: [/ephemeral/i] },
  { section: 'Debugging and observability', claim: 'Containers discourage manual fixes', said: [/manual fixes/i] },
  { section: 'Debugging and observability', claim: 'If you are SSH-ing often, you are probably doing it wrong', said: [/doing it wrong/i] },
  { section: 'When should you use virtual machines?', claim: 'Use VMs when strong isolation is mandatory, different kernels are required, legacy workloads exist, compliance demands hard boundaries', said: [/compliance/i] },
  { section: 'When should you use containers?', claim: 'Use containers for fast start-up, high density, CI/CD, microservices, reproducibility', said: [/reproducib/i] },
  { section: 'The industry reality', claim: 'Modern systems run hardware, then VMs, then containers, then applications', said: [/RealityStack/] },
  { section: 'The industry reality', claim: 'Containers did not replace VMs: they sit on top of them', said: [/on top of/i] },
  { section: 'The mental model to lock in', claim: 'VMs give you virtual machines; containers give you virtual processes', said: [/virtual processes/i] },
  { section: 'Next: Chapter 10 — What is Docker?', claim: 'Next: chapter 10, what is Docker', said: [/Chapter 10/] },
]

/** What the claims check reads of a slide. */
export interface ClaimSlide {
  title: string
  content: string
  note: string
}

/**
 * Each section's slides, content and notes, as one text: from the slide
 * titled as the section up to the next section's slide. A section no slide
 * is titled as has none.
 */
export function sectionTexts(slides: readonly ClaimSlide[]): Map<ChapterSection, string> {
  const starts = CHAPTER_SECTIONS
    .map(section => ({ section, at: slides.findIndex(slide => slide.title === section) }))
    .filter(start => start.at >= 0)
    .sort((a, b) => a.at - b.at)
  return new Map(starts.map(({ section, at }, index) => [
    section,
    slides.slice(at, starts[index + 1]?.at ?? slides.length).map(slide => `${slide.content}\n${slide.note}`).join('\n'),
  ]))
}

/** The claims the slides do not make within their sections: `section › claim: missing /words/`, one a claim. */
export function unmadeClaims(slides: readonly ClaimSlide[], claims: readonly ChapterClaim[] = CHAPTER_CLAIMS): string[] {
  const texts = sectionTexts(slides)
  return claims.flatMap(({ section, claim, said }) => {
    const text = texts.get(section)
    if (text === undefined)
      return [`${section} › ${claim}: no slide is titled "${section}"`]
    const missing = said.filter(words => !words.test(text))
    return missing.length > 0 ? [`${section} › ${claim}: missing ${missing.join(', ')}`] : []
  })
}
