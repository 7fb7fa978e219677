import type { Messages } from "./en.ts";

/** German, in the polite `Sie`. Plain data: loaded on demand as `otl-link.de.js`. */
export const de: Messages = {
  lang: "de",
  dir: "ltr",
  loading: "Wird geladen…",
  working: "Wird bearbeitet…",
  back: "Zurück",
  retry: "Erneut versuchen",
  progress: "Schritt {step} von {count}",
  dataKinds: {
    accounts: "Ihre Konten",
    balances: "Kontostände",
    transactions: "Umsätze",
    statements: "Kontoauszüge",
    accounting: "Buchhaltungsdaten",
  },
  landing: {
    heading: "Finanzdaten für {company} freigeben",
    intro: "Sie werden gebeten, Ihre Bank- oder Buchhaltungskonten zu verbinden. Dabei geben Sie Folgendes frei:",
    twoFactor: "Wir senden Ihnen einen {digits}-stelligen Code, um zu bestätigen, dass Sie es sind.",
    expires: "Dieser Link ist gültig bis {time}.",
    start: "Starten",
  },
  recipient: {
    who: "Wer sie erhält",
    what: "Was geteilt wird",
    why: "Wozu",
    howLong: "Wie lange",
    withdraw: "Widerruf",
    howLongBody: "Bis zu {days} oder bis zum Widerruf Ihrer Einwilligung.",
    days: "one:{count} Tag|other:{count} Tage",
    withdrawBody: "Sie können Ihre Einwilligung jederzeit widerrufen, indem Sie sich an {recipient} wenden.",
    privacy: "Datenschutzerklärung von {recipient}",
  },
  verify: {
    heading: "Bestätigen Sie, dass Sie es sind",
    intro: "Geben Sie den {digits}-stelligen Code ein, den wir Ihnen gesendet haben.",
    label: "{digits}-stelliger Code",
    submit: "Bestätigen",
    resend: "Neuen Code senden",
    resent: "Wir haben Ihnen einen neuen Code gesendet.",
  },
  consent: {
    version: "2026-11-30",
    introTo: "Für {company} teilen Sie Daten mit {recipient}.",
    heading: "Sind Sie mit der Freigabe dieser Daten einverstanden?",
    intro: "Sie geben für {company} Folgendes frei:",
    accept: "Ich stimme zu",
    decline: "Nein, nicht freigeben",
  },
  declined: {
    heading: "Sie haben abgelehnt",
    body: "Es wurde nichts freigegeben. Wenn Sie es sich anders überlegen, können Sie zurückgehen und zustimmen.",
    back: "Zurückgehen",
  },
  select: {
    heading: "Wählen Sie, wo Ihre Konten geführt werden",
    search: "Suchen",
    results: "one:{count} Ergebnis|other:{count} Ergebnisse",
    none: "Keine Treffer für Ihre Suche.",
    sandbox: "{integration} (Test)",
  },
  connect: {
    heading: "Bei {integration} anmelden",
    fields: { username: "Benutzername", password: "Passwort" },
    submit: "Verbinden",
    connecting: "Verbinde mit {integration} …",
    failed: "Das hat nicht funktioniert.",
    refused: "{integration} hat diese Anmeldedaten nicht akzeptiert. Bitte prüfen Sie sie und versuchen Sie es erneut.",
    redirect: "Sie melden sich direkt bei {integration} an und kehren dann hierher zurück.",
    goTo: "Weiter zu {integration}",
    again: "Erneut versuchen",
    unavailable: "Eine Verbindung mit {integration} ist auf diesem Weg hier noch nicht möglich. Bitte wählen Sie eine andere.",
  },
  review: {
    heading: "Ihre verbundenen Konten",
    none: "Es ist noch kein Konto verbunden.",
    status: { pending: "In Bearbeitung", linked: "Verbunden", failed: "Fehlgeschlagen" },
    item: "{integration}: {status}",
    another: "Weiteres Konto verbinden",
    finish: "Ich habe alle meine Konten angegeben",
  },
  done: {
    heading: "Fertig",
    body: "Vielen Dank. Ihre Konten sind freigegeben. Sie können diese Seite jetzt schließen.",
    shared: "Vielen Dank. Ihre Konten bei {integrations} sind freigegeben. Sie können diese Seite jetzt schließen.",
  },
  failure: {
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
      body: "Prüfen Sie, ob Sie den vollständigen Link geöffnet haben, oder bitten Sie den Absender um einen neuen.",
    },
    network: { heading: "Keine Verbindung möglich", body: "Prüfen Sie Ihre Internetverbindung und versuchen Sie es dann erneut." },
    session: {
      heading: "Ihre Sitzung ist abgelaufen",
      body: "Zu Ihrer Sicherheit endet eine Sitzung nach einer Weile ohne Aktivität. Jeder Link funktioniert nur einmal: Bitten Sie den Absender um einen neuen Link, um dort weiterzumachen, wo Sie aufgehört haben.",
    },
    problem: { heading: "Etwas ist schiefgelaufen", body: "Das lag nicht an Ihnen. Versuchen Sie es gleich noch einmal." },
  },
  embedded: {
    expired: { heading: "Diese Sitzung ist abgelaufen", body: "Laden Sie die Seite neu, um neu zu beginnen." },
    used: {
      heading: "Diese Sitzung wurde bereits geöffnet",
      body: "Sie wurde schon früher geöffnet, in einem anderen Fenster oder bei einem anderen Besuch. Laden Sie die Seite neu, um neu zu beginnen.",
    },
    superseded: { heading: "Eine neuere Sitzung hat diese ersetzt", body: "Laden Sie die Seite neu, um fortzufahren." },
    revoked: {
      heading: "Diese Sitzung wurde widerrufen",
      body: "Laden Sie die Seite neu, um neu zu beginnen. Wenn das wiederholt passiert, wenden Sie sich an das Unternehmen, das Sie hierher geschickt hat.",
    },
    invalid: {
      heading: "Diese Sitzung konnte nicht geöffnet werden",
      body: "Laden Sie die Seite neu, um neu zu beginnen. Wenn das wiederholt passiert, wenden Sie sich an das Unternehmen, das Sie hierher geschickt hat.",
    },
    session: { heading: "Ihre Sitzung ist abgelaufen", body: "Laden Sie die Seite neu, um dort weiterzumachen, wo Sie aufgehört haben." },
  },
  errors: {
    second_factor_invalid: "Dieser Code ist nicht richtig. Bitte prüfen Sie ihn und versuchen Sie es erneut.",
    second_factor_required: "Geben Sie zuerst den Code ein, den wir Ihnen gesendet haben.",
    validation_failed: "Im Formular stimmt etwas nicht. Bitte prüfen Sie Ihre Angaben und versuchen Sie es erneut.",
    rate_limited: "Zu viele Versuche. Warten Sie einen Moment und versuchen Sie es dann erneut.",
    conflict: "Dieser Schritt hat sich geändert. Laden Sie die Seite neu, um fortzufahren.",
    other: "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
  },
};

export default de;
