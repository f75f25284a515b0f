import { defineRoutesSetup } from '@slidev/types'

// The reading handout: every slide in its final state with its speaker notes
// and sources, laid out for print. `npm run export` prints it to a PDF.
export default defineRoutesSetup(routes => [
  { name: 'handout', path: '/handout', component: () => import('./handout/HandoutPage.vue') },
  ...routes,
])
