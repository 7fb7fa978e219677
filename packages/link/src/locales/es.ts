import type { Messages } from "./en.ts";
import { ERROR_WORDS } from "./error-words.ts";
import { EMBEDDED_WORDS, FAILURE_WORDS, RENEW_WORDS } from "./failure-words.ts";
import { REDIRECT_WORDS } from "./redirect-words.ts";
import { UPLOAD_WORDS } from "./upload-words.ts";
import { VERIFY_WORDS } from "./verify-words.ts";

/** Spanish, in the polite `usted`, in words used on both sides of the Atlantic. Plain data: loaded on demand as `otl-link.es.js`. */
export const es: Messages = {
  lang: "es",
  dir: "ltr",
  loading: "Cargando…",
  back: "Atrás",
  retry: "Volver a intentarlo",
  progress: "Paso {step} de {count}",
  dataKinds: {
    accounts: "Sus cuentas",
    balances: "Saldos",
    transactions: "Movimientos",
    statements: "Extractos",
    accounting: "Registros contables",
  },
  landing: {
    heading: "Compartir los datos financieros de {company}",
    intro: "Conecte sus cuentas bancarias o contables para compartir:",
    twoFactor: "Le enviaremos un código de {digits} dígitos para confirmar su identidad.",
    expires: "Este enlace es válido hasta el {time}.",
    start: "Comenzar",
  },
  recipient: {
    who: "Quién los recibe",
    what: "Qué se comparte",
    why: "Para qué",
    howLong: "Durante cuánto tiempo",
    withdraw: "Cómo retirarlo",
    howLongBody: "Hasta {days}, o hasta que retire su consentimiento.",
    days: "one:{count} día|other:{count} días",
    withdrawBody: "Puede retirar su consentimiento en cualquier momento poniéndose en contacto con {recipient}.",
    privacy: "Política de privacidad de {recipient}",
  },
  consent: {
    version: "2026-11-30.2",
    introTo: "Para {company}, compartirá datos con {recipient}.",
    heading: "¿Acepta compartir estos datos?",
    intro: "Para {company}, compartirá:",
    accept: "Acepto",
    decline: "No compartir",
  },
  declined: {
    heading: "Ha rechazado la solicitud",
    body: "No se ha compartido nada. Si cambia de opinión, puede volver atrás y aceptar.",
    back: "Volver atrás",
  },
  select: {
    heading: "Elija dónde tiene sus cuentas",
    search: "Buscar",
    results: "one:{count} resultado|other:{count} resultados",
    none: "No hay resultados para su búsqueda.",
    sandbox: "{integration} (prueba)",
  },
  connect: {
    heading: "Inicie sesión en {integration}",
    fields: { username: "Usuario", password: "Contraseña" },
    submit: "Conectar",
    connecting: "Conectando con {integration}…",
    failed: "No ha funcionado.",
    refused: "{integration} no ha aceptado esos datos de acceso. Revíselos y vuelva a intentarlo.",
  },
  redirect: REDIRECT_WORDS.es,
  verify: VERIFY_WORDS.es,
  failure: FAILURE_WORDS.es,
  embedded: EMBEDDED_WORDS.es,
  renew: RENEW_WORDS.es,
  upload: UPLOAD_WORDS.es,
  review: {
    heading: "Sus cuentas conectadas",
    none: "Todavía no hay ninguna cuenta conectada.",
    status: { pending: "En curso", linked: "Conectada", failed: "Error" },
    item: "{integration}: {status}",
    another: "Conectar otra cuenta",
    finish: "He declarado todas mis cuentas",
  },
  done: {
    heading: "Listo",
    body: "Gracias. Sus cuentas se han compartido. Ya puede cerrar esta página.",
    shared: "Gracias. Sus cuentas de {integrations} se han compartido. Ya puede cerrar esta página.",
  },
  offline: { heading: "No se ha podido conectar", body: "Compruebe su conexión a Internet y vuelva a intentarlo." },
  errors: ERROR_WORDS.es,
};

export default es;
