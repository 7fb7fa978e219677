import type { EmbeddedWords, FailureWords, RenewWords } from "./en-core.ts";

// The failure screens' words in every shipped language, English included, shipped with those screens
// (`otl-link.failure.js`, src/steps/failure-on-demand.ts) rather than in the bundle and every language
// file: a flow that goes well never shows them. See ./upload-words.ts. The network failure's words
// stay in the bundle (`offline`): a page that cannot reach the server cannot load this file either.

/** The failure section of each catalogue (a link or session that cannot go on), by language. */
export const FAILURE_WORDS = {
  en: {
    expired: { heading: "This link has expired", body: "Links work for a limited time. Ask the sender for a new link." },
    used: { heading: "This link has already been used", body: "Each link works once. Ask the sender for a new link." },
    superseded: { heading: "A newer link replaced this one", body: "Open the most recent link you received." },
    revoked: { heading: "This link was cancelled", body: "Ask the sender for a new link if you still need to share your accounts." },
    invalid: { heading: "This link is not valid", body: "Check that you opened the whole link, or ask the sender for a new one." },
    // A link works once, so "open your link again" would send the customer to a spent link.
    session: {
      heading: "Your session timed out",
      body: "For your safety, a session ends after a while without activity. Ask the sender for a new link to continue where you left off.",
    },
    problem: { heading: "Something went wrong", body: "It was not your fault. Try again in a moment." },
    // Five wrong 2FA codes spent the link: the body says why, and the screen then what to do now
    // ("Send me a new link", or the revoked link's "Ask the sender for a new link…").
    locked: { heading: "Too many wrong codes", body: "For your safety, this link no longer works." },
  },
  fr: {
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
    session: {
      heading: "Votre session a expiré",
      body: "Par sécurité, une session prend fin après un moment d’inactivité. Demandez un nouveau lien à l’expéditeur pour reprendre là où vous en étiez.",
    },
    problem: { heading: "Une erreur s’est produite", body: "Vous n’y êtes pour rien. Réessayez dans un instant." },
    locked: { heading: "Trop de codes erronés", body: "Par sécurité, ce lien ne fonctionne plus." },
  },
  de: {
    expired: {
      heading: "Dieser Link ist abgelaufen",
      body: "Links sind nur begrenzt gültig. Bitten Sie den Absender um einen neuen Link.",
    },
    used: {
      heading: "Dieser Link wurde bereits verwendet",
      body: "Jeder Link funktioniert nur einmal. Bitten Sie den Absender um einen neuen Link.",
    },
    superseded: { heading: "Ein neuerer Link hat diesen ersetzt", body: "Öffnen Sie den zuletzt erhaltenen Link." },
    revoked: {
      heading: "Dieser Link wurde widerrufen",
      body: "Wenn Sie Ihre Konten noch freigeben möchten, bitten Sie den Absender um einen neuen Link.",
    },
    invalid: {
      heading: "Dieser Link ist ungültig",
      body: "Prüfen Sie, ob Sie den ganzen Link geöffnet haben, oder bitten Sie den Absender um einen neuen.",
    },
    session: {
      heading: "Ihre Sitzung ist abgelaufen",
      body: "Zu Ihrer Sicherheit endet eine Sitzung nach längerer Inaktivität. Bitten Sie den Absender um einen neuen Link, um weiterzumachen.",
    },
    problem: { heading: "Etwas ist schiefgelaufen", body: "Das lag nicht an Ihnen. Versuchen Sie es gleich noch einmal." },
    locked: { heading: "Zu viele falsche Codes", body: "Zu Ihrer Sicherheit funktioniert dieser Link nicht mehr." },
  },
  es: {
    expired: {
      heading: "Este enlace ha caducado",
      body: "Los enlaces son válidos durante un tiempo limitado. Pida un enlace nuevo a quien se lo envió.",
    },
    used: {
      heading: "Este enlace ya se ha utilizado",
      body: "Cada enlace funciona una sola vez. Pida un enlace nuevo a quien se lo envió.",
    },
    superseded: { heading: "Un enlace más reciente ha sustituido a este", body: "Abra el último enlace que haya recibido." },
    revoked: {
      heading: "Este enlace se ha cancelado",
      body: "Si aún necesita compartir sus cuentas, pida un enlace nuevo a quien se lo envió.",
    },
    invalid: {
      heading: "Este enlace no es válido",
      body: "Compruebe que ha abierto el enlace completo o pida uno nuevo a quien se lo envió.",
    },
    session: {
      heading: "Su sesión ha caducado",
      body: "Por su seguridad, la sesión finaliza tras un tiempo de inactividad. Pida un enlace nuevo a quien se lo envió para continuar donde lo dejó.",
    },
    problem: { heading: "Se ha producido un error", body: "No es culpa suya. Vuelva a intentarlo en unos instantes." },
    locked: { heading: "Demasiados códigos incorrectos", body: "Por su seguridad, este enlace ya no funciona." },
  },
  nl: {
    expired: { heading: "Deze link is verlopen", body: "Links zijn beperkt geldig. Vraag de afzender om een nieuwe link." },
    used: { heading: "Deze link is al gebruikt", body: "Elke link werkt maar één keer. Vraag de afzender om een nieuwe link." },
    superseded: { heading: "Deze link is vervangen door een nieuwere", body: "Open de meest recente link die u hebt ontvangen." },
    revoked: { heading: "Deze link is ingetrokken", body: "Vraag de afzender om een nieuwe link als u uw rekeningen nog wilt delen." },
    invalid: {
      heading: "Deze link is ongeldig",
      body: "Controleer of u de volledige link hebt geopend, of vraag de afzender om een nieuwe.",
    },
    session: {
      heading: "Uw sessie is verlopen",
      body: "Voor uw veiligheid stopt een sessie na een tijdje zonder activiteit. Elke link werkt maar één keer: vraag de afzender om een nieuwe link om verder te gaan waar u was gebleven.",
    },
    problem: { heading: "Er is iets misgegaan", body: "Dat ligt niet aan u. Probeer het zo meteen opnieuw." },
    locked: { heading: "Te veel onjuiste codes", body: "Voor uw veiligheid werkt deze link niet meer." },
  },
  pt: {
    expired: { heading: "Este link expirou", body: "Os links são válidos por tempo limitado. Peça um novo link a quem o enviou." },
    used: { heading: "Este link já foi usado", body: "Cada link funciona uma única vez. Peça um novo link a quem o enviou." },
    superseded: { heading: "Um link mais recente substituiu este", body: "Abra o link mais recente que recebeu." },
    revoked: { heading: "Este link foi cancelado", body: "Se ainda precisar compartilhar suas contas, peça um novo link a quem o enviou." },
    invalid: { heading: "Este link não é válido", body: "Verifique se abriu o link completo ou peça um novo a quem o enviou." },
    session: {
      heading: "Sua sessão expirou",
      body: "Para sua segurança, a sessão termina após um período sem atividade. Cada link funciona uma única vez: peça um novo link a quem o enviou para continuar de onde parou.",
    },
    problem: { heading: "Algo deu errado", body: "A culpa não foi sua. Tente novamente daqui a pouco." },
    locked: { heading: "Muitos códigos incorretos", body: "Por segurança, este link não funciona mais." },
  },
  ar: {
    expired: { heading: "انتهت صلاحية هذا الرابط", body: "اطلب رابطًا جديدًا من المرسِل." },
    used: { heading: "سبق استخدام هذا الرابط", body: "يعمل كل رابط مرة واحدة فقط. اطلب رابطًا جديدًا من المرسِل." },
    superseded: { heading: "استُبدل هذا الرابط برابط أحدث", body: "افتح أحدث رابط وصلك." },
    revoked: { heading: "أُلغي هذا الرابط", body: "اطلب رابطًا جديدًا من المرسِل إن كنت لا تزال تريد المشاركة." },
    invalid: { heading: "هذا الرابط غير صالح", body: "تأكد من فتح الرابط كاملًا، أو اطلب رابطًا جديدًا من المرسِل." },
    session: {
      heading: "انتهت مهلة جلستك",
      body: "لأمانك، تنتهي الجلسة بعد فترة خمول. اطلب رابطًا جديدًا من المرسِل لتتابع من حيث توقفت.",
    },
    problem: { heading: "حدث خطأ ما", body: "ليس الخطأ منك. أعد المحاولة بعد قليل." },
    locked: { heading: "أُدخلت رموز خاطئة مرات كثيرة", body: "حفاظًا على أمانك، لم يعد هذا الرابط صالحًا." },
  },
} as const satisfies Readonly<Record<string, FailureWords>>;

