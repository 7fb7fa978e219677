import * as z from "zod/mini";
import { Company } from "./admin.ts";
import { CompanyId } from "./ids.ts";
import { PageLimit, pageOf } from "./pages.ts";

/**
 * `GET /v1/companies` query: `query` matches a company's name or externalRef (case-insensitive,
 * anywhere in the text); `cursor` is the `nextCursor` of the previous page. Oldest companies first.
 */
export const CompanyListQuery = z.strictObject({
  query: z.optional(z.string().check(z.maxLength(200, "must be at most 200 characters"))),
  cursor: z.optional(CompanyId),
  limit: z.optional(PageLimit),
});
/** `GET /v1/companies` query, as parsed. */
export type CompanyListQuery = z.output<typeof CompanyListQuery>;

/** `GET /v1/companies` answer. */
export const CompanyPage = pageOf(Company);
/** `GET /v1/companies` answer. */
export type CompanyPage = z.infer<typeof CompanyPage>;
