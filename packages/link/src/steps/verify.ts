import { html, nothing } from "lit";
import { fill } from "../locales/fill.ts";
import { actions, button, errorLine, type StepTemplate, text } from "./view.ts";

/** The 6-digit code of a link that asks for a second factor. */
export const verifyStep: StepTemplate = (view) => {
  const { t, state } = view;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    view.flow.verify(String(new FormData(event.target as HTMLFormElement).get("code") ?? "").trim());
  };
  return {
    title: t.verify.heading,
    notice: state.resent ? t.verify.resent : null,
    body: html`${text(fill(t.verify.intro, { digits: 6 }, t.lang))}
      <form part="form" @submit=${submit}>
        <label part="label" for="code">${fill(t.verify.label, { digits: 6 }, t.lang)}</label>
        <input part="input" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required aria-describedby=${state.error ? "error" : nothing} />
        ${errorLine(view)}${state.resent ? text(t.verify.resent) : ""}
        ${actions(
          button(view, t.verify.submit, null, true),
          button(view, t.verify.resend, () => view.flow.resend()),
        )}
      </form>`,
  };
};
