import type { ConsoleApi, Page } from "./api.ts";

/**
 * Reads one page of a cursor-paged admin list (`?limit=&cursor=`, CONTRACT.md): the first page, or
 * with `more` the page after `shown`, appended to it, so "More" grows the list in place.
 */
export async function readPage<T>(
  api: ConsoleApi,
  path: string,
  query: URLSearchParams,
  shown: Page<T> | null,
  more: boolean,
): Promise<Page<T>> {
  const parameters = new URLSearchParams(query);
  const cursor = more ? shown?.nextCursor : null;
  if (cursor) parameters.set("cursor", cursor);
  const page = await api.get<Page<T>>(`${path}?${parameters}`);
  return more && shown ? { items: [...shown.items, ...page.items], nextCursor: page.nextCursor ?? null } : page;
}
