import type { DataKind } from "@otl/protocol";

// The words of the messages the server sends a company (a delivered link, a 2FA code), in the seven
// languages the element speaks. They live here, not in @otl/link's catalogues: those are loaded by
// every customer's browser and kept within a byte budget, and these are read only by the server.
// `{placeholders}` are filled by `fillWords`; a company's `locale` picks the language (CONTRACT.md
// ◇ Delivery: "in the company's locale").

/** Every string of one language's messages. */
export interface MessageWords {
  /** BCP 47 tag of the words; the HTML part's `lang`. */
  lang: string;
  dir: "ltr" | "rtl";
  /** What a link shares, as a phrase the sentences below take as `{shared}` (Portuguese carries its possessives here). */
  data: Record<DataKind, string>;
  linkSubject: string;
  hello: string;
  linkIntro: string;
  linkExpiry: string;
  linkSms: string;
  codeSubject: string;
  /** `{code}` is set in bold in the HTML part. */
  codeIs: string;
  codeExpiry: string;
  codeWarning: string;
  codeSms: string;
}

const en: MessageWords = {
  lang: "en",
  dir: "ltr",
  data: {
    accounts: "accounts",
    balances: "balances",
    transactions: "transactions",
    statements: "statements",
    accounting: "accounting records",
  },
  linkSubject: "{company}: your secure link to share your {shared}",
  hello: "Hello {company},",
  linkIntro:
    "You have been asked to connect your financial accounts and share your {shared}. Open this secure link to review what is shared and to give or refuse your consent:",
  linkExpiry:
    "The link works once and expires on {until}. If you did not expect this message, you can ignore it: nothing is shared unless you open the link and agree.",
  linkSms: "{company}: your secure link to share your {shared}: {url} (works once, expires {until})",
  codeSubject: "Your verification code for {company}",
  codeIs: "Your verification code is {code}.",
  codeExpiry: "Enter it on the page that asked for it; it expires in {minutes} minutes.",
  codeWarning: "If you did not ask for it, ignore this message and never share the code.",
  codeSms: "{code} is your verification code for {company}'s secure link. It expires in {minutes} minutes. Never share it.",
};

const fr: MessageWords = {
  lang: "fr",
  dir: "ltr",
  data: { accounts: "comptes", balances: "soldes", transactions: "transactions", statements: "relevés", accounting: "données comptables" },
  linkSubject: "{company} : votre lien sécurisé pour partager vos {shared}",
  hello: "Bonjour {company},",
  linkIntro:
    "Il vous est demandé de connecter vos comptes financiers et de partager vos {shared}. Ouvrez ce lien sécurisé pour voir ce qui est partagé et donner ou refuser votre consentement :",
  linkExpiry:
    "Le lien ne fonctionne qu'une fois et expire le {until}. Si vous n'attendiez pas ce message, vous pouvez l'ignorer : rien n'est partagé tant que vous n'ouvrez pas le lien et n'acceptez pas.",
  linkSms: "{company} : votre lien sécurisé pour partager vos {shared} : {url} (usage unique, expire le {until})",
  codeSubject: "Votre code de vérification pour {company}",
  codeIs: "Votre code de vérification est {code}.",
  codeExpiry: "Saisissez-le sur la page qui l'a demandé ; il expire dans {minutes} minutes.",
  codeWarning: "Si vous ne l'avez pas demandé, ignorez ce message et ne communiquez jamais ce code.",
  codeSms:
    "{code} est votre code de vérification pour le lien sécurisé de {company}. Il expire dans {minutes} minutes. Ne le communiquez jamais.",
};

const de: MessageWords = {
  lang: "de",
  dir: "ltr",
  data: {
    accounts: "Konten",
    balances: "Kontostände",
    transactions: "Umsätze",
    statements: "Kontoauszüge",
    accounting: "Buchhaltungsdaten",
  },
  linkSubject: "{company}: Ihr sicherer Link zum Teilen Ihrer {shared}",
  hello: "Hallo {company},",
  linkIntro:
    "Sie wurden gebeten, Ihre Finanzkonten zu verbinden und Ihre {shared} zu teilen. Öffnen Sie diesen sicheren Link, um zu sehen, was geteilt wird, und Ihre Einwilligung zu erteilen oder zu verweigern:",
  linkExpiry:
    "Der Link funktioniert einmal und läuft am {until} ab. Wenn Sie diese Nachricht nicht erwartet haben, können Sie sie ignorieren: Es wird nichts geteilt, solange Sie den Link nicht öffnen und zustimmen.",
  linkSms: "{company}: Ihr sicherer Link zum Teilen Ihrer {shared}: {url} (einmal gültig, läuft am {until} ab)",
  codeSubject: "Ihr Bestätigungscode für {company}",
  codeIs: "Ihr Bestätigungscode lautet {code}.",
  codeExpiry: "Geben Sie ihn auf der Seite ein, die danach gefragt hat; er läuft in {minutes} Minuten ab.",
  codeWarning: "Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht und geben Sie den Code niemals weiter.",
  codeSms:
    "{code} ist Ihr Bestätigungscode für den sicheren Link von {company}. Er läuft in {minutes} Minuten ab. Geben Sie ihn niemals weiter.",
};

