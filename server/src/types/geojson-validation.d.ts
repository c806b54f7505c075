declare module 'geojson-validation' {
  /** With `trace` true, the list of what is wrong (empty when valid). */
  export function isGeometryObject(value: unknown, trace: true): string[]
  export function isGeometryObject(value: unknown, trace?: false): boolean
  const gjv: { isGeometryObject: typeof isGeometryObject }
  export default gjv
}
