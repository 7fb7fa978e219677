import type { Messages } from "./en.ts";

// The upload step's words in every shipped language but English (which is in en.ts, inside the
// bundle). They live here rather than in each language's file so that the build can ship them with
// the upload step (`otl-link.upload.js`, which few flows load) instead of in every language file
// (each ≤ 1.5 kB gzip). Each language's catalogue takes its entry, so `Messages` still types them
// and `tsc` rejects a missing string; the server's hosted pages see whole catalogues.

/** The upload section of each catalogue but English's, by language. */
export const UPLOAD_WORDS = {
  fr: {
    heading: "Importez vos relevés : {integration}",
    intro: "Importez vos relevés bancaires officiels ({types}), {megabytes} Mo maximum chacun.",
    drop: "Glissez-déposez vos relevés ici, ou",
    choose: "Choisir des fichiers",
    progress: "Envoi en cours…",
    uploaded: "Relevés importés",
    remove: "Retirer {name}",
    continue: "Continuer",
    none: "Aucun relevé importé pour l’instant.",
    tooLarge: "Ce fichier est trop volumineux. Importez un relevé plus léger.",
  },
  de: {
    heading: "Kontoauszüge hochladen: {integration}",
    intro: "Laden Sie Ihre offiziellen Kontoauszüge hoch ({types}), jeweils bis zu {megabytes} MB.",
    drop: "Kontoauszüge hierher ziehen oder",
    choose: "Dateien auswählen",
    progress: "Wird hochgeladen…",
    uploaded: "Hochgeladene Kontoauszüge",
    remove: "{name} entfernen",
    continue: "Weiter",
    none: "Noch kein Kontoauszug hochgeladen.",
    tooLarge: "Diese Datei ist zu groß. Bitte laden Sie einen kleineren Kontoauszug hoch.",
  },
  es: {
    heading: "Suba sus extractos: {integration}",
    intro: "Suba sus extractos bancarios oficiales ({types}), de hasta {megabytes} MB cada uno.",
    drop: "Arrastre sus extractos aquí, o",
    choose: "Elegir archivos",
    progress: "Subiendo…",
    uploaded: "Extractos subidos",
    remove: "Quitar {name}",
    continue: "Continuar",
    none: "Aún no ha subido ningún extracto.",
    tooLarge: "El archivo es demasiado grande. Suba un extracto más pequeño.",
  },
  nl: {
    heading: "Upload uw afschriften: {integration}",
    intro: "Upload uw officiële bankafschriften ({types}), maximaal {megabytes} MB per bestand.",
    drop: "Sleep uw afschriften hierheen, of",
    choose: "Bestanden kiezen",
    progress: "Bezig met uploaden…",
    uploaded: "Geüploade afschriften",
    remove: "{name} verwijderen",
    continue: "Doorgaan",
    none: "Nog geen afschrift geüpload.",
    tooLarge: "Dit bestand is te groot. Upload een kleiner afschrift.",
  },
  pt: {
    heading: "Envie seus extratos: {integration}",
    intro: "Envie seus extratos bancários oficiais ({types}), com até {megabytes} MB cada.",
    drop: "Arraste os extratos para cá ou",
    choose: "Escolher arquivos",
    progress: "Enviando…",
    uploaded: "Extratos enviados",
    remove: "Remover {name}",
    continue: "Continuar",
    none: "Nenhum extrato enviado ainda.",
    tooLarge: "Este arquivo é grande demais. Envie um extrato menor.",
  },
  ar: {
    heading: "رفع كشوف الحساب: {integration}",
    intro: "ارفع كشوف حسابك الرسمية ({types})، بحد أقصى {megabytes} ميغابايت للملف.",
    drop: "اسحب الكشوف وأفلتها هنا، أو",
    choose: "اختر الملفات",
    progress: "جارٍ الرفع…",
    uploaded: "الكشوف المرفوعة",
    remove: "إزالة {name}",
    continue: "متابعة",
    none: "لم تُرفع أي كشوف بعد.",
    tooLarge: "الملف كبير جدًا. ارفع كشفًا أصغر.",
  },
} as const satisfies Readonly<Record<string, Messages["upload"]>>;
