import "server-only";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { answerMetricsRequest } from "@/lib/metrics/endpoint";
import { log } from "@/lib/log";

/**
 * A small HTTP server for a process with no web server of its own (`npm run worker`): `GET
 * /metrics` answers exactly as the portal's /api/metrics does (METRICS_TOKEN, the same registry
 * of this process), anything else 404. Resolves once it listens.
 */
export const serveMetrics = async ({ port, host }: { port: number; host?: string }) => {
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://metrics.invalid").pathname;
    if (req.method !== "GET" || pathname !== "/metrics") {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
      res.end("Not found\n");
      return;
    }
    const headers = new Headers();
    if (req.headers.authorization) headers.set("authorization", req.headers.authorization);
    answerMetricsRequest(new Request("http://metrics.invalid/metrics", { headers }))
      .then(async (answer) => {
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(await answer.text());
      })
      .catch((error: unknown) => {
        log.error({ err: error }, "[metrics] scrape failed");
        if (!res.headersSent) res.writeHead(500, { "Cache-Control": "no-store" });
        res.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
