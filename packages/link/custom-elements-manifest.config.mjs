/** The custom-elements manifest: read from the sources' JSDoc (`@attr`, `@event`, `@csspart`, `@cssproperty`). */
export default {
  globs: ["src/**/*.ts"],
  exclude: ["src/**/*.test.ts"],
  outdir: "dist",
  litelement: true,
};
