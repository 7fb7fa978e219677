// The SQLite store lives in store/sqlite/; this path stays so that `import … from "./store/sqlite.ts"` keeps working.
export { MEMORY, SqliteStore, type SqliteStoreOptions } from "./sqlite/store.ts";
