import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import type { Clock } from "../../clock.ts";
import type { CompanyRecord } from "../types.ts";
import type { Row } from "./rows.ts";

// Companies never change once created, so a process may keep what it has read; bounded all the same.
const COMPANY_CACHE_MAX = 10_000;

/**
 * One `node:sqlite` connection with its prepared statements: each SQL text is parsed once and
 * reused, which is most of what keeps a statement cheap. Shared by the store's reads and its
 * transactions; everything on it runs synchronously.
 */
export class SqliteConnection {
  readonly db: DatabaseSync;
  /** The clock behind `otl_now()`: the database's clock. */
  readonly clock: Clock;
  /** Companies already read (they never change). */
  readonly companies = new Map<string, CompanyRecord>();
  readonly #statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The prepared statement for `sql`, prepared on first use. */
  statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** The first row `sql` answers, if any. */
  get(sql: string, ...params: SQLInputValue[]): Row | undefined {
    return this.statement(sql).get(...params) as Row | undefined;
  }

  /** Every row `sql` answers. */
  all(sql: string, ...params: SQLInputValue[]): Row[] {
    return this.statement(sql).all(...params) as Row[];
  }

  /** Runs `sql`; how many rows it changed. */
  run(sql: string, ...params: SQLInputValue[]): number {
    return Number(this.statement(sql).run(...params).changes);
  }

  /** Remembers a company read or written. */
  remember(company: CompanyRecord): void {
    if (this.companies.size >= COMPANY_CACHE_MAX) this.companies.clear();
    this.companies.set(company.id, company);
  }
}
