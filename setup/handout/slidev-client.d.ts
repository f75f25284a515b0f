/**
 * Types for the few parts of Slidev's client the deck uses: the handout page,
 * to render slides the way Slidev's own print page does, and the presenter
 * view's pace (setup/rehearse/), its position and timer. Slidev ships its client as
 * TypeScript source that does not type-check under this project's strict
 * settings, so tsconfig.json maps `@slidev/client/*` here; Vite still
 * bundles the real modules. Of what the deck imports, only `configs` and
 * `addSyncMethod` are also exports of the package's root: imported from
 * there, the build splits Slidev's chunks otherwise (the hosted first visit
 * measured one request and about 1.5 KB more), so the deck imports their
 * modules, as it does for `slides` and the print page's parts, which the root
 * does not export.
 */
import type { ClicksContext, SlideRoute, SlidevConfig } from '@slidev/types'
import type { ComputedRef, DefineComponent, InjectionKey, Ref } from 'vue'

/** The part of Slidev's navigation object the handout passes along. */
export interface SlidevContextNav {
  slides: Ref<SlideRoute[]>
  currentSlideRoute: ComputedRef<SlideRoute>
  clicks: ComputedRef<number>
}

export function useNav(): {
  slides: Ref<SlideRoute[]>
  total: ComputedRef<number>
  isPrintMode: ComputedRef<boolean>
  isPresenter: ComputedRef<boolean>
  currentSlideNo: ComputedRef<number>
  clicksContext: ComputedRef<ClicksContext>
}
/** Slidev's presenter timer (`@slidev/client/composables/useTimer.ts`): what the Rehearse switch does with it. */
export function useTimer(): { reset: () => void, resume: () => void, pause: () => void }
/** Slidev's shared state (`@slidev/client/state/shared.ts`): the timer the pace counts from. */
export const sharedState: { timer: { status: 'stopped' | 'running' | 'paused', startedAt: number, pausedAt: number } }
/** The slide a component is drawn in (`@slidev/client/context.ts`): its number, 1-based. */
export function useSlideContext(): { $page: Ref<number> }
export function useFixedNav(route: SlideRoute, clicks: ClicksContext): SlidevContextNav
export function createFixedClicks(route?: SlideRoute, currentInit?: number): ClicksContext

export const CLICKS_MAX: number
export const injectionSlideScale: InjectionKey<ComputedRef<number>>

export const configs: SlidevConfig
export const slideWidth: ComputedRef<number>
export const slideHeight: ComputedRef<number>

declare const PrintSlideClick: DefineComponent<{ nav: SlidevContextNav }>
export default PrintSlideClick

/** Slidev's sync registry (`@slidev/client/state/syncState.ts`): extra channels beside the same-browser one. */
export interface Sync {
  enabled?: boolean
  init: <State extends object>(channelKey: string, onUpdate: (data: Partial<State>) => void, state: State, persist?: boolean) => ((state: State, updating?: boolean) => void) | undefined
}
export function addSyncMethod(sync: Sync): void

/** Every slide's route, in order (`@slidev/client/logic/slides.ts`). */
export const slides: Ref<SlideRoute[]>
