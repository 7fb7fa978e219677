import { tempDataDir } from "../../test/harness.ts";
import { describeStoreConformance } from "../conformance.ts";
import { MEMORY, SqliteStore } from "./store.ts";

describeStoreConformance("SQLite on disk", (clock) => new SqliteStore({ dataDir: tempDataDir(), clock }));
describeStoreConformance("SQLite in memory", (clock) => new SqliteStore({ dataDir: MEMORY, clock }));
