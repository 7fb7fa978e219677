import * as z from "zod/mini";

/** The most items one page of a list answers; the default is `DEFAULT_PAGE_SIZE`. */
export const MAX_PAGE_SIZE = 200;
/** Items a page answers when the query names no `limit`. */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * The `limit` query parameter: a whole number from 1 to `MAX_PAGE_SIZE`, given as text (it comes
 * from a URL), answered as a number.
 */
export const PageLimit = z.pipe(
  z.string().check(z.regex(/^\d{1,4}$/, `must be a whole number from 1 to ${MAX_PAGE_SIZE}`)),
  z.pipe(
    z.transform((value: string) => Number(value)),
    z.number().check(z.minimum(1, "must be at least 1"), z.maximum(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)),
  ),
);

/** One page of a list, and the cursor of the next page (null on the last). Pass `nextCursor` back as `cursor`. */
export function pageOf<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });
}
