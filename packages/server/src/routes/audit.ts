import { AuditQuery, NDJSON_CONTENT_TYPE } from "@otl/protocol";
import { Hono } from "hono";
import { answerJson } from "../answer-frame.ts";
import type { OtlContext } from "../context.ts";
import { exportAudit, readAuditPage } from "../domain/audit.ts";
import { adminAuth } from "../middleware/admin-auth.ts";
import { parseWith } from "../validate.ts";
import { auditView } from "../views.ts";

/** `GET /v1/audit`: the audit log for the host, a page at a time as JSON, or every match as NDJSON. */
export function auditRoutes(ctx: OtlContext): Hono {
  const app = new Hono();
  app.use("/v1/audit", adminAuth(ctx));

  app.get("/v1/audit", async (c) => {
    const query = parseWith(AuditQuery, c.req.query());
    if (!wantsNdjson(c.req.header("accept"))) {
      const page = await readAuditPage(ctx, query);
      return answerJson(c, { items: page.records.map(auditView), nextCursor: page.nextCursor });
    }
    const records = exportAudit(ctx, query);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      // Pulled as the client reads, so a slow reader holds back the store reads instead of filling memory.
      async pull(controller) {
        const next = await records.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(`${JSON.stringify(auditView(next.value))}\n`));
      },
      async cancel() {
        await records.return(undefined);
      },
    });
    return new Response(body, { headers: { "content-type": NDJSON_CONTENT_TYPE } });
  });

  return app;
}

/** Whether the client asked for the NDJSON export (`Accept: application/x-ndjson`) rather than a JSON page. */
function wantsNdjson(accept: string | undefined): boolean {
  return accept?.toLowerCase().includes(NDJSON_CONTENT_TYPE) ?? false;
}
