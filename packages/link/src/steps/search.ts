import type { Integration } from "@otl/protocol/browser";

// The select screen's search: what a customer types ("westpac", "xero books", "societe") should find
// the integration whatever its case or accents, and names that start with the words come first.

/** Lower case without accents, so "Société" is found by "societe". */
function fold(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * The integrations matching every word of `query` in their name, key or category, best first:
 * those whose name has a word starting with each query word, then the others, each in list order.
 */
export function searchIntegrations(items: readonly Integration[], query: string): Integration[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  const prefix: Integration[] = [];
  const inside: Integration[] = [];
  for (const item of items) {
    const name = fold(item.name);
    const haystack = `${name} ${item.key.replace(/-/g, " ")} ${item.category}`;
    if (!words.every((word) => haystack.includes(word))) continue;
    const nameWords = name.split(/[\s-]+/);
    (words.every((word) => nameWords.some((part) => part.startsWith(word))) ? prefix : inside).push(item);
  }
  return [...prefix, ...inside];
}
