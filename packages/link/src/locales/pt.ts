import type { Messages } from "./en.ts";
import { ERROR_WORDS } from "./error-words.ts";
import { EMBEDDED_WORDS, FAILURE_WORDS, RENEW_WORDS } from "./failure-words.ts";
import { REDIRECT_WORDS } from "./redirect-words.ts";
import { UPLOAD_WORDS } from "./upload-words.ts";
import { VERIFY_WORDS } from "./verify-words.ts";

/**
 * Portuguese in Brazilian wording (pt-BR: "usuário", "senha", "extratos"), polite and without "você"
 * where a sentence can do without it, so readers in Portugal find it natural too. Plain data: loaded
 * on demand as `otl-link.pt.js`.
 */
export const pt: Messages = {
  lang: "pt",
  dir: "ltr",
  loading: "Carregando…",
  back: "Voltar",
  retry: "Tentar novamente",
  progress: "Etapa {step} de {count}",
  dataKinds: {
    accounts: "Suas contas",
    balances: "Saldos",
    transactions: "Movimentações",
    statements: "Extratos",
    accounting: "Registros contábeis",
  },
  landing: {
    heading: "Compartilhar os dados financeiros de {company}",
    intro: "Conecte suas contas bancárias ou contábeis para compartilhar:",
    twoFactor: "Enviaremos um código de {digits} dígitos para confirmar sua identidade.",
    expires: "Este link é válido até {time}.",
    start: "Começar",
  },
  recipient: {
    who: "Quem os recebe",
    what: "O que é compartilhado",
    why: "Para quê",
    howLong: "Por quanto tempo",
    withdraw: "Como revogar",
    howLongBody: "Até {days}, ou até você revogar o consentimento.",
    days: "one:{count} dia|other:{count} dias",
    withdrawBody: "Você pode revogar o seu consentimento a qualquer momento entrando em contato com {recipient}.",
    privacy: "Política de privacidade de {recipient}",
  },
  consent: {
    version: "2026-11-30.2",
    introTo: "Para {company}, você vai compartilhar dados com {recipient}.",
    heading: "Concorda em compartilhar estes dados?",
    intro: "Para {company}, serão compartilhados:",
    accept: "Concordo",
    decline: "Não compartilhar",
  },
  declined: {
    heading: "Compartilhamento recusado",
    body: "Nada foi compartilhado. Se mudar de ideia, pode voltar e concordar.",
    back: "Voltar",
  },
  select: {
    heading: "Escolha onde estão suas contas",
    search: "Pesquisar",
    results: "one:{count} resultado|other:{count} resultados",
    none: "Nenhum resultado para a sua pesquisa.",
    sandbox: "{integration} (teste)",
  },
  connect: {
    heading: "Entrar em {integration}",
    fields: { username: "Usuário", password: "Senha" },
    submit: "Conectar",
    connecting: "Conectando a {integration}…",
    failed: "Não funcionou.",
    refused: "{integration} não aceitou esses dados de acesso. Verifique-os e tente novamente.",
  },
  redirect: REDIRECT_WORDS.pt,
  verify: VERIFY_WORDS.pt,
  failure: FAILURE_WORDS.pt,
  embedded: EMBEDDED_WORDS.pt,
  renew: RENEW_WORDS.pt,
  upload: UPLOAD_WORDS.pt,
  review: {
    heading: "Suas contas conectadas",
    none: "Nenhuma conta conectada ainda.",
    status: { pending: "Em andamento", linked: "Conectada", failed: "Falhou" },
    item: "{integration}: {status}",
    another: "Conectar outra conta",
    finish: "Informei todas as minhas contas",
  },
  done: {
    heading: "Tudo pronto",
    body: "Obrigado. Suas contas foram compartilhadas. Já pode fechar esta página.",
    shared: "Obrigado. Suas contas em {integrations} foram compartilhadas. Já pode fechar esta página.",
  },
  offline: { heading: "Não foi possível conectar", body: "Verifique sua conexão com a internet e tente novamente." },
  errors: ERROR_WORDS.pt,
};

export default pt;
