import { z } from 'zod'
import { CLASS_ORDER } from '../server/src/domain/class-summary.ts'

/** The farmland classes (优先保护、安全利用、严格管控、未划定) in the order an officer reads them. */
export const FarmlandClass = z.enum(CLASS_ORDER)
