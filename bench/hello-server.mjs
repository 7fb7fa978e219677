// The ladder's first rung: node:http answering every request with a small JSON body, after reading the
// request body (as every other rung must). Its CPU per request is the cost of HTTP itself on this machine.
import { createServer } from "node:http";

const BODY = JSON.stringify({ hello: "world" });

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(BODY) });
    res.end(BODY);
  });
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`hello-server listening on http://127.0.0.1:${server.address().port}\n`);
});
process.once("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