const es: MessageWords = {
  lang: "es",
  dir: "ltr",
  data: {
    accounts: "cuentas",
    balances: "saldos",
    transactions: "movimientos",
    statements: "extractos",
    accounting: "registros contables",
  },
  linkSubject: "{company}: su enlace seguro para compartir sus {shared}",
  hello: "Hola, {company}:",
  linkIntro:
    "Se le ha pedido que conecte sus cuentas financieras y comparta sus {shared}. Abra este enlace seguro para revisar lo que se comparte y dar o denegar su consentimiento:",
  linkExpiry:
    "El enlace funciona una sola vez y caduca el {until}. Si no esperaba este mensaje, puede ignorarlo: no se comparte nada a menos que abra el enlace y acepte.",
  linkSms: "{company}: su enlace seguro para compartir sus {shared}: {url} (un solo uso, caduca el {until})",
  codeSubject: "Su código de verificación para {company}",
  codeIs: "Su código de verificación es {code}.",
  codeExpiry: "Introdúzcalo en la página que lo pidió; caduca en {minutes} minutos.",
  codeWarning: "Si no lo ha pedido, ignore este mensaje y no comparta nunca el código.",
  codeSms: "{code} es su código de verificación para el enlace seguro de {company}. Caduca en {minutes} minutos. No lo comparta nunca.",
};

const nl: MessageWords = {
  lang: "nl",
  dir: "ltr",
  data: {
    accounts: "rekeningen",
    balances: "saldi",
    transactions: "transacties",
    statements: "afschriften",
    accounting: "boekhoudgegevens",
  },
  linkSubject: "{company}: uw beveiligde link om uw {shared} te delen",
  hello: "Beste {company},",
  linkIntro:
    "U is gevraagd uw financiële rekeningen te koppelen en uw {shared} te delen. Open deze beveiligde link om te zien wat er wordt gedeeld en om uw toestemming te geven of te weigeren:",
  linkExpiry:
    "De link werkt één keer en verloopt op {until}. Verwachtte u dit bericht niet, dan kunt u het negeren: er wordt niets gedeeld tenzij u de link opent en akkoord gaat.",
  linkSms: "{company}: uw beveiligde link om uw {shared} te delen: {url} (werkt één keer, verloopt op {until})",
  codeSubject: "Uw verificatiecode voor {company}",
  codeIs: "Uw verificatiecode is {code}.",
  codeExpiry: "Voer hem in op de pagina die erom vroeg; hij verloopt over {minutes} minuten.",
  codeWarning: "Hebt u hem niet aangevraagd, negeer dan dit bericht en deel de code nooit.",
  codeSms: "{code} is uw verificatiecode voor de beveiligde link van {company}. Hij verloopt over {minutes} minuten. Deel hem nooit.",
};

const pt: MessageWords = {
  lang: "pt",
  dir: "ltr",
  // Portuguese possessives agree with the noun: each kind carries its own.
  data: {
    accounts: "suas contas",
    balances: "seus saldos",
    transactions: "suas transações",
    statements: "seus extratos",
    accounting: "seus registros contábeis",
  },
  linkSubject: "{company}: seu link seguro para compartilhar {shared}",
  hello: "Olá, {company},",
  linkIntro:
    "Pediram que você conecte suas contas financeiras e compartilhe {shared}. Abra este link seguro para ver o que será compartilhado e dar ou recusar seu consentimento:",
  linkExpiry:
    "O link funciona uma única vez e expira em {until}. Se você não esperava esta mensagem, pode ignorá-la: nada é compartilhado a menos que você abra o link e concorde.",
  linkSms: "{company}: seu link seguro para compartilhar {shared}: {url} (uso único, expira em {until})",
  codeSubject: "Seu código de verificação para {company}",
  codeIs: "Seu código de verificação é {code}.",
  codeExpiry: "Digite-o na página que o solicitou; ele expira em {minutes} minutos.",
  codeWarning: "Se você não o solicitou, ignore esta mensagem e nunca compartilhe o código.",
  codeSms: "{code} é seu código de verificação para o link seguro de {company}. Expira em {minutes} minutos. Nunca o compartilhe.",
};

const ar: MessageWords = {
  lang: "ar",
  dir: "rtl",
  data: { accounts: "حساباتك", balances: "الأرصدة", transactions: "المعاملات", statements: "كشوف الحساب", accounting: "السجلات المحاسبية" },
  linkSubject: "{company}: رابطك الآمن لمشاركة {shared}",
  hello: "مرحبًا {company}،",
  linkIntro: "طُلب منك ربط حساباتك المالية ومشاركة {shared}. افتح هذا الرابط الآمن لمراجعة ما ستتم مشاركته ولمنح موافقتك أو رفضها:",
  linkExpiry:
    "يعمل الرابط مرة واحدة وتنتهي صلاحيته في {until}. إذا لم تكن تتوقع هذه الرسالة، فيمكنك تجاهلها: لن تتم مشاركة أي شيء ما لم تفتح الرابط وتوافق.",
  linkSms: "{company}: رابطك الآمن لمشاركة {shared}: {url} (يعمل مرة واحدة، وتنتهي صلاحيته في {until})",
  codeSubject: "رمز التحقق الخاص بك لدى {company}",
  codeIs: "رمز التحقق الخاص بك هو {code}.",
  codeExpiry: "أدخله في الصفحة التي طلبته؛ تنتهي صلاحيته خلال {minutes} دقائق.",
  codeWarning: "إذا لم تطلبه، فتجاهل هذه الرسالة ولا تشارك الرمز أبدًا.",
  codeSms: "{code} هو رمز التحقق الخاص بك للرابط الآمن لدى {company}. تنتهي صلاحيته خلال {minutes} دقائق. لا تشاركه أبدًا.",
};

const WORDS: Readonly<Record<string, MessageWords>> = { en, fr, de, es, nl, pt, ar };

/** The words for a company's `locale` (BCP 47): its language if shipped (`fr-CA` → `fr`), else English. */
export function messageWords(locale: string | null | undefined): MessageWords {
  const language = (locale ?? "en").split("-")[0]?.toLowerCase() ?? "en";
  return WORDS[language] ?? en;
}

/** A string with its `{placeholders}` replaced; an unknown one stays visible, so a test can find it. */
export function fillWords(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
