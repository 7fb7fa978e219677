export { type ExchangeSecret, LinkClient, type LinkClientOptions, type LinkSecret } from "./client.ts";
export { isOtlError, OtlError, type OtlErrorCode } from "./errors.ts";
export { type CallOptions, type FlowChangeEvent, Session } from "./session.ts";
export { defaultSessionStore, memorySessionStore, type SessionStore } from "./storage.ts";
export type { UploadProgress } from "./upload.ts";
