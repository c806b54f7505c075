/** How an officer has arranged the layers: the groups top first, and each group's opacity in percent. */
export interface LayerPrefs {
  order: string[]
  opacity: Record<string, number>
}

/** Nothing changed: the style's own order and full opacity. */
export const NO_PREFS: LayerPrefs = { order: [], opacity: {} }

const STORAGE_PREFIX = 'soil:layer-prefs:'

/** The browser storage key of one user's layer arrangement. */
export function prefsKey(userId: number): string {
  return `${STORAGE_PREFIX}${userId}`
}

/** The arrangement stored as text, or {@link NO_PREFS} when it is missing or not one. */
export function parsePrefs(text: string | null): LayerPrefs {
  if (!text) return NO_PREFS
  try {
    const value = JSON.parse(text) as Partial<LayerPrefs>
    const order = Array.isArray(value.order) ? value.order.filter((id) => typeof id === 'string') : []
    const opacity = Object.fromEntries(
      Object.entries(value.opacity ?? {}).filter(
        ([, percent]) => typeof percent === 'number' && percent >= 0 && percent <= 100,
      ),
    )
    return { order, opacity }
  } catch {
    return NO_PREFS
  }
}

/** The groups in the officer's order, top first: those of `drawOrder` not named stay in their drawn places after. */
export function orderedGroups(prefs: LayerPrefs, drawOrder: readonly string[]): string[] {
  const known = prefs.order.filter((id) => drawOrder.includes(id))
  return [...known, ...drawOrder.filter((id) => !known.includes(id))]
}

/** Moves a group one place up (`-1`, drawn above the next) or down (`1`); at either end nothing moves. */
export function moveGroup(prefs: LayerPrefs, drawOrder: readonly string[], id: string, step: -1 | 1): LayerPrefs {
  const order = orderedGroups(prefs, drawOrder)
  const from = order.indexOf(id)
  const to = from + step
  if (from < 0 || to < 0 || to >= order.length) return prefs
  ;[order[from], order[to]] = [order[to], order[from]]
  return { ...prefs, order }
}

/** Sets a group's opacity in percent (whole numbers 0–100). */
export function setOpacity(prefs: LayerPrefs, id: string, percent: number): LayerPrefs {
  const clamped = Math.min(100, Math.max(0, Math.round(percent)))
  return { ...prefs, opacity: { ...prefs.opacity, [id]: clamped } }
}

/** Each group's opacity set, as a factor 0–1. */
export function opacityFactors(opacity: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(opacity).map(([id, percent]) => [id, percent / 100]))
}
