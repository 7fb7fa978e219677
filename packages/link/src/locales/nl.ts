import type { Messages } from "./en.ts";
import { ERROR_WORDS } from "./error-words.ts";
import { EMBEDDED_WORDS, FAILURE_WORDS, RENEW_WORDS } from "./failure-words.ts";
import { REDIRECT_WORDS } from "./redirect-words.ts";
import { UPLOAD_WORDS } from "./upload-words.ts";
import { VERIFY_WORDS } from "./verify-words.ts";

/** Dutch, in the polite `u`. Plain data: loaded on demand as `otl-link.nl.js`. */
export const nl: Messages = {
  lang: "nl",
  dir: "ltr",
  loading: "Bezig met laden…",
  back: "Terug",
  retry: "Opnieuw proberen",
  progress: "Stap {step} van {count}",
  dataKinds: {
    accounts: "Uw rekeningen",
    balances: "Saldi",
    transactions: "Transacties",
    statements: "Afschriften",
    accounting: "Boekhoudgegevens",
  },
  landing: {
    heading: "De financiële gegevens van {company} delen",
    intro: "Koppel uw bankrekeningen of boekhoudpakket om te delen:",
    twoFactor: "We sturen u een code van {digits} cijfers om te bevestigen dat u het bent.",
    expires: "Deze link is geldig tot {time}.",
    start: "Beginnen",
  },
  recipient: {
    who: "Wie ze ontvangt",
    what: "Wat er wordt gedeeld",
    why: "Waarvoor",
    howLong: "Hoe lang",
    withdraw: "Toestemming intrekken",
    howLongBody: "Tot {days}, of tot u uw toestemming intrekt.",
    days: "one:{count} dag|other:{count} dagen",
    withdrawBody: "U kunt uw toestemming op elk moment intrekken door contact op te nemen met {recipient}.",
    privacy: "Privacybeleid van {recipient}",
  },
  consent: {
    version: "2026-11-30.2",
    introTo: "Voor {company} deelt u gegevens met {recipient}.",
    heading: "Gaat u akkoord met het delen van deze gegevens?",
    intro: "Voor {company} deelt u:",
    accept: "Ik ga akkoord",
    decline: "Nee, niet delen",
  },
  declined: {
    heading: "U hebt geweigerd",
    body: "Er is niets gedeeld. Als u van gedachten verandert, kunt u teruggaan en alsnog akkoord gaan.",
    back: "Teruggaan",
  },
  select: {
    heading: "Kies waar uw rekeningen zijn",
    search: "Zoeken",
    results: "one:{count} resultaat|other:{count} resultaten",
    none: "Niets gevonden voor uw zoekopdracht.",
    sandbox: "{integration} (test)",
  },
  connect: {
    heading: "Inloggen bij {integration}",
    fields: { username: "Gebruikersnaam", password: "Wachtwoord" },
    submit: "Koppelen",
    connecting: "Bezig met koppelen aan {integration}…",
    failed: "Dat is niet gelukt.",
    refused: "{integration} heeft deze inloggegevens niet geaccepteerd. Controleer ze en probeer het opnieuw.",
  },
  redirect: REDIRECT_WORDS.nl,
  verify: VERIFY_WORDS.nl,
  failure: FAILURE_WORDS.nl,
  embedded: EMBEDDED_WORDS.nl,
  renew: RENEW_WORDS.nl,
  upload: UPLOAD_WORDS.nl,
  review: {
    heading: "Uw gekoppelde rekeningen",
    none: "Er is nog geen rekening gekoppeld.",
    status: { pending: "Bezig", linked: "Gekoppeld", failed: "Mislukt" },
    item: "{integration}: {status}",
    another: "Nog een rekening koppelen",
    finish: "Ik heb al mijn rekeningen opgegeven",
  },
  done: {
    heading: "Klaar",
    body: "Bedankt. Uw rekeningen zijn gedeeld. U kunt deze pagina sluiten.",
    shared: "Bedankt. Uw rekeningen bij {integrations} zijn gedeeld. U kunt deze pagina sluiten.",
  },
  offline: { heading: "Geen verbinding mogelijk", body: "Controleer uw internetverbinding en probeer het opnieuw." },
  errors: ERROR_WORDS.nl,
};

export default nl;
