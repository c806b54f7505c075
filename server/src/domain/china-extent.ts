/** China's extent in CGCS2000 longitude/latitude (a coarse box: anything outside is surely wrong). */
export const CHINA_LON: readonly [number, number] = [73, 136]
export const CHINA_LAT: readonly [number, number] = [3, 54]
