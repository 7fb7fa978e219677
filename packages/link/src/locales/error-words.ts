import type { RefusalWords } from "./en-core.ts";

// The words beside a step when an action fails but the step can go on, in every shipped language.
// English's ship with the file a refusal loads (`otl-link.problem.js`, src/steps/problem.ts) rather
// than in the bundle: a flow the server never refuses never shows them, and the element says nothing
// of a refusal until that file is here (should it not load, the refusal reads as the network's, whose
// words stay in the bundle: `offline`). Each other language's stay in its own file, with their keys
// (./wire.ts, KEYED_SECTIONS), as the bundle has none to decode them on.

/** English's errors section, on its own so that the refusals' file takes nothing else from here. */
export const ENGLISH_ERRORS = {
  second_factor_invalid: "That code is not right. Check it and try again.",
  second_factor_required: "Enter the code we sent you first.",
  validation_failed: "Something in the form is not right. Check it and try again.",
  rate_limited: "Too many attempts.",
  /** After an error whose answer said when to try again (`Retry-After`): `{time}` is "30 seconds", "2 minutes"… */
  wait: "You can try again in {time}.",
  conflict: "This step has changed. Reload the page to continue.",
  other: "Something went wrong. Try again.",
} as const satisfies RefusalWords;

/** The errors section of each catalogue, by language. */
export const ERROR_WORDS = {
  en: ENGLISH_ERRORS,
  fr: {
    second_factor_invalid: "Ce code n’est pas correct. Vérifiez-le, puis réessayez.",
    second_factor_required: "Saisissez d’abord le code que nous vous avons envoyé.",
    validation_failed: "Un champ du formulaire est incorrect. Vérifiez-le, puis réessayez.",
    rate_limited: "Trop de tentatives.",
    wait: "Vous pourrez réessayer dans {time}.",
    conflict: "Cette étape a changé. Rechargez la page pour continuer.",
    other: "Une erreur s’est produite. Réessayez.",
  },
  de: {
    second_factor_invalid: "Dieser Code stimmt nicht. Bitte prüfen Sie ihn und versuchen Sie es erneut.",
    second_factor_required: "Geben Sie zuerst den Code ein, den wir Ihnen gesendet haben.",
    validation_failed: "Im Formular stimmt etwas nicht. Bitte prüfen Sie Ihre Angaben.",
    rate_limited: "Zu viele Versuche.",
    wait: "Sie können es in {time} erneut versuchen.",
    conflict: "Dieser Schritt hat sich geändert. Laden Sie die Seite neu, um fortzufahren.",
    other: "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
  },
  es: {
    second_factor_invalid: "El código no es correcto. Revíselo y vuelva a intentarlo.",
    second_factor_required: "Primero introduzca el código que le hemos enviado.",
    validation_failed: "Hay algún dato incorrecto en el formulario. Revíselo y vuelva a intentarlo.",
    rate_limited: "Demasiados intentos.",
    wait: "Podrá volver a intentarlo dentro de {time}.",
    conflict: "Este paso ha cambiado. Vuelva a cargar la página para continuar.",
    other: "Se ha producido un error. Vuelva a intentarlo.",
  },
  nl: {
    second_factor_invalid: "Deze code klopt niet. Controleer hem en probeer het opnieuw.",
    second_factor_required: "Voer eerst de code in die we u hebben gestuurd.",
    validation_failed: "Er klopt iets niet in het formulier. Controleer het en probeer het opnieuw.",
    rate_limited: "Te veel pogingen.",
    wait: "U kunt het over {time} opnieuw proberen.",
    conflict: "Deze stap is gewijzigd. Laad de pagina opnieuw om verder te gaan.",
    other: "Er is iets misgegaan. Probeer het opnieuw.",
  },
  pt: {
    second_factor_invalid: "O código não está correto. Verifique-o e tente novamente.",
    second_factor_required: "Primeiro, digite o código que enviamos.",
    validation_failed: "Há algo errado no formulário. Verifique e tente novamente.",
    rate_limited: "Muitas tentativas.",
    wait: "Tente novamente em {time}.",
    conflict: "Esta etapa mudou. Recarregue a página para continuar.",
    other: "Algo deu errado. Tente novamente.",
  },
  ar: {
    second_factor_invalid: "الرمز غير صحيح. تحقق منه وأعد المحاولة.",
    second_factor_required: "أدخل أولًا الرمز الذي أرسلناه إليك.",
    validation_failed: "بعض البيانات غير صحيحة. تحقق منها وأعد المحاولة.",
    rate_limited: "محاولات كثيرة جدًا.",
    wait: "يمكنك المحاولة مرة أخرى بعد {time}.",
    conflict: "تغيرت هذه الخطوة. أعد تحميل الصفحة.",
    other: "حدث خطأ ما. أعد المحاولة.",
  },
} as const satisfies Readonly<Record<string, RefusalWords>>;
