// Fonts ship with the deck (no CDN). Static weights rather than the variable
// font: Chromium embeds static fonts in PDFs as real fonts, variable ones as
// Type 3 bitmaps-in-vectors.
import '@fontsource/inter/400.css'
import '@fontsource/inter/400-italic.css'
import '@fontsource/inter/600.css'
import '@fontsource/inter/700.css'
import '@fontsource/fira-code/400.css'
import './deck.css'
