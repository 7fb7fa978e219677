import type { RedirectWords } from "./en-core.ts";

// The OAuth redirect step's words in every shipped language, English included, shipped with that
// step (`otl-link.redirect.js`) rather than in the bundle and every language file: see ./upload-words.ts.

/** The redirect section of each catalogue, by language. */
export const REDIRECT_WORDS = {
  en: { intro: "You will sign in at {integration} itself, then come back here.", goTo: "Continue to {integration}" },
  fr: { intro: "Vous vous connecterez directement chez {integration}, puis reviendrez ici.", goTo: "Continuer vers {integration}" },
  de: { intro: "Sie melden sich direkt bei {integration} an und kehren dann hierher zurück.", goTo: "Weiter zu {integration}" },
  es: { intro: "Iniciará sesión en {integration} directamente y después volverá aquí.", goTo: "Continuar a {integration}" },
  nl: { intro: "U meldt zich aan bij {integration} zelf en komt daarna hier terug.", goTo: "Verder naar {integration}" },
  pt: { intro: "Você vai entrar diretamente em {integration} e depois voltar para cá.", goTo: "Continuar para {integration}" },
  ar: { intro: "ستسجّل الدخول لدى {integration} نفسه، ثم تعود إلى هنا.", goTo: "المتابعة إلى {integration}" },
} as const satisfies Readonly<Record<string, RedirectWords>>;
