/** Status of a public report. */
export type ReportStatus = 'new' | 'handled'

/** One report of `GET /api/reports` (staff only; the contact is never shown to the public). */
export interface ReportItem {
  id: number
  adcode: string
  county: string
  township: string | null
  description: string
  contact: string | null
  lon: number
  lat: number
  createdAt: string
  hasPhoto: boolean
  photoUrl: string | null
  photoType: string | null
  photoBytes: number | null
  status: ReportStatus
  statusName: string
  handledNote: string | null
  handledBy: string | null
  handledByName: string | null
  handledAt: string | null
}
