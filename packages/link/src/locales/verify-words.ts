import type { VerifyWords } from "./en-core.ts";

// The 2FA code step's words in every shipped language, English included, shipped with that step
// (`otl-link.verify.js`) rather than in the bundle and every language file: only links that ask for a
// second factor reach it. See ./upload-words.ts.

/** The verify section of each catalogue, by language. */
export const VERIFY_WORDS = {
  en: {
    heading: "Confirm it is you",
    intro: "Enter the {digits}-digit code we sent to {to}.",
    label: "{digits}-digit code",
    submit: "Confirm",
    resend: "Send a new code",
    resent: "We sent you a new code.",
  },
  fr: {
    heading: "Confirmez votre identité",
    intro: "Saisissez le code à {digits} chiffres envoyé à {to}.",
    label: "Code à {digits} chiffres",
    submit: "Confirmer",
    resend: "Recevoir un nouveau code",
    resent: "Nous vous avons envoyé un nouveau code.",
  },
  de: {
    heading: "Bestätigen Sie, dass Sie es sind",
    intro: "Geben Sie den {digits}-stelligen Code ein, den wir an {to} gesendet haben.",
    label: "{digits}-stelliger Code",
    submit: "Bestätigen",
    resend: "Neuen Code senden",
    resent: "Wir haben Ihnen einen neuen Code gesendet.",
  },
  es: {
    heading: "Confirme su identidad",
    intro: "Introduzca el código de {digits} dígitos enviado a {to}.",
    label: "Código de {digits} dígitos",
    submit: "Confirmar",
    resend: "Enviar un código nuevo",
    resent: "Le hemos enviado un código nuevo.",
  },
  nl: {
    heading: "Bevestig dat u het bent",
    intro: "Voer de code van {digits} cijfers in die we naar {to} hebben gestuurd.",
    label: "Code van {digits} cijfers",
    submit: "Bevestigen",
    resend: "Nieuwe code sturen",
    resent: "We hebben u een nieuwe code gestuurd.",
  },
  pt: {
    heading: "Confirme sua identidade",
    intro: "Digite o código de {digits} dígitos enviado para {to}.",
    label: "Código de {digits} dígitos",
    submit: "Confirmar",
    resend: "Enviar um novo código",
    resent: "Enviamos um novo código.",
  },
  ar: {
    heading: "تأكيد هويتك",
    intro: "أدخل الرمز المكوّن من {digits} أرقام المرسل إلى {to}.",
    label: "رمز من {digits} أرقام",
    submit: "تأكيد",
    resend: "إرسال رمز جديد",
    resent: "أرسلنا إليك رمزًا جديدًا.",
  },
} as const satisfies Readonly<Record<string, VerifyWords>>;
