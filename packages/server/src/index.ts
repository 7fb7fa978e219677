export { createOtlServer } from "./app.ts";
export { type Clock, ManualClock, systemClock } from "./clock.ts";
export { SANDBOX_INTEGRATIONS } from "./integrations/sandbox.ts";
export type {
  ConnectOutcome,
  CredentialsIntegration,
  CredentialsOutcome,
  IntegrationProvider,
  OAuthClientSettings,
  OAuthTokens,
  RedirectIntegration,
  UploadedFile,
  UploadIntegration,
} from "./integrations/types.ts";
export { KeyFileError, loadOrCreateHashKeys, parseHashKeys } from "./key-file.ts";
export { createLogger, type LogFields, type LogFormat, type Logger, type LogLevel, type LogSettings, type OtlLogger } from "./logger.ts";
export { type RunningOtlServer, type StartOptions, startOtlServer } from "./node.ts";
export type { Lifetimes, OtlServerOptions } from "./options.ts";
export { openStore, type StoreLocation } from "./store/open.ts";
export { PostgresStore, type PostgresStoreOptions } from "./store/postgres/store.ts";
export { MEMORY, SqliteStore, type SqliteStoreOptions } from "./store/sqlite.ts";
export type * from "./store/types.ts";
export { type HashKey, Keyring } from "./tokens.ts";
export { clientAddressBehindProxies, parseTrustProxy, type TrustProxy } from "./trust-proxy.ts";
