// Fonts ship with the deck (no CDN): Inter and Fira Code, cut down to the
// characters of English text by `npm run fonts` (scripts/fonts/fonts.ts, which
// explains why static weights; tests/deck.test.ts checks the deck's characters).
import './fonts.css'
// Design tokens first: sizes, space and colours every other stylesheet reads.
import './tokens.css'
import './deck.css'
// Diagram steps: one hidden state, its motions and reduced motion (components/step.ts sets the classes).
import './steps.css'
