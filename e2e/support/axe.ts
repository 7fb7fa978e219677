import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Scans `<otl-link>` as it is on screen now with axe (which walks its open shadow root), and fails
 * with one readable line per violation: rule, impact, help, and the nodes it found.
 */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include("otl-link").analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => JSON.stringify(node.target)).join(", ")}`,
  );
  expect(violations, `axe violations on the ${screen} screen`).toEqual([]);
  // A scan that found nothing to check would pass anything.
  expect(results.passes.length, `axe checked something on the ${screen} screen`).toBeGreaterThan(0);
}
