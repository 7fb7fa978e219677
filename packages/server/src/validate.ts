import { type FieldError, MAX_BODY_BYTES } from "@otl/protocol";
import type { Context } from "hono";
import { en } from "zod/locales";
import * as z from "zod/mini";
import { validationProblem } from "./problem.ts";

// zod/mini ships no messages by default (it keeps browser bundles small); the server wants real words.
z.config(en());

function fieldErrors(error: z.core.$ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const path = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: path ? `${path}.${key}` : key, message: "is not a known field" }));
    }
    if (issue.code === "invalid_type" && issue.input === undefined) {
      return [{ field: path, message: "is required" }];
    }
    return [{ field: path, message: issue.message }];
  });
}

/** Checks a value with a protocol schema, or throws a 400 naming each bad field. */
export function parseWith<T extends z.ZodMiniType>(schema: T, value: unknown): z.infer<T> {
  const result = z.safeParse(schema, value);
  if (!result.success) throw validationProblem(fieldErrors(result.error));
  return result.data;
}

/** Reads a JSON body (its size already capped by the app's body limit) and checks it with a protocol schema. */
export async function readBody<T extends z.ZodMiniType>(c: Context, schema: T): Promise<z.infer<T>> {
  // Requiring JSON also makes every cross-origin call a CORS preflight, so only allowed origins get through.
  const type = c.req.header("content-type") ?? "";
  const raw = await c.req.text();
  if (raw !== "" && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw validationProblem([{ field: "", message: "Send the body as Content-Type: application/json" }]);
  }
  let json: unknown;
  try {
    json = raw === "" ? {} : JSON.parse(raw);
  } catch {
    throw validationProblem([{ field: "", message: "The body is not valid JSON" }]);
  }
  return parseWith(schema, json);
}

/** The 400 for a body over the 64 KiB limit. */
export function bodyTooLarge() {
  return validationProblem([{ field: "", message: `The body is larger than ${MAX_BODY_BYTES} bytes` }]);
}
