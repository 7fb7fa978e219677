import { fill, list } from "../locales/fill.ts";
import { type StepTemplate, text } from "./view.ts";

/** The flow is finished: where the shared accounts are, named in one phrase of the customer's language. */
export const doneStep: StepTemplate = ({ t, state }) => {
  const linked = (state.flow?.connections ?? []).filter((connection) => connection.status === "linked");
  const names = [...new Set(linked.map((connection) => connection.integrationName))];
  return {
    title: t.done.heading,
    body: text(names.length ? fill(t.done.shared, { integrations: list(names, t.lang) }, t.lang) : t.done.body),
  };
};
