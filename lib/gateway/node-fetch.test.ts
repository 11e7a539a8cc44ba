import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeFetch } from "@/lib/gateway/node-fetch";

describe("nodeFetch (the gateway client's requests)", () => {
  const sockets = new Set<unknown>();
  const seen: { method: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    sockets.add(req.socket);
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", headers: req.headers, body });
      if (req.url === "/slow") return; // never answers
      if (req.url === "/missing") {
        res
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ error: { code: "nope" } }));
        return;
      }
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ echo: body, ñ: "señal" }));
    });
  });
  let base: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("sends the method, headers and body, and reads a JSON answer whole (UTF-8 included)", async () => {
    const body = JSON.stringify({ amount_cents: 1250 });
    const answer = await nodeFetch(new URL("/v1/payments", base), {
      method: "POST",
      headers: { authorization: "Bearer sk_test", "content-type": "application/json" },
      body,
    });
    expect(answer).toMatchObject({ ok: true, status: 200 });
    await expect(answer.json()).resolves.toEqual({ echo: body, ñ: "señal" });
    expect(seen.at(-1)).toMatchObject({
      method: "POST",
      body,
      headers: expect.objectContaining({
        authorization: "Bearer sk_test",
        "content-length": String(body.length),
      }),
    });
  });

  it("answers a refusal as not ok, with its status and body", async () => {
    const answer = await nodeFetch(new URL("/missing", base), { method: "GET", headers: {} });
    expect(answer).toMatchObject({ ok: false, status: 404 });
    await expect(answer.json()).resolves.toEqual({ error: { code: "nope" } });
  });

  it("keeps the connection for the next request, as fetch does", async () => {
    const before = sockets.size;
    for (let i = 0; i < 5; i++) await nodeFetch(new URL("/", base), { method: "GET", headers: {} });
    expect(sockets.size - before).toBeLessThanOrEqual(1);
  });

  it("does not reuse a connection idle for 4 s, which the gateway's balancer may be closing: a charge after a quiet spell is not reset", async () => {
    // Like a load balancer whose idle timeout ended as the next request arrived: the request is
    // reset, unanswered. A connection this old must not be used at all.
    const answeredAt = new WeakMap<object, number>();
    const balancer = http.createServer((req, res) => {
      const last = answeredAt.get(req.socket);
      if (last !== undefined && Date.now() - last > 4_200) return req.socket.resetAndDestroy();
      const answer = () =>
        res.end(JSON.stringify({ ok: true }), () => answeredAt.set(req.socket, Date.now()));
      if (req.url === "/v1/slow") setTimeout(answer, 4_500);
      else answer();
    });
    balancer.keepAliveTimeout = 60_000;
    let connections = 0;
    balancer.on("connection", () => (connections += 1));
    await new Promise<void>((resolve) => balancer.listen(0, "127.0.0.1", resolve));
    const url = new URL(`http://127.0.0.1:${(balancer.address() as AddressInfo).port}/v1/payments`);
    const charge = () => nodeFetch(url, { method: "POST", headers: {}, body: "{}" });
    try {
      await expect(charge()).resolves.toMatchObject({ ok: true });
      await expect(charge()).resolves.toMatchObject({ ok: true });
      expect(connections).toBe(1); // kept while busy
      await new Promise((resolve) => setTimeout(resolve, 4_500));
      await expect(charge()).resolves.toMatchObject({ ok: true });
      expect(connections).toBe(2);
      // The idle limit is not a limit on a charge: one the gateway takes 4.5 s over is answered.
      await expect(
        nodeFetch(new URL("/v1/slow", url), { method: "POST", headers: {}, body: "{}" }),
      ).resolves.toMatchObject({ ok: true });
    } finally {
      balancer.closeAllConnections();
      await new Promise((resolve) => balancer.close(resolve));
    }
  }, 15_000);

  it("rejects with the signal's reason when the gateway does not answer in time", async () => {
    const error = await nodeFetch(new URL("/slow", base), {
      method: "POST",
      headers: {},
      body: "{}",
      signal: AbortSignal.timeout(100),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TimeoutError" });
  });

  it("rejects when nothing listens", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      nodeFetch(new URL(`http://127.0.0.1:${port}/`), { method: "GET", headers: {} }),
    ).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
  });
});
