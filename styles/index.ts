// Fonts ship with the deck (no CDN): Inter for text, Fira Code for code.
import '@fontsource-variable/inter'
import '@fontsource/fira-code/400.css'
import '@fontsource/fira-code/600.css'
import './deck.css'
