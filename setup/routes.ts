import type { RouteRecordRaw } from 'vue-router'
import { defineRoutesSetup } from '@slidev/types'

/**
 * Three pages beside the deck's own:
 * - /handout, the reading handout: every slide in its final state with its
 *   speaker notes and sources, laid out for print;
 * - /remote, the phone remote the presenter view pairs (hosted talk only);
 * - /print, Slidev's print page (every slide, or every click step with
 *   `?print=clicks`), which Slidev builds only when the deck offers Slidev's own
 *   download button. `npm run export` prints both from the built deck.
 */
export default defineRoutesSetup((routes) => {
  const extra: RouteRecordRaw[] = [
    { name: 'handout', path: '/handout', component: () => import('./handout/HandoutPage.vue') },
    { name: 'remote', path: '/remote', component: () => import('./remote/RemotePage.vue') },
  ]
  if (!routes.some(route => route.name === 'print'))
    extra.push({ name: 'print', path: '/print', component: () => import('@slidev/client/pages/print.vue') })
  return [...extra, ...routes]
})
