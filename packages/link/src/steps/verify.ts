import { html, nothing } from "lit-html";
import { resend, verify } from "../flow/verify-actions.ts";
import { fill } from "../locales/fill.ts";
import { isolate } from "../locales/isolate.ts";
import { addWords } from "../locales/step-words.ts";
import { VERIFY_WORDS } from "../locales/verify-words.ts";
import { actions, button, errorLine, type StepTemplate, text } from "./view.ts";

// The language files leave this step's words out (../locales/wire.ts): loading the step brings them.
addWords("verify", VERIFY_WORDS);

/**
 * The 6-digit code of a link that asks for a second factor: where it went (masked), one field the
 * phone can fill from the message (`autocomplete="one-time-code"`, digits keypad), a whole code pasted
 * at once ("Your code: 123 456") is sent as it lands, and "Send a new code" counts down the seconds
 * until the server would take it (`verification.resendAt`, on the server's clock).
 */
export const verifyStep: StepTemplate = (view) => {
  const { t, state, flow } = view;
  const verification = state.flow?.verification;
  const send = (code: string) => verify(flow, code.replace(/\D/g, ""));
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    send(String(new FormData(event.target as HTMLFormElement).get("code")));
  };
  const paste = (event: ClipboardEvent) => {
    const code = event.clipboardData?.getData("text").replace(/\D/g, "") ?? "";
    if (code.length !== 6) return;
    event.preventDefault();
    (event.target as HTMLInputElement).value = code;
    send(code);
  };
  // On the server's clock: a browser clock minutes off would otherwise open the resend at once, or
  // never. That clock is known to ±0.5 s (`Date` is a whole second), so the count is rounded: a
  // 30 s wait reads 30, not 31.
  // A refused send (`Retry-After`) is counted down by `button` itself: only one count at a time.
  const wait = flow.wait(true) > 0 ? 0 : Math.round((Date.parse(verification?.resendAt ?? "") - Date.now() - flow.skew) / 1000);
  if (wait > 0) flow.updateIn(1000);
  return {
    title: t.verify.heading,
    notice: state.resent ? t.verify.resent : null,
    body: html`${text(fill(t.verify.intro, { digits: 6, to: isolate(verification?.to ?? "") }, t.lang))}
      <form part="form" @submit=${submit}>
        <label part="label" for="code">${fill(t.verify.label, { digits: 6 }, t.lang)}</label>
        <input part="input" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required aria-describedby=${state.error ? "error" : nothing} @paste=${paste} />
        ${errorLine(view, undefined, true)}${state.resent ? text(t.verify.resent) : ""}
        ${actions(
          button(view, t.verify.submit, null, true),
          button(
            view,
            wait > 0 ? `${t.verify.resend} (${new Intl.NumberFormat(t.lang).format(wait)})` : t.verify.resend,
            () => resend(flow),
            false,
            wait > 0,
            true,
          ),
        )}
      </form>`,
  };
};
