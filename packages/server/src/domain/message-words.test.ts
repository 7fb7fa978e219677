import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { linkEmail, linkSms } from "./delivery-message.ts";
import { fillWords, type MessageWords, messageWords } from "./message-words.ts";
import { codeEmail, codeSms } from "./second-factor-message.ts";

const LANGUAGES = ["en", "fr", "de", "es", "nl", "pt", "ar"];
const placeholders = (value: string) => [...value.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("the words of the messages a company is sent", () => {
  it("exist in every language the element speaks, each string with English's placeholders", () => {
    const en = messageWords("en");
    for (const lang of LANGUAGES) {
      const words = messageWords(lang);
      assert.equal(words.lang, lang);
      for (const key of Object.keys(en) as (keyof MessageWords)[]) {
        if (typeof en[key] !== "string" || key === "lang" || key === "dir") continue;
        assert.deepEqual(placeholders(words[key] as string), placeholders(en[key] as string), `${lang}.${key}`);
      }
      assert.deepEqual(Object.keys(words.data).sort(), Object.keys(en.data).sort(), `${lang}.data`);
    }
  });

  it("follow the company's locale: its language if shipped (fr-CA → fr), else English", () => {
    assert.equal(messageWords("fr-CA").lang, "fr");
    assert.equal(messageWords("AR").lang, "ar");
    assert.equal(messageWords("sv").lang, "en");
    assert.equal(messageWords(null).lang, "en");
    assert.equal(fillWords("{a} and {b}", { a: 1 }), "1 and {b}");
  });

  it("write a link's e-mail and SMS in that language, dates in its own tag, nothing left unfilled", () => {
    const facts = {
      companyName: "Acme Pty Ltd",
      dataShared: ["accounts", "balances"] as const,
      url: "https://otl.example.test/company/co_1?link.otp=abc",
      expiresAt: Date.parse("2026-03-02T12:00:00Z"),
    };
    const fr = linkEmail("a@example.test", { ...facts, locale: "fr-CA" });
    assert.equal(fr.subject, "Acme Pty Ltd : votre lien sécurisé pour partager vos comptes et soldes");
    assert.match(fr.text, /expire le 2 mars 2026 .*12 h 00 UTC/);
    assert.match(fr.html, /<html lang="fr" dir="ltr">/);
    const ar = linkEmail("a@example.test", { ...facts, locale: "ar" });
    assert.match(ar.html, /<html lang="ar" dir="rtl">/);
    assert.ok(ar.text.includes(facts.url), "the URL whole");
    for (const lang of LANGUAGES) {
      const mail = linkEmail("a@example.test", { ...facts, locale: lang });
      const sms = linkSms("+61400000000", { ...facts, locale: lang });
      for (const part of [mail.subject, mail.text, mail.html, sms.body]) assert.doesNotMatch(part, /\{\w+\}/, `${lang}: ${part}`);
      assert.ok(sms.body.includes(facts.url), lang);
    }
  });

  it("write a 2FA code's e-mail and SMS in that language, the code in both parts", () => {
    for (const lang of LANGUAGES) {
      const facts = { companyName: "Acme", code: "042917", minutes: 10, locale: lang };
      const mail = codeEmail("a@example.test", facts);
      assert.ok(mail.text.includes("042917") && mail.html.includes("<strong>042917</strong>"), lang);
      assert.ok(codeSms("+61400000000", facts).body.startsWith("042917 "), `${lang}: the code leads the SMS`);
      for (const part of [mail.subject, mail.text, mail.html]) assert.doesNotMatch(part, /\{\w+\}/, `${lang}: ${part}`);
    }
    assert.equal(
      codeEmail("a@example.test", { companyName: "Acme", code: "1", minutes: 10, locale: "de" }).subject,
      "Ihr Bestätigungscode für Acme",
    );
  });
});