/** The embedded section of each catalogue (the same failures on a host's page with an access token), by language. */
export const EMBEDDED_WORDS = {
  /**
   * The same failures when the element was given an access token by the host's own page: the
   * customer never saw a link, so these speak of the session on this page, and reloading it asks
   * the host for a fresh token.
   */
  en: {
    expired: { heading: "This session has expired", body: "Reload the page to start again." },
    used: {
      heading: "This session was already opened",
      body: "It was opened earlier, in another window or visit. Reload the page to start again.",
    },
    superseded: { heading: "This session was replaced by a newer one", body: "Reload the page to continue." },
    revoked: {
      heading: "This session was cancelled",
      body: "Reload the page to start again. If this keeps happening, contact the company that sent you here.",
    },
    invalid: {
      heading: "This session could not be opened",
      body: "Reload the page to start again. If this keeps happening, contact the company that sent you here.",
    },
    session: { heading: "Your session timed out", body: "Reload the page to continue where you left off." },
  },
  fr: {
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
  de: {
    expired: { heading: "Diese Sitzung ist abgelaufen", body: "Laden Sie die Seite neu, um neu zu beginnen." },
    used: {
      heading: "Diese Sitzung wurde bereits geöffnet",
      body: "Sie wurde in einem anderen Fenster oder bei einem früheren Besuch geöffnet. Laden Sie die Seite neu, um neu zu beginnen.",
    },
    superseded: { heading: "Eine neuere Sitzung hat diese ersetzt", body: "Laden Sie die Seite neu, um fortzufahren." },
    revoked: {
      heading: "Diese Sitzung wurde widerrufen",
      body: "Laden Sie die Seite neu, um neu zu beginnen. Passiert das erneut, wenden Sie sich an das Unternehmen, das Sie hierher geschickt hat.",
    },
    invalid: {
      heading: "Diese Sitzung konnte nicht geöffnet werden",
      body: "Laden Sie die Seite neu, um neu zu beginnen. Passiert das erneut, wenden Sie sich an das Unternehmen, das Sie hierher geschickt hat.",
    },
    session: { heading: "Ihre Sitzung ist abgelaufen", body: "Laden Sie die Seite neu, um weiterzumachen." },
  },
  es: {
    expired: { heading: "Esta sesión ha caducado", body: "Vuelva a cargar la página para empezar de nuevo." },
    used: {
      heading: "Esta sesión ya se abrió",
      body: "Se abrió antes, en otra ventana o en otra visita. Vuelva a cargar la página para empezar de nuevo.",
    },
    superseded: { heading: "Una sesión más reciente ha sustituido a esta", body: "Vuelva a cargar la página para continuar." },
    revoked: {
      heading: "Esta sesión se ha cancelado",
      body: "Vuelva a cargar la página para empezar de nuevo. Si vuelve a ocurrir, póngase en contacto con la empresa que le trajo hasta aquí.",
    },
    invalid: {
      heading: "No se ha podido abrir esta sesión",
      body: "Vuelva a cargar la página para empezar de nuevo. Si vuelve a ocurrir, póngase en contacto con la empresa que le trajo hasta aquí.",
    },
    session: { heading: "Su sesión ha caducado", body: "Vuelva a cargar la página para continuar donde lo dejó." },
  },
  nl: {
    expired: { heading: "Deze sessie is verlopen", body: "Laad de pagina opnieuw om opnieuw te beginnen." },
    used: {
      heading: "Deze sessie is al geopend",
      body: "Ze is eerder geopend, in een ander venster of bij een eerder bezoek. Laad de pagina opnieuw om opnieuw te beginnen.",
    },
    superseded: { heading: "Deze sessie is vervangen door een nieuwere", body: "Laad de pagina opnieuw om verder te gaan." },
    revoked: {
      heading: "Deze sessie is ingetrokken",
      body: "Laad de pagina opnieuw om opnieuw te beginnen. Blijft dit gebeuren? Neem dan contact op met het bedrijf dat u hierheen heeft gestuurd.",
    },
    invalid: {
      heading: "Deze sessie kon niet worden geopend",
      body: "Laad de pagina opnieuw om opnieuw te beginnen. Blijft dit gebeuren? Neem dan contact op met het bedrijf dat u hierheen heeft gestuurd.",
    },
    session: { heading: "Uw sessie is verlopen", body: "Laad de pagina opnieuw om verder te gaan waar u was gebleven." },
  },
  pt: {
    expired: { heading: "Esta sessão expirou", body: "Recarregue a página para começar de novo." },
    used: {
      heading: "Esta sessão já foi aberta",
      body: "Ela foi aberta antes, em outra janela ou visita. Recarregue a página para começar de novo.",
    },
    superseded: { heading: "Uma sessão mais recente substituiu esta", body: "Recarregue a página para continuar." },
    revoked: {
      heading: "Esta sessão foi cancelada",
      body: "Recarregue a página para começar de novo. Se isso continuar acontecendo, entre em contato com a empresa responsável por esta solicitação.",
    },
    invalid: {
      heading: "Não foi possível abrir esta sessão",
      body: "Recarregue a página para começar de novo. Se isso continuar acontecendo, entre em contato com a empresa responsável por esta solicitação.",
    },
    session: { heading: "Sua sessão expirou", body: "Recarregue a página para continuar de onde parou." },
  },
  ar: {
    expired: { heading: "انتهت صلاحية هذه الجلسة", body: "أعد تحميل الصفحة للبدء من جديد." },
    used: { heading: "سبق فتح هذه الجلسة", body: "فُتحت في نافذة أو زيارة أخرى. أعد تحميل الصفحة للبدء من جديد." },
    superseded: { heading: "استُبدلت هذه الجلسة بجلسة أحدث", body: "أعد تحميل الصفحة للمتابعة." },
    revoked: { heading: "أُلغيت هذه الجلسة", body: "أعد تحميل الصفحة للبدء من جديد. وإن تكرر ذلك، فتواصل مع الشركة التي أرسلتك." },
    invalid: {
      heading: "تعذر فتح هذه الجلسة",
      body: "أعد تحميل الصفحة للبدء من جديد. وإن تكرر ذلك، فتواصل مع الشركة التي أرسلتك.",
    },
    session: { heading: "انتهت مهلة جلستك", body: "أعد تحميل الصفحة لتتابع من حيث توقفت." },
  },
} as const satisfies Readonly<Record<string, EmbeddedWords>>;

/** The renew section of each catalogue ("Send me a new link"), by language. */
export const RENEW_WORDS = {
  /** "Send me a new link" on a spent link's screens; the server answers the same whatever it did. */
  en: {
    button: "Send me a new link",
    /** The failure's body beside the button: no "ask the sender" when the screen itself sends one. */
    body: "We can send a new link to the contact we have on file.",
    sent: "If we can, a new link is on its way to the contact we have on file.",
  },
  fr: {
    button: "M’envoyer un nouveau lien",
    body: "Nous pouvons envoyer un nouveau lien à vos coordonnées enregistrées, pour reprendre là où vous en étiez.",
    sent: "Si c’est possible, un nouveau lien est en route vers vos coordonnées enregistrées.",
  },
  de: {
    button: "Neuen Link anfordern",
    body: "Wir können einen neuen Link an Ihre hinterlegten Kontaktdaten senden, damit Sie weitermachen können.",
    sent: "Falls möglich, ist ein neuer Link an Ihre hinterlegten Kontaktdaten unterwegs.",
  },
  es: {
    button: "Enviarme un enlace nuevo",
    body: "Podemos enviarle un enlace nuevo a sus datos de contacto registrados para que continúe donde lo dejó.",
    sent: "Si es posible, le enviaremos un enlace nuevo a sus datos de contacto registrados.",
  },
  nl: {
    button: "Stuur mij een nieuwe link",
    body: "We kunnen een nieuwe link naar uw bekende contactgegevens sturen, zodat u verdergaat waar u was gebleven.",
    sent: "Als dat kan, is er een nieuwe link onderweg naar uw bekende contactgegevens.",
  },
  pt: {
    button: "Receber um novo link",
    body: "Podemos enviar um novo link para o contato cadastrado, para continuar de onde parou.",
    sent: "Se possível, um novo link está a caminho do contato cadastrado.",
  },
  ar: {
    button: "اطلب رابطًا جديدًا",
    body: "يمكننا إرسال رابط جديد إلى وسيلة الاتصال المسجلة لدينا.",
    sent: "إن أمكن، فرابط جديد في طريقه إليك.",
  },
} as const satisfies Readonly<Record<string, RenewWords>>;
