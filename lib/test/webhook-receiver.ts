import http from "node:http";
import type { AddressInfo } from "node:net";

export type TReceived = { headers: http.IncomingHttpHeaders; body: string; at: number };

/**
 * A real HTTP receiver on a random port of 127.0.0.1 (a practice's system, in tests and the
 * bench): every request is kept; `mode` says how it answers: "up" 200, "error" 503, "slow"
 * answers after `slowMs`, "hang" never answers. `stop()` closes it (connections refused) and
 * `start()` opens it again on the same port.
 */
export const startReceiver = async ({ port = 0 }: { port?: number } = {}) => {
  const received: TReceived[] = [];
  const state = { mode: "up" as "up" | "error" | "slow" | "hang", slowMs: 1000, onRequest: () => {} };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      received.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      });
      state.onRequest();
      if (state.mode === "hang") return;
      const answer = () => {
        if (state.mode === "error")
          response.writeHead(503, { "Content-Type": "text/plain" }).end("down for maintenance");
        else response.writeHead(200, { "Content-Type": "application/json" }).end('{"ok":true}');
      };
      if (state.mode === "slow") setTimeout(answer, state.slowMs);
      else answer();
    });
  });
  const listen = (p: number) => new Promise<void>((resolve) => server.listen(p, "127.0.0.1", resolve));
  await listen(port);
  const actualPort = (server.address() as AddressInfo).port;
  return {
    received,
    state,
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}/portal-events`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    start: () => listen(actualPort),
  };
};
