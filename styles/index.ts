// Fonts ship with the deck (no CDN). Static weights rather than the variable
// font: Chromium embeds static fonts in PDFs as real fonts, variable ones as
// Type 3 bitmaps-in-vectors. Latin files only: the deck is in English
// (tests/deck.test.ts checks its characters), and the full files add an
// @font-face rule per script (Cyrillic, Greek, Vietnamese, ...) to the
// stylesheet every first visit loads.
import '@fontsource/inter/latin-400.css'
import '@fontsource/inter/latin-400-italic.css'
import '@fontsource/inter/latin-600.css'
import '@fontsource/inter/latin-700.css'
import '@fontsource/fira-code/latin-400.css'
import './deck.css'
