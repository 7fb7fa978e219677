import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The self-contained `<otl-link>` bundle that `@otl/link` publishes, read once from that package
 * so the server always serves the very file the size budget measures.
 */
export class ElementBundle {
  #source: string | null | undefined;

  /** The bundle's text, or null when `@otl/link` is not built (or not installed). */
  read(): string | null {
    if (this.#source) return this.#source;
    try {
      this.#source = readFileSync(fileURLToPath(import.meta.resolve("@otl/link/otl-link.js")), "utf8");
    } catch {
      // Not built yet: answer 404 now, look again on the next request.
      return null;
    }
    return this.#source;
  }
}
