import { isStepShown } from './step.ts'
import { validateSteps } from './validate.ts'

/**
 * OS flexibility: one hypervisor runs guests of any OS family; containers run
 * only where the host kernel is of their family.
 */
export type OsFamily = 'Linux' | 'Windows' | 'BSD'

export interface Guest {
  label: string
  family: OsFamily
  step: number
}

export interface ContainerPlacement {
  label: string
  family: OsFamily
  step: number
}

/** The container host's kernel. */
export const hostKernel: OsFamily = 'Linux'

export const vmGuests: readonly Guest[] = [
  { label: 'Linux guest', family: 'Linux', step: 1 },
  { label: 'Windows guest', family: 'Windows', step: 1 },
  { label: 'BSD guest', family: 'BSD', step: 1 },
]

export const containerPlacements: readonly ContainerPlacement[] = [
  { label: 'Linux container', family: 'Linux', step: 2 },
  { label: 'Linux container', family: 'Linux', step: 2 },
  { label: 'Windows container', family: 'Windows', step: 3 },
]

export const OS_FLEXIBILITY_CLICKS = Math.max(...[...vmGuests, ...containerPlacements].map(item => item.step))

/**
 * What each click adds, in words (`<StepCaptions>`): [0] the slide as it
 * opens, [k] what click k adds.
 */
export const osFlexibilityCaptions = [
  'Two hosts: a hypervisor on the left, a Linux host kernel on the right.',
  'The hypervisor runs Linux, Windows and BSD guests side by side, each with its kernel.',
  'The Linux host kernel runs Linux containers.',
  'A Windows container is refused: it needs a Windows kernel.',
] as const

/** A container runs only on a kernel of its own family. */
export function runsOnHost(container: ContainerPlacement, kernel: OsFamily = hostKernel): boolean {
  return container.family === kernel
}

validateSteps('OS flexibility', [...vmGuests, ...containerPlacements], OS_FLEXIBILITY_CLICKS)

/** The layers under each host's instances, top-down, as the columns draw them. */
export const vmHostBase = ['Hypervisor: virtual hardware', 'Hardware'] as const
export const containerHostBase = [`Host kernel: ${hostKernel}`, 'Hardware'] as const

/**
 * What each host shows at `clicks`, in words: what runs on it, then what it
 * stands on. Each column's alternate text in the PDFs.
 */
export function osFlexibilityDescriptions(clicks: number): { vm: string, containers: string } {
  const guests = vmGuests.filter(guest => isStepShown(guest.step, clicks))
  const containers = containerPlacements.filter(container => isStepShown(container.step, clicks))
  const on = (base: readonly string[]) => `on ${base.join(', on ')}`
  return {
    vm: guests.length > 0
      ? `Virtual machines: ${guests.map(guest => `${guest.label} with a ${guest.family} kernel`).join(', ')}, side by side ${on(vmHostBase)}.`
      : `Virtual machines: none yet, ${on(vmHostBase)}.`,
    containers: containers.length > 0
      ? `Containers: ${containers.map(container => runsOnHost(container) ? `${container.label} running` : `${container.label} refused, it needs a ${container.family} kernel`).join(', ')}; ${on(containerHostBase)}.`
      : `Containers: none yet, ${on(containerHostBase)}.`,
  }
}
