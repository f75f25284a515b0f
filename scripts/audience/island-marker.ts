/**
 * The build's half of the audience page's islands (components/islands.ts):
 * the renderer (scripts/reader/render.ts) registers each island component
 * through `markIsland`, which draws it as before, its root marked with the
 * component's name and the props the slide gave it, for the page's script
 * (setup/audience/islands.ts) to mount the live component there.
 */
import type { Component, FunctionalComponent } from 'vue'
import type { IslandName } from '../../components/islands'
import { h } from 'vue'
import { islandMarker } from '../../components/islands'

/** `component`, drawn with its root marked as island `name`. */
export function markIsland(name: IslandName, component: Component): FunctionalComponent {
  // Declaring no props, the wrapper gets every prop the slide passes as an attribute, and hands them all on.
  const marked: FunctionalComponent = (_props, { attrs, slots }) => h(component, { ...attrs, ...islandMarker(name, attrs) }, slots)
  marked.displayName = name
  // The marked component's root takes the attributes; the wrapper adds none of its own.
  marked.inheritAttrs = false
  return marked
}
