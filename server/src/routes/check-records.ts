import type { Router } from 'express'
import type { Capability } from '../domain/rights.ts'
import { assertRight } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import type { AuthContext } from '../services/auth.service.ts'

/** A recorded check's 核查意见书 as a PDF, with the name the browser shows it under. */
interface ReportFile {
  pdf: Buffer
  fileName: { utf8: string; ascii: string }
}

/** What a recorded check (用地准入核查, 建设项目选址核查) does at each of its record routes. */
export interface CheckRecordRoutes {
  /** The list's address (`/api/precheck`); a record is `<path>/:id`, its report `<path>/:id/report.pdf`. */
  path: string
  /** The rights to run a check and to read the records. */
  run: Capability
  read: Capability
  /** Each reads its input with the check's contract (a 400 for bad input) before anything is read or written. */
  create: (ctx: AuthContext, body: unknown) => Promise<unknown>
  list: (ctx: AuthContext, query: unknown) => Promise<unknown>
  get: (ctx: AuthContext, params: unknown) => Promise<unknown>
  report: (ctx: AuthContext, params: unknown) => Promise<ReportFile>
}

/** Adds the routes every recorded check has: run (201), list, read one, and its report as a PDF shown inline. */
export function addCheckRecordRoutes(router: Router, routes: CheckRecordRoutes): void {
  const { path } = routes
  router.post(path, async (req, res) => {
    const ctx = assertRight(req, routes.run)
    res.status(201).json(await routes.create(ctx, req.body ?? {}))
  })
  router.get(path, async (req, res) => {
    const ctx = assertRight(req, routes.read)
    res.json(await routes.list(ctx, req.query))
  })
  router.get(`${path}/:id`, async (req, res) => {
    const ctx = assertRight(req, routes.read)
    res.json(await routes.get(ctx, req.params))
  })
  router.get(`${path}/:id/report.pdf`, async (req, res) => {
    const ctx = assertRight(req, routes.read)
    const report = await routes.report(ctx, req.params)
    res
      .set({
        'Content-Type': 'application/pdf',
        'Content-Disposition': contentDisposition(report.fileName, 'inline'),
        'Cache-Control': 'private, no-store',
      })
      .send(report.pdf)
  })
}
