/**
 * The problems to list under a refusal's headline: those it does not already say. A refusal with one problem is
 * that problem, so nothing is listed twice; of several, the headline names the first and the rest follow.
 */
export function problemsBelow<T extends { message: string }>(headline: string | null, problems: readonly T[]): T[] {
  return headline ? problems.filter((p) => !headline.includes(p.message)) : [...problems]
}
