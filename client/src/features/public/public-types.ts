/** What the details panel shows. */
export type PublicSelection =
  { kind: 'plot'; id: number } | { kind: 'control-zone'; id: number } | { kind: 'county'; adcode: string }
