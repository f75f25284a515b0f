/**
 * Chapter 9 as the deck must cover it: its sections, as the slide titles
 * that carry them, and each claim it makes, with the words a slide or its
 * notes must say for the claim to be made. tests/deck.test.ts holds the full
 * edition to them, tests/short-edition.test.ts the short one.
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
]

export interface ChapterClaim {
  /** The chapter's words. */
  claim: string
  /** What a slide or its notes must say, case aside. */
  said: RegExp
}

/** The chapter's claims, section by section. */
export const CHAPTER_CLAIMS: readonly ChapterClaim[] = [
  { claim: 'Bare metal: slow, fragile, underutilised', said: /bare metal/i },
  { claim: 'Virtual machines: isolated, safer, but heavy', said: /isolated|heavy/i },
  { claim: 'Containers: lightweight, fast, OS-level isolation', said: /lightweight/i },
  { claim: 'Are containers just lightweight VMs, or something fundamentally different?', said: /just lightweight (?:VMs|virtual machines)/i },
  { claim: 'Compare them layer by layer, not by slogans', said: /layer by layer/i },
  { claim: '"Lightweight VMs" is useful for intuition but dangerous for understanding', said: /intuition/i },
  { claim: 'They solve different problems at different layers', said: /different (?:problems|layers)/i },
  { claim: 'Virtual machines virtualise hardware', said: /virtuali[sz]es? (?:the )?hardware/i },
  { claim: 'Containers virtualise the operating system', said: /virtuali[sz]es? the operating system/i },
  { claim: 'A VM stack: application, libraries, guest OS with its own kernel, hypervisor, hardware', said: /hypervisor/i },
  { claim: 'A container stack: application, libraries, container runtime, host OS with the shared kernel, hardware', said: /container runtime/i },
  { claim: 'VMs duplicate kernels', said: /duplicate kernels/i },
  { claim: 'Containers share the kernel', said: /share(?:s|d)? (?:the|one) (?:host(?:'s|’s)? )?kernel|shared kernel/i },
  { claim: 'Hardware, kernel, OS services, process view, filesystem and network: which each virtualises', said: /VirtualisedTable/ },
  { claim: 'VMs are slower: boot a kernel, start services, initialise daemons, reach a usable state', said: /StartupTimeline view="vms"/ },
  { claim: 'Containers are fast: no kernel boot, no OS start-up, just start a process', said: /StartupTimeline view="all"/ },
  { claim: 'A container starts the way a normal process starts', said: /process/i },
  { claim: 'Containers start in milliseconds', said: /milliseconds/i },
  { claim: 'Auto-scaling becomes realistic', said: /auto-?scal/i },
  { claim: 'Each VM consumes kernel memory and OS background services: lower density', said: /density/i },
  { claim: 'Containers carry only the application and its libraries, no duplicate kernel: hundreds per host', said: /hundreds/i },
  { claim: 'Containers win when efficiency and scale matter', said: /efficien/i },
  { claim: 'VMs: strong isolation through hardware virtualisation, separate kernels, a very strong boundary', said: /IsolationBoundary/ },
  { claim: 'Containers: isolation through kernel mechanisms, a shared risk surface, careful configuration', said: /namespaces/i },
  { claim: 'VMs are stronger isolation; containers are sufficient isolation for most workloads', said: /sufficient/i },
  { claim: 'Cloud providers often run containers inside VMs', said: /containers? (?:inside|in) (?:a )?VMs?/i },
  { claim: 'A VM crash affects that VM only; the host is unaffected', said: /FailureDomains/ },
  { claim: 'A container crash affects that container only; a kernel crash affects all containers', said: /kernel panic|kernel crash/i },
  { claim: 'Containers rely heavily on kernel stability', said: /kernel(?:'s|’s)? stability|stable kernel|kernel stab/i },
  { claim: 'VMs run different OS types (Linux, Windows, BSD) on the same host', said: /BSD/ },
  { claim: 'Containers must use the host kernel: Linux containers on Linux, Windows containers on Windows', said: /OsFlexibility/ },
  { claim: 'Containers are OS-family dependent', said: /OS family|OS-family/i },
  { claim: 'VMs, traditionally: long-lived, carefully managed, patched in place, named', said: /pets/i },
  { claim: 'Containers: short-lived, disposable, recreated not repaired, identified by labels', said: /cattle/i },
  { claim: 'Containers force a new operational mindset', said: /mindset/i },
  { claim: 'VMs scale slower and coarser; provisioning still takes time', said: /coarse/i },
  { claim: 'Containers are designed for horizontal scaling, rapid replacement, automation first', said: /horizontal/i },
  { claim: 'Containers fit CI/CD and microservices naturally', said: /CI\/CD/ },
  { claim: 'Debugging a VM: SSH in, inspect the OS, logs, processes', said: /SSH/ },
  { claim: 'Debugging a container: its state, logs through the runtime, ephemeral by design', said: /ephemeral/i },
  { claim: 'Containers discourage manual fixes', said: /manual fixes/i },
  { claim: 'If you are SSH-ing often, you are probably doing it wrong', said: /doing it wrong/i },
  { claim: 'Use VMs when strong isolation is mandatory, different kernels are required, legacy workloads exist, compliance demands hard boundaries', said: /compliance/i },
  { claim: 'Use containers for fast start-up, high density, CI/CD, microservices, reproducibility', said: /reproducib/i },
  { claim: 'Modern systems run hardware, then VMs, then containers, then applications', said: /RealityStack/ },
  { claim: 'Containers did not replace VMs: they sit on top of them', said: /on top of/i },
  { claim: 'VMs give you virtual machines; containers give you virtual processes', said: /virtual processes/i },
  { claim: 'Next: chapter 10, what is Docker', said: /Chapter 10/ },
]
