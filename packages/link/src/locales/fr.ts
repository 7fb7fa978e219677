import type { Messages } from "./en.ts";
import { ERROR_WORDS } from "./error-words.ts";
import { EMBEDDED_WORDS, FAILURE_WORDS, RENEW_WORDS } from "./failure-words.ts";
import { REDIRECT_WORDS } from "./redirect-words.ts";
import { UPLOAD_WORDS } from "./upload-words.ts";
import { VERIFY_WORDS } from "./verify-words.ts";

/** French, in the polite `vous`. Plain data: loaded on demand as `otl-link.fr.js`. */
export const fr: Messages = {
  lang: "fr",
  dir: "ltr",
  loading: "Chargement…",
  back: "Retour",
  retry: "Réessayer",
  progress: "Étape {step} sur {count}",
  dataKinds: {
    accounts: "Vos comptes",
    balances: "Soldes",
    transactions: "Opérations",
    statements: "Relevés",
    accounting: "Données comptables",
  },
  landing: {
    heading: "Partager les données financières de {company}",
    intro: "Connectez vos comptes bancaires ou comptables pour partager :",
    twoFactor: "Nous vous enverrons un code à {digits} chiffres pour vérifier votre identité.",
    expires: "Ce lien est valable jusqu’au {time}.",
    start: "Commencer",
  },
  recipient: {
    who: "Qui les reçoit",
    what: "Ce qui est partagé",
    why: "Pourquoi",
    howLong: "Pendant combien de temps",
    withdraw: "Retrait du consentement",
    howLongBody: "Jusqu’à {days}, ou jusqu’au retrait de votre consentement.",
    days: "one:{count} jour|other:{count} jours",
    withdrawBody: "Vous pouvez retirer votre consentement à tout moment en contactant {recipient}.",
    privacy: "Politique de confidentialité de {recipient}",
  },
  consent: {
    version: "2026-11-30.2",
    introTo: "Pour {company}, vous partagerez des données avec {recipient}.",
    heading: "Acceptez-vous de partager ces données ?",
    intro: "Pour {company}, vous partagerez :",
    accept: "J’accepte",
    decline: "Non, ne pas partager",
  },
  declined: {
    heading: "Vous avez refusé",
    body: "Aucune donnée n’a été partagée. Vous pouvez encore revenir en arrière et accepter.",
    back: "Revenir en arrière",
  },
  select: {
    heading: "Choisissez où se trouvent vos comptes",
    search: "Rechercher",
    results: "one:{count} résultat|other:{count} résultats",
    none: "Aucun résultat ne correspond à votre recherche.",
    sandbox: "{integration} (test)",
  },
  connect: {
    heading: "Connectez-vous à {integration}",
    fields: { username: "Identifiant", password: "Mot de passe" },
    submit: "Connecter",
    connecting: "Connexion à {integration}…",
    failed: "Cela n’a pas fonctionné.",
    refused: "{integration} n’a pas accepté ces identifiants. Vérifiez-les, puis réessayez.",
  },
  redirect: REDIRECT_WORDS.fr,
  verify: VERIFY_WORDS.fr,
  failure: FAILURE_WORDS.fr,
  embedded: EMBEDDED_WORDS.fr,
  renew: RENEW_WORDS.fr,
  upload: UPLOAD_WORDS.fr,
  review: {
    heading: "Vos comptes connectés",
    none: "Aucun compte n’est encore connecté.",
    status: { pending: "En cours", linked: "Connecté", failed: "Échec" },
    item: "{integration} : {status}",
    another: "Connecter un autre compte",
    finish: "J’ai déclaré tous mes comptes",
  },
  done: {
    heading: "C’est terminé",
    body: "Merci. Vos comptes sont partagés. Vous pouvez fermer cette page.",
    shared: "Merci. Vos comptes chez {integrations} sont partagés. Vous pouvez fermer cette page.",
  },
  offline: { heading: "Connexion impossible", body: "Vérifiez votre connexion à Internet, puis réessayez." },
  errors: ERROR_WORDS.fr,
};

export default fr;
