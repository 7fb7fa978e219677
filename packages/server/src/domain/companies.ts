import { newId } from "../ids.ts";
import { OtlProblem, validationProblem } from "../problem.ts";
import type { Actor, CompanyRecord, ConnectionRecord, StoreReads } from "../store/types.ts";
import type { DomainContext } from "./context.ts";
import { record } from "./record.ts";

/** What a host gives to create a company. */
export interface NewCompany {
  name: string;
  contactEmail: string | null;
  contactPhone: string | null;
  externalRef: string | null;
  /** BCP 47, for the messages it is sent; absent or null for English. */
  locale?: string | null;
}

/** The company `id`; throws 404 `not_found` if there is none. */
export async function companyOr404(reads: StoreReads, id: string): Promise<CompanyRecord> {
  const company = await reads.getCompany(id);
  if (!company) throw new OtlProblem("not_found", `No company ${id}`);
  return company;
}

/** Creates a company, audited as `company.created`. */
export async function createCompany(d: DomainContext, input: NewCompany, actor: Actor): Promise<CompanyRecord> {
  return d.store.withTransaction(async (tx) => {
    const company: CompanyRecord = { id: newId("company"), ...input, createdAt: await tx.now() };
    await tx.insertCompany(company);
    await record(tx, d, [{ event: "company.created", companyId: company.id }], actor);
    return company;
  });
}

/**
 * Creates a pending connection of a company, for the host to send a connection link for.
 * Throws 404 for an unknown company, 400 naming `integration` for one this server does not offer.
 */
export async function createConnection(d: DomainContext, companyId: string, integration: string, actor: Actor): Promise<ConnectionRecord> {
  return d.store.withTransaction(async (tx) => {
    const company = await companyOr404(tx, companyId);
    if (!d.integrations.has(integration)) {
      throw validationProblem([
        { field: "integration", message: `is not an integration this server offers (${[...d.integrations.keys()].join(", ")})` },
      ]);
    }
    const now = await tx.now();
    const connection: ConnectionRecord = {
      id: newId("connection"),
      companyId: company.id,
      flowId: null,
      integration,
      status: "pending",
      message: null,
      createdAt: now,
      updatedAt: now,
    };
    await tx.insertConnection(connection);
    await record(tx, d, [{ event: "connection.created", companyId: company.id, detail: { connectionId: connection.id } }], actor);
    return connection;
  });
}

/** A company's connections, oldest first; 404 for an unknown company. */
export async function listConnections(d: DomainContext, companyId: string): Promise<ConnectionRecord[]> {
  const company = await companyOr404(d.store, companyId);
  return d.store.listConnections(company.id);
}

/** A page of companies and the cursor of the next one (null when this page reached the end). */
export interface CompanyPage {
  companies: CompanyRecord[];
  nextCursor: string | null;
}

/**
 * One page of companies, oldest first, optionally those whose name or externalRef holds `query`.
 * The cursor is the last company's id; one company more than the page is read to tell whether
 * there is a next page.
 */
export async function listCompanies(d: DomainContext, filter: { query?: string; cursor?: string; limit: number }): Promise<CompanyPage> {
  const found = await d.store.searchCompanies({ query: filter.query, afterId: filter.cursor, limit: filter.limit + 1 });
  const companies = found.slice(0, filter.limit);
  const last = companies.at(-1);
  return { companies, nextCursor: found.length > filter.limit && last ? last.id : null };
}
