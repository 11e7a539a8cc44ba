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
