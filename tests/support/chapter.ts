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
 *
 * Where a diagram makes the claim (its data checked against the chapter by
 * components/*.test.ts), the claim asks for the component's tag and for the
 * words its slide's notes say with it. Compare columns are matched as the
 * page writes them: `'First item', 'Second item'`.
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
  // The chapter's opening: the three worlds, and its question.
  { section: 'Three worlds you have already seen', claim: 'Bare metal: slow, fragile, underutilised', said: [/bare metal/i, /slow[\w ]*, fragile,? (?:and )?(?:under-used|underutili[sz]ed|mostly idle)/i] },
  { section: 'Three worlds you have already seen', claim: 'Virtual machines: isolated, safer, but heavy', said: [/isolated,? (?:and )?safer,? but heavy/i] },
  { section: 'Three worlds you have already seen', claim: 'Containers: lightweight, fast, OS-level isolation', said: [/lightweight, fast, (?:OS-level isolation|isolated at the level of the operating system)/i] },
  { section: 'The question', claim: 'Are containers just "lightweight VMs", or something fundamentally different?', said: [/just [“"]?lightweight VMs[”"]?\W{0,3}(?:<br>)?\s*or something fundamentally different/i] },
  { section: 'The question', claim: 'Compare them layer by layer, not by slogans', said: [/layer by layer, not by slogans?/i] },

  { section: 'The wrong comparison', claim: 'The common statement: "Containers are just lightweight virtual machines"', said: [/containers are just lightweight virtual machines/i] },
  { section: 'The wrong comparison', claim: 'It is useful for intuition but dangerous for understanding', said: [/useful for intuition/i, /dangerous for understanding/i] },
  { section: 'The wrong comparison', claim: 'VMs and containers solve different problems at different layers', said: [/solve different problems at different layers/i] },

  // The slide's statement sets the two ends in spans.
  { section: 'The core difference', claim: 'Virtual machines virtualise hardware', said: [/virtual machines virtuali[sz]e (?:<span[^>]*>)?hardware/i] },
  { section: 'The core difference', claim: 'Containers virtualise the operating system', said: [/containers virtuali[sz]e the (?:<span[^>]*>)?operating system/i] },
  { section: 'The core difference', claim: 'Everything else flows from this', said: [/everything else flows from this/i] },

  // ArchitectureCompare draws the two stacks; the notes name their layers.
  { section: 'Architecture, side by side', claim: 'A VM stack: application, libraries, guest OS with its own kernel, hypervisor, hardware', said: [/<ArchitectureCompare\b/, /a hypervisor, which virtualises the hardware/i, /guest operating system with its own kernel/i] },
  { section: 'Architecture, side by side', claim: 'A container stack: application, libraries, container runtime, host OS with the shared kernel, hardware', said: [/<ArchitectureCompare\b/, /host operating system with its kernel/i, /a container runtime, which asks the host kernel/i] },
  { section: 'Architecture, side by side', claim: 'VMs duplicate kernels', said: [/VMs duplicate kernels/i] },
  { section: 'Architecture, side by side', claim: 'Containers share the kernel', said: [/containers share the kernel/i] },

  // VirtualisedTable shows the verdicts, one row a click; the notes give each row's reason.
  { section: 'What exactly is being virtualised?', claim: 'Hardware: virtualised for VMs, not for containers', said: [/<VirtualisedTable\b/, /a VM gets virtual hardware/i, /a container sees the real CPU and memory/i] },
  { section: 'What exactly is being virtualised?', claim: 'Kernel: one per VM; containers share it', said: [/<VirtualisedTable\b/, /Kernel: one per VM\. Containers share the host['’]s kernel/i] },
  { section: 'What exactly is being virtualised?', claim: 'OS services: virtualised for VMs, shared by containers', said: [/<VirtualisedTable\b/, /a VM runs its own init system and daemons/i, /relies on the host for the rest/i] },
  { section: 'What exactly is being virtualised?', claim: 'Process view: shared inside a VM, isolated for a container', said: [/<VirtualisedTable\b/, /inside a VM all processes see each other/i, /a container gets its own PID namespace/i] },
  { section: 'What exactly is being virtualised?', claim: 'Filesystem: a virtual disk for a VM, namespaced for a container', said: [/<VirtualisedTable\b/, /a VM has a virtual disk/i, /a container has a mount namespace/i] },
  { section: 'What exactly is being virtualised?', claim: 'Network: a virtual NIC for a VM, namespaced for a container', said: [/<VirtualisedTable\b/, /a VM has a virtual network card/i, /a container has a network namespace/i] },
  { section: 'What exactly is being virtualised?', claim: 'This explains the performance, speed and density differences', said: [/explains the differences in performance, speed,? and density/i] },

  // The Compare slide lists the phases; StartupTimeline puts sourced times on them, its notes say why.
  { section: 'Startup time: minutes vs milliseconds', claim: 'Why VMs are slower: boot a kernel, start system services, initialise OS daemons, reach a usable state', said: [/'Boot a kernel',\s*'Start system services',\s*'Initialise OS daemons',\s*'Reach a usable state'/i, /<StartupTimeline view="vms"/, /a VM has to do what any computer does when you switch it on/i] },
  { section: 'Startup time: minutes vs milliseconds', claim: 'Why containers are fast: no kernel boot, no OS start-up, just start a process', said: [/'No kernel boot',\s*'No OS start-up',\s*'Just start a process'/i, /<StartupTimeline view="all"/, /does not boot a kernel or start an OS: it starts a process/i] },
  { section: 'Startup time: minutes vs milliseconds', claim: 'A container starts the same way a normal process starts', said: [/container starts (?:the same way|the way|like) a normal process starts/i] },
  { section: 'Startup time: minutes vs milliseconds', claim: 'Containers start in milliseconds', said: [/starts? in milliseconds/i] },
  { section: 'Startup time: minutes vs milliseconds', claim: 'Auto-scaling becomes realistic', said: [/auto-scaling becomes realistic|makes auto-scaling realistic/i] },

  { section: 'Resource overhead and density', claim: 'Each VM consumes kernel memory and OS background services: lower density per host', said: [/each VM carries kernel memory/i, /OS background services/i, /lower density per host/i] },
  { section: 'Resource overhead and density', claim: 'Containers: only the application and its libraries, no duplicate kernels, hundreds per host', said: [/only the application and its libraries/i, /no duplicate kernels/i, /hundreds of containers per host/i] },
  { section: 'Resource overhead and density', claim: 'Containers win when efficiency and scale matter', said: [/containers win when efficiency and scale matter/i] },

  { section: 'Isolation and security', claim: 'VMs: strong isolation via hardware virtualisation, separate kernels, a very strong security boundary', said: [/strong isolation through hardware virtuali[sz]ation/i, /'Separate kernels'/i, /a very strong security boundary/i] },
  { section: 'Isolation and security', claim: 'Containers: isolation via kernel mechanisms, shared kernel = shared risk surface, careful security configuration', said: [/isolation through kernel mechanisms/i, /shared kernel = shared risk surface/i, /needs careful security configuration/i] },
  // IsolationBoundary's last step states the rule; its notes say it.
  { section: 'Isolation and security', claim: 'VMs are stronger isolation; containers are sufficient isolation for most workloads', said: [/<IsolationBoundary\b/, /VMs are stronger isolation/i, /containers are sufficient isolation for most workloads/i] },
  { section: 'Isolation and security', claim: 'That is why cloud providers often run containers inside VMs', said: [/providers put a VM boundary around it: containers inside VMs/i] },

  // FailureDomains shows each crash; the Compare slide lists them.
  { section: 'Failure domains', claim: 'A VM crash affects that VM only; the host is unaffected', said: [/<FailureDomains\b/, /a VM crash affects that VM only/i, /the host is unaffected/i] },
  { section: 'Failure domains', claim: 'A container crash affects that container only; a kernel crash affects all containers', said: [/<FailureDomains\b/, /a container crash affects that container only/i, /a kernel crash affects all containers/i] },
  { section: 'Failure domains', claim: 'Containers rely heavily on kernel stability', said: [/containers rely (?:heavily )?on kernel stability/i] },

  // OsFlexibility shows the guests and what a Linux host kernel runs; the Compare slide lists them.
  { section: 'OS flexibility', claim: 'VMs can run different OS types, Linux, Windows, BSD: same host, different OSes', said: [/<OsFlexibility\b/, /can run different OS types: Linux, Windows, BSD/i, /same host, different OSes/i] },
  { section: 'OS flexibility', claim: 'Containers must use the host kernel: Linux containers need a Linux kernel, Windows containers a Windows kernel', said: [/<OsFlexibility\b/, /must use the host kernel/i, /Linux containers need a Linux kernel/i, /Windows containers need a Windows kernel/i] },
  { section: 'OS flexibility', claim: 'Containers are OS-family dependent', said: [/containers are OS-family dependent/i] },

  { section: 'Operational model: pets vs cattle', claim: 'VMs, traditionally, are pets: long-lived, carefully managed, patched in place, named and remembered', said: [/traditionally, are pets: long-lived, carefully managed, patched in place, named and remembered/i, /'Long-lived',\s*'Carefully managed',\s*'Patched in place',\s*'Named and remembered'/i] },
  { section: 'Operational model: pets vs cattle', claim: 'Containers are cattle: short-lived, disposable, recreated not repaired, identified by labels not names', said: [/containers are cattle: short-lived, disposable, recreated rather than repaired/i, /'Short-lived',\s*'Disposable',\s*'Recreated, not repaired',\s*'Identified by labels, not names'/i] },
  { section: 'Operational model: pets vs cattle', claim: 'Containers force a new operational mindset', said: [/containers force a new operational mindset/i] },

  { section: 'Scaling and automation', claim: 'Scaling VMs is often slower and coarser-grained; provisioning still takes time', said: [/scaling (?:VMs )?is often slower,? and coarser-grained/i, /provisioning still takes time/i] },
  { section: 'Scaling and automation', claim: 'Containers are designed for horizontal scaling, rapid replacement, automation-first workflows', said: [/'Designed for horizontal scaling',\s*'Rapid replacement',\s*'Automation-first workflows'/i] },
  { section: 'Scaling and automation', claim: 'Containers fit CI/CD and microservices naturally', said: [/containers fit CI\/CD and microservices (?:so )?naturally/i] },

  { section: 'Debugging and observability', claim: 'VM debugging: SSH into the VM; inspect the OS, logs, processes', said: [/SSH into the VM/i, /inspect the OS, logs, processes/i] },
  { section: 'Debugging and observability', claim: 'Container debugging: inspect its state, logs via the runtime; ephemeral by design', said: [/inspect container state/i, /logs via the runtime/i, /ephemeral by design/i] },
  { section: 'Debugging and observability', claim: 'Containers discourage manual fixes', said: [/containers discourage manual fixes/i] },
  { section: 'Debugging and observability', claim: 'If you are SSH-ing often, you are probably doing it wrong', said: [/if you['’]re SSH['’]ing often, you['’]re probably doing it wrong/i] },

  { section: 'When should you use virtual machines?', claim: 'Use VMs when strong isolation is mandatory', said: [/strong isolation is mandatory/i] },
  { section: 'When should you use virtual machines?', claim: 'Use VMs when different OS kernels are required', said: [/different OS kernels are required/i] },
  { section: 'When should you use virtual machines?', claim: 'Use VMs when legacy workloads exist', said: [/legacy workloads exist/i] },
  { section: 'When should you use virtual machines?', claim: 'Use VMs when compliance demands hard boundaries', said: [/compliance demands hard boundaries/i] },

  { section: 'When should you use containers?', claim: 'Use containers when fast startup matters', said: [/fast startup matters/i] },
  { section: 'When should you use containers?', claim: 'Use containers when high density is needed', said: [/high density is needed/i] },
  { section: 'When should you use containers?', claim: 'Use containers when CI/CD is core', said: [/CI\/CD is core/i] },
  { section: 'When should you use containers?', claim: 'Use containers when a microservices architecture is used', said: [/microservices architecture is used/i] },
  { section: 'When should you use containers?', claim: 'Use containers when you want reproducibility', said: [/you want reproducibility/i] },

  // RealityStack builds the four layers; its notes say them in order.
  { section: 'The industry reality', claim: 'Modern systems run hardware, then virtual machines, then containers, then applications', said: [/<RealityStack\b/, /hardware, then virtual machines, then containers, then applications/i] },
  { section: 'The industry reality', claim: 'Containers did not replace VMs: they sit on top of them', said: [/containers didn['’]t replace VMs\. They sit on top of them/i] },

  // The slide's statement sets its last words in spans.
  { section: 'The mental model to lock in', claim: 'VMs give you virtual machines; containers give you virtual processes', said: [/VMs give you virtual (?:<span[^>]*>)?machines/i, /containers give you virtual (?:<span[^>]*>)?processes/i] },
  { section: 'The mental model to lock in', claim: 'If you remember this, you will never confuse them again', said: [/if you remember this, you (?:will|['’]ll) never confuse them again/i] },

  // SourceList lists the chapter's references (components/sources.ts, group 'chapter'). The chapter's
  // martinfowler.com article could not be found; the notes say so and name the Docker blog post listed instead.
  { section: 'References from the chapter', claim: 'Diagrams to search for: containers vs virtual machines architecture; hypervisor vs container runtime', said: [/containers vs virtual machines architecture diagram/i, /hypervisor vs container runtime diagram/i] },
  { section: 'References from the chapter', claim: 'The references: Docker and AWS for the diagrams, Red Hat for an overview, a deep conceptual read on why containers are not VMs', said: [/<SourceList :groups="\['chapter'\]"/, /Docker and AWS both draw the two stacks/i, /Red Hat has a clear overview/i, /deep conceptual read/i] },

  { section: 'What you learned', claim: 'The true architectural difference between containers and VMs', said: [/the true architectural difference between containers and VMs/i] },
  { section: 'What you learned', claim: 'What layer each technology virtualises', said: [/what layer each technology virtuali[sz]es/i] },
  { section: 'What you learned', claim: 'Trade-offs in performance, security and flexibility', said: [/trade-offs in performance, security,? and flexibility/i] },
  { section: 'What you learned', claim: 'Why containers and VMs coexist in real systems', said: [/why containers and VMs coexist in real systems/i] },
  { section: 'What you learned', claim: 'The correct mental model to avoid confusion', said: [/the mental model: virtual machines vs virtual processes/i] },

  { section: 'Next: Chapter 10 — What is Docker?', claim: 'Next: Chapter 10, What is Docker? (the big picture)', said: [/Chapter 10 — What is Docker\?/, /the big picture/i] },
  { section: 'Next: Chapter 10 — What is Docker?', claim: 'Now we zoom back out and define Docker clearly, without myths', said: [/zoom back out and define Docker clearly,? (?:— )?without myths/i] },
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
