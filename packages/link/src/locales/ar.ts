import type { Messages } from "./en.ts";
import { ERROR_WORDS } from "./error-words.ts";
import { EMBEDDED_WORDS, FAILURE_WORDS, RENEW_WORDS } from "./failure-words.ts";
import { REDIRECT_WORDS } from "./redirect-words.ts";
import { UPLOAD_WORDS } from "./upload-words.ts";
import { VERIFY_WORDS } from "./verify-words.ts";

/** Modern Standard Arabic, written right to left. Plain data: loaded on demand as `otl-link.ar.js`. */
export const ar: Messages = {
  lang: "ar",
  dir: "rtl",
  loading: "جارٍ التحميل…",
  back: "رجوع",
  retry: "إعادة المحاولة",
  progress: "الخطوة {step} من {count}",
  dataKinds: {
    accounts: "حساباتك",
    balances: "الأرصدة",
    transactions: "المعاملات",
    statements: "كشوف الحساب",
    accounting: "السجلات المحاسبية",
  },
  landing: {
    heading: "مشاركة البيانات المالية لشركة {company}",
    intro: "اربط حساباتك المصرفية أو المحاسبية لمشاركة ما يلي:",
    twoFactor: "سنرسل إليك رمزًا من {digits} أرقام للتحقق من هويتك.",
    expires: "الرابط صالح حتى {time}.",
    start: "ابدأ",
  },
  recipient: {
    who: "الجهة المستلمة",
    what: "البيانات المشارَكة",
    why: "الغرض",
    howLong: "المدة",
    withdraw: "سحب الموافقة",
    howLongBody: "حتى {days}، أو إلى أن تسحب موافقتك.",
    days: "one:يوم واحد|two:يومان|few:{count} أيام|many:{count} يومًا|other:{count} يوم",
    withdrawBody: "يمكنك سحب موافقتك متى شئت بالتواصل مع {recipient}.",
    privacy: "سياسة الخصوصية لدى {recipient}",
  },
  consent: {
    version: "2026-11-30.3",
    introTo: "نيابةً عن {company}، ستشارك بيانات مع {recipient}.",
    heading: "هل توافق على مشاركة هذه البيانات؟",
    intro: "نيابةً عن {company}، ستشارك ما يلي:",
    accept: "أوافق",
    decline: "لا أوافق",
  },
  declined: {
    heading: "رفضتَ المشاركة",
    body: "لم يُشارَك أي شيء. إن غيرت رأيك، فارجع ووافق.",
    back: "الرجوع",
  },
  select: {
    heading: "اختر أين توجد حساباتك",
    search: "بحث",
    results: "zero:لا نتائج|one:نتيجة واحدة|two:نتيجتان|few:{count} نتائج|other:{count} نتيجة",
    none: "لا نتائج مطابقة لبحثك.",
    sandbox: "{integration} (تجريبي)",
  },
  connect: {
    heading: "تسجيل الدخول إلى {integration}",
    fields: { username: "اسم المستخدم", password: "كلمة المرور" },
    submit: "ربط",
    connecting: "جارٍ ربط {integration}…",
    failed: "لم ينجح ذلك.",
    refused: "رفض {integration} بيانات الدخول. تحقق منها وأعد المحاولة.",
  },
  redirect: REDIRECT_WORDS.ar,
  verify: VERIFY_WORDS.ar,
  failure: FAILURE_WORDS.ar,
  embedded: EMBEDDED_WORDS.ar,
  renew: RENEW_WORDS.ar,
  upload: UPLOAD_WORDS.ar,
  review: {
    heading: "حساباتك المرتبطة",
    none: "لم يُربط أي حساب بعد.",
    status: { pending: "قيد التنفيذ", linked: "مرتبط", failed: "تعذر الربط" },
    item: "{integration}: {status}",
    another: "ربط حساب آخر",
    finish: "أفصحت عن جميع حساباتي",
  },
  done: {
    heading: "اكتمل كل شيء",
    body: "شكرًا. تمت مشاركة حساباتك، ويمكنك إغلاق الصفحة.",
    shared: "شكرًا. تمت مشاركة حساباتك لدى {integrations}، ويمكنك إغلاق الصفحة.",
  },
  offline: { heading: "تعذر الاتصال", body: "تحقق من اتصالك بالإنترنت ثم أعد المحاولة." },
  errors: ERROR_WORDS.ar,
};

export default ar;
