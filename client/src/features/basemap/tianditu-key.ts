const STORAGE_KEY = 'soil-one-map.tianditu-key'

/** The 天地图 key the user saved in this browser, or an empty string. */
export function loadTiandituKey(): string {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? ''
  } catch {
    return ''
  }
}

/** Saves (or, when empty, forgets) the user's 天地图 key in this browser. */
export function saveTiandituKey(key: string): void {
  try {
    if (key) window.localStorage.setItem(STORAGE_KEY, key)
    else window.localStorage.removeItem(STORAGE_KEY)
  } catch {
    /* storage unavailable (private mode): the key lasts for this page only */
  }
}
