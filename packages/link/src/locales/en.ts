import {
  type EmbeddedWords,
  enInBundle,
  type FailureWords,
  type RedirectWords,
  type RefusalWords,
  type RenewWords,
  type UploadWords,
  type VerifyWords,
} from "./en-core.ts";
import { ERROR_WORDS } from "./error-words.ts";
import { EMBEDDED_WORDS, FAILURE_WORDS, RENEW_WORDS } from "./failure-words.ts";
import { REDIRECT_WORDS } from "./redirect-words.ts";
import { UPLOAD_WORDS } from "./upload-words.ts";
import { VERIFY_WORDS } from "./verify-words.ts";

// English whole: the words the bundle carries (./en-core.ts) and those the steps that load on demand
// bring with them. Tests, the server's hosted pages and every other catalogue's type start from here;
// the element's bundle imports ./en-core.ts alone.

export type {
  EmbeddedWords,
  FailureWords,
  RedirectWords,
  RefusalWords,
  RenewWords,
  ScreenWords,
  UploadWords,
  VerifyWords,
} from "./en-core.ts";

/** The English message catalogue, whole: the shape of every other one, and what the server renders from. */
export const en = {
  ...enInBundle,
  upload: UPLOAD_WORDS.en,
  redirect: REDIRECT_WORDS.en,
  verify: VERIFY_WORDS.en,
  failure: FAILURE_WORDS.en,
  embedded: EMBEDDED_WORDS.en,
  renew: RENEW_WORDS.en,
  errors: ERROR_WORDS.en,
};

/** The shape of a message catalogue: every key of `en`, each a string (with `{placeholders}` where `en` has them). */
export type Messages = typeof enInBundle & {
  upload: UploadWords;
  redirect: RedirectWords;
  verify: VerifyWords;
  failure: FailureWords;
  embedded: EmbeddedWords;
  renew: RenewWords;
  errors: RefusalWords;
};

/** Any part of a catalogue, however deep: what `messages` takes, per language, to override any string. */
export type MessageOverrides = DeepPartial<Messages>;

/** `T` with every key optional, at every depth. */
type DeepPartial<T> = { readonly [K in keyof T]?: T[K] extends string ? T[K] : DeepPartial<T[K]> };
