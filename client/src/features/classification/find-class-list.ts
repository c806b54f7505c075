import { getJson } from '../../shared/api-client'
import type { ClassList, ClassListsResponse } from './classification-types'

/** The class list `id` of the county `adcode` as the server has it now, or null when it is gone. */
export async function findClassList(adcode: string, id: number): Promise<ClassList | null> {
  const { lists } = await getJson<ClassListsResponse>(`/api/class-lists?adcode=${encodeURIComponent(adcode)}`)
  return lists.find((l) => l.id === id) ?? null
}
