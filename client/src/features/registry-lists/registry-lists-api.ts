import { apiPath, sendJson } from '../../shared/api-client'
import type {
  ListPreview,
  ListVersionsResponse,
  PublishedVersion,
  RegistryList,
  RegistryListsResponse,
} from '@contracts/registry-lists'

/** `GET /api/registry-lists`: the lists and jurisdictions of the user's counties. */
export const registryListsPath = apiPath<RegistryListsResponse>('/api/registry-lists')

const base = (list: Pick<RegistryList, 'list' | 'jurisdiction'>) =>
  `/api/registry-lists/${list.list}/${list.jurisdiction}`

/** `GET …/preview`: the version a publish would make now. */
export function listPreviewPath(list: RegistryList) {
  return apiPath<ListPreview>(`${base(list)}/preview`)
}

/** `GET …/versions`: the published versions, newest first. */
export function listVersionsPath(list: RegistryList) {
  return apiPath<ListVersionsResponse>(`${base(list)}/versions`)
}

/** `…/versions/:version/announcement.csv`: the announcement of a version (a download). */
export function announcementCsvUrl(list: RegistryList, version: number): string {
  return `${base(list)}/versions/${version}/announcement.csv`
}

/** `POST …/publish`: the next version, against the last one the officer previewed. */
export function publishList(list: RegistryList, expectedVersion: number): Promise<PublishedVersion> {
  return sendJson<PublishedVersion>('POST', `${base(list)}/publish`, { expectedVersion })
}
