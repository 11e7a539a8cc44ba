#!/usr/bin/env node
// The portal's production server: Next's request handler behind a plain Node HTTP server,
// so that the client IP the app sees (for lockouts and the audit log) cannot be forged.
// Next fills X-Forwarded-For with the socket address only when the request has none; a
// client could otherwise send its own. Unless TRUST_PROXY=true (a proxy of ours sets the
// header), forwarding headers from the client are dropped first.
import http from "node:http";
import path from "node:path";
import next from "next";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const trustProxy = process.env.TRUST_PROXY === "true";

const app = next({ dev: false, dir: root, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  if (!trustProxy) {
    delete req.headers["x-forwarded-for"];
    delete req.headers["x-real-ip"];
    req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  }
  void handle(req, res);
});
server.listen(port, () => console.log(`✓ Ready on port ${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
