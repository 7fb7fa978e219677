import { after, before } from "node:test";
import { type StartedPostgres, startPostgres } from "../../../../../scripts/postgres.mjs";
import { describeStoreConformance } from "../conformance.ts";
import { PostgresStore } from "./store.ts";

// The same suite as SQLite's, on a PostgreSQL that scripts/postgres.mjs starts (or makes on DATABASE_URL).
let database: StartedPostgres;
before(async () => {
  database = await startPostgres();
});
after(async () => {
  await database?.stop();
});

describeStoreConformance("PostgreSQL", (clock) => PostgresStore.open({ url: database.url, clock }));
