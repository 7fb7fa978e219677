import { type DatabaseSync, type SQLInputValue, StatementSync } from "node:sqlite";
import type { Clock } from "../../clock.ts";
import type { CompanyRecord } from "../types.ts";
import type { Row, Values } from "./rows.ts";

// `setReturnArrays` came in Node 24.0 and 22.16; the project runs on 22.13 and later.
const RETURNS_ARRAYS = typeof StatementSync.prototype.setReturnArrays === "function";

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
  readonly #arrayStatements = new Map<string, StatementSync>();

  readonly #returnArrays: boolean;

  /** `returnArrays` is for tests of the fallback: by default, whether node:sqlite has `setReturnArrays`. */
  constructor(db: DatabaseSync, clock: Clock, returnArrays = RETURNS_ARRAYS) {
    this.db = db;
    this.clock = clock;
    this.#returnArrays = returnArrays;
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

  /**
   * The prepared statement for `sql` whose rows are arrays of the values in column order, where
   * node:sqlite has `setReturnArrays` (Node 24, 22.16): an 11-column row then costs ~3 µs where an
   * object cost ~7 (keys made, properties set). Elsewhere (Node 22.13 to 22.15) the rows stay objects,
   * which `values` turns into arrays, no slower than before.
   */
  #arrayStatement(sql: string): StatementSync {
    let statement = this.#arrayStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.#returnArrays) statement.setReturnArrays(true);
      this.#arrayStatements.set(sql, statement);
    }
    return statement;
  }

  /** The first row `sql` answers as its values in the order of its columns, if any (see `#arrayStatement`). */
  values(sql: string, ...params: SQLInputValue[]): Values | undefined {
    const row = this.#arrayStatement(sql).get(...params);
    if (row === undefined) return undefined;
    return this.#returnArrays ? (row as unknown as Values) : Object.values(row as Row);
  }

  /** Every row `sql` answers, each as its values in the order of its columns. */
  allValues(sql: string, ...params: SQLInputValue[]): Values[] {
    const rows = this.#arrayStatement(sql).all(...params);
    return this.#returnArrays ? (rows as unknown as Values[]) : rows.map((row) => Object.values(row as Row));
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
