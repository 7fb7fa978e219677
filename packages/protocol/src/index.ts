export * from "./admin.ts";
export * from "./errors.ts";
export * from "./events.ts";
export * from "./files.ts";
export * from "./ids.ts";
export * from "./lifetimes.ts";
export * from "./public.ts";
export * from "./text.ts";
