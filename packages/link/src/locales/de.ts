import type { Messages } from "./en.ts";
import { ERROR_WORDS } from "./error-words.ts";
import { EMBEDDED_WORDS, FAILURE_WORDS, RENEW_WORDS } from "./failure-words.ts";
import { REDIRECT_WORDS } from "./redirect-words.ts";
import { UPLOAD_WORDS } from "./upload-words.ts";
import { VERIFY_WORDS } from "./verify-words.ts";

/** German, in the polite `Sie`. Plain data: loaded on demand as `otl-link.de.js`. */
export const de: Messages = {
  lang: "de",
  dir: "ltr",
  loading: "Wird geladen…",
  back: "Zurück",
  retry: "Erneut versuchen",
  progress: "Schritt {step} von {count}",
  dataKinds: {
    accounts: "Ihre Konten",
    balances: "Kontostände",
    transactions: "Umsätze",
    statements: "Kontoauszüge",
    accounting: "Buchhaltungsdaten",
  },
  landing: {
    heading: "Finanzdaten von {company} freigeben",
    intro: "Verbinden Sie Ihre Bank- oder Buchhaltungskonten, um Folgendes freizugeben:",
    twoFactor: "Zur Bestätigung senden wir Ihnen einen {digits}-stelligen Code.",
    expires: "Dieser Link ist gültig bis {time}.",
    start: "Starten",
  },
  recipient: {
    who: "Wer sie erhält",
    what: "Was freigegeben wird",
    why: "Wozu",
    howLong: "Wie lange",
    withdraw: "Widerruf",
    howLongBody: "Bis zu {days} oder bis zum Widerruf Ihrer Einwilligung.",
    days: "one:{count} Tag|other:{count} Tage",
    withdrawBody: "Sie können Ihre Einwilligung jederzeit widerrufen, indem Sie sich an {recipient} wenden.",
    privacy: "Datenschutzerklärung von {recipient}",
  },
  consent: {
    version: "2026-11-30.2",
    introTo: "Für {company} geben Sie Daten an {recipient} frei.",
    heading: "Sind Sie mit der Freigabe dieser Daten einverstanden?",
    intro: "Sie geben für {company} Folgendes frei:",
    accept: "Ich stimme zu",
    decline: "Nein, nicht freigeben",
  },
  declined: {
    heading: "Sie haben abgelehnt",
    body: "Es wurde nichts freigegeben. Sie können jederzeit zurückgehen und doch zustimmen.",
    back: "Zurückgehen",
  },
  select: {
    heading: "Wählen Sie, wo Ihre Konten geführt werden",
    search: "Suchen",
    results: "one:{count} Ergebnis|other:{count} Ergebnisse",
    none: "Keine Treffer für Ihre Suche.",
    sandbox: "{integration} (Test)",
  },
  connect: {
    heading: "Bei {integration} anmelden",
    fields: { username: "Benutzername", password: "Passwort" },
    submit: "Verbinden",
    connecting: "Verbindung mit {integration} wird hergestellt …",
    failed: "Das hat nicht funktioniert.",
    refused: "{integration} hat diese Anmeldedaten abgelehnt. Bitte prüfen Sie sie und versuchen Sie es erneut.",
  },
  redirect: REDIRECT_WORDS.de,
  verify: VERIFY_WORDS.de,
  failure: FAILURE_WORDS.de,
  embedded: EMBEDDED_WORDS.de,
  renew: RENEW_WORDS.de,
  upload: UPLOAD_WORDS.de,
  review: {
    heading: "Ihre verbundenen Konten",
    none: "Es ist noch kein Konto verbunden.",
    status: { pending: "In Bearbeitung", linked: "Verbunden", failed: "Fehlgeschlagen" },
    item: "{integration}: {status}",
    another: "Weiteres Konto verbinden",
    finish: "Ich habe alle meine Konten angegeben",
  },
  done: {
    heading: "Alles erledigt",
    body: "Vielen Dank, Ihre Konten sind freigegeben. Sie können diese Seite schließen.",
    shared: "Vielen Dank, Ihre Konten bei {integrations} sind freigegeben. Sie können diese Seite schließen.",
  },
  offline: { heading: "Keine Verbindung möglich", body: "Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut." },
  errors: ERROR_WORDS.de,
};

export default de;
