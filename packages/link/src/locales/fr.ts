import type { Messages } from "./en.ts";
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
    unavailable: "{integration} ne peut pas encore être connecté ainsi. Choisissez-en un autre.",
  },
  redirect: REDIRECT_WORDS.fr,
  verify: VERIFY_WORDS.fr,
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
  failure: {
    expired: {
      heading: "Ce lien a expiré",
      body: "Les liens sont valables pour une durée limitée. Demandez un nouveau lien à l’expéditeur.",
    },
    used: {
      heading: "Ce lien a déjà été utilisé",
      body: "Chaque lien ne fonctionne qu’une fois. Demandez un nouveau lien à l’expéditeur.",
    },
    superseded: { heading: "Un lien plus récent remplace celui-ci", body: "Ouvrez le dernier lien que vous avez reçu." },
    revoked: {
      heading: "Ce lien a été annulé",
      body: "Si vous devez encore partager vos comptes, demandez un nouveau lien à l’expéditeur.",
    },
    invalid: {
      heading: "Ce lien n’est pas valide",
      body: "Vérifiez que vous avez ouvert le lien en entier, ou demandez-en un nouveau à l’expéditeur.",
    },
    network: { heading: "Connexion impossible", body: "Vérifiez votre connexion à Internet, puis réessayez." },
    session: {
      heading: "Votre session a expiré",
      body: "Par sécurité, une session prend fin après un moment d’inactivité. Demandez un nouveau lien à l’expéditeur pour reprendre là où vous en étiez.",
    },
    problem: { heading: "Une erreur s’est produite", body: "Vous n’y êtes pour rien. Réessayez dans un instant." },
  },
  embedded: {
    expired: { heading: "Cette session a expiré", body: "Rechargez la page pour recommencer." },
    used: {
      heading: "Cette session a déjà été ouverte",
      body: "Elle a été ouverte dans une autre fenêtre ou lors d’une autre visite. Rechargez la page pour recommencer.",
    },
    superseded: { heading: "Une session plus récente remplace celle-ci", body: "Rechargez la page pour continuer." },
    revoked: {
      heading: "Cette session a été annulée",
      body: "Rechargez la page pour recommencer. Si le problème persiste, contactez l’entreprise à l’origine de cette demande.",
    },
    invalid: {
      heading: "Impossible d’ouvrir cette session",
      body: "Rechargez la page pour recommencer. Si le problème persiste, contactez l’entreprise à l’origine de cette demande.",
    },
    session: { heading: "Votre session a expiré", body: "Rechargez la page pour reprendre là où vous en étiez." },
  },
  renew: {
    button: "M’envoyer un nouveau lien",
    body: "Nous pouvons envoyer un nouveau lien à vos coordonnées enregistrées, pour reprendre là où vous en étiez.",
    sent: "Si c’est possible, un nouveau lien est en route vers vos coordonnées enregistrées.",
  },
  errors: {
    second_factor_invalid: "Ce code n’est pas correct. Vérifiez-le, puis réessayez.",
    second_factor_required: "Saisissez d’abord le code que nous vous avons envoyé.",
    validation_failed: "Un champ du formulaire est incorrect. Vérifiez-le, puis réessayez.",
    rate_limited: "Trop de tentatives. Patientez un instant, puis réessayez.",
    conflict: "Cette étape a changé. Rechargez la page pour continuer.",
    other: "Une erreur s’est produite. Réessayez.",
  },
};

export default fr;
