/**
 * The custom-elements manifest: read from the sources' JSDoc (`@attr`, `@event`, `@csspart`,
 * `@cssproperty`) and, through cem's `litelement` plugin, from `static properties` (each attribute
 * with its property): the element's own base (src/element-base.ts) takes Lit's shape of that table.
 * `src/manifest.test.ts` checks the result lists all of it.
 */
export default {
  globs: ["src/**/*.ts"],
  exclude: ["src/**/*.test.ts"],
  outdir: "dist",
  litelement: true,
};
