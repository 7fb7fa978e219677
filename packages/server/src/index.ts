export { backgroundOf, createOtlServer, outboxOf } from "./app.ts";
export type { BackgroundWork } from "./background.ts";
export { type Clock, ManualClock, systemClock } from "./clock.ts";
export { applyRetention, DEFAULT_RETENTION, type RetentionWindows } from "./domain/retention.ts";
export { type SandboxOAuthBank, startSandboxOAuthBank } from "./integrations/sandbox/oauth-bank.ts";
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
export type { BackoffPolicy } from "./outbox/backoff.ts";
export { newOutboxKey, OutboxCipher, type OutboxKey } from "./outbox/cipher.ts";
export type { EmailSettings } from "./outbox/email.ts";
export { loadOrCreateOutboxKeys, parseOutboxKeys } from "./outbox/key-file.ts";
export { OutboxSendError } from "./outbox/send-error.ts";
export type { Outbox } from "./outbox/setup.ts";
export type { SmsSettings } from "./outbox/sms.ts";
export type { OutboxHandler, SendReceipt } from "./outbox/worker.ts";
export { isStoreFault } from "./store/fault.ts";
export { openStore, type StoreLocation } from "./store/open.ts";
export { PostgresStore, type PostgresStoreOptions } from "./store/postgres/store.ts";
export { DamagedDatabaseError } from "./store/sqlite/integrity.ts";
export { MEMORY, SqliteStore, type SqliteStoreOptions } from "./store/sqlite.ts";
export type * from "./store/types.ts";
export { type HashKey, Keyring } from "./tokens.ts";
export { clientAddressBehindProxies, parseTrustProxy, type TrustProxy } from "./trust-proxy.ts";
